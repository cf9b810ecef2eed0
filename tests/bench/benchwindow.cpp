#include "benchwindow.h"

#include "benchtiming.h"
#include "connectionsettings.h"
#include "dataservice.h"
#include "formlistmodel.h"
#include "formlistview.h"
#include "procstatus.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHeaderView>
#include <QScrollBar>
#include <QTimer>

#include <cstdio>

namespace compose::bench {

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
    if (const int rc = openAndLoad(service, list, *settings, 120000))
        return rc;
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
    // The dashboard's list view over the model, a viewport of kViewportRows rows: a jump is the
    // scroll bar's, done when its rows are in and painted; the memory is the view's too.
    FormListView view(&list);
    view.resize(1200,
                kViewportRows * view.rowHeight() + view.horizontalHeader()->sizeHint().height()
                    + 2 * view.frameWidth());
    view.show();
    QCoreApplication::processEvents();
    say("view-rows-per-page", view.rowsPerPage());
    // Done when its rows are in and the update their arrival asked for is painted (the view
    // painted "Loading…" rows in between, as the dashboard does).
    auto jumpTo = [&](int row, int last) {
        QCoreApplication::processEvents(); // the last jump's paint and this one's are two turns
        view.verticalScrollBar()->setValue(row);
        if (!waitRows(list, row, last, 30000))
            return false;
        QCoreApplication::sendPostedEvents(); // the pending paint
        return view.rowAt(0) == row;
    };
    lastTick = clock.nsecsElapsed();
    lastCpu = threadCpuNs();
    monitor.start();
    const QList<double> fractions = jumpFractions();
    for (int i = 0; i < fractions.size(); ++i) {
        const int row = std::clamp(int(fractions.at(i) * n), 0, std::max(0, n - kViewportRows));
        const int last = std::min(n - 1, row + kViewportRows - 1);
        QElapsedTimer t;
        t.start();
        if (!jumpTo(row, last)) {
            std::fprintf(stderr, "jump to %d timed out or shows row %d\n", row, view.rowAt(0));
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
        if (!jumpTo(row, std::min(n - 1, row + kViewportRows - 1)))
            return 7;
    }
    for (int row = std::max(0, n - 5000); row < n; row += kViewportRows) {
        if (!jumpTo(std::min(row, view.verticalScrollBar()->maximum()),
                    std::min(n - 1, row + kViewportRows - 1)))
            return 7;
    }
    say("sweep-ms", sweep.nsecsElapsed() / 1e6);
    // What painting the whole viewport costs the UI thread (rows in memory), the median of 15.
    QList<double> paints;
    for (int i = 0; i < 15; ++i) {
        const qint64 cpu = threadCpuNs();
        view.viewport()->repaint();
        paints << (threadCpuNs() - cpu) / 1e6;
    }
    std::sort(paints.begin(), paints.end());
    say("paint-cpu-ms", paints.at(paints.size() / 2));
    say("sweep-positions", places + 1 + 5000 / kViewportRows);
    say("resident-rows", list.residentRows());
    say("rss-kb", double(test::procStatusKb(QStringLiteral("self"), "VmRSS:")));
    say("peak-rss-kb", double(test::procStatusKb(QStringLiteral("self"), "VmHWM:")));
    return 0;
}

} // namespace compose::bench
