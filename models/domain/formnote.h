#pragma once

#include <QDateTime>
#include <QString>

namespace compose {

// An internal note on a form (compose_notes, migration 010), written through compose-api by a
// staff member. Plain text, at most MaxLength characters.
struct FormNote {
    static constexpr int MaxLength = 2000;
    qint64 id = 0;
    QString formId;
    QString staff;
    QString text;
    QDateTime at; // UTC
};

} // namespace compose
