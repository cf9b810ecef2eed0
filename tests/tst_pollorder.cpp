#include "database.h"
#include "dataservice.h"
#include "formrepository.h"
#include "seedrows.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <optional>

using namespace compose;
using namespace compose::test;

// Polling (SQLite, a seed-only schema, a hot standby) keeps an (updated_at, id) mark. updated_at
// is stamped when a transaction starts (PostgreSQL's now(), compose-api's clock before its
// transaction), so a transaction that started before another but commits after it has an
// updated_at below the mark the other one moved: such a form must still be reported, once
// (the tst_replica flake: a new form not heard of on the standby).
class tst_PollOrder : public QObject {
    Q_OBJECT
private slots:
    void lateCommitIsReported_data();
    void lateCommitIsReported();
    void lateCommitWithServerNow_data();
    void lateCommitWithServerNow();
    void overlapWindowIsBounded();
    void dataServiceHearsLateCommit();

private:
    static void seed(const QSqlDatabase &db, const QDateTime &at);
};

namespace {

// Five forms f0..f4, last changed a day ago.
constexpr int SeedForms = 5;

QString stamp(const QDateTime &t)
{
    return Db::timestamp(t).toString();
}

void execOn(const QSqlDatabase &db, const QString &sql)
{
    Db::execSql(db, sql);
}

// A second writer's own connection, closed again at the end of the test.
struct Writer {
    Writer(const TestDatabase &tdb, const QString &name)
        : name(QStringLiteral("pollorder_") + name)
        , db(Db::open(tdb.settings(), this->name))
    {
    }
    ~Writer()
    {
        db = QSqlDatabase();
        Db::close(name);
    }
    Q_DISABLE_COPY_MOVE(Writer)
    QString name;
    QSqlDatabase db;
};

} // namespace

void tst_PollOrder::seed(const QSqlDatabase &db, const QDateTime &at)
{
    Db::Transaction tx(db);
    for (int i = 0; i < SeedForms; ++i) {
        FormSpec f;
        f.id = QStringLiteral("f%1").arg(i);
        f.createdAt = at.addSecs(i);
        insertForm(db, f);
    }
    tx.commit();
}

void tst_PollOrder::lateCommitIsReported_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<bool>("insert");
    QTest::addRow("postgresql, update") << SqlDialect::PostgreSQL << false;
    QTest::addRow("postgresql, insert") << SqlDialect::PostgreSQL << true;
    QTest::addRow("sqlite, update") << SqlDialect::SQLite << false;
    QTest::addRow("sqlite, insert") << SqlDialect::SQLite << true;
}

