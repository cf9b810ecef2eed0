#include "embeddedapi.h"

#include "apiserver.h"
#include "database.h"

namespace compose {

EmbeddedApi::EmbeddedApi(QObject *parent)
    : QObject(parent)
{
}

EmbeddedApi::~EmbeddedApi()
{
    stop();
}

void EmbeddedApi::start(const ServerConfig &config, const QString &staffName,
                        const QString &staffRole)
{
    stop();
    ServerConfig cfg = config;
    cfg.listenAddress = QHostAddress::LocalHost;
    cfg.port = m_preferredPort;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("compose-api"));
    // The anchor lives in the server thread; the ApiServer (HTTP server, sockets, database
    // connection) is created there as its child and deleted there when the thread finishes.
    auto *anchor = new QObject;
    anchor->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, anchor, &QObject::deleteLater);
    QPointer<EmbeddedApi> self(this);
    connect(m_thread, &QThread::started, anchor, [self, anchor, cfg, staffName, staffRole] {
        auto *server = new ApiServer(cfg, anchor);
        QString error;
        QString token;
        bool ok = server->start(&error);
        if (!ok && cfg.port != 0) {
            // The preferred port is taken (a second demo, a test running in parallel): any
            // free port serves as well, since ready() tells the caller where we are.
            delete server;
            ServerConfig anyPort = cfg;
            anyPort.port = 0;
            server = new ApiServer(anyPort, anchor);
            error.clear();
            ok = server->start(&error);
        }
        if (ok) {
            try {
                token = server->addStaff(staffName, staffRole);
            } catch (const DbError &e) {
                error = e.message();
                ok = false;
            }
        }
        const QUrl url = server->baseUrl();
        if (!self)
            return;
        QMetaObject::invokeMethod(
            self,
            [self, ok, url, token, error] {
                if (!self)
                    return;
                if (ok)
                    emit self->ready(url, token);
                else
                    emit self->failed(error);
            },
            Qt::QueuedConnection);
    });
    m_thread->start();
}

void EmbeddedApi::stop()
{
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

} // namespace compose
