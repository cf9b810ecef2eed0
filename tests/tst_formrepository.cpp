#include "database.h"
#include "formrepository.h"
#include "seedrows.h"
#include "testdatabase.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>
#include <map>

using namespace compose;
using namespace compose::test;

namespace {

// SQL's lower() in the C locale (the test cluster's and SQLite's): ASCII letters only.
QString asciiLower(QString s)
{
    for (QChar &c : s)
        if (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            c = QChar(c.unicode() + ('a' - 'A'));
    return s;
}

// The list order worked out here from the raw rows, not by the repository: the sort value in
// the asked direction with NULL last either way, then the id in the same direction.
QStringList expectedOrder(const QSqlDatabase &db, ListSort::Key key, Qt::SortOrder order)
{
    struct Row {
        QString id;
        QVariant value; // null: NULL in SQL
    };
    QList<Row> rows;
    QSqlQuery q(db);
    if (!q.exec(
            QStringLiteral("SELECT id, CAST(form_data AS TEXT), package_type, status, amount_paid, "
                           "created_at, updated_at, expires_at FROM compose_forms")))
        qFatal("%s", qPrintable(q.lastError().text()));
    while (q.next()) {
        Row r {q.value(0).toString(), {}};
        switch (key) {
        case ListSort::Id:
            r.value = r.id;
            break;
        case ListSort::Recipient: {
            const QJsonDocument doc = QJsonDocument::fromJson(q.value(1).toString().toUtf8());
            const QJsonValue v = doc.isObject()
                ? doc.object().value(QStringLiteral("recipientName"))
                : QJsonValue();
            if (v.isString())
                r.value = asciiLower(v.toString());
            else if (v.isDouble())
                r.value = QString::number(v.toDouble());
            break;
        }
        case ListSort::Package:
            r.value = q.isNull(2) ? QVariant() : q.value(2).toString();
            break;
        case ListSort::Status:
            r.value = q.isNull(3) ? QVariant() : q.value(3).toString();
            break;
        case ListSort::Amount:
            r.value = q.isNull(4) ? QVariant() : QVariant(q.value(4).toLongLong());
            break;
        case ListSort::Created:
        case ListSort::Updated:
        case ListSort::Expires: {
            const int column = key == ListSort::Created ? 5 : key == ListSort::Updated ? 6 : 7;
            const QDateTime t = Db::readTimestamp(q.value(column));
            if (t.isValid())
                r.value = t;
            break;
        }
        }
        rows << r;
    }
    const bool desc = order == Qt::DescendingOrder;
    std::sort(rows.begin(), rows.end(), [&](const Row &a, const Row &b) {
        if (a.value.isNull() != b.value.isNull())
            return b.value.isNull();
        if (!a.value.isNull()) {
            const QPartialOrdering c = QVariant::compare(a.value, b.value);
            if (c == QPartialOrdering::Less)
                return !desc;
            if (c == QPartialOrdering::Greater)
                return desc;
        }
        return desc ? a.id > b.id : a.id < b.id;
    });
    QStringList ids;
    for (const Row &r : std::as_const(rows))
        ids << r.id;
    return ids;
}

} // namespace

// The dashboard's queries against real PostgreSQL (with and without our migrations) and
// SQLite, on seed-shaped rows including the messy ones real data has.
class tst_FormRepository : public QObject {
    Q_OBJECT
private slots:
    void initTestCase_data();
    void init();
    void cleanup();
    void cleanupTestCase();

    void detectsSchema();
    void funnelEqualsGroupBy();
    void funnelDateRangeAndPackage();
    void pagingVisitsEveryRowOnceInOrder_data();
    void pagingVisitsEveryRowOnceInOrder();
    void filtersByStatusAndOther();
    void search_data();
    void search();
    void detailMergesJsonAndGenerations();
    void messyRowsStayVisible();
    void missingFormIsNotFound();
    void searchArmsMergeInListOrder_data();
    void searchArmsMergeInListOrder();

