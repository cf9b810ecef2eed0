// Issue 9's customer money path, each case with the failure in the middle and counted where it
// really happened: late and duplicate payments recorded as orders, the selection paid for is
// the one sent to Stripe, one MusicGPT call per slot (also across two compose-api processes),
// and MusicGPT's webhook never rewriting a finished song.
#include "apiharness.h"
#include "generationroutes.h"
#include "httpserver.h"
#include "seedrows.h"
#include "stripesignature.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

using namespace compose;
using compose::test::ApiHarness;

namespace {

// MusicGPT as compose-api sees it, counting every MusicAI request it receives. It answers
// after a delay so that parallel callers overlap, and can be told to fail the next calls.
class MusicGptStandIn final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MusicGptStandIn)
public:
    explicit MusicGptStandIn(QObject *parent = nullptr)
        : QObject(parent)
    {
        m_http.addRoute(
            "POST", QStringLiteral("/api/public/v1/MusicAI"),
            [this](const HttpRequest &, const Exchange &ex) {
                const int n = ++m_calls;
                QTimer::singleShot(m_delayMs, this, [this, ex, n] {
                    if (m_failNext > 0) {
                        --m_failNext;
                        ex->sendJson(500,
                                     QJsonObject {{QStringLiteral("success"), false},
                                                  {QStringLiteral("message"),
                                                   QStringLiteral("stand-in failure")}});
                        return;
                    }
                    const QString task = QStringLiteral("standin_task_%1_%2").arg(m_port).arg(n);
                    ex->sendJson(200,
                                 QJsonObject {{QStringLiteral("success"), true},
                                              {QStringLiteral("task_id"), task},
                                              {QStringLiteral("conversion_id_1"),
                                               QString(task + QStringLiteral("_a"))},
                                              {QStringLiteral("conversion_id_2"),
                                               QString(task + QStringLiteral("_b"))},
                                              {QStringLiteral("eta"), 60.0}});
                });
            });
        m_port = m_http.listenPlain(QHostAddress::LocalHost);
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)); }
    int calls() const { return m_calls; }
    void failNext(int n) { m_failNext = n; }

private:
    HttpServer m_http;
    quint16 m_port = 0;
    int m_calls = 0;
    int m_failNext = 0;
    int m_delayMs = 400;
};

// compose-api as its own process on the harness's database, talking to the stand-in.
class ApiProcess {
public:
    ~ApiProcess()
    {
        if (m_proc.state() != QProcess::NotRunning) {
            m_proc.kill();
            m_proc.waitForFinished(5000);
        }
    }
    bool start(const QString &binary, const QString &databaseUrl, const QUrl &musicGpt,
               QString *error)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("COMPOSE_MUSICGPT_KEY"), QStringLiteral("standin-key"));
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("compose.api.info=true"));
        m_proc.setProcessEnvironment(env);
        m_proc.setReadChannel(QProcess::StandardError); // where the log says "listening on"
        m_proc.start(binary,
                     {QStringLiteral("--database-url"), databaseUrl, QStringLiteral("--port"),
                      QStringLiteral("0"), QStringLiteral("--musicgpt-url"), musicGpt.toString(),
                      QStringLiteral("--expiry-interval-s"), QStringLiteral("3600")});
        const QRegularExpression listening(QStringLiteral("listening on (http://\\S+)"));
        QByteArray err;
        QDeadlineTimer deadline(30000);
        while (!deadline.hasExpired() && m_proc.state() != QProcess::NotRunning) {
            m_proc.waitForReadyRead(100);
            err += m_proc.readAllStandardError();
            const auto m = listening.match(QString::fromUtf8(err));
            if (m.hasMatch()) {
                m_base = m.captured(1);
                return true;
            }
        }
        *error = QStringLiteral("compose-api did not start: ") + QString::fromUtf8(err);
        return false;
    }
    QString base() const { return m_base; }

private:
    QProcess m_proc;
    QString m_base;
};

