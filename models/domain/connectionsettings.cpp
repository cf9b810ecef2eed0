#include "connectionsettings.h"

#include <QCoreApplication>
#include <QUrlQuery>

namespace compose {

namespace {
// lupdate files Text::tr() under the context Q_DECLARE_TR_FUNCTIONS names, the same one
// translate() asks for at run time; a free tr() wrapper left its strings under no context.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(ConnectionSettings)
};
} // namespace

std::optional<ConnectionSettings> ConnectionSettings::fromUrl(const QString &text, QString *error)
{
    ConnectionSettings s;
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    auto fail = [&](const QString &why) -> std::optional<ConnectionSettings> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!url.isValid())
        return fail(Text::tr("Not a valid database URL: %1").arg(url.errorString()));

    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("sqlite")) {
        s.dialect = SqlDialect::SQLite;
        s.database = url.path();
        if (s.database.isEmpty())
            return fail(
                Text::tr("An sqlite:// URL needs a file path, e.g. sqlite:///home/me/compose.db"));
        return s;
    }
    if (scheme != QLatin1String("postgresql") && scheme != QLatin1String("postgres"))
        return fail(
            Text::tr("Unsupported database URL scheme \"%1\": use postgresql:// or sqlite://")
                .arg(url.scheme()));

    s.dialect = SqlDialect::PostgreSQL;
    s.host = url.host();
    s.port = url.port(-1);
    s.user = url.userName(QUrl::FullyDecoded);
    s.password = url.password(QUrl::FullyDecoded);
    QString path = url.path(QUrl::FullyDecoded);
    if (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    s.database = path;

    // libpq keywords from the query string; Qt's QPSQL takes them ';'-separated.
    QStringList opts;
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (const auto &[k, v] : items) {
        static const QStringList allowed {QStringLiteral("sslmode"),
                                          QStringLiteral("sslrootcert"),
                                          QStringLiteral("sslcert"),
                                          QStringLiteral("sslkey"),
                                          QStringLiteral("connect_timeout"),
                                          QStringLiteral("application_name"),
                                          QStringLiteral("target_session_attrs"),
                                          QStringLiteral("options")};
        if (!allowed.contains(k))
            return fail(Text::tr("Unknown connection option \"%1\" in the database URL").arg(k));
        opts << k + QLatin1Char('=') + v;
    }
    s.options = opts.join(QLatin1Char(';'));
    return s;
}

QUrl ConnectionSettings::toUrl() const
{
    QUrl url;
    if (dialect == SqlDialect::SQLite) {
        url.setScheme(QStringLiteral("sqlite"));
        url.setPath(database);
        return url;
    }
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host.isEmpty() ? QString() : host);
    if (port > 0)
        url.setPort(port);
    url.setUserName(user);
    url.setPath(QLatin1Char('/') + database);
    if (!options.isEmpty()) {
        QUrlQuery q;
        for (const QString &kv : options.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            const auto eq = kv.indexOf(QLatin1Char('='));
            q.addQueryItem(kv.left(eq), kv.mid(eq + 1));
        }
        url.setQuery(q);
    }
    return url;
}

QString ConnectionSettings::displayName() const
{
    if (dialect == SqlDialect::SQLite)
        return database;
    QString who = user.isEmpty() ? QString() : user + QLatin1Char('@');
    QString where = host.isEmpty() ? Text::tr("local socket") : host;
    if (port > 0)
        where += QLatin1Char(':') + QString::number(port);
    return who + where + QLatin1Char('/') + (database.isEmpty() ? Text::tr("(default)") : database);
}

QString ConnectionSettings::driverName() const
{
    return dialect == SqlDialect::SQLite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}

} // namespace compose