// compose-api's pattern: the route takes the time, then its transaction writes it. Writer A took
// t1, writer B took a later t2 and committed first; the poll in between saw B's form and moved
// the mark to t2; then A commits its t1.
void tst_PollOrder::lateCommitIsReported()
{
    QFETCH(SqlDialect, dialect);
    QFETCH(bool, insert);
    TestDatabase tdb(dialect);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.createSeedOnlySchema();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    seed(tdb.connection(), now.addDays(-1));
    FormRepository repo(tdb.connection());
    repo.detect();
    FormRepository::ChangeMark mark = repo.newestChange();
    QCOMPARE(repo.changedSince(&mark, 100, 10), QStringList());

    const QString x = insert ? QStringLiteral("new_x") : QStringLiteral("f1");
    const QDateTime t1 = now.addSecs(-5); // A's clock, read before B's
    const QDateTime t2 = now;
    Writer writerA(tdb, QStringLiteral("a"));
    Writer writerB(tdb, QStringLiteral("b"));
    const QSqlDatabase &a = writerA.db;
    const QSqlDatabase &b = writerB.db;
    auto writeA = [&] {
        if (insert) {
            FormSpec f;
            f.id = x;
            f.createdAt = t1;
            insertForm(a, f);
        } else {
            execOn(a,
                   QStringLiteral("UPDATE compose_forms SET status = 'expired', updated_at = "
                                  "'%1' WHERE id = '%2'")
                       .arg(stamp(t1), x));
        }
    };
    {
        std::optional<Db::Transaction> txA;
        // PostgreSQL: A's row is written and uncommitted while B commits. SQLite has one writer
        // at a time: A waits for the lock (as compose-api's workers do) and writes after B.
        if (dialect == SqlDialect::PostgreSQL) {
            txA.emplace(a);
            writeA();
        }
        execOn(b,
               QStringLiteral("UPDATE compose_forms SET status = 'expired', updated_at = '%1' "
                              "WHERE id = 'f3'")
                   .arg(stamp(t2)));
        QCOMPARE(repo.changedSince(&mark, 100, 10), QStringList {QStringLiteral("f3")});
        QCOMPARE(mark.id, QStringLiteral("f3"));
        if (!txA) {
            txA.emplace(a);
            writeA();
        }
        txA->commit();
    }
    // Behind the mark, committed after it moved: reported by the next poll, then never again.
    QCOMPARE(repo.changedSince(&mark, 100, 10), QStringList {x});
    QCOMPARE(repo.changedSince(&mark, 100, 10), QStringList());
    QCOMPARE(mark.id, QStringLiteral("f3")); // the mark itself did not go back
    // Changed again, still behind the mark (another late writer): a new updated_at, reported.
    execOn(a,
           QStringLiteral("UPDATE compose_forms SET status = 'created', updated_at = '%1' "
                          "WHERE id = '%2'")
               .arg(stamp(t1.addSecs(1)), x));
    QCOMPARE(repo.changedSince(&mark, 100, 10), QStringList {x});
    QCOMPARE(repo.changedSince(&mark, 100, 10), QStringList());
}

void tst_PollOrder::lateCommitWithServerNow_data()
{
    QTest::addColumn<bool>("insert");
    QTest::addRow("update") << false;
    QTest::addRow("insert") << true;
}

// The shop's own backend writes updated_at = now(): the START of its transaction. A updates (or
// inserts) form X and stays open; B changes form Y and commits; the poll sees Y; A commits.
void tst_PollOrder::lateCommitWithServerNow()
{
    QFETCH(bool, insert);
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.createSeedOnlySchema();
    seed(tdb.connection(), QDateTime::currentDateTimeUtc().addDays(-1));
    FormRepository repo(tdb.connection());
    repo.detect();
    FormRepository::ChangeMark mark = repo.newestChange();

    const QString x = insert ? QStringLiteral("new_x") : QStringLiteral("f1");
    Writer writerA(tdb, QStringLiteral("a"));
    Writer writerB(tdb, QStringLiteral("b"));
    const QSqlDatabase &a = writerA.db;
    const QSqlDatabase &b = writerB.db;
    QString timeX;
    {
        Db::Transaction txA(a);
        if (insert) {
            execOn(a,
                   QStringLiteral("INSERT INTO compose_forms (id, package_type, song_count, "
                                  "form_data, generated_prompts, status, guest_email) VALUES "
                                  "('%1', 'solo-serenade', 1, '{}', '[]', 'created', "
                                  "'x@example.com')")
                       .arg(x));
        } else {
            execOn(a,
                   QStringLiteral("UPDATE compose_forms SET status = 'expired', updated_at = "
                                  "now() WHERE id = '%1'")
                       .arg(x));
        }
        QSqlQuery q(a);
        QVERIFY(q.exec(QStringLiteral("SELECT CAST(updated_at AS TEXT) FROM compose_forms "
                                      "WHERE id = '%1'")
                           .arg(x)));
        QVERIFY(q.next());
        timeX = q.value(0).toString();
        execOn(b,
               QStringLiteral(
                   "UPDATE compose_forms SET status = 'expired', updated_at = now() WHERE id = "
                   "'f3'"));
        QCOMPARE(repo.changedSince(&mark, 100, 10), QStringList {QStringLiteral("f3")});
        // The situation this test is about: Y's time is past X's, so X lands behind the mark.
        QVERIFY2(Db::readTimestamp(mark.time) > Db::readTimestamp(timeX),
                 qPrintable(mark.time + QStringLiteral(" vs ") + timeX));
        txA.commit();
    }
    QCOMPARE(repo.changedSince(&mark, 100, 10), QStringList {x});
    QCOMPARE(repo.changedSince(&mark, 100, 10), QStringList());
}

