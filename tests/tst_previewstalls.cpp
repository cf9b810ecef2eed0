// Issue 14: the UI thread is never blocked for more than 16 ms by previews. QtMultimedia 6.4's
// GStreamer back end blocks inside QMediaPlayer::setSource() (29–41 ms per switch, 846 ms for
// the first source of a process), so the real player runs on a media thread behind
// MediaPlayerProxy. Real MP3 files over HTTP on 127.0.0.1, played offscreen with no sound card,
// while a 4 ms heartbeat on this (the UI) thread records its longest gap. Also: the waveform of
// a preview the player holds as a local copy is decoded from that copy, not fetched again.
#include "audiofiles.h"
#include "audiohttpserver.h"
#include "mediaplayerproxy.h"
#include "playerbar.h"
#include "previewplayer.h"
#include "stallwatchdog.h"
#include "waveform.h"
#include "waveformwidget.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <functional>
#include <memory>

using namespace compose;
using compose::test::AudioFiles;
using compose::test::AudioHttpServer;

namespace {
// The bound of the issue. The heartbeat itself ticks every 4 ms.
constexpr double MaxGapMs = 16.0;
constexpr int WaitMs = 10000; // a bound on waiting, not a speed check

// Runs the event loop until cond() holds or timeoutMs pass. Not QTRY_*/qWait(): those sleep
// 10 ms between event loop turns, which the heartbeat would rightly count as the UI thread
// not running its loop.
bool waitUntil(const std::function<bool()> &cond, int timeoutMs = WaitMs)
{
    if (cond())
        return true;
    QDeadlineTimer deadline(timeoutMs);
    QEventLoop loop;
    QTimer poll;
    poll.setInterval(2);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (cond() || deadline.hasExpired())
            loop.quit();
    });
    poll.start();
    loop.exec();
    return cond();
}
} // namespace

class TestPreviewStalls : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void startSwitchSeekNeverBlockTheUiThread();
    void waveformReadsTheHeldCopy();

private:
    QList<PreviewItem> song(AudioHttpServer &server, const QString &prefix) const;

    std::unique_ptr<AudioHttpServer> m_ranged;
    std::unique_ptr<AudioHttpServer> m_plain; // no byte ranges: the player holds copies
};

QList<PreviewItem> TestPreviewStalls::song(AudioHttpServer &server, const QString &prefix) const
{
    QList<PreviewItem> items;
    for (int v = 1; v <= 3; ++v) {
        PreviewItem i;
        i.formId = QStringLiteral("form_stall");
        i.songIndex = 0;
        i.variationIndex = v;
        i.url = server.url(QStringLiteral("%1%2.mp3").arg(prefix).arg(v));
        i.label = QStringLiteral("For Anna");
        items << i;
    }
    return items;
}

