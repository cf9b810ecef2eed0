#include "httpserver.h"

#include "database.h"
#include "guardedtcpserver.h"

#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

HttpExchange::HttpExchange(QHttpServerResponder &&responder)
    : m_responder(std::move(responder))
    , m_socket(m_responder.socket())
{
}

HttpExchange::~HttpExchange()
{
    if (!m_sent) {
        // A handler lost track of its request (a bug): answer rather than leave the client hanging.
        sendError(ApiError(500, QStringLiteral("internal_error"),
                           QStringLiteral("The request was not answered.")));
    }
}

void HttpExchange::send(int status, const QByteArray &body, const QByteArray &contentType,
                        const Headers &extra)
{
    if (m_sent)
        return;
    m_sent = true;
    if (!m_socket || !m_socket->isOpen())
        return; // the client went away while we waited for an outside service
    m_responder.writeStatusLine(QHttpServerResponder::StatusCode(status));
    m_responder.writeHeader(QByteArrayLiteral("Content-Type"), contentType);
    m_responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    for (const auto &h : extra)
        m_responder.writeHeader(h.first, h.second);
    m_responder.writeBody(body);
    if (auto *guard = ConnectionGuard::of(m_socket)) // the connection may go idle now
        guard->responseSent();
}

void HttpExchange::sendJson(int status, const QJsonObject &body, const Headers &extra)
{
    send(status, QJsonDocument(body).toJson(QJsonDocument::Compact),
         QByteArrayLiteral("application/json"), extra);
}

void HttpExchange::sendError(const ApiError &error, const Headers &extra)
{
    sendJson(error.status(), error.body(), extra);
}

void HttpExchange::guard(const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const ApiError &e) {
        sendError(e);
    } catch (const DbError &e) {
        qCWarning(lcApi) << "database error:" << e.message();
        sendError(
            ApiError(e.connectionLost() ? 503 : 500,
                     e.connectionLost() ? QStringLiteral("database_unavailable")
                                        : QStringLiteral("database_error"),
                     e.connectionLost()
                         ? QStringLiteral("The database cannot be reached; try again.")
                         : QStringLiteral("The database refused the change; nothing was saved.")));
    } catch (const std::exception &e) {
        qCWarning(lcApi) << "unexpected error:" << e.what();
        sendError(ApiError(500, QStringLiteral("internal_error"),
                           QStringLiteral("Unexpected server error; nothing was saved.")));
    }
}

HttpServer::HttpServer(QObject *parent)
    : QAbstractHttpServer(parent)
{
}

quint16 HttpServer::listenGuarded(const QHostAddress &address, quint16 port,
                                  const SocketOptions &options, QString *error)
{
    ConnectionGuard::Limits limits;
    limits.maxHeaderBytes = options.maxHeaderBytes;
    limits.maxBodyBytes = m_maxBodyBytes;
    limits.headerTimeoutMs = options.headerTimeoutMs;
    limits.idleTimeoutMs = options.idleTimeoutMs;
    auto *tcp
        = new GuardedTcpServer(this, limits, options.maxConnections, options.openConnections, this);
    if (!tcp->listenShared(address, port, options.reusePort)) {
        if (error)
            *error = tcp->lastError();
        delete tcp;
        return 0;
    }
    bind(tcp);
    return tcp->serverPort();
}

void HttpServer::addRoute(const QByteArray &method, const QString &pattern, Handler handler)
{
    Route r;
    r.method = method;
    r.segments = pattern.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (!r.segments.isEmpty() && r.segments.last() == QLatin1String("*")) {
        r.wildcard = true;
        r.segments.removeLast();
    }
    r.handler = std::move(handler);
    m_routes.append(std::move(r));
}

std::optional<QHash<QString, QString>> HttpServer::match(const Route &route,
                                                         const QStringList &segments)
{
    if (route.wildcard ? segments.size() <= route.segments.size()
                       : segments.size() != route.segments.size())
        return std::nullopt;
    QHash<QString, QString> params;
    for (int i = 0; i < route.segments.size(); ++i) {
        const QString &p = route.segments.at(i);
        if (p.startsWith(QLatin1Char('{')) && p.endsWith(QLatin1Char('}'))) {
            if (segments.at(i).isEmpty())
                return std::nullopt;
            params.insert(p.mid(1, p.size() - 2), segments.at(i));
        } else if (p != segments.at(i)) {
            return std::nullopt;
        }
    }
    if (route.wildcard)
        params.insert(QStringLiteral("rest"),
                      segments.mid(route.segments.size()).join(QLatin1Char('/')));
    return params;
}

static QByteArray methodName(QHttpServerRequest::Method m)
{
    using M = QHttpServerRequest::Method;
    switch (m) {
    case M::Get:
        return QByteArrayLiteral("GET");
    case M::Put:
        return QByteArrayLiteral("PUT");
    case M::Delete:
        return QByteArrayLiteral("DELETE");
    case M::Post:
        return QByteArrayLiteral("POST");
    case M::Head:
        return QByteArrayLiteral("HEAD");
    case M::Options:
        return QByteArrayLiteral("OPTIONS");
    case M::Patch:
        return QByteArrayLiteral("PATCH");
    case M::Connect:
        return QByteArrayLiteral("CONNECT");
    case M::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        break;
    }
    return QByteArrayLiteral("UNKNOWN");
}

bool HttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    auto exchange = std::make_shared<HttpExchange>(makeResponder(request, socket));
    HttpRequest req;
    req.method = methodName(request.method());
    req.path = request.url().path();
    req.query = request.query();
    for (const auto &h : request.headers())
        req.headers.insert(h.first.toLower(), h.second);
    req.body = request.body();

    if (req.body.size() > m_maxBodyBytes) {
        exchange->sendError(ApiError(
            413, QStringLiteral("payload_too_large"),
            QStringLiteral("The request body is larger than %1 bytes.").arg(m_maxBodyBytes),
            QJsonObject {{QStringLiteral("limit"), double(m_maxBodyBytes)}}));
        return true;
    }

    const QStringList segments = req.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QByteArrayList allowed;
    for (const Route &route : std::as_const(m_routes)) {
        auto params = match(route, segments);
        if (!params)
            continue;
        if (route.method != req.method) {
            if (!allowed.contains(route.method))
                allowed.append(route.method);
            continue;
        }
        req.params = std::move(*params);
        exchange->guard([&] { route.handler(req, exchange); });
        return true;
    }
    if (!allowed.isEmpty()) {
        exchange->sendError(ApiError(405, QStringLiteral("method_not_allowed"),
                                     QStringLiteral("%1 is not allowed on %2; use %3.")
                                         .arg(QString::fromLatin1(req.method), req.path,
                                              QString::fromLatin1(allowed.join(", "))),
                                     QJsonObject {{QStringLiteral("allowed"),
                                                   QString::fromLatin1(allowed.join(", "))}}),
                            {{QByteArrayLiteral("Allow"), allowed.join(", ")}});
        return true;
    }
    exchange->sendError(ApiError::notFound(
        QStringLiteral("No route for %1 %2.").arg(QString::fromLatin1(req.method), req.path)));
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpExchange(makeResponder(request, socket))
        .sendError(ApiError::notFound(QStringLiteral("No such route.")));
}

} // namespace compose
