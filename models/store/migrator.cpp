#include "migrator.h"

#include "database.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QSqlQuery>

#include <algorithm>

Q_LOGGING_CATEGORY(lcMigrate, "compose.migrate")

namespace compose {

Migrator::Migrator(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QList<Migrator::Migration> Migrator::available(SqlDialect dialect)
{
    const QString dir = dialect == SqlDialect::SQLite ? QStringLiteral(":/migrations/sqlite")
                                                      : QStringLiteral(":/migrations/postgresql");
    static const QRegularExpression re(QStringLiteral("^(\\d+)_(.+)\\.sql$"));
    QList<Migration> list;
    const auto entries = QDir(dir).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : entries) {
        const auto m = re.match(file);
        if (m.hasMatch())
            list.append({m.captured(1).toInt(), m.captured(2), dir + QLatin1Char('/') + file});
    }
    std::sort(list.begin(), list.end(),
              [](const Migration &a, const Migration &b) { return a.version < b.version; });
    return list;
}

int Migrator::latestVersion(SqlDialect dialect)
{
    const auto list = available(dialect);
    return list.isEmpty() ? 0 : list.last().version;
}

QStringList Migrator::splitStatements(const QString &sql)
{
    // Splits on ';' outside quotes, comments, $$-bodies and SQLite trigger BEGIN...END blocks.
    QStringList out;
    QString cur;
    int i = 0;
    const int n = int(sql.size());
    int triggerDepth = 0;
    auto flush = [&] {
        const QString s = cur.trimmed();
        if (!s.isEmpty())
            out << s;
        cur.clear();
        triggerDepth = 0;
    };
    auto wordAt = [&](int pos, QLatin1String w) {
        if (pos + int(w.size()) > n
            || QStringView(sql).mid(pos, w.size()).compare(w, Qt::CaseInsensitive) != 0)
            return false;
        const bool leftOk = pos == 0 || !sql.at(pos - 1).isLetterOrNumber();
        const bool rightOk
            = pos + int(w.size()) >= n || !sql.at(pos + int(w.size())).isLetterOrNumber();
        return leftOk && rightOk;
    };
    while (i < n) {
        const QChar c = sql.at(i);
        if (c == QLatin1Char('-') && i + 1 < n && sql.at(i + 1) == QLatin1Char('-')) {
            while (i < n && sql.at(i) != QLatin1Char('\n'))
                ++i;
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            const int end = int(sql.indexOf(c, i + 1));
            const int stop = end < 0 ? n : end + 1;
            cur += sql.mid(i, stop - i);
            i = stop;
            continue;
        }
        if (c == QLatin1Char('$') && i + 1 < n && sql.at(i + 1) == QLatin1Char('$')) {
            const int end = int(sql.indexOf(QLatin1String("$$"), i + 2));
            const int stop = end < 0 ? n : end + 2;
            cur += sql.mid(i, stop - i);
            i = stop;
            continue;
        }
        if (cur.trimmed().startsWith(QLatin1String("CREATE TRIGGER"), Qt::CaseInsensitive)) {
            if (wordAt(i, QLatin1String("BEGIN")))
                ++triggerDepth;
            else if (wordAt(i, QLatin1String("END")) && triggerDepth > 0)
                --triggerDepth;
        }
        if (c == QLatin1Char(';') && triggerDepth == 0) {
            flush();
            ++i;
            continue;
        }
        cur += c;
        ++i;
    }
    flush();
    return out;
}

int Migrator::currentVersion() const
{
    if (!Db::hasTable(m_db, QStringLiteral("schema_migrations")))
        return 0;
    QSqlQuery q = Db::prepare(
        m_db, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
    Db::exec(q);
    return q.next() ? q.value(0).toInt() : 0;
}

QList<Migrator::Migration> Migrator::pending() const
{
    const int current = currentVersion();
    QList<Migration> list;
    for (const auto &m : available(Db::dialect(m_db))) {
        if (m.version > current)
            list << m;
    }
    return list;
}

namespace {

// Several compose-api processes may start at once on an empty database; PostgreSQL serialises
// them on a session-level advisory lock, so the second one finds the work done instead of
// failing on a duplicate key. SQLite has one writer per file anyway.
class MigrationLock final {
public:
    explicit MigrationLock(const QSqlDatabase &db)
        : m_db(db)
    {
        if (Db::dialect(m_db) == SqlDialect::PostgreSQL) {
            Db::execSql(m_db, QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kKey));
            m_locked = true;
        }
    }
    ~MigrationLock()
    {
        if (!m_locked)
            return;
        try {
            Db::execSql(m_db, QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kKey));
        } catch (const DbError &e) {
            // The lock ends with the session anyway; a lost connection releases it.
            qCWarning(lcMigrate) << "could not release the migration lock:" << e.message();
        }
    }
    Q_DISABLE_COPY_MOVE(MigrationLock)

private:
    static constexpr qint64 kKey = 7020250601; // "compose migrations"; any constant shared by all
    QSqlDatabase m_db;
    bool m_locked = false;
};

} // namespace

QStringList Migrator::migrate()
{
    const MigrationLock lock(m_db);
    // Up to date: no DDL at all, so compose-api can start under its own role (migration 011),
    // which may read schema_migrations but not create tables.
    if (Db::hasTable(m_db, QStringLiteral("schema_migrations")) && pending().isEmpty())
        return {};
    Db::execSql(m_db,
                QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                               "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                               "applied_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)"));
    QStringList applied;
    for (const Migration &m : pending()) {
        QFile f(m.resource);
        if (!f.open(QIODevice::ReadOnly))
            throw DbError(
                QCoreApplication::translate("Migrator", "Migration %1 is missing from the build.")
                    .arg(m.resource));
        const QString sql = QString::fromUtf8(f.readAll());
        Db::Transaction tx(m_db);
        for (const QString &statement : splitStatements(sql)) {
            try {
                Db::execSql(m_db, statement);
            } catch (const DbError &e) {
                throw DbError(
                    QCoreApplication::translate("Migrator", "Migration %1 (%2) failed: %3")
                        .arg(m.version)
                        .arg(m.name, e.message()),
                    e.connectionLost());
            }
        }
        QSqlQuery rec = Db::prepare(m_db,
                                    QStringLiteral("INSERT INTO schema_migrations(version, name) "
                                                   "VALUES (:v, :n)"));
        rec.bindValue(QStringLiteral(":v"), m.version);
        rec.bindValue(QStringLiteral(":n"), m.name);
        Db::exec(rec);
        tx.commit();
        qCInfo(lcMigrate) << "applied migration" << m.version << m.name;
        applied << QStringLiteral("%1_%2").arg(m.version, 3, 10, QLatin1Char('0')).arg(m.name);
    }
    return applied;
}

} // namespace compose