    // Last: it adds rows (a share slug, an order, a customer's second form).
    void slugOrderHiddenAndCustomer();

private:
    // One database per global data row, shared by all test functions (created on first use).
    std::map<QString, std::pair<std::unique_ptr<TestDatabase>, std::unique_ptr<FormRepository>>>
        m_cache;
    TestDatabase *m_tdb = nullptr;
    FormRepository *m_repo = nullptr;
    QDateTime m_now = QDateTime(QDate(2026, 11, 20), QTime(12, 0), Qt::UTC);
};

void tst_FormRepository::initTestCase_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<bool>("migrated");
    QTest::addRow("postgresql-migrated") << SqlDialect::PostgreSQL << true;
    QTest::addRow("postgresql-seed-only") << SqlDialect::PostgreSQL << false;
    QTest::addRow("sqlite") << SqlDialect::SQLite << true;
}

void tst_FormRepository::init()
{
    QFETCH_GLOBAL(SqlDialect, dialect);
    QFETCH_GLOBAL(bool, migrated);
    // One database per global row, shared by its test functions: they only read, except
    // detailMergesJsonAndGenerations, whose changes to form_03 no other check depends on.
    const QString tag = QStringLiteral("%1-%2").arg(int(dialect)).arg(migrated);
    if (m_cache.count(tag)) {
        auto &[tdb, repo] = m_cache.at(tag);
        m_tdb = tdb.get();
        m_repo = repo.get();
        COMPOSE_REQUIRE_DB(
            *m_tdb); // every function of an unavailable row skips, not only the first
        return;
    }
    auto &slot = m_cache[tag];
    slot.first = std::make_unique<TestDatabase>(dialect);
    m_tdb = slot.first.get();
    COMPOSE_REQUIRE_DB(*m_tdb);
    if (migrated)
        m_tdb->migrate();
    else
        m_tdb->createSeedOnlySchema();
    QSqlDatabase db = m_tdb->connection();
    insertUser(db, QStringLiteral("u1"), QStringLiteral("User@Shop.test"), QStringLiteral("Uma"));

    const QStringList statuses {QStringLiteral("created"),
                                QStringLiteral("prompts_generated"),
                                QStringLiteral("variations_generating"),
                                QStringLiteral("variations_ready"),
                                QStringLiteral("payment_initiated"),
                                QStringLiteral("payment_completed"),
                                QStringLiteral("delivered"),
                                QStringLiteral("expired"),
                                QStringLiteral("on_hold")};
    const QStringList names {
        QStringLiteral("Ada"),  QStringLiteral("Bea"),      QStringLiteral("Cyril Samuel"),
        QStringLiteral("Dora"), QStringLiteral("Eve_100%"), QStringLiteral("Finn"),
        QStringLiteral("Gus"),  QStringLiteral("Hal"),      QStringLiteral("Ivy")};
    for (int i = 0; i < statuses.size(); ++i) {
        FormSpec f;
        f.id = QStringLiteral("form_%1").arg(i, 2, 10, QLatin1Char('0'));
        f.status = statuses.at(i);
        f.formData
            = QStringLiteral(R"({"recipientName":"%1","senderName":"S%2","theme":"birthday"})")
                  .arg(names.at(i))
                  .arg(i);
        f.createdAt = m_now.addDays(-i * 5); // 0, 5, 10 ... 40 days ago
        f.updatedAt = f.createdAt.addSecs(3600 * (i % 3));
        f.packageType = i % 2 ? QStringLiteral("holiday-hamper") : QStringLiteral("solo-serenade");
        f.songCount = i % 2 ? 3 : 1;
        if (statuses.at(i) == QLatin1String("payment_completed")
            || statuses.at(i) == QLatin1String("delivered")) {
            f.amountPaid = 999;
            f.paidAt = f.createdAt.addSecs(600);
            f.stripeSessionId = QStringLiteral("cs_test_%1").arg(i);
            f.stripePaymentIntentId = QStringLiteral("pi_%1").arg(i);
        }
        if (i == 5) {
            f.userId = QStringLiteral("u1");
            f.guestEmail = std::nullopt;
        } else {
            f.guestEmail = QStringLiteral("Guest%1@Example.com").arg(i);
        }
        insertCompleteForm(db, f);
    }
    // Messy rows.
    FormSpec arr;
    arr.id = QStringLiteral("form_array");
    arr.formData = QStringLiteral("[1, 2]");
    arr.generatedPrompts = QStringLiteral(R"("just one prompt")");
    arr.createdAt = m_now.addDays(-1);
    insertForm(db, arr);
    FormSpec num;
    num.id = QStringLiteral("form_number");
    num.formData = QStringLiteral(R"({"recipientName": 42, "extraKey": {"a": 1}})");
    num.variationTaskIds = QStringLiteral(R"({"0": "not-a-list"})");
    num.selectedVariations = QStringLiteral(R"({"0": "2"})");
    num.createdAt = m_now.addDays(-2);
    insertForm(db, num);
    FormSpec markup;
    markup.id = QStringLiteral("form_markup");
    markup.formData = QStringLiteral(R"({"recipientName":"<b>Bob</b> <a href=\"x\">y</a>"})");
    markup.createdAt = m_now.addDays(-3);
    markup.status = QStringLiteral("delivered");
    markup.amountPaid = 499;
    insertForm(db, markup);
    if (dialect == SqlDialect::SQLite) {
        FormSpec bad;
        bad.id = QStringLiteral("form_malformed");
        bad.formData = QStringLiteral("{not json");
        bad.createdAt = m_now.addDays(-4);
        insertForm(db, bad);
    }
    slot.second = std::make_unique<FormRepository>(db);
    m_repo = slot.second.get();
    m_repo->detect();
}

