// Several compose-api processes behind a load balancer, on one database (issue 14, item 5),
// each with several request workers (item 4): the same Stripe webhook delivered to both
// processes many times at once acts once; the same staff Idempotency-Key sent to both acts
// once; the background jobs run in exactly one process (a database lease) and move to the
// other when that one is killed.
#include "apichild.h"
#include "apiharness.h"
#include "staffaccounts.h"
#include "stripesignature.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace compose;
using namespace compose::test;

namespace {
const QByteArray kSecret = "whsec_two_processes";

QProcessEnvironment keys()
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("COMPOSE_STRIPE_WEBHOOK_SECRET"), QString::fromLatin1(kSecret));
    env.insert(QStringLiteral("COMPOSE_STRIPE_KEY"), QStringLiteral("sk_test_unused"));
    env.insert(QStringLiteral("COMPOSE_MUSICGPT_KEY"), QStringLiteral("unused"));
    return env;
}

QString url(const ApiChild &api, const QString &path)
{
    return api.base().toString() + path;
}
} // namespace

class tst_ApiWorkers : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void webhookToBothProcessesActsOnce();
    void idempotencyKeyToBothProcessesActsOnce();
    void jobsRunInOneProcess();

private:
    QStringList args() const;
    std::unique_ptr<ApiHarness> m_h; // its database and its HTTP client; no embedded server
    std::unique_ptr<ApiChild> m_a;
    std::unique_ptr<ApiChild> m_b;
    const QString m_form = QStringLiteral("form_two_processes");
};

QStringList tst_ApiWorkers::args() const
{
    return {QStringLiteral("--workers"),
            QStringLiteral("2"),
            QStringLiteral("--hold-deliveries"),
            QStringLiteral("--expiry-interval-s"),
            QStringLiteral("1"),
            QStringLiteral("--musicgpt-url"),
            QStringLiteral("http://127.0.0.1:9"),
            QStringLiteral("--stripe-url"),
            QStringLiteral("http://127.0.0.1:9")};
}

