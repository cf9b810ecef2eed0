// PlayerBar driven offscreen inside a 1366×768 QMainWindow, playing real WAV files over HTTP:
// buttons, slider, waveform clicks, keyboard actions, errors and the waveform summary.
// COMPOSE_PLAYERBAR_PNG=/path.png saves a grab of the bar for a look.
#include "audiofiles.h"
#include "audiohttpserver.h"
#include "playerbar.h"
#include "previewplayer.h"
#include "waveformwidget.h"

#include <QAction>
#include <QAudioOutput>
#include <QLabel>
#include <QMainWindow>
#include <QMediaPlayer>
#include <QProgressBar>
#include <QSignalSpy>
#include <QSlider>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>

using namespace compose;
using compose::test::AudioFiles;
using compose::test::AudioHttpServer;

class TestPlayerBar : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void actionsAndShortcuts();
    void playButtonAndSlider();
    void waveformClickSeeks();
    void keyboardActions();
    void customerTextIsPlain();
    void errorIsShownAndClearedByNextItem();
    void bufferingIndicatorOnSlowServer();
    void refusedLinkIsShown();
    void summaryOfSilentEnd();
    void stopClearsTheBar();

private:
    PreviewItem item(const QString &path, int variation = 1) const;
    QList<PreviewItem> song() const;
    void waitForWaveform();
    void grabIfAsked(const QString &suffix);

    std::unique_ptr<AudioHttpServer> m_server;
    std::unique_ptr<QMainWindow> m_window;
    PreviewPlayer *m_player = nullptr;
    PlayerBar *m_bar = nullptr;
};

PreviewItem TestPlayerBar::item(const QString &path, int variation) const
{
    PreviewItem i;
    i.formId = QStringLiteral("form_7f3a9c");
    i.songIndex = 0;
    i.variationIndex = variation;
    i.url = m_server->url(path);
    i.label = QStringLiteral("Happy birthday, Anna");
    return i;
}

QList<PreviewItem> TestPlayerBar::song() const
{
    return {item(QStringLiteral("a1.wav"), 1), item(QStringLiteral("a2.wav"), 2),
            item(QStringLiteral("a3.wav"), 3)};
}

void TestPlayerBar::waitForWaveform()
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_bar->waveformWidget()->waveform().isEmpty(), 10000);
}

void TestPlayerBar::grabIfAsked(const QString &suffix)
{
    QString png = qEnvironmentVariable("COMPOSE_PLAYERBAR_PNG");
    if (!png.isEmpty())
        QVERIFY(m_bar->grab().save(png.replace(
            QStringLiteral(".png"), QLatin1Char('-') + suffix + QStringLiteral(".png"))));
}

void TestPlayerBar::initTestCase()
{
    m_server = std::make_unique<AudioHttpServer>();
    QVERIFY(m_server->isListening());
    // 12 s so that ±5 s steps have room; the first variation has a loud (clipped) passage and a
    // silent tail so the bar has something to show.
    QVector<qint16> a1 = AudioFiles::tone(6.0, 440, 0.6);
    a1 += AudioFiles::clipped(0.3);
    a1 += AudioFiles::tone(2.7, 440, 0.6);
    a1 += AudioFiles::silence(3.0);
    m_server->addFile(QStringLiteral("a1.wav"), AudioFiles::wav(a1), "audio/wav");
    m_server->addFile(QStringLiteral("a2.wav"), AudioFiles::wav(AudioFiles::tone(12.0, 550, 0.5)),
                      "audio/wav");
    m_server->addFile(QStringLiteral("a3.wav"), AudioFiles::wav(AudioFiles::tone(12.0, 660, 0.4)),
                      "audio/wav");
    m_server->addFile(QStringLiteral("slow.wav"), AudioFiles::wav(AudioFiles::tone(12.0, 500, 0.4)),
                      "audio/wav", AudioHttpServer::Mode::Slow);
}