void tst_FormRepository::cleanup() { }

void tst_FormRepository::cleanupTestCase()
{
    m_repo = nullptr;
    m_tdb = nullptr;
    m_cache.clear();
}

void tst_FormRepository::detectsSchema()
{
    QFETCH_GLOBAL(SqlDialect, dialect);
    QFETCH_GLOBAL(bool, migrated);
    const Capabilities c = m_repo->capabilities();
    QCOMPARE(c.dialect, dialect);
    QCOMPARE(c.schemaVersion > 0, migrated);
    QCOMPARE(c.hasEvents, migrated);
    QCOMPARE(c.notifications, migrated && dialect == SqlDialect::PostgreSQL);
    QCOMPARE(c.hasFunnelRollup, migrated && dialect == SqlDialect::PostgreSQL);
}

void tst_FormRepository::funnelEqualsGroupBy()
{
    QMap<QString, qint64> expected;
    QSqlQuery q(m_tdb->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT status, count(*) FROM compose_forms GROUP BY status")));
    while (q.next())
        expected.insert(q.value(0).toString(), q.value(1).toLongLong());
    QMap<QString, qint64> got;
    for (const StatusCount &c : m_repo->funnel({}).counts)
        got.insert(c.statusKey, c.forms);
    QCOMPARE(got, expected);
    QCOMPARE(got.value(QStringLiteral("on_hold")), 1); // unknown statuses are counted, not dropped
}

void tst_FormRepository::funnelDateRangeAndPackage()
{
    // Created 0, 5, ... 40 days before m_now: the last 7 days (inclusive) hold days 0 and 5,
    // plus the messy rows created 1-4 days ago.
    FunnelQuery week {m_now.date().addDays(-6), m_now.date(), {}};
    qint64 n = 0;
    for (const StatusCount &c : m_repo->funnel(week).counts)
        n += c.forms;
    QSqlQuery q(m_tdb->connection());
    q.prepare(QStringLiteral(
        "SELECT count(*) FROM compose_forms WHERE created_at >= :a AND created_at < :b"));
    q.bindValue(QStringLiteral(":a"), Db::timestamp(week.from.startOfDay(Qt::UTC)));
    q.bindValue(QStringLiteral(":b"), Db::timestamp(week.to.addDays(1).startOfDay(Qt::UTC)));
    QVERIFY(q.exec() && q.next());
    QCOMPARE(n, q.value(0).toLongLong());
    QVERIFY(n >= 2);

    FunnelQuery bundles {{}, {}, QStringLiteral("holiday-hamper")};
    qint64 b = 0;
    for (const StatusCount &c : m_repo->funnel(bundles).counts)
        b += c.forms;
    QCOMPARE(b, 4); // i = 1, 3, 5, 7
}

void tst_FormRepository::pagingVisitsEveryRowOnceInOrder_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<Qt::SortOrder>("order");
    for (int k = ListSort::Id; k <= ListSort::Expires; ++k) {
        QTest::addRow("key%d-asc", k) << k << Qt::AscendingOrder;
        QTest::addRow("key%d-desc", k) << k << Qt::DescendingOrder;
    }
}

