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
    return text.size() <= 254 && re.match(text).hasMatch();
}

bool JsonInput::isSafeId(const QString &text, int maxLength)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_.:-]+$"));
    return !text.isEmpty() && text.size() <= maxLength && re.match(text).hasMatch();
}

} // namespace compose
