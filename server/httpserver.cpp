#include "httpserver.h"

#include "database.h"
#include "guardedtcpserver.h"
#include "logredact.h"

#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTcpServer>

#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

AnswerLine::AnswerLine(QTcpSocket *socket)
    : QObject(socket)
{
}

AnswerLine *AnswerLine::of(QTcpSocket *socket)
{
    if (!socket)
        return nullptr;
    auto *line = socket->findChild<AnswerLine *>(QString(), Qt::FindDirectChildrenOnly);
    return line ? line : new AnswerLine(socket);
}

std::shared_ptr<AnswerLine::Slot> AnswerLine::enqueue()
{
    m_slots.append(std::make_shared<Slot>());
    return m_slots.last();
}

void AnswerLine::flush()
{
    while (!m_slots.isEmpty() && m_slots.first()->write) {
        const std::function<void()> write = std::move(m_slots.first()->write);
        m_slots.removeFirst();
        write();
    }
}

HttpExchange::HttpExchange(QHttpServerResponder &&responder)
    : m_responder(std::make_shared<QHttpServerResponder>(std::move(responder)))
    , m_socket(m_responder->socket())
    , m_line(AnswerLine::of(m_socket))
    , m_slot(m_line ? m_line->enqueue() : nullptr)
{
}

HttpExchange::~HttpExchange()
{
    if (!m_sent) {
        // A handler lost track of its request (a bug): answer rather than leave the client hanging
        // (and the answers after it in the line).
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
    if (!m_line || !m_slot)
        return; // the client went away while we waited for an outside service or the pool
    m_slot->write = [responder = m_responder, socket = m_socket, status, body, contentType, extra] {
        if (!socket || !socket->isOpen())
            return;
        responder->writeStatusLine(QHttpServerResponder::StatusCode(status));
        responder->writeHeader(QByteArrayLiteral("Content-Type"), contentType);
        responder->writeHeader(QByteArrayLiteral("Content-Length"),
                               QByteArray::number(body.size()));
        // No answer is to be sniffed into HTML or kept by a shared cache (staff data, form
        // data); a route that says otherwise in extra wins.
        const auto given = [&extra](const char *name) {
            return std::any_of(extra.begin(), extra.end(), [name](const auto &h) {
                return h.first.compare(name, Qt::CaseInsensitive) == 0;
            });
        };
        if (!given("X-Content-Type-Options"))
            responder->writeHeader(QByteArrayLiteral("X-Content-Type-Options"),
                                   QByteArrayLiteral("nosniff"));
        if (!given("Cache-Control"))
            responder->writeHeader(QByteArrayLiteral("Cache-Control"),
                                   QByteArrayLiteral("no-store"));
        for (const auto &h : extra)
            responder->writeHeader(h.first, h.second);
        responder->writeBody(body);
        if (auto *guard = ConnectionGuard::of(socket)) // the connection may go idle now
            guard->responseSent();
    };
    m_line->flush();
}

void HttpExchange::sendJson(int status, const QJsonObject &body, const Headers &extra)
{
    send(status, QJsonDocument(body).toJson(QJsonDocument::Compact),
         QByteArrayLiteral("application/json"), extra);
}

void HttpExchange::sendError(const ApiError &error, const Headers &extra)
{
    Headers headers = extra;
    if (error.retryAfter() > 0)
        headers.append({QByteArrayLiteral("Retry-After"), QByteArray::number(error.retryAfter())});
    sendJson(error.status(), error.body(), headers);
}

void HttpExchange::guard(const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const ApiError &e) {
        sendError(e);
    } catch (const DbError &e) {
        qCWarning(lcApi).noquote() << "database error:" << LogRedact::dbError(e.message());
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

quint16 HttpServer::listenPlain(const QHostAddress &address, quint16 port)
{
    auto *tcp = new QTcpServer(this);
    if (!tcp->listen(address, port)) {
        delete tcp;
        return 0;
    }
    bind(tcp);
    return tcp->serverPort();
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
    m_routes.append(Route {method, RouteMatch::compile(pattern), std::move(handler)});
}

QStringList HttpServer::routeList() const
{
    QStringList out;
    for (const Route &r : m_routes)
        out << QString::fromLatin1(r.method) + QStringLiteral(" /")
                + r.pattern.segments.join(QLatin1Char('/'))
                + (r.pattern.wildcard ? QStringLiteral("/*") : QString());
    return out;
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
    req.remoteAddress = request.remoteAddress();

    if (req.body.size() > m_maxBodyBytes) {
        exchange->sendError(ApiError(
            413, QStringLiteral("payload_too_large"),
            QStringLiteral("The request body is larger than %1 bytes.").arg(m_maxBodyBytes),
            QJsonObject {{QStringLiteral("limit"), double(m_maxBodyBytes)}}));
        return true;
    }

    const QStringList segments = RouteMatch::split(req.path);
    QByteArrayList allowed;
    for (const Route &route : std::as_const(m_routes)) {
        auto params = RouteMatch::match(route.pattern, segments);
        if (!params)
            continue;
        if (route.method != req.method) {
            if (!allowed.contains(route.method))
                allowed.append(route.method);
            continue;
        }
        req.params = std::move(*params);
        exchange->guard([&] {
            if (m_filter)
                m_filter(req, exchange);
            route.handler(req, exchange);
        });
        return true;
    }
    if (!allowed.isEmpty()) {
        // Neither answer echoes the path: it is the client's text (a reflected-content vector).
        exchange->sendError(ApiError(405, QStringLiteral("method_not_allowed"),
                                     QStringLiteral("This method is not allowed here; use %1.")
                                         .arg(QString::fromLatin1(allowed.join(", "))),
                                     QJsonObject {{QStringLiteral("allowed"),
                                                   QString::fromLatin1(allowed.join(", "))}}),
                            {{QByteArrayLiteral("Allow"), allowed.join(", ")}});
        return true;
    }
    exchange->sendError(ApiError::notFound(QStringLiteral("No route for this method and path.")));
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    HttpExchange(makeResponder(request, socket))
        .sendError(ApiError::notFound(QStringLiteral("No such route.")));
}

} // namespace compose
