#pragma once

#include <QLockFile>
#include <QString>
#include <QStringList>

#include <atomic>
#include <thread>

namespace compose::bench {

// A persistent cluster in a directory (tests/bench/bench-cluster.sh), so a 10M-form fill is
// made once and measured by later runs (--cluster-dir, --reuse). The fill's own report is kept
// in the directory beside the data and printed again by a run that reuses it.
class BenchCluster {
public:
    BenchCluster(const QString &sourceDir, const QString &dir);
    ~BenchCluster();
    Q_DISABLE_COPY_MOVE(BenchCluster)

    // Starts the cluster unless it runs already; returns its URL or an empty string (error()).
    QString start();
    // Stops it if start() started it (a cluster someone else started keeps running).
    void stopIfStartedHere();
    QString error() const { return m_error; }
    QString dir() const { return m_dir; }

    // Watches the directory's size every few seconds: past limitBytes it prints why and stops
    // the cluster, so a fill that outgrows the disk budget fails instead of filling the disk.
    void startWatchdog(qint64 limitBytes);
    qint64 peakBytes() const { return m_peak.load(); }
    // From now on (a refill has just dropped the previous databases, which the peak saw).
    // The size then (an empty cluster: catalogs, WAL) is the fixed part of any projection.
    void resetPeak()
    {
        m_base = directoryBytes(m_dir);
        m_peak = m_base;
    }
    qint64 baseBytes() const { return m_base; }
    bool watchdogFired() const { return m_fired.load(); }
    static qint64 directoryBytes(const QString &dir);

    // CPU seconds the server has spent: the postmaster and every backend it has reaped (a
    // backend's time is added to the postmaster's cutime/cstime when it exits), so sampling
    // before and after a fill gives the fill's server CPU whatever the machine's load.
    double serverCpuSeconds() const;

    // The fill's report (one line each), kept beside the data; first line "forms <n>".
    QStringList savedReport() const;
    void saveReport(const QStringList &lines) const;
    void forgetReport() const;

private:
    bool runScript(const QString &command, QString *output);

    QString m_script;
    QString m_dir;
    QString m_error;
    QLockFile m_lock;
    bool m_startedHere = false;
    std::thread m_watchdog;
    std::atomic<bool> m_stop {false};
    std::atomic<bool> m_fired {false};
    std::atomic<qint64> m_peak {0};
    qint64 m_base = 0;
};

// CPU seconds of this process and of its reaped children (psql), from getrusage.
double ownCpuSeconds();
double childrenCpuSeconds();

} // namespace compose::bench
