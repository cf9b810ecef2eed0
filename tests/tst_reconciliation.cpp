// Issue 12.3, reconciliation with Stripe: the simulator's list endpoints page as Stripe's do;
// every kind of finding is detected from a fixture that really makes it, and counted once however
// often (and by however many processes) the pass runs; a session paid with its webhook dropped
// becomes a finding that staff apply through the webhook's code path, so the late webhook (or a
// second apply) never records the payment twice; dismissing needs a note; both are audited.
#include "apichild.h"
#include "apiharness.h"
#include "reconciliationstore.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QUrlQuery>

using namespace compose;
using compose::test::ApiChild;
using compose::test::ApiHarness;

class tst_Reconciliation : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void simulatorListsPageLikeStripe();
    void everyKindIsFoundOnce();
    void cappedPassResumes();
    void droppedWebhookAppliedOnce();
    void applyRacesTheLateWebhook();
    void dismissNeedsANote();
    void leaseAndUniqueAcrossConnections();
    void twoProcessesReconcileAtOnce();

private:
    QString readyForm(const QString &id);
    QString checkout(const QString &formId);
    ApiHarness::Reply pay(const QString &sessionId, bool dropWebhook);
    ApiHarness::Reply reconcile(const QString &base = {});
    ApiHarness::Reply stripe(const QByteArray &method, const QString &path,
                             const QByteArray &form = {});
    qint64 findingId(const QString &kind, const QString &objectId);
    int count(const QString &sql) { return m_h->database().count(sql); }
    ApiHarness::Headers admin(const QByteArray &key = {})
    {
        return ApiHarness::bearer(m_h->adminToken(), key);
    }
    std::unique_ptr<ApiHarness> m_h;
    int m_keys = 0;
};

