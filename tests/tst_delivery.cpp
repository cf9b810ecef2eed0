// Issue 17: delivery is real. compose-api (in-process and as a child process that is SIGKILLed)
// sends each delivery's e-mail exactly once to a loopback SMTP sink, retries while the sink is
// down, serves the share page (also loaded in headless Chromium) and closes the books on a
// full refund.
#include "apiharness.h"
#include "database.h"
#include "seedrows.h"
#include "smtpsink.h"
#include "staffaccounts.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <signal.h>

using namespace compose;
using namespace compose::test;

class tst_Delivery : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void deliverOnPaymentSendsOnce();
    void redeliverSendsOnceEach();
    void smtpDownRetriesThenSends();
    void sharePageInChromium();
    void fullRefundClosesBooks();
    void partialRefundKeepsSharing();
    void sessionIdFindsForm();
    void createdFormGetsPromptsOnce();
    void holdDeliveriesWaitsForStaff();
    void killedBetweenCommitAndSend();
    void smtpPasswordNeverLogged();

private:
    QString paidForm(const QString &id, const QString &email = QStringLiteral("payer@example.com"));
    QVariant scalar(const QString &sql);
    bool outboxSettled(const QString &formId); // every row of the form is sent or failed
    int outboxRows(const QString &formId);
    QString slugOf(const QString &formId);

    std::unique_ptr<ApiHarness> m_h;
    SmtpSink m_sink;
};

