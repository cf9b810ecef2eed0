#include "database.h"
#include "dataservice.h"
#include "formlistmodel.h"
#include "formlistview.h"
#include "seedrows.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>

using namespace compose;
using namespace compose::test;

namespace {
// Opens the data service on the test database and waits until it has.
bool opens(DataService &data, TestDatabase &tdb)
{
    QSignalSpy opened(&data, &DataService::opened);
    data.open(tdb.settings());
    return opened.wait(10000);
}

// Calls back for each event of one type a watched object receives.
class EventCounter final : public QObject {
public:
    EventCounter(QObject *watched, QEvent::Type type, std::function<void()> seen)
        : m_type(type)
        , m_seen(std::move(seen))
    {
        watched->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == m_type)
            m_seen();
        return false;
    }

private:
    QEvent::Type m_type;
    std::function<void()> m_seen;
};
} // namespace

// The windowed form list (issue 14) on real databases: an exact row count at once, pages found
// by anchors and short seeks at any depth, a bound on the pages kept, and the selection kept
// across eviction and a live update. The expected order of every row is worked out here from the
// fixture's own values.
class tst_FormListWindow : public QObject {
    Q_OBJECT
private slots:
    void jumpsShowTheRightRows_data();
    void jumpsShowTheRightRows();
    void countFollowsFiltersAndInserts();
    void firstLoadGrowsInTurns();
    void viewFollowsGrowthWithoutRepaint();
    void viewScrollsAndKeepsSelection();
    void searchSpansInOneScan_data();
    void searchSpansInOneScan();
    void firstRowsAndFormsDoNotWaitForTheCount();
    void anchorsComeInSmallChunksBesidePages();
    void endKeyWhileCountingGoesToTheEnd();
    void nextPageComesBeforeTheKeys();

private:
    struct Fixture {
        QString id;
        QDateTime updated;
        std::optional<int> amount;
        QString status;
        QString recipient;
    };
    static QList<Fixture> seed(const QSqlDatabase &db, int forms);
    static QStringList expectedOrder(QList<Fixture> rows, ListSort::Key key, Qt::SortOrder order);
    // Migrates the database, seeds `forms` forms and gives their ids in the default list order.
    static QStringList seedNewestFirst(TestDatabase &tdb, int forms);
    // Asks for rows [first, last] and waits until all of them are in memory; counts the pages
    // that arrived meanwhile.
    static bool loadRows(FormListModel &list, int first, int last, int *pagesArrived = nullptr);
    static QStringList idsAt(FormListModel &list, int first, int last);
};

QStringList tst_FormListWindow::seedNewestFirst(TestDatabase &tdb, int forms)
{
    tdb.migrate();
    return expectedOrder(seed(tdb.connection(), forms), ListSort::Updated, Qt::DescendingOrder);
}