void tst_Reconciliation::initTestCase()
{
    m_h = std::make_unique<ApiHarness>(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(*m_h);
    ServerConfig c = ApiHarness::simulatedConfig(50);
    c.reconcileIntervalS = 0; // passes run when a test asks for one
    QString error;
    QVERIFY2(m_h->start(c, &error), qPrintable(error));
}

void tst_Reconciliation::cleanupTestCase()
{
    m_h.reset();
}

QString tst_Reconciliation::readyForm(const QString &id)
{
    if (m_h->createForm(id, QStringLiteral("solo-serenade")).status != 201
        || !m_h->generateAll(id, 1) || !m_h->waitStatus(id, QStringLiteral("variations_ready")))
        return {};
    return id;
}

QString tst_Reconciliation::checkout(const QString &formId)
{
    const auto r = m_h->json("POST", QStringLiteral("/api/stripe/checkout"),
                             QJsonObject {{QStringLiteral("formId"), formId},
                                          {QStringLiteral("selectedVariations"),
                                           QJsonObject {{QStringLiteral("0"), 1}}}});
    return r.status == 200 ? r.json.value(QStringLiteral("sessionId")).toString() : QString();
}

ApiHarness::Reply tst_Reconciliation::pay(const QString &sessionId, bool dropWebhook)
{
    return m_h->request(
        "POST",
        QStringLiteral("/sim/stripe/sessions/%1/pay%2")
            .arg(sessionId, dropWebhook ? QStringLiteral("?webhook=drop") : QString()));
}

ApiHarness::Reply tst_Reconciliation::reconcile(const QString &base)
{
    return m_h->request("POST", base + QStringLiteral("/api/admin/reconcile"), {},
                        admin(QByteArray("reconcile-") + QByteArray::number(++m_keys)));
}

ApiHarness::Reply tst_Reconciliation::stripe(const QByteArray &method, const QString &path,
                                             const QByteArray &form)
{
    return m_h->request(method, QStringLiteral("/sim/stripe") + path, form,
                        {{"Authorization", "Bearer sk_test_reconcile"},
                         {"Content-Type", "application/x-www-form-urlencoded"}});
}

qint64 tst_Reconciliation::findingId(const QString &kind, const QString &objectId)
{
    return m_h->database()
        .text(QStringLiteral("SELECT id FROM compose_reconciliation_findings WHERE kind = '%1' "
                             "AND stripe_object_id = '%2'")
                  .arg(kind, objectId))
        .toLongLong();
}

void tst_Reconciliation::simulatorListsPageLikeStripe()
{
    // Five payments outside Checkout, made in order: the list is newest first.
    QStringList made;
    for (int i = 0; i < 5; ++i) {
        const auto r = stripe("POST", QStringLiteral("/v1/payment_intents"),
                              QByteArrayLiteral("amount=") + QByteArray::number(100 + i)
                                  + QByteArrayLiteral("&currency=usd&confirm=true"
                                                      "&metadata[purpose]=paging"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json.value(QStringLiteral("status")).toString(), QStringLiteral("succeeded"));
        made.prepend(r.json.value(QStringLiteral("id")).toString());
    }
    QStringList seen;
    QString after;
    int pages = 0;
    for (bool more = true; more && pages < 10; ++pages) {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("limit"), QStringLiteral("2"));
        q.addQueryItem(QStringLiteral("created[gte]"), QStringLiteral("0"));
        if (!after.isEmpty())
            q.addQueryItem(QStringLiteral("starting_after"), after);
        const auto r = stripe("GET", QStringLiteral("/v1/payment_intents?") + q.toString());
        QCOMPARE(r.status, 200);
        const QJsonArray data = r.json.value(QStringLiteral("data")).toArray();
        QVERIFY(data.size() <= 2);
        for (const QJsonValue &v : data)
            seen << v.toObject().value(QStringLiteral("id")).toString();
        more = r.json.value(QStringLiteral("has_more")).toBool();
        if (!data.isEmpty())
            after = data.last().toObject().value(QStringLiteral("id")).toString();
    }
    // Every page but the last said has_more; together they are every intent, newest first.
    QCOMPARE(seen.mid(0, 5), made);
    QVERIFY(pages >= 3);
    // created[gte] in the future lists nothing; a bad limit and an unknown cursor are refused.
    const qint64 future = QDateTime::currentSecsSinceEpoch() + 3600;
    auto r = stripe("GET", QStringLiteral("/v1/payment_intents?created%5Bgte%5D=%1").arg(future));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("data")).toArray().size(), 0);
    QCOMPARE(r.json.value(QStringLiteral("has_more")).toBool(), false);
    QCOMPARE(stripe("GET", QStringLiteral("/v1/checkout/sessions?limit=101")).status, 400);
    QCOMPARE(stripe("GET", QStringLiteral("/v1/refunds?starting_after=re_nope")).status, 400);
    QCOMPARE(m_h->request("GET", QStringLiteral("/sim/stripe/v1/refunds")).status, 401);
}

