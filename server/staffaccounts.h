#pragma once

#include "staffmember.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace compose {

// compose_staff: bearer tokens are shown once and kept only as SHA-256.
class StaffAccounts {
public:
    static bool isValidRole(const QString &role);
    static QString hashToken(const QString &token);
    // Creates the account, or gives an existing one a new token and role (the old token stops
    // working). Returns the new token. Throws DbError.
    static QString createOrRekey(const QSqlDatabase &db, const QString &name, const QString &role);
    // From an Authorization header value "Bearer <token>"; nullopt when absent, unknown or
    // disabled.
    static std::optional<StaffMember> authenticate(const QSqlDatabase &db,
                                                   const QByteArray &authorization);
};

} // namespace compose
