#include "jsonbytes.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QVariant>

#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace compose::JsonBytes {

namespace {

char hexDigit(unsigned v)
{
    return char(v < 10 ? '0' + v : 'a' + v - 10);
}

} // namespace

void appendString(QByteArray &out, QStringView text)
{
    // Room for the worst case (six bytes per UTF-16 unit, two quotes) written through a
    // pointer: appending byte by byte to a QByteArray checks for detaching at every byte, and a
    // 600 kB story is 600,000 of them.
    const qsizetype start = out.size();
    out.resize(start + 6 * text.size() + 2);
    char *w = out.data() + start;
    *w++ = '"';
    const char16_t *p = text.utf16();
    const char16_t *const end = p + text.size();
    while (p != end) {
#if defined(__SSE2__)
        // Customer text is mostly plain ASCII: eight units at a time while none of them needs
        // more than its low byte (0x20..0x7f, not " or \), which is most of a long story.
        while (end - p >= 8) {
            const __m128i units = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
            // Signed compares: units from 0x8000 up are negative, so "below 0x20" catches them.
            const __m128i special
                = _mm_or_si128(_mm_or_si128(_mm_cmplt_epi16(units, _mm_set1_epi16(0x20)),
                                            _mm_cmpgt_epi16(units, _mm_set1_epi16(0x7f))),
                               _mm_or_si128(_mm_cmpeq_epi16(units, _mm_set1_epi16('"')),
                                            _mm_cmpeq_epi16(units, _mm_set1_epi16('\\'))));
            if (_mm_movemask_epi8(special) != 0)
                break;
            _mm_storel_epi64(reinterpret_cast<__m128i *>(w), _mm_packus_epi16(units, units));
            p += 8;
            w += 8;
        }
        if (p == end)
            break;
#endif
        const char16_t u = *p++;
        if (u < 0x80) {
            if (u >= 0x20 && u != u'"' && u != u'\\') {
                *w++ = char(u);
                continue;
            }
            *w++ = '\\';
            switch (u) {
            case u'"':
                *w++ = '"';
                break;
            case u'\\':
                *w++ = '\\';
                break;
            case 0x8:
                *w++ = 'b';
                break;
            case 0xc:
                *w++ = 'f';
                break;
            case 0xa:
                *w++ = 'n';
                break;
            case 0xd:
                *w++ = 'r';
                break;
            case 0x9:
                *w++ = 't';
                break;
            default:
                *w++ = 'u';
                *w++ = '0';
                *w++ = '0';
                *w++ = hexDigit(u >> 4);
                *w++ = hexDigit(u & 0xf);
            }
        } else if (u < 0x800) {
            *w++ = char(0xc0 | (u >> 6));
            *w++ = char(0x80 | (u & 0x3f));
        } else if (!QChar::isSurrogate(u)) {
            *w++ = char(0xe0 | (u >> 12));
            *w++ = char(0x80 | ((u >> 6) & 0x3f));
            *w++ = char(0x80 | (u & 0x3f));
        } else if (QChar::isHighSurrogate(u) && p != end && QChar::isLowSurrogate(*p)) {
            const char32_t c = QChar::surrogateToUcs4(u, *p++);
            *w++ = char(0xf0 | (c >> 18));
            *w++ = char(0x80 | ((c >> 12) & 0x3f));
            *w++ = char(0x80 | ((c >> 6) & 0x3f));
            *w++ = char(0x80 | (c & 0x3f));
        } else {
            // Not encodable as UTF-8: Qt writes the unit as an escape (the partner, if any,
            // is looked at on its own).
            *w++ = '\\';
            *w++ = 'u';
            *w++ = hexDigit((u >> 12) & 0xf);
            *w++ = hexDigit((u >> 8) & 0xf);
            *w++ = hexDigit((u >> 4) & 0xf);
            *w++ = hexDigit(u & 0xf);
        }
    }
    *w++ = '"';
    out.resize(w - out.constData());
}

void appendDouble(QByteArray &out, double value)
{
    if (std::isfinite(value))
        out += QByteArray::number(value, 'g', QLocale::FloatingPointShortest);
    else
        out.append(QByteArrayView("null")); // as Qt: RFC 4627 has no infinities or NaN
}

void appendValue(QByteArray &out, const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        out.append(value.toBool() ? QByteArrayView("true") : QByteArrayView("false"));
        return;
    case QJsonValue::Double: {
        // A QJsonValue keeps integers (parsed as such, or made from an int) apart from doubles,
        // and toJson writes them differently (9007199254740993 exactly, a double in its
        // shortest form); toVariant() is the public way to tell them apart.
        const QVariant v = value.toVariant();
        if (v.typeId() == QMetaType::LongLong)
            out += QByteArray::number(v.toLongLong());
        else
            appendDouble(out, value.toDouble());
        return;
    }
    case QJsonValue::String:
        appendString(out, value.toString());
        return;
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        out += '[';
        bool first = true;
        for (const QJsonValue &item : array) {
            if (!first)
                out += ',';
            first = false;
            appendValue(out, item);
        }
        out += ']';
        return;
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        out += '{';
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (it != object.constBegin())
                out += ',';
            appendString(out, it.key());
            out += ':';
            appendValue(out, it.value());
        }
        out += '}';
        return;
    }
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    out.append(QByteArrayView("null"));
}

} // namespace compose::JsonBytes
