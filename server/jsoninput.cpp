#include "jsoninput.h"

#include "apierror.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace compose {

namespace {

// QJsonDocument keeps the last of two equal keys without a word, so {"amount": 1, "amount": null}
// would mean whatever the parser chose. This scanner walks the (already valid) raw body once and
// names the first key that occurs twice in one object, with its path ("formData.theme").
class DuplicateKeyScanner final {
public:
    explicit DuplicateKeyScanner(const QByteArray &body)
        : m_body(body)
    {
    }

    QString firstDuplicate()
    {
        struct Level {
            bool isObject = false;
            bool expectKey = false;
            QString path;
            QString lastKey;
            QSet<QString> keys;
        };
        QList<Level> stack;
        const qsizetype n = m_body.size();
        for (qsizetype i = 0; i < n; ++i) {
            const char c = m_body.at(i);
            if (c == '"') {
                const qsizetype start = i;
                for (++i; i < n && m_body.at(i) != '"'; ++i) {
                    if (m_body.at(i) == '\\')
                        ++i;
                }
                if (!stack.isEmpty() && stack.last().isObject && stack.last().expectKey) {
                    Level &top = stack.last();
                    const QString key = decode(m_body.mid(start, i - start + 1));
                    if (top.keys.contains(key))
                        return top.path.isEmpty() ? key : top.path + QLatin1Char('.') + key;
                    top.keys.insert(key);
                    top.lastKey = key;
                    top.expectKey = false;
                }
            } else if (c == '{' || c == '[') {
                QString path;
                if (!stack.isEmpty()) {
                    const Level &parent = stack.last();
                    const QString part = parent.isObject ? parent.lastKey : QStringLiteral("[]");
                    path = parent.path.isEmpty() ? part : parent.path + QLatin1Char('.') + part;
                }
                stack.append(Level {c == '{', c == '{', path, {}, {}});
            } else if (c == '}' || c == ']') {
                if (!stack.isEmpty())
                    stack.removeLast();
            } else if (c == ',' && !stack.isEmpty() && stack.last().isObject) {
                stack.last().expectKey = true;
            }
        }
        return {};
    }

private:
    static QString decode(const QByteArray &quoted)
    {
        // Keys may be spelled with escapes (a backslash-u escape equals the plain letter): decode
        // as JSON does.
        QByteArray wrapped = QByteArrayLiteral("[");
        wrapped.append(quoted).append(']');
        const QJsonDocument doc = QJsonDocument::fromJson(wrapped);
        return doc.array().isEmpty() ? QString::fromUtf8(quoted) : doc.array().at(0).toString();
    }

    const QByteArray &m_body;
};

} // namespace

JsonInput JsonInput::parse(const QByteArray &body, bool allowEmpty)
{
    if (body.trimmed().isEmpty()) {
        if (allowEmpty)
            return JsonInput(QJsonObject());
        throw ApiError::badRequest(
            QStringLiteral("The request needs a JSON object body."),
            QJsonObject {{QStringLiteral("reason"), QStringLiteral("empty body")}});
    }
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError)
        throw ApiError(400, QStringLiteral("invalid_json"),
                       QStringLiteral("The body is not valid JSON: %1 at offset %2.")
                           .arg(err.errorString())
                           .arg(err.offset),
                       QJsonObject {{QStringLiteral("offset"), err.offset}});
    if (!doc.isObject())
        throw ApiError(400, QStringLiteral("invalid_json"),
                       QStringLiteral("The body must be a JSON object."));
    const QString duplicate = DuplicateKeyScanner(body).firstDuplicate();
    if (!duplicate.isEmpty())
        throw ApiError(
            400, QStringLiteral("duplicate_field"),
            QStringLiteral("The field \"%1\" occurs more than once; give it once.").arg(duplicate),
            QJsonObject {{QStringLiteral("field"), duplicate}});
    requireCleanJson(doc.object());
    return JsonInput(doc.object());
}

