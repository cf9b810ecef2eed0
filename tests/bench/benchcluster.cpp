#include "benchcluster.h"

#include <QDir>
#include <QFile>
#include <QProcess>

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

namespace compose::bench {

namespace {

double seconds(const timeval &tv)
{
    return double(tv.tv_sec) + double(tv.tv_usec) / 1e6;
}

QString reportPath(const QString &dir)
{
    return QDir(dir).filePath(QStringLiteral("fill-report.txt"));
}

} // namespace

double ownCpuSeconds()
{
    rusage ru {};
    getrusage(RUSAGE_SELF, &ru);
    return seconds(ru.ru_utime) + seconds(ru.ru_stime);
}

double childrenCpuSeconds()
{
    rusage ru {};
    getrusage(RUSAGE_CHILDREN, &ru);
    return seconds(ru.ru_utime) + seconds(ru.ru_stime);
}

BenchCluster::BenchCluster(const QString &sourceDir, const QString &dir)
    : m_script(QDir(sourceDir).filePath(QStringLiteral("tests/bench/bench-cluster.sh")))
    , m_dir(QDir(dir).absolutePath())
    , m_lock(QDir(m_dir).filePath(QStringLiteral("compose-bench.lock")))
{
    m_lock.setStaleLockTime(0); // held for a whole fill; stale only if its process is gone
}

BenchCluster::~BenchCluster()
{
    m_stop = true;
    if (m_watchdog.joinable())
        m_watchdog.join();
}

bool BenchCluster::runScript(const QString &command, QString *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start(QStringLiteral("bash"), {m_script, command, m_dir});
    // initdb plus a start after a crash (recovery) can take a while; a minute is not enough
    // on a loaded machine with a 35 GB cluster.
    if (!p.waitForFinished(600000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("%1 %2 %3 failed").arg(m_script, command, m_dir);
        return false;
    }
    if (output)
        *output = QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
    return true;
}

QString BenchCluster::start()
{
    QString url;
    // One compose-bench per directory: a second one with --reuse would find no report while
    // the first is still filling, and drop its database to fill again.
    QDir().mkpath(m_dir);
    if (!m_lock.tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        m_lock.getLockInfo(&pid, &host, &app);
        m_error
            = QStringLiteral("%1 is in use by another compose-bench (pid %2)").arg(m_dir).arg(pid);
        return {};
    }
    // Already running (targets.sh starts it once for several runs): use it and leave it so.
    if (QProcess::execute(QStringLiteral("bash"),
                          {QStringLiteral("-c"),
                           QStringLiteral("'%1' url '%2' >/dev/null 2>&1").arg(m_script, m_dir)})
        == 0) {
        runScript(QStringLiteral("url"), &url);
        return url;
    }
    if (!runScript(QStringLiteral("start"), &url))
        return {};
    m_startedHere = true;
    return url;
}

void BenchCluster::stopIfStartedHere()
{
    m_stop = true;
    if (m_watchdog.joinable())
        m_watchdog.join();
    if (m_startedHere)
        runScript(QStringLiteral("stop"), nullptr);
    m_startedHere = false;
}

qint64 BenchCluster::directoryBytes(const QString &dir)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    qint64 total = 0;
    // Files come and go while the server runs (temporary sort files, new segments): skip what
    // vanished instead of failing.
    for (fs::recursive_directory_iterator it(dir.toStdString(), ec), end; !ec && it != end;
         it.increment(ec)) {
        std::error_code fe;
        if (it->is_regular_file(fe) && !fe) {
            const auto size = it->file_size(fe);
            if (!fe)
                total += qint64(size);
        }
    }
    return total;
}

void BenchCluster::startWatchdog(qint64 limitBytes)
{
    m_stop = false;
    m_watchdog = std::thread([this, limitBytes] {
        using namespace std::chrono_literals;
        int tick = 0;
        while (!m_stop.load()) {
            if (tick++ % 25 == 0) { // every 5 s
                const qint64 bytes = directoryBytes(m_dir);
                if (bytes > m_peak.load())
                    m_peak = bytes;
                if (limitBytes > 0 && bytes > limitBytes && !m_fired.load()) {
                    m_fired = true;
                    std::printf("watchdog: %s holds %.1f GB, over the budget of %.1f GB: "
                                "stopping its cluster\n",
                                qPrintable(m_dir), double(bytes) / 1e9, double(limitBytes) / 1e9);
                    std::fflush(stdout);
                    QProcess::execute(QStringLiteral("bash"),
                                      {m_script, QStringLiteral("stop"), m_dir});
                }
            }
            std::this_thread::sleep_for(200ms);
        }
    });
}

double BenchCluster::serverCpuSeconds() const
{
    QFile pidFile(QDir(m_dir).filePath(QStringLiteral("data/postmaster.pid")));
    if (!pidFile.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray pid = pidFile.readLine().trimmed();
    QFile stat(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid)));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // Fields after the command (which may hold spaces) start after the last ')'.
    const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (f.size() < 15)
        return -1;
    // utime, stime, cutime, cstime are fields 14-17 of the whole line: 12-15 here (from 3).
    const double ticks = double(sysconf(_SC_CLK_TCK));
    double sum = 0;
    for (int i = 11; i <= 14; ++i)
        sum += f.at(i).toDouble();
    return sum / ticks;
}

QStringList BenchCluster::savedReport() const
{
    QFile f(reportPath(m_dir));
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    return QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

void BenchCluster::saveReport(const QStringList &lines) const
{
    QFile f(reportPath(m_dir));
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text))
        f.write(lines.join(QLatin1Char('\n')).toUtf8() + '\n');
}

void BenchCluster::forgetReport() const
{
    QFile::remove(reportPath(m_dir));
}

} // namespace compose::bench
