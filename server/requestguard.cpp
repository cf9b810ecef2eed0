#include "requestguard.h"

#include "apierror.h"
#include "httpserver.h"
#include "jsoninput.h"
#include "logthrottle.h"

#include <QCryptographicHash>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

namespace {

void refuseText(const HttpRequest &request, const QString &field, const QString &where,
                const QString &problem)
{
    qint64 suppressed = 0;
    if (LogThrottle::shared().allow(QStringLiteral("bad-input"), &suppressed))
        qCWarning(lcApi).noquote()
            << "refused a request from" << RequestGuard::clientKey(request.remoteAddress) << ":"
            << where << JsonInput::scrubbed(field) << problem
            << (suppressed > 0 ? QStringLiteral("(%1 more like it not logged)").arg(suppressed)
                               : QString());
    throw ApiError(
        400, QStringLiteral("invalid_field"),
        QStringLiteral("The %1 \"%2\" %3.").arg(where, JsonInput::scrubbed(field), problem),
        QJsonObject {{QStringLiteral("field"), JsonInput::scrubbed(field)},
                     {QStringLiteral("in"), where}});
}

ApiError tooMany(const QString &scope, int retryAfterS)
{
    ApiError e(429, QStringLiteral("rate_limited"),
               QStringLiteral("Too many requests (%1 limit); try again in %2 s.")
                   .arg(scope)
                   .arg(retryAfterS),
               QJsonObject {{QStringLiteral("scope"), scope},
                            {QStringLiteral("retryAfter"), retryAfterS}});
    e.setRetryAfter(retryAfterS);
    return e;
}

void logLimited(const QString &scope, const QString &who)
{
    qint64 suppressed = 0;
    if (LogThrottle::shared().allow(QStringLiteral("rate-limit"), &suppressed))
        qCWarning(lcApi).noquote()
            << QStringLiteral("rate limit (%1) refused").arg(scope) << who
            << (suppressed > 0 ? QStringLiteral("(%1 more refusals not logged)").arg(suppressed)
                               : QString());
}

} // namespace

RequestGuard::RequestGuard(const ServerConfig &config)
    : m_clients(config.rateLimitClientPerMinute, config.rateLimitClientBurst,
                config.rateLimitMaxKeys)
    , m_tokens(config.rateLimitStaffPerMinute, config.rateLimitStaffBurst, config.rateLimitMaxKeys)
{
}

QString RequestGuard::clientKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // also an IPv4-mapped IPv6 address
    if (isV4)
        return QHostAddress(v4).toString();
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        // One IPv6 subscriber usually holds a whole /64: counting single addresses would give
        // them 2^64 buckets.
        Q_IPV6ADDR a = address.toIPv6Address();
        for (int i = 8; i < 16; ++i)
            a[i] = 0;
        return QHostAddress(a).toString() + QStringLiteral("/64");
    }
    return address.toString();
}

void RequestGuard::check(const HttpRequest &request)
{
    // Limits first: a flood of hostile requests is counted like any other.
    applyLimits(request);
    for (auto it = request.params.cbegin(); it != request.params.cend(); ++it) {
        if (const QString p = JsonInput::textProblem(it.value()); !p.isEmpty())
            refuseText(request, it.key(), QStringLiteral("path parameter"), p);
    }
    if (const QString p = JsonInput::textProblem(request.path); !p.isEmpty())
        refuseText(request, QStringLiteral("path"), QStringLiteral("request"), p);
    for (const auto &[key, value] : request.query.queryItems(QUrl::FullyDecoded)) {
        if (const QString p = JsonInput::textProblem(key); !p.isEmpty())
            refuseText(request, key, QStringLiteral("query parameter"), p);
        if (const QString p = JsonInput::textProblem(value); !p.isEmpty())
            refuseText(request, key, QStringLiteral("query parameter"), p);
    }
}

void RequestGuard::applyLimits(const HttpRequest &request)
{
    const QString &path = request.path;
    if (path.startsWith(QLatin1String("/sim/")) || path == QLatin1String("/api/stripe/webhook")
        || path == QLatin1String("/api/musicgpt/webhook"))
        return;
    const QString client = clientKey(request.remoteAddress);
    if (const auto d = m_clients.take(client); !d.allowed) {
        logLimited(QStringLiteral("client"), client);
        throw tooMany(QStringLiteral("client"), d.retryAfterS);
    }
    if (!path.startsWith(QLatin1String("/api/admin/")))
        return;
    const QByteArray auth = request.header("authorization");
    if (auth.isEmpty())
        return; // 401 follows; the client limit above already counts it
    const QString token = QString::fromLatin1(
        QCryptographicHash::hash(auth, QCryptographicHash::Sha256).toHex().left(32));
    if (const auto d = m_tokens.take(token); !d.allowed) {
        logLimited(QStringLiteral("staff token"), client);
        throw tooMany(QStringLiteral("staff token"), d.retryAfterS);
    }
}

} // namespace compose
