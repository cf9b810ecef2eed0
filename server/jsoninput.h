#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>

#include <optional>

namespace compose {

// Strict reading of a JSON request body: every refusal is an ApiError(400) that names the
// field (details.field) and what was expected, so a client learns exactly what to fix. The one
// layer every route reads through: parse() refuses a key given twice in any object, and the
// optional*() readers refuse an explicit null (a field that may be left out must be left out).
// tst_openapi checks every route against the types in docs/api.yaml.
class JsonInput {
public:
    // Parses an object body; an empty body counts as {} only when allowEmpty.
    static JsonInput parse(const QByteArray &body, bool allowEmpty = false);
    explicit JsonInput(QJsonObject object)
        : m_object(std::move(object))
    {
    }

    // Refuses any key not in allowed, naming them all.
    void allowOnly(const QStringList &allowed) const;

    bool has(const QString &key) const { return m_object.contains(key); }
    bool isNull(const QString &key) const { return m_object.value(key).isNull(); }
    const QJsonObject &object() const { return m_object; }

    QString requireString(const QString &key, int maxLength = 10000) const;
    std::optional<QString> optionalString(const QString &key, int maxLength = 10000) const;
    qint64 requireInt(const QString &key, qint64 min, qint64 max) const;
    std::optional<qint64> optionalInt(const QString &key, qint64 min, qint64 max) const;
    std::optional<bool> optionalBool(const QString &key) const;
    QJsonObject requireObject(const QString &key) const;
    std::optional<QJsonObject> optionalObject(const QString &key) const;
    QJsonArray requireArray(const QString &key) const;

    static bool isInteger(const QJsonValue &v, qint64 min, qint64 max);
    // No bidi controls, control characters or lone surrogates, at most 254 characters.
    static bool isEmail(const QString &text);
    static bool isSafeId(const QString &text, int maxLength = 128);
    [[noreturn]] static void fail(const QString &key, const QString &message);

    // Why client text cannot be stored, or an empty string when it can: U+0000 (PostgreSQL's
    // text and JSONB refuse it, which used to be a 500), other C0/C1 control characters (tab,
    // line feed and carriage return are ordinary text), lone UTF-16 surrogates ("\ud800", not
    // Unicode at all) and the noncharacters U+FFFE/U+FFFF.
    static QString textProblem(const QString &text);
    // 400 naming field when textProblem(text) says so.
    static void requireCleanText(const QString &field, const QString &text);
    // Every key and string of a document, with its path ("formData.theme", "prompts[1]"):
    // the first problem as a 400 naming that path. parse() runs it on every body.
    static void requireCleanJson(const QJsonValue &value, const QString &path = {});
    // A copy fit for the audit trail of a refused request: problem characters become U+FFFD.
    static QJsonValue scrubbed(const QJsonValue &value);
    static QString scrubbed(const QString &text);

private:
    // True when key is not in the body; throws 400 when it is there as null.
    bool absent(const QString &key) const;
    QJsonValue required(const QString &key, const char *type) const;
    QJsonObject m_object;
};

} // namespace compose
