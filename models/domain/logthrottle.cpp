#include "logthrottle.h"

namespace compose {

LogThrottle::LogThrottle(int perWindow, qint64 windowMs)
    : m_perWindow(qMax(1, perWindow))
    , m_windowMs(qMax<qint64>(1, windowMs))
{
    m_clock.start();
}

bool LogThrottle::allow(const QString &kind, qint64 *suppressed)
{
    return allow(kind, suppressed, m_clock.elapsed());
}

bool LogThrottle::allow(const QString &kind, qint64 *suppressed, qint64 nowMs)
{
    const QMutexLocker lock(&m_mutex);
    // Kinds are a few fixed names chosen by the code, never client text: the hash stays small.
    Window &w = m_windows[kind];
    if (w.written == 0 && w.suppressed == 0 && w.startMs == 0)
        w.startMs = nowMs;
    if (nowMs - w.startMs >= m_windowMs) {
        w.startMs = nowMs;
        w.written = 0;
    }
    if (w.written >= m_perWindow) {
        ++w.suppressed;
        *suppressed = 0;
        return false;
    }
    ++w.written;
    *suppressed = w.suppressed;
    w.suppressed = 0;
    return true;
}

LogThrottle &LogThrottle::shared()
{
    static LogThrottle throttle;
    return throttle;
}

} // namespace compose
