// compose-api's payment side over real HTTP against PostgreSQL: Checkout through the Stripe
// simulator, the webhook's signature checks, and the whole customer flow of a bundle.
#include "apiharness.h"
#include "stripesignature.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

using namespace compose;
using compose::test::ApiHarness;

class tst_ApiPayments : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void signatureUnit();
    void fullBundleFlow();
    void checkoutRefusals();
    void webhookSignatures();
    void failedGenerationsAndRetry();

private:
    QByteArray signedEvent(const QString &eventId, const QString &formId, qint64 amount,
                           QByteArray *payload);
    std::unique_ptr<ApiHarness> m_h;
};

void tst_ApiPayments::initTestCase()
{
    m_h = std::make_unique<ApiHarness>(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(*m_h);
    ServerConfig c = ApiHarness::simulatedConfig(300);
    c.simFailEvery = 0;
    QString error;
    QVERIFY2(m_h->start(c, &error), qPrintable(error));
}

void tst_ApiPayments::cleanupTestCase()
{
    m_h.reset();
}

void tst_ApiPayments::signatureUnit()
{
    const QByteArray payload = R"({"id":"evt_1"})";
    const QByteArray secret = "whsec_test";
    const qint64 now = 1700000000;
    const QByteArray header = StripeSignature::sign(payload, secret, now);
    QCOMPARE(StripeSignature::verify(header, payload, secret, now), StripeSignature::Result::Ok);
    QCOMPARE(StripeSignature::verify(header, payload, secret, now + 299),
             StripeSignature::Result::Ok);
    QCOMPARE(StripeSignature::verify(header, payload, secret, now + 301),
             StripeSignature::Result::Stale);
    QCOMPARE(StripeSignature::verify(header, payload + " ", secret, now),
             StripeSignature::Result::Mismatch);
    QCOMPARE(StripeSignature::verify(header, payload, "whsec_other", now),
             StripeSignature::Result::Mismatch);
    QCOMPARE(StripeSignature::verify("", payload, secret, now), StripeSignature::Result::Missing);
    QCOMPARE(StripeSignature::verify("garbage", payload, secret, now),
             StripeSignature::Result::Malformed);
    // Several v1 while the secret rotates: any one matching is enough.
    const QByteArray rotated = "t=" + QByteArray::number(now) + ",v1=" + QByteArray(64, 'a') + ","
        + header.mid(header.indexOf(',') + 1);
    QCOMPARE(StripeSignature::verify(rotated, payload, secret, now), StripeSignature::Result::Ok);
}

void tst_ApiPayments::fullBundleFlow()
{
    const QString id = QStringLiteral("form_bundle_flow");
    QCOMPARE(
        m_h->createForm(id, QStringLiteral("holiday-hamper"), QStringLiteral("buyer@example.com"))
            .status,
        201);
    QVERIFY(m_h->generateAll(id, 3));
    QSqlQuery q(m_h->database().connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*), count(DISTINCT task_id) FROM music_generations "
                                  "WHERE form_id = '%1'")
                       .arg(id))
            && q.next());
    QCOMPARE(q.value(0).toInt(), 9);
    QCOMPARE(q.value(1).toInt(), 9);
    // The simulator's webhooks complete all nine without any polling.
    QVERIFY(m_h->waitStatus(id, QStringLiteral("variations_ready")));
    const QJsonObject ready = m_h->form(id);
    for (int s = 0; s < 3; ++s)
        QCOMPARE(ready.value(QStringLiteral("variationAudioUrls"))
                     .toObject()
                     .value(QString::number(s))
                     .toObject()
                     .size(),
                 3);

    const QJsonObject selections {
        {QStringLiteral("0"), 2}, {QStringLiteral("1"), 1}, {QStringLiteral("2"), 3}};
    QString session;
    QVERIFY(m_h->checkoutAndPay(id, selections, &session));
    QVERIFY(session.startsWith(QLatin1String("cs_")));
    QJsonObject paid = m_h->form(id);
    QCOMPARE(paid.value(QStringLiteral("status")).toString(), QStringLiteral("payment_completed"));
    QCOMPARE(paid.value(QStringLiteral("amountPaid")).toInt(), 999);
    QVERIFY(paid.value(QStringLiteral("stripePaymentIntentId"))
                .toString()
                .startsWith(QLatin1String("pi_")));
    QVERIFY(!paid.value(QStringLiteral("paidAt")).isNull());
    QCOMPARE(paid.value(QStringLiteral("stripeSessionId")).toString(), session);

    QVERIFY(
        q.exec(QStringLiteral(
                   "SELECT song_index, variation_index FROM music_generations WHERE form_id = '%1' "
                   "AND is_selected AND is_paid AND share_enabled ORDER BY song_index")
                   .arg(id)));
    QList<QPair<int, int>> chosen;
    while (q.next())
        chosen.append({q.value(0).toInt(), q.value(1).toInt()});
    QCOMPARE(chosen, (QList<QPair<int, int>> {{0, 2}, {1, 1}, {2, 3}}));
    QVERIFY(q.exec(QStringLiteral("SELECT guest_email, user_id, amount, currency, status, credits, "
                                  "stripe_session_id, package_id "
                                  "FROM orders WHERE form_id = '%1'")
                       .arg(id)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("buyer@example.com"));
    QVERIFY(q.value(1).isNull());
    QCOMPARE(q.value(2).toInt(), 999);
    QCOMPARE(q.value(4).toString(), QStringLiteral("paid"));
    QCOMPARE(q.value(5).toInt(), 0);
    QCOMPARE(q.value(6).toString(), session);
    QCOMPARE(q.value(7).toString(), QStringLiteral("holiday-hamper"));
    QVERIFY(!q.next());

    // Stripe delivers the same event again: nothing changes, still one order.
    const auto again
        = m_h->request("POST", QStringLiteral("/sim/stripe/sessions/%1/pay").arg(session));
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("webhookResponse"))
                 .toObject()
                 .value(QStringLiteral("duplicate"))
                 .toBool(),
             true);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1'").arg(id))
            && q.next());
    QCOMPARE(q.value(0).toInt(), 1);

    // Staff deliver it: a share link per version MusicGPT made of each of the three paid songs
    // (share_slug_v1/_v2), one delivery row, the trigger names the actor.
    const auto d = m_h->json("POST", QStringLiteral("/api/admin/forms/%1/deliver").arg(id),
                             QJsonObject {{QStringLiteral("note"), QStringLiteral("sent by test")}},
                             ApiHarness::bearer(m_h->adminToken()));
    QCOMPARE(d.status, 200);
    QCOMPARE(
        d.json.value(QStringLiteral("form")).toObject().value(QStringLiteral("status")).toString(),
        QStringLiteral("delivered"));
    const QJsonArray links = d.json.value(QStringLiteral("delivery"))
                                 .toObject()
                                 .value(QStringLiteral("shareUrls"))
                                 .toArray();
    QCOMPARE(links.size(), 6);
    QVERIFY(links.at(0).toString().startsWith(QLatin1String("https://share.example.test/s/")));
    QVERIFY(q.exec(
        QStringLiteral(
            "SELECT new_status, actor FROM compose_form_events WHERE form_id = '%1' ORDER BY id")
            .arg(id)));
    QStringList trail;
    while (q.next())
        trail << q.value(0).toString() + QLatin1Char('/') + q.value(1).toString();
    QCOMPARE(trail,
             (QStringList {QStringLiteral("prompts_generated/customer"),
                           QStringLiteral("variations_generating/customer"),
                           QStringLiteral("variations_ready/system"),
                           QStringLiteral("payment_initiated/customer"),
                           QStringLiteral("payment_completed/stripe"),
                           QStringLiteral("delivered/test-admin")}));
}

