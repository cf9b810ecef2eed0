#include "audiohttpserver.h"

#include <QMutexLocker>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace compose::test {

// Lives on the server thread; owns the listening socket and every connection.
class AudioHttpServerWorker : public QObject {
public:
    explicit AudioHttpServerWorker(AudioHttpServer *owner)
        : m_owner(owner)
    {
    }

    quint16 listen()
    {
        m_server = new QTcpServer(this);
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            return 0;
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                socket->setParent(this);
                m_owner->recordConnection();
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { read(socket); });
                connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
                    m_buffers.remove(socket);
                    socket->deleteLater();
                });
            }
        });
        return m_server->serverPort();
    }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray head = buffer.left(end);
        buffer.remove(0, end + 4);
        const QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        const QByteArray method = requestLine.value(0);
        QString path = QString::fromLatin1(requestLine.value(1));
        path = path.section(QLatin1Char('?'), 0, 0);
        QByteArray range;
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("range:"))
                range = line.mid(6).trimmed();
        }
        m_owner->recordRequest(QString::fromLatin1(method) + QLatin1Char(' ') + path);
        respond(socket, method, m_owner->route(path), range);
    }

    void respond(QTcpSocket *socket, const QByteArray &method, const AudioHttpServer::Route &route,
                 const QByteArray &range)
    {
        if (route.mode == AudioHttpServer::Mode::Hang)
            return; // keep the connection open and never answer
        QByteArray body = route.status == 200 ? route.body : QByteArray("Not here\n");
        int status = route.status;
        QByteArray extra;
        if (status == 200) {
            extra += "Accept-Ranges: bytes\r\n";
            static const QRegularExpression rx(QStringLiteral("^bytes=(\\d+)-(\\d*)$"));
            const auto m = rx.match(QString::fromLatin1(range));
            if (m.hasMatch()) {
                const qint64 size = route.body.size();
                const qint64 start = m.captured(1).toLongLong();
                qint64 last = m.captured(2).isEmpty() ? size - 1 : m.captured(2).toLongLong();
                last = std::min(last, size - 1);
                if (start >= size) {
                    status = 416;
                    extra += "Content-Range: bytes */" + QByteArray::number(size) + "\r\n";
                    body.clear();
                } else {
                    status = 206;
                    body = route.body.mid(start, last - start + 1);
                    extra += "Content-Range: bytes " + QByteArray::number(start) + '-'
                        + QByteArray::number(last) + '/' + QByteArray::number(size) + "\r\n";
                }
            }
        }
        const QByteArray type = status >= 400 ? QByteArray("text/plain") : route.contentType;
        QByteArray header = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status)
            + "\r\nContent-Type: " + type + "\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n" + extra + "Connection: close\r\n\r\n";
        if (method == "HEAD")
            body.clear();
        socket->write(header);
        if (route.mode == AudioHttpServer::Mode::Stall) {
            socket->write(body.left(64 * 1024));
            return; // the connection stays open and silent
        }
        if (route.mode == AudioHttpServer::Mode::Slow && !body.isEmpty()) {
            trickle(socket, body);
            return;
        }
        socket->write(body);
        socket->disconnectFromHost();
    }

    void trickle(QTcpSocket *socket, const QByteArray &body)
    {
        int chunk = 0, interval = 0;
        {
            QMutexLocker lock(&m_owner->m_mutex);
            chunk = m_owner->m_chunkBytes;
            interval = m_owner->m_intervalMs;
        }
        auto *timer = new QTimer(socket);
        auto offset = std::make_shared<qint64>(0);
        connect(timer, &QTimer::timeout, socket, [socket, timer, body, offset, chunk] {
            if (socket->state() != QAbstractSocket::ConnectedState) {
                timer->stop();
                return;
            }
            socket->write(body.mid(*offset, chunk));
            *offset += chunk;
            if (*offset >= body.size()) {
                timer->stop();
                socket->disconnectFromHost();
            }
        });
        timer->start(interval);
    }

    static QByteArray reason(int status)
    {
        switch (status) {
        case 200:
            return "OK";
        case 206:
            return "Partial Content";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 410:
            return "Gone";
        case 416:
            return "Range Not Satisfiable";
        case 500:
            return "Internal Server Error";
        default:
            return "Status";
        }
    }

    AudioHttpServer *m_owner;
    QTcpServer *m_server = nullptr;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

AudioHttpServer::AudioHttpServer(QObject *parent)
    : QObject(parent)
{
    auto *worker = new AudioHttpServerWorker(this);
    m_worker = worker;
    worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_thread.setObjectName(QStringLiteral("audio-http-server"));
    m_thread.start();
    quint16 port = 0;
    QMetaObject::invokeMethod(
        worker, [worker, &port] { port = worker->listen(); }, Qt::BlockingQueuedConnection);
    m_port = port;
}

AudioHttpServer::~AudioHttpServer()
{
    m_thread.quit();
    m_thread.wait();
}

QString AudioHttpServer::url(const QString &path) const
{
    return QStringLiteral("http://127.0.0.1:%1/%2").arg(m_port).arg(path);
}

void AudioHttpServer::addFile(const QString &path, const QByteArray &body,
                              const QByteArray &contentType, Mode mode)
{
    QMutexLocker lock(&m_mutex);
    m_routes.insert(QLatin1Char('/') + path, {200, body, contentType, mode});
}

void AudioHttpServer::addStatus(const QString &path, int status)
{
    QMutexLocker lock(&m_mutex);
    m_routes.insert(QLatin1Char('/') + path, {status, {}, "text/plain", Mode::Normal});
}

void AudioHttpServer::setSlowRate(int chunkBytes, int intervalMs)
{
    QMutexLocker lock(&m_mutex);
    m_chunkBytes = chunkBytes;
    m_intervalMs = intervalMs;
}

int AudioHttpServer::connectionCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_connections;
}

QStringList AudioHttpServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

int AudioHttpServer::requestCount(const QString &path) const
{
    QMutexLocker lock(&m_mutex);
    const QString suffix = QStringLiteral(" /") + path;
    return int(std::count_if(m_requests.cbegin(), m_requests.cend(),
                             [&](const QString &r) { return r.endsWith(suffix); }));
}

void AudioHttpServer::resetCounters()
{
    QMutexLocker lock(&m_mutex);
    m_requests.clear();
    m_connections = 0;
}

AudioHttpServer::Route AudioHttpServer::route(const QString &path) const
{
    QMutexLocker lock(&m_mutex);
    return m_routes.value(path, Route {404, {}, "text/plain", Mode::Normal});
}

void AudioHttpServer::recordConnection()
{
    QMutexLocker lock(&m_mutex);
    ++m_connections;
}

void AudioHttpServer::recordRequest(const QString &line)
{
    QMutexLocker lock(&m_mutex);
    m_requests << line;
}

} // namespace compose::test
