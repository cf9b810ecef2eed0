#pragma once

#include "staffmember.h"

#include <QSqlDatabase>

#include <optional>

namespace compose {

// compose_staff's row reader and writer. Tokens exist here only as their SHA-256 hex digest.
// Throws DbError.
class StaffStore final {
public:
    explicit StaffStore(QSqlDatabase db);

    // Creates the account `name`, or gives the existing one this role and token hash and
    // enables it again, in one transaction of its own.
    void upsert(const QString &name, const QString &role, const QString &tokenHash) const;
    // The enabled account holding this token hash.
    std::optional<StaffMember> byTokenHash(const QString &tokenHash) const;

private:
    QSqlDatabase m_db;
};

} // namespace compose
