// Refunds under faults, counted at a Stripe stand-in that performs real (simulated) refunds:
// Stripe unavailable, Stripe timing out after refunding, compose-api killed with SIGKILL while
// its refund call is in flight (then restarted), and the sweep that settles what nobody retried.
// Each checks what really happened: refunds performed at "Stripe", compose_refunds, the
// refundable amount and the audit trail.
#include "apiharness.h"
#include "seedrows.h"
#include "stripestandin.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>

using namespace compose;
using compose::test::ApiHarness;
using compose::test::StripeStandIn;

namespace {

const QString kIntent = QStringLiteral("pi_standin_");

} // namespace

class tst_ApiRefundFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void badAmountsRefusedBeforeStripe_data();
    void badAmountsRefusedBeforeStripe();
    void unavailableThenSameKeyRetries();
    void timeoutAfterRefundThenSameKeyRefundsOnce();
    void finalRefusalIsStored();
    void databaseErrorIsNotStored();
    void stripeServerErrorReleasedBySweep();
    void stripeErrorAfterRefundSettledBySweep();
    void sweepSettlesUnretriedTimeout();
    void killedMidRefundThenRetried();
    void killedMidRefundSettledBySweep();

private:
    QString paidForm(const QString &id, qint64 amount = 999);
    QString refundPath(const QString &formId) const
    {
        return QStringLiteral("/api/admin/forms/%1/refund").arg(formId);
    }
    int count(const QString &sql);
    qint64 refundable(const QString &formId);
    // compose-api as a child process on the harness's database, Stripe at the stand-in.
    bool startChild(QProcess &p, QUrl *base, int sweepIntervalS);
    ApiHarness::Reply send(QNetworkAccessManager &nam, const QUrl &base, const QString &path,
                           const QByteArray &body, const QByteArray &key, const QString &token);

    std::unique_ptr<ApiHarness> m_h;
    std::unique_ptr<StripeStandIn> m_stripe;
    int m_forms = 0;
};

