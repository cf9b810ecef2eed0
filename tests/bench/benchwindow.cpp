#include "benchwindow.h"

#include "connectionsettings.h"
#include "dataservice.h"
#include "formlistmodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <cstdio>
#include <ctime>

namespace compose::bench {

namespace {
qint64 threadCpuNs() // the calling thread's own CPU time
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}
} // namespace

namespace {

qint64 statusKb(const QByteArray &field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void say(const QByteArray &key, double value)
{
    std::printf("%s %.3f\n", key.constData(), value);
    std::fflush(stdout);
}

// Runs the event loop until rows [first, last] are all in memory (asking again when a page
// that arrived pushed out another one of them); false after timeoutMs.
bool waitRows(FormListModel &list, int first, int last, int timeoutMs)
{
    auto all = [&] {
        for (int r = first; r <= last; ++r) {
            if (!list.isRowLoaded(r))
                return false;
        }
        return true;
    };
    if (all())
        return true;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&loop] { loop.exit(1); });
    QObject::connect(&list, &FormListModel::rowsLoaded, &loop, [&] {
        if (all())
            loop.exit(0);
        else
            list.requestRows(first, last);
    });
    QObject::connect(&list, &FormListModel::loadFailed, &loop, [&loop] { loop.exit(2); });
    list.requestRows(first, last);
    timeout.start(timeoutMs);
    return loop.exec() == 0;
}

} // namespace

QList<double> jumpFractions()
{
    return {1.0, 0.5, 0.1, 0.9, 0.6, 0.25, 0.75, 0.05, 0.95, 0.333};
}

int runWindowChild(const QString &url)
{
    const auto settings = ConnectionSettings::fromUrl(url);
    if (!settings) {
        std::fprintf(stderr, "bad url\n");
        return 2;
    }
    QElapsedTimer clock;
    clock.start();
    // The UI thread's pulse (as in runChild): the longest gap between 1 ms ticks.
    qint64 lastTick = 0;
    qint64 maxGapNs = 0;
    qint64 lastCpu = 0;
    qint64 maxBusyNs = 0; // the UI thread's own CPU time within one gap: work, not preemption
    QTimer monitor;
    monitor.setTimerType(Qt::PreciseTimer);
    monitor.setInterval(1);
    QObject::connect(&monitor, &QTimer::timeout, &monitor, [&] {
        const qint64 now = clock.nsecsElapsed();
        const qint64 cpu = threadCpuNs();
        maxGapNs = std::max(maxGapNs, now - lastTick);
        maxBusyNs = std::max(maxBusyNs, cpu - lastCpu);
        lastTick = now;
        lastCpu = cpu;
    });

    DataService service;
    service.setPollInterval(3600 * 1000);
    FormListModel list(&service);
    {
        QEventLoop loop;
        QObject::connect(&service, &DataService::opened, &loop, [&] { list.reload(); });
        QObject::connect(&service, &DataService::openFailed, &loop, [&](const QString &m) {
            std::fprintf(stderr, "open failed: %s\n", qPrintable(m));
            loop.exit(3);
        });
        QObject::connect(&list, &FormListModel::firstPageLoaded, &loop, [&] { loop.exit(0); });
        QObject::connect(&list, &FormListModel::loadFailed, &loop, [&](const QString &m) {
            std::fprintf(stderr, "load failed: %s\n", qPrintable(m));
            loop.exit(4);
        });
        QTimer::singleShot(120000, &loop, [&loop] { loop.exit(5); });
        service.open(*settings);
        if (const int rc = loop.exec())
            return rc;
    }
    const qint64 firstPage = clock.nsecsElapsed();
    say("count", list.rowCount());
    say("first-page-ms", firstPage / 1e6);
    if (!list.anchorsComplete()) {
        QEventLoop loop;
        QObject::connect(&list, &FormListModel::anchorsCompleted, &loop, [&loop] { loop.exit(0); });
        QTimer::singleShot(600000, &loop, [&loop] { loop.exit(5); });
        if (loop.exec()) {
            std::fprintf(stderr, "anchors timed out\n");
            return 5;
        }
    }
    say("anchors-ms", (clock.nsecsElapsed() - firstPage) / 1e6);

    const int n = list.rowCount();
    lastTick = clock.nsecsElapsed();
    lastCpu = threadCpuNs();
    monitor.start();
    const QList<double> fractions = jumpFractions();
    for (int i = 0; i < fractions.size(); ++i) {
        const int row = std::clamp(int(fractions.at(i) * n), 0, std::max(0, n - kViewportRows));
        const int last = std::min(n - 1, row + kViewportRows - 1);
        QElapsedTimer t;
        t.start();
        if (!waitRows(list, row, last, 30000)) {
            std::fprintf(stderr, "jump to %d timed out\n", row);
            return 6;
        }
        say("jump-" + QByteArray::number(i) + "-row", row);
        say("jump-" + QByteArray::number(i) + "-ms", t.nsecsElapsed() / 1e6);
    }
    say("max-gap-ms", maxGapNs / 1e6);
    say("max-busy-ms", maxBusyNs / 1e6);

    // Through the whole depth: 400 places evenly apart and 5,000 rows scrolled at the deepest.
    QElapsedTimer sweep;
    sweep.start();
    const int places = 400;
    for (int i = 0; i <= places; ++i) {
        const int row = int(qint64(std::max(0, n - kViewportRows)) * i / places);
        if (!waitRows(list, row, std::min(n - 1, row + kViewportRows - 1), 30000))
            return 7;
    }
    for (int row = std::max(0, n - 5000); row < n; row += kViewportRows) {
        if (!waitRows(list, row, std::min(n - 1, row + kViewportRows - 1), 30000))
            return 7;
    }
    say("sweep-ms", sweep.nsecsElapsed() / 1e6);
    say("sweep-positions", places + 1 + 5000 / kViewportRows);
    say("resident-rows", list.residentRows());
    say("rss-kb", double(statusKb("VmRSS:")));
    say("peak-rss-kb", double(statusKb("VmHWM:")));
    return 0;
}

} // namespace compose::bench
