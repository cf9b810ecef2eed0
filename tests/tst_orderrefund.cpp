// A duplicate payment refunded by its own order (POST /api/admin/forms/{formId}/orders/{orderId}/
// refund), counted at a Stripe stand-in that performs real (simulated) refunds: Stripe refunds
// and then never answers, the same request retried refunds once, the form's own payment stays
// paid and refundable, and the duplicate's order alone becomes refunded.
#include "apiharness.h"
#include "seedrows.h"
#include "stripestandin.h"

#include <QTest>

using namespace compose;
using compose::test::ApiHarness;
using compose::test::StripeStandIn;

class tst_OrderRefund : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void duplicateRefundedOnceThroughATimeout();
    void refusals();

private:
    // A paid form (intent pi_own_<id>) with a second, duplicate payment (pi_dup_<id>) recorded
    // as the webhook records it: an order flagged duplicate and its session row.
    QString formWithDuplicate(const QString &id);
    QString path(const QString &formId, const QString &orderId) const
    {
        return QStringLiteral("/api/admin/forms/%1/orders/%2/refund").arg(formId, orderId);
    }
    qint64 refundable(const QString &formId);
    int count(const QString &sql) { return m_h->database().count(sql); }
    std::unique_ptr<ApiHarness> m_h;
    std::unique_ptr<StripeStandIn> m_stripe;
};

void tst_OrderRefund::initTestCase()
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
    c.refundSweepIntervalS = 3600; // the retry settles it here, not the sweep
    c.reconcileIntervalS = 0;
    QString error;
    QVERIFY2(m_h->start(c, &error), qPrintable(error));
}

void tst_OrderRefund::cleanupTestCase()
{
    m_h.reset();
    m_stripe.reset();
}

QString tst_OrderRefund::formWithDuplicate(const QString &id)
{
    test::FormSpec f;
    f.id = id;
    f.status = QStringLiteral("payment_completed");
    f.stripeSessionId = QString(QStringLiteral("cs_own_") + id);
    f.stripePaymentIntentId = QString(QStringLiteral("pi_own_") + id);
    f.amountPaid = 999;
    f.paidAt = QDateTime::currentDateTimeUtc();
    test::insertForm(m_h->database().connection(), f);
    m_stripe->addPayment(QStringLiteral("pi_own_") + id, 999);
    m_stripe->addPayment(QStringLiteral("pi_dup_") + id, 999);
    test::insertOrder(m_h->database().connection(), QStringLiteral("ord_own_") + id, id, 999,
                      std::nullopt, QStringLiteral("guest@example.com"));
    test::insertOrder(m_h->database().connection(), QStringLiteral("ord_dup_") + id, id, 999,
                      std::nullopt, QStringLiteral("guest@example.com"));
    m_h->database().exec(QStringLiteral("UPDATE orders SET status = 'paid', stripe_session_id = "
                                        "'cs_own_%1' WHERE id = 'ord_own_%1'")
                             .arg(id));
    m_h->database().exec(
        QStringLiteral("UPDATE orders SET status = 'paid', payment_flag = 'duplicate', "
                       "stripe_session_id = 'cs_dup_%1' WHERE id = 'ord_dup_%1'")
            .arg(id));
    for (const QString &which : {QStringLiteral("own"), QStringLiteral("dup")})
        m_h->database().exec(
            QStringLiteral("INSERT INTO compose_checkout_sessions(session_id, form_id, selections, "
                           "amount, payment_intent, order_id) VALUES ('cs_%2_%1', '%1', '{}', 999, "
                           "'pi_%2_%1', 'ord_%2_%1')")
                .arg(id, which));
    return id;
}

qint64 tst_OrderRefund::refundable(const QString &formId)
{
    return m_h
        ->request("GET", QStringLiteral("/api/admin/forms/%1/audit").arg(formId), {},
                  ApiHarness::bearer(m_h->adminToken()))
        .json.value(QStringLiteral("refundable"))
        .toInteger(-1);
}

