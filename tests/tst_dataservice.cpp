#include "database.h"
#include "dataservice.h"
#include "formdetailmodel.h"
#include "formlistmodel.h"
#include "funnelmodel.h"
#include "seedrows.h"
#include "testdatabase.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

using namespace compose;
using namespace compose::test;

// The worker-thread service and the item models on top of it, against real databases:
// lazy paging, live updates by NOTIFY and by polling, and surviving a killed connection.
class tst_DataService : public QObject {
    Q_OBJECT
private slots:
    void listPagesLazily_data();
    void listPagesLazily();
    void openFailsClearly();
    void missingTableIsExplained();
    void notificationRefreshesModels();
    void pollingFallback();
    void pollingSeesEveryRowOfOneTimestamp_data();
    void pollingSeesEveryRowOfOneTimestamp();
    void reconnectsAfterBackendKilled();
    void secondConnectionOpensAfterStartOrForAScan();

private:
    static void seed(const QSqlDatabase &db, int forms);
};

void tst_DataService::seed(const QSqlDatabase &db, int forms)
{
    Db::Transaction tx(db);
    const QDateTime base = QDateTime::currentDateTimeUtc().addDays(-1);
    for (int i = 0; i < forms; ++i) {
        FormSpec f;
        f.id = QStringLiteral("f%1").arg(i, 4, 10, QLatin1Char('0'));
        f.createdAt = base.addSecs(i * 60);
        f.status = i % 3 ? QStringLiteral("variations_ready") : QStringLiteral("created");
        insertForm(db, f);
    }
    tx.commit();
}

void tst_DataService::listPagesLazily_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addRow("postgresql") << SqlDialect::PostgreSQL;
    QTest::addRow("sqlite") << SqlDialect::SQLite;
}

void tst_DataService::listPagesLazily()
{
    QFETCH(SqlDialect, dialect);
    TestDatabase tdb(dialect);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    seed(tdb.connection(), 250);

    DataService data;
    QSignalSpy opened(&data, &DataService::opened);
    data.open(tdb.settings());
    QVERIFY(opened.wait(10000));

    FormListModel list(&data);
    list.setPageSize(100);
    QSignalSpy first(&list, &FormListModel::firstPageLoaded);
    list.reload();
    QVERIFY(first.wait(10000));
    // The exact count at once; rows past the first page only when asked for.
    QCOMPARE(list.rowCount(), 250);
    QVERIFY(list.isRowLoaded(99));
    QVERIFY(!list.isRowLoaded(100));
    QCOMPARE(list.index(150, FormListModel::IdColumn).data(FormListModel::LoadedRole), false);
    QSignalSpy loaded(&list, &FormListModel::rowsLoaded);
    list.requestRows(200, 249);
    QVERIFY(loaded.wait(10000));
    QVERIFY(list.isRowLoaded(249));
    // Default sort: newest update first.
    QCOMPARE(list.index(0, FormListModel::IdColumn).data().toString(), QStringLiteral("f0249"));
    QCOMPARE(list.index(249, FormListModel::IdColumn).data().toString(), QStringLiteral("f0000"));

    // From here on the model tester watches every change.
    QAbstractItemModelTester tester(&list, QAbstractItemModelTester::FailureReportingMode::QtTest);
    list.sort(FormListModel::IdColumn, Qt::AscendingOrder);
    QTRY_COMPARE(list.rowCount(), 250);
    QCOMPARE(list.index(0, 0).data().toString(), QStringLiteral("f0000"));

    FormListQuery q = list.query();
    q.statusKey = QStringLiteral("created");
    list.setQuery(q);
    QTRY_COMPARE(list.rowCount(), 84);
    QTRY_VERIFY(!list.isLoading());

    FunnelModel funnel(&data);
    QAbstractItemModelTester ftester(&funnel,
                                     QAbstractItemModelTester::FailureReportingMode::QtTest);
    funnel.reload();
    QTRY_COMPARE(funnel.total(), 250);
    QCOMPARE(funnel.index(0, 0).data(FunnelModel::NowRole).toLongLong(), 84);

    FormDetailModel detail(&data);
    QAbstractItemModelTester vtester(detail.variations(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest);
    detail.setFormId(QStringLiteral("f0003"));
    QTRY_COMPARE(detail.state(), FormDetailModel::State::Loaded);
    QCOMPARE(detail.detail().summary.id, QStringLiteral("f0003"));
    QCOMPARE(detail.variations()->rowCount(), 3);
    detail.setFormId(QStringLiteral("nope"));
    QTRY_COMPARE(detail.state(), FormDetailModel::State::NotFound);
}

void tst_DataService::openFailsClearly()
{
    DataService data;
    QSignalSpy failed(&data, &DataService::openFailed);
    ConnectionSettings s;
    s.host = QStringLiteral("127.0.0.1");
    s.port = 1; // nothing listens there
    s.database = QStringLiteral("x");
    s.user = QStringLiteral("x");
    data.open(s);
    QVERIFY(failed.wait(15000));
    QVERIFY2(failed.first().first().toString().contains(QLatin1String("cannot be reached")),
             qPrintable(failed.first().first().toString()));
    QVERIFY(!data.isOpen());
}

void tst_DataService::missingTableIsExplained()
{
    TestDatabase tdb(SqlDialect::SQLite);
    tdb.exec(QStringLiteral("CREATE TABLE unrelated (x INTEGER)"));
    DataService data;
    QSignalSpy failed(&data, &DataService::openFailed);
    data.open(tdb.settings());
    QVERIFY(failed.wait(10000));
    QVERIFY(failed.first().first().toString().contains(QLatin1String("no compose_forms table")));
}

void tst_DataService::notificationRefreshesModels()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    seed(tdb.connection(), 10);
    DataService data;
    QSignalSpy opened(&data, &DataService::opened);
    data.open(tdb.settings());
    QVERIFY(opened.wait(10000));
    QCOMPARE(data.liveMode(), DataService::LiveMode::Notifications);

    FormListModel list(&data);
    list.reload();
    QTRY_COMPARE(list.rowCount(), 10);
    FormDetailModel detail(&data);
    detail.setFormId(QStringLiteral("f0004"));
    QTRY_COMPARE(detail.state(), FormDetailModel::State::Loaded);

    QSignalSpy changed(&data, &DataService::formsChanged);
    connect(&data, &DataService::formsChanged, &list, &FormListModel::refreshForms);
    connect(&data, &DataService::formsChanged, &detail, [&](const QStringList &ids) {
        if (ids.contains(detail.formId()))
            detail.reload();
    });
    // A second connection (as psql or a webhook would) changes a form.
    tdb.exec(
        QStringLiteral("UPDATE compose_forms SET status = 'prompts_generated' WHERE id = 'f0004'"));
    QVERIFY(changed.wait(2000));
    QCOMPARE(changed.first().first().toStringList(), QStringList {QStringLiteral("f0004")});
    const int row = list.rowOf(QStringLiteral("f0004"));
    QTRY_COMPARE(
        list.index(row, FormListModel::StatusColumn).data(FormListModel::StatusKeyRole).toString(),
        QStringLiteral("prompts_generated"));
    QTRY_COMPARE(detail.detail().summary.statusKey, QStringLiteral("prompts_generated"));
}