void tst_Delivery::initTestCase()
{
    QVERIFY(m_sink.listen());
    m_h = std::make_unique<ApiHarness>(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(*m_h);
    ServerConfig config = ApiHarness::simulatedConfig(100);
    config.holdDeliveries = false; // deliver on payment, as in production
    config.smtpUrl = m_sink.url();
    config.mailRetryBaseMs = 200;
    config.mailMaxAttempts = 1000;
    config.mailPollMs = 100;
    config.shareBase = QUrl(); // links name the test server, so they can be opened
    QString error;
    QVERIFY2(m_h->start(config, &error), qPrintable(error));
}

void tst_Delivery::cleanupTestCase()
{
    m_h.reset();
}

QString tst_Delivery::paidForm(const QString &id, const QString &email)
{
    if (m_h->createForm(id, QStringLiteral("solo-serenade"), email).status != 201
        || !m_h->generateAll(id, 1) || !m_h->waitStatus(id, QStringLiteral("variations_ready"))
        || !m_h->checkoutAndPay(id, QJsonObject {{QStringLiteral("0"), 2}}))
        return {};
    return id;
}

QVariant tst_Delivery::scalar(const QString &sql)
{
    QSqlQuery q(m_h->database().connection());
    if (!q.exec(sql) || !q.next())
        return {};
    return q.value(0);
}

int tst_Delivery::outboxRows(const QString &formId)
{
    return scalar(QStringLiteral("SELECT COUNT(*) FROM compose_outbox WHERE form_id = '%1'")
                      .arg(formId))
        .toInt();
}

bool tst_Delivery::outboxSettled(const QString &formId)
{
    return scalar(QStringLiteral(
                      "SELECT COUNT(*) FROM compose_outbox WHERE form_id = '%1' AND state NOT IN "
                      "('sent', 'failed')")
                      .arg(formId))
               .toInt()
        == 0;
}

QString tst_Delivery::slugOf(const QString &formId)
{
    return scalar(
               QStringLiteral(
                   "SELECT share_slug_v1 FROM music_generations WHERE form_id = '%1' AND is_paid")
                   .arg(formId))
        .toString();
}

static int messagesTo(const SmtpSink &sink, const QString &address)
{
    int n = 0;
    for (const auto &m : sink.messages())
        n += m.to.contains(address) ? 1 : 0;
    return n;
}

void tst_Delivery::deliverOnPaymentSendsOnce()
{
    const QString email = QStringLiteral("auto@example.com");
    const QString id = paidForm(QStringLiteral("form_auto"), email);
    QVERIFY(!id.isEmpty());
    // The webhook delivered in the transaction of the payment.
    QCOMPARE(m_h->form(id).value(QStringLiteral("status")).toString(), QStringLiteral("delivered"));
    QCOMPARE(outboxRows(id), 1);
    QVERIFY(m_h->waitFor([&] { return outboxSettled(id) && messagesTo(m_sink, email) >= 1; }));
    QCOMPARE(messagesTo(m_sink, email), 1);
    QCOMPARE(scalar(QStringLiteral(
                        "SELECT state || ':' || attempts FROM compose_outbox WHERE form_id = '%1'")
                        .arg(id))
                 .toString(),
             QStringLiteral("sent:1"));

    SmtpSink::Message m;
    for (const auto &x : m_sink.messages())
        if (x.to.contains(email))
            m = x;
    QCOMPARE(
        m.messageId,
        scalar(QStringLiteral("SELECT message_id FROM compose_outbox WHERE form_id = '%1'").arg(id))
            .toString());
    QCOMPARE(m.subject, QStringLiteral("Your song for Cyril Samuel is ready"));
    const QString slug = slugOf(id);
    QVERIFY(!slug.isEmpty());
    QVERIFY2(m.text.contains(QStringLiteral("/s/") + slug), qPrintable(m.text));
    QVERIFY2(m.html.contains(QStringLiteral("/s/") + slug), qPrintable(m.html));
    QVERIFY(m.raw.contains("multipart/alternative"));
    // Both versions MusicGPT made got a link of their own.
    const QString slug2
        = scalar(QStringLiteral(
                     "SELECT share_slug_v2 FROM music_generations WHERE form_id = '%1' AND is_paid")
                     .arg(id))
              .toString();
    QVERIFY(!slug2.isEmpty() && slug2 != slug);
    QVERIFY(m.text.contains(QStringLiteral("/s/") + slug2));
    QCOMPARE(
        scalar(
            QStringLiteral(
                "SELECT COUNT(*) FROM compose_deliveries WHERE form_id = '%1' AND kind = 'deliver' "
                "AND staff_id IS NULL")
                .arg(id))
            .toInt(),
        1);
}

void tst_Delivery::redeliverSendsOnceEach()
{
    const QString id = QStringLiteral("form_redeliver");
    // Customer text reaches the HTML part escaped.
    const auto created = m_h->json(
        "POST", QStringLiteral("/api/compose/forms"),
        QJsonObject {
            {QStringLiteral("formId"), id},
            {QStringLiteral("packageType"), QStringLiteral("solo-serenade")},
            {QStringLiteral("formData"),
             QJsonObject {{QStringLiteral("recipientName"), QStringLiteral("<b>Ann & \"Bo\"</b>")},
                          {QStringLiteral("senderName"), QStringLiteral("<script>x</script>")}}},
            {QStringLiteral("generatedPrompts"), QJsonArray {QStringLiteral("A song")}},
            {QStringLiteral("guestEmail"), QStringLiteral("first@example.com")}});
    QCOMPARE(created.status, 201);
    QVERIFY(m_h->generateAll(id, 1) && m_h->waitStatus(id, QStringLiteral("variations_ready")));
    QVERIFY(m_h->checkoutAndPay(id, QJsonObject {{QStringLiteral("0"), 1}}));
    QVERIFY(m_h->waitFor([&] {
        return outboxSettled(id) && messagesTo(m_sink, QStringLiteral("first@example.com")) == 1;
    }));

    const auto admin = ApiHarness::bearer(m_h->adminToken(), "redeliver-1");
    auto r = m_h->json("POST", QStringLiteral("/api/admin/forms/%1/redeliver").arg(id),
                       QJsonObject {{QStringLiteral("email"), QStringLiteral("fixed@example.com")}},
                       admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("delivery"))
                 .toObject()
                 .value(QStringLiteral("messageState"))
                 .toString(),
             QStringLiteral("queued"));
    // The same Idempotency-Key replays the answer and queues nothing more.
    QCOMPARE(m_h->json("POST", QStringLiteral("/api/admin/forms/%1/redeliver").arg(id),
                       QJsonObject {{QStringLiteral("email"), QStringLiteral("fixed@example.com")}},
                       admin)
                 .status,
             200);
    QCOMPARE(m_h->request("POST", QStringLiteral("/api/admin/forms/%1/redeliver").arg(id), {},
                          ApiHarness::bearer(m_h->adminToken()))
                 .status,
             200); // to the form's own address
    QCOMPARE(outboxRows(id), 3);
    QVERIFY(m_h->waitFor([&] { return outboxSettled(id); }));
    QCOMPARE(messagesTo(m_sink, QStringLiteral("first@example.com")), 2);
    QCOMPARE(messagesTo(m_sink, QStringLiteral("fixed@example.com")), 1);
    QSet<QString> ids;
    for (const auto &m : m_sink.messages()) {
        if (m.to.contains(QStringLiteral("fixed@example.com"))) {
            QVERIFY2(m.html.contains(QStringLiteral("&lt;b&gt;Ann &amp; &quot;Bo&quot;&lt;/b&gt;")),
                     qPrintable(m.html));
            QVERIFY(!m.html.contains(QStringLiteral("<script>")));
            QVERIFY(m.text.contains(
                QStringLiteral("<b>Ann & \"Bo\"</b>"))); // plain text stays as typed
        }
        ids.insert(m.messageId);
    }
    QCOMPARE(ids.size(), m_sink.count()); // every message its own Message-ID
}