QList<tst_FormListWindow::Fixture> tst_FormListWindow::seed(const QSqlDatabase &db, int forms)
{
    QList<Fixture> out;
    Db::Transaction tx(db);
    const QDateTime base(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
    for (int i = 0; i < forms; ++i) {
        FormSpec f;
        f.id = QStringLiteral("f%1").arg(i, 5, 10, QLatin1Char('0'));
        f.createdAt = base.addSecs(i * 300); // 288 a day
        // Three forms share each update time: the id breaks the tie.
        f.updatedAt = base.addSecs((i / 3) * 60);
        // A quarter without an amount: sorted by amount they come after the rest, by id.
        if (i % 4)
            f.amountPaid = (i * 37) % 5000;
        f.status = i % 5 ? QStringLiteral("variations_ready") : QStringLiteral("paid");
        // Every third recipient is a Lily (a search finds a third of the list, spread through it).
        const QString recipient
            = i % 3 ? QStringLiteral("Ada %1").arg(i) : QStringLiteral("Lily %1").arg(i);
        f.formData = QStringLiteral(R"({"recipientName":"%1","senderName":"Bo"})").arg(recipient);
        insertForm(db, f);
        out << Fixture {f.id, f.updatedAt, f.amountPaid, f.status, recipient};
    }
    tx.commit();
    return out;
}

QStringList tst_FormListWindow::expectedOrder(QList<Fixture> rows, ListSort::Key key,
                                              Qt::SortOrder order)
{
    const bool desc = order == Qt::DescendingOrder;
    std::sort(rows.begin(), rows.end(), [&](const Fixture &a, const Fixture &b) {
        if (key == ListSort::Id) {
            // the id alone
        } else if (key == ListSort::Amount) {
            // Values first (in the asked direction), then the rows without one, by id.
            if (a.amount.has_value() != b.amount.has_value())
                return a.amount.has_value();
            if (a.amount && *a.amount != *b.amount)
                return desc ? *a.amount > *b.amount : *a.amount < *b.amount;
        } else if (a.updated != b.updated) {
            return desc ? a.updated > b.updated : a.updated < b.updated;
        }
        return desc ? a.id > b.id : a.id < b.id;
    });
    QStringList ids;
    for (const Fixture &f : rows)
        ids << f.id;
    return ids;
}

bool tst_FormListWindow::loadRows(FormListModel &list, int first, int last, int *pagesArrived)
{
    QSignalSpy arrived(&list, &FormListModel::rowsLoaded);
    auto all = [&] {
        for (int r = first; r <= last; ++r) {
            if (!list.isRowLoaded(r))
                return false;
        }
        return true;
    };
    list.requestRows(first, last);
    // A page arriving may evict another page the range needs: ask again until all are there.
    const bool ok = QTest::qWaitFor(
        [&] {
            if (all())
                return true;
            list.requestRows(first, last);
            return false;
        },
        10000);
    if (pagesArrived)
        *pagesArrived = int(arrived.size());
    return ok;
}

QStringList tst_FormListWindow::idsAt(FormListModel &list, int first, int last)
{
    QStringList ids;
    for (int r = first; r <= last; ++r)
        ids << list.index(r, FormListModel::IdColumn).data(FormListModel::FormIdRole).toString();
    return ids;
}

void tst_FormListWindow::jumpsShowTheRightRows_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<int>("key");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addRow("postgresql, updated desc")
        << SqlDialect::PostgreSQL << int(ListSort::Updated) << Qt::DescendingOrder;
    QTest::addRow("postgresql, amount asc (NULLs last)")
        << SqlDialect::PostgreSQL << int(ListSort::Amount) << Qt::AscendingOrder;
    QTest::addRow("postgresql, amount desc")
        << SqlDialect::PostgreSQL << int(ListSort::Amount) << Qt::DescendingOrder;
    QTest::addRow("sqlite, amount asc (NULLs last)")
        << SqlDialect::SQLite << int(ListSort::Amount) << Qt::AscendingOrder;
}

void tst_FormListWindow::jumpsShowTheRightRows()
{
    QFETCH(SqlDialect, dialect);
    QFETCH(int, key);
    QFETCH(Qt::SortOrder, order);
    TestDatabase tdb(dialect);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    const int n = 1500;
    const QList<Fixture> fixture = seed(tdb.connection(), n);
    const QStringList expected = expectedOrder(fixture, ListSort::Key(key), order);

    DataService data;
    QVERIFY(opens(data, tdb));

    FormListModel list(&data);
    QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
    list.setPageSize(50);
    list.setMaxResidentPages(4);
    list.setAnchorStep(300);
    int mostPages = 0;
    connect(&list, &FormListModel::rowsLoaded, &list,
            [&] { mostPages = std::max(mostPages, list.residentPages()); });
    QSignalSpy first(&list, &FormListModel::firstPageLoaded);
    QSignalSpy anchors(&list, &FormListModel::anchorsCompleted);
    FormListQuery q;
    q.sort = {ListSort::Key(key), order};
    list.setQuery(q);
    QVERIFY(first.wait(10000));
    // Exact at once, with one page in memory.
    QCOMPARE(list.rowCount(), n);
    QCOMPARE(list.residentPages(), 1);
    QCOMPARE(idsAt(list, 0, 49), expected.mid(0, 50));
    QVERIFY(list.index(1000, 0).data(FormListModel::FormIdRole).toString().isEmpty());
    QCOMPARE(list.index(1000, FormListModel::IdColumn).data().toString(),
             FormListModel::tr("Loading…"));

    // A jump before the anchors are all known still lands right (a longer seek).
    QVERIFY(loadRows(list, 1377, 1390));
    QCOMPARE(idsAt(list, 1377, 1390), expected.mid(1377, 14));

    QVERIFY(list.anchorsComplete() || anchors.wait(10000));
    // Ctrl+End, the middle, a page boundary, the first row of the rows without an amount, back
    // to the top: each the right rows, each from one page request or two.
    const int firstNull = int(std::count_if(fixture.cbegin(), fixture.cend(),
                                            [](const Fixture &f) { return f.amount.has_value(); }));
    const QList<int> jumps {n - 20, 1000, 1234, 299, 300, firstNull - 3, 600, 0, n - 1};
    QVERIFY(firstNull < n - 20);
    for (int row : jumps) {
        const int last = std::min(n - 1, row + 19);
        int pages = 0;
        QVERIFY2(loadRows(list, row, last, &pages), qPrintable(QString::number(row)));
        QCOMPARE(idsAt(list, row, last), expected.mid(row, last - row + 1));
        QVERIFY2(pages <= 2, qPrintable(QStringLiteral("%1 pages for row %2").arg(pages).arg(row)));
        QVERIFY(list.residentPages() <= 4);
    }
    // Scroll the whole list page by page: memory stays at four pages.
    for (int row = 0; row < n; row += 50) {
        QVERIFY(loadRows(list, row, std::min(n - 1, row + 49)));
        QCOMPARE(list.index(row, 0).data(FormListModel::FormIdRole).toString(), expected.at(row));
    }
    QCOMPARE(mostPages, 4);
    QVERIFY(list.residentRows() <= 200);
    QCOMPARE(list.rowOf(expected.at(n / 2)), -1); // evicted long ago
    QCOMPARE(list.rowOf(expected.at(n - 1)), n - 1);
}