void tst_Reconciliation::everyKindIsFoundOnce()
{
    // paid_without_webhook: paid at Stripe, the webhook never arrived.
    const QString dropped = readyForm(QStringLiteral("form_rec_dropped"));
    QVERIFY(!dropped.isEmpty());
    const QString droppedSession = checkout(dropped);
    auto r = pay(droppedSession, true);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("dropped")).toBool(), true);
    const QString droppedIntent = r.json.value(QStringLiteral("event"))
                                      .toObject()
                                      .value(QStringLiteral("data"))
                                      .toObject()
                                      .value(QStringLiteral("object"))
                                      .toObject()
                                      .value(QStringLiteral("payment_intent"))
                                      .toString();
    QVERIFY(droppedIntent.startsWith(QLatin1String("pi_")));

    // payment_without_form, twice: a paid session naming a form we do not have, and a payment
    // taken outside Checkout with no form at all.
    r = stripe("POST", QStringLiteral("/v1/checkout/sessions"),
               QByteArrayLiteral("mode=payment&line_items[0][price_data][unit_amount]=999"
                                 "&line_items[0][quantity]=1&metadata[formId]=form_never_made"));
    QCOMPARE(r.status, 200);
    const QString orphanSession = r.json.value(QStringLiteral("id")).toString();
    r = pay(orphanSession, false); // delivered: the webhook ignores an unknown form
    QCOMPARE(r.json.value(QStringLiteral("webhookStatus")).toInt(), 200);
    const QString orphanIntent = r.json.value(QStringLiteral("event"))
                                     .toObject()
                                     .value(QStringLiteral("data"))
                                     .toObject()
                                     .value(QStringLiteral("object"))
                                     .toObject()
                                     .value(QStringLiteral("payment_intent"))
                                     .toString();
    r = stripe("POST", QStringLiteral("/v1/payment_intents"),
               QByteArrayLiteral("amount=2500&currency=usd&confirm=true"));
    const QString bareIntent = r.json.value(QStringLiteral("id")).toString();
    QVERIFY(bareIntent.startsWith(QLatin1String("pi_")));

    // amount_mismatch: the order says another amount than Stripe charged.
    const QString mismatch = readyForm(QStringLiteral("form_rec_amount"));
    QString mismatchSession;
    QVERIFY(
        m_h->checkoutAndPay(mismatch, QJsonObject {{QStringLiteral("0"), 1}}, &mismatchSession));
    m_h->database().exec(
        QStringLiteral("UPDATE orders SET amount = 500 WHERE stripe_session_id = '%1'")
            .arg(mismatchSession));

    // refund_mismatch: refunded at Stripe, our row says it failed.
    const QString refunded = readyForm(QStringLiteral("form_rec_refund"));
    QVERIFY(m_h->checkoutAndPay(refunded, QJsonObject {{QStringLiteral("0"), 1}}));
    const QString refundEvents = QStringLiteral(
        "SELECT count(*) FROM compose_stripe_events WHERE type = 'charge.refunded'");
    const int eventsBefore = count(refundEvents);
    r = m_h->json("POST", QStringLiteral("/api/admin/forms/%1/refund").arg(refunded),
                  QJsonObject {{QStringLiteral("reason"), QStringLiteral("requested_by_customer")},
                               {QStringLiteral("amount"), 300}},
                  admin("rec-refund-1"));
    QCOMPARE(r.status, 200);
    // Stripe's charge.refunded event comes after the answer: wait for it, or it would undo the
    // fixture's change below.
    QVERIFY(m_h->waitFor([&] { return count(refundEvents) == eventsBefore + 1; }));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM compose_refunds WHERE form_id = '%1' "
                                  "AND id LIKE 're_%' AND status = 'succeeded'")
                       .arg(refunded)),
             1);
    const QString refundId = m_h->database().text(
        QStringLiteral("SELECT id FROM compose_refunds WHERE form_id = '%1'").arg(refunded));
    m_h->database().exec(
        QStringLiteral("UPDATE compose_refunds SET status = 'failed' WHERE id = '%1'")
            .arg(refundId));

    // An ordinary paid form makes no finding.
    const QString fine = readyForm(QStringLiteral("form_rec_fine"));
    QString fineSession;
    QVERIFY(m_h->checkoutAndPay(fine, QJsonObject {{QStringLiteral("0"), 1}}, &fineSession));

    const int before
        = count(QStringLiteral("SELECT count(*) FROM compose_reconciliation_findings"));
    r = reconcile();
    QCOMPARE(r.status, 200);
    const QJsonObject pass = r.json.value(QStringLiteral("pass")).toObject();
    QCOMPARE(pass.value(QStringLiteral("ran")).toBool(), true);
    QCOMPARE(pass.value(QStringLiteral("complete")).toBool(), true);
    const int recorded = pass.value(QStringLiteral("recorded")).toInt();
    QVERIFY(pass.value(QStringLiteral("listed")).toInt() >= 10);

    auto kindCount = [&](const QString &where) {
        return count(QStringLiteral("SELECT count(*) FROM compose_reconciliation_findings WHERE %1")
                         .arg(where));
    };
    QCOMPARE(kindCount(QStringLiteral("kind = 'paid_without_webhook' AND form_id = '%1' AND "
                                      "stripe_object_id = '%2' AND payment_intent = '%3'")
                           .arg(dropped, droppedSession, droppedIntent)),
             1);
    // Its intent (metadata names the known form) is not reported a second time.
    QCOMPARE(kindCount(QStringLiteral("payment_intent = '%1'").arg(droppedIntent)), 1);
    QCOMPARE(kindCount(QStringLiteral("kind = 'payment_without_form' AND form_id IS NULL AND "
                                      "stripe_object_id = '%1'")
                           .arg(orphanIntent)),
             1);
    QCOMPARE(kindCount(QStringLiteral("payment_intent = '%1'").arg(orphanIntent)), 1);
    QCOMPARE(kindCount(QStringLiteral("kind = 'payment_without_form' AND stripe_object_id = '%1'")
                           .arg(bareIntent)),
             1);
    QCOMPARE(kindCount(QStringLiteral("kind = 'amount_mismatch' AND form_id = '%1' AND "
                                      "stripe_object_id = '%2'")
                           .arg(mismatch, mismatchSession)),
             1);
    QCOMPARE(
        m_h->database()
            .text(QStringLiteral("SELECT detail FROM compose_reconciliation_findings WHERE kind = "
                                 "'amount_mismatch' AND form_id = '%1'")
                      .arg(mismatch))
            .contains(QLatin1String("\"orderAmount\":500")),
        true);
    QCOMPARE(kindCount(QStringLiteral("kind = 'refund_mismatch' AND form_id = '%1' AND "
                                      "stripe_object_id = '%2'")
                           .arg(refunded, refundId)),
             1);
    QCOMPARE(kindCount(QStringLiteral("form_id = '%1'").arg(fine)), 0);
    QCOMPARE(kindCount(QStringLiteral("stripe_object_id = '%1'").arg(fineSession)), 0);
    // The pass counted exactly what it wrote (the paging test's intents are findings too).
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM compose_reconciliation_findings")) - before,
             recorded);

    // The second pass finds the same and records nothing; the first pass changed no payment.
    r = reconcile();
    QCOMPARE(r.status, 200);
    QCOMPARE(
        r.json.value(QStringLiteral("pass")).toObject().value(QStringLiteral("recorded")).toInt(),
        0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM compose_reconciliation_findings")) - before,
             recorded);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1'").arg(dropped)),
             0);
    QCOMPARE(m_h->form(dropped).value(QStringLiteral("status")).toString(),
             QStringLiteral("payment_initiated"));
    QCOMPARE(count(QStringLiteral("SELECT amount FROM orders WHERE stripe_session_id = '%1'")
                       .arg(mismatchSession)),
             500);
    QCOMPARE(
        m_h->database().text(
            QStringLiteral("SELECT status FROM compose_refunds WHERE id = '%1'").arg(refundId)),
        QStringLiteral("failed"));
    // Both passes were audited as staff actions.
    QVERIFY(count(QStringLiteral("SELECT count(*) FROM compose_audit WHERE action = 'reconcile' "
                                 "AND http_status = 200"))
            >= 2);
}