void tst_FormRepository::pagingVisitsEveryRowOnceInOrder()
{
    QFETCH(int, key);
    QFETCH(Qt::SortOrder, order);
    FormListQuery query;
    query.sort = {ListSort::Key(key), order};
    QSqlQuery q(m_tdb->connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM compose_forms")));
    QVERIFY(q.next());
    const int total = q.value(0).toInt();

    QStringList seen;
    ListCursor cursor;
    int pages = 0;
    do {
        const FormPage p = m_repo->page(query, cursor, 3);
        QVERIFY(p.rows.size() <= 3);
        for (const auto &r : p.rows)
            seen << r.id;
        cursor = p.next;
        QVERIFY(++pages < 100);
    } while (cursor.isValid());
    QCOMPARE(seen.size(), total);
    QCOMPARE(QSet<QString>(seen.begin(), seen.end()).size(), total);

    // The order worked out from the rows themselves, paged and unpaged.
    const QStringList expected = expectedOrder(m_tdb->connection(), ListSort::Key(key), order);
    QCOMPARE(seen, expected);
    QStringList whole;
    m_repo->forEach(query, [&](const FormSummary &s) {
        whole << s.id;
        return true;
    });
    QCOMPARE(whole, expected);
}

void tst_FormRepository::filtersByStatusAndOther()
{
    FormListQuery query;
    query.statusKey = QStringLiteral("delivered");
    const FormPage p = m_repo->page(query, {}, 50);
    QCOMPARE(p.rows.size(), 2); // form_06 and form_markup
    for (const auto &r : p.rows)
        QCOMPARE(r.statusKey, QStringLiteral("delivered"));
    query.statusKey = FormListQuery::otherStatuses();
    const FormPage other = m_repo->page(query, {}, 50);
    QCOMPARE(other.rows.size(), 1);
    QCOMPARE(other.rows.first().statusKey, QStringLiteral("on_hold"));
    QCOMPARE(other.rows.first().status, FormStatus::Unknown);
}

void tst_FormRepository::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("ids");
    QTest::addRow("form id") << QStringLiteral("form_03")
                             << QStringList {QStringLiteral("form_03")};
    QTest::addRow("guest e-mail, any case")
        << QStringLiteral("guest3@example.COM") << QStringList {QStringLiteral("form_03")};
    QTest::addRow("user e-mail") << QStringLiteral("user@shop.test")
                                 << QStringList {QStringLiteral("form_05")};
    QTest::addRow("session") << QStringLiteral("cs_test_6")
                             << QStringList {QStringLiteral("form_06")};
    QTest::addRow("payment intent")
        << QStringLiteral("pi_5") << QStringList {QStringLiteral("form_05")};
    QTest::addRow("recipient substring")
        << QStringLiteral("samu") << QStringList {QStringLiteral("form_02")};
    QTest::addRow("like metacharacters are literal")
        << QStringLiteral("_100%") << QStringList {QStringLiteral("form_04")};
    QTest::addRow("percent alone matches no name")
        << QStringLiteral("%") << QStringList {QStringLiteral("form_04")};
    QTest::addRow("markup is just text")
        << QStringLiteral("<b>bob") << QStringList {QStringLiteral("form_markup")};
    QTest::addRow("nothing") << QStringLiteral("zzz-no-such") << QStringList {};
}

void tst_FormRepository::search()
{
    QFETCH(QString, text);
    QFETCH(QStringList, ids);
    FormListQuery query;
    query.search = text;
    QStringList got;
    for (const auto &r : m_repo->page(query, {}, 50).rows)
        got << r.id;
    got.sort();
    QCOMPARE(got, ids);
}

void tst_FormRepository::searchArmsMergeInListOrder_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<Qt::SortOrder>("order");
    for (int k = ListSort::Id; k <= ListSort::Expires; ++k) {
        QTest::addRow("key%d-asc", k) << k << Qt::AscendingOrder;
        QTest::addRow("key%d-desc", k) << k << Qt::DescendingOrder;
    }
}

