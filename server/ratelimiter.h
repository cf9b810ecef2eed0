#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QString>

#include <array>

namespace compose {

// A token bucket per key (a client address, a token's hash): `burst` requests at once, then
// `perMinute` a minute. One limiter serves every request worker of a process (WorkerPool shares
// the RequestGuard that owns it), so a client gets the limit once, not once per worker thread:
// take() is thread-safe. The keys are spread over kShards shards, each with its own mutex, so
// workers counting different clients rarely wait for each other.
// Memory is bounded: at most maxKeys buckets in all (maxKeys / kShards per shard); when a new
// key would pass its shard's share, the shard's buckets that are full again (idle long enough
// to have forgotten them) go first, then its least recently seen quarter. An evicted key starts
// with a full bucket, which only ever errs towards letting a client through.
class RateLimiter final {
public:
    struct Decision {
        bool allowed = true;
        int retryAfterS = 0; // whole seconds until one request is allowed again (>= 1 when refused)
    };

    RateLimiter(int perMinute, int burst, int maxKeys = 10000);
    Q_DISABLE_COPY_MOVE(RateLimiter)

    // perMinute <= 0 turns the limiter off: every request is allowed.
    bool isEnabled() const { return m_perMinute > 0; }
    Decision take(const QString &key);
    // The same with an explicit clock in milliseconds (tests, and take()).
    Decision take(const QString &key, qint64 nowMs);
    // Buckets held now, over all shards.
    qsizetype keyCount() const;
    // The most buckets this limiter ever holds (maxKeys rounded down to whole shards).
    qsizetype capacity() const { return qsizetype(m_shardKeys) * qsizetype(m_shardCount); }

    static constexpr int kShards = 16;

private:
    struct Bucket {
        double tokens = 0;
        qint64 lastMs = 0;
    };
    struct Shard {
        mutable QMutex mutex;
        QHash<QString, Bucket> buckets;
    };
    void evict(Shard &shard, qint64 nowMs) const;

    int m_perMinute = 0;
    int m_burst = 0;
    // A small maxKeys uses fewer shards so that the bound still holds exactly.
    int m_shardCount = kShards;
    int m_shardKeys = 0;
    size_t m_seed = 0; // per limiter: which shard a key lands in is not predictable from outside
    std::array<Shard, kShards> m_shards;
    QElapsedTimer m_clock; // started in the constructor; elapsed() is safe from any thread
};

} // namespace compose