void tst_ApiWorkers::initTestCase()
{
    m_h = std::make_unique<ApiHarness>(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(*m_h);
    m_a = std::make_unique<ApiChild>();
    m_b = std::make_unique<ApiChild>();
    QString error;
    QVERIFY2(m_a->start(m_h->database().url(), args(), &error, keys()), qPrintable(error));
    QVERIFY2(m_b->start(m_h->database().url(), args(), &error, keys()), qPrintable(error));
    QVERIFY(m_a->base() != m_b->base());
}

void tst_ApiWorkers::webhookToBothProcessesActsOnce()
{
    const QJsonObject created
        = QJsonDocument::fromJson(
              m_h->parallel(
                     {{"POST",
                       url(*m_a, QStringLiteral("/api/compose/forms")),
                       QJsonDocument(
                           QJsonObject {
                               {QStringLiteral("formId"), m_form},
                               {QStringLiteral("packageType"), QStringLiteral("solo-serenade")},
                               {QStringLiteral("songCount"), 1},
                               {QStringLiteral("formData"),
                                QJsonObject {
                                    {QStringLiteral("recipientName"), QStringLiteral("Cyril")}}},
                               {QStringLiteral("generatedPrompts"),
                                QJsonArray {QStringLiteral("A song for Cyril")}},
                               {QStringLiteral("status"), QStringLiteral("prompts_generated")},
                               {QStringLiteral("guestEmail"), QStringLiteral("cyril@example.com")}})
                           .toJson(QJsonDocument::Compact),
                       {{"Content-Type", "application/json"}}}})
                  .value(0)
                  .body)
              .object();
    QVERIFY2(!created.isEmpty(), "the form was not created");
    m_h->database().exec(
        QStringLiteral("UPDATE compose_forms SET status = 'payment_initiated' WHERE id = '%1'")
            .arg(m_form));

    const QJsonObject session {
        {QStringLiteral("id"), QStringLiteral("cs_test_two")},
        {QStringLiteral("object"), QStringLiteral("checkout.session")},
        {QStringLiteral("amount_total"), 999},
        {QStringLiteral("currency"), QStringLiteral("usd")},
        {QStringLiteral("payment_intent"), QStringLiteral("pi_two")},
        {QStringLiteral("payment_status"), QStringLiteral("paid")},
        {QStringLiteral("metadata"), QJsonObject {{QStringLiteral("formId"), m_form}}}};
    const QByteArray payload
        = QJsonDocument(
              QJsonObject {
                  {QStringLiteral("id"), QStringLiteral("evt_two")},
                  {QStringLiteral("type"), QStringLiteral("checkout.session.completed")},
                  {QStringLiteral("data"), QJsonObject {{QStringLiteral("object"), session}}}})
              .toJson(QJsonDocument::Compact);
    const QByteArray signature
        = StripeSignature::sign(payload, kSecret, QDateTime::currentSecsSinceEpoch());
    // Stripe retries a webhook it thinks was lost; a balancer sends each try anywhere.
    QList<ApiHarness::Pending> deliveries;
    for (int i = 0; i < 8; ++i)
        deliveries.append(
            {"POST",
             url(i % 2 ? *m_b : *m_a, QStringLiteral("/api/stripe/webhook")),
             payload,
             {{"Stripe-Signature", signature}, {"Content-Type", "application/json"}}});
    const QList<ApiHarness::Reply> replies = m_h->parallel(deliveries);
    int acted = 0;
    for (const ApiHarness::Reply &r : replies) {
        QVERIFY2(r.status == 200, r.body.constData());
        if (!r.json.value(QStringLiteral("duplicate")).toBool())
            ++acted;
    }
    QCOMPARE(acted, 1);
    QCOMPARE(m_h->database().count(
                 QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1'").arg(m_form)),
             1);
    QCOMPARE(m_h->database().count(QStringLiteral(
                 "SELECT count(*) FROM compose_stripe_events WHERE event_id = 'evt_two'")),
             1);
    QCOMPARE(m_h->database().count(
                 QStringLiteral("SELECT count(*) FROM compose_form_events WHERE form_id = '%1' "
                                "AND new_status = 'payment_completed'")
                     .arg(m_form)),
             1);
    QCOMPARE(m_h->database().text(
                 QStringLiteral("SELECT status FROM compose_forms WHERE id = '%1'").arg(m_form)),
             QStringLiteral("payment_completed"));
}

void tst_ApiWorkers::idempotencyKeyToBothProcessesActsOnce()
{
    const QString token = StaffAccounts::createOrRekey(
        m_h->database().connection(), QStringLiteral("two-proc-agent"), QStringLiteral("agent"));
    const QString path = QStringLiteral("/api/admin/forms/%1/deliver").arg(m_form);
    QList<ApiHarness::Pending> calls;
    for (int i = 0; i < 6; ++i)
        calls.append({"POST", url(i % 2 ? *m_b : *m_a, path), QByteArrayLiteral("{}"),
                      ApiHarness::bearer(token, "two-process-deliver-1")
                          + ApiHarness::Headers {{"Content-Type", "application/json"}}});
    const QList<ApiHarness::Reply> replies = m_h->parallel(calls);
    QSet<QString> deliveryIds;
    for (const ApiHarness::Reply &r : replies) {
        // Answered (the first) or replayed; a try while the first is running may hear 409.
        QVERIFY2(r.status == 200 || r.status == 409, r.body.constData());
        if (r.status == 200)
            deliveryIds.insert(r.json.value(QStringLiteral("delivery"))
                                   .toObject()
                                   .value(QStringLiteral("id"))
                                   .toVariant()
                                   .toString());
    }
    QCOMPARE(deliveryIds.size(), 1);
    QCOMPARE(m_h->database().count(
                 QStringLiteral("SELECT count(*) FROM compose_deliveries WHERE form_id = '%1'")
                     .arg(m_form)),
             1);
    QCOMPARE(
        m_h->database().count(
            QStringLiteral("SELECT count(*) FROM compose_outbox WHERE form_id = '%1'").arg(m_form)),
        1);
}

void tst_ApiWorkers::jobsRunInOneProcess()
{
    // An unpaid form past expires_at: whoever runs the jobs expires it.
    const QString lapsed = QStringLiteral("form_two_processes_lapsed");
    m_h->database().exec(
        QStringLiteral("INSERT INTO compose_forms (id, package_type, song_count, form_data, "
                       "generated_prompts, status, guest_email, created_at, updated_at, "
                       "expires_at) VALUES ('%1', 'solo-serenade', 1, '{}', '[]', "
                       "'prompts_generated', 'lapsed@example.com', now(), now(), "
                       "now() - interval '1 hour')")
            .arg(lapsed));
    const QByteArray runs = "this process runs the background jobs";
    auto holders = [&] {
        return int(m_a->output().contains(runs)) + int(m_b->output().contains(runs));
    };
    QVERIFY(m_h->waitFor([&] { return holders() == 1; }, 10000));
    QVERIFY(m_h->waitFor(
        [&] {
            return m_h->database().text(
                       QStringLiteral("SELECT status FROM compose_forms WHERE id = '%1'")
                           .arg(lapsed))
                == QLatin1String("expired");
        },
        10000));
    // Both tick every second; still one holder a few ticks later.
    QTest::qWait(2500);
    QCOMPARE(holders(), 1);

    // The holder dies: its connection ends, the lease is free, the other takes it.
    ApiChild *holder = m_a->output().contains(runs) ? m_a.get() : m_b.get();
    ApiChild *other = holder == m_a.get() ? m_b.get() : m_a.get();
    QVERIFY(!other->output().contains(runs));
    holder->kill();
    QVERIFY2(m_h->waitFor([&] { return other->output().contains(runs); }, 15000),
             other->output().right(2000).constData());
}

QTEST_GUILESS_MAIN(tst_ApiWorkers)
#include "tst_apiworkers.moc"
