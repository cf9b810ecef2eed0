#include "apiclient.h"
#include "audiofiles.h"
#include "audiohttpserver.h"
#include "audiopresenter.h"
#include "dataservice.h"
#include "formdetailmodel.h"
#include "formdetailview.h"
#include "formlistmodel.h"
#include "mainwindow.h"
#include "playbuttondelegate.h"
#include "playerbar.h"
#include "previewplayer.h"
#include "seedrows.h"
#include "staffactions.h"
#include "staffactionspresenter.h"
#include "testdatabase.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QMenu>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QTimer>

using namespace compose;
using namespace compose::test;

// Preview audio inside the main window, offscreen, with real WAV files over HTTP on loopback:
// the play button in the variation table, compare with 1/2/3 at the same position, a broken
// preview explained on its row, a javascript: URL never requested, and switching forms stops.
class tst_MainWindowAudio : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void playCompareAndErrors();
    void lengthColumnShowsWhatPlays();
    void menusAndCtrlPActOnTheSelectedForm();

private:
    AudioHttpServer m_http;
    TestDatabase m_db {SqlDialect::SQLite};
};

void tst_MainWindowAudio::initTestCase()
{
    QVERIFY(m_http.isListening());
    for (int v = 1; v <= 3; ++v)
        m_http.addFile(QStringLiteral("s0v%1.wav").arg(v),
                       AudioFiles::wav(AudioFiles::tone(8.0, 220.0 * v)),
                       QByteArrayLiteral("audio/wav"));
    m_http.addStatus(QStringLiteral("gone.wav"), 404);
    m_db.migrate();
    FormSpec f;
    f.id = QStringLiteral("form_audio");
    f.packageType = QStringLiteral("holiday-hamper");
    f.songCount = 2;
    f.status = QStringLiteral("variations_ready");
    f.formData = QStringLiteral(R"({"recipientName":"<i>Ada</i>"})");
    const QString urls
        = QStringLiteral(
              R"j({"0":{"1":"%1","2":"%2","3":"%3"},"1":{"1":"%4","2":"javascript:alert(1)"}})j")
              .arg(m_http.url(QStringLiteral("s0v1.wav")), m_http.url(QStringLiteral("s0v2.wav")),
                   m_http.url(QStringLiteral("s0v3.wav")), m_http.url(QStringLiteral("gone.wav")));
    f.variationAudioUrls = urls;
    f.variationTaskIds = QStringLiteral(R"({"0":["a","b","c"],"1":["d","e","f"]})");
    insertForm(m_db.connection(), f);
    // music_generations' idea of the lengths: 2:31 for a preview that plays 0:08, a right one,
    // and none at all.
    const std::optional<int> recorded[] = {151, 8, std::nullopt};
    for (int v = 1; v <= 3; ++v) {
        GenerationSpec g;
        g.id = QStringLiteral("gen_audio_%1").arg(v);
        g.taskId
            = QStringList {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}.at(v - 1);
        g.formId = f.id;
        g.songIndex = 0;
        g.variationIndex = v;
        g.audioUrl1 = m_http.url(QStringLiteral("s0v%1.wav").arg(v));
        g.duration1 = recorded[v - 1];
        insertGeneration(m_db.connection(), g);
    }
    FormSpec other;
    other.id = QStringLiteral("form_other");
    other.createdAt = QDateTime::currentDateTimeUtc().addDays(-1);
    insertForm(m_db.connection(), other);
}

