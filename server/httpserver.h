#pragma once

#include "apierror.h"
#include "connectionguard.h"
#include "routematch.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QTcpSocket>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <optional>

namespace compose {

// What a handler sees of a request: the raw body bytes (signatures are checked on them), the
// path parameters the route captured, lower-case header names.
struct HttpRequest {
    QByteArray method;
    QString path;
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers;
    QByteArray body;
    QHash<QString, QString> params;
    QHostAddress remoteAddress;

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    QString param(const QString &name) const { return params.value(name); }
};

// The answers of one connection, in the order its requests came (HTTP/1.1 pipelining).
// QtHttpServer 6.4 hands a socket's next request to handleRequest as soon as the previous
// handler returned, even when that one answers later (the heavy-read pool, MusicGPT waits), so
// an answer that is ready before an earlier one waits here. A child of the socket: it goes
// with the connection, and answers still to come for it are dropped.
class AnswerLine final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnswerLine)
public:
    struct Slot {
        std::function<void()> write; // set once the answer is ready
    };
    static AnswerLine *of(QTcpSocket *socket);
    std::shared_ptr<Slot> enqueue();
    // Writes the ready answers at the head of the line.
    void flush();

private:
    explicit AnswerLine(QTcpSocket *socket);
    QList<std::shared_ptr<Slot>> m_slots;
};

// One answer to one request. Handlers may keep it (shared) while they wait for MusicGPT or
// Stripe and answer later; the client may have gone by then, which is checked, never assumed.
class HttpExchange {
public:
    explicit HttpExchange(QHttpServerResponder &&responder);
    ~HttpExchange();
    HttpExchange(const HttpExchange &) = delete;
    HttpExchange &operator=(const HttpExchange &) = delete;

    using Headers = QList<QPair<QByteArray, QByteArray>>;
    void send(int status, const QByteArray &body, const QByteArray &contentType,
              const Headers &extra = {});
    void sendJson(int status, const QJsonObject &body, const Headers &extra = {});
    void sendError(const ApiError &error, const Headers &extra = {});
    bool isSent() const { return m_sent; }
    // Runs fn, turning an ApiError, a DbError or any other exception into its error answer,
    // so that no bad input or database failure leaves the client hanging or the server down.
    void guard(const std::function<void()> &fn);

private:
    std::shared_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
    QPointer<AnswerLine> m_line;
    std::shared_ptr<AnswerLine::Slot> m_slot;
    bool m_sent = false;
};
using Exchange = std::shared_ptr<HttpExchange>;

// QtHttpServer's own router cannot say 405 for a known path with another method, nor hand a
// handler the responder and the raw request together, so the routes are matched here.
class HttpServer : public QAbstractHttpServer {
    Q_OBJECT
public:
    using Handler = std::function<void(const HttpRequest &, const Exchange &)>;

    explicit HttpServer(QObject *parent = nullptr);

    // pattern: "/api/compose/forms/{formId}"; a trailing "/*" matches any rest ("rest" param).
    void addRoute(const QByteArray &method, const QString &pattern, Handler handler);
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    // Runs before every matched route's handler (input checks, rate limits: RequestGuard); an
    // ApiError it throws is the answer.
    void setRequestFilter(Handler filter) { m_filter = std::move(filter); }
    // "METHOD /pattern/{param}" for every route, in registration order (tests walk them all).
    QStringList routeList() const;

    // The socket layer (ConnectionGuard, GuardedTcpServer): timeouts, header limit, connection
    // cap; the body limit is setMaxBodyBytes()'s. reusePort: SO_REUSEPORT, one port shared by
    // several workers.
    struct SocketOptions {
        qint64 maxHeaderBytes = 64 * 1024;
        int headerTimeoutMs = 10000;
        int idleTimeoutMs = 30000;
        int maxConnections = 4096; // 0: no cap
        std::shared_ptr<std::atomic<int>> openConnections; // empty: this server's own count
        bool reusePort = false;
    };
    // Listens without the socket layer (test stand-ins, scripted peers); returns the port, 0 when
    // it cannot. Ours rather than QAbstractHttpServer::listen(), which Qt 6.8 removed (bind()
    // only), so no file but this one depends on QtHttpServer's version.
    quint16 listenPlain(const QHostAddress &address, quint16 port = 0);
    // Listens behind the socket layer; returns the port, 0 (with error) when it cannot.
    quint16 listenGuarded(const QHostAddress &address, quint16 port, const SocketOptions &options,
                          QString *error = nullptr);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct Route {
        QByteArray method;
        RouteMatch::Pattern pattern;
        Handler handler;
    };
    QList<Route> m_routes;
    qint64 m_maxBodyBytes = 1024 * 1024;
    Handler m_filter;
};

} // namespace compose
