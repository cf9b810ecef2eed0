#include "backgroundpool.h"

#include <QThreadPool>

namespace compose {

namespace {
// Like the global instance: made on first use, waits for its tasks when the process exits.
struct BackgroundPool final : QThreadPool {
    BackgroundPool() { setObjectName(QStringLiteral("compose background")); }
};
Q_GLOBAL_STATIC(BackgroundPool, g_backgroundPool)
} // namespace

QThreadPool *backgroundPool()
{
    return g_backgroundPool();
}

} // namespace compose
