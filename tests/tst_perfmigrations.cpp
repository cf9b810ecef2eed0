#include "database.h"
#include "formrepository.h"
#include "seedrows.h"
#include "testdatabase.h"

#include <QTest>

#include <map>

using namespace compose;
using namespace compose::test;

// The performance migrations (indexes, the funnel rollup, the sort indexes) and the query
// shapes that use them must change speed only: the same data in a seed-only and in a fully
// migrated database gives the same funnel, the same list in the same order at every page
// boundary, the same search hits and the same detail.
class tst_PerfMigrations : public QObject {
    Q_OBJECT
private slots:
    void initTestCase_data();
    void init();
    void cleanupTestCase();

    void funnelIsTheSame_data();
    void funnelIsTheSame();
    void everySortPagesTheSame_data();
    void everySortPagesTheSame();
    void searchIsTheSame_data();
    void searchIsTheSame();
    void detailIsTheSame();
    void searchJumpsAreTheSame_data();
    void searchJumpsAreTheSame();
    void searchCopyFollowsEveryWrite();
    void searchReadsTheCopyOnlyForItsShape();

private:
    void fill(const QSqlDatabase &db, SqlDialect dialect);
    static QStringList walk(FormRepository &repo, const FormListQuery &q, int pageSize);

    // Filled once per dialect (QtTest runs every function for each dialect in turn): making and
    // migrating databases is the slow part, the comparisons are read-only.
    struct Pair {
        std::unique_ptr<TestDatabase> seedDb;
        std::unique_ptr<TestDatabase> fullDb;
        std::unique_ptr<FormRepository> seed;
        std::unique_ptr<FormRepository> full;
        int forms = 0;
    };
    std::map<SqlDialect, Pair> m_pairs;
    FormRepository *m_seed = nullptr;
    FormRepository *m_full = nullptr;
    int m_forms = 0;
    const QDateTime m_now = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
};

void tst_PerfMigrations::initTestCase_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addRow("postgresql") << SqlDialect::PostgreSQL;
    QTest::addRow("sqlite") << SqlDialect::SQLite;
}

void tst_PerfMigrations::fill(const QSqlDatabase &db, SqlDialect dialect)
{
    insertUser(db, QStringLiteral("u1"), QStringLiteral("Ann@Shop.test"), QStringLiteral("Ann"));
    insertUser(db, QStringLiteral("u2"), QStringLiteral("bo@shop.test"), QStringLiteral("Bo"));
    const QStringList statuses {QStringLiteral("created"),
                                QStringLiteral("prompts_generated"),
                                QStringLiteral("variations_ready"),
                                QStringLiteral("payment_initiated"),
                                QStringLiteral("payment_completed"),
                                QStringLiteral("delivered"),
                                QStringLiteral("expired"),
                                QStringLiteral("refunded"),
                                QStringLiteral("on_hold")};
    const QStringList names {QStringLiteral("Ada"),     QStringLiteral("ada"),
                             QStringLiteral("Bea Ann"), QStringLiteral("Cyril"),
                             QStringLiteral("Dora"),    QStringLiteral("Zoë"),
                             QStringLiteral("Hannah"),  QStringLiteral("Joanne")};
    m_forms = 0;
    for (int i = 0; i < 70; ++i) {
        FormSpec f;
        f.id = QStringLiteral("f%1").arg((i * 37) % 101, 3, 10,
                                         QLatin1Char('0')); // ids not in time order
        f.status = statuses.at(i % statuses.size());
        const int kind = i % 11;
        if (kind == 3)
            f.formData = QStringLiteral(R"({"theme":"no recipient"})");
        else if (kind == 7)
            f.formData = QStringLiteral(R"({"recipientName": 42})");
        else if (kind == 9)
            f.formData = QStringLiteral("[1, 2]");
        else
            f.formData = QStringLiteral(R"({"recipientName":"%1","senderName":"S"})")
                             .arg(names.at(i % names.size()));
        // Many ties: sort values repeat so the id must break them at page boundaries.
        f.createdAt = m_now.addDays(-(i % 9) * 13).addSecs(i % 2 ? 0 : 60);
        f.updatedAt = f.createdAt.addSecs(3600 * (i % 3));
        f.packageType = i % 3 ? QStringLiteral("solo-serenade") : QStringLiteral("holiday-hamper");
        f.songCount = i % 3 ? 1 : 3;
        if (i % 4 == 0) {
            f.amountPaid = i % 8 ? 999 : 499;
            f.paidAt = f.createdAt.addSecs(600);
            f.stripeSessionId = QStringLiteral("cs_%1").arg(i);
            f.stripePaymentIntentId = QStringLiteral("pi_%1").arg(i);
        }
        if (i % 5 == 0) {
            f.userId = i % 10 ? QStringLiteral("u1") : QStringLiteral("u2");
            f.guestEmail = std::nullopt;
        } else {
            f.guestEmail = QStringLiteral("Guest%1@Example.com").arg(i % 17);
        }
        insertCompleteForm(db, f);
        if (i % 4 == 0)
            insertOrder(db, QStringLiteral("o%1").arg(i), f.id, f.amountPaid.value_or(0), f.userId,
                        f.guestEmail);
        ++m_forms;
    }
    // NULL sort values: paid forms lose their expiry, one form has no timestamps at all.
    Db::execSql(
        db,
        QStringLiteral("UPDATE compose_forms SET expires_at = NULL WHERE amount_paid IS NOT NULL"));
    Db::execSql(
        db,
        QStringLiteral(
            "UPDATE compose_forms SET updated_at = NULL, created_at = NULL WHERE id = 'f037'"));
    if (dialect == SqlDialect::SQLite) {
        FormSpec bad;
        bad.id = QStringLiteral("f_malformed");
        bad.formData = QStringLiteral("{not json");
        bad.createdAt = m_now.addDays(-4);
        insertForm(db, bad);
        ++m_forms;
    }
}

