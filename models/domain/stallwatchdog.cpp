#include "stallwatchdog.h"

#include <algorithm>
#include <cstdlib>
#include <ctime>

#if defined(Q_OS_LINUX)
#include <fcntl.h>
#include <unistd.h>
#endif

namespace compose {

namespace {
constexpr int KeptGaps = 64;

qint64 threadCpuNs()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec ts {};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
#endif
    return 0;
}
} // namespace

StallWatchdog::StallWatchdog(QObject *parent)
    : QObject(parent)
{
    // Precise: a coarse timer may fire 5 % late by design, which would read as a stall.
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &StallWatchdog::tick);
}

StallWatchdog::~StallWatchdog()
{
#if defined(Q_OS_LINUX)
    if (m_schedstat >= 0)
        ::close(m_schedstat);
#endif
}

qint64 StallWatchdog::runDelayNs() const
{
#if defined(Q_OS_LINUX)
    // "<ns on the CPU> <ns waiting on a run queue> <timeslices>"; re-read from offset 0.
    char text[96] = {};
    if (m_schedstat >= 0 && ::pread(m_schedstat, text, sizeof text - 1, 0) > 0) {
        char *end = nullptr;
        std::strtoll(text, &end, 10);
        return std::strtoll(end, nullptr, 10);
    }
#endif
    return 0;
}

void StallWatchdog::start(int intervalMs)
{
#if defined(Q_OS_LINUX)
    // Opened here, on the watched thread: thread-self is the thread that opens it.
    if (m_schedstat < 0)
        m_schedstat = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
#endif
    m_timer.setInterval(std::max(1, intervalMs));
    m_clock.start();
    m_lastNs = -1;
    m_timer.start();
}

void StallWatchdog::stop()
{
    m_timer.stop();
}

void StallWatchdog::reset()
{
    m_maxGapNs = 0;
    m_maxBlockedNs = 0;
    m_maxGapCpuNs = 0;
    m_maxCpuNs = 0;
    m_ticks = 0;
    m_longGapsNs.clear();
    // m_lastNs stays: work queued just before reset() and run right after it is a gap that
    // ends after the reset, and must count.
}

int StallWatchdog::gapsOver(double ms) const
{
    const auto limit = qint64(ms * 1e6);
    return int(std::count_if(m_longGapsNs.cbegin(), m_longGapsNs.cend(),
                             [limit](qint64 gap) { return gap > limit; }));
}

void StallWatchdog::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 cpu = threadCpuNs();
    const qint64 delay = runDelayNs();
    ++m_ticks;
    if (m_lastNs >= 0) {
        const qint64 gap = now - m_lastNs;
        const qint64 gapCpu = cpu - m_lastCpuNs;
        m_maxBlockedNs = std::max(m_maxBlockedNs, gap - std::max<qint64>(0, delay - m_lastDelayNs));
        if (gap > m_maxGapNs) {
            m_maxGapNs = gap;
            m_maxGapCpuNs = gapCpu;
        }
        m_maxCpuNs = std::max(m_maxCpuNs, gapCpu);
        if (m_longGapsNs.size() < KeptGaps || gap > m_longGapsNs.constLast()) {
            m_longGapsNs.insert(
                std::upper_bound(m_longGapsNs.begin(), m_longGapsNs.end(), gap, std::greater<>()),
                gap);
            if (m_longGapsNs.size() > KeptGaps)
                m_longGapsNs.removeLast();
        }
    }
    m_lastNs = now;
    m_lastCpuNs = cpu;
    m_lastDelayNs = delay;
}

} // namespace compose