QJsonObject generateBody(const QString &formId, int song, int variation)
{
    return QJsonObject {{QStringLiteral("form_id"), formId},
                        {QStringLiteral("song_index"), song},
                        {QStringLiteral("variation_index"), variation}};
}

} // namespace

class tst_ApiMoneyPath : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void latePaymentAfterAbandonedCheckout();
    void duplicatePaymentIsRecorded();
    void fullRefundLeavesADuplicateOrderPaid();
    void paymentForAFormThatCannotBePaidIsKept();
    void paidSelectionIsTheCheckoutSelection();
    void parallelGenerateMakesOneCall();
    void parallelGenerateAcrossTwoProcesses();
    void failedAndStaleClaimsAreReleased();
    void generationCallsAreCappedPerForm();
    void musicGptWebhookNeverRewritesFinishedSongs();

private:
    QString readyForm(const QString &id, const QString &package = QStringLiteral("solo-serenade"));
    QString checkout(const QString &formId, const QJsonObject &selections);
    ApiHarness::Reply pay(const QString &sessionId);
    int count(const QString &sql);
    std::unique_ptr<ApiHarness> m_h; // simulators on
    std::unique_ptr<ApiHarness> m_gen; // MusicGPT is the stand-in
    std::unique_ptr<MusicGptStandIn> m_musicGpt;
};

