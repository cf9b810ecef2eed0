#pragma once

#include "formtypes.h" // StatusEvent

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace compose {

// A compose_audit row as read back: one staff action attempt and its answer.
struct AuditRecord {
    qint64 id = 0;
    QDateTime at;
    QString staffName;
    QString action;
    QString requestJson;
    QString resultJson;
    int httpStatus = 0;
};

// compose_audit's one writer and reader, and the form's status events for the staff audit
// endpoint. Runs on the caller's connection and transaction; throws DbError.
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

    // The form's trail, newest first.
    QList<AuditRecord> entries(const QString &formId) const;
    // Newest first; fromStatus and actor are null where the row has none.
    QList<StatusEvent> statusEvents(const QString &formId) const;

private:
    QSqlDatabase m_db;
};

} // namespace compose