void JsonInput::fail(const QString &key, const QString &message)
{
    throw ApiError(400, QStringLiteral("invalid_field"), message,
                   QJsonObject {{QStringLiteral("field"), key}});
}

void JsonInput::allowOnly(const QStringList &allowed) const
{
    QStringList unknown;
    for (auto it = m_object.begin(); it != m_object.end(); ++it) {
        if (!allowed.contains(it.key()))
            unknown << it.key();
    }
    if (!unknown.isEmpty())
        throw ApiError(
            400, QStringLiteral("unknown_field"),
            QStringLiteral("Unknown field(s): %1. Allowed: %2.")
                .arg(unknown.join(QStringLiteral(", ")), allowed.join(QStringLiteral(", "))),
            QJsonObject {{QStringLiteral("field"), unknown.first()},
                         {QStringLiteral("fields"), QJsonArray::fromStringList(unknown)}});
}

QJsonValue JsonInput::required(const QString &key, const char *type) const
{
    if (!m_object.contains(key) || m_object.value(key).isNull())
        throw ApiError(
            400, QStringLiteral("missing_field"),
            QStringLiteral("The field \"%1\" (%2) is required.").arg(key, QLatin1String(type)),
            QJsonObject {{QStringLiteral("field"), key}});
    return m_object.value(key);
}

QString JsonInput::requireString(const QString &key, int maxLength) const
{
    const QJsonValue v = required(key, "string");
    if (!v.isString())
        fail(key, QStringLiteral("The field \"%1\" must be a string.").arg(key));
    const QString s = v.toString();
    if (s.trimmed().isEmpty())
        fail(key, QStringLiteral("The field \"%1\" must not be empty.").arg(key));
    if (s.size() > maxLength)
        fail(key,
             QStringLiteral("The field \"%1\" is longer than %2 characters.")
                 .arg(key)
                 .arg(maxLength));
    return s;
}

bool JsonInput::absent(const QString &key) const
{
    if (!m_object.contains(key))
        return true;
    // An explicit null is not "left out": {"amount": null} must not mean "the default" (for a
    // refund: everything), so it is refused like any other wrong type.
    if (m_object.value(key).isNull())
        fail(key,
             QStringLiteral("The field \"%1\" must not be null; leave it out instead.").arg(key));
    return false;
}

std::optional<QString> JsonInput::optionalString(const QString &key, int maxLength) const
{
    if (absent(key))
        return std::nullopt;
    return requireString(key, maxLength);
}

bool JsonInput::isInteger(const QJsonValue &v, qint64 min, qint64 max)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return std::isfinite(d) && std::floor(d) == d && d >= double(min) && d <= double(max);
}

qint64 JsonInput::requireInt(const QString &key, qint64 min, qint64 max) const
{
    const QJsonValue v = required(key, "integer");
    if (!isInteger(v, min, max))
        fail(key,
             QStringLiteral("The field \"%1\" must be an integer from %2 to %3.")
                 .arg(key)
                 .arg(min)
                 .arg(max));
    return qint64(v.toDouble());
}

std::optional<qint64> JsonInput::optionalInt(const QString &key, qint64 min, qint64 max) const
{
    if (absent(key))
        return std::nullopt;
    return requireInt(key, min, max);
}

std::optional<bool> JsonInput::optionalBool(const QString &key) const
{
    if (absent(key))
        return std::nullopt;
    const QJsonValue v = m_object.value(key);
    if (!v.isBool())
        fail(key, QStringLiteral("The field \"%1\" must be true or false.").arg(key));
    return v.toBool();
}

QJsonObject JsonInput::requireObject(const QString &key) const
{
    const QJsonValue v = required(key, "object");
    if (!v.isObject())
        fail(key, QStringLiteral("The field \"%1\" must be a JSON object.").arg(key));
    return v.toObject();
}

std::optional<QJsonObject> JsonInput::optionalObject(const QString &key) const
{
    if (absent(key))
        return std::nullopt;
    return requireObject(key);
}