void tst_ApiMoneyPath::initTestCase()
{
    m_h = std::make_unique<ApiHarness>(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(*m_h);
    ServerConfig c = ApiHarness::simulatedConfig(100);
    QString error;
    QVERIFY2(m_h->start(c, &error), qPrintable(error));

    m_musicGpt = std::make_unique<MusicGptStandIn>();
    m_gen = std::make_unique<ApiHarness>(SqlDialect::PostgreSQL);
    ServerConfig g = ApiHarness::simulatedConfig(100);
    g.musicGptBaseUrl = m_musicGpt->url();
    QVERIFY2(m_gen->start(g, &error), qPrintable(error));
}

void tst_ApiMoneyPath::cleanupTestCase()
{
    m_gen.reset();
    m_h.reset();
    m_musicGpt.reset();
}

int tst_ApiMoneyPath::count(const QString &sql)
{
    QSqlQuery q(m_h->database().connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toInt();
}

QString tst_ApiMoneyPath::readyForm(const QString &id, const QString &package)
{
    const int songs = package == QLatin1String("solo-serenade") ? 1 : 3;
    if (m_h->createForm(id, package).status != 201 || !m_h->generateAll(id, songs)
        || !m_h->waitStatus(id, QStringLiteral("variations_ready")))
        return {};
    return id;
}

QString tst_ApiMoneyPath::checkout(const QString &formId, const QJsonObject &selections)
{
    const auto r = m_h->json("POST", QStringLiteral("/api/stripe/checkout"),
                             QJsonObject {{QStringLiteral("formId"), formId},
                                          {QStringLiteral("selectedVariations"), selections}});
    return r.status == 200 ? r.json.value(QStringLiteral("sessionId")).toString() : QString();
}

ApiHarness::Reply tst_ApiMoneyPath::pay(const QString &sessionId)
{
    return m_h->request("POST", QStringLiteral("/sim/stripe/sessions/%1/pay").arg(sessionId));
}

void tst_ApiMoneyPath::latePaymentAfterAbandonedCheckout()
{
    const QString id = readyForm(QStringLiteral("form_late_payment"));
    QVERIFY(!id.isEmpty());
    const QString session = checkout(id, QJsonObject {{QStringLiteral("0"), 2}});
    QVERIFY(session.startsWith(QLatin1String("cs_")));
    // The customer came back from Stripe without paying ("abandoned checkout")...
    auto r
        = m_h->json("PATCH", QStringLiteral("/api/compose/forms/%1").arg(id),
                    QJsonObject {{QStringLiteral("status"), QStringLiteral("variations_ready")}});
    QCOMPARE(r.status, 200);
    // ...and paid in the other tab after all: Stripe's signed event must be recorded.
    r = pay(session);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("webhookStatus")).toInt(), 200);
    const QJsonObject form = m_h->form(id);
    QCOMPARE(form.value(QStringLiteral("status")).toString(), QStringLiteral("payment_completed"));
    QCOMPARE(form.value(QStringLiteral("amountPaid")).toInt(), 999);
    QCOMPARE(count(QStringLiteral(
                       "SELECT count(*) FROM orders WHERE form_id = '%1' AND payment_flag IS NULL "
                       "AND stripe_session_id = '%2'")
                       .arg(id, session)),
             1);
    QCOMPARE(
        count(QStringLiteral(
                  "SELECT variation_index FROM music_generations WHERE form_id = '%1' AND is_paid")
                  .arg(id)),
        2);
    QCOMPARE(
        count(QStringLiteral(
                  "SELECT count(*) FROM compose_form_events WHERE form_id = '%1' AND new_status = "
                  "'payment_completed' AND actor = 'stripe'")
                  .arg(id)),
        1);

    // An expired form paid late is recorded too (the transition table allows it).
    const QString expired = readyForm(QStringLiteral("form_late_expired"));
    const QString s2 = checkout(expired, QJsonObject {{QStringLiteral("0"), 1}});
    m_h->database().exec(
        QStringLiteral("UPDATE compose_forms SET status = 'expired' WHERE id = '%1'").arg(expired));
    QCOMPARE(pay(s2).json.value(QStringLiteral("webhookStatus")).toInt(), 200);
    QCOMPARE(m_h->form(expired).value(QStringLiteral("status")).toString(),
             QStringLiteral("payment_completed"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1'").arg(expired)),
             1);
}

void tst_ApiMoneyPath::duplicatePaymentIsRecorded()
{
    const QString id = readyForm(QStringLiteral("form_duplicate_payment"));
    QVERIFY(!id.isEmpty());
    // Two checkout tabs: two sessions for one form, and the customer pays both.
    const QString first = checkout(id, QJsonObject {{QStringLiteral("0"), 1}});
    const QString second = checkout(id, QJsonObject {{QStringLiteral("0"), 1}});
    QVERIFY(!first.isEmpty() && !second.isEmpty() && first != second);
    QCOMPARE(pay(first).json.value(QStringLiteral("webhookStatus")).toInt(), 200);
    auto r = pay(second);
    QCOMPARE(r.json.value(QStringLiteral("webhookStatus")).toInt(), 200);
    QCOMPARE(r.json.value(QStringLiteral("webhookResponse"))
                 .toObject()
                 .value(QStringLiteral("paymentFlag"))
                 .toString(),
             QStringLiteral("duplicate"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1'").arg(id)), 2);
    QCOMPARE(
        count(QStringLiteral(
                  "SELECT count(*) FROM orders WHERE form_id = '%1' AND payment_flag = 'duplicate' "
                  "AND stripe_session_id = '%2'")
                  .arg(id, second)),
        1);
    // Staff can find it, and refund it by the kept payment intent.
    QCOMPARE(count(QStringLiteral(
                       "SELECT count(*) FROM compose_checkout_sessions WHERE session_id = '%1' "
                       "AND payment_intent LIKE 'pi_%' AND order_id IS NOT NULL")
                       .arg(second)),
             1);
    // The form keeps the first payment.
    const QJsonObject form = m_h->form(id);
    QCOMPARE(form.value(QStringLiteral("status")).toString(), QStringLiteral("payment_completed"));
    QCOMPARE(form.value(QStringLiteral("stripeSessionId")).toString(), first);

    // Replays of the second session, under the same event id and under a new one (Stripe's
    // async_payment_succeeded for the same session), never make another order.
    QCOMPARE(pay(second)
                 .json.value(QStringLiteral("webhookResponse"))
                 .toObject()
                 .value(QStringLiteral("duplicate"))
                 .toBool(),
             true);
    QJsonObject event = r.json.value(QStringLiteral("event")).toObject();
    event.insert(QStringLiteral("id"), QStringLiteral("evt_replay_new_id"));
    event.insert(QStringLiteral("type"),
                 QStringLiteral("checkout.session.async_payment_succeeded"));
    const QByteArray payload = QJsonDocument(event).toJson(QJsonDocument::Compact);
    r = m_h->request(
        "POST", QStringLiteral("/api/stripe/webhook"), payload,
        {{"Stripe-Signature",
          StripeSignature::sign(payload, "whsec_simulator", QDateTime::currentSecsSinceEpoch())}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("alreadyRecorded")).toBool(), true);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1'").arg(id)), 2);

    // A payment for a refunded form is a duplicate too: recorded, status kept.
    m_h->database().exec(
        QStringLiteral("UPDATE compose_forms SET status = 'refunded' WHERE id = '%1'").arg(id));
    event.insert(QStringLiteral("id"), QStringLiteral("evt_after_refund"));
    QJsonObject session
        = event.value(QStringLiteral("data")).toObject().value(QStringLiteral("object")).toObject();
    session.insert(QStringLiteral("id"), QStringLiteral("cs_after_refund"));
    event.insert(QStringLiteral("data"), QJsonObject {{QStringLiteral("object"), session}});
    const QByteArray p2 = QJsonDocument(event).toJson(QJsonDocument::Compact);
    r = m_h->request(
        "POST", QStringLiteral("/api/stripe/webhook"), p2,
        {{"Stripe-Signature",
          StripeSignature::sign(p2, "whsec_simulator", QDateTime::currentSecsSinceEpoch())}});
    QCOMPARE(r.status, 200);
    QCOMPARE(
        count(QStringLiteral(
                  "SELECT count(*) FROM orders WHERE form_id = '%1' AND payment_flag = 'duplicate'")
                  .arg(id)),
        2);
    QCOMPARE(m_h->form(id).value(QStringLiteral("status")).toString(), QStringLiteral("refunded"));
}

void tst_ApiMoneyPath::fullRefundLeavesADuplicateOrderPaid()
{
    // A full refund pays back the form's payment, not the duplicate one (another payment
    // intent): that order stays paid until staff refund it on its own.
    const QString id = readyForm(QStringLiteral("form_refund_with_duplicate"));
    QVERIFY(!id.isEmpty());
    const QString first = checkout(id, QJsonObject {{QStringLiteral("0"), 1}});
    const QString second = checkout(id, QJsonObject {{QStringLiteral("0"), 1}});
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    QCOMPARE(pay(first).json.value(QStringLiteral("webhookStatus")).toInt(), 200);
    QCOMPARE(pay(second).json.value(QStringLiteral("webhookStatus")).toInt(), 200);
    const auto r = m_h->json(
        "POST", QStringLiteral("/api/admin/forms/%1/refund").arg(id),
        QJsonObject {{QStringLiteral("reason"), QStringLiteral("requested_by_customer")}},
        ApiHarness::bearer(m_h->adminToken(), "refund-with-duplicate-1"));
    QCOMPARE(r.status, 200);
    QCOMPARE(m_h->form(id).value(QStringLiteral("status")).toString(), QStringLiteral("refunded"));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1' AND "
                                  "payment_flag IS NULL AND status = 'refunded'")
                       .arg(id)),
             1);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1' AND "
                                  "payment_flag = 'duplicate' AND status = 'paid'")
                       .arg(id)),
             1);
}

