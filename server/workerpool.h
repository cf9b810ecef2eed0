#pragma once

#include "serverconfig.h"

#include <QList>
#include <QObject>
#include <QThread>
#include <QUrl>

#include <atomic>

namespace compose {

class ApiServer;

// compose-api serving requests concurrently (issue 14): N request workers, each a thread with
// its own ApiServer (routes, database connection, listening socket with SO_REUSEPORT on the
// one port, so the kernel spreads connections over them), and one jobs worker that runs the
// expiry job, the refund sweep and the delivery e-mail sender off the request path (behind a
// database lease, so one process of several runs them). Every rule that must hold across
// processes (idempotency keys, slot claims, outbox claims, row locks) is enforced in the
// database; the workers of one process share in memory only the connection count and the
// rate-limit buckets (one RequestGuard), so a client gets each limit once per process.
class WorkerPool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkerPool)
public:
    explicit WorkerPool(ServerConfig config, int workers, QObject *parent = nullptr);
    ~WorkerPool() override;

    // Migrates once, starts the request workers, then the jobs worker; blocks until all are
    // up or one failed.
    bool start(QString *error);
    QUrl baseUrl() const { return m_base; }
    void stop();

private:
    // Runs ApiServer(config)->start() on a new thread; returns its port (0: failed).
    quint16 startWorker(const ServerConfig &config, const QString &name, QString *error);

    ServerConfig m_config;
    int m_workers;
    QList<QThread *> m_threads;
    std::atomic<QObject *> m_jobsAnchor = nullptr; // read by the request workers' threads
    QUrl m_base;
};

} // namespace compose
