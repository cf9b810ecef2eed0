#include "jobleasestore.h"

#include "database.h"

namespace compose {

namespace {
// The advisory lock's key: "compose-jobs" in ASCII, fitting in 32 bits so pg_locks shows it
// as objid with classid 0.
constexpr qint64 kJobsLock = 0x636f6a62;
} // namespace

JobLeaseStore::JobLeaseStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

bool JobLeaseStore::holdOrTake() const
{
    if (Db::dialect(m_db) != SqlDialect::PostgreSQL)
        return true;
    // CASE fixes the order: pg_try_advisory_lock runs only when this session does not hold
    // the lock yet (each successful call would stack another lock level).
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' "
            "AND pid = pg_backend_pid() AND classid = 0 AND objid::bigint = :key1 "
            "AND objsubid = 1 AND granted) THEN true ELSE pg_try_advisory_lock(:key2) END"));
    q.bindValue(QStringLiteral(":key1"), kJobsLock);
    q.bindValue(QStringLiteral(":key2"), kJobsLock);
    Db::exec(q);
    return q.next() && q.value(0).toBool();
}

} // namespace compose
