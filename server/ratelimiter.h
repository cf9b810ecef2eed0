#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QString>

namespace compose {

// A token bucket per key (a client address, a token's hash): `burst` requests at once, then
// `perMinute` a minute. Memory is bounded: at most maxKeys buckets; when a new key would pass
// that, the buckets that are full again (idle long enough to have forgotten them) go first, then
// the least recently seen. An evicted key starts with a full bucket, which only ever errs
// towards letting a client through. One thread at a time (the server's); not locked.
class RateLimiter final {
public:
    struct Decision {
        bool allowed = true;
        int retryAfterS = 0; // whole seconds until one request is allowed again (>= 1 when refused)
    };

    RateLimiter(int perMinute, int burst, int maxKeys = 10000);

    // perMinute <= 0 turns the limiter off: every request is allowed.
    bool isEnabled() const { return m_perMinute > 0; }
    Decision take(const QString &key);
    // The same with an explicit clock in milliseconds (tests, and take()).
    Decision take(const QString &key, qint64 nowMs);
    qsizetype keyCount() const { return m_buckets.size(); }

private:
    struct Bucket {
        double tokens = 0;
        qint64 lastMs = 0;
    };
    void evict(qint64 nowMs);

    int m_perMinute = 0;
    int m_burst = 0;
    int m_maxKeys = 0;
    QHash<QString, Bucket> m_buckets;
    QElapsedTimer m_clock;
};

} // namespace compose
