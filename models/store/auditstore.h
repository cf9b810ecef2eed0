#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>

namespace compose {

// compose_audit's row writer: one row per staff action, what was asked and what came of it.
// Runs on the caller's connection and transaction; throws DbError.
class AuditStore final {
public:
    explicit AuditStore(QSqlDatabase db);

    struct Entry {
        QString formId; // empty: the action concerns no single form
        int staffId = 0;
        QString staffName;
        QString action;
        QJsonObject request;
        QJsonObject result;
        int httpStatus = 0;
        QDateTime at;
    };
    void append(const Entry &entry) const;

private:
    QSqlDatabase m_db;
};

} // namespace compose