void tst_ApiMoneyPath::paymentForAFormThatCannotBePaidIsKept()
{
    // The customer abandoned the checkout, started generating again, then paid the old
    // session: the form cannot become paid (its audio is changing), but the money is recorded.
    const QString id = QStringLiteral("form_paid_while_generating");
    QCOMPARE(m_h->createForm(id, QStringLiteral("solo-serenade")).status, 201);
    m_h->database().exec(
        QStringLiteral("UPDATE compose_forms SET status = 'variations_generating' WHERE id = '%1'")
            .arg(id));
    const QJsonObject session {
        {QStringLiteral("id"), QStringLiteral("cs_kept_1")},
        {QStringLiteral("object"), QStringLiteral("checkout.session")},
        {QStringLiteral("amount_total"), 999.0},
        {QStringLiteral("currency"), QStringLiteral("usd")},
        {QStringLiteral("payment_intent"), QStringLiteral("pi_kept_1")},
        {QStringLiteral("payment_status"), QStringLiteral("paid")},
        {QStringLiteral("metadata"), QJsonObject {{QStringLiteral("formId"), id}}}};
    const QByteArray payload
        = QJsonDocument(
              QJsonObject {
                  {QStringLiteral("id"), QStringLiteral("evt_kept_1")},
                  {QStringLiteral("type"), QStringLiteral("checkout.session.completed")},
                  {QStringLiteral("data"), QJsonObject {{QStringLiteral("object"), session}}}})
              .toJson(QJsonDocument::Compact);
    const auto r = m_h->request(
        "POST", QStringLiteral("/api/stripe/webhook"), payload,
        {{"Stripe-Signature",
          StripeSignature::sign(payload, "whsec_simulator", QDateTime::currentSecsSinceEpoch())}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("paymentFlag")).toString(), QStringLiteral("status_kept"));
    QCOMPARE(m_h->form(id).value(QStringLiteral("status")).toString(),
             QStringLiteral("variations_generating"));
    QCOMPARE(
        count(
            QStringLiteral(
                "SELECT count(*) FROM orders WHERE form_id = '%1' AND payment_flag = 'status_kept' "
                "AND amount = 999")
                .arg(id)),
        1);
    QCOMPARE(count(QStringLiteral(
                 "SELECT count(*) FROM compose_checkout_sessions WHERE session_id = 'cs_kept_1' "
                 "AND payment_intent = 'pi_kept_1'")),
             1);
}

