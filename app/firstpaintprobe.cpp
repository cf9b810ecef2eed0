#include "firstpaintprobe.h"

#include "formlistmodel.h"
#include "formlistview.h"
#include "funnelmodel.h"
#include "mainwindow.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFile>

#include <cstdio>
#include <ctime>

namespace compose {

namespace {

qint64 realtimeNs()
{
    timespec ts {};
    clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
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

} // namespace

bool FirstPaintProbe::wanted()
{
    return qEnvironmentVariableIsSet("COMPOSE_MEASURE_FIRST_PAINT");
}

void FirstPaintProbe::mark(const char *key)
{
    if (!wanted())
        return;
    bool ok = false;
    const qint64 launch = qEnvironmentVariable("COMPOSE_MEASURE_FIRST_PAINT").toLongLong(&ok);
    if (ok && launch > 0)
        say(key, double(realtimeNs() - launch) / 1e6);
}

FirstPaintProbe::FirstPaintProbe(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    m_since.start();
    bool ok = false;
    const qint64 launch = qEnvironmentVariable("COMPOSE_MEASURE_FIRST_PAINT").toLongLong(&ok);
    m_launchNs = ok && launch > 0 ? launch : 0;
    // A precise 1 ms heartbeat: any longer gap between ticks is time the event loop was blocked
    // (or, on a loaded machine, waiting for a core: the watchdog tells the two apart).
    m_heartbeat.start(1);
    // Where the time goes: process start + QApplication + the window's construction.
    say("window-built-ms", sinceLaunchMs());
    m_periodic.setInterval(1000);
    connect(&m_periodic, &QTimer::timeout, this, [this] {
        say("stall-max-gap-ms", m_heartbeat.maxGapMs());
        say("stall-max-blocked-ms", m_heartbeat.maxBlockedMs());
    });
    connect(window->funnelModel(), &FunnelModel::loadingChanged, this, [this](bool loading) {
        if (!loading && !m_funnelReady) {
            m_funnelReady = true;
            say("funnel-ready-ms", sinceLaunchMs());
            check();
        }
    });
    connect(window->listModel(), &FormListModel::firstPageLoaded, this, [this] {
        m_listReady = true;
        say("list-ready-ms", sinceLaunchMs());
        check();
    });
    window->listView()->viewport()->installEventFilter(this);
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
    if (event->type() == QEvent::Paint && m_funnelReady && m_listReady && !m_done) {
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
        QCoreApplication::quit();
        return;
    }
    m_periodic.start();
}

} // namespace compose
