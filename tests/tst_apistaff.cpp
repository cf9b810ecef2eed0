// compose-api's staff endpoints over real HTTP against PostgreSQL: tokens and roles, deliver,
// redeliver, refund through the Stripe simulator, the audit trail, Idempotency-Key, and 20
// parallel refunds that must never pay back more than was paid.
#include "apiharness.h"
#include "formstatus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

using namespace compose;
using compose::test::ApiHarness;

class tst_ApiStaff : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void authentication();
    void deliverAndRedeliver();
    void refundRules();
    void idempotency();
    void parallelRefundsDifferentKeys();
    void parallelRefundsSameKey();
    void parallelFullRefunds();

private:
    QString paidForm(const QString &id);
    qint64 refundedCents(const QString &formId);
    std::unique_ptr<ApiHarness> m_h;
    QString m_agent;
};

void tst_ApiStaff::initTestCase()
{
    m_h = std::make_unique<ApiHarness>(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(*m_h);
    QString error;
    QVERIFY2(m_h->start(ApiHarness::simulatedConfig(150), &error), qPrintable(error));
    m_agent = m_h->addStaff(QStringLiteral("agent-bob"), QStringLiteral("agent"));
}

void tst_ApiStaff::cleanupTestCase()
{
    m_h.reset();
}

QString tst_ApiStaff::paidForm(const QString &id)
{
    if (m_h->createForm(id, QStringLiteral("solo-serenade"), QStringLiteral("payer@example.com"))
                .status
            != 201
        || !m_h->generateAll(id, 1) || !m_h->waitStatus(id, QStringLiteral("variations_ready"))
        || !m_h->checkoutAndPay(id, QJsonObject {{QStringLiteral("0"), 1}}))
        return {};
    return id;
}

qint64 tst_ApiStaff::refundedCents(const QString &formId)
{
    QSqlQuery q(m_h->database().connection());
    q.exec(QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM compose_refunds WHERE form_id = "
                          "'%1' AND status = 'succeeded'")
               .arg(formId));
    return q.next() ? q.value(0).toLongLong() : -1;
}

void tst_ApiStaff::authentication()
{
    auto r = m_h->request("GET", QStringLiteral("/api/admin/me"));
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), QStringLiteral("unauthorized"));
    QCOMPARE(m_h->request("GET", QStringLiteral("/api/admin/me"), {},
                          ApiHarness::bearer(QStringLiteral("cst_nope")))
                 .status,
             401);
    QCOMPARE(m_h->request("GET", QStringLiteral("/api/admin/me"), {},
                          {{"Authorization", m_h->adminToken().toUtf8()}})
                 .status,
             401);
    r = m_h->request("GET", QStringLiteral("/api/admin/me"), {},
                     ApiHarness::bearer(m_h->adminToken()));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json,
             (QJsonObject {{QStringLiteral("name"), QStringLiteral("test-admin")},
                           {QStringLiteral("role"), QStringLiteral("admin")}}));
    r = m_h->request("GET", QStringLiteral("/api/admin/me"), {}, ApiHarness::bearer(m_agent));
    QCOMPARE(r.json.value(QStringLiteral("role")).toString(), QStringLiteral("agent"));
    // Tokens are stored only as SHA-256; re-keying invalidates the old token.
    QSqlQuery q(m_h->database().connection());
    QVERIFY(q.exec(QStringLiteral("SELECT token_hash FROM compose_staff WHERE name = 'agent-bob'"))
            && q.next());
    QCOMPARE(q.value(0).toString().size(), 64);
    QVERIFY(q.value(0).toString() != m_agent);
    const QString old = m_h->addStaff(QStringLiteral("agent-tmp"), QStringLiteral("agent"));
    const QString fresh = m_h->addStaff(QStringLiteral("agent-tmp"), QStringLiteral("agent"));
    QCOMPARE(
        m_h->request("GET", QStringLiteral("/api/admin/me"), {}, ApiHarness::bearer(old)).status,
        401);
    QCOMPARE(
        m_h->request("GET", QStringLiteral("/api/admin/me"), {}, ApiHarness::bearer(fresh)).status,
        200);
    // 401 on every staff route; wrong method is 405.
    for (const QString &action : {QStringLiteral("retry"), QStringLiteral("deliver"),
                                  QStringLiteral("redeliver"), QStringLiteral("refund")})
        QCOMPARE(m_h->request("POST", QStringLiteral("/api/admin/forms/x/") + action, "{}").status,
                 401);
    QCOMPARE(m_h->request("GET", QStringLiteral("/api/admin/forms/x/audit")).status, 401);
    QCOMPARE(m_h->request("GET", QStringLiteral("/api/admin/forms/x/refund"), {},
                          ApiHarness::bearer(m_agent))
                 .status,
             405);
    // Unknown form: 404, audited under the id asked for.
    r = m_h->request("POST", QStringLiteral("/api/admin/forms/form_ghost/deliver"), "{}",
                     ApiHarness::bearer(m_agent));
    QCOMPARE(r.status, 404);
    QVERIFY(q.exec(QStringLiteral(
                "SELECT http_status, staff_name FROM compose_audit WHERE form_id = 'form_ghost'"))
            && q.next());
    QCOMPARE(q.value(0).toInt(), 404);
    QCOMPARE(m_h->request("GET", QStringLiteral("/api/admin/forms/form_ghost/audit"), {},
                          ApiHarness::bearer(m_agent))
                 .status,
             404);
}