void tst_Delivery::smtpDownRetriesThenSends()
{
    const quint16 port = m_sink.port();
    m_sink.close(); // the SMTP server is down
    const int before = m_sink.count();
    const QString id
        = paidForm(QStringLiteral("form_smtp_down"), QStringLiteral("down@example.com"));
    QVERIFY(!id.isEmpty());
    // Retried (attempts grow) and shown as failed with the reason while it is down.
    QVERIFY(m_h->waitFor([&] {
        return scalar(QStringLiteral("SELECT attempts FROM compose_outbox WHERE form_id = '%1'")
                          .arg(id))
                   .toInt()
            >= 3;
    }));
    QCOMPARE(scalar(QStringLiteral("SELECT state FROM compose_outbox WHERE form_id = '%1'").arg(id))
                     .toString()
                 == QLatin1String("sent"),
             false);
    const QString reason
        = scalar(
              QStringLiteral("SELECT last_error FROM compose_outbox WHERE form_id = '%1'").arg(id))
              .toString();
    QVERIFY2(reason.contains(QLatin1String("connect"), Qt::CaseInsensitive), qPrintable(reason));
    QCOMPARE(m_sink.count(), before);

    QVERIFY(m_sink.listen(port)); // back
    QVERIFY(m_h->waitFor([&] { return outboxSettled(id); }, 20000));
    QCOMPARE(scalar(QStringLiteral("SELECT state FROM compose_outbox WHERE form_id = '%1'").arg(id))
                 .toString(),
             QStringLiteral("sent"));
    QCOMPARE(messagesTo(m_sink, QStringLiteral("down@example.com")), 1);
}

void tst_Delivery::sharePageInChromium()
{
    const QString id = paidForm(QStringLiteral("form_share"));
    QVERIFY(!id.isEmpty());
    const QString slug = slugOf(id);
    QVERIFY(!slug.isEmpty());
    auto page = m_h->request("GET", QStringLiteral("/s/") + slug);
    QCOMPARE(page.status, 200);
    const QByteArray csp = page.headers.value("content-security-policy");
    QVERIFY2(csp.startsWith("default-src 'none'"), csp.constData());
    QVERIFY(csp.contains("media-src http://127.0.0.1:"));
    QVERIFY(!csp.contains("script-src"));
    QCOMPARE(page.headers.value("x-content-type-options"), QByteArray("nosniff"));
    QVERIFY(page.body.contains("<audio controls"));
    QCOMPARE(m_h->request("GET", QStringLiteral("/s/no-such-slug")).status, 404);
    QCOMPARE(m_h->request("GET", QStringLiteral("/s/bad%20slug")).status, 404);

    const QString chromium = QStandardPaths::findExecutable(QStringLiteral("chromium"));
    if (chromium.isEmpty()) {
        if (qEnvironmentVariableIsSet("CI"))
            QFAIL("chromium is not installed (scripts/install-deps.sh)");
        QSKIP("chromium is not installed");
    }
    QTemporaryDir profile;
    QProcess browser;
    QUrl url = m_h->baseUrl();
    url.setPath(QStringLiteral("/s/") + slug);
    browser.start(chromium,
                  {QStringLiteral("--headless"), QStringLiteral("--no-sandbox"),
                   QStringLiteral("--disable-gpu"), QStringLiteral("--no-first-run"),
                   QStringLiteral("--disable-background-networking"),
                   QStringLiteral("--disable-component-update"), QStringLiteral("--disable-sync"),
                   QStringLiteral("--user-data-dir=") + profile.path(),
                   QStringLiteral("--dump-dom"), url.toString()});
    // The server answers on this thread's partner thread; wait with the event loop running.
    QDeadlineTimer deadline(60000);
    while (browser.state() != QProcess::NotRunning && !deadline.hasExpired())
        QTest::qWait(50);
    QVERIFY2(browser.state() == QProcess::NotRunning, "chromium did not finish within 60 s");
    const QString dom = QString::fromUtf8(browser.readAllStandardOutput());
    QVERIFY2(dom.contains(QStringLiteral("<h1 id=\"title\">")), qPrintable(dom.left(2000)));
    const QString title
        = scalar(QStringLiteral(
                     "SELECT title_1 FROM music_generations WHERE form_id = '%1' AND is_paid")
                     .arg(id))
              .toString();
    QVERIFY(!title.isEmpty());
    QVERIFY2(dom.contains(title.toHtmlEscaped()), qPrintable(dom.left(2000)));
    const auto src = QRegularExpression(QStringLiteral("<audio[^>]*src=\"([^\"]+)\"")).match(dom);
    QVERIFY2(src.hasMatch(), qPrintable(dom.left(2000)));
    const QUrl audio(src.captured(1).replace(QStringLiteral("&amp;"), QStringLiteral("&")));
    QCOMPARE(audio.port(), m_h->baseUrl().port());
    const auto sound = m_h->request("GET", audio.path());
    QCOMPARE(sound.status, 200);
    QVERIFY2(sound.headers.value("content-type").startsWith("audio/"),
             sound.headers.value("content-type").constData());
    QVERIFY(sound.body.startsWith("RIFF"));
}