QJsonArray JsonInput::requireArray(const QString &key) const
{
    const QJsonValue v = required(key, "array");
    if (!v.isArray())
        fail(key, QStringLiteral("The field \"%1\" must be a JSON array.").arg(key));
    return v.toArray();
}

bool JsonInput::isEmail(const QString &text)
{
    static const QRegularExpression re(
        QStringLiteral("^[^@\\s<>\"',;]+@[^@\\s<>\"',;]+\\.[^@\\s<>\"',;.]+$"));
    if (text.size() > 254 || !textProblem(text).isEmpty())
        return false;
    for (const QChar c : text) {
        // Bidi controls (U+202A..U+202E, U+2066..U+2069, U+200E/F, U+061C) make an address
        // read differently from what it is ("moc.liame@…" shown as "…@email.com"), and
        // Format characters (zero-width joiners, soft hyphens) hide characters; no mailbox
        // needs them.
        if (c.category() == QChar::Other_Format || c.category() == QChar::Other_Control)
            return false;
    }
    return re.match(text).hasMatch();
}

QString JsonInput::textProblem(const QString &text)
{
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = text.at(i).unicode();
        if (c == 0)
            return QStringLiteral("contains a NUL character (U+0000)");
        if (QChar::isHighSurrogate(c)) {
            if (i + 1 < n && QChar::isLowSurrogate(text.at(i + 1).unicode())) {
                ++i;
                continue;
            }
            return QStringLiteral("contains a lone surrogate (U+%1), which is not Unicode text")
                .arg(QString::number(uint(c), 16).toUpper());
        }
        if (QChar::isLowSurrogate(c))
            return QStringLiteral("contains a lone surrogate (U+%1), which is not Unicode text")
                .arg(QString::number(uint(c), 16).toUpper());
        if ((c < 0x20 && c != u'\t' && c != u'\n' && c != u'\r') || (c >= 0x7f && c <= 0x9f))
            return QStringLiteral("contains a control character (U+%1)")
                .arg(QString::number(uint(c), 16).toUpper().rightJustified(4, QLatin1Char('0')));
        if (c == 0xfffe || c == 0xffff)
            return QStringLiteral("contains a noncharacter (U+%1)")
                .arg(QString::number(uint(c), 16).toUpper());
    }
    return {};
}

void JsonInput::requireCleanText(const QString &field, const QString &text)
{
    const QString problem = textProblem(text);
    if (!problem.isEmpty())
        fail(field, QStringLiteral("The field \"%1\" %2.").arg(field, problem));
}

void JsonInput::requireCleanJson(const QJsonValue &value, const QString &path)
{
    if (value.isString()) {
        requireCleanText(path, value.toString());
    } else if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            requireCleanJson(a.at(i),
                             path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']'));
    } else if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString key = path.isEmpty() ? it.key() : path + QLatin1Char('.') + it.key();
            // A key is named by its scrubbed self: the raw one is what cannot be shown.
            if (!textProblem(it.key()).isEmpty())
                fail(scrubbed(key),
                     QStringLiteral("The field name \"%1\" %2.")
                         .arg(scrubbed(key), textProblem(it.key())));
            requireCleanJson(it.value(), key);
        }
    }
}

QString JsonInput::scrubbed(const QString &text)
{
    QString out;
    out.reserve(text.size());
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && i + 1 < n && text.at(i + 1).isLowSurrogate()) {
            out.append(c).append(text.at(++i));
            continue;
        }
        out.append(textProblem(QString(c)).isEmpty() ? c : QChar(QChar::ReplacementCharacter));
    }
    return out;
}

QJsonValue JsonInput::scrubbed(const QJsonValue &value)
{
    if (value.isString())
        return scrubbed(value.toString());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue &v : value.toArray())
            out.append(scrubbed(v));
        return out;
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(scrubbed(it.key()), scrubbed(it.value()));
        return out;
    }
    return value;
}

bool JsonInput::isSafeId(const QString &text, int maxLength)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.:-]+$"));
    return !text.isEmpty() && text.size() <= maxLength && re.match(text).hasMatch();
}

} // namespace compose
