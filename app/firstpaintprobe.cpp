#include "firstpaintprobe.h"

#include "formlistmodel.h"
#include "formlistview.h"
#include "funnelmodel.h"
#include "mainwindow.h"
#include "threadwaits.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFile>

#include <cstdio>
#include <ctime>

#if defined(Q_OS_LINUX)
#include <unistd.h>
#endif

namespace compose {

namespace {

FirstPaintProbe *g_probe = nullptr;

qint64 realtimeNs()
{
    timespec ts {};
    clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

qint64 launchNs()
{
    bool ok = false;
    const qint64 launch = qEnvironmentVariable("COMPOSE_MEASURE_FIRST_PAINT").toLongLong(&ok);
    return ok && launch > 0 ? launch : 0;
}

qint64 rssKb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void say(const char *key, double value)
{
    std::printf("%s %.3f\n", key, value);
    std::fflush(stdout);
}

constexpr double LoggedGapMs = 8.0;

qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

qint64 monotonicNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// The UI thread's counters for the marks (main() calls the first one before QApplication, on
// the thread that runs the event loop later).
const ThreadWaits &markWaits()
{
    static const ThreadWaits waits;
    return waits;
}

} // namespace

bool FirstPaintProbe::wanted()
{
    return qEnvironmentVariableIsSet("COMPOSE_MEASURE_FIRST_PAINT");
}

void FirstPaintProbe::mark(const char *key)
{
    if (!wanted())
        return;
    if (const qint64 launch = launchNs()) {
        say(key, double(realtimeNs() - launch) / 1e6);
        // The UI thread's own CPU time so far: what a stage cost, whatever the machine's load.
        std::printf("cpu %s %.3f\n", key, double(threadCpuNs()) / 1e6);
        // And its waits so far (at main(): what the dynamic loader's page faults cost).
        const ThreadWaits::Sample s = markWaits().sample();
        std::printf("waits %s %.3f %lld %lld %lld %lld\n", key, double(s.runQueueNs) / 1e6,
                    static_cast<long long>(s.majorFaults), static_cast<long long>(s.minorFaults),
                    static_cast<long long>(s.voluntarySwitches),
                    static_cast<long long>(s.involuntarySwitches));
        std::fflush(stdout);
    }
}

void FirstPaintProbe::stage(const char *name)
{
    // A few per beat say what a long gap was; a burst of events must not grow the list.
    if (g_probe && g_probe->m_stages.size() < 16)
        g_probe->m_stages.append(QByteArray::fromRawData(name, qstrlen(name)));
}

FirstPaintProbe *FirstPaintProbe::instance()
{
    return g_probe;
}

void FirstPaintProbe::start()
{
    if (wanted() && !g_probe)
        g_probe = new FirstPaintProbe; // lives until the application object goes
}

FirstPaintProbe::FirstPaintProbe()
    : QObject(QCoreApplication::instance())
    , m_launchNs(launchNs())
    , m_waits(std::make_unique<ThreadWaits>())
{
    m_since.start();
    // A precise 1 ms heartbeat: any longer gap between ticks is time the event loop was blocked
    // (or, on a loaded machine, waiting for a core: the watchdog tells the two apart). Started
    // before the event loop runs: what main() and the controller do until exec() is one gap.
    m_heartbeat.start(1);
    m_beat.setTimerType(Qt::PreciseTimer);
    m_beat.setInterval(1);
    connect(&m_beat, &QTimer::timeout, this, &FirstPaintProbe::beat);
    m_beat.start();
    m_lastBeatNs = m_since.nsecsElapsed();
    m_lastBeat = m_waits->sample();
#if defined(Q_OS_LINUX)
    // A mark for `perf trace -T` (first-paint.py --trace): its clock is not CLOCK_MONOTONIC,
    // so the gaps' monotonic times are matched to its syscalls through this one, which it
    // prints with its argument (a failing lseek on fd -1, offset the monotonic time in us).
    if (qEnvironmentVariableIsSet("COMPOSE_MEASURE_TRACE"))
        (void)::lseek(-1, off_t(monotonicNs() / 1000), SEEK_SET);
#endif
    // Window-system work has no step of ours around it: the paints and exposes are named here.
    QCoreApplication::instance()->installEventFilter(this);
    m_periodic.setInterval(1000);
    connect(&m_periodic, &QTimer::timeout, this, [this] {
        say("stall-max-gap-ms", m_heartbeat.maxGapMs());
        say("stall-max-blocked-ms", m_heartbeat.maxBlockedMs());
    });
}

FirstPaintProbe::~FirstPaintProbe()
{
    if (g_probe == this)
        g_probe = nullptr;
}

void FirstPaintProbe::beat()
{
    const qint64 now = m_since.nsecsElapsed();
    const ThreadWaits::Sample sample = m_waits->sample();
    const double gapMs = double(now - m_lastBeatNs) / 1e6;
    if (gapMs >= LoggedGapMs) {
        QByteArrayList what;
        for (const QByteArray &s : std::as_const(m_stages)) {
            if (what.isEmpty() || what.constLast() != s)
                what.append(s);
        }
        const ThreadWaits::Sample in = sample - m_lastBeat;
        m_gaps.append({sinceLaunchMs(), gapMs, double(in.cpuNs) / 1e6, double(monotonicNs()) / 1e6,
                       in.describe(gapMs), what.isEmpty() ? QByteArray("-") : what.join('+')});
    }
    m_stages.clear();
    m_lastBeatNs = now;
    m_lastBeat = sample;
}

void FirstPaintProbe::attach(MainWindow *window)
{
    m_window = window;
    // Where the time goes: process start + QApplication + the window's construction.
    say("window-built-ms", sinceLaunchMs());
    connect(window->funnelModel(), &FunnelModel::loadingChanged, this, [this](bool loading) {
        if (!loading && !m_funnelReady) {
            m_funnelReady = true;
            say("funnel-ready-ms", sinceLaunchMs());
            check();
        }
    });
    // The first page's rows, not the whole count: at 10M forms the rest of the count grows in
    // 40 turns of the event loop after the page is painted (the gaps of those turns still count).
    connect(window->listModel(), &FormListModel::firstPageInserted, this, [this] {
        m_listReady = true;
        say("list-ready-ms", sinceLaunchMs());
        check();
    });
    connect(window->listModel(), &QAbstractItemModel::rowsInserted, this,
            [] { stage("rows inserted"); });
    connect(window->listModel(), &QAbstractItemModel::modelReset, this,
            [] { stage("list reset"); });
}

double FirstPaintProbe::sinceLaunchMs() const
{
    return m_launchNs ? double(realtimeNs() - m_launchNs) / 1e6
                      : double(m_since.nsecsElapsed()) / 1e6;
}

void FirstPaintProbe::check()
{
    // Both are in the models: the next paint of the list shows them (the funnel is painted in
    // the same window update).
    if (m_funnelReady && m_listReady && !m_done)
        m_window->listView()->viewport()->update();
}

bool FirstPaintProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::UpdateRequest)
        stage("paint");
    else if (event->type() == QEvent::Expose)
        stage("expose");
    else if (event->type() == QEvent::LayoutRequest)
        stage("layout");
    if (event->type() == QEvent::Paint && m_window && watched == m_window->listView()->viewport()
        && m_funnelReady && m_listReady && !m_done) {
        m_done = true;
        // Queued: runs once this paint (and the rest of the window's update) went out.
        QMetaObject::invokeMethod(this, &FirstPaintProbe::report, Qt::QueuedConnection);
    }
    return QObject::eventFilter(watched, event);
}