void tst_Delivery::fullRefundClosesBooks()
{
    const QString id = paidForm(QStringLiteral("form_full_refund"));
    QVERIFY(!id.isEmpty());
    const QString slug = slugOf(id);
    QCOMPARE(m_h->request("GET", QStringLiteral("/s/") + slug).status, 200);
    const auto r = m_h->json(
        "POST", QStringLiteral("/api/admin/forms/%1/refund").arg(id),
        QJsonObject {{QStringLiteral("reason"), QStringLiteral("requested_by_customer")}},
        ApiHarness::bearer(m_h->adminToken()));
    QCOMPARE(r.status, 200);
    QCOMPARE(m_h->form(id).value(QStringLiteral("status")).toString(), QStringLiteral("refunded"));
    QCOMPARE(
        scalar(QStringLiteral("SELECT status FROM orders WHERE form_id = '%1'").arg(id)).toString(),
        QStringLiteral("refunded"));
    QCOMPARE(
        scalar(QStringLiteral(
                   "SELECT COUNT(*) FROM music_generations WHERE form_id = '%1' AND share_enabled")
                   .arg(id))
            .toInt(),
        0);
    const auto gone = m_h->request("GET", QStringLiteral("/s/") + slug);
    QCOMPARE(gone.status, 410);
    QCOMPARE(gone.body.trimmed(), QByteArray("This song is no longer shared."));
}

void tst_Delivery::partialRefundKeepsSharing()
{
    const QString id = paidForm(QStringLiteral("form_partial_refund"));
    QVERIFY(!id.isEmpty());
    const auto r = m_h->json(
        "POST", QStringLiteral("/api/admin/forms/%1/refund").arg(id),
        QJsonObject {{QStringLiteral("reason"), QStringLiteral("requested_by_customer")},
                     {QStringLiteral("amount"), 300}},
        ApiHarness::bearer(m_h->adminToken()));
    QCOMPARE(r.status, 200);
    QCOMPARE(
        scalar(QStringLiteral("SELECT status FROM orders WHERE form_id = '%1'").arg(id)).toString(),
        QStringLiteral("paid"));
    QCOMPARE(m_h->request("GET", QStringLiteral("/s/") + slugOf(id)).status, 200);
}

void tst_Delivery::sessionIdFindsForm()
{
    const QString id = QStringLiteral("form_session");
    QVERIFY(m_h->createForm(id, QStringLiteral("solo-serenade")).status == 201);
    QVERIFY(m_h->generateAll(id, 1) && m_h->waitStatus(id, QStringLiteral("variations_ready")));
    QString session;
    QVERIFY(m_h->checkoutAndPay(id, QJsonObject {{QStringLiteral("0"), 1}}, &session));
    auto r = m_h->request("GET", QStringLiteral("/api/compose/forms?sessionId=") + session);
    QCOMPARE(r.status, 200);
    QCOMPARE(
        r.json.value(QStringLiteral("form")).toObject().value(QStringLiteral("formId")).toString(),
        id);
    QCOMPARE(m_h->request("GET", QStringLiteral("/api/compose/forms?sessionId=cs_unknown")).status,
             404);
    QCOMPARE(m_h->request("GET", QStringLiteral("/api/compose/forms?sessionId=pi_123")).status,
             400);
    QCOMPARE(m_h->request("GET", QStringLiteral("/api/compose/forms?sessionId=")).status, 400);
}

