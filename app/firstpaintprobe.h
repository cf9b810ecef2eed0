#pragma once

#include <QByteArrayList>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include "stallwatchdog.h"
#include "threadwaits.h"

#include <memory>

namespace compose {

class MainWindow;

// Measures what an agent waits for (issue 14): from process start to the funnel and the first
// list page painted in the window, and the longest the UI thread went without running its
// event loop. Only when COMPOSE_MEASURE_FIRST_PAINT is set (tests/bench/first-paint.py sets it
// to the launch time in nanoseconds since the epoch, CLOCK_REALTIME, so that exec, loading the
// libraries and QApplication count too). main() starts it right after QApplication, so every
// stretch from there on counts (building the window before the event loop runs is one); the
// controller attaches the window. Prints "first-paint-ms <ms>", "first-paint-max-gap-ms <ms>"
// and "first-paint-max-blocked-ms <ms>" (the gap without the time the thread waited for a
// core) on stdout, and "gap <ms since launch at its end> <length ms> <UI-thread CPU ms>" for
// every gap of 8 ms or more (what was running then is what the stage marks around it say):
// "gap <end> <length> <cpu> mono=<ms> runq=.. asleep=.. majflt=.. minflt=.. vcsw=.. ivcsw=..
// <what>" (ThreadWaits: what the thread waited on in it; <what>: the stages that ran in it),
// each mark's CPU ("cpu <key> <ms>") and waits so far ("waits <key> <runq ms> <majflt> <minflt>
// <vcsw> <ivcsw>"),
// "stall-max-gap-ms <ms>" again every second after it (the heartbeat keeps watching, e.g. while
// previews start); with COMPOSE_MEASURE_EXIT=1 the application quits after the first paint (and,
// with COMPOSE_MEASURE_AFTER_MS, that long after it, so the stretches just after count too).
class FirstPaintProbe final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FirstPaintProbe)
public:
    static bool wanted();
    // Prints "<key> <ms since launch>" when measuring.
    static void mark(const char *key);
    // Names what runs now (a start-up step, the first page, a chunk of the count): every gap of
    // 8 ms or more is printed with the names of what ran in it, so a long one says what it was.
    static void stage(const char *name);
    // The probe of this process, made by start() (main(), after QApplication); null when not
    // measuring.
    static FirstPaintProbe *instance();
    static void start();
    // The window whose funnel and list make the first paint.
    void attach(MainWindow *window);
    ~FirstPaintProbe() override;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    FirstPaintProbe();
    void check();
    void report();
    void finish();
    void beat();
    double sinceLaunchMs() const;

    MainWindow *m_window = nullptr;
    qint64 m_launchNs = 0; // CLOCK_REALTIME at launch, 0 when not given
    QElapsedTimer m_since; // fallback origin: this object's creation
    StallWatchdog m_heartbeat; // 1 ms; also tells waiting for a core from being blocked
    QTimer m_beat; // 1 ms too: where each long gap was (the watchdog keeps only the longest)
    qint64 m_lastBeatNs = -1;
    std::unique_ptr<ThreadWaits> m_waits; // the UI thread's counters (made on it)
    ThreadWaits::Sample m_lastBeat;
    struct Gap {
        double endMs;
        double lengthMs;
        double cpuMs; // the UI thread's own CPU time in it
        double monotonicEndMs; // CLOCK_MONOTONIC, to match `perf trace` (first-paint.py --trace)
        QByteArray waits; // ThreadWaits::Sample::describe(): run queue, asleep, faults, switches
        QByteArray what; // the stages that ran in it, "+"-separated; "-" when none was named
    };
    QByteArrayList m_stages; // named since the last beat
    QList<Gap> m_gaps;
    QTimer m_periodic;
    bool m_funnelReady = false;
    bool m_listReady = false;
    bool m_done = false;
};

} // namespace compose
