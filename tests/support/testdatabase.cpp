#include "testdatabase.h"

#include "database.h"
#include "migrator.h"

#include <QCoreApplication>
#include <QFile>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

#include <atomic>

namespace compose::test {

namespace {
std::atomic<int> g_counter {0};
}

bool TestDatabase::postgresAvailable()
{
    return !qEnvironmentVariableIsEmpty("COMPOSE_TEST_PG_URL");
}

TestDatabase::TestDatabase(SqlDialect dialect)
    : m_dialect(dialect)
{
    const int n = ++g_counter;
    m_connection = QStringLiteral("testdb_%1_%2").arg(QCoreApplication::applicationPid()).arg(n);
    if (dialect == SqlDialect::SQLite) {
        m_dir = std::make_unique<QTemporaryDir>();
        m_settings.dialect = SqlDialect::SQLite;
        m_settings.database = m_dir->filePath(QStringLiteral("test.db"));
        return;
    }
    if (!postgresAvailable()) {
        m_available = false;
        m_reason = QStringLiteral("COMPOSE_TEST_PG_URL is not set: run scripts/test.sh");
        return;
    }
    const auto admin = ConnectionSettings::fromUrl(qEnvironmentVariable("COMPOSE_TEST_PG_URL"));
    Q_ASSERT(admin);
    m_dbName = QStringLiteral("compose_test_%1_%2_%3")
                   .arg(QCoreApplication::applicationPid())
                   .arg(n)
                   .arg(QUuid::createUuid().toString(QUuid::Id128).left(8));
    m_adminConnection = m_connection + QStringLiteral("_admin");
    {
        QSqlDatabase adminDb = Db::open(*admin, m_adminConnection);
        Db::execSql(adminDb, QStringLiteral("CREATE DATABASE ") + m_dbName);
    }
    m_settings = *admin;
    m_settings.database = m_dbName;
}

TestDatabase::~TestDatabase()
{
    // Every connection to the database must be gone before DROP DATABASE.
    const auto names = QSqlDatabase::connectionNames();
    for (const QString &name : names) {
        if (name.startsWith(m_connection) && name != m_adminConnection)
            Db::close(name);
    }
    if (!m_adminConnection.isEmpty()) {
        {
            QSqlDatabase adminDb = QSqlDatabase::database(m_adminConnection);
            QSqlQuery q(adminDb);
            q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_dbName));
        }
        Db::close(m_adminConnection);
    }
}

QString TestDatabase::url() const
{
    return m_settings.toUrl().toString();
}

QSqlDatabase TestDatabase::connection()
{
    const QString name = m_connection + QStringLiteral("_t")
        + QString::number(reinterpret_cast<quintptr>(QThread::currentThread()), 16);
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase db = QSqlDatabase::database(name);
        if (db.isOpen())
            return db;
    }
    return Db::open(m_settings, name);
}

void TestDatabase::migrate(int maxVersion)
{
    QSqlDatabase db = connection();
    if (maxVersion < 0) {
        Migrator(db).migrate();
        return;
    }
    Migrator m(db);
    Db::execSql(db,
                QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER "
                               "PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMP NOT NULL "
                               "DEFAULT CURRENT_TIMESTAMP)"));
    for (const auto &mig : Migrator::available(m_dialect)) {
        if (mig.version > maxVersion || mig.version <= m.currentVersion())
            continue;
        QFile f(mig.resource);
        f.open(QIODevice::ReadOnly);
        for (const QString &s : Migrator::splitStatements(QString::fromUtf8(f.readAll())))
            Db::execSql(db, s);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO schema_migrations(version, name) VALUES (:v, :n)"));
        q.bindValue(QStringLiteral(":v"), mig.version);
        q.bindValue(QStringLiteral(":n"), mig.name);
        q.exec();
    }
}

void TestDatabase::createSeedOnlySchema()
{
    QSqlDatabase db = connection();
    const auto migs = Migrator::available(m_dialect);
    QFile f(migs.first().resource);
    f.open(QIODevice::ReadOnly);
    for (const QString &s : Migrator::splitStatements(QString::fromUtf8(f.readAll())))
        Db::execSql(db, s);
}

void TestDatabase::exec(const QString &sql)
{
    Db::execSql(connection(), sql);
}

int TestDatabase::count(const QString &sql)
{
    QSqlQuery q(connection());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toInt();
}

QString TestDatabase::text(const QString &sql)
{
    QSqlQuery q(connection());
    if (!q.exec(sql) || !q.next())
        return QStringLiteral("<no row>");
    return q.value(0).toString();
}

} // namespace compose::test