// What is remembered behind the mark is the last OverlapSeconds only: a form changed an hour
// later moves the window, and the rows it left are forgotten (memory stays bounded); they are
// not reported again either.
void tst_PollOrder::overlapWindowIsBounded()
{
    TestDatabase tdb(SqlDialect::SQLite);
    tdb.createSeedOnlySchema();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    seed(tdb.connection(), now.addSecs(-30)); // all five inside the window behind the newest
    FormRepository repo(tdb.connection());
    repo.detect();
    FormRepository::ChangeMark mark = repo.newestChange();
    QCOMPARE(mark.id, QStringLiteral("f4"));
    QCOMPARE(mark.recent.size(), SeedForms);
    tdb.exec(QStringLiteral("UPDATE compose_forms SET updated_at = '%1' WHERE id = 'f2'")
                 .arg(stamp(now.addSecs(3600))));
    QCOMPARE(repo.changedSince(&mark, 100, 10), QStringList {QStringLiteral("f2")});
    QCOMPARE(mark.recent.size(), 1);
    QCOMPARE(repo.changedSince(&mark, 100, 10), QStringList());
}

// The same through DataService's worker: polling on a PostgreSQL database without our trigger
// (as on a standby), A's form reported after B's, each exactly once.
void tst_PollOrder::dataServiceHearsLateCommit()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.createSeedOnlySchema();
    seed(tdb.connection(), QDateTime::currentDateTimeUtc().addDays(-1));
    DataService data;
    data.setPollInterval(50);
    QSignalSpy opened(&data, &DataService::opened);
    data.open(tdb.settings());
    QVERIFY(opened.wait(10000));
    QCOMPARE(data.liveMode(), DataService::LiveMode::Polling);
    QStringList reported;
    connect(&data, &DataService::formsChanged, this,
            [&reported](const QStringList &ids) { reported += ids; });

    Writer writerA(tdb, QStringLiteral("a"));
    Writer writerB(tdb, QStringLiteral("b"));
    const QSqlDatabase &a = writerA.db;
    const QSqlDatabase &b = writerB.db;
    {
        Db::Transaction txA(a);
        execOn(a,
               QStringLiteral(
                   "UPDATE compose_forms SET status = 'expired', updated_at = now() WHERE id = "
                   "'f1'"));
        execOn(b,
               QStringLiteral(
                   "UPDATE compose_forms SET status = 'expired', updated_at = now() WHERE id = "
                   "'f3'"));
        QTRY_VERIFY_WITH_TIMEOUT(reported.contains(QStringLiteral("f3")), 10000);
        txA.commit();
    }
    QTRY_VERIFY_WITH_TIMEOUT(reported.contains(QStringLiteral("f1")), 10000);
    // A later change is heard, and by then nothing came twice.
    execOn(b,
           QStringLiteral(
               "UPDATE compose_forms SET status = 'created', updated_at = now() WHERE id = 'f4'"));
    QTRY_VERIFY_WITH_TIMEOUT(reported.contains(QStringLiteral("f4")), 10000);
    QCOMPARE(reported.count(QStringLiteral("f1")), 1);
    QCOMPARE(reported.count(QStringLiteral("f3")), 1);
    QCOMPARE(reported.size(), 3);
    data.close();
}

QTEST_GUILESS_MAIN(tst_PollOrder)
#include "tst_pollorder.moc"
