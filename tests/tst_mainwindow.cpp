#include "banner.h"
#include "dataservice.h"
#include "filterbar.h"
#include "formdetailmodel.h"
#include "formdetailview.h"
#include "formlistmodel.h"
#include "funnelexport.h"
#include "funnelmodel.h"
#include "funnelwidget.h"
#include "guitestdata.h"
#include "keyhelp.h"
#include "mainwindow.h"
#include "testdatabase.h"

#include <QApplication>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace compose;
using compose::test::DashboardSeed;
using compose::test::TestDatabase;

namespace {
constexpr int LoadTimeout = 15000;

int funnelRow(const QString &statusKey)
{
    const FormStatus s = Status::fromKey(statusKey);
    return s == FormStatus::Unknown ? FunnelModel::OtherRow : int(s);
}
} // namespace

class tst_MainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void funnelWidgetWithoutDatabase();
    void fullFlow_data();
    void fullFlow();
    void openFailedShowsBanner();
    void screenshot();
    void fitsALaptopScreenWithABanner();
    void shortcutHelpIsReadFromTheKeys();
    void layoutIsKeptAcrossWindows();

private:
    void waitLoaded(MainWindow &w, int total);
    // The demo-sized dashboard on SQLite in a 1366x768 window, loaded.
    struct Shown {
        TestDatabase tdb {SqlDialect::SQLite};
        DashboardSeed seed;
        DataService data;
        MainWindow window {&data};
    };
    void showLoaded(Shown &shown);
    void selectForm(MainWindow &w, const QString &id);
    QTemporaryDir m_settingsDir;
};

void tst_MainWindow::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("compose-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void tst_MainWindow::waitLoaded(MainWindow &w, int total)
{
    QTRY_VERIFY_WITH_TIMEOUT(!w.funnelModel()->isLoading() && w.funnelModel()->total() == total,
                             LoadTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(!w.listModel()->isLoading() && w.listModel()->rowCount() == total,
                             LoadTimeout);
}

void tst_MainWindow::showLoaded(Shown &shown)
{
    shown.tdb.migrate();
    shown.seed = test::seedDashboard(shown.tdb.connection());
    shown.window.resize(1366, 768);
    shown.window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&shown.window));
    shown.data.open(shown.tdb.settings());
    waitLoaded(shown.window, shown.seed.total);
}

void tst_MainWindow::selectForm(MainWindow &w, const QString &id)
{
    const int row = w.listModel()->rowOf(id);
    QVERIFY2(row >= 0, qPrintable(id));
    FormListView *list = w.listView();
    const QModelIndex idx = w.listModel()->index(row, FormListModel::IdColumn);
    list->scrollTo(idx);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(idx).center());
    QCOMPARE(w.detailModel()->formId(), id);
    QTRY_COMPARE_WITH_TIMEOUT(w.detailModel()->state(), FormDetailModel::State::Loaded,
                              LoadTimeout);
}