void tst_ApiStaff::deliverAndRedeliver()
{
    const QString unpaid = QStringLiteral("form_unpaid");
    QCOMPARE(m_h->createForm(unpaid, QStringLiteral("solo-serenade")).status, 201);
    auto r = m_h->request("POST", QStringLiteral("/api/admin/forms/%1/deliver").arg(unpaid), "{}",
                          ApiHarness::bearer(m_agent));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorMessage(),
             Status::actionBlockedReason(StaffAction::MarkDelivered, FormStatus::PromptsGenerated));
    QCOMPARE(m_h->request("POST", QStringLiteral("/api/admin/forms/%1/redeliver").arg(unpaid), "{}",
                          ApiHarness::bearer(m_agent))
                 .status,
             409);

    const QString id = paidForm(QStringLiteral("form_deliver"));
    QVERIFY(!id.isEmpty());
    QCOMPARE(m_h->json("POST", QStringLiteral("/api/admin/forms/%1/deliver").arg(id),
                       QJsonObject {{QStringLiteral("cc"), 1}}, ApiHarness::bearer(m_agent))
                 .errorCode(),
             QStringLiteral("unknown_field"));
    r = m_h->request("POST", QStringLiteral("/api/admin/forms/%1/deliver").arg(id), {},
                     ApiHarness::bearer(m_agent));
    QCOMPARE(r.status, 200);
    const QString link = r.json.value(QStringLiteral("delivery"))
                             .toObject()
                             .value(QStringLiteral("shareUrl"))
                             .toString();
    QVERIFY(link.startsWith(QLatin1String("https://share.example.test/s/")));
    QCOMPARE(r.json.value(QStringLiteral("delivery"))
                 .toObject()
                 .value(QStringLiteral("email"))
                 .toString(),
             QStringLiteral("payer@example.com"));
    r = m_h->request("POST", QStringLiteral("/api/admin/forms/%1/deliver").arg(id), {},
                     ApiHarness::bearer(m_agent));
    QCOMPARE(r.status, 409); // already delivered: use redeliver
    QCOMPARE(m_h->json("POST", QStringLiteral("/api/admin/forms/%1/redeliver").arg(id),
                       QJsonObject {{QStringLiteral("email"), QStringLiteral("not-an-address")}},
                       ApiHarness::bearer(m_agent))
                 .status,
             400);
    r = m_h->json("POST", QStringLiteral("/api/admin/forms/%1/redeliver").arg(id),
                  QJsonObject {{QStringLiteral("email"), QStringLiteral("other@example.com")}},
                  ApiHarness::bearer(m_agent));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("delivery"))
                 .toObject()
                 .value(QStringLiteral("shareUrl"))
                 .toString(),
             link); // same link
    QCOMPARE(m_h->request("POST", QStringLiteral("/api/admin/forms/%1/redeliver").arg(id), {},
                          ApiHarness::bearer(m_agent))
                 .status,
             200);

    r = m_h->request("GET", QStringLiteral("/api/admin/forms/%1/audit").arg(id), {},
                     ApiHarness::bearer(m_agent));
    QCOMPARE(r.status, 200);
    const QJsonArray deliveries = r.json.value(QStringLiteral("deliveries")).toArray();
    QCOMPARE(deliveries.size(), 3);
    QCOMPARE(deliveries.at(0).toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("redeliver"));
    QCOMPARE(deliveries.at(0).toObject().value(QStringLiteral("email")).toString(),
             QStringLiteral("payer@example.com"));
    QCOMPARE(deliveries.at(1).toObject().value(QStringLiteral("email")).toString(),
             QStringLiteral("other@example.com"));
    QCOMPARE(deliveries.at(2).toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("deliver"));
    QCOMPARE(deliveries.at(2).toObject().value(QStringLiteral("staff")).toString(),
             QStringLiteral("agent-bob"));
    const QJsonArray audit = r.json.value(QStringLiteral("audit")).toArray();
    QCOMPARE(audit.size(),
             6); // unknown field 400, deliver 200, deliver 409, redeliver 400, 200, 200
    QList<int> statuses;
    for (const QJsonValue &a : audit)
        statuses << a.toObject().value(QStringLiteral("httpStatus")).toInt();
    QCOMPARE(statuses, (QList<int> {200, 200, 400, 409, 200, 400}));
    const QJsonArray events = r.json.value(QStringLiteral("events")).toArray();
    QCOMPARE(events.at(0).toObject().value(QStringLiteral("to")).toString(),
             QStringLiteral("delivered"));
    QCOMPARE(events.at(0).toObject().value(QStringLiteral("from")).toString(),
             QStringLiteral("payment_completed"));
    QCOMPARE(events.at(0).toObject().value(QStringLiteral("actor")).toString(),
             QStringLiteral("agent-bob"));
    QCOMPARE(r.json.value(QStringLiteral("refundable")).toInt(), 999);
}

