#include "backgroundpool.h"

#include <QThreadPool>

namespace compose {

namespace {
// Like the global instance: made on first use, waits for its tasks when the process exits.
Q_GLOBAL_STATIC(QThreadPool, g_backgroundPool)
} // namespace

QThreadPool *backgroundPool()
{
    QThreadPool *pool = g_backgroundPool();
    if (pool && pool->objectName().isEmpty())
        pool->setObjectName(QStringLiteral("compose background"));
    return pool;
}

} // namespace compose
