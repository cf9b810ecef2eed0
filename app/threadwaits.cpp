#include "threadwaits.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#if defined(Q_OS_LINUX)
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace compose {

ThreadWaits::Sample ThreadWaits::Sample::operator-(const Sample &earlier) const
{
    return {cpuNs - earlier.cpuNs,
            runQueueNs - earlier.runQueueNs,
            majorFaults - earlier.majorFaults,
            minorFaults - earlier.minorFaults,
            voluntarySwitches - earlier.voluntarySwitches,
            involuntarySwitches - earlier.involuntarySwitches};
}

double ThreadWaits::Sample::asleepMs(double wallMs) const
{
    // Clocks read a few microseconds apart: never below zero.
    return std::max(0.0, wallMs - double(cpuNs + runQueueNs) / 1e6);
}

QByteArray ThreadWaits::Sample::describe(double wallMs) const
{
    char text[160] = {};
    std::snprintf(text, sizeof text,
                  "runq=%.1f asleep=%.1f majflt=%lld minflt=%lld vcsw=%lld ivcsw=%lld",
                  double(runQueueNs) / 1e6, asleepMs(wallMs), static_cast<long long>(majorFaults),
                  static_cast<long long>(minorFaults), static_cast<long long>(voluntarySwitches),
                  static_cast<long long>(involuntarySwitches));
    return QByteArray(text);
}

ThreadWaits::ThreadWaits()
{
#if defined(Q_OS_LINUX)
    // thread-self is the thread that opens it.
    m_schedstat = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
#endif
}

ThreadWaits::~ThreadWaits()
{
#if defined(Q_OS_LINUX)
    if (m_schedstat >= 0)
        ::close(m_schedstat);
#endif
}

ThreadWaits::Sample ThreadWaits::sample() const
{
    Sample s;
#if defined(Q_OS_LINUX)
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    s.cpuNs = qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    // "<ns on the CPU> <ns waiting on a run queue> <timeslices>"; re-read from offset 0.
    char text[96] = {};
    if (m_schedstat >= 0 && ::pread(m_schedstat, text, sizeof text - 1, 0) > 0) {
        char *end = nullptr;
        std::strtoll(text, &end, 10);
        s.runQueueNs = std::strtoll(end, nullptr, 10);
    }
    rusage usage {};
    if (getrusage(RUSAGE_THREAD, &usage) == 0) {
        s.majorFaults = usage.ru_majflt;
        s.minorFaults = usage.ru_minflt;
        s.voluntarySwitches = usage.ru_nvcsw;
        s.involuntarySwitches = usage.ru_nivcsw;
    }
#endif
    return s;
}

} // namespace compose