void TestPlayerBar::init()
{
    m_window = std::make_unique<QMainWindow>();
    m_player = new PreviewPlayer(m_window.get());
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *table = new QTableWidget(20, 6, central);
    layout->addWidget(table, 1);
    m_bar = new PlayerBar(m_player, central);
    layout->addWidget(m_bar);
    m_window->setCentralWidget(central);
    m_window->resize(1366, 768);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestPlayerBar::cleanup()
{
    m_window.reset();
    m_player = nullptr;
    m_bar = nullptr;
}

void TestPlayerBar::actionsAndShortcuts()
{
    const QList<QAction *> actions = m_bar->shortcutActions();
    QCOMPARE(actions.size(), 7);
    QCOMPARE(m_bar->actions(), actions);
    QStringList keys;
    for (QAction *a : actions) {
        QCOMPARE(a->shortcutContext(), Qt::WindowShortcut);
        QVERIFY(!a->text().isEmpty());
        keys << a->shortcut().toString();
    }
    QCOMPARE(keys,
             (QStringList {QStringLiteral("Space"), QStringLiteral("Left"), QStringLiteral("Right"),
                           QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3"),
                           QStringLiteral("M")}));
    QCOMPARE(m_bar->playPauseAction(), actions.at(0));
    QCOMPARE(m_bar->compareAction(2), actions.at(4));
    QCOMPARE(m_bar->compareAction(4), nullptr);
    // Nothing loaded: transport and compare are off, the bar says so.
    QVERIFY(!m_bar->playPauseAction()->isEnabled());
    QVERIFY(!m_bar->compareAction(1)->isEnabled());
    QVERIFY(m_bar->findChild<QLabel *>(QStringLiteral("nowPlaying"))
                ->text()
                .startsWith(QStringLiteral("Nothing playing")));
    // The bar fits the bottom of a 1366×768 window without crowding it.
    QVERIFY2(m_bar->height() <= 150, qPrintable(QString::number(m_bar->height())));
    QCOMPARE(m_bar->width(), 1366);
}

void TestPlayerBar::playButtonAndSlider()
{
    const QList<PreviewItem> items = song();
    m_player->play(items.at(0), items);
    QVERIFY(m_bar->titleText().contains(QStringLiteral("form_7f3a9c · Song 1 · Variation 1")));
    QVERIFY(m_bar->compareAction(1)->isChecked());
    QVERIFY(m_bar->compareAction(3)->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(m_bar->seekSlider()->value() > 700, 5000);
    QCOMPARE(m_bar->seekSlider()->maximum(), int(m_player->duration()));
    QCOMPARE(m_bar->totalText(), QStringLiteral("0:12"));
    QTRY_COMPARE_WITH_TIMEOUT(m_bar->elapsedText(), QStringLiteral("0:01"), 3000);
    QCOMPARE(m_bar->playPauseAction()->text(), QStringLiteral("Pause"));

    QTest::mouseClick(m_bar->playButton(), Qt::LeftButton);
    QVERIFY(!m_player->isPlaying());
    QCOMPARE(m_bar->playPauseAction()->text(), QStringLiteral("Play"));
    const int paused = m_bar->seekSlider()->value();
    // Paused: the slider must not run on; wait for it to, bounded.
    QVERIFY(
        !QTest::qWaitFor([&] { return qAbs(m_bar->seekSlider()->value() - paused) >= 80; }, 400));

    QTest::mouseClick(m_bar->playButton(), Qt::LeftButton);
    QVERIFY(m_player->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(m_bar->seekSlider()->value() > paused + 300, 3000);

    // Dragging the slider seeks on release.
    QSlider *slider = m_bar->seekSlider();
    slider->setSliderDown(true);
    slider->setSliderPosition(9000);
    QCOMPARE(m_bar->elapsedText(), QStringLiteral("0:09"));
    slider->setSliderDown(false);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(m_player->mediaPlayer()->position() - 9000) < 400, 3000);

    // The volume slider drives the player.
    m_bar->volumeSlider()->setValue(30);
    QCOMPARE(qRound(m_player->volume() * 100), 30);
}

void TestPlayerBar::waveformClickSeeks()
{
    m_player->play(item(QStringLiteral("a2.wav")));
    waitForWaveform();
    QTRY_VERIFY_WITH_TIMEOUT(m_player->duration() > 0 && m_player->position() > 200, 5000);
    WaveformWidget *wave = m_bar->waveformWidget();
    QVERIFY(wave->width() > 800);
    const int x = wave->xForMs(9000);
    QTest::mouseClick(wave, Qt::LeftButton, {}, QPoint(x, wave->height() / 2));
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(m_player->mediaPlayer()->position() - 9000) < 400, 3000);
    QTRY_VERIFY_WITH_TIMEOUT(m_bar->seekSlider()->value() >= 8900, 2000);

    // Drag back to 3 s.
    const int y = wave->height() / 2;
    QTest::mousePress(wave, Qt::LeftButton, {}, QPoint(wave->xForMs(6000), y));
    QMouseEvent move(QEvent::MouseMove, QPointF(wave->xForMs(3000), y),
                     wave->mapToGlobal(QPointF(wave->xForMs(3000), y)), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(wave, &move);
    QTest::mouseRelease(wave, Qt::LeftButton, {}, QPoint(wave->xForMs(3000), y));
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(m_player->mediaPlayer()->position() - 3000) < 400, 3000);
}

void TestPlayerBar::keyboardActions()
{
    const QList<PreviewItem> items = song();
    m_player->play(items.at(1), items);
    QTRY_VERIFY_WITH_TIMEOUT(m_player->position() > 300, 5000);
    QWidget *target = m_window->centralWidget();

    QTest::keyClick(target, Qt::Key_Space);
    QVERIFY(!m_player->isPlaying());
    QTest::keyClick(target, Qt::Key_Right);
    const qint64 afterRight = m_player->position();
    QVERIFY2(afterRight > 5000 && afterRight < 6500, qPrintable(QString::number(afterRight)));
    QTest::keyClick(target, Qt::Key_Left);
    QTRY_VERIFY_WITH_TIMEOUT(m_player->position() < 1500, 2000);
    QTest::keyClick(target, Qt::Key_Right);
    QTest::keyClick(target, Qt::Key_Right);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(m_player->mediaPlayer()->position() - (afterRight + 5000)) < 600,
                             3000);
    QTest::keyClick(target, Qt::Key_Space);
    QVERIFY(m_player->isPlaying());

    const qint64 before = m_player->position();
    QTest::keyClick(target, Qt::Key_3);
    QCOMPARE(m_player->current().variationIndex, 3);
    QVERIFY(m_bar->compareAction(3)->isChecked());
    QVERIFY(m_bar->titleText().contains(QStringLiteral("Variation 3")));
    QTRY_VERIFY_WITH_TIMEOUT(m_player->mediaPlayer()->source().toString() == items.at(2).url
                                 && m_player->mediaPlayer()->position() > before - 300,
                             5000);
    QTest::keyClick(target, Qt::Key_1);
    QCOMPARE(m_player->current().variationIndex, 1);

    QTest::keyClick(target, Qt::Key_M);
    QVERIFY(m_player->isMuted());
    QVERIFY(m_bar->muteAction()->isChecked());
    QTest::keyClick(target, Qt::Key_M);
    QVERIFY(!m_player->isMuted());
}

