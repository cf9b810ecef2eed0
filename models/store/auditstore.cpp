#include "auditstore.h"

#include "database.h"

namespace compose {

QList<AuditRecord> AuditStore::entries(const QString &formId) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("SELECT id, created_at, staff_name, action, request, result, http_status "
                       "FROM compose_audit WHERE form_id = :f ORDER BY id DESC"));
    q.bindValue(QStringLiteral(":f"), formId);
    Db::exec(q);
    QList<AuditRecord> rows;
    while (q.next())
        rows.append({q.value(0).toLongLong(), Db::readTimestamp(q.value(1)), q.value(2).toString(),
                     q.value(3).toString(), q.value(4).toString(), q.value(5).toString(),
                     q.value(6).toInt()});
    return rows;
}

QList<StatusEvent> AuditStore::statusEvents(const QString &formId) const
{
    QSqlQuery q
        = Db::prepare(m_db,
                      QStringLiteral("SELECT id, old_status, new_status, actor, changed_at FROM "
                                     "compose_form_events WHERE form_id = :f ORDER BY id DESC"));
    q.bindValue(QStringLiteral(":f"), formId);
    Db::exec(q);
    QList<StatusEvent> rows;
    while (q.next())
        rows.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                     q.value(3).toString(), Db::readTimestamp(q.value(4))});
    return rows;
}

} // namespace compose
