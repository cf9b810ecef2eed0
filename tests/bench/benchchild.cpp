#include "benchchild.h"

#include "benchtiming.h"
#include "connectionsettings.h"
#include "dataservice.h"
#include "formlistmodel.h"
#include "funnelmodel.h"
#include "procstatus.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>
#include <functional>

namespace compose::bench {

int runChild(const QString &mode, const QString &url, int scrollRows)
{
    QElapsedTimer clock;
    clock.start();
    const auto settings = ConnectionSettings::fromUrl(url);
    if (!settings) {
        std::fprintf(stderr, "bad url\n");
        return 2;
    }
    const bool ui = mode == QLatin1String("ui");

    // The UI thread's pulse: a precise 1 ms timer; any longer gap is time the loop was blocked.
    QElapsedTimer pulse;
    pulse.start();
    qint64 lastTick = 0;
    qint64 lastCpu = 0;
    qint64 maxGapNs = 0;
    qint64 maxBusyNs = 0; // the UI thread's own CPU time within one gap: work, not preemption
    QTimer monitor;
    monitor.setTimerType(Qt::PreciseTimer);
    monitor.setInterval(1);
    QObject::connect(&monitor, &QTimer::timeout, &monitor, [&] {
        const qint64 now = pulse.nsecsElapsed();
        const qint64 cpu = threadCpuNs();
        maxGapNs = std::max(maxGapNs, now - lastTick);
        maxBusyNs = std::max(maxBusyNs, cpu - lastCpu);
        lastTick = now;
        lastCpu = cpu;
    });

    DataService service;
    service.setPollInterval(3600 * 1000); // the benchmark measures requests, not polling
    FunnelModel funnel(&service);
    FormListModel list(&service);
    bool funnelDone = false;
    bool pageDone = false;
    qint64 scrollStart = 0;
    qint64 detailStart = 0;
    int exitCode = 0;

    int scrollRow = 0;
    std::function<void()> advance = [&] {
        if (!scrollStart || detailStart)
            return;
        const int end = std::min(scrollRows, list.rowCount());
        auto loaded = [&](int row) {
            for (int r = row; r < std::min(end, row + 40); ++r) {
                if (!list.isRowLoaded(r))
                    return false;
            }
            return true;
        };
        while (scrollRow < end && loaded(scrollRow))
            scrollRow += 40;
        if (scrollRow < end) {
            list.requestRows(scrollRow, scrollRow + 39);
            return;
        }
        say("scroll-rows", end);
        say("scroll-ms", (clock.nsecsElapsed() - scrollStart) / 1e6);
        detailStart = clock.nsecsElapsed();
        service.requestDetail(list.summaryAt(end - 1).id);
    };

    auto finishStartup = [&] {
        if (!funnelDone || !pageDone)
            return;
        if (!ui) {
            QCoreApplication::exit(0);
            return;
        }
        // Scroll like a view of 40 rows does: it paints the rows it shows (asking for their
        // page) and moves on once they are there.
        scrollStart = clock.nsecsElapsed();
        advance();
    };

    QObject::connect(&service, &DataService::opened, &list, [&] {
        funnel.setQuery({});
        list.setQuery({});
    });
    QObject::connect(&service, &DataService::openFailed, &list, [&](const QString &message) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(message));
        exitCode = 3;
        QCoreApplication::exit(3);
    });
    QObject::connect(&funnel, &FunnelModel::loadingChanged, &list, [&](bool loading) {
        if (loading || funnelDone)
            return;
        funnelDone = true;
        say("funnel-ready", clock.nsecsElapsed() / 1e6);
        finishStartup();
    });
    QObject::connect(&list, &FormListModel::firstPageLoaded, &list, [&] {
        pageDone = true;
        say("page-ready", clock.nsecsElapsed() / 1e6);
        finishStartup();
    });
    QObject::connect(&list, &FormListModel::loadFailed, &list, [&](const QString &message) {
        std::fprintf(stderr, "load failed: %s\n", qPrintable(message));
        QCoreApplication::exit(4);
    });
    QObject::connect(&list, &FormListModel::rowsLoaded, &list, [&] {
        if (ui)
            advance();
    });
    QObject::connect(&service, &DataService::detailReady, &list, [&] {
        say("detail-ms", (clock.nsecsElapsed() - detailStart) / 1e6);
        // Let the monitor see the loop after the last result, then report.
        QTimer::singleShot(20, &list, [&] {
            say("max-gap-ms", maxGapNs / 1e6);
            say("max-busy-ms", maxBusyNs / 1e6);
            say("peak-rss-kb", double(test::procStatusKb(QStringLiteral("self"), "VmHWM:")));
            QCoreApplication::exit(0);
        });
    });
    QTimer::singleShot(120000, &list, [] {
        std::fprintf(stderr, "timed out\n");
        QCoreApplication::exit(5);
    });

    service.open(*settings);
    lastTick = pulse.nsecsElapsed();
    lastCpu = threadCpuNs();
    monitor.start();
    const int rc = QCoreApplication::exec();
    return exitCode ? exitCode : rc;
}

} // namespace compose::bench