void tst_Delivery::createdFormGetsPromptsOnce()
{
    const QString id = QStringLiteral("form_created");
    auto r = m_h->json(
        "POST", QStringLiteral("/api/compose/forms"),
        QJsonObject {{QStringLiteral("formId"), id},
                     {QStringLiteral("packageType"), QStringLiteral("solo-serenade")},
                     {QStringLiteral("formData"),
                      QJsonObject {{QStringLiteral("recipientName"), QStringLiteral("Ada")}}},
                     {QStringLiteral("generatedPrompts"), QJsonArray {}},
                     {QStringLiteral("guestEmail"), QStringLiteral("c@example.com")}});
    QCOMPARE(r.status, 201);
    QCOMPARE(m_h->form(id).value(QStringLiteral("status")).toString(), QStringLiteral("created"));
    // prompts_generated without prompts is refused.
    r = m_h->json("PATCH", QStringLiteral("/api/compose/forms/") + id,
                  QJsonObject {{QStringLiteral("status"), QStringLiteral("prompts_generated")}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("prompts_missing"));
    r = m_h->json("PATCH", QStringLiteral("/api/compose/forms/") + id,
                  QJsonObject {{QStringLiteral("generatedPrompts"),
                                QJsonArray {QStringLiteral("one"), QStringLiteral("two")}}});
    QCOMPARE(r.status, 400); // a solo form has one song
    r = m_h->json(
        "PATCH", QStringLiteral("/api/compose/forms/") + id,
        QJsonObject {{QStringLiteral("generatedPrompts"), QJsonArray {QStringLiteral(" ")}}});
    QCOMPARE(r.status, 400);
    r = m_h->json("PATCH", QStringLiteral("/api/compose/forms/") + id,
                  QJsonObject {{QStringLiteral("generatedPrompts"),
                                QJsonArray {QStringLiteral("A lullaby for Ada")}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(
        r.json.value(QStringLiteral("form")).toObject().value(QStringLiteral("status")).toString(),
        QStringLiteral("prompts_generated"));
    QCOMPARE(m_h->form(id).value(QStringLiteral("generatedPrompts")).toArray(),
             (QJsonArray {QStringLiteral("A lullaby for Ada")}));
    // Once.
    r = m_h->json(
        "PATCH", QStringLiteral("/api/compose/forms/") + id,
        QJsonObject {{QStringLiteral("generatedPrompts"), QJsonArray {QStringLiteral("Another")}}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("prompts_locked"));
    QCOMPARE(m_h->form(id).value(QStringLiteral("generatedPrompts")).toArray(),
             (QJsonArray {QStringLiteral("A lullaby for Ada")}));
}

void tst_Delivery::holdDeliveriesWaitsForStaff()
{
    // A second compose-api on its own database with deliveries held for staff review.
    ApiHarness held(SqlDialect::PostgreSQL);
    ServerConfig config = ApiHarness::simulatedConfig(100);
    config.holdDeliveries = true;
    config.smtpUrl = m_sink.url();
    QString error;
    QVERIFY2(held.start(config, &error), qPrintable(error));
    const QString id = QStringLiteral("form_held");
    QVERIFY(held.createForm(id, QStringLiteral("solo-serenade"), QStringLiteral("held@example.com"))
                .status
            == 201);
    QVERIFY(held.generateAll(id, 1) && held.waitStatus(id, QStringLiteral("variations_ready")));
    QVERIFY(held.checkoutAndPay(id, QJsonObject {{QStringLiteral("0"), 1}}));
    QCOMPARE(held.form(id).value(QStringLiteral("status")).toString(),
             QStringLiteral("payment_completed"));
    QSqlQuery q(held.database().connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM compose_outbox")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    QCOMPARE(held.request("POST", QStringLiteral("/api/admin/forms/%1/deliver").arg(id), {},
                          ApiHarness::bearer(held.adminToken()))
                 .status,
             200);
    QVERIFY(
        held.waitFor([&] { return messagesTo(m_sink, QStringLiteral("held@example.com")) == 1; }));
    QVERIFY(held.waitFor([&] {
        QSqlQuery s(held.database().connection());
        return s.exec(QStringLiteral("SELECT state FROM compose_outbox")) && s.next()
            && s.value(0).toString() == QLatin1String("sent");
    }));
    QCOMPARE(messagesTo(m_sink, QStringLiteral("held@example.com")), 1);
}

namespace {

quint16 freePort()
{
    QTcpServer s;
    s.listen(QHostAddress::LocalHost, 0);
    return s.serverPort();
}

struct Child {
    QProcess process;
    bool start(const QString &dbUrl, quint16 port, const QString &smtpUrl)
    {
        const QString exe = QDir(QCoreApplication::applicationDirPath())
                                .filePath(QStringLiteral("../server/compose-api"));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("COMPOSE_SMTP_URL"), smtpUrl);
        process.setProcessEnvironment(env);
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(exe,
                      {QStringLiteral("--database-url"), dbUrl, QStringLiteral("--port"),
                       QString::number(port), QStringLiteral("--simulate"),
                       QStringLiteral("--mail-lease-s"), QStringLiteral("3"),
                       QStringLiteral("--mail-poll-ms"), QStringLiteral("100"),
                       QStringLiteral("--mail-retry-ms"), QStringLiteral("200")});
        return process.waitForStarted(10000);
    }
    void kill()
    {
        ::kill(pid_t(process.processId()), SIGKILL);
        process.waitForFinished(10000);
    }
};

int httpStatus(QNetworkAccessManager &nam, const QByteArray &method, const QUrl &url,
               const QByteArray &token)
{
    QNetworkRequest req(url);
    req.setTransferTimeout(10000);
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply *reply
        = nam.sendCustomRequest(req, method, method == "POST" ? QByteArray("{}") : QByteArray());
    QDeadlineTimer deadline(15000);
    while (!reply->isFinished() && !deadline.hasExpired())
        QTest::qWait(20);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

} // namespace

void tst_Delivery::killedBetweenCommitAndSend()
{
    // compose-api as a child process: the delivery commits, the sender claims the message and is
    // stuck in the SMTP greeting, compose-api is SIGKILLed; a restarted compose-api sends it once.
    TestDatabase db(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(db);
    SmtpSink sink;
    QVERIFY(sink.listen());
    sink.setStall(true);
    const quint16 port = freePort();
    QUrl base(QStringLiteral("http://127.0.0.1"));
    base.setPort(port);
    QNetworkAccessManager nam;
    auto up = [&] {
        QUrl health = base;
        health.setPath(QStringLiteral("/api/health"));
        QDeadlineTimer deadline(30000);
        while (!deadline.hasExpired()) {
            if (httpStatus(nam, "GET", health, {}) == 200)
                return true;
            QTest::qWait(100);
        }
        return false;
    };
    auto child = std::make_unique<Child>();
    QVERIFY(child->start(db.url(), port, sink.url()));
    QVERIFY(up());
    QSqlDatabase conn = db.connection();
    const QByteArray token
        = StaffAccounts::createOrRekey(conn, QStringLiteral("killer"), QStringLiteral("admin"))
              .toUtf8();
    FormSpec f;
    f.id = QStringLiteral("form_kill");
    f.status = QStringLiteral("payment_completed");
    f.guestEmail = QStringLiteral("kill@example.com");
    f.amountPaid = 999;
    f.stripePaymentIntentId = QStringLiteral("pi_kill");
    insertCompleteForm(conn, f, 1);
    QSqlQuery q(conn);
    QVERIFY(q.exec(QStringLiteral("UPDATE music_generations SET is_paid = TRUE WHERE form_id = "
                                  "'form_kill' AND is_selected")));

    QUrl deliver = base;
    deliver.setPath(QStringLiteral("/api/admin/forms/form_kill/deliver"));
    QCOMPARE(httpStatus(nam, "POST", deliver, token), 200);
    auto state = [&] {
        QSqlQuery s(conn);
        return s.exec(
                   QStringLiteral("SELECT state FROM compose_outbox WHERE form_id = 'form_kill'"))
                && s.next()
            ? s.value(0).toString()
            : QString();
    };
    // Claimed and mid-send: the sink holds the connection without a greeting.
    QDeadlineTimer claimed(15000);
    bool midSend = false;
    while (!midSend && !claimed.hasExpired()) {
        midSend = state() == QLatin1String("sending") && sink.connectionCount() > 0;
        if (!midSend)
            QTest::qWait(20);
    }
    QVERIFY(midSend);
    child->kill();
    QCOMPARE(sink.count(), 0);

    sink.setStall(false);
    QVERIFY(sink.listen(sink.port())); // drops the stalled connection
    child = std::make_unique<Child>();
    QVERIFY(child->start(db.url(), port, sink.url()));
    QVERIFY(up());
    QDeadlineTimer sent(20000);
    while (state() != QLatin1String("sent") && !sent.hasExpired())
        QTest::qWait(50);
    QCOMPARE(state(), QStringLiteral("sent"));
    QCOMPARE(sink.count(), 1);
    QCOMPARE(sink.messages().first().to, QStringList {QStringLiteral("kill@example.com")});

    // Redelivery after the restart: one more message, exactly.
    QUrl redeliver = base;
    redeliver.setPath(QStringLiteral("/api/admin/forms/form_kill/redeliver"));
    QCOMPARE(httpStatus(nam, "POST", redeliver, token), 200);
    QDeadlineTimer again(20000);
    auto settled = [&] {
        QSqlQuery s(conn);
        return s.exec(QStringLiteral("SELECT COUNT(*) FROM compose_outbox WHERE state <> 'sent'"))
            && s.next() && s.value(0).toInt() == 0;
    };
    while (!settled() && !again.hasExpired())
        QTest::qWait(50);
    QVERIFY(settled());
    QCOMPARE(sink.count(), 2);
    child->process.terminate();
    child->process.waitForFinished(10000);
}

namespace {
QStringList g_log;
QMutex g_logMutex;
void captureLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    QMutexLocker lock(&g_logMutex);
    g_log << message;
}
} // namespace

void tst_Delivery::smtpPasswordNeverLogged()
{
    // Credentials configured, the SMTP server unreachable: every attempt fails, its reason is
    // recorded and logged, and neither the outbox nor any log line carries the password.
    const QString password = QStringLiteral("pw-Zq81-secret");
    {
        QMutexLocker lock(&g_logMutex);
        g_log.clear();
    }
    const QtMessageHandler previous = qInstallMessageHandler(captureLog);
    {
        ApiHarness authed(SqlDialect::PostgreSQL);
        ServerConfig config = ApiHarness::simulatedConfig(100);
        config.smtpUrl
            = QStringLiteral("smtp://127.0.0.1:%1").arg(freePort()); // nothing listens there
        config.smtpUser = QStringLiteral("mailer");
        config.smtpPassword = password;
        config.mailRetryBaseMs = 100;
        QString error;
        QVERIFY2(authed.start(config, &error), qPrintable(error));
        const QString id = QStringLiteral("form_secret");
        QVERIFY(
            authed.createForm(id, QStringLiteral("solo-serenade"), QStringLiteral("s@example.com"))
                .status
            == 201);
        QVERIFY(authed.generateAll(id, 1)
                && authed.waitStatus(id, QStringLiteral("variations_ready")));
        QVERIFY(authed.checkoutAndPay(id, QJsonObject {{QStringLiteral("0"), 1}}));
        QCOMPARE(authed
                     .request("POST", QStringLiteral("/api/admin/forms/%1/deliver").arg(id), {},
                              ApiHarness::bearer(authed.adminToken()))
                     .status,
                 200);
        auto lastError = [&] {
            QSqlQuery q(authed.database().connection());
            return q.exec(
                       QStringLiteral("SELECT last_error FROM compose_outbox WHERE attempts >= 2"))
                    && q.next()
                ? q.value(0).toString()
                : QString();
        };
        QVERIFY(authed.waitFor([&] { return !lastError().isEmpty(); }));
        QVERIFY2(!lastError().contains(password), qPrintable(lastError()));
    }
    qInstallMessageHandler(previous);
    QMutexLocker lock(&g_logMutex);
    const QString all = g_log.join(QLatin1Char('\n'));
    QVERIFY2(all.contains(QLatin1String("sending delivery e-mail through")),
             "the log was not captured");
    QVERIFY2(all.contains(QLatin1String("will retry")), "no failed attempt was logged");
    QVERIFY(!all.contains(password));
}

QTEST_MAIN(tst_Delivery)
#include "tst_delivery.moc"
