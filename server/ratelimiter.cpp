#include "ratelimiter.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace compose {

RateLimiter::RateLimiter(int perMinute, int burst, int maxKeys)
    : m_perMinute(perMinute)
    , m_burst(qMax(1, burst))
    , m_shardCount(qBound(1, maxKeys, kShards))
    , m_shardKeys(qMax(1, maxKeys) / qBound(1, maxKeys, kShards))
    , m_seed(size_t(QRandomGenerator::global()->generate64()))
{
    m_clock.start();
}

qsizetype RateLimiter::keyCount() const
{
    qsizetype n = 0;
    for (int i = 0; i < m_shardCount; ++i) {
        const QMutexLocker lock(&m_shards[size_t(i)].mutex);
        n += m_shards[size_t(i)].buckets.size();
    }
    return n;
}

RateLimiter::Decision RateLimiter::take(const QString &key)
{
    return take(key, m_clock.elapsed());
}

RateLimiter::Decision RateLimiter::take(const QString &key, qint64 nowMs)
{
    if (!isEnabled())
        return {};
    const double perMs = m_perMinute / 60000.0;
    Shard &shard = m_shards[qHash(key, m_seed) % size_t(m_shardCount)];
    const QMutexLocker lock(&shard.mutex);
    auto it = shard.buckets.find(key);
    if (it == shard.buckets.end()) {
        if (shard.buckets.size() >= m_shardKeys)
            evict(shard, nowMs);
        it = shard.buckets.insert(key, Bucket {double(m_burst), nowMs});
    }
    Bucket &b = *it;
    // Workers read the clock before taking the lock, so a later request may carry an earlier
    // time: never let the bucket's clock run backwards (that would refill it twice).
    if (nowMs > b.lastMs) {
        b.tokens = qMin(double(m_burst), b.tokens + double(nowMs - b.lastMs) * perMs);
        b.lastMs = nowMs;
    }
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return {};
    }
    const double waitMs = (1.0 - b.tokens) / perMs;
    return {false, qMax(1, int(std::ceil(waitMs / 1000.0)))};
}

void RateLimiter::evict(Shard &shard, qint64 nowMs) const
{
    // Full again: the key's history no longer matters, forgetting it changes nothing.
    const double perMs = m_perMinute / 60000.0;
    auto &buckets = shard.buckets;
    for (auto it = buckets.begin(); it != buckets.end();) {
        if (it->tokens + double(nowMs - it->lastMs) * perMs >= m_burst)
            it = buckets.erase(it);
        else
            ++it;
    }
    if (buckets.size() < m_shardKeys)
        return;
    // Everyone is busy (a flood of distinct keys): drop the least recently seen quarter at once,
    // so the selection runs once per maxKeys/4 new keys rather than on every request.
    QList<qint64> seen;
    seen.reserve(buckets.size());
    for (const Bucket &b : std::as_const(buckets))
        seen.append(b.lastMs);
    const qsizetype cut = qMax<qsizetype>(1, seen.size() / 4);
    std::nth_element(seen.begin(), seen.begin() + (cut - 1), seen.end());
    const qint64 threshold = seen.at(cut - 1);
    qsizetype dropped = 0;
    for (auto it = buckets.begin(); it != buckets.end() && dropped < cut;) {
        if (it->lastMs <= threshold) {
            it = buckets.erase(it);
            ++dropped;
        } else {
            ++it;
        }
    }
}

} // namespace compose
