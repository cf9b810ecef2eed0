#include "idempotencystore.h"

#include "database.h"

namespace compose {

bool IdempotencyStore::claim(int staffId, const QString &key, const QString &method,
                             const QString &path, const QString &requestHash, const QDateTime &now)
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("INSERT INTO compose_idempotency(staff_id, idem_key, method, path, "
                       "request_hash, created_at, claimed_at) "
                       "VALUES (:s, :k, :m, :p, :h, :now, :now2) ON CONFLICT DO NOTHING"));
    q.bindValue(QStringLiteral(":s"), staffId);
    q.bindValue(QStringLiteral(":k"), key);
    q.bindValue(QStringLiteral(":m"), method);
    q.bindValue(QStringLiteral(":p"), path);
    q.bindValue(QStringLiteral(":h"), requestHash);
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":now2"), Db::timestamp(now));
    Db::exec(q);
    return q.numRowsAffected() != 0;
}

std::optional<IdempotencyRecord> IdempotencyStore::find(int staffId, const QString &key) const
{
    QSqlQuery q
        = Db::prepare(m_db,
                      QStringLiteral("SELECT request_hash, response_status, response_body FROM "
                                     "compose_idempotency WHERE staff_id = :s AND idem_key = :k"));
    q.bindValue(QStringLiteral(":s"), staffId);
    q.bindValue(QStringLiteral(":k"), key);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    IdempotencyRecord r;
    r.requestHash = q.value(0).toString();
    if (!q.value(1).isNull())
        r.responseStatus = q.value(1).toInt();
    r.responseBody = q.value(2).toString().toUtf8();
    return r;
}

bool IdempotencyStore::takeOver(int staffId, const QString &key, const QDateTime &now,
                                const QDateTime &cutoff)
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("UPDATE compose_idempotency SET claimed_at = :now "
                                             "WHERE staff_id = :s AND idem_key = :k "
                                             "AND response_status IS NULL AND (claimed_at IS "
                                             "NULL OR claimed_at < :cutoff)"));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":s"), staffId);
    q.bindValue(QStringLiteral(":k"), key);
    q.bindValue(QStringLiteral(":cutoff"), Db::timestamp(cutoff));
    Db::exec(q);
    return q.numRowsAffected() == 1;
}

void IdempotencyStore::release(int staffId, const QString &key)
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("UPDATE compose_idempotency SET claimed_at = NULL "
                                             "WHERE staff_id = :s AND idem_key = :k "
                                             "AND response_status IS NULL"));
    q.bindValue(QStringLiteral(":s"), staffId);
    q.bindValue(QStringLiteral(":k"), key);
    Db::exec(q);
}

void IdempotencyStore::storeAnswer(int staffId, const QString &key, int status,
                                   const QByteArray &body)
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("UPDATE compose_idempotency SET response_status = "
                                             ":st, response_body = :b, claimed_at = NULL "
                                             "WHERE staff_id = :s AND idem_key = :k"));
    q.bindValue(QStringLiteral(":st"), status);
    q.bindValue(QStringLiteral(":b"), QString::fromUtf8(body));
    q.bindValue(QStringLiteral(":s"), staffId);
    q.bindValue(QStringLiteral(":k"), key);
    Db::exec(q);
}

} // namespace compose