void tst_MainWindowAudio::playCompareAndErrors()
{
    DataService data;
    PreviewPlayer player;
    MainWindow window(&data);
    auto *audio = new AudioPresenter(&window, &player); // a child of the window
    window.resize(1366, 768);
    window.show();
    QSignalSpy opened(&data, &DataService::opened);
    data.open(m_db.settings());
    QVERIFY(opened.wait(10000));
    window.showForm(QStringLiteral("form_audio"));
    QTRY_COMPARE(window.detailModel()->state(), FormDetailModel::State::Loaded);
    QCOMPARE(window.detailModel()->formId(), QStringLiteral("form_audio"));

    QTableView *table = window.detailView()->variationsView();
    for (int i = 0; i < window.detailView()->tabs()->count(); ++i) {
        if (window.detailView()->tabs()->widget(i)->isAncestorOf(table))
            window.detailView()->tabs()->setCurrentIndex(i);
    }
    QTRY_VERIFY(table->isVisible());
    auto *model = window.detailModel()->variations();

    // The play button of song 1, variation 2.
    const int row = model->rowFor(0, 2);
    const QRect cell = table->visualRect(model->index(row, VariationTableModel::SongColumn));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      PlayButtonDelegate::buttonRect(cell).center());
    QTRY_VERIFY_WITH_TIMEOUT(player.isPlaying(), 10000);
    QCOMPARE(player.current().variationIndex, 2);
    QTRY_VERIFY(model->index(row, 0).data(VariationTableModel::IsPlayingRole).toBool());
    QVERIFY(window.playerBar()->titleText().contains(QLatin1String("<i>Ada</i>"))); // plain text
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 1200, 10000);

    // Compare: key 3 switches to variation 3 at about the same point.
    const qint64 before = player.position();
    window.playerBar()->compareAction(3)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(player.current().variationIndex, 3, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(player.isPlaying(), 10000);
    QVERIFY2(qAbs(player.position() - before) < 1500,
             qPrintable(QStringLiteral("%1 vs %2").arg(player.position()).arg(before)));
    QTRY_VERIFY(
        model->index(model->rowFor(0, 3), 0).data(VariationTableModel::IsPlayingRole).toBool());

    // A 404 preview: the row says what is wrong, the player stays usable.
    audio->playVariationRow(model->rowFor(1, 1));
    QTRY_VERIFY_WITH_TIMEOUT(!model->index(model->rowFor(1, 1), 0)
                                  .data(VariationTableModel::PlaybackErrorRole)
                                  .toString()
                                  .isEmpty(),
                             15000);
    QVERIFY(model->index(model->rowFor(1, 1), VariationTableModel::AudioUrlColumn)
                .data()
                .toString()
                .contains(QStringLiteral("⚠")));
    QVERIFY(!window.playerBar()->errorText().isEmpty());

    // javascript: is shown as invalid and never requested.
    m_http.resetCounters();
    const int js = model->rowFor(1, 2);
    QVERIFY(model->index(js, VariationTableModel::AudioUrlColumn)
                .data()
                .toString()
                .contains(QLatin1String("invalid URL")));
    audio->playVariationRow(js);
    QTRY_VERIFY(
        !model->index(js, 0).data(VariationTableModel::PlaybackErrorRole).toString().isEmpty());
    QCOMPARE(m_http.connectionCount(), 0);

    // Back to a good one, then switching forms releases the media.
    audio->playVariationRow(model->rowFor(0, 1));
    QTRY_VERIFY_WITH_TIMEOUT(player.isPlaying(), 10000);
    if (qEnvironmentVariableIsSet("COMPOSE_SCREENSHOT"))
        window.grab().save(qEnvironmentVariable("COMPOSE_SCREENSHOT"));
    window.showForm(QStringLiteral("form_other"));
    QTRY_COMPARE(window.detailModel()->formId(), QStringLiteral("form_other"));
    QTRY_VERIFY(player.current().isNull());
    QVERIFY(!player.hasMedia());
}

void tst_MainWindowAudio::lengthColumnShowsWhatPlays()
{
    // Issue 10 item 11: the Length column said 2:31 (music_generations.duration_1) for a preview
    // that plays 0:08. Once the player has loaded a preview, the column shows its real length
    // and flags a disagreement with ⚠ and words, not with colour alone.
    DataService data;
    PreviewPlayer player;
    MainWindow window(&data);
    auto *audio = new AudioPresenter(&window, &player); // a child of the window
    window.show();
    QSignalSpy opened(&data, &DataService::opened);
    data.open(m_db.settings());
    QVERIFY(opened.wait(10000));
    window.showForm(QStringLiteral("form_audio"));
    QTRY_COMPARE(window.detailModel()->state(), FormDetailModel::State::Loaded);
    auto *model = window.detailModel()->variations();
    auto length = [model](int v) {
        return model->index(model->rowFor(0, v), VariationTableModel::DurationColumn);
    };
    QCOMPARE(length(1).data().toString(), QStringLiteral("2:31")); // nothing measured yet
    QVERIFY(!length(1).data(VariationTableModel::LengthMismatchRole).toBool());

    audio->playVariationRow(model->rowFor(0, 1));
    QTRY_VERIFY_WITH_TIMEOUT(length(1).data(VariationTableModel::LengthMismatchRole).toBool(),
                             10000);
    const QString text = length(1).data().toString();
    QCOMPARE(text, QStringLiteral("⚠ 0:08"));
    const QString tip = length(1).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("0:08")) && tip.contains(QStringLiteral("2:31"))
                 && tip.contains(QStringLiteral("music_generations")),
             qPrintable(tip));
    QCOMPARE(length(1).data(VariationTableModel::RawValueRole).toInt(), 8);

    // Compare to variation 2 (recorded 0:08, plays 0:08) and 3 (no record): no flag.
    window.playerBar()->compareAction(2)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(
        length(2).data(Qt::ToolTipRole).toString().contains(QStringLiteral("as played")), 10000);
    QCOMPARE(length(2).data().toString(), QStringLiteral("0:08"));
    QVERIFY(!length(2).data(VariationTableModel::LengthMismatchRole).toBool());
    window.playerBar()->compareAction(3)->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(length(3).data().toString(), QStringLiteral("0:08"), 10000);
    QVERIFY(!length(3).data(VariationTableModel::LengthMismatchRole).toBool());
    // What was measured stays when the same form refreshes.
    QSignalSpy refreshed(window.detailModel(), &FormDetailModel::detailChanged);
    window.detailModel()->reload();
    QVERIFY(refreshed.wait(10000));
    QVERIFY(length(1).data(VariationTableModel::LengthMismatchRole).toBool());
}

