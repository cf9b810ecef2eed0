#include "apiharness.h"

#include "staffaccounts.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

namespace compose::test {

ApiHarness::ApiHarness(SqlDialect dialect)
    : m_db(std::make_unique<TestDatabase>(dialect))
    , m_api(std::make_unique<EmbeddedApi>())
{
}

ApiHarness::~ApiHarness()
{
    m_api.reset(); // the server's connection must close before the database is dropped
}

ServerConfig ApiHarness::simulatedConfig(int delayMs)
{
    ServerConfig c;
    c.simulate = true;
    c.simDelayMs = delayMs;
    c.shareBase = QUrl(QStringLiteral("https://share.example.test"));
    c.expiryIntervalS = 3600;
    // The existing staff tests drive "Mark delivered" on paid forms; delivery tests turn this off.
    c.holdDeliveries = true;
    c.mailPollMs = 100;
    // A test drives the server far faster than people do, all from 127.0.0.1 with one token:
    // the rate limits have their own test (tst_apiratelimit), which sets them.
    c.rateLimitClientPerMinute = 0;
    c.rateLimitStaffPerMinute = 0;
    return c;
}

bool ApiHarness::start(ServerConfig config, QString *error)
{
    config.database = m_db->settings();
    if (!m_serverUser.isEmpty())
        config.database.user = m_serverUser;
    QSignalSpy ready(m_api.get(), &EmbeddedApi::ready);
    QSignalSpy failed(m_api.get(), &EmbeddedApi::failed);
    m_api->start(config, QStringLiteral("test-admin"), QStringLiteral("admin"));
    QDeadlineTimer deadline(30000);
    while (ready.isEmpty() && failed.isEmpty() && !deadline.hasExpired())
        QTest::qWait(20);
    if (!failed.isEmpty()) {
        *error = failed.first().first().toString();
        return false;
    }
    if (ready.isEmpty()) {
        *error = QStringLiteral("compose-api did not start within 30 s");
        return false;
    }
    m_base = ready.first().at(0).toUrl();
    m_token = ready.first().at(1).toString();
    return true;
}

QString ApiHarness::addStaff(const QString &name, const QString &role)
{
    return StaffAccounts::createOrRekey(m_db->connection(), name, role);
}

ApiHarness::Headers ApiHarness::bearer(const QString &token, const QByteArray &idempotencyKey)
{
    Headers h {{"Authorization", "Bearer " + token.toUtf8()}};
    if (!idempotencyKey.isEmpty())
        h.append({"Idempotency-Key", idempotencyKey});
    return h;
}

static ApiHarness::Reply collect(QNetworkReply *reply)
{
    ApiHarness::Reply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.body = reply->readAll();
    r.json = QJsonDocument::fromJson(r.body).object();
    for (const auto &p : reply->rawHeaderPairs())
        r.headers.insert(p.first.toLower(), p.second);
    return r;
}

QList<ApiHarness::Reply> ApiHarness::parallel(const QList<Pending> &requests, int timeoutMs)
{
    QList<QNetworkReply *> replies;
    for (const Pending &p : requests) {
        QUrl url = m_base;
        const qsizetype q = p.path.indexOf(QLatin1Char('?'));
        if (p.path.startsWith(QLatin1String("http://"))) {
            url = QUrl(p.path); // another server on the same database (a compose-api process)
        } else {
            url.setPath(q < 0 ? p.path : p.path.left(q));
            if (q >= 0)
                url.setQuery(p.path.mid(q + 1));
        }
        QNetworkRequest req(url);
        req.setTransferTimeout(timeoutMs);
        if (!p.body.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        for (const auto &h : p.headers)
            req.setRawHeader(h.first, h.second);
        replies << m_nam.sendCustomRequest(req, p.method, p.body);
    }
    QDeadlineTimer deadline(timeoutMs + 1000);
    auto allDone = [&] {
        for (QNetworkReply *r : std::as_const(replies)) {
            if (!r->isFinished())
                return false;
        }
        return true;
    };
    while (!allDone() && !deadline.hasExpired())
        QTest::qWait(5);
    QList<Reply> out;
    for (QNetworkReply *r : std::as_const(replies)) {
        out << collect(r);
        r->deleteLater();
    }
    return out;
}

ApiHarness::Reply ApiHarness::request(const QByteArray &method, const QString &path,
                                      const QByteArray &body, const Headers &headers, int timeoutMs)
{
    return parallel({Pending {method, path, body, headers}}, timeoutMs).first();
}

ApiHarness::Reply ApiHarness::json(const QByteArray &method, const QString &path,
                                   const QJsonObject &body, const Headers &headers)
{
    return request(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
}

bool ApiHarness::waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (condition())
            return true;
        QTest::qWait(50);
    }
    return condition();
}

QJsonObject ApiHarness::form(const QString &formId)
{
    return request("GET", QStringLiteral("/api/compose/forms?formId=") + formId)
        .json.value(QStringLiteral("form"))
        .toObject();
}

ApiHarness::Reply ApiHarness::createForm(const QString &formId, const QString &package,
                                         const QString &email)
{
    const int songs = package == QLatin1String("holiday-hamper") ? 3 : 1;
    QJsonArray prompts;
    for (int i = 0; i < songs; ++i)
        prompts.append(QStringLiteral("A merry Christmas song number %1 for Cyril").arg(i + 1));
    return json("POST", QStringLiteral("/api/compose/forms"),
                QJsonObject {
                    {QStringLiteral("formId"), formId},
                    {QStringLiteral("packageType"), package},
                    {QStringLiteral("songCount"), songs},
                    {QStringLiteral("formData"),
                     QJsonObject {{QStringLiteral("recipientName"), QStringLiteral("Cyril Samuel")},
                                  {QStringLiteral("relationship"), QStringLiteral("friend")},
                                  {QStringLiteral("theme"), QStringLiteral("merry-christmas")},
                                  {QStringLiteral("vibe"), QStringLiteral("friendly-fun")}}},
                    {QStringLiteral("generatedPrompts"), prompts},
                    {QStringLiteral("status"), QStringLiteral("prompts_generated")},
                    {QStringLiteral("guestEmail"), email}});
}

bool ApiHarness::generateAll(const QString &formId, int songCount)
{
    QList<Pending> calls;
    for (int s = 0; s < songCount; ++s) {
        for (int v = 1; v <= 3; ++v)
            calls << Pending {"POST",
                              QStringLiteral("/api/generate"),
                              QJsonDocument(QJsonObject {{QStringLiteral("preview_mode"), true},
                                                         {QStringLiteral("form_id"), formId},
                                                         {QStringLiteral("song_index"), s},
                                                         {QStringLiteral("variation_index"), v}})
                                  .toJson(QJsonDocument::Compact),
                              {}};
    }
    for (const Reply &r : parallel(calls)) {
        if (r.status != 200)
            return false;
    }
    return true;
}

bool ApiHarness::waitStatus(const QString &formId, const QString &status, int timeoutMs)
{
    return waitFor(
        [&] { return form(formId).value(QStringLiteral("status")).toString() == status; },
        timeoutMs);
}

bool ApiHarness::checkoutAndPay(const QString &formId, const QJsonObject &selections,
                                QString *sessionId)
{
    const Reply c = json("POST", QStringLiteral("/api/stripe/checkout"),
                         QJsonObject {{QStringLiteral("formId"), formId},
                                      {QStringLiteral("selectedVariations"), selections}});
    if (c.status != 200)
        return false;
    const QString sid = c.json.value(QStringLiteral("sessionId")).toString();
    if (sessionId)
        *sessionId = sid;
    const Reply p = request("POST", QStringLiteral("/sim/stripe/sessions/%1/pay").arg(sid));
    return p.status == 200 && p.json.value(QStringLiteral("webhookStatus")).toInt() == 200;
}

} // namespace compose::test
