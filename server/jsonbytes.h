#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringView>

namespace compose {

// JSON written straight to bytes, the same bytes QJsonDocument::toJson(Compact) writes for the
// same values (tests/tst_formanswer.cpp compares them on odd text and numbers). Qt's way costs a
// form answer two thirds of its CPU: every QJsonObject initializer list converts each key and
// value to CBOR, and toJson walks that tree again. Keys and values are appended in the order the
// caller gives; Qt's objects are sorted by key, so callers write their keys sorted.
namespace JsonBytes {

// "text" with Qt's escapes: \" \\ \b \f \n \r \t, other controls as \u00XX, UTF-8 for the
// rest, and a surrogate without its partner as \uXXXX (lower-case hex).
void appendString(QByteArray &out, QStringView text);
// Any QJsonValue as toJson writes it (objects in their stored, sorted order; integers as
// integers, doubles in the shortest form, non-finite as null, undefined as null).
void appendValue(QByteArray &out, const QJsonValue &value);
// A double as toJson writes a QJsonValue(double): shortest 'g' form, null when not finite.
void appendDouble(QByteArray &out, double value);

} // namespace JsonBytes

} // namespace compose