void tst_ApiStaff::refundRules()
{
    const QString id = paidForm(QStringLiteral("form_refund_rules"));
    QVERIFY(!id.isEmpty());
    const QString path = QStringLiteral("/api/admin/forms/%1/refund").arg(id);
    const auto admin = ApiHarness::bearer(m_h->adminToken());
    auto r = m_h->json("POST", path,
                       QJsonObject {{QStringLiteral("reason"), QStringLiteral("duplicate")}},
                       ApiHarness::bearer(m_agent));
    QCOMPARE(r.status, 403);
    QCOMPARE(m_h->json("POST", path,
                       QJsonObject {{QStringLiteral("reason"), QStringLiteral("other")}}, admin)
                 .status,
             400);
    QCOMPARE(m_h->json("POST", path,
                       QJsonObject {{QStringLiteral("reason"), QStringLiteral("because")}}, admin)
                 .status,
             400);
    QCOMPARE(m_h->json("POST", path,
                       QJsonObject {{QStringLiteral("reason"), QStringLiteral("duplicate")},
                                    {QStringLiteral("amount"), -5}},
                       admin)
                 .status,
             400);
    QCOMPARE(m_h->json("POST", path,
                       QJsonObject {{QStringLiteral("reason"), QStringLiteral("duplicate")},
                                    {QStringLiteral("amount"), QStringLiteral("5")}},
                       admin)
                 .status,
             400);
    r = m_h->json("POST", path,
                  QJsonObject {{QStringLiteral("reason"), QStringLiteral("other")},
                               {QStringLiteral("note"), QStringLiteral("Goodwill")},
                               {QStringLiteral("amount"), 400}},
                  admin);
    QCOMPARE(r.status, 200);
    QVERIFY(r.json.value(QStringLiteral("refund"))
                .toObject()
                .value(QStringLiteral("id"))
                .toString()
                .startsWith(QLatin1String("re_")));
    QCOMPARE(r.json.value(QStringLiteral("refundable")).toInt(), 599);
    r = m_h->json("POST", path,
                  QJsonObject {{QStringLiteral("reason"), QStringLiteral("duplicate")},
                               {QStringLiteral("amount"), 600}},
                  admin);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("amount_exceeds_refundable"));
    QVERIFY(r.errorMessage().contains(QLatin1String("599")));
    r = m_h->json("POST", path,
                  QJsonObject {{QStringLiteral("reason"), QStringLiteral("requested_by_customer")}},
                  admin); // the rest
    QCOMPARE(r.status, 200);
    QCOMPARE(
        r.json.value(QStringLiteral("refund")).toObject().value(QStringLiteral("amount")).toInt(),
        599);
    QCOMPARE(
        r.json.value(QStringLiteral("form")).toObject().value(QStringLiteral("status")).toString(),
        QStringLiteral("refunded"));
    r = m_h->json("POST", path,
                  QJsonObject {{QStringLiteral("reason"), QStringLiteral("duplicate")}}, admin);
    QCOMPARE(r.status, 409);
    QCOMPARE(refundedCents(id), 999);

    // Stripe's charge.refunded arrived too; the audit view shows the refunds with their staff.
    QVERIFY(m_h->waitFor([&] {
        QSqlQuery q(m_h->database().connection());
        return q.exec(QStringLiteral(
                   "SELECT count(*) FROM compose_stripe_events WHERE type = 'charge.refunded'"))
            && q.next() && q.value(0).toInt() >= 2;
    }));
    r = m_h->request("GET", QStringLiteral("/api/admin/forms/%1/audit").arg(id), {}, admin);
    const QJsonArray refunds = r.json.value(QStringLiteral("refunds")).toArray();
    QCOMPARE(refunds.size(), 2);
    QCOMPARE(r.json.value(QStringLiteral("refundable")).toInt(), 0);
    QSet<QString> reasons;
    for (const QJsonValue &v : refunds) {
        QCOMPARE(v.toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("succeeded"));
        QCOMPARE(v.toObject().value(QStringLiteral("staff")).toString(),
                 QStringLiteral("test-admin"));
        reasons << v.toObject().value(QStringLiteral("reason")).toString();
    }
    QCOMPARE(reasons,
             (QSet<QString> {QStringLiteral("other"), QStringLiteral("requested_by_customer")}));
    const QJsonArray audit = r.json.value(QStringLiteral("audit")).toArray();
    QCOMPARE(audit.size(), 9);
    QCOMPARE(audit.last().toObject().value(QStringLiteral("httpStatus")).toInt(), 403);
    QCOMPARE(audit.last().toObject().value(QStringLiteral("staff")).toString(),
             QStringLiteral("agent-bob"));
}

