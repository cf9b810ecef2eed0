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

} // namespace compose