void tst_ApiPayments::checkoutRefusals()
{
    const QString id = QStringLiteral("form_checkout_refusals");
    QCOMPARE(m_h->createForm(id, QStringLiteral("solo-serenade")).status, 201);
    // Not ready yet: the transition table refuses checkout.
    auto r = m_h->json("POST", QStringLiteral("/api/stripe/checkout"),
                       QJsonObject {{QStringLiteral("formId"), id},
                                    {QStringLiteral("selectedVariations"),
                                     QJsonObject {{QStringLiteral("0"), 1}}}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_transition"));
    QVERIFY(m_h->generateAll(id, 1));
    QVERIFY(m_h->waitStatus(id, QStringLiteral("variations_ready")));
    r = m_h->json("POST", QStringLiteral("/api/stripe/checkout"),
                  QJsonObject {{QStringLiteral("formId"), id},
                               {QStringLiteral("selectedVariations"), QJsonObject()}});
    QCOMPARE(r.status, 400);
    r = m_h->json("POST", QStringLiteral("/api/stripe/checkout"),
                  QJsonObject {{QStringLiteral("formId"), id},
                               {QStringLiteral("selectedVariations"),
                                QJsonObject {{QStringLiteral("0"), 7}}}});
    QCOMPARE(r.status, 400);
    r = m_h->json(
        "POST", QStringLiteral("/api/stripe/checkout"),
        QJsonObject {{QStringLiteral("formId"), id},
                     {QStringLiteral("selectedVariations"), QJsonObject {{QStringLiteral("0"), 1}}},
                     {QStringLiteral("price"), 1}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("unknown_field"));
    QCOMPARE(m_h->form(id).value(QStringLiteral("status")).toString(),
             QStringLiteral("variations_ready"));
}

QByteArray tst_ApiPayments::signedEvent(const QString &eventId, const QString &formId,
                                        qint64 amount, QByteArray *payload)
{
    const QJsonObject session {
        {QStringLiteral("id"), QString(QStringLiteral("cs_test_manual_") + eventId)},
        {QStringLiteral("object"), QStringLiteral("checkout.session")},
        {QStringLiteral("amount_total"), double(amount)},
        {QStringLiteral("currency"), QStringLiteral("usd")},
        {QStringLiteral("payment_intent"), QString(QStringLiteral("pi_manual_") + eventId)},
        {QStringLiteral("payment_status"), QStringLiteral("paid")},
        {QStringLiteral("metadata"), QJsonObject {{QStringLiteral("formId"), formId}}}};
    *payload = QJsonDocument(
                   QJsonObject {
                       {QStringLiteral("id"), eventId},
                       {QStringLiteral("type"), QStringLiteral("checkout.session.completed")},
                       {QStringLiteral("data"), QJsonObject {{QStringLiteral("object"), session}}}})
                   .toJson(QJsonDocument::Compact);
    return StripeSignature::sign(*payload, "whsec_simulator", QDateTime::currentSecsSinceEpoch());
}

void tst_ApiPayments::webhookSignatures()
{
    const QString id = QStringLiteral("form_webhook_sig");
    QCOMPARE(m_h->createForm(id, QStringLiteral("solo-serenade")).status, 201);
    m_h->database().exec(
        QStringLiteral("UPDATE compose_forms SET status = 'payment_initiated' WHERE id = '%1'")
            .arg(id));
    const QString hook = QStringLiteral("/api/stripe/webhook");
    QByteArray payload;
    const QByteArray good = signedEvent(QStringLiteral("evt_sig_1"), id, 999, &payload);

    // Forged: signed with another secret; tampered: one byte of the body changed.
    const QByteArray forged
        = StripeSignature::sign(payload, "whsec_attacker", QDateTime::currentSecsSinceEpoch());
    auto r = m_h->request("POST", hook, payload, {{"Stripe-Signature", forged}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_signature"));
    QByteArray tampered = payload;
    tampered.replace("999", "001");
    QCOMPARE(m_h->request("POST", hook, tampered, {{"Stripe-Signature", good}}).status, 400);
    // Stale: a correct signature from ten minutes ago.
    const QByteArray stale = StripeSignature::sign(payload, "whsec_simulator",
                                                   QDateTime::currentSecsSinceEpoch() - 600);
    r = m_h->request("POST", hook, payload, {{"Stripe-Signature", stale}});
    QCOMPARE(r.status, 400);
    QVERIFY(r.errorMessage().contains(QLatin1String("300")));
    QCOMPARE(m_h->request("POST", hook, payload).status, 400); // missing header
    QCOMPARE(m_h->form(id).value(QStringLiteral("status")).toString(),
             QStringLiteral("payment_initiated"));

    // Accepted once; replayed (same event id) acknowledged without acting again.
    r = m_h->request("POST", hook, payload, {{"Stripe-Signature", good}});
    QCOMPARE(r.status, 200);
    QCOMPARE(m_h->form(id).value(QStringLiteral("status")).toString(),
             QStringLiteral("payment_completed"));
    r = m_h->request("POST", hook, payload, {{"Stripe-Signature", good}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("duplicate")).toBool(), true);
    // A second session paid for the same form is a second payment: recorded as an order
    // flagged duplicate (issue 9.2), the form keeps the first.
    QByteArray payload2;
    const QByteArray sig2 = signedEvent(QStringLiteral("evt_sig_2"), id, 999, &payload2);
    r = m_h->request("POST", hook, payload2, {{"Stripe-Signature", sig2}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("paymentFlag")).toString(), QStringLiteral("duplicate"));
    QSqlQuery q(m_h->database().connection());
    QVERIFY(q.exec(QStringLiteral(
                       "SELECT count(*), count(payment_flag) FROM orders WHERE form_id = '%1'")
                       .arg(id))
            && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
    QCOMPARE(q.value(1).toInt(), 1);
    QCOMPARE(m_h->form(id).value(QStringLiteral("stripeSessionId")).toString(),
             QStringLiteral("cs_test_manual_evt_sig_1"));
    QVERIFY(q.exec(QStringLiteral(
                "SELECT count(*) FROM compose_stripe_events WHERE event_id LIKE 'evt_sig_%'"))
            && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
    // A signed event that is not JSON is a 400, not a crash.
    const QByteArray junk = "not json";
    QCOMPARE(m_h->request("POST", hook, junk,
                          {{"Stripe-Signature",
                            StripeSignature::sign(junk, "whsec_simulator",
                                                  QDateTime::currentSecsSinceEpoch())}})
                 .status,
             400);
}

void tst_ApiPayments::failedGenerationsAndRetry()
{
    // A server whose MusicGPT fails every 2nd generation; staff retry the failed ones.
    ApiHarness h(SqlDialect::PostgreSQL);
    ServerConfig c = ApiHarness::simulatedConfig(200);
    c.simFailEvery = 2;
    QString error;
    QVERIFY2(h.start(c, &error), qPrintable(error));
    const QString id = QStringLiteral("form_retry");
    QCOMPARE(h.createForm(id, QStringLiteral("solo-serenade")).status, 201);
    for (int v = 1; v <= 3; ++v) // one at a time, so task 2 is the one that fails
        QCOMPARE(h.json("POST", QStringLiteral("/api/generate"),
                        QJsonObject {{QStringLiteral("form_id"), id},
                                     {QStringLiteral("song_index"), 0},
                                     {QStringLiteral("variation_index"), v}})
                     .status,
                 200);
    QSqlQuery q(h.database().connection());
    QVERIFY(h.waitFor([&] {
        return q.exec(QStringLiteral("SELECT count(*) FROM music_generations WHERE form_id = '%1' "
                                     "AND status IN ('completed', 'failed')")
                          .arg(id))
            && q.next() && q.value(0).toInt() == 3;
    }));
    QVERIFY(q.exec(QStringLiteral("SELECT variation_index FROM music_generations WHERE form_id = "
                                  "'%1' AND status = 'failed'")
                       .arg(id))
            && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
    QCOMPARE(h.form(id).value(QStringLiteral("status")).toString(),
             QStringLiteral("variations_generating"));

    const QString agent = h.addStaff(QStringLiteral("agent-anna"), QStringLiteral("agent"));
    auto r = h.json("POST", QStringLiteral("/api/admin/forms/%1/retry").arg(id),
                    QJsonObject {{QStringLiteral("failedOnly"), true}}, ApiHarness::bearer(agent));
    QCOMPARE(r.status, 200);
    const QJsonArray retried = r.json.value(QStringLiteral("retried")).toArray();
    QCOMPARE(retried.size(), 1);
    QCOMPARE(retried.at(0).toObject().value(QStringLiteral("variationIndex")).toInt(), 2);
    // The retry is task 4, which fails too (every 2nd); retry that slot again: task 5 succeeds.
    QVERIFY(h.waitFor([&] {
        return q.exec(QStringLiteral("SELECT status FROM music_generations WHERE form_id = '%1' "
                                     "AND variation_index = 2")
                          .arg(id))
            && q.next() && q.value(0).toString() != QLatin1String("pending")
            && q.value(0).toString() != QLatin1String("in_progress");
    }));
    r = h.json(
        "POST", QStringLiteral("/api/admin/forms/%1/retry").arg(id),
        QJsonObject {{QStringLiteral("songIndex"), 0}, {QStringLiteral("variationIndex"), 2}},
        ApiHarness::bearer(agent));
    QCOMPARE(r.status, 200);
    QVERIFY(h.waitStatus(id, QStringLiteral("variations_ready")));
    // Refusals: bad body, out of range, nothing failed, and the audit trail has all of it.
    QCOMPARE(h.json("POST", QStringLiteral("/api/admin/forms/%1/retry").arg(id), QJsonObject {},
                    ApiHarness::bearer(agent))
                 .status,
             400);
    QCOMPARE(h.json("POST", QStringLiteral("/api/admin/forms/%1/retry").arg(id),
                    QJsonObject {{QStringLiteral("songIndex"), 1},
                                 {QStringLiteral("variationIndex"), 1}},
                    ApiHarness::bearer(agent))
                 .status,
             400);
    QCOMPARE(h.json("POST", QStringLiteral("/api/admin/forms/%1/retry").arg(id),
                    QJsonObject {{QStringLiteral("failedOnly"), true}}, ApiHarness::bearer(agent))
                 .errorCode(),
             QStringLiteral("nothing_to_retry"));
    const auto audit = h.request("GET", QStringLiteral("/api/admin/forms/%1/audit").arg(id), {},
                                 ApiHarness::bearer(agent));
    QCOMPARE(audit.status, 200);
    const QJsonArray rows = audit.json.value(QStringLiteral("audit")).toArray();
    QCOMPARE(rows.size(), 5);
    QCOMPARE(rows.at(0).toObject().value(QStringLiteral("httpStatus")).toInt(),
             409); // newest first
    QCOMPARE(rows.at(4).toObject().value(QStringLiteral("httpStatus")).toInt(), 200);
    QCOMPARE(rows.at(4).toObject().value(QStringLiteral("staff")).toString(),
             QStringLiteral("agent-anna"));
}

QTEST_MAIN(tst_ApiPayments)
#include "tst_apipayments.moc"