void tst_ApiMoneyPath::paidSelectionIsTheCheckoutSelection()
{
    const QString id = readyForm(QStringLiteral("form_paid_selection"));
    QVERIFY(!id.isEmpty());
    const QString session = checkout(id, QJsonObject {{QStringLiteral("0"), 1}});
    QVERIFY(!session.isEmpty());
    // While the checkout is open the selection cannot change.
    auto r = m_h->json("PATCH", QStringLiteral("/api/compose/forms/%1").arg(id),
                       QJsonObject {{QStringLiteral("selectedVariations"),
                                     QJsonObject {{QStringLiteral("0"), 3}}}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("checkout_in_progress"));
    QCOMPARE(m_h->form(id)
                 .value(QStringLiteral("selectedVariations"))
                 .toObject()
                 .value(QStringLiteral("0"))
                 .toInt(),
             1);
    // Abandoned, then changed: allowed, but the old session, paid late, still buys variation 1.
    QCOMPARE(m_h->json("PATCH", QStringLiteral("/api/compose/forms/%1").arg(id),
                       QJsonObject {{QStringLiteral("status"), QStringLiteral("variations_ready")}})
                 .status,
             200);
    QCOMPARE(m_h->json("PATCH", QStringLiteral("/api/compose/forms/%1").arg(id),
                       QJsonObject {{QStringLiteral("selectedVariations"),
                                     QJsonObject {{QStringLiteral("0"), 3}}}})
                 .status,
             200);
    QCOMPARE(pay(session).json.value(QStringLiteral("webhookStatus")).toInt(), 200);
    QCOMPARE(count(QStringLiteral(
                       "SELECT count(*) FROM music_generations WHERE form_id = '%1' AND is_paid")
                       .arg(id)),
             1);
    QCOMPARE(count(QStringLiteral("SELECT variation_index FROM music_generations WHERE form_id = "
                                  "'%1' AND is_paid AND is_selected")
                       .arg(id)),
             1);
    const QJsonObject form = m_h->form(id);
    QCOMPARE(form.value(QStringLiteral("status")).toString(), QStringLiteral("payment_completed"));
    QCOMPARE(form.value(QStringLiteral("selectedVariations"))
                 .toObject()
                 .value(QStringLiteral("0"))
                 .toInt(),
             1);
}

void tst_ApiMoneyPath::parallelGenerateMakesOneCall()
{
    const QString id = QStringLiteral("form_parallel_generate");
    QCOMPARE(m_gen->createForm(id, QStringLiteral("solo-serenade")).status, 201);
    const int before = m_musicGpt->calls();
    QList<ApiHarness::Pending> calls;
    for (int i = 0; i < 20; ++i)
        calls.append({"POST",
                      QStringLiteral("/api/generate"),
                      QJsonDocument(generateBody(id, 0, 1)).toJson(QJsonDocument::Compact),
                      {}});
    const QList<ApiHarness::Reply> replies = m_gen->parallel(calls);
    int started = 0;
    for (const auto &r : replies) {
        QVERIFY2(
            r.status == 200
                || (r.status == 409 && r.errorCode() == QLatin1String("generation_in_progress")),
            r.body.constData());
        if (r.status == 200 && !r.json.value(QStringLiteral("existing")).toBool())
            ++started;
    }
    QCOMPARE(started, 1);
    QCOMPARE(m_musicGpt->calls() - before, 1);
    QSqlQuery q(m_gen->database().connection());
    QVERIFY(
        q.exec(
            QStringLiteral("SELECT count(*) FROM music_generations WHERE form_id = '%1'").arg(id))
        && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QVERIFY(
        q.exec(QStringLiteral("SELECT count(*) FROM compose_generation_claims WHERE form_id = '%1'")
                   .arg(id))
        && q.next());
    QCOMPARE(q.value(0).toInt(), 0); // the recorded row answers for the slot now
}

void tst_ApiMoneyPath::parallelGenerateAcrossTwoProcesses()
{
    const QString binary = QDir::cleanPath(QCoreApplication::applicationDirPath()
                                           + QStringLiteral("/../server/compose-api"));
    QVERIFY2(QFileInfo(binary).isExecutable(), qPrintable(binary));
    ApiProcess a;
    ApiProcess b;
    QString error;
    const QString url = m_gen->database().url();
    QVERIFY2(a.start(binary, url, m_musicGpt->url(), &error), qPrintable(error));
    QVERIFY2(b.start(binary, url, m_musicGpt->url(), &error), qPrintable(error));
    const QString id = QStringLiteral("form_two_processes");
    QCOMPARE(m_gen->createForm(id, QStringLiteral("solo-serenade")).status, 201);
    const int before = m_musicGpt->calls();
    QList<ApiHarness::Pending> calls;
    for (int i = 0; i < 20; ++i)
        calls.append({"POST",
                      (i % 2 ? a.base() : b.base()) + QStringLiteral("/api/generate"),
                      QJsonDocument(generateBody(id, 0, 2)).toJson(QJsonDocument::Compact),
                      {}});
    const QList<ApiHarness::Reply> replies = m_gen->parallel(calls);
    int started = 0;
    for (const auto &r : replies) {
        QVERIFY2(r.status == 200 || r.status == 409, r.body.constData());
        if (r.status == 200 && !r.json.value(QStringLiteral("existing")).toBool())
            ++started;
    }
    QCOMPARE(started, 1);
    QCOMPARE(m_musicGpt->calls() - before, 1);
    QSqlQuery q(m_gen->database().connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*), count(DISTINCT task_id) FROM music_generations "
                                  "WHERE form_id = '%1'")
                       .arg(id))
            && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QCOMPARE(q.value(1).toInt(), 1);
}

