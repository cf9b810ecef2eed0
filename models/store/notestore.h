#pragma once

#include "formnote.h"

#include <QList>
#include <QSqlDatabase>

namespace compose {

// compose_notes (migration 010): internal notes on a form. compose-api writes them (inside its
// audited staff action), the dashboard reads them for the form's history. Throws DbError.
class NoteStore {
public:
    explicit NoteStore(QSqlDatabase db);

    bool available() const; // false on a schema without the table (seed-only, before 010)
    qint64 add(const QString &formId, int staffId, const QString &staffName, const QString &text,
               const QDateTime &at);
    QList<FormNote> forForm(const QString &formId, int limit = 200); // newest first

private:
    QSqlDatabase m_db;
};

} // namespace compose
