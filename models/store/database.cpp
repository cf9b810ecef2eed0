#include "database.h"

#include "cachedquery.h"

#include "logredact.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QTimeZone>

Q_LOGGING_CATEGORY(lcDb, "compose.db")

namespace compose::Db {

namespace {
// lupdate files Text::tr() under the context Q_DECLARE_TR_FUNCTIONS names, the same one
// translate() asks for at run time; a free tr() wrapper left its strings under no context.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(Database)
};
} // namespace

QSqlDatabase open(const ConnectionSettings &s, const QString &connectionName)
{
    dropCachedStatements(connectionName);
    if (QSqlDatabase::contains(connectionName))
        QSqlDatabase::removeDatabase(connectionName);
    QSqlDatabase db = QSqlDatabase::addDatabase(s.driverName(), connectionName);
    if (!db.isValid())
        throw DbError(Text::tr("The Qt SQL driver %1 is not installed (Debian package %2).")
                          .arg(s.driverName(),
                               s.dialect == SqlDialect::SQLite
                                   ? QStringLiteral("libqt6sql6-sqlite")
                                   : QStringLiteral("libqt6sql6-psql")));
    db.setDatabaseName(s.database);
    if (s.dialect == SqlDialect::PostgreSQL) {
        // Empty fields are left out of the conninfo, so libpq's PG* variables and ~/.pgpass
        // apply to whatever the URL did not say.
        if (!s.host.isEmpty())
            db.setHostName(s.host);
        if (s.port > 0)
            db.setPort(s.port);
        if (!s.user.isEmpty())
            db.setUserName(s.user);
        if (!s.password.isEmpty())
            db.setPassword(s.password);
        QString opts = s.options;
        if (!opts.contains(QLatin1String("connect_timeout")))
            opts += (opts.isEmpty() ? QString() : QStringLiteral(";"))
                + QStringLiteral("connect_timeout=5");
        if (!opts.contains(QLatin1String("application_name")))
            opts += QStringLiteral(";application_name=compose-desk");
        db.setConnectOptions(opts);
    } else {
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    }
    if (!db.open()) {
        const QString message = friendlyError(db.lastError());
        db = QSqlDatabase(); // drop our handle first, or Qt warns the connection is still in use
        QSqlDatabase::removeDatabase(connectionName);
        throw DbError(message, true);
    }
    if (s.dialect == SqlDialect::PostgreSQL) {
        execSql(db, QStringLiteral("SET TIME ZONE 'UTC'"));
        // Every statement we send is a short read or write of a few rows. At 10M forms the
        // planner's cost for a search page (an OR of eight index arms) passes the parallel
        // threshold, and starting the parallel worker took 35-40 ms of a 40 ms search whose
        // scan took 0.2 ms; JIT compiled the list's flag query for 40-60 ms. Neither pays off
        // for one page, so both are off for our sessions (the server's defaults stay for others).
        execSql(db, QStringLiteral("SET max_parallel_workers_per_gather = 0"));
        execSql(db, QStringLiteral("SET jit = off"));
    } else {
        execSql(db, QStringLiteral("PRAGMA foreign_keys = ON"));
        execSql(db, QStringLiteral("PRAGMA journal_mode = WAL"));
    }
    qCDebug(lcDb) << "opened" << s.displayName() << "as" << connectionName;
    return db;
}

void close(const QString &connectionName)
{
    dropCachedStatements(connectionName);
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
}

SqlDialect dialect(const QSqlDatabase &db)
{
    return db.driverName() == QLatin1String("QSQLITE") ? SqlDialect::SQLite
                                                       : SqlDialect::PostgreSQL;
}

QSqlQuery prepare(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.prepare(sql))
        throw DbError(friendlyError(q.lastError()), isConnectionError(db, q.lastError()));
    return q;
}

void exec(QSqlQuery &query)
{
    if (!query.exec()) {
        const QSqlError err = query.lastError();
        qCWarning(lcDb).noquote() << "query failed:" << LogRedact::dbError(err.text());
        throw DbError(friendlyError(err), isConnectionError(QSqlDatabase(), err));
    }
}