void tst_Reconciliation::cappedPassResumes()
{
    // Pages of 2, at most 2 pages per list: seven new payments take two passes, and the
    // second continues where the first stopped (the cursor row says where).
    ApiHarness small(SqlDialect::PostgreSQL);
    ServerConfig c = ApiHarness::simulatedConfig(50);
    c.reconcileIntervalS = 0;
    c.reconcilePageSize = 2;
    c.reconcilePageCap = 2;
    QString error;
    QVERIFY2(small.start(c, &error), qPrintable(error));
    for (int i = 0; i < 7; ++i) {
        const auto r = small.request("POST", QStringLiteral("/sim/stripe/v1/payment_intents"),
                                     QByteArrayLiteral("amount=700&currency=usd&confirm=true"),
                                     {{"Authorization", "Bearer sk_test_x"}});
        QCOMPARE(r.status, 200);
    }
    auto run = [&] {
        return small
            .request("POST", QStringLiteral("/api/admin/reconcile"), {},
                     ApiHarness::bearer(small.adminToken()))
            .json.value(QStringLiteral("pass"))
            .toObject();
    };
    QJsonObject pass = run();
    QCOMPARE(pass.value(QStringLiteral("complete")).toBool(), false);
    QCOMPARE(pass.value(QStringLiteral("recorded")).toInt(), 4);
    QVERIFY(!small.database()
                 .text(QStringLiteral("SELECT resume_after FROM compose_reconciliation_cursors "
                                      "WHERE object_type = 'payment_intents'"))
                 .isEmpty());
    pass = run();
    QCOMPARE(pass.value(QStringLiteral("recorded")).toInt(), 3);
    QCOMPARE(pass.value(QStringLiteral("complete")).toBool(), true);
    QCOMPARE(small.database().count(
                 QStringLiteral("SELECT count(*) FROM compose_reconciliation_findings WHERE kind = "
                                "'payment_without_form'")),
             7);
    // Finished: the cursor moved to the newest payment and nothing is left to resume.
    QCOMPARE(small.database().count(QStringLiteral(
                 "SELECT count(*) FROM compose_reconciliation_cursors WHERE object_type = "
                 "'payment_intents' AND resume_after IS NULL AND created_gte > 0")),
             1);
    pass = run();
    QCOMPARE(pass.value(QStringLiteral("recorded")).toInt(), 0);
}