void tst_DataService::pollingFallback()
{
    TestDatabase tdb(SqlDialect::SQLite);
    tdb.migrate();
    seed(tdb.connection(), 5);
    DataService data;
    data.setPollInterval(200);
    QSignalSpy opened(&data, &DataService::opened);
    data.open(tdb.settings());
    QVERIFY(opened.wait(10000));
    QCOMPARE(data.liveMode(), DataService::LiveMode::Polling);
    QSignalSpy changed(&data, &DataService::formsChanged);
    tdb.exec(QStringLiteral(
        "UPDATE compose_forms SET status = 'expired', "
        "updated_at = strftime('%Y-%m-%d %H:%M:%f', 'now', '+1 minute') WHERE id = 'f0002'"));
    QVERIFY(changed.wait(3000));
    QCOMPARE(changed.first().first().toStringList(), QStringList {QStringLiteral("f0002")});
}

void tst_DataService::pollingSeesEveryRowOfOneTimestamp_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addRow("postgresql seed-only schema") << SqlDialect::PostgreSQL;
    QTest::addRow("sqlite seed-only schema") << SqlDialect::SQLite;
}

// One UPDATE stamps 1,200 forms with the same updated_at (a bulk fix, a migration): polling
// pages through them all, by (updated_at, id), and reports each exactly once.
void tst_DataService::pollingSeesEveryRowOfOneTimestamp()
{
    QFETCH(SqlDialect, dialect);
    TestDatabase tdb(dialect);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.createSeedOnlySchema(); // no trigger: polling on PostgreSQL too
    constexpr int Forms = 1300;
    constexpr int Stamped = 1200;
    seed(tdb.connection(), Forms);

    DataService data;
    data.setPollInterval(100);
    QSignalSpy opened(&data, &DataService::opened);
    data.open(tdb.settings());
    QVERIFY(opened.wait(10000));
    QCOMPARE(data.liveMode(), DataService::LiveMode::Polling);

    QStringList reported;
    connect(&data, &DataService::formsChanged, this,
            [&reported](const QStringList &ids) { reported += ids; });
    const QString stamp = QDateTime::currentDateTimeUtc().addSecs(3600).toString(
        QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    tdb.exec(QStringLiteral("UPDATE compose_forms SET updated_at = '%1' WHERE id < 'f%2'")
                 .arg(stamp)
                 .arg(Stamped, 4, 10, QLatin1Char('0')));
    QTRY_VERIFY_WITH_TIMEOUT(reported.size() >= Stamped, 20000);

    // A later change of one more form is seen too: the mark moved past all of them, and none
    // of the 1,200 comes again.
    const QString later = QDateTime::currentDateTimeUtc().addSecs(7200).toString(
        QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    tdb.exec(
        QStringLiteral("UPDATE compose_forms SET updated_at = '%1' WHERE id = 'f1299'").arg(later));
    QTRY_VERIFY_WITH_TIMEOUT(reported.contains(QStringLiteral("f1299")), 10000);

    QStringList expected;
    for (int i = 0; i < Stamped; ++i)
        expected << QStringLiteral("f%1").arg(i, 4, 10, QLatin1Char('0'));
    expected << QStringLiteral("f1299");
    QCOMPARE(reported.size(), expected.size());
    QStringList sorted = reported;
    std::sort(sorted.begin(), sorted.end());
    QCOMPARE(sorted, expected);
}

void tst_DataService::reconnectsAfterBackendKilled()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    seed(tdb.connection(), 3);
    DataService data;
    data.setKeepAliveInterval(200);
    QSignalSpy opened(&data, &DataService::opened);
    data.open(tdb.settings());
    QVERIFY(opened.wait(10000));

    QSignalSpy lost(&data, &DataService::connectionLost);
    QSignalSpy restored(&data, &DataService::connectionRestored);
    QSignalSpy changed(&data, &DataService::formsChanged);
    tdb.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE application_name = 'compose-desk' AND pid <> pg_backend_pid() "
                            "AND datname = current_database()"));
    QVERIFY(lost.wait(5000));
    QVERIFY(!data.isOpen());
    QTRY_VERIFY_WITH_TIMEOUT(restored.size() == 1, 10000);
    QVERIFY(data.isOpen());
    QCOMPARE(data.liveMode(), DataService::LiveMode::Notifications);
    QTRY_VERIFY(!changed.isEmpty()); // "reload everything": NOTIFYs sent meanwhile are gone
    QVERIFY(changed.first().first().toStringList().isEmpty());

    // Subscribed again: a change after the reconnect is seen.
    changed.clear();
    tdb.exec(QStringLiteral("UPDATE compose_forms SET status = 'expired' WHERE id = 'f0001'"));
    QVERIFY(changed.wait(3000));
    QCOMPARE(changed.last().first().toStringList(), QStringList {QStringLiteral("f0001")});

    FormListModel list(&data);
    list.reload();
    QTRY_COMPARE(list.rowCount(), 3);
}