// Painting, hit-testing and the keyboard, from counts set directly.
void tst_MainWindow::funnelWidgetWithoutDatabase()
{
    FunnelModel model(nullptr);
    FunnelCounts counts;
    counts.counts = {{QStringLiteral("created"), 40},
                     {QStringLiteral("delivered"), 10},
                     {QStringLiteral("expired"), 5},
                     {QStringLiteral("weird"), 3}};
    model.setCounts(counts);
    FunnelWidget w(&model);
    w.resize(1200, w.sizeHint().height());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));

    for (int r = 0; r < FunnelModel::RowCount; ++r)
        QVERIFY(!w.barRect(r).isEmpty());
    QVERIFY(w.barRect(1).top() > w.barRect(0).top());
    QVERIFY(w.barRect(Status::WorkflowCount).left() > w.barRect(0).right()); // apart, on the right

    // Created reached 55 (everything but "weird"), delivered 10: the first bar is full, the last
    // short.
    const QImage img = w.grab().toImage();
    const QRect first = w.barRect(0), last = w.barRect(Status::WorkflowCount - 1);
    const QColor background = img.pixelColor(w.rect().right() - 2, 2);
    const QColor fullEnd
        = img.pixelColor(first.left() + first.width() * 9 / 10, first.center().y());
    const QColor shortEnd = img.pixelColor(last.left() + last.width() * 9 / 10, last.center().y());
    const QColor shortStart = img.pixelColor(last.left() + 2, last.center().y());
    QVERIFY(fullEnd != background);
    QVERIFY(fullEnd != shortEnd); // row 0 filled to 90%, row 6 not
    QVERIFY(shortStart != shortEnd); // row 6 has a bar at its start

    QSignalSpy selected(&w, &FunnelWidget::selectedRowChanged);
    QTest::mouseClick(&w, Qt::LeftButton, {}, w.barRect(3).center());
    QCOMPARE(w.selectedRow(), 3);
    QTest::mouseClick(&w, Qt::LeftButton, {}, w.barRect(3).center());
    QCOMPARE(w.selectedRow(), -1);
    QCOMPARE(selected.size(), 2);

    w.setFocus();
    QTest::keyClick(&w, Qt::Key_Home);
    QTest::keyClick(&w, Qt::Key_Down);
    QTest::keyClick(&w, Qt::Key_Down);
    QTest::keyClick(&w, Qt::Key_Return);
    QCOMPARE(w.selectedRow(), 2);
    QTest::keyClick(&w, Qt::Key_Right);
    QTest::keyClick(&w, Qt::Key_Down);
    QTest::keyClick(&w, Qt::Key_Down);
    QTest::keyClick(&w, Qt::Key_Space);
    QCOMPARE(w.selectedRow(), int(FunnelModel::OtherRow));
    QTest::keyClick(&w, Qt::Key_Escape);
    QCOMPARE(w.selectedRow(), -1);

    // Export: numbers from the model, one line per row.
    const QStringList lines
        = FunnelExport::csv(&model).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + FunnelModel::RowCount);
    QVERIFY2(lines.at(1).startsWith(QStringLiteral("Created,created,40,55,1.0000,")),
             qPrintable(lines.at(1)));
    QVERIFY2(lines.last().contains(QStringLiteral("weird: 3")), qPrintable(lines.last()));
}

void tst_MainWindow::fullFlow_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<bool>("migrated");
    QTest::addRow("postgresql-migrated") << SqlDialect::PostgreSQL << true;
    QTest::addRow("sqlite-seed-only") << SqlDialect::SQLite << false;
}