void tst_Reconciliation::droppedWebhookAppliedOnce()
{
    const QString id = readyForm(QStringLiteral("form_rec_apply"));
    QVERIFY(!id.isEmpty());
    const QString session = checkout(id);
    QCOMPARE(pay(session, true).json.value(QStringLiteral("dropped")).toBool(), true);
    QCOMPARE(reconcile().status, 200);
    const qint64 finding = findingId(QStringLiteral("paid_without_webhook"), session);
    QVERIFY(finding > 0);

    // Staff see it among the form's open findings.
    auto r = m_h->request("GET", QStringLiteral("/api/admin/findings?state=open&formId=%1").arg(id),
                          {}, admin());
    QCOMPARE(r.status, 200);
    QJsonArray list = r.json.value(QStringLiteral("findings")).toArray();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().toObject().value(QStringLiteral("kind")).toString(),
             QStringLiteral("paid_without_webhook"));
    QCOMPARE(list.first().toObject().value(QStringLiteral("applicable")).toBool(), true);
    QCOMPARE(m_h->request("GET", QStringLiteral("/api/admin/findings")).status, 401);
    QCOMPARE(
        m_h->request("GET", QStringLiteral("/api/admin/findings?state=closed"), {}, admin()).status,
        400);

    // Apply: one order, the form paid, one audit row of the applying staff member.
    r = m_h->request("POST", QStringLiteral("/api/admin/findings/%1/apply").arg(finding), {},
                     admin("apply-1"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("finding"))
                 .toObject()
                 .value(QStringLiteral("resolution"))
                 .toString(),
             QStringLiteral("applied"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1'").arg(id)), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM orders WHERE stripe_session_id = '%1' AND "
                                  "payment_flag IS NULL AND amount = 999")
                       .arg(session)),
             1);
    const QJsonObject form = m_h->form(id);
    QCOMPARE(form.value(QStringLiteral("status")).toString(), QStringLiteral("payment_completed"));
    QCOMPARE(form.value(QStringLiteral("amountPaid")).toInt(), 999);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM compose_audit WHERE form_id = '%1' AND "
                                  "action = 'apply_finding' AND http_status = 200")
                       .arg(id)),
             1);
    // The same request again is a replay; a new apply is refused: the finding is resolved.
    r = m_h->request("POST", QStringLiteral("/api/admin/findings/%1/apply").arg(finding), {},
                     admin("apply-1"));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.headers.value("idempotent-replayed"), QByteArray("true"));
    r = m_h->request("POST", QStringLiteral("/api/admin/findings/%1/apply").arg(finding), {},
                     admin("apply-2"));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("finding_resolved"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1'").arg(id)), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM compose_audit WHERE form_id = '%1' AND "
                                  "action = 'apply_finding'")
                       .arg(id)),
             2); // the 200 and the refused 409

    // The late webhook arrives (Stripe retries): still one order, the form as it was.
    r = pay(session, false);
    QCOMPARE(r.json.value(QStringLiteral("webhookStatus")).toInt(), 200);
    QCOMPARE(r.json.value(QStringLiteral("webhookResponse"))
                 .toObject()
                 .value(QStringLiteral("alreadyRecorded"))
                 .toBool(),
             true);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1'").arg(id)), 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM compose_form_events WHERE form_id = '%1' "
                                  "AND new_status = 'payment_completed'")
                       .arg(id)),
             1);
    // The finding left the open list.
    r = m_h->request("GET", QStringLiteral("/api/admin/findings?formId=%1").arg(id), {}, admin());
    QCOMPARE(r.json.value(QStringLiteral("findings")).toArray().size(), 0);
    r = m_h->request("GET", QStringLiteral("/api/admin/findings?state=all&formId=%1").arg(id), {},
                     admin());
    QCOMPARE(r.json.value(QStringLiteral("findings")).toArray().size(), 1);
    // Unknown and malformed ids are 404.
    QCOMPARE(m_h->request("POST", QStringLiteral("/api/admin/findings/999999/apply"), {}, admin())
                 .status,
             404);
    QCOMPARE(
        m_h->request("POST", QStringLiteral("/api/admin/findings/abc/apply"), {}, admin()).status,
        404);
}

