#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace compose {

// What the calling thread did besides running (issue 14: a 22 ms UI-thread gap with 8 ms of CPU
// in it is either waiting for a core or waiting inside a call, and the two have different
// causes). A snapshot of the thread's own counters: CPU time, time spent runnable on a run
// queue (/proc/thread-self/schedstat), page faults that read from disk (major: e.g. a shared
// library's page the page cache had dropped) or only mapped a page (minor), and voluntary
// (blocked in a call: poll, futex, a major fault's read) and involuntary (pre-empted) context
// switches (getrusage(RUSAGE_THREAD)). The difference of two snapshots on the same thread is
// what happened between them; asleep() is the wall time that was neither CPU nor run queue.
// Linux only; elsewhere every counter stays 0.
class ThreadWaits final {
    Q_DISABLE_COPY_MOVE(ThreadWaits)
public:
    struct Sample {
        qint64 cpuNs = 0;
        qint64 runQueueNs = 0;
        qint64 majorFaults = 0;
        qint64 minorFaults = 0;
        qint64 voluntarySwitches = 0;
        qint64 involuntarySwitches = 0;

        Sample operator-(const Sample &earlier) const;
        // Wall time of the stretch minus its CPU and run-queue time: blocked in the kernel.
        double asleepMs(double wallMs) const;
        // "runq=<ms> asleep=<ms> majflt=<n> minflt=<n> vcsw=<n> ivcsw=<n>" (first-paint.py
        // reads these keys).
        QByteArray describe(double wallMs) const;
    };

    ThreadWaits(); // opens the calling thread's schedstat: make it on the thread it samples
    ~ThreadWaits();
    // The calling thread's counters now (call it on the thread that made this object).
    Sample sample() const;
    bool knowsRunQueue() const { return m_schedstat >= 0; }

private:
    int m_schedstat = -1;
};

} // namespace compose
