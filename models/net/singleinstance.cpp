#include "singleinstance.h"

#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

namespace compose {

namespace {
constexpr int MaxMessage = 4096; // a link, never more
}

struct SingleInstance::Private {
    QLocalServer server;
};

SingleInstance::SingleInstance(QString name, QObject *parent)
    : QObject(parent)
    , m_name(std::move(name))
    , d(std::make_unique<Private>())
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultName()
{
    // XDG_RUNTIME_DIR is the user's own (0700); without it, a name with the user in it.
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (!runtime.isEmpty())
        return QDir(runtime).filePath(QStringLiteral("compose-desk.sock"));
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME", QStringLiteral("user"));
    return QStringLiteral("compose-desk-") + user;
}

bool SingleInstance::sendToRunning(const QString &message, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    socket.write(message.left(MaxMessage).toUtf8() + '\n');
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    // The running window says it took it, so a dead socket file is never mistaken for it.
    if (!socket.waitForReadyRead(timeoutMs))
        return false;
    return socket.readAll().startsWith("ok");
}

bool SingleInstance::listen()
{
    // Someone answers: a running instance. (Asked first: with access options QLocalServer
    // binds in a private folder and renames over the name, so it would take it over.)
    {
        QLocalSocket probe;
        probe.connectToServer(m_name);
        if (probe.waitForConnected(300))
            return false;
    }
    QLocalServer::removeServer(m_name); // a file left by a crash
    d->server.setSocketOptions(QLocalServer::UserAccessOption);
    if (!d->server.listen(m_name))
        return false;
    connect(&d->server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *s = d->server.nextPendingConnection()) {
            connect(s, &QLocalSocket::disconnected, s, &QObject::deleteLater);
            connect(s, &QLocalSocket::readyRead, this, [this, s] {
                if (s->bytesAvailable() > MaxMessage + 1) {
                    s->abort();
                    return;
                }
                if (!s->canReadLine())
                    return;
                const QString message = QString::fromUtf8(s->readLine()).trimmed();
                s->write("ok\n");
                s->flush();
                emit messageReceived(message);
            });
        }
    });
    return true;
}

bool SingleInstance::isListening() const
{
    return d->server.isListening();
}

} // namespace compose