void tst_Reconciliation::applyRacesTheLateWebhook()
{
    const QString id = readyForm(QStringLiteral("form_rec_race"));
    QVERIFY(!id.isEmpty());
    const QString session = checkout(id);
    QCOMPARE(pay(session, true).json.value(QStringLiteral("dropped")).toBool(), true);
    QCOMPARE(reconcile().status, 200);
    const qint64 finding = findingId(QStringLiteral("paid_without_webhook"), session);
    QVERIFY(finding > 0);
    const QString apply = QStringLiteral("/api/admin/findings/%1/apply").arg(finding);
    // Two applies (two agents) and Stripe's retry of the webhook, all at once.
    const QList<ApiHarness::Reply> replies = m_h->parallel(
        {{"POST", apply, {}, admin("race-a")},
         {"POST", QStringLiteral("/sim/stripe/sessions/%1/pay").arg(session), {}, {}},
         {"POST", apply, {}, admin("race-b")}});
    QCOMPARE(replies.at(1).json.value(QStringLiteral("webhookStatus")).toInt(), 200);
    int applied = 0;
    for (const int i : {0, 2}) {
        QVERIFY2(replies.at(i).status == 200 || replies.at(i).status == 409,
                 replies.at(i).body.constData());
        applied += replies.at(i).status == 200;
    }
    QCOMPARE(applied, 1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1'").arg(id)), 1);
    QCOMPARE(m_h->form(id).value(QStringLiteral("status")).toString(),
             QStringLiteral("payment_completed"));
}

void tst_Reconciliation::dismissNeedsANote()
{
    const auto made = stripe("POST", QStringLiteral("/v1/payment_intents"),
                             QByteArrayLiteral("amount=1234&currency=usd&confirm=true"));
    const QString intent = made.json.value(QStringLiteral("id")).toString();
    QCOMPARE(reconcile().status, 200);
    const qint64 finding = findingId(QStringLiteral("payment_without_form"), intent);
    QVERIFY(finding > 0);
    const QString dismiss = QStringLiteral("/api/admin/findings/%1/dismiss").arg(finding);

    // Nothing to apply for a payment without a form.
    auto r = m_h->request("POST", QStringLiteral("/api/admin/findings/%1/apply").arg(finding), {},
                          admin());
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("not_applicable"));
    // No note, a blank note, another field: refused and audited, the finding stays open.
    QCOMPARE(m_h->json("POST", dismiss, QJsonObject {}, admin()).status, 400);
    QCOMPARE(m_h->request("POST", dismiss, {}, admin()).status, 400);
    QCOMPARE(m_h->json("POST", dismiss,
                       QJsonObject {{QStringLiteral("note"), QStringLiteral("  ")}}, admin())
                 .status,
             400);
    QCOMPARE(m_h->json("POST", dismiss, QJsonObject {{QStringLiteral("note"), 5}}, admin()).status,
             400);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM compose_reconciliation_findings WHERE id = "
                                  "%1 AND resolved_at IS NULL")
                       .arg(finding)),
             1);

    const QString note = QStringLiteral("<b>Test payment</b> by the owner; refunded in Stripe.");
    r = m_h->json("POST", dismiss, QJsonObject {{QStringLiteral("note"), note}}, admin("dis-1"));
    QCOMPARE(r.status, 200);
    const QJsonObject f = r.json.value(QStringLiteral("finding")).toObject();
    QCOMPARE(f.value(QStringLiteral("resolution")).toString(), QStringLiteral("dismissed"));
    QCOMPARE(f.value(QStringLiteral("note")).toString(), note); // plain text, kept as written
    QCOMPARE(f.value(QStringLiteral("resolvedBy")).toString(), QStringLiteral("test-admin"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM compose_audit WHERE action = "
                                  "'dismiss_finding' AND http_status = 200 AND request->>'note' = "
                                  "'%1'")
                       .arg(note)),
             1);
    QVERIFY(count(QStringLiteral("SELECT count(*) FROM compose_audit WHERE action = "
                                 "'dismiss_finding' AND http_status = 400"))
            >= 4);
    r = m_h->request("GET", QStringLiteral("/api/admin/findings?state=open"), {}, admin());
    for (const QJsonValue &v : r.json.value(QStringLiteral("findings")).toArray())
        QVERIFY(v.toObject().value(QStringLiteral("id")).toInteger() != finding);
    r = m_h->json("POST", dismiss, QJsonObject {{QStringLiteral("note"), QStringLiteral("again")}},
                  admin("dis-2"));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("finding_resolved"));
}

