#include "findingstore.h"

#include "database.h"

namespace compose {

namespace {

const QString kColumns = QStringLiteral(
    "SELECT id, kind, form_id, stripe_object_id, payment_intent, detail, found_at, resolved_at, "
    "resolution, resolved_by, note FROM compose_reconciliation_findings ");

Finding findingFrom(const QSqlQuery &q)
{
    Finding f;
    f.id = q.value(0).toLongLong();
    f.kind = q.value(1).toString();
    f.formId = q.value(2).toString();
    f.stripeObjectId = q.value(3).toString();
    f.paymentIntent = q.value(4).toString();
    f.detailJson = q.value(5).toString();
    f.foundAt = Db::readTimestamp(q.value(6));
    f.resolvedAt = q.value(7).isNull() ? QDateTime() : Db::readTimestamp(q.value(7));
    f.resolution = q.value(8).toString();
    f.resolvedBy = q.value(9).toString();
    f.note = q.value(10).toString();
    return f;
}

} // namespace

bool FindingStore::available() const
{
    return Db::hasTable(m_db, QStringLiteral("compose_reconciliation_findings"));
}

QList<Finding> FindingStore::list(bool openOnly, const QString &formId, int limit) const
{
    QList<Finding> out;
    QStringList where;
    if (openOnly)
        where << QStringLiteral("resolved_at IS NULL");
    if (!formId.isEmpty())
        where << QStringLiteral("form_id = :f");
    QString sql = kColumns;
    if (!where.isEmpty())
        sql += QStringLiteral("WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY id LIMIT :lim");
    QSqlQuery q = Db::prepare(m_db, sql);
    if (!formId.isEmpty())
        q.bindValue(QStringLiteral(":f"), formId);
    q.bindValue(QStringLiteral(":lim"), qBound(1, limit, 1000));
    Db::exec(q);
    while (q.next())
        out.append(findingFrom(q));
    return out;
}

std::optional<Finding> FindingStore::find(qint64 id, bool forUpdate) const
{
    QString sql = kColumns + QStringLiteral("WHERE id = :id");
    if (forUpdate && Db::dialect(m_db) == SqlDialect::PostgreSQL)
        sql += QStringLiteral(" FOR UPDATE");
    QSqlQuery q = Db::prepare(m_db, sql);
    q.bindValue(QStringLiteral(":id"), id);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    return findingFrom(q);
}

} // namespace compose
