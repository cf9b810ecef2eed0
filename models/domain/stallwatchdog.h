#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

namespace compose {

// Measures how long the thread it lives on (the UI thread) goes without running its event loop
// (issue 14: "never blocked for more than 16 ms"). A precise timer ticks every few
// milliseconds; a gap between two ticks longer than the interval is time the loop was busy or
// blocked. On a shared 2-core machine the OS also keeps a runnable thread waiting for a core
// (tens of milliseconds at a load of 10): that is not our code blocking, and Linux counts it per
// thread (/proc/thread-self/schedstat, "run delay"). So each gap is also measured without its
// run-queue wait: maxBlockedMs() is the longest the thread itself was busy or waiting inside a
// call (GStreamer's synchronous state changes wait on a condition, not on the CPU).
class StallWatchdog final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StallWatchdog)
public:
    explicit StallWatchdog(QObject *parent = nullptr);
    ~StallWatchdog() override;

    void start(int intervalMs = 4);
    void stop();
    void reset(); // forgets the gaps that ended so far; keeps ticking

    double maxGapMs() const { return double(m_maxGapNs) / 1e6; } // wall time
    // The longest gap minus the time the thread waited for a core in it (equals maxGapMs()
    // where the kernel does not report run delay).
    double maxBlockedMs() const { return double(m_maxBlockedNs) / 1e6; }
    bool knowsRunDelay() const { return m_schedstat >= 0; }
    // The thread's CPU time within the longest gap, and the most CPU time in any gap.
    double maxGapCpuMs() const { return double(m_maxGapCpuNs) / 1e6; }
    double maxCpuMs() const { return double(m_maxCpuNs) / 1e6; }
    int gapsOver(double ms) const; // among the longest 64 gaps seen
    qint64 ticks() const { return m_ticks; }

private:
    void tick();
    qint64 runDelayNs() const;

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = -1;
    qint64 m_lastCpuNs = 0;
    qint64 m_lastDelayNs = 0;
    int m_schedstat = -1; // the watched thread's /proc/thread-self/schedstat, or -1
    qint64 m_maxGapNs = 0;
    qint64 m_maxBlockedNs = 0;
    qint64 m_maxGapCpuNs = 0;
    qint64 m_maxCpuNs = 0;
    qint64 m_ticks = 0;
    QList<qint64> m_longGapsNs; // the longest gaps, for gapsOver()
};

} // namespace compose
