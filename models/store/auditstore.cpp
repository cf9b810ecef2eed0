#include "auditstore.h"

#include "database.h"
#include "jsoncolumn.h"

#include <QSqlQuery>

namespace compose {

AuditStore::AuditStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

void AuditStore::append(const Entry &e) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral(
            "INSERT INTO compose_audit(form_id, staff_id, staff_name, action, request, result, "
            "http_status, created_at) VALUES (:f, :sid, :sn, :a, :req, :res, :st, :now)"));
    q.bindValue(QStringLiteral(":f"),
                e.formId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : e.formId);
    q.bindValue(QStringLiteral(":sid"), e.staffId);
    q.bindValue(QStringLiteral(":sn"), e.staffName);
    q.bindValue(QStringLiteral(":a"), e.action);
    q.bindValue(QStringLiteral(":req"), JsonColumn::write(e.request));
    q.bindValue(QStringLiteral(":res"), JsonColumn::write(e.result));
    q.bindValue(QStringLiteral(":st"), e.httpStatus);
    q.bindValue(QStringLiteral(":now"), Db::timestamp(e.at));
    Db::exec(q);
}

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