// The presenters in the window as the application wires them (no API: read-only): Ctrl+P with no
// form selected plays nothing; a right-click selects the row and offers Play first, then the
// staff actions; the variation table's menu plays that row and explains why it cannot retry.
void tst_MainWindowAudio::menusAndCtrlPActOnTheSelectedForm()
{
    DataService data;
    PreviewPlayer player;
    ApiClient client;
    StaffActions actions(&client);
    MainWindow window(&data);
    new StaffActionsPresenter(&window, &actions); // children of the window
    new AudioPresenter(&window, &player);
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy opened(&data, &DataService::opened);
    data.open(m_db.settings());
    QVERIFY(opened.wait(10000));
    FormListView *list = window.listView();
    QTRY_VERIFY(!window.listModel()->isLoading() && window.listModel()->rowCount() == 2);
    list->selectionModel()->clearSelection();
    QTRY_VERIFY(window.detailModel()->formId().isEmpty());

    QAction *play = window.playFormAction();
    QVERIFY(play);
    QSignalSpy started(&player, &PreviewPlayer::currentChanged);
    play->trigger(); // Ctrl+P: answers at once, nothing to wait for
    QCOMPARE(started.size(), 0);
    QVERIFY(player.current().isNull());
    QCOMPARE(window.statusBar()->currentMessage(),
             QStringLiteral("Select a form in the list first."));

    // Whatever popup opens next is read and closed; onPopup may act on it first.
    QStringList seen;
    QString menuName;
    std::function<void(QMenu *)> onPopup;
    QTimer closer;
    closer.setInterval(20);
    connect(&closer, &QTimer::timeout, &window, [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        menuName = menu->objectName();
        for (QAction *a : menu->actions()) {
            if (!a->isSeparator())
                seen << a->text();
        }
        if (onPopup)
            onPopup(menu);
        menu->close();
    });
    closer.start();

    const QString id = QStringLiteral("form_audio");
    const QRect rect
        = list->visualRect(window.listModel()->index(window.listModel()->rowOf(id), 0));
    QContextMenuEvent rightClick(QContextMenuEvent::Mouse, rect.center(),
                                 list->viewport()->mapToGlobal(rect.center()));
    QApplication::sendEvent(list->viewport(), &rightClick);
    QCOMPARE(list->selectedFormId(), id); // selected at once; the menu waits for the detail
    QTRY_VERIFY_WITH_TIMEOUT(!seen.isEmpty(), 10000);
    QCOMPARE(menuName, QStringLiteral("listContextMenu"));
    QCOMPARE(window.detailModel()->formId(), id);
    QCOMPARE(seen.first(), play->text());
    QVERIFY2(seen.size() > 1, qPrintable(seen.join(QLatin1Char('|')))); // the staff actions follow
    QCOMPARE(started.size(), 0); // a menu plays nothing by itself

    // The variation table's menu on song 1, variation 2: play it; retry is refused with a reason.
    QTableView *table = window.detailView()->variationsView();
    for (int i = 0; i < window.detailView()->tabs()->count(); ++i) {
        if (window.detailView()->tabs()->widget(i)->isAncestorOf(table))
            window.detailView()->tabs()->setCurrentIndex(i);
    }
    QTRY_VERIFY(table->isVisible());
    const int row = window.detailModel()->variations()->rowFor(0, 2);
    QVERIFY(row >= 0);
    bool retryRefused = false;
    seen.clear();
    onPopup = [&](QMenu *menu) {
        for (QAction *a : menu->actions()) {
            if (a->text().startsWith(QLatin1String("Retry song 1, variation 2")))
                retryRefused = !a->isEnabled() && !a->toolTip().isEmpty();
            if (a->text() == QLatin1String("Play song 1, variation 2"))
                a->trigger();
        }
    };
    const QRect cell = table->visualRect(table->model()->index(row, 1));
    QContextMenuEvent onRow(QContextMenuEvent::Mouse, cell.center(),
                            table->viewport()->mapToGlobal(cell.center()));
    QApplication::sendEvent(table->viewport(), &onRow);
    QTRY_VERIFY(!seen.isEmpty());
    QCOMPARE(menuName, QStringLiteral("variationContextMenu"));
    QVERIFY2(retryRefused, qPrintable(seen.join(QLatin1Char('|'))));
    QCOMPARE(started.size(), 1);
    QCOMPARE(player.current().formId, id);
    QCOMPARE(player.current().songIndex, 0);
    QCOMPARE(player.current().variationIndex, 2);

    // Ctrl+P on the selected form: its chosen (else first) variation.
    play->trigger();
    QTRY_COMPARE(started.size(), 2);
    QCOMPARE(player.current().formId, id);
    QCOMPARE(player.current().variationIndex, 1);
    closer.stop();
    player.stop();
}

QTEST_MAIN(tst_MainWindowAudio)
#include "tst_mainwindowaudio.moc"