// page() asks a search as two arms (the exact keys, the recipient substring), each ordered and
// limited on its own, and merges them. Rows found by both arms, rows found by one, ties on every
// sort value, NULL sort values and a near miss, paged 1, 2 and 3 rows at a time: every page
// boundary falls between rows of different arms somewhere.
void tst_FormRepository::searchArmsMergeInListOrder()
{
    QFETCH(int, key);
    QFETCH(Qt::SortOrder, order);
    QSqlDatabase db = m_tdb->connection();
    const QString term = QStringLiteral("zqx");
    const QDateTime t0 = m_now.addDays(-100);
    QSqlQuery have(db);
    QVERIFY(have.exec(QStringLiteral("SELECT count(*) FROM compose_forms WHERE id = 'zqx'")));
    QVERIFY(have.next());
    if (have.value(0).toInt() == 0) {
        insertUser(db, QStringLiteral("u_zqx"), QStringLiteral("ZqX"), QStringLiteral("Zed"));
        auto form = [&](const QString &id, const QString &recipient, int hours) {
            FormSpec f;
            f.id = id;
            f.formData = recipient.isNull()
                ? QStringLiteral(R"({"theme":"birthday"})")
                : QStringLiteral(R"({"recipientName":"%1"})").arg(recipient);
            f.createdAt = t0;
            f.updatedAt = t0.addSecs(3600 * hours);
            f.guestEmail = QStringLiteral("%1@zq.test").arg(id);
            f.amountPaid = 999;
            f.status = QStringLiteral("delivered");
            return f;
        };
        FormSpec both = form(QStringLiteral("zqx"), QStringLiteral("ZQX Ann"), 0); // id + name
        insertForm(db, both);
        insertForm(db, form(QStringLiteral("zq_b"), QStringLiteral("zqx ann"), 0)); // same name
        FormSpec c = form(QStringLiteral("zq_c"), QStringLiteral("Bo Zqxson"), 1);
        c.amountPaid.reset();
        c.status = QStringLiteral("created");
        insertForm(db, c);
        FormSpec guest = form(QStringLiteral("zq_d"), QString(), 0); // no name at all
        guest.guestEmail = QStringLiteral("ZQX");
        insertForm(db, guest);
        FormSpec session = form(QStringLiteral("zq_e"), QStringLiteral("Zed"), 0);
        session.stripeSessionId = QStringLiteral("zqx");
        session.packageType = QStringLiteral("holiday-hamper");
        insertForm(db, session);
        FormSpec intent = form(QStringLiteral("zq_f"), QStringLiteral("Mazqxi"), 0); // both
        intent.stripePaymentIntentId = QStringLiteral("zqx");
        insertForm(db, intent);
        FormSpec account = form(QStringLiteral("zq_g"), QStringLiteral("Cy"), -1);
        account.userId = QStringLiteral("u_zqx");
        account.guestEmail.reset();
        insertForm(db, account);
        insertForm(db, form(QStringLiteral("zq_h"), QStringLiteral("ZQX"), -1));
        insertForm(db, form(QStringLiteral("zq_i"), QStringLiteral("Zq x"), 0)); // near miss
        insertForm(db, form(QStringLiteral("zq_j"), QStringLiteral("zqx"), 0));
        insertForm(db, form(QStringLiteral("zq_k"), QStringLiteral("Nope"), 0));
        insertOrder(db, QStringLiteral("zqx"), QStringLiteral("zq_k"), 999, std::nullopt,
                    QStringLiteral("zq_k@zq.test"));
        // NULL sort values in both arms: the second keyset part of every sort.
        Db::execSql(db,
                    QStringLiteral("UPDATE compose_forms SET updated_at = NULL, expires_at = NULL "
                                   "WHERE id IN ('zq_f', 'zq_g', 'zq_j')"));
    }
    const QSet<QString> found {QStringLiteral("zqx"),  QStringLiteral("zq_b"),
                               QStringLiteral("zq_c"), QStringLiteral("zq_d"),
                               QStringLiteral("zq_e"), QStringLiteral("zq_f"),
                               QStringLiteral("zq_g"), QStringLiteral("zq_h"),
                               QStringLiteral("zq_j"), QStringLiteral("zq_k")};
    QStringList expected;
    for (const QString &id : expectedOrder(db, ListSort::Key(key), order))
        if (found.contains(id))
            expected << id;
    QCOMPARE(expected.size(), found.size());

    FormListQuery query;
    query.search = term;
    query.sort = {ListSort::Key(key), order};
    for (int limit = 1; limit <= 3; ++limit) {
        QStringList seen;
        ListCursor cursor;
        int pages = 0;
        do {
            const FormPage p = m_repo->page(query, cursor, limit);
            QVERIFY(p.rows.size() <= limit);
            for (const auto &r : p.rows)
                seen << r.id;
            cursor = p.next;
            QVERIFY(++pages <= found.size() + 1);
        } while (cursor.isValid());
        QCOMPARE(seen, expected);
    }
    QCOMPARE(m_repo->count(query), qint64(found.size()));
}