void tst_ApiRefundFaults::initTestCase()
{
    m_h = std::make_unique<ApiHarness>(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(*m_h);
    m_stripe = std::make_unique<StripeStandIn>();
    ServerConfig c;
    c.simulate = false;
    c.stripeBaseUrl = m_stripe->baseUrl();
    c.stripeKey = QStringLiteral("sk_test_standin");
    c.stripeWebhookSecret = QStringLiteral("whsec_standin");
    c.musicGptKey = QStringLiteral("musicgpt_standin");
    c.musicGptBaseUrl = QUrl(QStringLiteral("http://127.0.0.1:9")); // never called here
    c.expiryIntervalS = 3600;
    c.upstreamTimeoutMs = 1500;
    c.idempotencyLeaseS = 3;
    c.refundSweepIntervalS = 1;
    QString error;
    QVERIFY2(m_h->start(c, &error), qPrintable(error));
}

void tst_ApiRefundFaults::cleanupTestCase()
{
    m_h.reset();
    m_stripe.reset();
}

QString tst_ApiRefundFaults::paidForm(const QString &prefix, qint64 amount)
{
    const QString id = QStringLiteral("%1_%2").arg(prefix).arg(++m_forms);
    test::FormSpec f;
    f.id = id;
    f.status = QStringLiteral("payment_completed");
    f.stripePaymentIntentId = QString(kIntent + id);
    f.amountPaid = amount;
    f.paidAt = QDateTime::currentDateTimeUtc();
    test::insertForm(m_h->database().connection(), f);
    m_stripe->addPayment(kIntent + id, amount);
    return id;
}

int tst_ApiRefundFaults::count(const QString &sql)
{
    QSqlQuery q(m_h->database().connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toInt();
}

qint64 tst_ApiRefundFaults::refundable(const QString &formId)
{
    const auto r = m_h->request("GET", QStringLiteral("/api/admin/forms/%1/audit").arg(formId), {},
                                ApiHarness::bearer(m_h->adminToken()));
    return r.status == 200 ? qint64(r.json.value(QStringLiteral("refundable")).toDouble()) : -1;
}

void tst_ApiRefundFaults::badAmountsRefusedBeforeStripe_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("field");
    QTest::addRow("null amount") << QByteArray(R"({"reason":"duplicate","amount":null})")
                                 << QStringLiteral("amount");
    QTest::addRow("string amount")
        << QByteArray(R"({"reason":"duplicate","amount":"100"})") << QStringLiteral("amount");
    QTest::addRow("float amount") << QByteArray(R"({"reason":"duplicate","amount":100.5})")
                                  << QStringLiteral("amount");
    QTest::addRow("negative amount")
        << QByteArray(R"({"reason":"duplicate","amount":-100})") << QStringLiteral("amount");
    QTest::addRow("zero amount") << QByteArray(R"({"reason":"duplicate","amount":0})")
                                 << QStringLiteral("amount");
    QTest::addRow("huge amount") << QByteArray(R"({"reason":"duplicate","amount":1e300})")
                                 << QStringLiteral("amount");
    QTest::addRow("duplicate amount")
        << QByteArray(R"({"reason":"duplicate","amount":100,"amount":null})")
        << QStringLiteral("amount");
    QTest::addRow("duplicate reason")
        << QByteArray(R"({"reason":"duplicate","reason":"fraudulent"})")
        << QStringLiteral("reason");
    QTest::addRow("null note") << QByteArray(R"({"reason":"duplicate","note":null})")
                               << QStringLiteral("note");
    QTest::addRow("null reason") << QByteArray(R"({"reason":null})") << QStringLiteral("reason");
    QTest::addRow("unknown field") << QByteArray(R"({"reason":"duplicate","amountCents":100})")
                                   << QStringLiteral("amountCents");
}

void tst_ApiRefundFaults::badAmountsRefusedBeforeStripe()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const QString id = paidForm(QStringLiteral("form_bad"));
    const int before = m_stripe->requestsSeen();
    const auto r
        = m_h->request("POST", refundPath(id), body,
                       ApiHarness::bearer(m_h->adminToken(), "bad-" + QByteArray::number(m_forms)));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.json.value(QStringLiteral("error"))
                 .toObject()
                 .value(QStringLiteral("details"))
                 .toObject()
                 .value(QStringLiteral("field"))
                 .toString(),
             field);
    QCOMPARE(m_stripe->requestsSeen(), before); // Stripe was never asked
    QCOMPARE(
        count(QStringLiteral("SELECT count(*) FROM compose_refunds WHERE form_id = '%1'").arg(id)),
        0);
    QCOMPARE(refundable(id), 999);
    QCOMPARE(
        count(QStringLiteral(
                  "SELECT count(*) FROM compose_audit WHERE form_id = '%1' AND http_status = 400")
                  .arg(id)),
        1);
}

