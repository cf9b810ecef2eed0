// What a screen reader finds in the main window: walking QAccessible's tree from the window
// reaches the painted funnel (a list whose items read each stage's counts), the waveform (a
// slider whose value is the position and which seeks when set) and the play buttons (the
// player bar's button and the play buttons painted in the variation table's song cells).
#include "audiopresenter.h"
#include "dataservice.h"
#include "formdetailmodel.h"
#include "formdetailview.h"
#include "formlistmodel.h"
#include "formlistview.h"
#include "formstatus.h"
#include "funnelmodel.h"
#include "funnelwidget.h"
#include "guitestdata.h"
#include "mainwindow.h"
#include "playerbar.h"
#include "previewplayer.h"
#include "testdatabase.h"
#include "waveformwidget.h"

#include <QAccessible>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace compose;
using compose::test::TestDatabase;

namespace {

constexpr int LoadTimeout = 15000;

// Every interface under `root`, depth first, as a screen reader walks them.
void walk(QAccessibleInterface *root, QList<QAccessibleInterface *> *out, int depth = 0)
{
    if (!root || !root->isValid() || depth > 40)
        return;
    out->append(root);
    for (int i = 0; i < root->childCount(); ++i)
        walk(root->child(i), out, depth + 1);
}

QAccessibleInterface *findObject(const QList<QAccessibleInterface *> &all, QObject *object)
{
    for (QAccessibleInterface *i : all) {
        if (i->object() == object)
            return i;
    }
    return nullptr;
}

} // namespace

class tst_Accessibility final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void mainWindowTree();

private:
    QTemporaryDir m_settingsDir;
};

