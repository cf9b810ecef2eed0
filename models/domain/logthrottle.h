#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QString>

namespace compose {

// Keeps a warning that strangers can cause (a refused request, a rate limit) from filling the
// disk: per kind, the first `perWindow` lines of each window are written, the rest are counted
// and the next written line says how many were left out. 5,000 bad requests write a handful of
// lines, not 5,000 (tst_apihardening counts them). Thread-safe: the mailer thread logs too.
class LogThrottle final {
public:
    explicit LogThrottle(int perWindow = 5, qint64 windowMs = 60000);

    // True when a line of this kind may be written now; *suppressed then holds how many lines
    // of the kind were left out since the last written one (0 mostly).
    bool allow(const QString &kind, qint64 *suppressed);
    bool allow(const QString &kind, qint64 *suppressed, qint64 nowMs);

    // The process's throttle for compose-api's warnings.
    static LogThrottle &shared();

private:
    struct Window {
        qint64 startMs = 0;
        int written = 0;
        qint64 suppressed = 0;
    };
    QMutex m_mutex;
    QHash<QString, Window> m_windows;
    QElapsedTimer m_clock;
    int m_perWindow = 5;
    qint64 m_windowMs = 60000;
};

} // namespace compose
