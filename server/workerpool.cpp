#include "workerpool.h"

#include "apiserver.h"
#include "database.h"
#include "migrator.h"
#include "requestguard.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QSemaphore>
#include <QUuid>

#include <atomic>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

WorkerPool::WorkerPool(ServerConfig config, int workers, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_workers(qMax(1, workers))
{
}

WorkerPool::~WorkerPool()
{
    stop();
}

void WorkerPool::stop()
{
    // Request workers first (no new work, no more wake-ups), the jobs worker (the mail
    // sender) last: it is the last thread started.
    for (qsizetype i = 0; i < m_threads.size(); ++i) {
        if (i == m_threads.size() - 1)
            m_jobsAnchor = nullptr;
        m_threads.at(i)->quit();
        m_threads.at(i)->wait();
        delete m_threads.at(i);
    }
    m_threads.clear();
    m_jobsAnchor = nullptr;
}

quint16 WorkerPool::startWorker(const ServerConfig &config, const QString &name, QString *error)
{
    auto *thread = new QThread;
    thread->setObjectName(name);
    // The anchor lives in the worker's thread; its ApiServer (sockets, database connection)
    // is created there as the anchor's child and deleted there when the thread finishes.
    auto *anchor = new QObject;
    anchor->moveToThread(thread);
    connect(thread, &QThread::finished, anchor, &QObject::deleteLater);
    if (config.role == ServerConfig::Role::Jobs)
        m_jobsAnchor = anchor;
    QSemaphore done;
    quint16 port = 0;
    QString failure;
    connect(thread, &QThread::started, anchor, [&, anchor, config] {
        auto *server = new ApiServer(config, anchor);
        if (server->start(&failure))
            port = config.role == ServerConfig::Role::Jobs ? quint16(1) : server->port();
        done.release();
    });
    m_threads.append(thread);
    thread->start();
    done.acquire();
    if (port == 0 && error)
        *error = failure;
    return port;
}

bool WorkerPool::start(QString *error)
{
    // Migrate once, here, before any worker opens its connection; the workers only check.
    const QString admin = QStringLiteral("compose-api-migrate-")
        + QUuid::createUuid().toString(QUuid::Id128).left(8);
    try {
        QSqlDatabase db = Db::open(m_config.database, admin);
        if (m_config.migrate) {
            const QStringList applied = Migrator(db).migrate();
            if (!applied.isEmpty())
                qCInfo(lcApi) << "applied migrations:" << applied;
        }
    } catch (const DbError &e) {
        *error = e.message();
        Db::close(admin);
        return false;
    }
    Db::close(admin);

    auto open = std::make_shared<std::atomic<int>>(0);
    ServerConfig request = m_config;
    request.migrate = false;
    request.role = ServerConfig::Role::Requests;
    request.reusePort = true;
    request.openConnections = open;
    // One set of rate-limit buckets for all request workers (RateLimiter is thread-safe).
    request.requestGuard = std::make_shared<RequestGuard>(m_config);
    request.mailQueued = [this] {
        // From a request worker's thread to the jobs worker's: a queued call, never a wait.
        if (QObject *anchor = m_jobsAnchor.load()) {
            QMetaObject::invokeMethod(
                anchor,
                [anchor] {
                    for (ApiServer *s : anchor->findChildren<ApiServer *>())
                        s->wakeMailer();
                },
                Qt::QueuedConnection);
        }
    };
    for (int i = 0; i < m_workers; ++i) {
        const quint16 port = startWorker(request, QStringLiteral("compose-api-%1").arg(i), error);
        if (port == 0) {
            stop();
            return false;
        }
        // Port 0 asked for any free port: the first worker found one; the rest share it.
        request.port = port;
    }
    QUrl base;
    base.setScheme(QStringLiteral("http"));
    QHostAddress host = m_config.listenAddress;
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4)
        host = QHostAddress::LocalHost;
    base.setHost(host.toString());
    base.setPort(request.port);
    m_base = base;

    ServerConfig jobsConfig = m_config;
    jobsConfig.migrate = false;
    jobsConfig.role = ServerConfig::Role::Jobs;
    if (jobsConfig.publicBaseUrl.isEmpty())
        jobsConfig.publicBaseUrl = base; // share links in the e-mail point at the workers
    if (startWorker(jobsConfig, QStringLiteral("compose-api-jobs"), error) == 0) {
        stop();
        return false;
    }
    qCInfo(lcApi).noquote() << "compose-api listening on" << base.toString() << "with" << m_workers
                            << "request worker(s) and a jobs worker, database"
                            << m_config.database.displayName();
    return true;
}

} // namespace compose
