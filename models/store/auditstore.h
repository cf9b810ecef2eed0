#pragma once

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace compose {

// A compose_audit row: one staff action attempt and its answer.
struct AuditEntry {
    qint64 id = 0;
    QDateTime at;
    QString staffName;
    QString action;
    QString requestJson;
    QString resultJson;
    int httpStatus = 0;
};

// A compose_form_events row: one status change, written by the trigger.
struct StatusEvent {
    QDateTime at;
    QString from; // null: the form's first status
    QString to;
    QString actor; // null: not named
};

// The form's trail as the staff audit endpoint shows it, newest first.
class AuditStore final {
public:
    explicit AuditStore(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    QList<AuditEntry> entries(const QString &formId) const;
    QList<StatusEvent> statusEvents(const QString &formId) const;

private:
    QSqlDatabase m_db;
};

} // namespace compose