void tst_FormRepository::slugOrderHiddenAndCustomer()
{
    QFETCH_GLOBAL(bool, migrated);
    QSqlDatabase db = m_tdb->connection();
    Db::execSql(db,
                QStringLiteral("UPDATE music_generations SET share_slug_v1 = 'slugAbc123' "
                               "WHERE id = (SELECT min(id) FROM music_generations WHERE "
                               "form_id = 'form_06')"));
    insertOrder(db, QStringLiteral("ord_test_77"), QStringLiteral("form_02"), 999, std::nullopt,
                QStringLiteral("guest2@example.com"));
    auto ids = [this](const FormListQuery &q) {
        QStringList got;
        for (const auto &r : m_repo->page(q, {}, 50).rows)
            got << r.id;
        got.sort();
        return got;
    };
    FormListQuery q;
    q.search = QStringLiteral("slugAbc123");
    QCOMPARE(ids(q), QStringList {QStringLiteral("form_06")});
    q.search = QStringLiteral("https://songs.example.com/s/slugAbc123?from=mail");
    QCOMPARE(ids(q), QStringList {QStringLiteral("form_06")});
    q.search = QStringLiteral("ord_test_77");
    QCOMPARE(ids(q), QStringList {QStringLiteral("form_02")});

    // A search under a filter that hides its match: counted, not guessed.
    q.search = QStringLiteral("GUEST6@example.com");
    QCOMPARE(m_repo->hiddenByFilters(q), 0); // no filter
    q.statusKey = QStringLiteral("created");
    QCOMPARE(ids(q), QStringList {});
    QCOMPARE(m_repo->hiddenByFilters(q), 1);
    q.statusKey = QStringLiteral("delivered");
    QCOMPARE(m_repo->hiddenByFilters(q), 0); // it is in the list
    q.statusKey.clear();
    q.search.clear();
    q.from = m_now.date().addDays(-1);
    QCOMPARE(m_repo->hiddenByFilters(q), 0); // no search

    // The customer: a guest e-mail in any case, an account and its e-mail used as a guest.
    FormSpec again;
    again.id = QStringLiteral("form_cust2");
    again.guestEmail = QStringLiteral("guest6@EXAMPLE.com");
    insertForm(db, again);
    FormSpec asGuest;
    asGuest.id = QStringLiteral("form_cust3");
    asGuest.guestEmail = QStringLiteral("USER@shop.test");
    insertForm(db, asGuest);
    auto customer = [this](const CustomerKey &key) {
        QStringList got;
        for (const CustomerForm &c : m_repo->customerForms(key))
            got << c.summary.id;
        got.sort();
        return got;
    };
    QCOMPARE(customer({QString(), QStringLiteral("Guest6@Example.com")}),
             (QStringList {QStringLiteral("form_06"), QStringLiteral("form_cust2")}));
    QCOMPARE(customer({QStringLiteral("u1"), QStringLiteral("user@shop.test")}),
             (QStringList {QStringLiteral("form_05"), QStringLiteral("form_cust3")}));
    QCOMPARE(customer({QStringLiteral("u1"), QString()}), QStringList {QStringLiteral("form_05")});
    QCOMPARE(customer({}), QStringList {});
    const QList<CustomerForm> paid
        = m_repo->customerForms({QString(), QStringLiteral("guest6@example.com")});
    for (const CustomerForm &c : paid)
        QCOMPARE(c.knowsRefunds, migrated);
}

