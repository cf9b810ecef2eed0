// Db::CachedQuery (issue 14, compose-api under load): the form and generation reads of every
// GET /api/compose/forms are prepared once per connection instead of PREPARE + EXECUTE +
// DEALLOCATE per query. Checked on both dialects: the statements stay prepared on the server
// and answer every call with its own parameters, nesting gets a private statement, closing the
// connection drops them, and SQLite is not left holding a read snapshot.
#include "cachedquery.h"
#include "database.h"
#include "formstore.h"
#include "generationstore.h"
#include "seedrows.h"
#include "testdatabase.h"

#include <QSqlQuery>
#include <QTest>

using namespace compose;
using namespace compose::test;

class TestCachedQuery : public QObject {
    Q_OBJECT

private slots:
    void dialects_data();
    void readsReuseOneStatement_data() { dialects_data(); }
    void readsReuseOneStatement();
    void nestedUseGetsItsOwnStatement_data() { dialects_data(); }
    void nestedUseGetsItsOwnStatement();
    void reopeningDropsTheStatements_data() { dialects_data(); }
    void reopeningDropsTheStatements();
    void sqliteIsNotLeftReading();

private:
    static void seed(const QSqlDatabase &db)
    {
        FormSpec solo;
        solo.id = QStringLiteral("form_solo");
        insertCompleteForm(db, solo);
        FormSpec bundle;
        bundle.id = QStringLiteral("form_bundle");
        bundle.packageType = QStringLiteral("holiday-hamper");
        bundle.songCount = 3;
        insertCompleteForm(db, bundle);
    }
};

void TestCachedQuery::dialects_data()
{
    QTest::addColumn<int>("dialect");
    QTest::newRow("postgresql") << int(SqlDialect::PostgreSQL);
    QTest::newRow("sqlite") << int(SqlDialect::SQLite);
}

void TestCachedQuery::readsReuseOneStatement()
{
    QFETCH(int, dialect);
    TestDatabase tdb {SqlDialect(dialect)};
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    QSqlDatabase db = tdb.connection();
    seed(db);

    FormStore forms(db);
    GenerationStore generations(db);
    // Alternating forms: every call must bind its own id into the kept statement.
    for (int round = 0; round < 5; ++round) {
        for (const auto &[id, songs] : {std::pair {QStringLiteral("form_solo"), 1},
                                        std::pair {QStringLiteral("form_bundle"), 3}}) {
            const auto f = forms.find(id);
            QVERIFY(f);
            QCOMPARE(f->id, id);
            QCOMPARE(f->songCount, songs);
            const QList<GenerationRecord> g = generations.forForm(id);
            QCOMPARE(g.size(), songs * 3);
            for (const GenerationRecord &r : g)
                QCOMPARE(r.formId, id);
        }
        QVERIFY(!forms.find(QStringLiteral("form_missing")));
        QVERIFY(generations.forForm(QStringLiteral("form_missing")).isEmpty());
    }

    const QString sql = QStringLiteral("SELECT id FROM compose_forms WHERE id = :id");
    {
        Db::CachedQuery first(db, sql);
        QVERIFY(!first.reused());
    }
    {
        Db::CachedQuery second(db, sql);
        QVERIFY(second.reused());
        second.query().bindValue(QStringLiteral(":id"), QStringLiteral("form_bundle"));
        Db::exec(second.query());
        QVERIFY(second.query().next());
        QCOMPARE(second.query().value(0).toString(), QStringLiteral("form_bundle"));
    }

    if (SqlDialect(dialect) == SqlDialect::PostgreSQL) {
        // Three statements live on this session (find, forForm, the one above): each was
        // prepared once, not once per call (a per-call prepare deallocates, leaving none).
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM pg_prepared_statements")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 3);
    }
}

void TestCachedQuery::nestedUseGetsItsOwnStatement()
{
    QFETCH(int, dialect);
    TestDatabase tdb {SqlDialect(dialect)};
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    QSqlDatabase db = tdb.connection();
    seed(db);

    const QString sql = QStringLiteral("SELECT id, song_count FROM compose_forms WHERE id = :id");
    {
        Db::CachedQuery warm(db, sql);
    }
    Db::CachedQuery outer(db, sql);
    QVERIFY(outer.reused());
    outer.query().bindValue(QStringLiteral(":id"), QStringLiteral("form_solo"));
    Db::exec(outer.query());
    QVERIFY(outer.query().next());
    QCOMPARE(outer.query().value(0).toString(), QStringLiteral("form_solo"));
    {
        // The same statement while the outer one is still in use: a private one, so the
        // outer result is not replaced under its reader.
        Db::CachedQuery inner(db, sql);
        QVERIFY(!inner.reused());
        inner.query().bindValue(QStringLiteral(":id"), QStringLiteral("form_bundle"));
        Db::exec(inner.query());
        QVERIFY(inner.query().next());
        QCOMPARE(inner.query().value(1).toInt(), 3);
    }
    QCOMPARE(outer.query().value(0).toString(), QStringLiteral("form_solo"));
    QCOMPARE(outer.query().value(1).toInt(), 1);
}

void TestCachedQuery::reopeningDropsTheStatements()
{
    QFETCH(int, dialect);
    TestDatabase tdb {SqlDialect(dialect)};
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    seed(tdb.connection());

    const QString name = QStringLiteral("cachedquery-reopen");
    for (int i = 0; i < 3; ++i) {
        // A new session each time: a statement kept from the old one would not exist there
        // (PostgreSQL: "prepared statement does not exist").
        QSqlDatabase db = Db::open(tdb.settings(), name);
        const auto f = FormStore(db).find(QStringLiteral("form_bundle"));
        QVERIFY(f);
        QCOMPARE(GenerationStore(db).forForm(f->id).size(), 9);
        if (i == 2) {
            Db::close(name);
            QVERIFY(!QSqlDatabase::contains(name));
        }
    }
}

void TestCachedQuery::sqliteIsNotLeftReading()
{
    TestDatabase tdb(SqlDialect::SQLite);
    tdb.migrate();
    QSqlDatabase reader = tdb.connection();
    seed(reader);
    QVERIFY(FormStore(reader).find(QStringLiteral("form_solo")));
    QCOMPARE(GenerationStore(reader).forForm(QStringLiteral("form_solo")).size(), 3);

    // Another connection writes and truncates the WAL: it can only do so when no statement of
    // the reader still holds a read snapshot (busy = 1 otherwise).
    const QString writerName = QStringLiteral("cachedquery-writer");
    {
        QSqlDatabase writer = Db::open(tdb.settings(), writerName);
        Db::execSql(writer,
                    QStringLiteral("UPDATE compose_forms SET status = 'created' WHERE id = "
                                   "'form_solo'"));
        QSqlQuery q(writer);
        QVERIFY(q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }
    Db::close(writerName);
    // And the reader sees the change through its kept statement.
    QCOMPARE(FormStore(reader).find(QStringLiteral("form_solo"))->statusKey,
             QStringLiteral("created"));
}

QTEST_GUILESS_MAIN(TestCachedQuery)
#include "tst_cachedquery.moc"