void TestPreviewStalls::initTestCase()
{
    m_ranged = std::make_unique<AudioHttpServer>();
    m_plain = std::make_unique<AudioHttpServer>();
    QVERIFY(m_ranged->isListening());
    QVERIFY(m_plain->isListening());
    for (int v = 1; v <= 3; ++v) {
        QString error;
        // MusicGPT's previews are MP3 with an ID3 tag in front.
        const QByteArray mp3 = AudioFiles::id3v2Tag(QStringLiteral("Song"), QStringLiteral("Anna"))
            + AudioFiles::mp3(AudioFiles::wav(AudioFiles::tone(8.0, 220.0 * v)), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_ranged->addFile(QStringLiteral("r%1.mp3").arg(v), mp3, "audio/mpeg");
        m_plain->addFile(QStringLiteral("p%1.mp3").arg(v), mp3, "audio/mpeg",
                         AudioHttpServer::Mode::NoRanges);
    }
}

void TestPreviewStalls::startSwitchSeekNeverBlockTheUiThread()
{
    // The first preview of the process is in here: it loads GStreamer's plugins (the slowest
    // call there is), and the player is made only now (nothing of it at construction).
    PreviewPlayer player;
    QVERIFY(!player.mediaPlayer()->isStarted());
    const QList<PreviewItem> variations = song(*m_ranged, QStringLiteral("r"));
    StallWatchdog watchdog;
    watchdog.start(4);
    waitUntil([] { return false; }, 40); // a few ticks before the first call
    watchdog.reset();

    qint64 longestCallNs = 0;
    QString longestCall;
    QElapsedTimer clock;
    const auto timed = [&](const QString &what, const auto &call) {
        clock.start();
        call();
        if (clock.nsecsElapsed() > longestCallNs) {
            longestCallNs = clock.nsecsElapsed();
            longestCall = what;
        }
    };
    const auto playingAt = [&player](const PreviewItem &v, qint64 from) {
        return player.mediaPlayer()->source() == player.mediaUrlFor(v.url) && player.isPlaying()
            && player.mediaPlayer()->position() > from;
    };

    timed(QStringLiteral("play"), [&] { player.play(variations.at(0), variations); });
    QVERIFY(waitUntil([&] { return playingAt(variations.at(0), 300); }));
    QCOMPARE(player.mediaPlayer()->isStarted(), true);

    // Three rounds of 2, 3, 1: each switch lands where the last one was (compare).
    int switches = 0;
    for (int round = 0; round < 3; ++round) {
        for (const int v : {2, 3, 1}) {
            if (player.position() > 6000)
                timed(QStringLiteral("seek"), [&] { player.seek(500); });
            QVERIFY(waitUntil([&] { return player.position() < 6000; }));
            const qint64 before = player.position();
            timed(QStringLiteral("switch"), [&] { QVERIFY(player.switchToVariation(v)); });
            ++switches;
            QCOMPARE(player.current().variationIndex, v);
            // Playing on from there: the real player reports positions past the landing.
            QVERIFY(waitUntil([&] { return playingAt(variations.at(v - 1), before + 400); }));
            QVERIFY2(player.mediaPlayer()->position() < before + 1700,
                     qPrintable(QStringLiteral("switch to %1 at %2 ms landed at %3 ms")
                                    .arg(v)
                                    .arg(before)
                                    .arg(player.mediaPlayer()->position())));
        }
    }
    QCOMPARE(switches, 9);

    // Seeks, forward and back, while playing and paused.
    timed(QStringLiteral("seek"), [&] { player.seek(5000); });
    QVERIFY(waitUntil([&] { return qAbs(player.mediaPlayer()->position() - 5000) < 400; }));
    timed(QStringLiteral("pause"), [&] { player.togglePlayPause(); });
    QVERIFY(waitUntil([&] {
        return !player.isPlaying()
            && player.mediaPlayer()->playbackState() == QMediaPlayer::PausedState;
    }));
    timed(QStringLiteral("seek"), [&] { player.seek(1500); });
    QVERIFY(waitUntil([&] { return qAbs(player.mediaPlayer()->position() - 1500) < 100; }));
    timed(QStringLiteral("resume"), [&] { player.togglePlayPause(); });
    QVERIFY(
        waitUntil([&] { return player.isPlaying() && player.mediaPlayer()->position() > 1700; }));
    timed(QStringLiteral("stop"), [&] { player.stop(); });
    QVERIFY(!player.hasMedia());
    // The stop's teardown happens on the media thread: give it time to be seen by the heartbeat.
    waitUntil([] { return false; }, 100);
    watchdog.stop();

    const QString report
        = QStringLiteral("longest UI-thread block %1 ms (wall gap %2 ms, of it the thread's own "
                         "CPU %3 ms, the rest waiting for a core); longest call %4 %5 ms; %6 "
                         "heartbeats")
              .arg(watchdog.maxBlockedMs(), 0, 'f', 1)
              .arg(watchdog.maxGapMs(), 0, 'f', 1)
              .arg(watchdog.maxGapCpuMs(), 0, 'f', 1)
              .arg(longestCall)
              .arg(double(longestCallNs) / 1e6, 0, 'f', 2)
              .arg(watchdog.ticks());
    qInfo("%s", qPrintable(report));
    using Call = MediaPlayerProxy::Call;
    // What the same calls took on the media thread: what the UI thread no longer waits for.
    qInfo("on the media thread: create %.1f ms, longest setSource %.1f ms, play %.1f ms, pause "
          "%.1f ms, seek %.1f ms, stop %.1f ms",
          MediaPlayerProxy::longestCallMs(Call::Create),
          MediaPlayerProxy::longestCallMs(Call::SetSource),
          MediaPlayerProxy::longestCallMs(Call::Play), MediaPlayerProxy::longestCallMs(Call::Pause),
          MediaPlayerProxy::longestCallMs(Call::Seek), MediaPlayerProxy::longestCallMs(Call::Stop));
    // The calls themselves are inside the heartbeat's gaps (they run on this thread), so the
    // bound on blocking below covers them; their wall time alone also counts preemption.
    // Blocked, not preempted: a loaded CI machine (ctest -j2 beside other jobs) makes the UI
    // thread wait for a core for longer than 16 ms, which says nothing about our code.
    QVERIFY2(watchdog.knowsRunDelay() || watchdog.maxGapMs() < MaxGapMs, qPrintable(report));
    QVERIFY2(watchdog.maxBlockedMs() < MaxGapMs, qPrintable(report));
    QVERIFY(watchdog.ticks() > 100);
}

void TestPreviewStalls::waveformReadsTheHeldCopy()
{
    // A server without byte ranges: the player holds the song's variations as local copies (so
    // a switch can seek). The waveform of a variation it holds is decoded from that copy; the
    // server sees no second GET for it.
    PreviewPlayer player;
    PlayerBar bar(&player);
    auto *analyzer = bar.findChild<WaveformAnalyzer *>();
    QVERIFY(analyzer);
    QSignalSpy ready(analyzer, &WaveformAnalyzer::ready);
    const QList<PreviewItem> variations = song(*m_plain, QStringLiteral("p"));
    m_plain->resetCounters();
    player.play(variations.at(0), variations);
    for (const PreviewItem &v : variations)
        QTRY_VERIFY2_WITH_TIMEOUT(player.holdsWhole(v.url), qPrintable(v.url), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), 10000); // the first one's, fetched by URL
    QTRY_VERIFY_WITH_TIMEOUT(player.isPlaying(), 10000);

    for (const int v : {2, 3}) {
        const PreviewItem &item = variations.at(v - 1);
        const QString path = QStringLiteral("p%1.mp3").arg(v);
        const int getsBefore = m_plain->requestCount(path);
        QCOMPARE(getsBefore, 1); // the player's own copy
        ready.clear();
        QVERIFY(player.switchToVariation(v));
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), 10000);
        const auto data = ready.last().at(0).value<WaveformData>();
        QCOMPARE(data.url, item.url); // cached under the link, as before
        QVERIFY(!data.isEmpty());
        QVERIFY2(qAbs(data.durationMs - 8000) < 300, qPrintable(QString::number(data.durationMs)));
        QCOMPARE(bar.waveformWidget()->waveform().url, item.url);
        // Played from the copy too: still the one GET.
        QTRY_VERIFY_WITH_TIMEOUT(player.isPlaying(), 10000);
        QCOMPARE(m_plain->requestCount(path), 1);
    }
}

QTEST_MAIN(TestPreviewStalls)
#include "tst_previewstalls.moc"
