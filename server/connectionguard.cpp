#include "connectionguard.h"

#include "apierror.h"

#include <QJsonDocument>

#include <sys/socket.h>

namespace compose {

namespace {
// After a refusal: how long the rest of the client's upload is read and dropped before the
// connection is cut (long enough for the client to read the answer, short enough that a
// 300 MB upload does not keep the connection for its whole duration).
constexpr int kLingerMs = 1000;

QByteArray reason(int status)
{
    switch (status) {
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 413:
        return QByteArrayLiteral("Payload Too Large");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    default:
        break;
    }
    return QByteArrayLiteral("Error");
}
} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, QObject *httpServer, const Limits &limits,
                                 std::shared_ptr<std::atomic<int>> openConnections)
    : QObject(socket)
    , m_socket(socket)
    , m_httpServer(httpServer)
    , m_limits(limits)
    , m_open(std::move(openConnections))
    , m_framer(limits.maxHeaderBytes, limits.maxBodyBytes)
{
    if (m_open)
        m_open->fetch_add(1);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    // Connected before QtHttpServer sees the socket, so this runs before its parser.
    connect(socket, &QIODevice::readyRead, this, &ConnectionGuard::beforeParser);
    // An answer still going out to a slow reader is progress, not idleness.
    connect(socket, &QIODevice::bytesWritten, this, [this] {
        if (!m_refused && m_timer.isActive() && m_framer.phase() == RequestFramer::Phase::Idle)
            m_timer.start(m_limits.idleTimeoutMs);
    });
    rearm();
}

ConnectionGuard::~ConnectionGuard()
{
    if (m_open)
        m_open->fetch_sub(1);
}

ConnectionGuard *ConnectionGuard::of(QObject *socket)
{
    return socket ? socket->findChild<ConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly)
                  : nullptr;
}

void ConnectionGuard::beforeParser()
{
    if (m_refused || !m_socket)
        return;
    // The parser leaves bytes unread only after a complete request (pipelining); those we
    // have framed already. Everything past them is new.
    const qint64 available = m_socket->bytesAvailable();
    if (available > m_unreadSeen) {
        const QByteArray unread = m_socket->peek(available);
        const RequestFramer::Verdict verdict
            = m_framer.feed(QByteArrayView(unread).sliced(m_unreadSeen));
        m_unreadSeen = available;
        switch (verdict) {
        case RequestFramer::Verdict::Ok:
            break;
        case RequestFramer::Verdict::BodyTooLarge:
            m_refused = true;
            m_timer.stop();
            refuse(m_socket, m_httpServer, 413, QByteArrayLiteral("payload_too_large"),
                   QStringLiteral("The request body is larger than %1 bytes.")
                       .arg(m_limits.maxBodyBytes));
            return;
        case RequestFramer::Verdict::HeadersTooLarge:
            m_refused = true;
            m_timer.stop();
            refuse(m_socket, m_httpServer, 431, QByteArrayLiteral("headers_too_large"),
                   QStringLiteral("The request headers are larger than %1 bytes.")
                       .arg(m_limits.maxHeaderBytes));
            return;
        case RequestFramer::Verdict::BadFraming:
            m_refused = true;
            m_timer.stop();
            refuse(m_socket, m_httpServer, 400, QByteArrayLiteral("bad_request"),
                   QStringLiteral("The request's length is unreadable or given twice."));
            return;
        }
    }
    rearm();
}

void ConnectionGuard::afterParser()
{
    if (m_refused || !m_socket)
        return;
    m_unreadSeen = m_socket->bytesAvailable();
}

void ConnectionGuard::responseSent()
{
    ++m_responses;
    if (!m_refused)
        rearm();
}

void ConnectionGuard::rearm()
{
    const RequestFramer::Phase phase = m_framer.phase();
    const bool entered = phase != m_lastPhase;
    m_lastPhase = phase;
    switch (phase) {
    case RequestFramer::Phase::Headers:
        // From the request's first byte, however slowly the rest trickles in.
        if (entered || !m_timer.isActive())
            m_timer.start(m_limits.headerTimeoutMs);
        break;
    case RequestFramer::Phase::Body:
        m_timer.start(m_limits.idleTimeoutMs); // a body that stops arriving
        break;
    case RequestFramer::Phase::Idle:
        // A request being answered (a handler waiting for MusicGPT or Stripe) is not idle.
        if (m_framer.completedRequests() > m_responses)
            m_timer.stop();
        else
            m_timer.start(m_limits.idleTimeoutMs);
        break;
    }
}

void ConnectionGuard::onTimeout()
{
    if (m_socket)
        m_socket->abort();
}

void ConnectionGuard::refuse(QTcpSocket *socket, QObject *httpServer, int status,
                             const QByteArray &code, const QString &message)
{
    if (httpServer) // QtHttpServer must not parse (and keep) any more of this connection
        socket->disconnect(httpServer);
    if (socket->isTransactionStarted())
        socket->commitTransaction();
    socket->readAll();
    const QByteArray body
        = QJsonDocument(ApiError(status, QString::fromLatin1(code), message).body())
              .toJson(QJsonDocument::Compact);
    QByteArray answer = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body;
    auto halfClose = [socket] {
        if (socket->bytesToWrite() == 0 && socket->socketDescriptor() != -1)
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    };
    QObject::connect(socket, &QIODevice::readyRead, socket, [socket] { socket->readAll(); });
    QObject::connect(socket, &QIODevice::bytesWritten, socket, halfClose);
    QTimer::singleShot(kLingerMs, socket, [socket] { socket->abort(); });
    socket->write(answer);
    socket->flush();
    halfClose();
}

} // namespace compose