void tst_PerfMigrations::init()
{
    QFETCH_GLOBAL(SqlDialect, dialect);
    Pair &p = m_pairs[dialect];
    if (!p.seedDb) {
        p.seedDb = std::make_unique<TestDatabase>(dialect);
        p.fullDb = std::make_unique<TestDatabase>(dialect);
    }
    COMPOSE_REQUIRE_DB(*p.seedDb);
    if (!p.seed) {
        p.seedDb->createSeedOnlySchema();
        p.fullDb->migrate();
        fill(p.seedDb->connection(), dialect);
        fill(p.fullDb->connection(), dialect);
        p.forms = m_forms;
        p.seed = std::make_unique<FormRepository>(p.seedDb->connection());
        p.full = std::make_unique<FormRepository>(p.fullDb->connection());
        QCOMPARE(p.seed->detect().schemaVersion, 0);
        QVERIFY(p.full->detect().schemaVersion >= 4);
    }
    m_seed = p.seed.get();
    m_full = p.full.get();
    m_forms = p.forms;
}

void tst_PerfMigrations::cleanupTestCase()
{
    m_pairs.clear();
}

void tst_PerfMigrations::funnelIsTheSame_data()
{
    QTest::addColumn<QDate>("from");
    QTest::addColumn<QDate>("to");
    QTest::addColumn<QString>("package");
    const QDate today = m_now.date();
    QTest::addRow("all time") << QDate() << QDate() << QString();
    QTest::addRow("last 30 days") << today.addDays(-29) << today << QString();
    QTest::addRow("one day") << today.addDays(-26) << today.addDays(-26) << QString();
    QTest::addRow("range and package")
        << today.addDays(-60) << today.addDays(-13) << QStringLiteral("holiday-hamper");
    QTest::addRow("open start") << QDate() << today.addDays(-40) << QStringLiteral("solo-serenade");
    QTest::addRow("open end") << today.addDays(-40) << QDate() << QString();
    QTest::addRow("future") << today.addDays(10) << today.addDays(20) << QString();
}

void tst_PerfMigrations::funnelIsTheSame()
{
    QFETCH(QDate, from);
    QFETCH(QDate, to);
    QFETCH(QString, package);
    auto counts = [&](FormRepository &repo) {
        QMap<QString, qint64> m;
        for (const StatusCount &c : repo.funnel({from, to, package}).counts)
            m.insert(c.statusKey, c.forms);
        return m;
    };
    const auto seed = counts(*m_seed);
    QCOMPARE(counts(*m_full), seed);
    if (!from.isValid() && !to.isValid() && package.isEmpty()) {
        qint64 total = 0;
        for (qint64 n : seed)
            total += n;
        QCOMPARE(total, qint64(m_forms));
    }
}

