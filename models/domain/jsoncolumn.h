#pragma once

#include <QJsonValue>
#include <QString>
#include <QVariant>

namespace compose::JsonColumn {

// A JSON column as read from either dialect; the seed's columns may hold anything, so a value
// that does not parse reads as Null.
QJsonValue read(const QVariant &v);
// Compact JSON text of any value (scalars included), as bound to a JSON column.
QString write(const QJsonValue &v);

} // namespace compose::JsonColumn
