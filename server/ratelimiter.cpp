#include "ratelimiter.h"

#include <algorithm>
#include <cmath>

namespace compose {

RateLimiter::RateLimiter(int perMinute, int burst, int maxKeys)
    : m_perMinute(perMinute)
    , m_burst(qMax(1, burst))
    , m_maxKeys(qMax(1, maxKeys))
{
    m_clock.start();
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
    auto it = m_buckets.find(key);
    if (it == m_buckets.end()) {
        if (m_buckets.size() >= m_maxKeys)
            evict(nowMs);
        it = m_buckets.insert(key, Bucket {double(m_burst), nowMs});
    }
    Bucket &b = *it;
    b.tokens = qMin(double(m_burst), b.tokens + double(qMax<qint64>(0, nowMs - b.lastMs)) * perMs);
    b.lastMs = nowMs;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        return {};
    }
    const double waitMs = (1.0 - b.tokens) / perMs;
    return {false, qMax(1, int(std::ceil(waitMs / 1000.0)))};
}

void RateLimiter::evict(qint64 nowMs)
{
    // Full again: the key's history no longer matters, forgetting it changes nothing.
    const double perMs = m_perMinute / 60000.0;
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (it->tokens + double(nowMs - it->lastMs) * perMs >= m_burst)
            it = m_buckets.erase(it);
        else
            ++it;
    }
    if (m_buckets.size() < m_maxKeys)
        return;
    // Everyone is busy (a flood of distinct keys): drop the least recently seen quarter at once,
    // so the sort runs once per maxKeys/4 new keys rather than on every request.
    QList<qint64> seen;
    seen.reserve(m_buckets.size());
    for (const Bucket &b : std::as_const(m_buckets))
        seen.append(b.lastMs);
    const qsizetype cut = qMax<qsizetype>(1, seen.size() / 4);
    std::nth_element(seen.begin(), seen.begin() + (cut - 1), seen.end());
    const qint64 threshold = seen.at(cut - 1);
    qsizetype dropped = 0;
    for (auto it = m_buckets.begin(); it != m_buckets.end() && dropped < cut;) {
        if (it->lastMs <= threshold) {
            it = m_buckets.erase(it);
            ++dropped;
        } else {
            ++it;
        }
    }
}

} // namespace compose