void tst_FormListWindow::countFollowsFiltersAndInserts()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    const int n = 700;
    seed(tdb.connection(), n);
    DataService data;
    QVERIFY(opens(data, tdb));
    QVERIFY(data.capabilities().hasFunnelRollup);

    FormListModel list(&data);
    list.setPageSize(50);
    QSignalSpy first(&list, &FormListModel::firstPageLoaded);
    FormListQuery q;
    q.statusKey = QStringLiteral("paid");
    list.setQuery(q);
    QVERIFY(first.wait(10000));
    QCOMPARE(list.rowCount(),
             tdb.count(QStringLiteral("SELECT count(*) FROM compose_forms WHERE status = 'paid'")));
    QCOMPARE(list.rowCount(), 140);

    // A creation-day range (rollup) and a search (COUNT) agree with the table.
    q = {};
    q.from = QDate(2026, 1, 1);
    q.to = QDate(2026, 1, 1);
    first.clear();
    list.setQuery(q);
    QVERIFY(first.wait(10000));
    QCOMPARE(list.rowCount(),
             tdb.count(QStringLiteral("SELECT count(*) FROM compose_forms WHERE created_at >= "
                                      "'2026-01-01' AND created_at < '2026-01-02'")));
    QVERIFY(list.rowCount() > 0 && list.rowCount() < n);
    q = {};
    q.search = QStringLiteral("f00042");
    first.clear();
    QSignalSpy loading(&list, &FormListModel::loadingChanged);
    list.setQuery(q);
    QVERIFY(first.wait(10000));
    QCOMPARE(list.rowCount(), 1);
    // The one page was the whole list, so the load finished before its count came: the count
    // still ends the "loading" the status bar shows.
    QTRY_VERIFY(!list.isLoading());
    QTRY_COMPARE(loading.last().first().toBool(), false);
    QCOMPARE(list.rowCount(), 1);

    // New forms while the list is open: the count follows (live updates refresh it).
    first.clear();
    list.setQuery({});
    QVERIFY(first.wait(10000));
    QCOMPARE(list.rowCount(), n);
    connect(&data, &DataService::formsChanged, &list, &FormListModel::refreshForms);
    for (int i = 0; i < 3; ++i) {
        FormSpec f;
        f.id = QStringLiteral("new%1").arg(i);
        insertForm(tdb.connection(), f);
    }
    QTRY_COMPARE_WITH_TIMEOUT(list.rowCount(), n + 3, 10000);
    tdb.exec(QStringLiteral("DELETE FROM compose_forms WHERE id = 'new0'"));
    QTRY_COMPARE_WITH_TIMEOUT(list.rowCount(), n + 2, 10000);
}