void tst_OrderRefund::duplicateRefundedOnceThroughATimeout()
{
    const QString id = formWithDuplicate(QStringLiteral("form_dup_refund"));
    const QString dup = QStringLiteral("ord_dup_") + id;
    const QByteArray body = R"({"reason":"duplicate"})";
    const int performed = m_stripe->refundsPerformed();

    // Stripe refunds, then never answers: unknown, 502, the amount reserved.
    m_stripe->setFault(StripeStandIn::Fault::HangAfter, 1);
    auto r = m_h->request("POST", path(id, dup), body,
                          ApiHarness::bearer(m_h->adminToken(), "dup-refund-1"));
    QCOMPARE(r.status, 502);
    QCOMPARE(m_stripe->refundsPerformed(), performed + 1);
    QCOMPARE(m_stripe->refunded(QStringLiteral("pi_dup_") + id), 999);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM compose_refunds WHERE payment_intent = "
                                  "'pi_dup_%1' AND status = 'pending'")
                       .arg(id)),
             1);
    // Meanwhile another refund of the duplicate finds nothing left to refund.
    r = m_h->request("POST", path(id, dup), body,
                     ApiHarness::bearer(m_h->adminToken(), "dup-refund-other"));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("nothing_refundable"));

    // The same request again: Stripe is asked under the same key and refunds nothing more.
    r = m_h->request("POST", path(id, dup), body,
                     ApiHarness::bearer(m_h->adminToken(), "dup-refund-1"));
    QCOMPARE(r.status, 200);
    QCOMPARE(m_stripe->refundsPerformed(), performed + 1);
    QCOMPARE(m_stripe->refunded(QStringLiteral("pi_dup_") + id), 999);
    QCOMPARE(m_stripe->refunded(QStringLiteral("pi_own_") + id), 0);
    QCOMPARE(
        count(QStringLiteral("SELECT count(*) FROM compose_refunds WHERE form_id = '%1'").arg(id)),
        1);
    // The duplicate's order is refunded; the form and its own order are as they were.
    QCOMPARE(
        m_h->database().text(QStringLiteral("SELECT status FROM orders WHERE id = '%1'").arg(dup)),
        QStringLiteral("refunded"));
    QCOMPARE(m_h->database().text(
                 QStringLiteral("SELECT status FROM orders WHERE id = 'ord_own_%1'").arg(id)),
             QStringLiteral("paid"));
    QCOMPARE(m_h->form(id).value(QStringLiteral("status")).toString(),
             QStringLiteral("payment_completed"));
    QCOMPARE(refundable(id), 999);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM compose_audit WHERE form_id = '%1' AND "
                                  "action = 'refund_order'")
                       .arg(id)),
             3); // 502, 409, 200: every attempt

    // The form's own payment can still be refunded in full, by the form's refund.
    r = m_h->request("POST", QStringLiteral("/api/admin/forms/%1/refund").arg(id), body,
                     ApiHarness::bearer(m_h->adminToken(), "own-refund-1"));
    QCOMPARE(r.status, 200);
    QCOMPARE(m_stripe->refunded(QStringLiteral("pi_own_") + id), 999);
    QCOMPARE(m_h->form(id).value(QStringLiteral("status")).toString(), QStringLiteral("refunded"));
}

void tst_OrderRefund::refusals()
{
    const QString id = formWithDuplicate(QStringLiteral("form_dup_refusals"));
    const QString dup = QStringLiteral("ord_dup_") + id;
    const int performed = m_stripe->refundsPerformed();
    const QString agent = m_h->addStaff(QStringLiteral("agent-dup"), QStringLiteral("agent"));
    QCOMPARE(
        m_h->request("POST", path(id, dup), R"({"reason":"duplicate"})", ApiHarness::bearer(agent))
            .status,
        403);
    QCOMPARE(m_h->request("POST", path(id, QStringLiteral("ord_nope")), R"({"reason":"duplicate"})",
                          ApiHarness::bearer(m_h->adminToken()))
                 .status,
             404);
    // An order of another form is not this form's.
    const QString other = formWithDuplicate(QStringLiteral("form_dup_other"));
    QCOMPARE(m_h->request("POST", path(other, dup), R"({"reason":"duplicate"})",
                          ApiHarness::bearer(m_h->adminToken()))
                 .status,
             404);
    auto r = m_h->request("POST", path(id, dup), R"({"reason":"duplicate","amount":1000})",
                          ApiHarness::bearer(m_h->adminToken()));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("amount_exceeds_refundable"));
    r = m_h->request("POST", path(id, dup), R"({"reason":"other"})",
                     ApiHarness::bearer(m_h->adminToken()));
    QCOMPARE(r.status, 400);
    QCOMPARE(m_stripe->refundsPerformed(), performed);
    // A partial refund of the duplicate keeps its order paid.
    r = m_h->request("POST", path(id, dup), R"({"reason":"duplicate","amount":400})",
                     ApiHarness::bearer(m_h->adminToken()));
    QCOMPARE(r.status, 200);
    QCOMPARE(m_stripe->refunded(QStringLiteral("pi_dup_") + id), 400);
    QCOMPARE(
        m_h->database().text(QStringLiteral("SELECT status FROM orders WHERE id = '%1'").arg(dup)),
        QStringLiteral("paid"));
    QCOMPARE(refundable(id), 999);
}

QTEST_MAIN(tst_OrderRefund)
#include "tst_orderrefund.moc"
