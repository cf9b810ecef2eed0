#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QStringList>

class QTcpServer;
class QTcpSocket;

namespace compose {

// A small SMTP server on loopback that accepts every message and keeps it: the demo's mailbox
// (compose-api stores what it receives in compose_mailbox) and the tests' receiving end. The
// mailer talks real SMTP to it through libcurl, so demo and tests run the production path.
// Lives in the thread that creates it; messages() may be read from any thread.
class SmtpSink final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SmtpSink)
public:
    struct Message {
        QString from;
        QStringList to;
        QByteArray raw;
        QString messageId;
        QString subject; // decoded
        QString text; // the text/plain part, decoded
        QString html; // the text/html part, decoded
    };

    explicit SmtpSink(QObject *parent = nullptr);
    ~SmtpSink() override;

    // port 0: any free port. Listening again after close() on the same port is how tests bring
    // "the SMTP server" back.
    bool listen(quint16 port = 0, const QHostAddress &address = QHostAddress::LocalHost);
    void close();
    quint16 port() const { return m_port; }
    QString url() const; // smtp://127.0.0.1:<port>

    // Stall: accept connections and never greet (a sender is then stuck between its claim and
    // its send).
    void setStall(bool stall) { m_stall = stall; }

    QList<Message> messages() const;
    int count() const;
    int connectionCount() const;

    static Message parse(const QByteArray &raw);

signals:
    void received(const compose::SmtpSink::Message &message);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);

    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
    bool m_stall = false;
    mutable QMutex m_mutex;
    QList<Message> m_messages;
    int m_connections = 0;
};

} // namespace compose