QStringList tst_PerfMigrations::walk(FormRepository &repo, const FormListQuery &q, int pageSize)
{
    QStringList ids;
    ListCursor cursor;
    int pages = 0;
    do {
        const FormPage p = repo.page(q, cursor, pageSize);
        if (p.rows.size() > pageSize || ++pages > 500)
            return {QStringLiteral("runaway paging")};
        for (const FormSummary &s : p.rows)
            ids << s.id;
        cursor = p.next;
    } while (cursor.isValid());
    return ids;
}

void tst_PerfMigrations::everySortPagesTheSame_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("search");
    for (int k = ListSort::Id; k <= ListSort::Expires; ++k) {
        QTest::addRow("key%d-asc", k) << k << Qt::AscendingOrder << QString() << QString();
        QTest::addRow("key%d-desc", k) << k << Qt::DescendingOrder << QString() << QString();
        QTest::addRow("key%d-desc-status", k)
            << k << Qt::DescendingOrder << QStringLiteral("delivered") << QString();
        QTest::addRow("key%d-asc-search", k)
            << k << Qt::AscendingOrder << QString() << QStringLiteral("an");
        // "a": most names, and f037 (updated_at NULL) among them, so the copy's NULL part too.
        QTest::addRow("key%d-desc-search", k)
            << k << Qt::DescendingOrder << QString() << QStringLiteral("a");
        QTest::addRow("key%d-asc-search-a", k)
            << k << Qt::AscendingOrder << QString() << QStringLiteral("a");
    }
}

void tst_PerfMigrations::everySortPagesTheSame()
{
    QFETCH(int, key);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QString, status);
    QFETCH(QString, search);
    FormListQuery q;
    q.sort = {ListSort::Key(key), order};
    q.statusKey = status;
    q.search = search;
    const QStringList whole = walk(*m_seed, q, 1000);
    if (status.isEmpty() && search.isEmpty())
        QCOMPARE(whole.size(), m_forms);
    QCOMPARE(QSet<QString>(whole.begin(), whole.end()).size(), whole.size());
    // Page sizes that put boundaries inside runs of equal values and at the NULL switch.
    for (int size : {1, 4, 7}) {
        QCOMPARE(walk(*m_seed, q, size), whole);
        QCOMPARE(walk(*m_full, q, size), whole);
    }
}

void tst_PerfMigrations::searchIsTheSame_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("atLeast");
    QTest::addRow("form id") << QStringLiteral("f037") << 1;
    QTest::addRow("guest e-mail") << QStringLiteral("guest3@example.com") << 1;
    QTest::addRow("account e-mail, any case") << QStringLiteral("ann@SHOP.test") << 1;
    QTest::addRow("session") << QStringLiteral("cs_8") << 1;
    QTest::addRow("payment intent") << QStringLiteral("pi_12") << 1;
    QTest::addRow("recipient substring") << QStringLiteral("ANN") << 3;
    QTest::addRow("non-ascii") << QStringLiteral("zoë") << 1;
    QTest::addRow("nothing") << QStringLiteral("no-such-thing") << 0;
}

void tst_PerfMigrations::searchIsTheSame()
{
    QFETCH(QString, text);
    QFETCH(int, atLeast);
    FormListQuery q;
    q.search = text;
    const QStringList seed = walk(*m_seed, q, 5);
    QVERIFY2(seed.size() >= atLeast, qPrintable(seed.join(QLatin1Char(','))));
    QCOMPARE(walk(*m_full, q, 5), seed);
}

void tst_PerfMigrations::detailIsTheSame()
{
    for (const QString &id :
         {QStringLiteral("f000"), QStringLiteral("f037"), QStringLiteral("f074")}) {
        const auto a = m_seed->detail(id);
        const auto b = m_full->detail(id);
        QVERIFY(a && b);
        QCOMPARE(b->summary.id, a->summary.id);
        QCOMPARE(b->summary.email, a->summary.email);
        QCOMPARE(b->summary.recipient.display(), a->summary.recipient.display());
        QCOMPARE(b->variations.size(), a->variations.size());
        QCOMPARE(b->orders.size(), a->orders.size());
        QCOMPARE(b->customer.name, a->customer.name);
    }
    QVERIFY(!m_full->detail(QStringLiteral("nope")));
}