// The second connection (statements that scan) does not open with the first: its backend's start
// took a core from the window's first paint. It follows a moment later, or at once when a search
// needs it; until then a plain list's count (the rollup) is served on the first one.
void tst_DataService::secondConnectionOpensAfterStartOrForAScan()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    seed(tdb.connection(), 30);
    const auto connections = [&tdb] {
        return tdb.count(QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE "
                                        "application_name = 'compose-desk' AND pid <> "
                                        "pg_backend_pid() AND datname = current_database()"));
    };
    DataService data;
    data.setScanConnectionDelay(60000);
    QSignalSpy opened(&data, &DataService::opened);
    data.open(tdb.settings());
    QVERIFY(opened.wait(10000));
    QCOMPARE(connections(), 1);

    FormListModel list(&data);
    QSignalSpy loaded(&list, &FormListModel::firstPageLoaded);
    list.setQuery({});
    QVERIFY(loaded.wait(10000));
    QCOMPARE(list.rowCount(), 30);
    QCOMPARE(connections(), 1);
    QVERIFY(!data.scanConnectionOpen());

    FormListQuery q;
    q.search = QStringLiteral("f0012");
    loaded.clear();
    list.setQuery(q);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(list.rowCount(), 1);
    QTRY_VERIFY(data.scanConnectionOpen());
    QCOMPARE(connections(), 2);

    // Without a scan: after the delay.
    DataService later;
    later.setScanConnectionDelay(200);
    QSignalSpy laterOpened(&later, &DataService::opened);
    later.open(tdb.settings());
    QVERIFY(laterOpened.wait(10000));
    QVERIFY(!later.scanConnectionOpen());
    QTRY_VERIFY(later.scanConnectionOpen());
    QCOMPARE(connections(), 4);
}

QTEST_MAIN(tst_DataService)
#include "tst_dataservice.moc"
