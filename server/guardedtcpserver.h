#pragma once

#include "connectionguard.h"

#include <QHostAddress>
#include <QTcpServer>

#include <atomic>
#include <memory>

namespace compose {

// The listening socket of one HttpServer. Every accepted connection gets its ConnectionGuard
// before QtHttpServer sees it; above the connection cap a new connection is answered 503 and
// closed instead. listenShared() creates the socket itself so it can set SO_REUSEPORT: then
// several workers (threads of one process, or processes) listen on one port and the kernel
// spreads the connections over them.
class GuardedTcpServer final : public QTcpServer {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)
public:
    GuardedTcpServer(QObject *httpServer, const ConnectionGuard::Limits &limits, int maxConnections,
                     std::shared_ptr<std::atomic<int>> openConnections, QObject *parent = nullptr);

    // Binds and listens; reusePort sets SO_REUSEPORT first. Returns false with errorString().
    bool listenShared(const QHostAddress &address, quint16 port, bool reusePort);
    QString lastError() const { return m_error; }

protected:
    void incomingConnection(qintptr handle) override;

private:
    QObject *m_httpServer;
    ConnectionGuard::Limits m_limits;
    int m_maxConnections;
    std::shared_ptr<std::atomic<int>> m_open;
    QString m_error;
};

} // namespace compose