void tst_FormRepository::detailMergesJsonAndGenerations()
{
    QSqlDatabase db = m_tdb->connection();
    // form_03 is a bundle: make the data disagree the way real data does.
    Db::execSql(
        db,
        QStringLiteral(
            "UPDATE music_generations SET task_id = 'other_task' WHERE id = 'g_form_03_t1_2'"));
    Db::execSql(db, QStringLiteral("DELETE FROM music_generations WHERE id = 'g_form_03_t2_3'"));
    Db::execSql(db,
                QStringLiteral(
                    "UPDATE music_generations SET status = 'failed' WHERE id = 'g_form_03_t0_1'"));
    GenerationSpec retry;
    retry.id = QStringLiteral("g_retry_old");
    retry.taskId = QStringLiteral("old_attempt");
    retry.formId = QStringLiteral("form_03");
    retry.songIndex = 0;
    retry.variationIndex = 3;
    retry.createdAt = QDateTime::currentDateTimeUtc().addDays(-30);
    insertGeneration(db, retry);

    const auto d = m_repo->detail(QStringLiteral("form_03"));
    QVERIFY(d);
    QCOMPARE(d->variations.size(), 9);
    const VariationRow &r00 = d->variations.at(0);
    QCOMPARE(r00.taskId(), QStringLiteral("form_03_t0_1"));
    QVERIFY(r00.isFailed());
    const VariationRow &r11 = d->variations.at(4); // song 2, variation 2
    QCOMPARE(r11.songIndex, 1);
    QCOMPARE(r11.variationIndex, 2);
    QCOMPARE(r11.taskIdDb, QStringLiteral("other_task"));
    QVERIFY(r11.conflicts.join(QLatin1Char(' ')).contains(QLatin1String("differs")));
    const VariationRow &r23 = d->variations.at(8);
    QVERIFY(!r23.hasGeneration);
    QVERIFY(
        r23.conflicts.join(QLatin1Char(' ')).contains(QLatin1String("no music_generations row")));
    const VariationRow &r03 = d->variations.at(2); // the newest attempt is current
    QCOMPARE(r03.taskIdDb, QStringLiteral("form_03_t0_3"));
    QVERIFY(r03.conflicts.join(QLatin1Char(' ')).contains(QLatin1String("earlier attempt")));
    QVERIFY(d->variations.at(1).selectedJson);
    QCOMPARE(d->prompts.size(), 1);
    QCOMPARE(d->fields.first().value.value, QStringLiteral("Dora"));
    QFETCH_GLOBAL(bool, migrated);
    QCOMPARE(d->hasEventTable, migrated);
    if (migrated)
        QVERIFY(!d->events.isEmpty());

    const auto paid = m_repo->detail(QStringLiteral("form_05"));
    QVERIFY(paid);
    QCOMPARE(paid->customer.userId, QStringLiteral("u1"));
    QCOMPARE(paid->customer.name, QStringLiteral("Uma"));
    QCOMPARE(paid->summary.paymentIntentId, QStringLiteral("pi_5"));
    QCOMPARE(*paid->summary.amountPaidCents, 999);
}

void tst_FormRepository::messyRowsStayVisible()
{
    QFETCH_GLOBAL(SqlDialect, dialect);
    const auto summaries
        = m_repo->summaries({QStringLiteral("form_array"), QStringLiteral("form_number"),
                             QStringLiteral("form_markup"), QStringLiteral("form_malformed")});
    QMap<QString, FormSummary> byId;
    for (const auto &s : summaries)
        byId.insert(s.id, s);
    QCOMPARE(byId.value(QStringLiteral("form_array")).recipient.state, JsonText::State::Invalid);
    QCOMPARE(byId.value(QStringLiteral("form_number")).recipient.state, JsonText::State::Invalid);
    QCOMPARE(byId.value(QStringLiteral("form_number")).sender.state, JsonText::State::Missing);
    QCOMPARE(byId.value(QStringLiteral("form_markup")).recipient.value,
             QStringLiteral("<b>Bob</b> <a href=\"x\">y</a>"));
    if (dialect == SqlDialect::SQLite)
        QCOMPARE(byId.value(QStringLiteral("form_malformed")).recipient.state,
                 JsonText::State::Invalid);

    const auto arr = m_repo->detail(QStringLiteral("form_array"));
    QVERIFY(arr);
    QVERIFY(arr->formDataProblem.contains(QLatin1String("not an object")));
    QVERIFY(!arr->promptsProblem.isEmpty());
    QCOMPARE(arr->prompts.size(), 1);
    const auto num = m_repo->detail(QStringLiteral("form_number"));
    QVERIFY(num);
    QVERIFY(!num->variationsProblem.isEmpty());
    bool sawExtra = false;
    for (const auto &f : num->fields)
        sawExtra |= f.key == QLatin1String("extraKey");
    QVERIFY(sawExtra);
    if (dialect == SqlDialect::SQLite) {
        const auto bad = m_repo->detail(QStringLiteral("form_malformed"));
        QVERIFY(bad);
        QVERIFY(bad->formDataProblem.contains(QLatin1String("not valid JSON")));
    }
}

void tst_FormRepository::missingFormIsNotFound()
{
    QVERIFY(!m_repo->detail(QStringLiteral("no_such_form")));
}

QTEST_GUILESS_MAIN(tst_FormRepository)
#include "tst_formrepository.moc"
