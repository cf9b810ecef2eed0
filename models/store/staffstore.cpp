#include "staffstore.h"

#include "database.h"

#include <QSqlQuery>

namespace compose {

StaffStore::StaffStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

void StaffStore::upsert(const QString &name, const QString &role, const QString &tokenHash) const
{
    Db::Transaction tx(m_db);
    QSqlQuery find
        = Db::prepare(m_db, QStringLiteral("SELECT id FROM compose_staff WHERE name = :n"));
    find.bindValue(QStringLiteral(":n"), name);
    Db::exec(find);
    QSqlQuery q = find.next()
        ? Db::prepare(m_db,
                      QStringLiteral("UPDATE compose_staff SET role = :r, token_hash = :h, "
                                     "disabled_at = NULL WHERE name = :n"))
        : Db::prepare(m_db,
                      QStringLiteral("INSERT INTO compose_staff(name, role, token_hash) "
                                     "VALUES (:n, :r, :h)"));
    q.bindValue(QStringLiteral(":n"), name);
    q.bindValue(QStringLiteral(":r"), role);
    q.bindValue(QStringLiteral(":h"), tokenHash);
    Db::exec(q);
    tx.commit();
}

std::optional<StaffMember> StaffStore::byTokenHash(const QString &tokenHash) const
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("SELECT id, name, role FROM compose_staff "
                                             "WHERE token_hash = :h AND disabled_at IS NULL"));
    q.bindValue(QStringLiteral(":h"), tokenHash);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    return StaffMember {q.value(0).toInt(), q.value(1).toString(), q.value(2).toString()};
}

} // namespace compose