void FirstPaintProbe::report()
{
    say("first-paint-ms", sinceLaunchMs());
    say("first-paint-max-gap-ms", m_heartbeat.maxGapMs());
    say("first-paint-max-blocked-ms", m_heartbeat.maxBlockedMs());
    say("first-paint-rss-kb", double(rssKb()));
    if (qEnvironmentVariable("COMPOSE_MEASURE_EXIT") == QLatin1String("1")) {
        // What follows the first paint counts as well (the demo's API, the attention counts):
        // with COMPOSE_MEASURE_AFTER_MS the heartbeat watches that much longer.
        const int after = qEnvironmentVariableIntValue("COMPOSE_MEASURE_AFTER_MS");
        QTimer::singleShot(after, this, &FirstPaintProbe::finish);
        return;
    }
    m_periodic.start();
}

void FirstPaintProbe::finish()
{
    say("after-paint-max-gap-ms", m_heartbeat.maxGapMs());
    say("after-paint-max-blocked-ms", m_heartbeat.maxBlockedMs());
    for (const Gap &g : std::as_const(m_gaps))
        std::printf("gap %.1f %.1f %.1f mono=%.3f %s %s\n", g.endMs, g.lengthMs, g.cpuMs,
                    g.monotonicEndMs, g.waits.constData(), g.what.constData());
    std::fflush(stdout);
    QCoreApplication::quit();
}

} // namespace compose