void tst_ApiMoneyPath::failedAndStaleClaimsAreReleased()
{
    const QString id = QStringLiteral("form_claim_release");
    QCOMPARE(m_gen->createForm(id, QStringLiteral("solo-serenade")).status, 201);
    const int before = m_musicGpt->calls();
    // MusicGPT fails: the claim goes, so trying again calls again and succeeds.
    m_musicGpt->failNext(1);
    auto r = m_gen->json("POST", QStringLiteral("/api/generate"), generateBody(id, 0, 3));
    QCOMPARE(r.status, 502);
    QSqlQuery q(m_gen->database().connection());
    QVERIFY(
        q.exec(QStringLiteral("SELECT count(*) FROM compose_generation_claims WHERE form_id = '%1'")
                   .arg(id))
        && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    r = m_gen->json("POST", QStringLiteral("/api/generate"), generateBody(id, 0, 3));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("existing")).toBool(), false);
    QCOMPARE(m_musicGpt->calls() - before, 2);

    // A live claim (another process mid-call) refuses; a stale one (that process died) is taken
    // over.
    m_gen->database().exec(QStringLiteral("INSERT INTO compose_generation_claims(form_id, "
                                          "song_index, variation_index, claimed_at) "
                                          "VALUES ('%1', 0, 1, NOW() AT TIME ZONE 'UTC')")
                               .arg(id));
    r = m_gen->json("POST", QStringLiteral("/api/generate"), generateBody(id, 0, 1));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("generation_in_progress"));
    QCOMPARE(m_musicGpt->calls() - before, 2);
    m_gen->database().exec(
        QStringLiteral(
            "UPDATE compose_generation_claims SET claimed_at = claimed_at - INTERVAL '1 hour' "
            "WHERE form_id = '%1'")
            .arg(id));
    r = m_gen->json("POST", QStringLiteral("/api/generate"), generateBody(id, 0, 1));
    QCOMPARE(r.status, 200);
    QCOMPARE(m_musicGpt->calls() - before, 3);
}

