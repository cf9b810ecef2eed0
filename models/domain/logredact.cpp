#include "logredact.h"

#include <QRegularExpression>

namespace compose {

QString LogRedact::dbError(const QString &message)
{
    QString out = message;
    // Everything from the first DETAIL/HINT/CONTEXT/WHERE/QUERY on is row data or SQL text.
    static const QRegularExpression tail(
        QStringLiteral("\\s*\\b(DETAIL|HINT|CONTEXT|WHERE|QUERY|LINE \\d+):.*$"),
        QRegularExpression::DotMatchesEverythingOption);
    out.replace(tail, QStringLiteral(" [details redacted]"));
    static const QRegularExpression keyValue(QStringLiteral("\\)=\\([^)]*\\)"));
    out.replace(keyValue, QStringLiteral(")=(…)"));
    static const QRegularExpression quoted(QStringLiteral("'(?:[^']|'')*'"));
    out.replace(quoted, QStringLiteral("'…'"));
    // Double quotes name relations and columns, but also hold values in "invalid input syntax
    // for type …: \"value\"": only identifiers (lower case, digits, _) are kept.
    static const QRegularExpression dquoted(QStringLiteral("\"(?![a-z_][a-z0-9_]*\")[^\"]*\""));
    out.replace(dquoted, QStringLiteral("\"…\""));
    static const QRegularExpression stripeId(
        QStringLiteral("\\b(pi|cs|ch|re|py|cus|pm|evt|txn|seti|in|sub)_[A-Za-z0-9_]+"));
    out.replace(stripeId, QStringLiteral("\\1_…"));
    static const QRegularExpression email(QStringLiteral("[^\\s@'\"(),]+@[^\\s@'\"(),]+"));
    out.replace(email, QStringLiteral("…@…"));
    return out;
}

} // namespace compose
