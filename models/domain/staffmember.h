#pragma once

#include <QString>

namespace compose {

// One compose_staff account as the API knows it (never its token).
struct StaffMember {
    int id = 0;
    QString name;
    QString role; // "agent" | "admin"
    bool isAdmin() const { return role == QLatin1String("admin"); }
};

} // namespace compose