void tst_ApiMoneyPath::generationCallsAreCappedPerForm()
{
    const QString id = QStringLiteral("form_generation_cap");
    QCOMPARE(m_gen->createForm(id, QStringLiteral("solo-serenade")).status, 201);
    // The form has spent its calls (as 27 failed retries would have).
    m_gen->database().exec(
        QStringLiteral("INSERT INTO compose_generation_budget(form_id, calls) VALUES ('%1', %2)")
            .arg(id)
            .arg(GenerationRoutes::MaxCallsPerForm));
    const int before = m_musicGpt->calls();
    const auto r = m_gen->json("POST", QStringLiteral("/api/generate"), generateBody(id, 0, 1));
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), QStringLiteral("generation_limit"));
    QCOMPARE(m_musicGpt->calls(), before);
    QSqlQuery q(m_gen->database().connection());
    QVERIFY(
        q.exec(QStringLiteral("SELECT count(*) FROM compose_generation_claims WHERE form_id = '%1'")
                   .arg(id))
        && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    // One below the cap: exactly one more call goes through.
    m_gen->database().exec(
        QStringLiteral("UPDATE compose_generation_budget SET calls = %1 WHERE form_id = '%2'")
            .arg(GenerationRoutes::MaxCallsPerForm - 1)
            .arg(id));
    QCOMPARE(m_gen->json("POST", QStringLiteral("/api/generate"), generateBody(id, 0, 1)).status,
             200);
    QCOMPARE(m_gen->json("POST", QStringLiteral("/api/generate"), generateBody(id, 0, 2)).status,
             429);
    QCOMPARE(m_musicGpt->calls(), before + 1);
}