void tst_FormListWindow::firstLoadGrowsInTurns()
{
    // First paint (issue 14): the first page's rows come in alone, so that the view paints them
    // in a turn of their own; the rest of the count follows in chunks, the event loop running
    // between them; firstPageLoaded (and the anchors, the other pages) once the count is in.
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    const int n = 700;
    const QList<Fixture> rows = seed(tdb.connection(), n);
    DataService data;
    QVERIFY(opens(data, tdb));

    FormListModel list(&data);
    QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
    list.setPageSize(50);
    list.setGrowChunk(200);
    int ticks = 0;
    QTimer heartbeat;
    heartbeat.setInterval(0);
    connect(&heartbeat, &QTimer::timeout, this, [&ticks] { ++ticks; });
    heartbeat.start();
    struct Insert {
        int first;
        int last;
        int ticks;
        bool loaded; // firstPageLoaded before it
    };
    QList<Insert> inserts;
    bool loaded = false;
    int expectedCount = n;
    connect(&list, &QAbstractItemModel::rowsInserted, this,
            [&](const QModelIndex &, int first, int last) {
                inserts << Insert {first, last, ticks, loaded};
            });
    QSignalSpy first(&list, &FormListModel::firstPageLoaded);
    connect(&list, &FormListModel::firstPageLoaded, this, [&] {
        loaded = true;
        QCOMPARE(list.rowCount(), expectedCount); // the whole count when it says so
    });
    list.setQuery({});
    QVERIFY(first.wait(10000));
    QCOMPARE(first.size(), 1);
    const QList<std::pair<int, int>> expected
        = {{0, 49}, {50, 249}, {250, 449}, {450, 649}, {650, 699}};
    QCOMPARE(inserts.size(), expected.size());
    for (int i = 0; i < inserts.size(); ++i) {
        QCOMPARE(inserts.at(i).first, expected.at(i).first);
        QCOMPARE(inserts.at(i).last, expected.at(i).second);
        QVERIFY(!inserts.at(i).loaded);
        if (i > 0) // the event loop ran between two chunks
            QVERIFY2(inserts.at(i).ticks > inserts.at(i - 1).ticks, qPrintable(QString::number(i)));
    }
    // The rows are the right ones: the first page at once, the rest when asked for.
    const QStringList order = expectedOrder(rows, ListSort::Updated, Qt::DescendingOrder);
    QCOMPARE(idsAt(list, 0, 49), order.mid(0, 50));
    QVERIFY(loadRows(list, 640, 699));
    QCOMPARE(idsAt(list, 640, 699), order.mid(640, 60));

    // A new query while the count grows: the old growth stops, the new list is exact.
    inserts.clear();
    loaded = false;
    first.clear();
    list.setGrowChunk(100);
    list.setQuery({});
    QVERIFY(QTest::qWaitFor([&] { return inserts.size() >= 2; }, 10000)); // growing now
    FormListQuery paid;
    paid.statusKey = QStringLiteral("paid");
    expectedCount = 140;
    list.setQuery(paid);
    QVERIFY(first.wait(10000));
    QCOMPARE(list.rowCount(), 140);
    const int after = ticks; // a few more turns of the loop: the old growth does not go on
    QVERIFY(QTest::qWaitFor([&] { return ticks > after + 20; }, 10000));
    QCOMPARE(list.rowCount(), 140);
    QCOMPARE(first.size(), 1); // the abandoned load never said it was done
}

void tst_FormListWindow::viewFollowsGrowthWithoutRepaint()
{
    // Issue 14: the first load's count grows in chunks after the first page. The view keeps
    // nothing per row (UniformTableView), so each chunk only moves the scroll range; the rows on
    // screen did not change and are not painted again.
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    const int n = 700;
    const QStringList order = seedNewestFirst(tdb, n);
    DataService data;
    QVERIFY(opens(data, tdb));

    FormListModel list(&data);
    list.setPageSize(50);
    list.setGrowChunk(100);
    FormListView view(&list);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    int chunks = 0; // inserted after the first page, while the count grew
    int paintsWhileGrowing = 0;
    connect(&list, &QAbstractItemModel::rowsInserted, this,
            [&](const QModelIndex &, int first) { chunks += first > 0 ? 1 : 0; });
    EventCounter paints(view.viewport(), QEvent::Paint, [&] {
        if (chunks > 0 && list.isGrowing())
            ++paintsWhileGrowing;
    });
    QSignalSpy first(&list, &FormListModel::firstPageLoaded);
    list.setQuery({});
    QVERIFY(first.wait(10000));
    QCOMPARE(chunks, 7); // 50-149, …, 650-699
    QCOMPARE(paintsWhileGrowing, 0);
    // The scroll bar spans every form.
    QCOMPARE(view.verticalScrollBar()->maximum() + view.verticalScrollBar()->pageStep(), n);
    QTRY_COMPARE_WITH_TIMEOUT(view.indexAt(QPoint(5, 5)).data(FormListModel::FormIdRole),
                              QVariant(order.at(0)), 10000);

    // A refresh that keeps the selected form and a scroll position far down needs the whole
    // range when the count is in: laid out at once then, the list scrolls back where it was.
    view.keepAcrossReload(order.at(10), 590);
    list.reload();
    QVERIFY(first.wait(10000));
    QCOMPARE(view.verticalScrollBar()->value(), 590);
    QCOMPARE(view.selectedFormId(), order.at(10));
    QTRY_COMPARE_WITH_TIMEOUT(view.indexAt(QPoint(5, 5)).data(FormListModel::FormIdRole),
                              QVariant(order.at(590)), 10000);
}

