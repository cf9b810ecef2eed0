#pragma once

#include "connectionsettings.h"
#include "httpserver.h"

#include <QByteArray>
#include <QSqlDatabase>

#include <functional>

namespace compose {

// The bulkhead of issue 14: answers that take milliseconds of CPU (the form GET: its JSON
// columns parsed and written, 17.5M instructions for a 600 kB form) are read and written on a
// small pool shared by all workers of the process, so the workers' event loops stay free for
// /api/health and the other cheap requests. The pool has one thread per core: 20 clients
// fetching large forms run at most that many answers at once, and a worker's event loop never
// runs one.
class HeavyReads final {
    Q_DISABLE_COPY_MOVE(HeavyReads)
public:
    // Reads with the pool thread's own connection to `database`; returns the answer body.
    // An ApiError or DbError it throws becomes the answer as in HttpExchange::guard.
    using Work = std::function<QByteArray(const QSqlDatabase &db)>;

    // Runs work on the pool and answers ex (200, contentType) on context's thread (the worker
    // that took the request) once it is done. SQLite (demo, one file, one writer) and a
    // database run inline, on workerDb.
    static void answer(QObject *context, const QSqlDatabase &workerDb,
                       const ConnectionSettings &database, const Exchange &ex,
                       const QByteArray &contentType, Work work);

    static int poolSize();
    // How many answers the pool has run (tests: the route really went through it).
    static qint64 completed();

private:
    HeavyReads() = default;
};

} // namespace compose