void tst_PerfMigrations::searchJumpsAreTheSame_data()
{
    QTest::addColumn<QString>("search");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addRow("a, newest first") << QStringLiteral("a") << Qt::DescendingOrder;
    QTest::addRow("a, oldest first") << QStringLiteral("a") << Qt::AscendingOrder;
    QTest::addRow("ann, newest first") << QStringLiteral("ann") << Qt::DescendingOrder;
    QTest::addRow("hannah, oldest first") << QStringLiteral("hannah") << Qt::AscendingOrder;
}

// A jump (window(): a seek of `skip` rows from a cursor, then a page) inside a search result
// lands on the same rows with the copy's seek (PostgreSQL, migrated) as without it: from the
// start and from every row, across the NULL part and past the end.
void tst_PerfMigrations::searchJumpsAreTheSame()
{
    QFETCH(QString, search);
    QFETCH(Qt::SortOrder, order);
    FormListQuery q;
    q.search = search;
    q.sort = {ListSort::Updated, order};
    QList<ListCursor> cursors {ListCursor {}};
    for (ListCursor c;;) {
        const FormPage p = m_full->page(q, c, 1);
        if (!p.next.isValid())
            break;
        cursors << p.next;
        c = p.next;
    }
    QVERIFY(cursors.size() >= 3);
    auto ids = [](const FormPage &p) {
        QStringList out;
        for (const FormSummary &s : p.rows)
            out << s.id;
        return out;
    };
    const QStringList whole = walk(*m_seed, q, 1000);
    for (qsizetype at = 0; at < cursors.size(); ++at) {
        for (const int skip : {1, 2, 3, 5, 8, 13, 1000}) {
            const QStringList seed = ids(m_seed->window(q, cursors.at(at), skip, 3));
            QCOMPARE(ids(m_full->window(q, cursors.at(at), skip, 3)), seed);
            QCOMPARE(seed, whole.mid(at + skip, 3));
        }
    }
}

// compose_form_search (migration 013) must equal what it copies after every kind of write to
// compose_forms, including those a shop's own code makes directly.
void tst_PerfMigrations::searchCopyFollowsEveryWrite()
{
    QFETCH_GLOBAL(SqlDialect, dialect);
    TestDatabase db(dialect);
    COMPOSE_REQUIRE_DB(db);
    db.migrate();
    if (dialect != SqlDialect::PostgreSQL) {
        // The copy is PostgreSQL's; SQLite (the demo) searches its few forms directly.
        QVERIFY(!Db::hasTable(db.connection(), QStringLiteral("compose_form_search")));
        return;
    }
    fill(db.connection(), dialect); // inserts, then updates of updated_at to NULL
    const QString copy = QStringLiteral(
        "SELECT string_agg(form_id || '|' || COALESCE(updated_at::text, '-') || '|' || "
        "COALESCE(recipient, '-'), ',' ORDER BY form_id) FROM compose_form_search");
    const QString truth = QStringLiteral(
        "SELECT string_agg(id || '|' || COALESCE(updated_at::text, '-') || '|' || "
        "COALESCE(lower(form_data->>'recipientName'), '-'), ',' ORDER BY id) FROM compose_forms");
    auto same = [&](const char *after) {
        const QString c = db.text(copy);
        const QString t = db.text(truth);
        if (c != t)
            qWarning("after %s:\ncopy  %s\nforms %s", after, qPrintable(c), qPrintable(t));
        return c == t;
    };
    QVERIFY(same("the fill"));
    QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM compose_form_search")), m_forms);

    db.exec(QStringLiteral("UPDATE compose_forms SET updated_at = updated_at + interval '1 "
                           "second' WHERE id IN ('f000', 'f074')"));
    QVERIFY(same("a new updated_at"));
    db.exec(QStringLiteral("UPDATE compose_forms SET form_data = jsonb_set(form_data, "
                           "'{recipientName}', '\"Élodie\"') WHERE id = 'f000'"));
    QVERIFY(same("a renamed recipient"));
    db.exec(QStringLiteral("UPDATE compose_forms SET form_data = '{\"theme\":\"none\"}' WHERE "
                           "id = 'f074'"));
    QVERIFY(same("a recipient removed"));
    db.exec(QStringLiteral("UPDATE compose_forms SET updated_at = NULL WHERE id = 'f000'"));
    db.exec(QStringLiteral("UPDATE compose_forms SET updated_at = now() WHERE id = 'f037'"));
    QVERIFY(same("updated_at to and from NULL"));
    // A status change that keeps updated_at writes nothing to the copy (the WHEN clause): its
    // row is where it was.
    const QString where
        = QStringLiteral("SELECT ctid::text FROM compose_form_search WHERE form_id = 'f000'");
    const QString at = db.text(where);
    db.exec(QStringLiteral("UPDATE compose_forms SET status = 'delivered' WHERE id = 'f000'"));
    QVERIFY(same("a status change"));
    QCOMPARE(db.text(where), at);
    db.exec(QStringLiteral("UPDATE compose_forms SET updated_at = now() WHERE id = 'f000'"));
    QVERIFY(db.text(where) != at);
    // A form of its own for the writes the fill's references would stop (its status event
    // references it; the test takes that away first).
    FormSpec bare;
    bare.id = QStringLiteral("fx1");
    bare.formData = QStringLiteral(R"({"recipientName":"Quinn"})");
    bare.createdAt = m_now;
    bare.updatedAt = m_now;
    insertForm(db.connection(), bare);
    QVERIFY(same("an insert"));
    db.exec(QStringLiteral("DELETE FROM compose_form_events WHERE form_id = 'fx1'"));
    db.exec(QStringLiteral("UPDATE compose_forms SET id = 'fx2' WHERE id = 'fx1'"));
    QVERIFY(same("a new id"));
    // A row the copy lost (no write should lose one; this is the self-repair): the form's next
    // update writes it back.
    db.exec(QStringLiteral("DELETE FROM compose_form_search WHERE form_id = 'f074'"));
    QVERIFY(!same("a row lost behind the triggers' back"));
    db.exec(QStringLiteral("UPDATE compose_forms SET updated_at = now() WHERE id = 'f074'"));
    QVERIFY(same("a lost row's next update"));
    // A rolled-back write leaves the copy as it was.
    {
        Db::Transaction tx(db.connection());
        db.exec(QStringLiteral("UPDATE compose_forms SET updated_at = now() - interval '9 days'"));
        db.exec(QStringLiteral("DELETE FROM compose_forms WHERE id = 'fx2'"));
    }
    QVERIFY(same("a rollback"));
    QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM compose_form_search WHERE form_id = "
                                     "'fx2'")),
             1);
    db.exec(QStringLiteral("DELETE FROM compose_forms WHERE id = 'fx2'"));
    QVERIFY(same("a delete"));
    db.exec(QStringLiteral("TRUNCATE compose_forms CASCADE"));
    QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM compose_form_search")), 0);
}