void tst_ApiStaff::idempotency()
{
    const QString id = paidForm(QStringLiteral("form_idem"));
    QVERIFY(!id.isEmpty());
    const QString path = QStringLiteral("/api/admin/forms/%1/refund").arg(id);
    const QByteArray body = R"({"reason":"duplicate","amount":100})";
    const auto first
        = m_h->request("POST", path, body, ApiHarness::bearer(m_h->adminToken(), "key-1"));
    QCOMPARE(first.status, 200);
    const auto replay
        = m_h->request("POST", path, body, ApiHarness::bearer(m_h->adminToken(), "key-1"));
    QCOMPARE(replay.status, 200);
    QCOMPARE(replay.body, first.body);
    QCOMPARE(replay.headers.value("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(refundedCents(id), 100);
    const auto reused = m_h->request("POST", path, R"({"reason":"duplicate","amount":200})",
                                     ApiHarness::bearer(m_h->adminToken(), "key-1"));
    QCOMPARE(reused.status, 422);
    QCOMPARE(reused.errorCode(), QStringLiteral("idempotency_key_reused"));
    // A refused request is replayed as refused, too.
    const auto refused = m_h->request("POST", path, R"({"reason":"duplicate","amount":5000})",
                                      ApiHarness::bearer(m_h->adminToken(), "key-2"));
    QCOMPARE(refused.status, 409);
    QCOMPARE(m_h->request("POST", path, R"({"reason":"duplicate","amount":5000})",
                          ApiHarness::bearer(m_h->adminToken(), "key-2"))
                 .body,
             refused.body);
    // Deliver with a key: acting once, replaying the answer.
    const QString dpath = QStringLiteral("/api/admin/forms/%1/deliver").arg(id);
    const auto d1 = m_h->request("POST", dpath, "{}", ApiHarness::bearer(m_agent, "deliver-1"));
    const auto d2 = m_h->request("POST", dpath, "{}", ApiHarness::bearer(m_agent, "deliver-1"));
    QCOMPARE(d1.status, 200);
    QCOMPARE(d2.status, 200);
    QCOMPARE(d2.body, d1.body);
    QSqlQuery q(m_h->database().connection());
    QVERIFY(
        q.exec(
            QStringLiteral("SELECT count(*) FROM compose_deliveries WHERE form_id = '%1'").arg(id))
        && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    // Keys belong to one staff member: the admin's "deliver-1" is a new key.
    QCOMPARE(m_h->request("POST", dpath, "{}", ApiHarness::bearer(m_h->adminToken(), "deliver-1"))
                 .status,
             409);
}

void tst_ApiStaff::parallelRefundsDifferentKeys()
{
    const QString id = paidForm(QStringLiteral("form_par_keys"));
    QVERIFY(!id.isEmpty());
    QList<ApiHarness::Pending> calls;
    for (int i = 0; i < 20; ++i)
        calls << ApiHarness::Pending {
            "POST", QStringLiteral("/api/admin/forms/%1/refund").arg(id),
            R"({"reason":"duplicate","amount":300})",
            ApiHarness::bearer(m_h->adminToken(), "par-" + QByteArray::number(i))};
    const auto replies = m_h->parallel(calls);
    int ok = 0, refused = 0;
    for (const auto &r : replies) {
        if (r.status == 200)
            ++ok;
        else if (r.status == 409 && r.errorCode() == QLatin1String("amount_exceeds_refundable"))
            ++refused;
        else
            QFAIL(r.body.constData());
    }
    QCOMPARE(ok, 3); // 3 × 300 of 999; a fourth would exceed it
    QCOMPARE(refused, 17);
    QCOMPARE(refundedCents(id), 900);
}

void tst_ApiStaff::parallelRefundsSameKey()
{
    const QString id = paidForm(QStringLiteral("form_par_same"));
    QVERIFY(!id.isEmpty());
    QList<ApiHarness::Pending> calls;
    for (int i = 0; i < 20; ++i)
        calls << ApiHarness::Pending {"POST", QStringLiteral("/api/admin/forms/%1/refund").arg(id),
                                      R"({"reason":"duplicate","amount":300})",
                                      ApiHarness::bearer(m_h->adminToken(), "same-key")};
    const auto replies = m_h->parallel(calls);
    int ok = 0;
    QByteArray body;
    for (const auto &r : replies) {
        if (r.status == 200) {
            ++ok;
            if (!body.isEmpty())
                QCOMPARE(r.body, body); // replays are the first answer
            body = r.body;
        } else {
            QCOMPARE(r.status, 409);
            QCOMPARE(r.errorCode(), QStringLiteral("idempotency_in_progress"));
        }
    }
    QVERIFY(ok >= 1);
    QCOMPARE(refundedCents(id), 300);
    QSqlQuery q(m_h->database().connection());
    QVERIFY(
        q.exec(QStringLiteral("SELECT count(*) FROM compose_refunds WHERE form_id = '%1'").arg(id))
        && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
}

void tst_ApiStaff::parallelFullRefunds()
{
    const QString id = paidForm(QStringLiteral("form_par_full"));
    QVERIFY(!id.isEmpty());
    QList<ApiHarness::Pending> calls;
    for (int i = 0; i < 20; ++i)
        calls << ApiHarness::Pending {"POST", QStringLiteral("/api/admin/forms/%1/refund").arg(id),
                                      R"({"reason":"fraudulent"})",
                                      ApiHarness::bearer(m_h->adminToken())};
    int ok = 0;
    for (const auto &r : m_h->parallel(calls)) {
        if (r.status == 200)
            ++ok;
        else
            QCOMPARE(r.status, 409);
    }
    QCOMPARE(ok, 1);
    QCOMPARE(refundedCents(id), 999);
    QCOMPARE(m_h->form(id).value(QStringLiteral("status")).toString(), QStringLiteral("refunded"));
}

QTEST_MAIN(tst_ApiStaff)
#include "tst_apistaff.moc"
