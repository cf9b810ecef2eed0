#include "routematch.h"

namespace compose::RouteMatch {

Pattern compile(const QString &pattern)
{
    Pattern p;
    p.segments = split(pattern);
    if (!p.segments.isEmpty() && p.segments.last() == QLatin1String("*")) {
        p.wildcard = true;
        p.segments.removeLast();
    }
    return p;
}

QStringList split(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

std::optional<QHash<QString, QString>> match(const Pattern &pattern, const QStringList &segments)
{
    if (pattern.wildcard ? segments.size() <= pattern.segments.size()
                         : segments.size() != pattern.segments.size())
        return std::nullopt;
    QHash<QString, QString> params;
    for (int i = 0; i < pattern.segments.size(); ++i) {
        const QString &p = pattern.segments.at(i);
        if (p.size() >= 2 && p.startsWith(QLatin1Char('{')) && p.endsWith(QLatin1Char('}'))) {
            if (segments.at(i).isEmpty())
                return std::nullopt;
            params.insert(p.mid(1, p.size() - 2), segments.at(i));
        } else if (p != segments.at(i)) {
            return std::nullopt;
        }
    }
    if (pattern.wildcard)
        params.insert(QStringLiteral("rest"),
                      segments.mid(pattern.segments.size()).join(QLatin1Char('/')));
    return params;
}

} // namespace compose::RouteMatch