void tst_FormListWindow::viewScrollsAndKeepsSelection()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    const int n = 2000;
    const QStringList expected = seedNewestFirst(tdb, n);

    DataService data;
    QVERIFY(opens(data, tdb));
    FormListModel model(&data);
    model.setPageSize(50);
    model.setMaxResidentPages(4);
    model.setAnchorStep(250);
    connect(&data, &DataService::formsChanged, &model, &FormListModel::refreshForms);
    FormListView view(&model);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy first(&model, &FormListModel::firstPageLoaded);
    QSignalSpy anchors(&model, &FormListModel::anchorsCompleted);
    model.reload();
    QVERIFY(first.wait(10000));
    QVERIFY(model.anchorsComplete() || anchors.wait(10000));
    QCOMPARE(model.rowCount(), n);
    // The scroll bar spans every form, not the rows loaded so far.
    QCOMPARE(view.verticalScrollMode(), QAbstractItemView::ScrollPerItem);
    QCOMPARE(view.verticalScrollBar()->maximum() + view.verticalScrollBar()->pageStep(), n);

    // Select the fourth form.
    QSignalSpy current(&view, &FormListView::currentFormChanged);
    view.selectionModel()->setCurrentIndex(
        model.index(3, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const QString selected = expected.at(3);
    QCOMPARE(view.selectedFormId(), selected);

    // Drag the scroll bar far down, then to several places: the pages painted arrive, the first
    // page leaves memory, the selection stays with its form.
    QSignalSpy arrived(&model, &FormListModel::rowsLoaded);
    for (int fraction : {9, 5, 7, 2, 8}) {
        view.verticalScrollBar()->setValue(view.verticalScrollBar()->maximum() * fraction / 10);
        const int top = view.rowAt(0);
        QVERIFY(top > 0);
        QTRY_VERIFY_WITH_TIMEOUT(model.isRowLoaded(top), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(view.indexAt(QPoint(5, 5)).data(FormListModel::FormIdRole),
                                  QVariant(expected.at(top)), 10000);
    }
    QVERIFY(!model.isRowLoaded(3));
    QVERIFY(model.residentPages() <= 4);
    QCOMPARE(view.selectedFormId(), selected);
    QCOMPARE(model.rowOf(selected), 3);
    // Five places a few viewports tall: a handful of pages, not the forty the list has.
    QVERIFY2(arrived.size() <= 12, qPrintable(QString::number(arrived.size())));

    // A live update of the selected form while its page is out of memory.
    tdb.exec(QStringLiteral("UPDATE compose_forms SET status = 'expired' WHERE id = '%1'")
                 .arg(selected));
    QTRY_COMPARE_WITH_TIMEOUT(model.summaryAt(3).statusKey, QStringLiteral("expired"), 10000);
    QCOMPARE(view.selectedFormId(), selected);

    // Ctrl+End: the last form, selected once its page is there.
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_Down); // a plain move: Qt's anchor for Shift is here now
    current.clear();
    QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(view.selectedFormId(), expected.at(n - 1), 10000);
    QVERIFY(!current.isEmpty());
    QCOMPARE(current.last().first().toString(), expected.at(n - 1));
    QTRY_COMPARE_WITH_TIMEOUT(
        view.indexAt(QPoint(5, view.viewport()->height() - 3)).data(FormListModel::FormIdRole),
        QVariant(expected.at(n - 1)), 10000);
    // Shift+Up from there extends from the last form: the last two are selected.
    QTest::keyClick(&view, Qt::Key_Up, Qt::ShiftModifier);
    QModelIndexList picked = view.selectionModel()->selectedRows();
    std::sort(picked.begin(), picked.end());
    QCOMPARE(picked.size(), 2);
    QCOMPARE(picked.at(0).row(), n - 2);
    QCOMPARE(picked.at(1).row(), n - 1);

    // Ctrl+Home: back to the top, the first rows fetched again.
    QTest::keyClick(&view, Qt::Key_Home, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(view.selectedFormId(), expected.at(0), 10000);

    // Ctrl+A: every form, counted from the selection's one range (not row by row), is the whole
    // list; more forms than a bulk action takes, so no ids are listed and none is "the" form.
    QTest::keyClick(&view, Qt::Key_A, Qt::ControlModifier);
    QCOMPARE(view.selectedRowCount(), n);
    QVERIFY(view.isWholeListSelected());
    QVERIFY(view.selectedFormIds().isEmpty());
    QVERIFY(view.selectedFormId().isEmpty());
    view.selectionModel()->select(model.index(5, 0),
                                  QItemSelectionModel::Deselect | QItemSelectionModel::Rows);
    QCOMPARE(view.selectedRowCount(), n - 1);
    QVERIFY(!view.isWholeListSelected());
    // A few rows, one of them twice over: each counted once, their ids in list order.
    view.selectionModel()->select(QItemSelection(model.index(0, 0), model.index(2, 0)),
                                  QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view.selectionModel()->select(model.index(1, 3),
                                  QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(view.selectedRowCount(), 3);
    QCOMPARE(view.selectedFormIds(), expected.mid(0, 3));
}

void tst_FormListWindow::searchSpansInOneScan_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<int>("key");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addRow("postgresql, updated desc")
        << SqlDialect::PostgreSQL << int(ListSort::Updated) << Qt::DescendingOrder;
    QTest::addRow("postgresql, amount asc (NULLs last)")
        << SqlDialect::PostgreSQL << int(ListSort::Amount) << Qt::AscendingOrder;
    QTest::addRow("postgresql, amount desc")
        << SqlDialect::PostgreSQL << int(ListSort::Amount) << Qt::DescendingOrder;
    QTest::addRow("postgresql, id asc")
        << SqlDialect::PostgreSQL << int(ListSort::Id) << Qt::AscendingOrder;
    QTest::addRow("sqlite, amount asc (NULLs last)")
        << SqlDialect::SQLite << int(ListSort::Amount) << Qt::AscendingOrder;
    QTest::addRow("sqlite, id desc")
        << SqlDialect::SQLite << int(ListSort::Id) << Qt::DescendingOrder;
}

// A search counts by scanning: the count and every anchor come from that one scan
// (FormRepository::span), with the first load. Each anchor must be the cursor an OFFSET seek would
// find, or a jump lands on the wrong rows.
void tst_FormListWindow::searchSpansInOneScan()
{
    QFETCH(SqlDialect, dialect);
    QFETCH(int, key);
    QFETCH(Qt::SortOrder, order);
    TestDatabase tdb(dialect);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    const int n = 1500;
    QList<Fixture> fixture = seed(tdb.connection(), n);
    fixture.removeIf(
        [](const Fixture &f) { return !f.recipient.startsWith(QLatin1String("Lily")); });
    const QStringList expected = expectedOrder(fixture, ListSort::Key(key), order);
    const int matches = int(expected.size());
    QCOMPARE(matches, n / 3);

    DataService data;
    QVERIFY(opens(data, tdb));

    FormListModel list(&data);
    QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
    list.setPageSize(40);
    list.setMaxResidentPages(4);
    list.setScanAnchorStep(37); // 13 anchors, none on a page boundary
    QSignalSpy first(&list, &FormListModel::firstPageLoaded);
    QSignalSpy anchors(&list, &FormListModel::anchorsCompleted);
    FormListQuery q;
    q.search = QStringLiteral("lIl");
    q.sort = {ListSort::Key(key), order};
    list.setQuery(q);
    QVERIFY(first.wait(10000));
    QCOMPARE(list.rowCount(), matches);
    // With the count, not after a walk of seeks.
    QVERIFY(list.anchorsComplete());
    QCOMPARE(anchors.size(), 1);
    QCOMPARE(list.anchorCount(), 1 + matches / 37);

    // Every anchor's step: the row before it and the row it starts, each from one page at most
    // two requests away, then the whole result.
    for (int row = 36; row < matches; row += 37) {
        const int last = std::min(matches - 1, row + 1);
        int pages = 0;
        QVERIFY2(loadRows(list, row, last, &pages), qPrintable(QString::number(row)));
        QCOMPARE(idsAt(list, row, last), expected.mid(row, last - row + 1));
        QVERIFY2(pages <= 2, qPrintable(QStringLiteral("%1 pages for row %2").arg(pages).arg(row)));
    }
    for (int row = 0; row < matches; row += 40) {
        const int last = std::min(matches - 1, row + 39);
        QVERIFY(loadRows(list, row, last));
        QCOMPARE(idsAt(list, row, last), expected.mid(row, last - row + 1));
    }

    // A live change recounts with the anchors of that moment: a new match at the top moves
    // every row down by one, and a jump still lands right.
    connect(&data, &DataService::formsChanged, &list, &FormListModel::refreshForms);
    FormSpec f;
    f.id = QStringLiteral("f99999");
    f.createdAt = QDateTime(QDate(2027, 1, 1), QTime(0, 0), Qt::UTC);
    f.updatedAt = f.createdAt;
    f.amountPaid = 1;
    f.formData = QStringLiteral(R"({"recipientName":"Lilian","senderName":"Bo"})");
    anchors.clear();
    insertForm(tdb.connection(), f);
    if (dialect == SqlDialect::SQLite)
        list.refreshForms({f.id}); // SQLite has no NOTIFY; the demo polls
    QTRY_COMPARE_WITH_TIMEOUT(list.rowCount(), matches + 1, 10000);
    QTRY_VERIFY(!anchors.isEmpty());
    fixture << Fixture {f.id, f.updatedAt, f.amountPaid, f.status, QStringLiteral("Lilian")};
    const QStringList after = expectedOrder(fixture, ListSort::Key(key), order);
    // Rows of pages not in memory, whose page before is not either (a page kept from before the
    // change keeps its rows, and the cursor it ends with, until it is fetched again): each found
    // from an anchor of the recount, each side of one.
    for (const int row : {37 * 4, 37 * 5 - 1, 37 * 7}) {
        QVERIFY(!list.isRowLoaded(row) && !list.isRowLoaded(row + 2));
        QVERIFY(loadRows(list, row, row + 2));
        QCOMPARE(idsAt(list, row, row + 2), after.mid(row, 3));
    }
}

// The first page is on the screen and a form opens while the count is still being made: here the
// count is held up by a lock on the funnel rollup it reads. Before the second connection the
// count went first on the one worker, and the page and the form waited behind it.
void tst_FormListWindow::firstRowsAndFormsDoNotWaitForTheCount()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    const int n = 300;
    const QStringList expected = seedNewestFirst(tdb, n);
    DataService data;
    data.setScanConnectionDelay(0); // as a few seconds after the start-up
    QVERIFY(opens(data, tdb));
    QVERIFY(data.capabilities().hasFunnelRollup);
    QTRY_VERIFY(data.scanConnectionOpen());

    FormListModel list(&data);
    list.setPageSize(50);
    QSignalSpy inserted(&list, &FormListModel::firstPageInserted);
    QSignalSpy loaded(&list, &FormListModel::firstPageLoaded);
    std::optional<Db::Transaction> hold(std::in_place, tdb.connection());
    tdb.exec(QStringLiteral("LOCK TABLE compose_funnel_daily IN ACCESS EXCLUSIVE MODE"));
    list.setQuery({});
    QVERIFY(inserted.wait(10000));
    QCOMPARE(list.rowCount(), 50);
    QCOMPARE(idsAt(list, 0, 49), expected.mid(0, 50));
    QVERIFY(list.isLoading());

    QSignalSpy detail(&data, &DataService::detailReady);
    const quint64 asked = data.requestDetail(expected.at(3));
    QVERIFY(detail.wait(10000));
    QCOMPARE(detail.first().at(0).toULongLong(), asked);
    QCOMPARE(detail.first().at(1).value<FormDetail>().summary.id, expected.at(3));
    QVERIFY(loaded.isEmpty()); // the count is still held up
    QVERIFY(list.isLoading());

    hold.reset(); // rolls back: the lock goes
    QVERIFY(loaded.wait(10000));
    QTRY_COMPARE(list.rowCount(), n);
    QVERIFY(!list.isLoading());

    // A first page that is the whole list finishes the load without the count; the count that
    // comes later still ends the "loading" the status bar shows.
    list.setPageSize(n + 100);
    hold.emplace(tdb.connection());
    tdb.exec(QStringLiteral("LOCK TABLE compose_funnel_daily IN ACCESS EXCLUSIVE MODE"));
    loaded.clear();
    QSignalSpy loading(&list, &FormListModel::loadingChanged);
    list.setQuery({});
    QVERIFY(loaded.wait(10000));
    QCOMPARE(list.rowCount(), n);
    QVERIFY(list.isLoading());
    hold.reset();
    QTRY_VERIFY(!list.isLoading());
    QTRY_COMPARE(loading.last().first().toBool(), false);
    QCOMPARE(list.rowCount(), n);
}

// A plain list's anchors are index seeks, one statement each. Until the second connection opens
// they share the first one with pages and forms, and anything the agent asks waits behind the
// chunk in flight (at 10M forms 50-90 ms for 32 seeks: a search typed in the first seconds showed
// its first rows after 60-100 ms instead of 10-15). There a request asks 4; on the second
// connection 32.
void tst_FormListWindow::anchorsComeInSmallChunksBesidePages()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    const int n = 300;
    const QStringList expected = seedNewestFirst(tdb, n);
    for (const bool apart : {false, true}) {
        DataService data;
        data.setScanConnectionDelay(apart ? 0 : 3600 * 1000);
        QVERIFY(opens(data, tdb));
        if (apart)
            QTRY_VERIFY(data.scanConnectionOpen());
        QCOMPARE(data.scansApart(FormListQuery {}), apart);
        QSignalSpy chunks(&data, &DataService::anchorsReady);
        FormListModel list(&data);
        list.setPageSize(20);
        list.setAnchorStep(5); // 60 anchors after row 0's
        QSignalSpy done(&list, &FormListModel::anchorsCompleted);
        list.setQuery({});
        QVERIFY(done.wait(10000));
        QCOMPARE(list.rowCount(), expected.size());
        // Row 0's, then the cursor that starts row 5, 10, ... and row 300 (the end).
        QCOMPARE(list.anchorCount(), 1 + list.rowCount() / 5);
        int most = 0;
        for (const QList<QVariant> &c : std::as_const(chunks))
            most = std::max(most, int(c.at(1).value<QList<ListCursor>>().size()));
        QCOMPARE(most, apart ? 32 : 4);
        QVERIFY(!data.scanConnectionOpen() || apart);
        // The anchors are right: a row found from each of a few of them.
        for (const int row : {5 * 13, 5 * 41 + 2, int(expected.size()) - 3}) {
            QVERIFY(loadRows(list, row, row + 2));
            QCOMPARE(idsAt(list, row, row + 2), expected.mid(row, 3));
        }
    }
}

// Ctrl+End while the list is still counting (a search at 10M forms counts for a second or two
// after its first rows) reaches the last row loaded; when the count comes the selection goes on
// to the list's last form. An agent who moved meanwhile stays where they went.
void tst_FormListWindow::endKeyWhileCountingGoesToTheEnd()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    const int n = 300;
    const QStringList expected = seedNewestFirst(tdb, n);
    DataService data;
    QVERIFY(opens(data, tdb));
    FormListModel model(&data);
    model.setPageSize(50);
    FormListView view(&model);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    for (const bool moveAfter : {false, true}) {
        QSignalSpy inserted(&model, &FormListModel::firstPageInserted);
        QSignalSpy loaded(&model, &FormListModel::firstPageLoaded);
        // The count waits on the rollup; the first page does not.
        std::optional<Db::Transaction> hold(std::in_place, tdb.connection());
        tdb.exec(QStringLiteral("LOCK TABLE compose_funnel_daily IN ACCESS EXCLUSIVE MODE"));
        model.reload();
        QVERIFY(inserted.wait(10000));
        QVERIFY(model.isLoading());
        // The first form chosen, as after a search.
        view.selectionModel()->setCurrentIndex(
            model.index(0, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QTest::keyClick(&view, Qt::Key_End, Qt::ControlModifier);
        const int reached = view.currentIndex().row();
        QVERIFY2(reached > 0 && reached < n - 1, qPrintable(QString::number(reached)));
        QCOMPARE(view.selectedFormId(), expected.at(reached));
        if (moveAfter)
            QTest::keyClick(&view, Qt::Key_Up);
        const int before = view.currentIndex().row();
        hold.reset();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(model.rowCount(), n);
        if (moveAfter) {
            QCOMPARE(view.currentIndex().row(), before);
            QCOMPARE(view.selectedFormId(), expected.at(before));
        } else {
            QCOMPARE(view.currentIndex().row(), n - 1);
            QTRY_COMPARE(view.selectedFormId(), expected.at(n - 1));
            QCOMPARE(view.selectionModel()->selectedRows().size(), 1);
        }
    }
}

// Pages are small (FormListModel::PageSize): a row shown in the last quarter of its page brings
// the next page, so keys that scroll on find it in memory.
void tst_FormListWindow::nextPageComesBeforeTheKeys()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    const QStringList expected = seedNewestFirst(tdb, 300);
    DataService data;
    QVERIFY(opens(data, tdb));
    FormListModel list(&data);
    QCOMPARE(list.pageSize(), FormListModel::PageSize);
    list.setPageSize(40);
    QSignalSpy loaded(&list, &FormListModel::firstPageLoaded);
    list.setQuery({});
    QVERIFY(loaded.wait(10000));
    QVERIFY(!list.isRowLoaded(40));
    // As a view paints row 35: its id, then the rest of the row.
    QCOMPARE(list.index(35, FormListModel::IdColumn).data().toString(), expected.at(35));
    QTRY_VERIFY(list.isRowLoaded(40) && list.isRowLoaded(79));
    QCOMPARE(idsAt(list, 40, 79), expected.mid(40, 40));
    // And backwards: row 125 is in the first quarter of its page.
    QVERIFY(loadRows(list, 120, 125));
    QVERIFY(!list.isRowLoaded(119));
    QCOMPARE(list.index(125, FormListModel::IdColumn).data().toString(), expected.at(125));
    QTRY_VERIFY(list.isRowLoaded(80) && list.isRowLoaded(119));
    QCOMPARE(idsAt(list, 80, 119), expected.mid(80, 40));
}

QTEST_MAIN(tst_FormListWindow)
#include "tst_formlistwindow.moc"