void tst_Accessibility::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("compose-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_accessibility"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void tst_Accessibility::mainWindowTree()
{
    TestDatabase tdb(SqlDialect::SQLite);
    tdb.migrate();
    const auto seed = test::seedDashboard(tdb.connection());
    DataService data;
    PreviewPlayer player;
    MainWindow w(&data);
    new AudioPresenter(&w, &player); // the player bar with its play button and waveform
    w.resize(1366, 768);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    data.open(tdb.settings());
    QTRY_VERIFY_WITH_TIMEOUT(
        !w.funnelModel()->isLoading() && w.funnelModel()->total() == seed.total, LoadTimeout);
    w.showForm(seed.bundleFormId);
    QTRY_COMPARE_WITH_TIMEOUT(w.detailModel()->state(), FormDetailModel::State::Loaded,
                              LoadTimeout);

    auto *funnel = w.findChild<FunnelWidget *>();
    auto *wave = w.playerBar()->waveformWidget();
    QToolButton *play = w.playerBar()->playButton();
    QTableView *variations = w.detailView()->variationsView();
    QVERIFY(funnel && wave && play && variations);

    QTRY_VERIFY_WITH_TIMEOUT(w.listModel()->rowCount() > 0 && w.listModel()->isRowLoaded(0),
                             LoadTimeout);

    QList<QAccessibleInterface *> tree;
    walk(QAccessible::queryAccessibleInterface(&w), &tree);
    QVERIFY(tree.size() > 20);

    // The form list (a UniformTableView, not a QTableView): still a table to a screen reader,
    // one row per form, its columns named, each cell reading what is shown.
    FormListView *list = w.listView();
    QAccessibleInterface *l = findObject(tree, list);
    QVERIFY2(l, "the form list is not in the window's accessible tree");
    QCOMPARE(l->role(), QAccessible::Table);
    QAccessibleTableInterface *forms = l->tableInterface();
    QVERIFY(forms);
    QCOMPARE(forms->rowCount(), w.listModel()->rowCount());
    QCOMPARE(forms->columnDescription(FormListModel::RecipientColumn),
             w.listModel()->headerData(FormListModel::RecipientColumn, Qt::Horizontal).toString());
    QAccessibleInterface *first = forms->cellAt(0, FormListModel::IdColumn);
    QVERIFY(first && first->isValid());
    QCOMPARE(first->role(), QAccessible::Cell);
    QCOMPARE(first->text(QAccessible::Name),
             w.listModel()->index(0, FormListModel::IdColumn).data().toString());
    QCOMPARE(l->indexOfChild(first), FormListModel::IdColumn);
    list->setFocus();
    list->setCurrentIndex(w.listModel()->index(0, FormListModel::IdColumn));
    QCOMPARE(l->focusChild(), first);
    QVERIFY(first->state().selected);

    // The funnel: a list, one item per row, each reading its stage and counts.
    QAccessibleInterface *f = findObject(tree, funnel);
    QVERIFY2(f, "the funnel is not in the window's accessible tree");
    QCOMPARE(f->role(), QAccessible::List);
    QCOMPARE(f->text(QAccessible::Name), QStringLiteral("Status funnel"));
    QCOMPARE(f->childCount(), int(FunnelModel::RowCount));
    for (int row = 0; row < Status::WorkflowCount; ++row) {
        QAccessibleInterface *item = f->child(row);
        QVERIFY(item && item->isValid());
        QVERIFY(tree.contains(item)); // reached by the walk, not only by asking
        QCOMPARE(item->role(), QAccessible::ListItem);
        QCOMPARE(item->parent(), f);
        QCOMPARE(f->indexOfChild(item), row);
        const auto status = FormStatus(row);
        QCOMPARE(item->text(QAccessible::Name), Status::label(status));
        // "Now" from the fixture rows; "reached" as the funnel counts it.
        const int now = seed.statusCounts.value(Status::key(status));
        const qint64 reached
            = w.funnelModel()->index(row, 0).data(FunnelModel::ReachedRole).toLongLong();
        QVERIFY(reached >= now);
        QCOMPARE(item->text(QAccessible::Value),
                 QStringLiteral("%1 reached, %2 now")
                     .arg(QLocale().toString(reached), QLocale().toString(now)));
        QVERIFY(
            item->text(QAccessible::Description).contains(QStringLiteral("Share of the first")));
        QVERIFY(!item->state().selected);
        // Its place on screen is the bar's.
        QCOMPARE(item->rect().size(), funnel->barRect(row).size());
    }
    funnel->setSelectedRow(int(FormStatus::PaymentCompleted));
    QVERIFY(f->child(int(FormStatus::PaymentCompleted))->state().selected);
    QVERIFY(!f->child(0)->state().selected);
    const QRect paidBar = f->child(int(FormStatus::PaymentCompleted))->rect();
    QCOMPARE(f->childAt(paidBar.center().x(), paidBar.center().y()),
             f->child(int(FormStatus::PaymentCompleted)));

    // The player bar's play button.
    QAccessibleInterface *p = findObject(tree, play);
    QVERIFY2(p, "the play button is not in the window's accessible tree");
    QCOMPARE(p->role(), QAccessible::Button);
    QCOMPARE(p->text(QAccessible::Name), QStringLiteral("Play"));

    // The play buttons painted in the variation table: each song cell says what a click does.
    QAccessibleInterface *t = QAccessible::queryAccessibleInterface(variations);
    QVERIFY(t && t->tableInterface());
    auto *vm = w.detailModel()->variations();
    const int row = vm->rowFor(0, 2);
    QVERIFY(row >= 0);
    QAccessibleInterface *cell = t->tableInterface()->cellAt(row, VariationTableModel::SongColumn);
    QVERIFY(cell);
    QCOMPARE(cell->text(QAccessible::Name), QStringLiteral("Play song 1, variation 2"));

    // The waveform: a slider over the preview; setting its value seeks.
    QAccessibleInterface *wv = findObject(tree, wave);
    QVERIFY2(wv, "the waveform is not in the window's accessible tree");
    QCOMPARE(wv->role(), QAccessible::Slider);
    QCOMPARE(wv->text(QAccessible::Name), QStringLiteral("Waveform"));
    WaveformData d;
    d.durationMs = 90000;
    d.maximum = QVector<float>(WaveformData::Buckets, 0.5f);
    d.minimum = QVector<float>(WaveformData::Buckets, -0.5f);
    d.rms = QVector<float>(WaveformData::Buckets, 0.3f);
    d.silences = {WaveformRegion {84000, 90000}};
    wave->setWaveform(d);
    wave->setDuration(90000);
    wave->setPosition(65000);
    QAccessibleValueInterface *value = wv->valueInterface();
    QVERIFY(value);
    QCOMPARE(value->currentValue().toLongLong(), 65000);
    QCOMPARE(value->maximumValue().toLongLong(), 90000);
    QCOMPARE(wv->text(QAccessible::Value), QStringLiteral("1:05 of 1:30"));
    QCOMPARE(wv->text(QAccessible::Description), d.summary());
    QVERIFY(!d.summary().isEmpty());
    QSignalSpy seeks(wave, &WaveformWidget::seekRequested);
    value->setCurrentValue(qint64(30000));
    QCOMPARE(seeks.count(), 1);
    QCOMPARE(seeks.first().first().toLongLong(), 30000);
    value->setCurrentValue(qint64(500000)); // past the end: clamped to the end
    QCOMPARE(seeks.count(), 2);
    QCOMPARE(seeks.last().first().toLongLong(), 90000);
}

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