void TestPlayerBar::customerTextIsPlain()
{
    PreviewItem i = item(QStringLiteral("a2.wav"));
    i.label = QStringLiteral("<b>Anna</b> <img src=x onerror=alert(1)>");
    m_player->play(i);
    auto *title = m_bar->findChild<QLabel *>(QStringLiteral("nowPlaying"));
    QCOMPARE(title->textFormat(), Qt::PlainText);
    QVERIFY(title->text().contains(QStringLiteral("<b>Anna</b>")));
    for (QLabel *l : m_bar->findChildren<QLabel *>()) {
        if (!l->text().isEmpty())
            QCOMPARE(l->textFormat(), Qt::PlainText);
    }
}

void TestPlayerBar::errorIsShownAndClearedByNextItem()
{
    m_player->play(item(QStringLiteral("nothing-here.mp3")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_bar->errorText().isEmpty(), 8000);
    QVERIFY2(m_bar->errorText().contains(QStringLiteral("not found")),
             qPrintable(m_bar->errorText()));
    auto *error = m_bar->findChild<QLabel *>(QStringLiteral("error"));
    QVERIFY(error->isVisible());
    QVERIFY(!m_bar->isBufferingShown());
    QCOMPARE(m_bar->playPauseAction()->text(), QStringLiteral("Play"));
    grabIfAsked(QStringLiteral("error"));

    m_player->play(item(QStringLiteral("a3.wav")));
    QVERIFY(m_bar->errorText().isEmpty());
    QVERIFY(!error->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(m_bar->seekSlider()->value() > 300, 5000);
}

void TestPlayerBar::bufferingIndicatorOnSlowServer()
{
    m_server->setSlowRate(8 * 1024, 100); // ~10 s of transfer for 1 MB
    m_player->play(item(QStringLiteral("slow.wav")));
    QVERIFY(m_bar->isBufferingShown());
    auto *buffering = m_bar->findChild<QProgressBar *>(QStringLiteral("buffering"));
    QVERIFY(buffering);
    QTRY_VERIFY_WITH_TIMEOUT(buffering->isVisible(), 2000);
    grabIfAsked(QStringLiteral("buffering"));
    m_player->stop(); // the window switching forms: the media and the connection are released
    QVERIFY(!m_bar->isBufferingShown());
    QVERIFY(m_player->mediaPlayer()->source().isEmpty());
}

void TestPlayerBar::refusedLinkIsShown()
{
    m_server->resetCounters();
    PreviewItem i = item(QStringLiteral("a1.wav"));
    i.url = QStringLiteral("javascript:alert(document.cookie)");
    m_player->play(i);
    QVERIFY(m_bar->errorText().contains(QStringLiteral("\"javascript:\"")));
    // Nothing may reach the server: wait for the first connection, which must not come.
    QVERIFY(!QTest::qWaitFor([this] { return m_server->connectionCount() > 0; }, 300));
    QCOMPARE(m_server->connectionCount(), 0);
}

void TestPlayerBar::summaryOfSilentEnd()
{
    const QList<PreviewItem> items = song();
    m_player->play(items.at(0), items);
    waitForWaveform();
    QTRY_VERIFY_WITH_TIMEOUT(
        m_bar->summaryText().contains(QStringLiteral("Silent at the end (3.0 s)")), 3000);
    QVERIFY(m_bar->summaryText().contains(QStringLiteral("Clipped at 6.0 s")));
    WaveformWidget *wave = m_bar->waveformWidget();
    QVERIFY(wave->toolTipAt(wave->xForMs(10500)).contains(QStringLiteral("silent 9.0–12.0 s")));
    QVERIFY(wave->toolTipAt(wave->xForMs(6100)).contains(QStringLiteral("clipped 6.0–6.3 s")));
    QTRY_VERIFY_WITH_TIMEOUT(m_player->position() > 1500, 5000);

    const QString png = qEnvironmentVariable("COMPOSE_PLAYERBAR_PNG");
    if (!png.isEmpty()) {
        m_player->togglePlayPause();
        QTest::qWait(100);
        QVERIFY(m_bar->grab().save(png));
        QVERIFY(m_window->grab().save(
            QString(png).replace(QStringLiteral(".png"), QStringLiteral("-window.png"))));
    }
}

void TestPlayerBar::stopClearsTheBar()
{
    m_player->play(item(QStringLiteral("a2.wav")));
    QTRY_VERIFY_WITH_TIMEOUT(m_bar->seekSlider()->value() > 200, 5000);
    m_player->stop();
    QVERIFY(m_bar->titleText().isEmpty());
    QCOMPARE(m_bar->seekSlider()->value(), 0);
    QCOMPARE(m_bar->elapsedText(), QStringLiteral("0:00"));
    QVERIFY(!m_bar->playPauseAction()->isEnabled());
    QVERIFY(m_bar->waveformWidget()->waveform().isEmpty());
}

QTEST_MAIN(TestPlayerBar)
#include "tst_playerbar.moc"
