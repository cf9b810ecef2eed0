#include "notestore.h"

#include "database.h"

#include <QSqlQuery>
#include <QVariant>

namespace compose {

NoteStore::NoteStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

bool NoteStore::available() const
{
    return Db::hasTable(m_db, QStringLiteral("compose_notes"));
}

qint64 NoteStore::add(const QString &formId, int staffId, const QString &staffName,
                      const QString &text, const QDateTime &at)
{
    const bool pg = Db::dialect(m_db) == SqlDialect::PostgreSQL;
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("INSERT INTO compose_notes(form_id, staff_id, staff_name, body, "
                       "created_at) VALUES (:form, :staff, :name, :body, :at)")
            + (pg ? QStringLiteral(" RETURNING id") : QString()));
    q.bindValue(QStringLiteral(":form"), formId);
    q.bindValue(QStringLiteral(":staff"), staffId);
    q.bindValue(QStringLiteral(":name"), staffName);
    q.bindValue(QStringLiteral(":body"), text);
    q.bindValue(QStringLiteral(":at"), Db::timestamp(at));
    Db::exec(q);
    if (pg)
        return q.next() ? q.value(0).toLongLong() : 0;
    return q.lastInsertId().toLongLong();
}

QList<FormNote> NoteStore::forForm(const QString &formId, int limit)
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("SELECT id, form_id, staff_name, body, created_at "
                                             "FROM compose_notes WHERE form_id = :form "
                                             "ORDER BY id DESC LIMIT :limit"));
    q.bindValue(QStringLiteral(":form"), formId);
    q.bindValue(QStringLiteral(":limit"), limit);
    Db::exec(q);
    QList<FormNote> out;
    while (q.next()) {
        FormNote n;
        n.id = q.value(0).toLongLong();
        n.formId = q.value(1).toString();
        n.staff = q.value(2).toString();
        n.text = q.value(3).toString();
        n.at = Db::readTimestamp(q.value(4));
        out.append(n);
    }
    return out;
}

} // namespace compose
