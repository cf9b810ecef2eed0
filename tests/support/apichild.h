#pragma once

#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace compose::test {

// compose-api as a child process (the binary next to the tests), started with the given
// arguments on top of --database-url and --port 0; base() is where its log says it listens.
// Killed (SIGKILL) in the destructor if still running.
class ApiChild final {
public:
    ApiChild() = default;
    ~ApiChild();
    ApiChild(const ApiChild &) = delete;
    ApiChild &operator=(const ApiChild &) = delete;

    static QString binary();
    bool start(const QString &databaseUrl, const QStringList &extraArgs, QString *error,
               const QProcessEnvironment &extraEnv = {});
    QUrl base() const { return m_base; }
    qint64 pid() const { return m_proc.processId(); }
    // Everything it logged so far (reads what is pending first).
    QByteArray output();
    void kill();
    // Resident and peak resident memory in kB from /proc/<pid>/status (-1: unreadable).
    qint64 rssKb() const { return statusKb("VmRSS:"); }
    qint64 peakRssKb() const { return statusKb("VmHWM:"); }

private:
    qint64 statusKb(const QByteArray &field) const;
    QProcess m_proc;
    QUrl m_base;
    QByteArray m_out;
};

} // namespace compose::test