void execSql(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        qCWarning(lcDb).noquote() << "statement failed:"
                                  << LogRedact::dbError(q.lastError().text());
        throw DbError(friendlyError(q.lastError()), isConnectionError(db, q.lastError()));
    }
}

QVariant timestamp(const QDateTime &dt)
{
    if (!dt.isValid())
        return QVariant(QMetaType::fromType<QString>());
    return dt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

QDateTime readTimestamp(const QVariant &v)
{
    if (v.isNull())
        return {};
    if (v.metaType().id() == QMetaType::QDateTime) {
        // QPSQL hands TIMESTAMP (without zone) back as local time; the value is UTC wall time.
        QDateTime dt = v.toDateTime();
        dt.setTimeZone(QTimeZone::utc());
        return dt;
    }
    QString text = v.toString().trimmed();
    text.replace(QLatin1Char(' '), QLatin1Char('T'));
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::ISODate);
    if (dt.isValid() && dt.timeSpec() == Qt::LocalTime)
        dt.setTimeZone(QTimeZone::utc());
    return dt;
}

bool hasTable(const QSqlDatabase &db, const QString &table)
{
    QSqlQuery q(db);
    if (dialect(db) == SqlDialect::SQLite) {
        q.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :t"));
    } else {
        q.prepare(
            QStringLiteral("SELECT 1 FROM pg_catalog.pg_tables "
                           "WHERE tablename = :t AND schemaname = ANY (current_schemas(false))"));
    }
    q.bindValue(QStringLiteral(":t"), table);
    if (!q.exec())
        throw DbError(friendlyError(q.lastError()), isConnectionError(db, q.lastError()));
    return q.next();
}

QString friendlyError(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    if (text.isEmpty())
        text = error.driverText().trimmed();
    if (text.contains(QLatin1String("password authentication failed"))
        || text.contains(QLatin1String("no password supplied")))
        return Text::tr("The database refused the user name or password. (%1)").arg(text);
    if (text.contains(QLatin1String("could not connect"))
        || text.contains(QLatin1String("Connection refused"))
        || text.contains(QLatin1String("could not translate host name"))
        || text.contains(QLatin1String("timeout expired")))
        return Text::tr("The database server cannot be reached. (%1)").arg(text);
    if (text.contains(QLatin1String("does not exist")) && text.contains(QLatin1String("database")))
        return Text::tr("That database does not exist on the server. (%1)").arg(text);
    if (text.isEmpty())
        return Text::tr("The database reported an error without a message.");
    return text;
}

bool isConnectionError(const QSqlDatabase &db, const QSqlError &error)
{
    if (error.type() == QSqlError::ConnectionError)
        return true;
    const QString t = error.databaseText() + error.driverText();
    // libpq's wording when the backend went away under us (terminated, restarted, network).
    static const char *const markers[]
        = {"server closed the connection", "terminating connection", "no connection to the server",
           "connection not open",          "could not receive data", "could not send data",
           "Connection refused",           "connection to server"};
    for (const char *m : markers) {
        if (t.contains(QLatin1String(m), Qt::CaseInsensitive))
            return true;
    }
    return db.isValid() && !db.isOpen();
}

Transaction::Transaction(QSqlDatabase db)
    : m_db(std::move(db))
{
    // SQLite's plain BEGIN takes the write lock only at the first write, and when another
    // connection holds it then, SQLite answers "database is locked" at once instead of waiting
    // (the busy timeout cannot break a lock upgrade). Our transactions read, then write: take the
    // write lock up front, where the busy timeout applies. COMMIT/ROLLBACK stay Qt's.
    if (m_db.driverName() == QLatin1String("QSQLITE")) {
        QSqlQuery begin(m_db);
        if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE")))
            throw DbError(friendlyError(begin.lastError()), false);
        return;
    }
    if (!m_db.transaction())
        throw DbError(friendlyError(m_db.lastError()), isConnectionError(m_db, m_db.lastError()));
}

Transaction::~Transaction()
{
    if (!m_done)
        m_db.rollback();
}

void Transaction::commit()
{
    if (!m_db.commit())
        throw DbError(friendlyError(m_db.lastError()), isConnectionError(m_db, m_db.lastError()));
    m_done = true;
}

} // namespace compose::Db
