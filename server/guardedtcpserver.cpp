#include "guardedtcpserver.h"

#include <QTcpSocket>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace compose {

GuardedTcpServer::GuardedTcpServer(QObject *httpServer, const ConnectionGuard::Limits &limits,
                                   int maxConnections,
                                   std::shared_ptr<std::atomic<int>> openConnections,
                                   QObject *parent)
    : QTcpServer(parent)
    , m_httpServer(httpServer)
    , m_limits(limits)
    , m_maxConnections(maxConnections)
    , m_open(openConnections ? std::move(openConnections) : std::make_shared<std::atomic<int>>(0))
{
}

bool GuardedTcpServer::listenShared(const QHostAddress &address, quint16 port, bool reusePort)
{
    if (!reusePort) {
        if (listen(address, port))
            return true;
        m_error = errorString();
        return false;
    }
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    auto failWith = [&](const char *what) {
        m_error = QStringLiteral("%1: %2").arg(QLatin1String(what),
                                               QString::fromLocal8Bit(std::strerror(errno)));
        ::close(fd);
        return false;
    };
    const int one = 1;
    // SO_REUSEADDR as QTcpServer sets it (restart while old connections linger in TIME_WAIT).
    if (::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0
        || ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0)
        return failWith("setsockopt");
    sockaddr_storage storage {};
    socklen_t length = 0;
    if (v6) {
        auto *a = reinterpret_cast<sockaddr_in6 *>(&storage);
        a->sin6_family = AF_INET6;
        a->sin6_port = htons(port);
        const Q_IPV6ADDR ip = address.toIPv6Address();
        std::memcpy(&a->sin6_addr, &ip, sizeof ip);
        length = sizeof *a;
    } else {
        auto *a = reinterpret_cast<sockaddr_in *>(&storage);
        a->sin_family = AF_INET;
        a->sin_port = htons(port);
        a->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof *a;
    }
    if (::bind(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0)
        return failWith("bind");
    if (::listen(fd, SOMAXCONN) != 0)
        return failWith("listen");
    if (!setSocketDescriptor(fd)) {
        m_error = errorString();
        ::close(fd);
        return false;
    }
    return true;
}

void GuardedTcpServer::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(handle)) {
        delete socket;
        return;
    }
    if (m_maxConnections > 0 && m_open->load() >= m_maxConnections) {
        // Over the cap: a clear answer now rather than a connection left in the backlog.
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        ConnectionGuard::refuse(socket, nullptr, 503, QByteArrayLiteral("too_many_connections"),
                                QStringLiteral("The server has too many open connections; try "
                                               "again shortly."));
        return;
    }
    auto *guard = new ConnectionGuard(socket, m_httpServer, m_limits, m_open);
    addPendingConnection(socket); // QtHttpServer connects its parser here, after the guard
    connect(socket, &QIODevice::readyRead, guard, &ConnectionGuard::afterParser);
}

} // namespace compose
