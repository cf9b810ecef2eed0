#pragma once

#include "requestframer.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <atomic>
#include <memory>

namespace compose {

// The socket layer in front of QtHttpServer for one connection (issue 16). It sees every byte
// before QtHttpServer's parser does (its readyRead slot is connected first) and
//  - refuses a request by its declared Content-Length at once (413, before the body is read),
//    and a chunked body as soon as it passes the limit, so a 300 MB upload never gets into
//    memory; headers above their limit get 431, unreadable framing 400;
//  - closes a connection whose headers do not arrive within the header timeout (slowloris),
//    and one that is idle (no request in flight, nothing arriving) for the idle timeout;
//  - counts itself in the open-connection count that the connection cap reads.
// A refused request gets its answer, then the connection is half-closed and whatever the
// client still sends is read and dropped for a moment, so that the client sees the answer
// instead of a reset.
class ConnectionGuard final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionGuard)
public:
    struct Limits {
        qint64 maxHeaderBytes = 64 * 1024;
        qint64 maxBodyBytes = 1024 * 1024;
        int headerTimeoutMs = 10000;
        int idleTimeoutMs = 30000;
    };

    // Becomes a child of socket. httpServer: the receiver of QtHttpServer's own readyRead
    // connection, cut off when a request is refused.
    ConnectionGuard(QTcpSocket *socket, QObject *httpServer, const Limits &limits,
                    std::shared_ptr<std::atomic<int>> openConnections);
    ~ConnectionGuard() override;

    static ConnectionGuard *of(QObject *socket);
    // Called after QtHttpServer's parser has run on the bytes of this readyRead.
    void afterParser();
    // An answer to one request was written (HttpExchange::send).
    void responseSent();

    // Writes a complete answer that closes the connection, then half-closes and drains.
    static void refuse(QTcpSocket *socket, QObject *httpServer, int status, const QByteArray &code,
                       const QString &message);

private:
    void beforeParser();
    void rearm();
    void onTimeout();

    QPointer<QTcpSocket> m_socket;
    QPointer<QObject> m_httpServer;
    Limits m_limits;
    std::shared_ptr<std::atomic<int>> m_open;
    RequestFramer m_framer;
    QTimer m_timer;
    qint64 m_unreadSeen = 0; // bytes left unread by the parser that we have already framed
    qint64 m_responses = 0;
    RequestFramer::Phase m_lastPhase = RequestFramer::Phase::Idle;
    bool m_refused = false;
};

} // namespace compose
