#include "database.h"
#include "formrows.h"
#include "migrator.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>

using namespace compose;

namespace {
// A new form as the shop creates it, with only what the seed's schema requires.
FormRow minimalForm(const QString &id, std::optional<QString> userId,
                    std::optional<QString> guestEmail)
{
    FormRow f;
    f.id = id;
    f.packageType = QStringLiteral("solo-serenade");
    f.formData = QStringLiteral("{}");
    f.generatedPrompts = QStringLiteral("[]");
    f.userId = std::move(userId);
    f.guestEmail = std::move(guestEmail);
    f.createdAt = QDateTime::currentDateTimeUtc();
    f.updatedAt = f.createdAt;
    return f;
}
} // namespace
using compose::test::TestDatabase;

class tst_Migrator : public QObject {
    Q_OBJECT
private slots:
    void splitStatements_data();
    void splitStatements();
    void migrateFromEmpty_data();
    void migrateFromEmpty();
    void migrateSeedOnlyDatabase();
    void statusEventsWrittenByTrigger_data();
    void statusEventsWrittenByTrigger();
    void threeProcessesMigrateOneEmptyDatabase();
};

void tst_Migrator::splitStatements_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<int>("count");
    QTest::addRow("plain") << QStringLiteral("SELECT 1; SELECT 2;") << 2;
    QTest::addRow("quoted semicolon") << QStringLiteral("SELECT ';'; SELECT 2") << 2;
    QTest::addRow("comment") << QStringLiteral("-- a; b\nSELECT 1;") << 1;
    QTest::addRow("dollar body") << QStringLiteral(
        "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END $$ LANGUAGE plpgsql; SELECT 1;")
                                 << 2;
    QTest::addRow("sqlite trigger") << QStringLiteral(
        "CREATE TRIGGER t AFTER INSERT ON x BEGIN INSERT INTO y VALUES (1); END; SELECT 1;")
                                    << 2;
}

void tst_Migrator::splitStatements()
{
    QFETCH(QString, sql);
    QFETCH(int, count);
    QCOMPARE(Migrator::splitStatements(sql).size(), count);
}

void tst_Migrator::migrateFromEmpty_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addRow("postgresql") << SqlDialect::PostgreSQL;
    QTest::addRow("sqlite") << SqlDialect::SQLite;
}

void tst_Migrator::migrateFromEmpty()
{
    QFETCH(SqlDialect, dialect);
    TestDatabase tdb(dialect);
    COMPOSE_REQUIRE_DB(tdb);
    QSqlDatabase db = tdb.connection();
    Migrator m(db);
    QCOMPARE(m.currentVersion(), 0);
    const QStringList applied = m.migrate();
    QCOMPARE(applied.size(), Migrator::available(dialect).size());
    QCOMPARE(m.currentVersion(), Migrator::latestVersion(dialect));
    QVERIFY(m.migrate().isEmpty()); // idempotent
    for (const char *t : {"user", "compose_forms", "music_generations", "orders",
                          "compose_form_events", "compose_audit", "compose_staff"})
        QVERIFY2(Db::hasTable(db, QLatin1String(t)), t);
}

void tst_Migrator::migrateSeedOnlyDatabase()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.createSeedOnlySchema();
    tdb.exec(QStringLiteral("INSERT INTO \"user\"(id, email, name) VALUES ('u1', 'a@b.c', 'A')"));
    FormRowWriter::insert(tdb.connection(),
                          minimalForm(QStringLiteral("f1"), {QStringLiteral("u1")}, {}));
    Migrator m(tdb.connection());
    QCOMPARE(m.currentVersion(), 0);
    m.migrate();
    QCOMPARE(m.currentVersion(), Migrator::latestVersion(SqlDialect::PostgreSQL));
    QSqlQuery q(tdb.connection());
    QVERIFY(
        q.exec(QStringLiteral("SELECT forms FROM compose_funnel_daily WHERE status = 'created'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 1); // the rollup was filled from existing rows
}

void tst_Migrator::statusEventsWrittenByTrigger_data()
{
    migrateFromEmpty_data();
}

void tst_Migrator::statusEventsWrittenByTrigger()
{
    QFETCH(SqlDialect, dialect);
    TestDatabase tdb(dialect);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    FormRowWriter::insert(tdb.connection(),
                          minimalForm(QStringLiteral("f1"), {}, {QStringLiteral("g@x.y")}));
    tdb.exec(
        QStringLiteral("UPDATE compose_forms SET status = 'prompts_generated' WHERE id = 'f1'"));
    tdb.exec(QStringLiteral("UPDATE compose_forms SET guest_email = 'h@x.y' WHERE id = 'f1'"));
    QSqlQuery q(tdb.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT old_status, new_status FROM compose_form_events "
                                  "WHERE form_id = 'f1' ORDER BY id")));
    QVERIFY(q.next());
    QVERIFY(q.value(0).isNull());
    QCOMPARE(q.value(1).toString(), QStringLiteral("created"));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("created"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("prompts_generated"));
    QVERIFY(!q.next()); // a change that keeps the status writes no event
}

void tst_Migrator::threeProcessesMigrateOneEmptyDatabase()
{
    // Three compose-api processes started at once on an empty database (a deployment with
    // several replicas): each migrates before it does anything else, and all of them must start.
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    const QString exe
        = QCoreApplication::applicationDirPath() + QStringLiteral("/../server/compose-api");
    QVERIFY2(QFile::exists(exe), qPrintable(exe));
    std::vector<std::unique_ptr<QProcess>> processes;
    for (int i = 0; i < 3; ++i) {
        auto p = std::make_unique<QProcess>();
        p->setProcessChannelMode(QProcess::MergedChannels);
        p->start(exe,
                 {QStringLiteral("--database-url"), tdb.url(), QStringLiteral("--add-staff"),
                  QStringLiteral("replica-%1").arg(i), QStringLiteral("--role"),
                  QStringLiteral("agent")});
        processes.push_back(std::move(p));
    }
    for (auto &p : processes) {
        QVERIFY(p->waitForFinished(60000));
        const QByteArray out = p->readAll();
        QVERIFY2(p->exitStatus() == QProcess::NormalExit && p->exitCode() == 0, out.constData());
    }
    Migrator m(tdb.connection());
    QCOMPARE(m.currentVersion(), Migrator::latestVersion(SqlDialect::PostgreSQL));
    QSqlQuery q(tdb.connection());
    QVERIFY(
        q.exec(QStringLiteral("SELECT count(*), count(DISTINCT version) FROM schema_migrations"))
        && q.next());
    QCOMPARE(q.value(0).toInt(), Migrator::available(SqlDialect::PostgreSQL).size());
    QCOMPARE(q.value(1).toInt(), q.value(0).toInt());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM compose_staff WHERE name LIKE 'replica-%'"))
            && q.next());
    QCOMPARE(q.value(0).toInt(), 3);
}

QTEST_GUILESS_MAIN(tst_Migrator)
#include "tst_migrator.moc"