void tst_ApiRefundFaults::unavailableThenSameKeyRetries()
{
    const QString id = paidForm(QStringLiteral("form_unavail"));
    const QByteArray body = R"({"reason":"duplicate","amount":300})";
    const int performed = m_stripe->refundsPerformed();
    m_stripe->setFault(StripeStandIn::Fault::Unavailable, 1);
    auto r = m_h->request("POST", refundPath(id), body,
                          ApiHarness::bearer(m_h->adminToken(), "unavail-1"));
    QCOMPARE(r.status, 502);
    QCOMPARE(m_stripe->refundsPerformed(), performed);
    // Try again with the same key: really asked again (not the stored 502), refunded once.
    r = m_h->request("POST", refundPath(id), body,
                     ApiHarness::bearer(m_h->adminToken(), "unavail-1"));
    QCOMPARE(r.status, 200);
    QVERIFY(!r.headers.contains("idempotent-replayed"));
    QCOMPARE(m_stripe->refundsPerformed(), performed + 1);
    QCOMPARE(m_stripe->refunded(kIntent + id), 300);
    QCOMPARE(
        count(QStringLiteral("SELECT count(*) FROM compose_refunds WHERE form_id = '%1'").arg(id)),
        1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM compose_refunds WHERE form_id = '%1' AND "
                                  "status = 'succeeded' AND amount = 300")
                       .arg(id)),
             1);
    QCOMPARE(refundable(id), 699);
    // Now the answer is final and replayed.
    const auto replay = m_h->request("POST", refundPath(id), body,
                                     ApiHarness::bearer(m_h->adminToken(), "unavail-1"));
    QCOMPARE(replay.status, 200);
    QCOMPARE(replay.headers.value("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(m_stripe->refundsPerformed(), performed + 1);
    // Both attempts are audited: the failed one and the one that worked.
    QCOMPARE(
        count(QStringLiteral(
                  "SELECT count(*) FROM compose_audit WHERE form_id = '%1' AND http_status = 502")
                  .arg(id)),
        1);
    QCOMPARE(
        count(QStringLiteral(
                  "SELECT count(*) FROM compose_audit WHERE form_id = '%1' AND http_status = 200")
                  .arg(id)),
        1);
}

void tst_ApiRefundFaults::timeoutAfterRefundThenSameKeyRefundsOnce()
{
    const QString id = paidForm(QStringLiteral("form_timeout"));
    const QByteArray body = R"({"reason":"requested_by_customer"})";
    const int performed = m_stripe->refundsPerformed();
    m_stripe->setFault(StripeStandIn::Fault::HangAfter, 1); // refunds, then never answers
    auto r = m_h->request("POST", refundPath(id), body,
                          ApiHarness::bearer(m_h->adminToken(), "timeout-1"));
    QCOMPARE(r.status, 502);
    QCOMPARE(m_stripe->refundsPerformed(), performed + 1);
    // The outcome is unknown: the amount stays reserved, nothing more can be refunded meanwhile.
    QCOMPARE(refundable(id), 0);
    r = m_h->request("POST", refundPath(id), body,
                     ApiHarness::bearer(m_h->adminToken(), "timeout-1"));
    QCOMPARE(r.status, 200);
    QCOMPARE(
        r.json.value(QStringLiteral("form")).toObject().value(QStringLiteral("status")).toString(),
        QStringLiteral("refunded"));
    QCOMPARE(m_stripe->refundsPerformed(), performed + 1); // asked again under the same Stripe key
    QCOMPARE(m_stripe->refunded(kIntent + id), 999);
    const QStringList keys = m_stripe->keysSeen().mid(m_stripe->keysSeen().size() - 2);
    QCOMPARE(keys.size(), 2);
    QCOMPARE(keys.at(0), keys.at(1));
    QVERIFY(!keys.at(0).isEmpty());
    QCOMPARE(
        count(QStringLiteral("SELECT count(*) FROM compose_refunds WHERE form_id = '%1'").arg(id)),
        1);
    QCOMPARE(refundable(id), 0);
}

void tst_ApiRefundFaults::finalRefusalIsStored()
{
    // Stripe refuses (the charge was already refunded on Stripe's side): a final answer, stored
    // and replayed, and the reserved amount is released again.
    const QString id = paidForm(QStringLiteral("form_refused"));
    m_stripe->addPayment(kIntent + id, 0);
    const QByteArray body = R"({"reason":"fraudulent","amount":100})";
    const int requests = m_stripe->requestsSeen();
    const auto r = m_h->request("POST", refundPath(id), body,
                                ApiHarness::bearer(m_h->adminToken(), "refused-1"));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("stripe_refused"));
    const auto again = m_h->request("POST", refundPath(id), body,
                                    ApiHarness::bearer(m_h->adminToken(), "refused-1"));
    QCOMPARE(again.status, 409);
    QCOMPARE(again.headers.value("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(m_stripe->requestsSeen(), requests + 1);
    QCOMPARE(
        count(QStringLiteral(
                  "SELECT count(*) FROM compose_refunds WHERE form_id = '%1' AND status = 'failed'")
                  .arg(id)),
        1);
    QCOMPARE(refundable(id), 999);
}

void tst_ApiRefundFaults::databaseErrorIsNotStored()
{
    // The database refuses the change in the middle of a staff action (500): the attempt is
    // audited, but the key is not answered with the 500 forever; the same key works once the
    // database does.
    const QString id = paidForm(QStringLiteral("form_dberror"));
    m_h->database().exec(
        QStringLiteral("CREATE OR REPLACE FUNCTION compose_test_refuse() RETURNS trigger AS $$ "
                       "BEGIN RAISE EXCEPTION 'injected failure'; END $$ LANGUAGE plpgsql"));
    m_h->database().exec(
        QStringLiteral(
            "CREATE TRIGGER compose_test_refuse BEFORE INSERT ON compose_deliveries "
            "FOR EACH ROW WHEN (NEW.form_id = '%1') EXECUTE FUNCTION compose_test_refuse()")
            .arg(id));
    const QString path = QStringLiteral("/api/admin/forms/%1/deliver").arg(id);
    auto r = m_h->request("POST", path, "{}", ApiHarness::bearer(m_h->adminToken(), "db-1"));
    QCOMPARE(r.status, 500);
    QCOMPARE(
        count(QStringLiteral(
                  "SELECT count(*) FROM compose_audit WHERE form_id = '%1' AND http_status = 500")
                  .arg(id)),
        1);
    QCOMPARE(
        count(
            QStringLiteral("SELECT count(*) FROM compose_deliveries WHERE form_id = '%1'").arg(id)),
        0);
    m_h->database().exec(QStringLiteral("DROP TRIGGER compose_test_refuse ON compose_deliveries"));
    r = m_h->request("POST", path, "{}", ApiHarness::bearer(m_h->adminToken(), "db-1"));
    QCOMPARE(r.status, 200);
    QVERIFY(!r.headers.contains("idempotent-replayed"));
    QCOMPARE(
        count(
            QStringLiteral("SELECT count(*) FROM compose_deliveries WHERE form_id = '%1'").arg(id)),
        1);
    r = m_h->request("POST", path, "{}", ApiHarness::bearer(m_h->adminToken(), "db-1"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.headers.value("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(
        count(
            QStringLiteral("SELECT count(*) FROM compose_deliveries WHERE form_id = '%1'").arg(id)),
        1);
}

void tst_ApiRefundFaults::sweepSettlesUnretriedTimeout()
{
    const QString id = paidForm(QStringLiteral("form_sweep"));
    const int performed = m_stripe->refundsPerformed();
    m_stripe->setFault(StripeStandIn::Fault::HangAfter, 1);
    const auto r = m_h->request("POST", refundPath(id), R"({"reason":"duplicate","amount":250})",
                                ApiHarness::bearer(m_h->adminToken(), "sweep-1"));
    QCOMPARE(r.status, 502);
    // Nobody retries: the sweep (every second, lease 3 s) asks Stripe under the same key.
    QVERIFY(m_h->waitFor(
        [&] {
            return count(QStringLiteral("SELECT count(*) FROM compose_refunds WHERE form_id = '%1' "
                                        "AND status = 'succeeded'")
                             .arg(id))
                == 1;
        },
        20000));
    QCOMPARE(m_stripe->refundsPerformed(), performed + 1);
    QCOMPARE(m_stripe->refunded(kIntent + id), 250);
    QCOMPARE(refundable(id), 749);
    QCOMPARE(
        count(QStringLiteral(
                  "SELECT count(*) FROM compose_audit WHERE form_id = '%1' AND http_status = 200 "
                  "AND request->>'by' = 'sweep'")
                  .arg(id)),
        1);
    // The staff member's retry now gets the settled refund, and nothing is refunded again.
    const auto retry
        = m_h->request("POST", refundPath(id), R"({"reason":"duplicate","amount":250})",
                       ApiHarness::bearer(m_h->adminToken(), "sweep-1"));
    QCOMPARE(retry.status, 200);
    QCOMPARE(retry.json.value(QStringLiteral("refundable")).toInt(), 749);
    QCOMPARE(m_stripe->refundsPerformed(), performed + 1);
}

void tst_ApiRefundFaults::stripeServerErrorReleasedBySweep()
{
    // Stripe answers 500 and, as Stripe does, replays that 500 for the key forever: asking again
    // under the key cannot settle it. The sweep reads the payment's refunds at Stripe, finds
    // none for this reservation, and releases the amount; nothing was refunded.
    const QString id = paidForm(QStringLiteral("form_s500"));
    const QByteArray body = R"({"reason":"duplicate","amount":200})";
    const int performed = m_stripe->refundsPerformed();
    m_stripe->setFault(StripeStandIn::Fault::ServerError, 1);
    auto r = m_h->request("POST", refundPath(id), body,
                          ApiHarness::bearer(m_h->adminToken(), "s500-1"));
    QCOMPARE(r.status, 502);
    r = m_h->request("POST", refundPath(id), body, ApiHarness::bearer(m_h->adminToken(), "s500-1"));
    QCOMPARE(r.status, 502); // Stripe's stored 500 again; still unknown, still reserved
    QCOMPARE(refundable(id), 799);
    QVERIFY(m_h->waitFor(
        [&] {
            return count(QStringLiteral("SELECT count(*) FROM compose_refunds WHERE form_id = '%1' "
                                        "AND status = 'failed'")
                             .arg(id))
                == 1;
        },
        20000));
    QCOMPARE(m_stripe->refundsPerformed(), performed);
    QCOMPARE(refundable(id), 999);
    QCOMPARE(
        count(QStringLiteral(
                  "SELECT count(*) FROM compose_audit WHERE form_id = '%1' AND http_status = 409 "
                  "AND request->>'by' = 'sweep'")
                  .arg(id)),
        1);
    // The staff member's key now has its final answer, stored and replayed.
    r = m_h->request("POST", refundPath(id), body, ApiHarness::bearer(m_h->adminToken(), "s500-1"));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("stripe_refused"));
    r = m_h->request("POST", refundPath(id), body, ApiHarness::bearer(m_h->adminToken(), "s500-1"));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.headers.value("idempotent-replayed"), QByteArray("true"));
    // A new request may refund the amount now.
    r = m_h->request("POST", refundPath(id), body, ApiHarness::bearer(m_h->adminToken(), "s500-2"));
    QCOMPARE(r.status, 200);
    QCOMPARE(m_stripe->refundsPerformed(), performed + 1);
    QCOMPARE(refundable(id), 799);
}

void tst_ApiRefundFaults::stripeErrorAfterRefundSettledBySweep()
{
    // Stripe refunds but answers 500 (and replays the 500): the sweep finds the refund in the
    // payment's list by our reservation id and records it; nothing is refunded twice.
    const QString id = paidForm(QStringLiteral("form_e500"));
    const QByteArray body = R"({"reason":"fraudulent","amount":450})";
    const int performed = m_stripe->refundsPerformed();
    m_stripe->setFault(StripeStandIn::Fault::ErrorAfter, 1);
    auto r = m_h->request("POST", refundPath(id), body,
                          ApiHarness::bearer(m_h->adminToken(), "e500-1"));
    QCOMPARE(r.status, 502);
    QCOMPARE(m_stripe->refundsPerformed(), performed + 1);
    QVERIFY(m_h->waitFor(
        [&] {
            return count(QStringLiteral("SELECT count(*) FROM compose_refunds WHERE form_id = '%1' "
                                        "AND status = 'succeeded'")
                             .arg(id))
                == 1;
        },
        20000));
    QCOMPARE(m_stripe->refundsPerformed(), performed + 1);
    QCOMPARE(m_stripe->refunded(kIntent + id), 450);
    QCOMPARE(refundable(id), 549);
    r = m_h->request("POST", refundPath(id), body, ApiHarness::bearer(m_h->adminToken(), "e500-1"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("refundable")).toInt(), 549);
    QCOMPARE(m_stripe->refundsPerformed(), performed + 1);
}

bool tst_ApiRefundFaults::startChild(QProcess &p, QUrl *base, int sweepIntervalS)
{
    const QString exe
        = QCoreApplication::applicationDirPath() + QStringLiteral("/../server/compose-api");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("COMPOSE_STRIPE_KEY"), QStringLiteral("sk_test_standin"));
    env.insert(QStringLiteral("COMPOSE_STRIPE_WEBHOOK_SECRET"), QStringLiteral("whsec_standin"));
    env.insert(QStringLiteral("COMPOSE_MUSICGPT_KEY"), QStringLiteral("musicgpt_standin"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(exe,
            {QStringLiteral("--database-url"), m_h->database().url(), QStringLiteral("--port"),
             QStringLiteral("0"), QStringLiteral("--stripe-url"), m_stripe->baseUrl().toString(),
             QStringLiteral("--musicgpt-url"), QStringLiteral("http://127.0.0.1:9"),
             QStringLiteral("--upstream-timeout-ms"), QStringLiteral("30000"),
             QStringLiteral("--idempotency-lease-s"), QStringLiteral("2"),
             QStringLiteral("--refund-sweep-interval-s"), QString::number(sweepIntervalS),
             QStringLiteral("--expiry-interval-s"), QStringLiteral("3600")});
    if (!p.waitForStarted(10000))
        return false;
    static const QRegularExpression re(
        QStringLiteral("listening on (http://127\\.0\\.0\\.1:\\d+)"));
    QByteArray out;
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired() && p.state() == QProcess::Running) {
        p.waitForReadyRead(100);
        out += p.readAll();
        const auto m = re.match(QString::fromUtf8(out));
        if (m.hasMatch()) {
            *base = QUrl(m.captured(1));
            return true;
        }
    }
    qWarning().noquote() << "compose-api did not start:" << out;
    return false;
}

ApiHarness::Reply tst_ApiRefundFaults::send(QNetworkAccessManager &nam, const QUrl &base,
                                            const QString &path, const QByteArray &body,
                                            const QByteArray &key, const QString &token)
{
    QUrl url = base;
    url.setPath(path);
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    req.setRawHeader("Idempotency-Key", key);
    req.setTransferTimeout(15000);
    QNetworkReply *reply = nam.post(req, body);
    QDeadlineTimer deadline(16000);
    while (!reply->isFinished() && !deadline.hasExpired())
        QTest::qWait(10);
    ApiHarness::Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.json = QJsonDocument::fromJson(r.body).object();
    reply->deleteLater();
    return r;
}

void tst_ApiRefundFaults::killedMidRefundThenRetried()
{
    const QString id = paidForm(QStringLiteral("form_kill"));
    const QString path = refundPath(id);
    const QByteArray body = R"({"reason":"requested_by_customer","amount":500})";
    const QString token = m_h->adminToken();
    const int performed = m_stripe->refundsPerformed();

    QProcess first;
    QUrl base;
    QVERIFY(startChild(first, &base, 3600));
    m_stripe->setFault(StripeStandIn::Fault::HangAfter, 1);
    QNetworkAccessManager nam;
    QUrl url = base;
    url.setPath(path);
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    req.setRawHeader("Idempotency-Key", "kill-1");
    QNetworkReply *inFlight = nam.post(req, body);
    // Stripe has refunded; compose-api waits for the answer that will never come. Kill it.
    QVERIFY(m_h->waitFor([&] { return m_stripe->refundsPerformed() == performed + 1; }, 15000));
    first.kill(); // SIGKILL
    QVERIFY(first.waitForFinished(10000));
    QVERIFY(m_h->waitFor([&] { return inFlight->isFinished(); }, 10000));
    inFlight->deleteLater();
    QCOMPARE(
        count(
            QStringLiteral(
                "SELECT count(*) FROM compose_refunds WHERE form_id = '%1' AND status = 'pending'")
                .arg(id)),
        1);

    QProcess second;
    QVERIFY(startChild(second, &base, 3600)); // no sweep: the retry alone must settle it
    ApiHarness::Reply r;
    int inProgress = 0;
    QDeadlineTimer deadline(20000);
    do {
        r = send(nam, base, path, body, "kill-1", token);
        if (r.status == 409 && r.errorCode() == QLatin1String("idempotency_in_progress")) {
            ++inProgress; // the lease (2 s) of the dead request has not run out yet
            QTest::qWait(300);
            continue;
        }
        break;
    } while (!deadline.hasExpired());
    QCOMPARE(r.status, 200);
    QCOMPARE(m_stripe->refundsPerformed(), performed + 1); // exactly one refund at Stripe
    QCOMPARE(m_stripe->refunded(kIntent + id), 500);
    QCOMPARE(
        count(QStringLiteral("SELECT count(*) FROM compose_refunds WHERE form_id = '%1'").arg(id)),
        1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM compose_refunds WHERE form_id = '%1' AND "
                                  "status = 'succeeded' "
                                  "AND substr(id, 1, 3) = 're_'")
                       .arg(id)),
             1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM compose_idempotency WHERE idem_key = "
                                  "'kill-1' AND response_status = 200")),
             1);
    QCOMPARE(r.json.value(QStringLiteral("refundable")).toInt(), 499);
    // The staff attempts are all audited (the in-process server's own sweep may have settled it
    // first and audited that too; the retry then answers with the settled refund).
    QCOMPARE(
        count(QStringLiteral(
                  "SELECT count(*) FROM compose_audit WHERE form_id = '%1' AND http_status = 200 "
                  "AND request->>'by' IS NULL")
                  .arg(id)),
        1);
    QCOMPARE(
        count(QStringLiteral(
                  "SELECT count(*) FROM compose_audit WHERE form_id = '%1' AND http_status = 409")
                  .arg(id)),
        inProgress);
    second.kill();
    second.waitForFinished(10000);
    QCOMPARE(refundable(id), 499);
}

