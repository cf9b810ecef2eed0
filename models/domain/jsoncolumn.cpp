#include "jsoncolumn.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace compose::JsonColumn {

QJsonValue read(const QVariant &v)
{
    if (v.isNull())
        return QJsonValue::Null;
    const QByteArray text = v.toString().toUtf8();
    QJsonParseError err;
    // Wrapped so that scalars parse too.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text + "]", &err);
    if (err.error != QJsonParseError::NoError || doc.array().size() != 1)
        return QJsonValue::Null;
    return doc.array().at(0);
}

QString write(const QJsonValue &v)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

} // namespace compose::JsonColumn