void tst_Reconciliation::leaseAndUniqueAcrossConnections()
{
    // Two connections as two processes would have them.
    compose::test::TestDatabase db(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(db);
    db.migrate();
    QSqlDatabase one = db.connection();
    const QString second = QStringLiteral("recon-second");
    QSqlDatabase two = QSqlDatabase::cloneDatabase(one, second);
    QVERIFY(two.open());
    {
        ReconciliationStore a(one);
        ReconciliationStore b(two);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY(a.takeLease(QStringLiteral("a"), now, now.addSecs(60)));
        QVERIFY(!b.takeLease(QStringLiteral("b"), now, now.addSecs(60)));
        QVERIFY(a.takeLease(QStringLiteral("a"), now, now.addSecs(60))); // renewal
        // A lease whose holder died lapses.
        QVERIFY(b.takeLease(QStringLiteral("b"), now.addSecs(61), now.addSecs(120)));
        a.releaseLease(QStringLiteral("a"), now); // not a's any more: changes nothing
        QVERIFY(!a.takeLease(QStringLiteral("a"), now.addSecs(62), now.addSecs(120)));
        b.releaseLease(QStringLiteral("b"), now);
        QVERIFY(a.takeLease(QStringLiteral("a"), now, now.addSecs(60)));

        Finding f;
        f.kind = FindingKind::paymentWithoutForm();
        f.stripeObjectId = QStringLiteral("pi_same");
        f.paymentIntent = f.stripeObjectId;
        f.detailJson = QStringLiteral("{}");
        f.foundAt = now;
        QVERIFY(a.insertFinding(f));
        QVERIFY(!b.insertFinding(f));
        f.kind = FindingKind::amountMismatch(); // another kind of the same object is another
        QVERIFY(b.insertFinding(f));
    }
    two.close();
    two = QSqlDatabase();
    QSqlDatabase::removeDatabase(second);
    QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM compose_reconciliation_findings")), 2);
}

void tst_Reconciliation::twoProcessesReconcileAtOnce()
{
    QVERIFY2(QFileInfo(ApiChild::binary()).isExecutable(), qPrintable(ApiChild::binary()));
    // Start from no findings and no cursors: every process would find everything.
    m_h->database().exec(QStringLiteral("DELETE FROM compose_reconciliation_findings"));
    m_h->database().exec(QStringLiteral("DELETE FROM compose_reconciliation_cursors"));
    const QString dropped = readyForm(QStringLiteral("form_rec_two"));
    const QString session = checkout(dropped);
    QCOMPARE(pay(session, true).json.value(QStringLiteral("dropped")).toBool(), true);

    QUrl stripeUrl = m_h->baseUrl();
    stripeUrl.setPath(QStringLiteral("/sim/stripe"));
    // compose-api as two more processes on the harness's database, with the harness's Stripe
    // simulator as their Stripe.
    QProcessEnvironment env;
    env.insert(QStringLiteral("COMPOSE_STRIPE_KEY"), QStringLiteral("sk_test_reconcile"));
    const QStringList args {QStringLiteral("--stripe-url"),         stripeUrl.toString(),
                            QStringLiteral("--reconcile-interval"), QStringLiteral("0"),
                            QStringLiteral("--expiry-interval-s"),  QStringLiteral("3600")};
    ApiChild a;
    ApiChild b;
    QString error;
    QVERIFY2(a.start(m_h->database().url(), args, &error, env), qPrintable(error));
    QVERIFY2(b.start(m_h->database().url(), args, &error, env), qPrintable(error));

    QList<ApiHarness::Pending> calls;
    for (int i = 0; i < 6; ++i)
        calls.append({"POST",
                      (i % 3 == 0       ? a.base().toString()
                           : i % 3 == 1 ? b.base().toString()
                                        : m_h->baseUrl().toString())
                          + QStringLiteral("/api/admin/reconcile"),
                      {},
                      admin(QByteArray("two-") + QByteArray::number(i))});
    const QList<ApiHarness::Reply> replies = m_h->parallel(calls);
    int ran = 0;
    int recorded = 0;
    for (const auto &r : replies) {
        QVERIFY2(r.status == 200 || r.status == 409, r.body.constData());
        if (r.status == 409)
            QCOMPARE(r.errorCode(), QStringLiteral("reconcile_in_progress"));
        if (r.status == 200) {
            ++ran;
            recorded += r.json.value(QStringLiteral("pass"))
                            .toObject()
                            .value(QStringLiteral("recorded"))
                            .toInt();
        }
    }
    QVERIFY(ran >= 1);
    const int total = count(QStringLiteral("SELECT count(*) FROM compose_reconciliation_findings"));
    // Every difference once, whichever process found it, and the passes' counts add up to it.
    QCOMPARE(recorded, total);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM (SELECT kind, stripe_object_id FROM "
                                  "compose_reconciliation_findings GROUP BY kind, "
                                  "stripe_object_id HAVING count(*) > 1) d")),
             0);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM compose_reconciliation_findings WHERE "
                                  "kind = 'paid_without_webhook' AND stripe_object_id = '%1'")
                       .arg(session)),
             1);
    // What the earlier tests left at Stripe is found again: the payments without a form (7 from
    // the paging and dismissal tests' intents plus the orphan session) at least.
    QVERIFY(total >= 8);
    // The lease is free again.
    QCOMPARE(count(QStringLiteral(
                 "SELECT count(*) FROM compose_reconciliation_lease WHERE lease_until IS NULL")),
             1);
}

QTEST_MAIN(tst_Reconciliation)
#include "tst_reconciliation.moc"