void tst_ApiMoneyPath::musicGptWebhookNeverRewritesFinishedSongs()
{
    const QString id = QStringLiteral("form_webhook_hardening");
    QCOMPARE(m_h->createForm(id, QStringLiteral("solo-serenade")).status, 201);
    test::insertGeneration(m_h->database().connection(),
                           test::pendingGeneration(QStringLiteral("h"), id, 1,
                                                   QStringLiteral("conv_h1"),
                                                   QStringLiteral("conv_h2")));
    // The token once derived from the public simulator key is not accepted.
    const QByteArray derived
        = QMessageAuthenticationCode::hash("compose-musicgpt-webhook", "sim_musicgpt_key",
                                           QCryptographicHash::Sha256)
              .toHex()
              .left(32);
    const QJsonObject v1 {
        {QStringLiteral("success"), true},
        {QStringLiteral("subtype"), QStringLiteral("music_ai")},
        {QStringLiteral("task_id"), QStringLiteral("task_h")},
        {QStringLiteral("conversion_id"), QStringLiteral("conv_h1")},
        {QStringLiteral("conversion_path"), QStringLiteral("https://cdn.example/h1.mp3")},
        {QStringLiteral("title"), QStringLiteral("<b>Für Anna</b>")}};
    QCOMPARE(
        m_h->json("POST",
                  QStringLiteral("/api/musicgpt/webhook?token=") + QString::fromLatin1(derived), v1)
            .status,
        401);
    const QString token = GenerationRoutes::loadWebhookToken(m_h->database().connection());
    QVERIFY(token.size() >= 32);
    const QString hook = QStringLiteral("/api/musicgpt/webhook?token=") + token;

    // Only http(s) audio: javascript:, data: and file: are refused and nothing is stored.
    for (const QString &bad :
         {QStringLiteral("javascript:alert(1)"), QStringLiteral("data:audio/mp3;base64,AAAA"),
          QStringLiteral("file:///etc/passwd")}) {
        QJsonObject o = v1;
        o.insert(QStringLiteral("conversion_path"), bad);
        QCOMPARE(m_h->json("POST", hook, o).status, 400);
        QJsonObject w = v1;
        w.insert(QStringLiteral("conversion_path_wav"), bad);
        QCOMPARE(m_h->json("POST", hook, w).status, 400);
    }
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM music_generations WHERE task_id = 'task_h' "
                                  "AND audio_url_1 IS NULL "
                                  "AND audio_url_wav_1 IS NULL AND status = 'pending'")),
             1);

    // Both versions arrive: completed, the HTML title kept as plain text.
    QCOMPARE(m_h->json("POST", hook, v1).status, 200);
    QJsonObject v2 = v1;
    v2.insert(QStringLiteral("conversion_id"), QStringLiteral("conv_h2"));
    v2.insert(QStringLiteral("conversion_path"), QStringLiteral("https://cdn.example/h2.mp3"));
    QCOMPARE(m_h->json("POST", hook, v2).status, 200);
    QSqlQuery q(m_h->database().connection());
    QVERIFY(
        q.exec(QStringLiteral(
            "SELECT status, audio_url_1, title_1 FROM music_generations WHERE task_id = 'task_h'"))
        && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("completed"));
    QCOMPARE(q.value(2).toString(), QStringLiteral("<b>Für Anna</b>"));

    // A repeated or forged delivery for the completed task is acknowledged and changes nothing.
    QJsonObject again = v1;
    again.insert(QStringLiteral("conversion_path"),
                 QStringLiteral("https://evil.example/other.mp3"));
    again.insert(QStringLiteral("title"), QStringLiteral("Replaced"));
    auto r = m_h->json("POST", hook, again);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("unchanged")).toBool(), true);
    QJsonObject failure {{QStringLiteral("success"), false},
                         {QStringLiteral("task_id"), QStringLiteral("task_h")},
                         {QStringLiteral("reason"), QStringLiteral("late failure")}};
    QCOMPARE(m_h->json("POST", hook, failure).status, 200);
    QVERIFY(
        q.exec(QStringLiteral(
            "SELECT status, audio_url_1, title_1 FROM music_generations WHERE task_id = 'task_h'"))
        && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("completed"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("https://cdn.example/h1.mp3"));
    QCOMPARE(q.value(2).toString(), QStringLiteral("<b>Für Anna</b>"));

    // A paid generation that is still in progress is not rewritten either.
    test::GenerationSpec paidGen = test::pendingGeneration(
        QStringLiteral("p"), id, 2, QStringLiteral("conv_p1"), QStringLiteral("conv_p2"));
    paidGen.status = QStringLiteral("in_progress");
    paidGen.isPaid = true;
    paidGen.isSelected = true;
    test::insertGeneration(m_h->database().connection(), paidGen);
    QJsonObject paid = v1;
    paid.insert(QStringLiteral("task_id"), QStringLiteral("task_p"));
    paid.insert(QStringLiteral("conversion_id"), QStringLiteral("conv_p1"));
    QCOMPARE(m_h->json("POST", hook, paid).status, 200);
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM music_generations WHERE task_id = 'task_p' "
                                  "AND audio_url_1 IS NULL")),
             1);
}

QTEST_MAIN(tst_ApiMoneyPath)
#include "tst_apimoneypath.moc"