// The search's recipient arm reads the copy in the updated order with no other filter, and
// compose_forms otherwise: a row taken out of the copy behind the triggers' back is missing
// from the first and still found by the others. (Only a test does that to the copy.)
void tst_PerfMigrations::searchReadsTheCopyOnlyForItsShape()
{
    QFETCH_GLOBAL(SqlDialect, dialect);
    TestDatabase db(dialect);
    COMPOSE_REQUIRE_DB(db);
    db.migrate();
    fill(db.connection(), dialect);
    FormRepository repo(db.connection());
    const bool pg = dialect == SqlDialect::PostgreSQL;
    QCOMPARE(repo.detect().hasSearchCopy, pg);
    FormListQuery q;
    q.search = QStringLiteral("hannah");
    FormListQuery byCreated = q;
    byCreated.sort = {ListSort::Created, Qt::DescendingOrder};
    const QStringList all = walk(repo, q, 3);
    QVERIFY(all.size() >= 3);
    QCOMPARE(walk(repo, byCreated, 3).size(), all.size());
    if (!pg)
        return;
    db.exec(QStringLiteral("DELETE FROM compose_form_search WHERE form_id = '%1'").arg(all.at(1)));
    QStringList without = all;
    without.removeAt(1);
    QCOMPARE(walk(repo, q, 3), without);
    q.sort.order = Qt::AscendingOrder;
    std::reverse(without.begin(), without.end());
    QCOMPARE(walk(repo, q, 3), without);
    QCOMPARE(walk(repo, byCreated, 3).size(), all.size());
    // The exact arm never reads the copy: the form is found by its id.
    FormListQuery byId;
    byId.search = all.at(1);
    QCOMPARE(walk(repo, byId, 3), QStringList {all.at(1)});
}

QTEST_GUILESS_MAIN(tst_PerfMigrations)
#include "tst_perfmigrations.moc"
