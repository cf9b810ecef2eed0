#pragma once

#include "connectionsettings.h"

#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace compose::test {

// A fresh, empty database for one test: a new PostgreSQL database on the cluster named by
// COMPOSE_TEST_PG_URL (dropped again in the destructor), or an SQLite file in a temporary folder.
class TestDatabase {
public:
    explicit TestDatabase(SqlDialect dialect);
    ~TestDatabase();
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    // False (with reason()) when PostgreSQL is asked for and COMPOSE_TEST_PG_URL is unset.
    bool isAvailable() const { return m_available; }
    QString reason() const { return m_reason; }

    const ConnectionSettings &settings() const { return m_settings; }
    QString url() const; // with no password: the test cluster trusts loopback
    // A connection opened in the calling thread, named uniquely for this database + thread.
    QSqlDatabase connection();
    // Applies the migrations up to and including maxVersion (all when -1).
    void migrate(int maxVersion = -1);
    // Only the seed's schema (migration 1) and no schema_migrations table: a shop's database.
    void createSeedOnlySchema();
    void exec(const QString &sql);
    // First column of the first row of sql, for a test's counts and checks: -1 / "<no row>" when
    // there is no row or the query fails, so a check against them fails visibly.
    int count(const QString &sql);
    QString text(const QString &sql);

    static bool postgresAvailable();

private:
    SqlDialect m_dialect;
    bool m_available = true;
    QString m_reason;
    QString m_adminConnection;
    QString m_connection;
    QString m_dbName;
    ConnectionSettings m_settings;
    std::unique_ptr<QTemporaryDir> m_dir;
};

// Whether a test that cannot run (no COMPOSE_TEST_PG_URL, no validator) must fail instead of
// skipping: under CI (scripts/test.sh exports CI=1) a skip would hide that nothing was tested.
// Every "cannot run here" in the tests goes through COMPOSE_SKIP_OR_FAIL, so this is the one rule.
inline bool skipIsFailure()
{
    return qEnvironmentVariableIsSet("CI");
}

#define COMPOSE_SKIP_OR_FAIL(reason)                                                               \
    do {                                                                                           \
        if (compose::test::skipIsFailure())                                                        \
            QFAIL(qPrintable(reason));                                                             \
        QSKIP(qPrintable(reason));                                                                 \
    } while (false)

#define COMPOSE_REQUIRE_DB(db)                                                                     \
    do {                                                                                           \
        if (!(db).isAvailable())                                                                   \
            COMPOSE_SKIP_OR_FAIL((db).reason());                                                   \
    } while (false)

} // namespace compose::test
