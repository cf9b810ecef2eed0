#include "heavyreads.h"

#include "database.h"

#include <QFuture>
#include <QPromise>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <exception>
#include <memory>

namespace compose {

namespace {

std::atomic<qint64> g_completed {0};

QThreadPool *pool()
{
    static QThreadPool *const p = [] {
        auto *tp = new QThreadPool; // lives as long as the process: its threads hold connections
        // One thread per core: the pool can use the cores, but no more heavy answers run at
        // once than there are cores, so a worker woken for /api/health finds its event loop
        // free and only waits for the scheduler (7 ms p99 under 20 large-form clients). With
        // one thread on two cores every form GET queued behind the others: 1,876 req/s and
        // 76 ms p99 at 50 clients, against 5,543 req/s and 18 ms with two (docs/performance.md).
        // COMPOSE_API_HEAVY_THREADS (1..64) overrides it for measurements.
        bool ok = false;
        const int given = qEnvironmentVariableIntValue("COMPOSE_API_HEAVY_THREADS", &ok);
        tp->setMaxThreadCount(
            ok && given >= 1 && given <= 64 ? given : std::max(1, QThread::idealThreadCount()));
        // A pool thread keeps its database connections; one that expired would leave them
        // behind in QSqlDatabase's registry, owned by a dead thread.
        tp->setExpiryTimeout(-1);
        tp->setObjectName(QStringLiteral("compose-heavy-reads"));
        return tp;
    }();
    return p;
}

// One connection per pool thread and database (tests run servers on several databases in one
// process).
QSqlDatabase poolConnection(const ConnectionSettings &settings)
{
    const QString name = QStringLiteral("compose-heavy-%1-%2")
                             .arg(quintptr(QThread::currentThreadId()))
                             .arg(settings.toUrl().toString(QUrl::FullyEncoded) + settings.options
                                  + settings.user);
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            return db;
        Db::close(name); // lost (database restarted): open it anew
    }
    return Db::open(settings, name);
}

struct Outcome {
    QByteArray body;
    std::exception_ptr error;
};

} // namespace

int HeavyReads::poolSize()
{
    return pool()->maxThreadCount();
}

qint64 HeavyReads::completed()
{
    return g_completed.load();
}

void HeavyReads::answer(QObject *context, const QSqlDatabase &workerDb,
                        const ConnectionSettings &database, const Exchange &ex,
                        const QByteArray &contentType, Work work)
{
    if (database.dialect == SqlDialect::SQLite) {
        // A separate connection to ":memory:" would be another database; SQLite is the demo.
        ex->send(200, work(workerDb), contentType); // the caller's guard turns errors into answers
        return;
    }
    auto promise = std::make_shared<QPromise<Outcome>>();
    QFuture<Outcome> future = promise->future();
    // The exchange stays on the worker's thread (its socket and answer line live there): the
    // pool gets only the work and the promise.
    future.then(context, [ex, contentType](const Outcome &o) {
        ex->guard([&] {
            if (o.error)
                std::rethrow_exception(o.error);
            ex->send(200, o.body, contentType);
        });
    });
    promise->start();
    pool()->start([promise, database, work = std::move(work)] {
        Outcome o;
        try {
            o.body = work(poolConnection(database));
        } catch (...) {
            o.error = std::current_exception();
        }
        ++g_completed;
        promise->addResult(std::move(o));
        promise->finish();
    });
}

} // namespace compose
