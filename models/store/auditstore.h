#pragma once

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include "formtypes.h" // StatusEvent

namespace compose {

// A compose_audit row: one staff action attempt and its answer.
struct AuditRecord {
    qint64 id = 0;
    QDateTime at;
    QString staffName;
    QString action;
    QString requestJson;
    QString resultJson;
    int httpStatus = 0;
};

// The form's trail as the staff audit endpoint shows it, newest first.
class AuditStore final {
public:
    explicit AuditStore(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    QList<AuditRecord> entries(const QString &formId) const;
    // Newest first; fromStatus and actor are null where the row has none.
    QList<StatusEvent> statusEvents(const QString &formId) const;

private:
    QSqlDatabase m_db;
};

} // namespace compose
