#include "staffaccounts.h"

#include "database.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace compose {

bool StaffAccounts::isValidRole(const QString &role)
{
    return role == QLatin1String("agent") || role == QLatin1String("admin");
}

QString StaffAccounts::hashToken(const QString &token)
{
    return QString::fromLatin1(
            QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

QString StaffAccounts::createOrRekey(const QSqlDatabase &db, const QString &name, const QString &role)
{
    if (!isValidRole(role))
        throw DbError(QStringLiteral("Unknown role \"%1\" (agent or admin).").arg(role));
    if (name.trimmed().isEmpty() || name.size() > 100)
        throw DbError(QStringLiteral("A staff name must be 1 to 100 characters."));
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), raw.size() / 4);
    const QString token = QStringLiteral("cst_") + QString::fromLatin1(raw.toHex());

    Db::Transaction tx(db);
    QSqlQuery find = Db::prepare(db, QStringLiteral("SELECT id FROM compose_staff WHERE name = :n"));
    find.bindValue(QStringLiteral(":n"), name);
    Db::exec(find);
    QSqlQuery q = find.next()
            ? Db::prepare(db, QStringLiteral("UPDATE compose_staff SET role = :r, token_hash = :h, "
                                             "disabled_at = NULL WHERE name = :n"))
            : Db::prepare(db, QStringLiteral("INSERT INTO compose_staff(name, role, token_hash) "
                                             "VALUES (:n, :r, :h)"));
    q.bindValue(QStringLiteral(":n"), name);
    q.bindValue(QStringLiteral(":r"), role);
    q.bindValue(QStringLiteral(":h"), hashToken(token));
    Db::exec(q);
    tx.commit();
    return token;
}

std::optional<StaffMember> StaffAccounts::authenticate(const QSqlDatabase &db,
                                                       const QByteArray &authorization)
{
    const QByteArray value = authorization.trimmed();
    if (!value.startsWith("Bearer ") && !value.startsWith("bearer "))
        return std::nullopt;
    const QString token = QString::fromLatin1(value.mid(7).trimmed());
    if (token.isEmpty() || token.size() > 200)
        return std::nullopt;
    QSqlQuery q = Db::prepare(db, QStringLiteral("SELECT id, name, role FROM compose_staff "
                                                 "WHERE token_hash = :h AND disabled_at IS NULL"));
    q.bindValue(QStringLiteral(":h"), hashToken(token));
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    return StaffMember{q.value(0).toInt(), q.value(1).toString(), q.value(2).toString()};
}

} // namespace compose
