#include "smtpsink.h"

#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>

namespace compose {

namespace {

constexpr qsizetype kMaxMessage = 10 * 1024 * 1024;

// Per-connection state, kept on the socket so that it dies with it.
struct Session {
    enum class Phase { Command, Data } phase = Phase::Command;
    QByteArray buffer;
    QString from;
    QStringList to;
    QByteArray data;
};

QString decodeWords(const QByteArray &header)
{
    static const QRegularExpression word(QStringLiteral("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?="),
                                         QRegularExpression::CaseInsensitiveOption);
    QString s = QString::fromUtf8(header);
    QString out;
    qsizetype last = 0;
    auto it = word.globalMatch(s);
    while (it.hasNext()) {
        const auto m = it.next();
        out += s.mid(last, m.capturedStart() - last);
        out += QString::fromUtf8(QByteArray::fromBase64(m.captured(1).toLatin1()));
        last = m.capturedEnd();
    }
    return out + s.mid(last);
}

QString address(const QByteArray &arg)
{
    const qsizetype open = arg.indexOf('<');
    const qsizetype close = arg.indexOf('>', open);
    return open >= 0 && close > open ? QString::fromUtf8(arg.mid(open + 1, close - open - 1))
                                     : QString();
}

} // namespace

SmtpSink::SmtpSink(QObject *parent)
    : QObject(parent)
{
}

SmtpSink::~SmtpSink() = default;

bool SmtpSink::listen(quint16 port, const QHostAddress &address)
{
    close();
    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::newConnection, this, &SmtpSink::onNewConnection);
    if (!m_server->listen(address, port)) {
        delete m_server;
        m_server = nullptr;
        return false;
    }
    m_port = m_server->serverPort();
    return true;
}

void SmtpSink::close()
{
    if (!m_server)
        return;
    m_server->close();
    // Connections already open end too: "the server is down".
    const auto sockets = findChildren<QTcpSocket *>();
    for (QTcpSocket *s : sockets)
        s->abort();
    m_server->deleteLater();
    m_server = nullptr;
}

QString SmtpSink::url() const
{
    return QStringLiteral("smtp://127.0.0.1:%1").arg(m_port);
}

QList<SmtpSink::Message> SmtpSink::messages() const
{
    QMutexLocker lock(&m_mutex);
    return m_messages;
}

int SmtpSink::count() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_messages.size());
}

int SmtpSink::connectionCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_connections;
}

void SmtpSink::onNewConnection()
{
    while (QTcpSocket *socket = m_server ? m_server->nextPendingConnection() : nullptr) {
        socket->setParent(this);
        {
            QMutexLocker lock(&m_mutex);
            ++m_connections;
        }
        auto *session = new Session;
        socket->setProperty("composeSession", QVariant::fromValue(static_cast<void *>(session)));
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        // The socket itself is the context: the sockets still open when the sink goes are
        // deleted as its children, after ~QObject has cut the connections whose context is the
        // sink, so a lambda on `this` never ran for them and their sessions leaked (LSan).
        connect(socket, &QObject::destroyed, socket, [session] { delete session; });
        if (m_stall)
            continue; // never greets, never answers
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        socket->write("220 compose-sink ESMTP ready\r\n");
    }
}

void SmtpSink::onReadyRead(QTcpSocket *socket)
{
    auto *s = static_cast<Session *>(socket->property("composeSession").value<void *>());
    s->buffer += socket->readAll();
    qsizetype eol;
    while ((eol = s->buffer.indexOf("\r\n")) >= 0) {
        QByteArray line = s->buffer.left(eol);
        s->buffer.remove(0, eol + 2);
        if (s->phase == Session::Phase::Data) {
            if (line == ".") {
                Message m = parse(s->data);
                m.from = s->from;
                m.to = s->to;
                {
                    QMutexLocker lock(&m_mutex);
                    m_messages.append(m);
                }
                s->phase = Session::Phase::Command;
                s->data.clear();
                socket->write("250 2.0.0 stored\r\n");
                emit received(m);
                continue;
            }
            if (line.startsWith(".."))
                line.remove(0, 1); // dot-stuffing
            if (s->data.size() + line.size() > kMaxMessage) {
                socket->write("552 message too large\r\n");
                socket->disconnectFromHost();
                return;
            }
            s->data += line + "\r\n";
            continue;
        }
        const QByteArray verb = line.left(4).toUpper();
        if (verb == "EHLO" || verb == "HELO") {
            socket->write(verb == "EHLO"
                              ? "250-compose-sink\r\n250-8BITMIME\r\n250 SIZE 10485760\r\n"
                              : "250 compose-sink\r\n");
        } else if (verb == "MAIL") {
            s->from = address(line);
            s->to.clear();
            socket->write("250 2.1.0 ok\r\n");
        } else if (verb == "RCPT") {
            s->to.append(address(line));
            socket->write("250 2.1.5 ok\r\n");
        } else if (verb == "DATA") {
            if (s->to.isEmpty()) {
                socket->write("554 no recipients\r\n");
            } else {
                s->phase = Session::Phase::Data;
                socket->write("354 end with <CRLF>.<CRLF>\r\n");
            }
        } else if (verb == "RSET" || verb == "NOOP") {
            socket->write("250 ok\r\n");
        } else if (verb == "QUIT") {
            socket->write("221 bye\r\n");
            socket->disconnectFromHost();
            return;
        } else {
            socket->write("502 command not implemented\r\n");
        }
    }
    if (s->buffer.size() > 4096 && s->phase == Session::Phase::Command)
        socket->abort(); // a line without an end is not SMTP
}

SmtpSink::Message SmtpSink::parse(const QByteArray &raw)
{
    Message m;
    m.raw = raw;
    const qsizetype headerEnd = raw.indexOf("\r\n\r\n");
    const QByteArray head = headerEnd >= 0 ? raw.left(headerEnd) : raw;
    for (const QByteArray &h : head.split('\n')) {
        const QByteArray line = h.trimmed();
        if (line.toLower().startsWith("subject:"))
            m.subject = decodeWords(line.mid(8).trimmed());
        else if (line.toLower().startsWith("message-id:"))
            m.messageId = QString::fromUtf8(line.mid(11).trimmed());
    }
    // The parts of a multipart/alternative body (what the mailer writes; others keep raw only).
    static const QRegularExpression boundaryRe(QStringLiteral("boundary=\"([^\"]+)\""));
    const auto b = boundaryRe.match(QString::fromLatin1(head));
    if (!b.hasMatch())
        return m;
    const QByteArray sep = "--" + b.captured(1).toLatin1();
    const QList<QByteArray> parts = raw.mid(headerEnd + 4).split('\n');
    QByteArray current;
    QByteArray partHead;
    bool inHead = false;
    auto finish = [&] {
        if (partHead.isEmpty())
            return;
        const bool base64 = partHead.toLower().contains("base64");
        const QByteArray body = base64 ? QByteArray::fromBase64(current) : current;
        if (partHead.toLower().contains("text/plain"))
            m.text = QString::fromUtf8(body);
        else if (partHead.toLower().contains("text/html"))
            m.html = QString::fromUtf8(body);
    };
    for (const QByteArray &l : parts) {
        const QByteArray line = l.endsWith('\r') ? l.chopped(1) : l;
        if (line.startsWith(sep)) {
            finish();
            current.clear();
            partHead.clear();
            inHead = true;
            continue;
        }
        if (inHead) {
            if (line.isEmpty())
                inHead = false;
            else
                partHead += line + '\n';
            continue;
        }
        current += partHead.toLower().contains("base64") ? line : line + '\n';
    }
    return m;
}

} // namespace compose