void tst_MainWindow::fullFlow()
{
    QFETCH(SqlDialect, dialect);
    QFETCH(bool, migrated);
    TestDatabase tdb(dialect);
    COMPOSE_REQUIRE_DB(tdb);
    if (migrated)
        tdb.migrate();
    else
        tdb.createSeedOnlySchema();
    const DashboardSeed seed = test::seedDashboard(tdb.connection());

    DataService data;
    data.setPollInterval(250);
    MainWindow w(&data);
    w.resize(1366, 768);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy opened(&data, &DataService::opened);
    data.open(tdb.settings());
    QVERIFY(opened.wait(LoadTimeout));
    waitLoaded(w, seed.total);

    // Status bar: where, what schema, how live.
    auto *conn = w.findChild<QLabel *>(QStringLiteral("connectionStatus"));
    auto *schema = w.findChild<QLabel *>(QStringLiteral("schemaStatus"));
    auto *live = w.findChild<QLabel *>(QStringLiteral("liveStatus"));
    auto *rows = w.findChild<QLabel *>(QStringLiteral("rowsStatus"));
    QVERIFY(conn && schema && live && rows);
    QVERIFY2(conn->text().contains(tdb.settings().displayName()), qPrintable(conn->text()));
    if (migrated) {
        QVERIFY2(!schema->text().contains(QStringLiteral("seed-only")), qPrintable(schema->text()));
        if (dialect == SqlDialect::PostgreSQL)
            QVERIFY2(live->text().contains(QStringLiteral("notifications")),
                     qPrintable(live->text()));
    } else {
        QVERIFY2(schema->text().contains(QStringLiteral("seed-only")), qPrintable(schema->text()));
        QVERIFY2(live->text().contains(QStringLiteral("polling")), qPrintable(live->text()));
    }
    QVERIFY2(rows->text().contains(QString::number(seed.total)), qPrintable(rows->text()));

    // The funnel holds the seeded numbers.
    FunnelModel *funnel = w.funnelModel();
    for (auto it = seed.statusCounts.cbegin(); it != seed.statusCounts.cend(); ++it)
        QCOMPARE(funnel->index(funnelRow(it.key()), 0).data(FunnelModel::NowRole).toLongLong(),
                 qint64(it.value()));
    const qint64 other = seed.statusCounts.value(QStringLiteral("awaiting_review"));
    QCOMPARE(funnel->index(0, 0).data(FunnelModel::ReachedRole).toLongLong(),
             qint64(seed.total) - other);
    QVERIFY(funnel->index(FunnelModel::OtherRow, 0)
                .data(FunnelModel::OtherBreakdownRole)
                .toStringList()
                .join(QLatin1Char(' '))
                .contains(QStringLiteral("awaiting_review")));

    // A click on a stage filters the list; the chip and a second click clear it.
    auto *fw = w.findChild<FunnelWidget *>(QStringLiteral("funnelWidget"));
    QVERIFY(fw);
    const int paidRow = int(FormStatus::PaymentCompleted);
    const int paid = seed.statusCounts.value(QStringLiteral("payment_completed"));
    QTest::mouseClick(fw, Qt::LeftButton, {}, fw->barRect(paidRow).center());
    QTRY_VERIFY_WITH_TIMEOUT(!w.listModel()->isLoading() && w.listModel()->rowCount() == paid,
                             LoadTimeout);
    for (int r = 0; r < w.listModel()->rowCount(); ++r)
        QCOMPARE(w.listModel()->index(r, 0).data(FormListModel::StatusKeyRole).toString(),
                 QStringLiteral("payment_completed"));
    auto *chip = w.findChild<QToolButton *>(QStringLiteral("statusChip"));
    QVERIFY(chip && chip->isVisible());
    QVERIFY(chip->text().contains(Status::label(FormStatus::PaymentCompleted)));
    QTest::mouseClick(chip, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!w.listModel()->isLoading() && w.listModel()->rowCount() == seed.total,
                             LoadTimeout);
    QVERIFY(!chip->isVisible());
    QTest::mouseClick(fw, Qt::LeftButton, {}, fw->barRect(FunnelModel::OtherRow).center());
    QTRY_VERIFY_WITH_TIMEOUT(!w.listModel()->isLoading() && w.listModel()->rowCount() == int(other),
                             LoadTimeout);
    QTest::mouseClick(fw, Qt::LeftButton, {}, fw->barRect(FunnelModel::OtherRow).center());
    QTRY_VERIFY_WITH_TIMEOUT(!w.listModel()->isLoading() && w.listModel()->rowCount() == seed.total,
                             LoadTimeout);

    // Customer markup is shown literally, in plain-text labels.
    selectForm(w, seed.markupFormId);
    auto *recipient = w.findChild<QLabel *>(QStringLiteral("recipientLabel"));
    QVERIFY(recipient);
    QVERIFY2(recipient->text().contains(seed.markupRecipient), qPrintable(recipient->text()));
    QCOMPARE(recipient->textFormat(), Qt::PlainText);
    auto *field = w.findChild<QLabel *>(QStringLiteral("field_recipientName"));
    QVERIFY(field);
    QCOMPARE(field->text(), seed.markupRecipient);
    QCOMPARE(field->textFormat(), Qt::PlainText);
    for (QLabel *l : w.detailView()->findChildren<QLabel *>())
        QVERIFY2(l->text().isEmpty() || l->textFormat() == Qt::PlainText,
                 qPrintable(l->objectName() + l->text()));
    const QModelIndex markupCell = w.listModel()->index(w.listModel()->rowOf(seed.markupFormId),
                                                        FormListModel::RecipientColumn);
    QCOMPARE(markupCell.data().toString(), seed.markupRecipient);

    // Expiry only concerns unpaid forms: a paid one must not look overdue. This one was
    // refunded (status only: the seed has no refund rows), and the header must not say "paid".
    selectForm(w, seed.intentFormId);
    auto *expiry = w.findChild<QLabel *>(QStringLiteral("expiryLabel"));
    QVERIFY(expiry);
    QCOMPARE(expiry->text(), QStringLiteral("refunded"));

    // The bundle: 3 rows per song with the right task ids, the failure and the disagreement.
    selectForm(w, seed.bundleFormId);
    QVERIFY(!expiry->text().contains(QLatin1String("paid")));
    QTableView *variations = w.detailView()->variationsView();
    QCOMPARE(variations->objectName(), QStringLiteral("variationsTable"));
    QAbstractItemModel *vm = variations->model();
    QCOMPARE(vm->rowCount(), 9);
    for (int r = 0; r < 9; ++r) {
        const int s = r / 3, v = r % 3 + 1;
        QCOMPARE(vm->index(r, VariationTableModel::SongColumn)
                     .data(VariationTableModel::SongIndexRole)
                     .toInt(),
                 s);
        QCOMPARE(vm->index(r, VariationTableModel::VariationColumn)
                     .data(VariationTableModel::VariationIndexRole)
                     .toInt(),
                 v);
        const QString task = vm->index(r, VariationTableModel::TaskColumn).data().toString();
        QCOMPARE(task, QStringLiteral("tk_hamper_s%1_v%2").arg(s).arg(v));
        const bool failed = task == seed.failedTaskId;
        QCOMPARE(vm->index(r, 0).data(VariationTableModel::IsFailedRole).toBool(), failed);
        QCOMPARE(vm->index(r, VariationTableModel::GenerationStatusColumn).data().toString(),
                 failed ? QStringLiteral("failed") : QStringLiteral("completed"));
        const bool conflict = task == seed.conflictTaskId;
        QCOMPARE(vm->index(r, 0).data(VariationTableModel::HasConflictRole).toBool(), conflict);
        if (conflict)
            QVERIFY(vm->index(r, VariationTableModel::ConflictColumn)
                        .data()
                        .toString()
                        .contains(QStringLiteral("Audio URL")));
    }
    auto *summary = w.findChild<QLabel *>(QStringLiteral("variationsSummary"));
    QVERIFY(summary && summary->text().contains(QStringLiteral("disagree")));
    auto *noHistory = w.findChild<QLabel *>(QStringLiteral("noHistoryLabel"));
    QVERIFY(noHistory);
    QCOMPARE(!noHistory->isHidden(), !migrated);

    // Keyboard: Down moves and loads, Enter goes to the detail.
    FormListView *list = w.listView();
    list->setFocus();
    const int bundleRow = list->currentIndex().row();
    QTest::keyClick(list, bundleRow + 1 < w.listModel()->rowCount() ? Qt::Key_Down : Qt::Key_Up);
    const QString nextId = list->currentIndex().data(FormListModel::FormIdRole).toString();
    QVERIFY(nextId != seed.bundleFormId);
    QCOMPARE(w.detailModel()->formId(), nextId);
    QTRY_COMPARE_WITH_TIMEOUT(w.detailModel()->state(), FormDetailModel::State::Loaded,
                              LoadTimeout);
    QTest::keyClick(list, Qt::Key_Return);
    QVERIFY(w.detailView()->isAncestorOf(QApplication::focusWidget()));

    // Sorting: a sortable header sorts in the database, a non-sortable one leaves it be.
    QHeaderView *header = list->horizontalHeader();
    auto clickHeader = [&](int column) {
        const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    };
    list->scrollTo(w.listModel()->index(0, FormListModel::RecipientColumn));
    clickHeader(FormListModel::RecipientColumn);
    QCOMPARE(w.listModel()->query().sort.key, ListSort::Recipient);
    QTRY_VERIFY_WITH_TIMEOUT(!w.listModel()->isLoading() && w.listModel()->rowCount() == seed.total,
                             LoadTimeout);
    QCOMPARE(header->sortIndicatorSection(), int(FormListModel::RecipientColumn));
    QVERIFY(!FormListModel::isSortable(FormListModel::EmailColumn));
    list->scrollTo(w.listModel()->index(0, FormListModel::EmailColumn));
    clickHeader(FormListModel::EmailColumn);
    QCOMPARE(header->sortIndicatorSection(), int(FormListModel::RecipientColumn));
    QCOMPARE(w.listModel()->query().sort.key, ListSort::Recipient);

    // One search box: Ctrl+F, type, debounce, exactly the form.
    auto *search = w.findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    QVERIFY(search);
    QApplication::setActiveWindow(&w);
    QTest::keyClick(&w, Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(search->hasFocus());
    QTest::keyClicks(search, seed.searchEmail);
    QTRY_VERIFY_WITH_TIMEOUT(w.listModel()->query().search == seed.searchEmail
                                 && !w.listModel()->isLoading(),
                             LoadTimeout);
    QCOMPARE(w.listModel()->rowCount(), 1);
    QCOMPARE(w.listModel()->index(0, 0).data(FormListModel::FormIdRole).toString(),
             seed.emailFormId);
    search->selectAll();
    QTest::keyClicks(search, seed.paymentIntent);
    QTRY_VERIFY_WITH_TIMEOUT(w.listModel()->query().search == seed.paymentIntent
                                 && !w.listModel()->isLoading(),
                             LoadTimeout);
    QCOMPARE(w.listModel()->rowCount(), 1);
    QCOMPARE(w.listModel()->index(0, 0).data(FormListModel::FormIdRole).toString(),
             seed.intentFormId);
    search->clear();
    QTRY_VERIFY_WITH_TIMEOUT(!w.listModel()->isLoading() && w.listModel()->rowCount() == seed.total,
                             LoadTimeout);

    // The cohort: the last 30 days leave the old forms out of the funnel and the list.
    auto *filters = w.filterBar();
    filters->setRange(FilterBar::Last30Days);
    QTRY_VERIFY_WITH_TIMEOUT(
        !funnel->isLoading() && funnel->total() == seed.total - seed.olderThan30Days, LoadTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(!w.listModel()->isLoading()
                                 && w.listModel()->rowCount() == seed.total - seed.olderThan30Days,
                             LoadTimeout);
    filters->setRange(FilterBar::AllTime);
    waitLoaded(w, seed.total);

    // Live: another writer changes a form; funnel, list row and detail follow.
    selectForm(w, seed.bundleFormId);
    const int ready = seed.statusCounts.value(QStringLiteral("variations_ready"));
    const int initiated = seed.statusCounts.value(QStringLiteral("payment_initiated"));
    {
        QSqlQuery q(tdb.connection());
        QVERIFY(q.prepare(
            QStringLiteral("UPDATE compose_forms SET status = 'payment_initiated', "
                           "stripe_session_id = 'cs_live_1', updated_at = :u WHERE id = :id")));
        q.bindValue(QStringLiteral(":u"),
                    QDateTime::currentDateTimeUtc().addSecs(5).toString(
                        QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
        q.bindValue(QStringLiteral(":id"), seed.bundleFormId);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(
        funnel->index(int(FormStatus::PaymentInitiated), 0).data(FunnelModel::NowRole).toLongLong(),
        qint64(initiated + 1), LoadTimeout);
    QCOMPARE(
        funnel->index(int(FormStatus::VariationsReady), 0).data(FunnelModel::NowRole).toLongLong(),
        qint64(ready - 1));
    QTRY_COMPARE_WITH_TIMEOUT(w.detailModel()->detail().summary.statusKey,
                              QStringLiteral("payment_initiated"), LoadTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(
        w.listModel()->summaryAt(w.listModel()->rowOf(seed.bundleFormId)).statusKey,
        QStringLiteral("payment_initiated"), LoadTimeout);
    QCOMPARE(list->currentIndex().data(FormListModel::FormIdRole).toString(), seed.bundleFormId);

    // Refresh (F5) keeps the selection.
    QSignalSpy firstPage(w.listModel(), &FormListModel::firstPageLoaded);
    w.reloadAll();
    QVERIFY(firstPage.wait(LoadTimeout));
    QCOMPARE(list->currentIndex().data(FormListModel::FormIdRole).toString(), seed.bundleFormId);
    QCOMPARE(w.detailModel()->formId(), seed.bundleFormId);

    // Export writes what the funnel holds.
    QTemporaryDir dir;
    const QString csvPath = dir.filePath(QStringLiteral("funnel.csv"));
    QFuture<QString> written = FunnelExport::save(w.funnelModel(), csvPath);
    written.waitForFinished();
    QVERIFY2(written.result().isEmpty(), qPrintable(written.result()));
    QFile csv(csvPath);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(QString::fromUtf8(csv.readAll()), FunnelExport::csv(funnel));
}

void tst_MainWindow::openFailedShowsBanner()
{
    DataService data;
    MainWindow w(&data);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    auto *banner = w.findChild<QFrame *>(QStringLiteral("banner"));
    auto *text = w.findChild<QLabel *>(QStringLiteral("bannerText"));
    auto *retry = w.findChild<QPushButton *>(QStringLiteral("bannerRetry"));
    auto *connectButton = w.findChild<QPushButton *>(QStringLiteral("bannerConnect"));
    QVERIFY(banner && text && retry && connectButton);
    QVERIFY(!banner->isVisible());
    // Severity is said by an icon and a word, not by the colour alone.
    auto *icon = banner->findChild<QLabel *>(QStringLiteral("bannerIcon"));
    auto *severity = banner->findChild<QLabel *>(QStringLiteral("bannerSeverity"));
    QVERIFY(icon && severity);
    QVERIFY(!icon->pixmap().isNull());
    QCOMPARE(severity->text(), QStringLiteral("Warning:"));
    QCOMPARE(icon->accessibleName(), severity->text());
    QCOMPARE(w.findChild<QLabel *>(QStringLiteral("apiBannerSeverity"))->text(),
             QStringLiteral("Note:"));

    ConnectionSettings bad;
    bad.dialect = SqlDialect::PostgreSQL;
    bad.host = QStringLiteral("127.0.0.1");
    bad.port = 1; // nothing listens there
    bad.database = QStringLiteral("nowhere");
    bad.user = QStringLiteral("agent");
    bad.password = QStringLiteral("s3cret-never-shown");
    bad.options = QStringLiteral("connect_timeout=2");
    QSignalSpy failed(&data, &DataService::openFailed);
    data.open(bad);
    QVERIFY(failed.wait(LoadTimeout));
    QTRY_VERIFY(banner->isVisible());
    QVERIFY(!text->text().isEmpty());
    QVERIFY(!text->text().contains(bad.password));
    auto *conn = w.findChild<QLabel *>(QStringLiteral("connectionStatus"));
    QVERIFY(!conn->text().contains(bad.password));

    QSignalSpy connectRequested(&w, &MainWindow::connectRequested);
    QTest::mouseClick(connectButton, Qt::LeftButton);
    QCOMPARE(connectRequested.size(), 1);
    QTest::mouseClick(retry, Qt::LeftButton);
    QVERIFY(failed.wait(LoadTimeout));
    QCOMPARE(failed.size(), 2);
    QVERIFY(banner->isVisible());
}

// The help lists every key the window really has, from the actions themselves: a key added to a
// menu shows up, one removed goes, and keys that widgets handle themselves are said by them.
// 1366x768 is a common laptop screen. With a banner up (no API configured, a lost connection) and
// a form open, the window must still fit: it grew past the screen's bottom edge and hid its
// status bar.
void tst_MainWindow::fitsALaptopScreenWithABanner()
{
    Shown shown;
    showLoaded(shown);
    if (QTest::currentTestFailed())
        return;
    MainWindow &w = shown.window;
    const DashboardSeed &seed = shown.seed;
    w.databaseBanner()->setMessage(QStringLiteral("A message one line long."));
    w.databaseBanner()->show();
    selectForm(w, seed.bundleFormId);
    QTRY_COMPARE_WITH_TIMEOUT(w.detailModel()->state(), FormDetailModel::State::Loaded,
                              LoadTimeout);
    // The staff presenter puts the notes (editor and list) under the history: as tall as that.
    auto *notes = new QWidget;
    notes->setMinimumHeight(250);
    w.detailView()->addHistorySection(notes);
    // A tab widget is as tall as its tallest page: a page taller than this scrolls instead.
    QTabWidget *tabs = w.detailView()->tabs();
    for (int tab = 0; tab < tabs->count(); ++tab) {
        tabs->setCurrentIndex(tab);
        QCoreApplication::processEvents();
        QVERIFY2(tabs->widget(tab)->minimumSizeHint().height() <= 200,
                 qPrintable(QStringLiteral("%1: %2 px")
                                .arg(tabs->tabText(tab))
                                .arg(tabs->widget(tab)->minimumSizeHint().height())));
        // A title bar and a panel take about 60 px of the 768.
        QVERIFY2(w.minimumSizeHint().height() <= 700,
                 qPrintable(QString::number(w.minimumSizeHint().height())));
        QCOMPARE(w.height(), 768);
    }
}

void tst_MainWindow::shortcutHelpIsReadFromTheKeys()
{
    DataService data;
    MainWindow w(&data);
    const QString before = KeyHelp::text(&w);
    int withKeys = 0;
    for (const QAction *a : w.findChildren<QAction *>()) {
        if (a->shortcut().isEmpty())
            continue;
        ++withKeys;
        QVERIFY2(
            before.contains(a->shortcut().toString(QKeySequence::NativeText) + QLatin1Char('\t')),
            qPrintable(a->objectName()));
    }
    QVERIFY(withKeys
            >= 5); // connect, refresh, find, funnel, detail (Quit has no key on some platforms)
    QVERIFY(before.contains(QStringLiteral("Find a form (id, e-mail, recipient, cs_…, pi_…)")));
    QVERIFY(before.contains(QStringLiteral("Up / Down\t")));
    QVERIFY(before.contains(QStringLiteral("Esc (funnel)\t")));

    const QKeySequence key(Qt::CTRL | Qt::SHIFT | Qt::Key_K);
    const QString line = key.toString(QKeySequence::NativeText) + QStringLiteral("\tSomething new");
    QVERIFY(!before.contains(line));
    QMenu *view = w.menuBar()->actions().at(1)->menu();
    QAction *added = view->addAction(QStringLiteral("Something &new"));
    added->setShortcut(key);
    QVERIFY2(KeyHelp::text(&w).contains(line), qPrintable(KeyHelp::text(&w)));
    delete added;
    QVERIFY(!KeyHelp::text(&w).contains(line));
}

// What the agent changed in the window's layout comes back in the next window, from one place.
void tst_MainWindow::layoutIsKeptAcrossWindows()
{
    QSettings().remove(QStringLiteral("mainWindow"));
    DataService data;
    {
        MainWindow w(&data);
        QVERIFY(w.funnelWidget()->isVisibleTo(&w));
        QCOMPARE(w.filterBar()->range(), FilterBar::AllTime); // the default
        w.findChild<QAction *>(QStringLiteral("showFunnelAction"))->setChecked(false);
        w.filterBar()->setRange(FilterBar::Last7Days);
        w.listView()->horizontalHeader()->moveSection(0, 3);
        w.saveSettings();
    }
    MainWindow again(&data);
    QVERIFY(!again.findChild<QAction *>(QStringLiteral("showFunnelAction"))->isChecked());
    QVERIFY(!again.funnelWidget()->isVisibleTo(&again));
    QCOMPARE(again.filterBar()->range(), FilterBar::Last7Days);
    QCOMPARE(again.listView()->horizontalHeader()->visualIndex(FormListModel::IdColumn), 3);
    // The sort indicator stays where the database sorts, whatever the header state held.
    QCOMPARE(again.listView()->horizontalHeader()->sortIndicatorSection(),
             int(FormListModel::UpdatedColumn));
    QSettings().remove(QStringLiteral("mainWindow"));
}

// COMPOSE_SCREENSHOT=/tmp/mw.png saves the window on a seeded database to look at. Without it
// the picture goes to a temporary file and is only checked to be the whole window: a skipped
// function would make CTest report this whole program as skipped.
void tst_MainWindow::screenshot()
{
    QTemporaryDir dir;
    QString path = qEnvironmentVariable("COMPOSE_SCREENSHOT");
    if (path.isEmpty())
        path = dir.filePath(QStringLiteral("window.png"));
    Shown shown;
    showLoaded(shown);
    if (QTest::currentTestFailed())
        return;
    MainWindow &w = shown.window;
    const DashboardSeed &seed = shown.seed;
    selectForm(w, qEnvironmentVariable("COMPOSE_SCREENSHOT_FORM", seed.bundleFormId));
    const int tab = qEnvironmentVariableIntValue("COMPOSE_SCREENSHOT_TAB");
    w.detailView()->tabs()->setCurrentIndex(tab);
    QTRY_COMPARE_WITH_TIMEOUT(w.detailModel()->state(), FormDetailModel::State::Loaded,
                              LoadTimeout);
    QVERIFY(w.grab().save(path));
    QCOMPARE(QImage(path).size(), w.size() * w.devicePixelRatio());
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
