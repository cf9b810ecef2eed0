#include "audiourl.h"

#include <QUrlQuery>

namespace compose {

AudioUrl::Result AudioUrl::validate(const QString &raw)
{
    const QString text = raw.trimmed();
    if (text.isEmpty())
        return {false, {}, tr("There is no audio link for this variation.")};
    // Whitespace or control characters inside a link are never legitimate and are a classic way
    // of smuggling a scheme past naive checks ("java\tscript:").
    for (const QChar c : text) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return {false, {}, tr("The audio link contains spaces or control characters.")};
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative())
        return {false, {}, tr("The audio link is not a valid web address.")};
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        return {false,
                {},
                tr("Only http and https audio links are played; this link uses \"%1:\".")
                    .arg(scheme.left(20))};
    }
    if (url.host().isEmpty())
        return {false, {}, tr("The audio link has no server name.")};
    return {true, url, {}};
}

int AudioUrl::retentionDays(const QUrl &url)
{
    return url.path().endsWith(QLatin1String(".wav"), Qt::CaseInsensitive) ? 7 : 90;
}

QStringList AudioUrl::defaultExpiringHosts()
{
    return {QStringLiteral("amazonaws.com"), QStringLiteral("musicgpt.com"),
            QStringLiteral("lalals.com")};
}

bool AudioUrl::isExpiringHost(const QUrl &url, const QStringList &hosts)
{
    const QString host = url.host().toLower();
    for (const QString &h : hosts) {
        const QString suffix = h.toLower();
        if (host == suffix || host.endsWith(QLatin1Char('.') + suffix))
            return true;
    }
    return false;
}

std::optional<QDateTime> AudioUrl::signedUntil(const QUrl &url)
{
    const QUrlQuery query(url);
    if (query.hasQueryItem(QStringLiteral("X-Amz-Date"))
        && query.hasQueryItem(QStringLiteral("X-Amz-Expires"))) {
        QDateTime signedAt
            = QDateTime::fromString(query.queryItemValue(QStringLiteral("X-Amz-Date")),
                                    QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
        signedAt.setTimeSpec(Qt::UTC);
        bool ok = false;
        const qint64 seconds
            = query.queryItemValue(QStringLiteral("X-Amz-Expires")).toLongLong(&ok);
        if (signedAt.isValid() && ok && seconds >= 0)
            return signedAt.addSecs(seconds);
    }
    if (query.hasQueryItem(QStringLiteral("Expires"))) {
        bool ok = false;
        const qint64 epoch = query.queryItemValue(QStringLiteral("Expires")).toLongLong(&ok);
        if (ok && epoch > 0)
            return QDateTime::fromSecsSinceEpoch(epoch, Qt::UTC);
    }
    return std::nullopt;
}

bool AudioUrl::looksExpired(const QUrl &url, const QDateTime &createdAt, const QDateTime &now)
{
    if (createdAt.isValid() && createdAt.addDays(retentionDays(url)) < now)
        return true;
    const auto until = signedUntil(url);
    return until && *until < now;
}

} // namespace compose