void tst_ApiRefundFaults::killedMidRefundSettledBySweep()
{
    const QString id = paidForm(QStringLiteral("form_kill_sweep"));
    const int performed = m_stripe->refundsPerformed();
    QProcess first;
    QUrl base;
    QVERIFY(startChild(first, &base, 3600));
    m_stripe->setFault(StripeStandIn::Fault::HangAfter, 1);
    QNetworkAccessManager nam;
    QUrl url = base;
    url.setPath(refundPath(id));
    QNetworkRequest req(url);
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setRawHeader("Authorization", "Bearer " + m_h->adminToken().toUtf8());
    req.setRawHeader("Idempotency-Key", "kill-sweep-1");
    QNetworkReply *inFlight = nam.post(req, R"({"reason":"duplicate"})");
    QVERIFY(m_h->waitFor([&] { return m_stripe->refundsPerformed() == performed + 1; }, 15000));
    first.kill();
    QVERIFY(first.waitForFinished(10000));
    QVERIFY(m_h->waitFor([&] { return inFlight->isFinished(); }, 10000));
    inFlight->deleteLater();

    // A restarted process's sweep settles the stranded reservation without any retry.
    QProcess second;
    QVERIFY(startChild(second, &base, 1));
    QVERIFY(m_h->waitFor(
        [&] {
            return count(QStringLiteral("SELECT count(*) FROM compose_refunds WHERE form_id = '%1' "
                                        "AND status = 'succeeded'")
                             .arg(id))
                == 1;
        },
        20000));
    QCOMPARE(m_stripe->refundsPerformed(), performed + 1);
    QCOMPARE(m_stripe->refunded(kIntent + id), 999);
    QVERIFY(m_h->waitFor(
        [&] {
            return m_h->form(id).value(QStringLiteral("status")).toString()
                == QLatin1String("refunded");
        },
        5000));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM compose_audit WHERE form_id = '%1' AND "
                                  "request->>'by' = 'sweep'")
                       .arg(id)),
             1);
    // The staff member's retry is answered with the settled refund; nothing is refunded again.
    const auto r = send(nam, base, refundPath(id), R"({"reason":"duplicate"})", "kill-sweep-1",
                        m_h->adminToken());
    QCOMPARE(r.status, 200);
    QCOMPARE(
        r.json.value(QStringLiteral("refund")).toObject().value(QStringLiteral("amount")).toInt(),
        999);
    QCOMPARE(m_stripe->refundsPerformed(), performed + 1);
    second.kill();
    second.waitForFinished(10000);
}

QTEST_MAIN(tst_ApiRefundFaults)
#include "tst_apirefundfaults.moc"
