#include "staffaccounts.h"

#include "database.h"
#include "staffstore.h"

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

QString StaffAccounts::createOrRekey(const QSqlDatabase &db, const QString &name,
                                     const QString &role)
{
    if (!isValidRole(role))
        throw DbError(QStringLiteral("Unknown role \"%1\" (agent or admin).").arg(role));
    if (name.trimmed().isEmpty() || name.size() > 100)
        throw DbError(QStringLiteral("A staff name must be 1 to 100 characters."));
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), raw.size() / 4);
    const QString token = QStringLiteral("cst_") + QString::fromLatin1(raw.toHex());

    StaffStore(db).upsert(name, role, hashToken(token));
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
    return StaffStore(db).byTokenHash(hashToken(token));
}

} // namespace compose
