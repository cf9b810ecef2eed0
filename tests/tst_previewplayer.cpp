// PreviewPlayer and AudioUrl against real WAV/MP3 files served over HTTP on 127.0.0.1 and played
// by QMediaPlayer (GStreamer back end) with no sound card: see PreviewPlayer's class comment for
// why a QAudioOutput on the default device still plays in real time there.
#include "audiofiles.h"
#include "audiohttpserver.h"
#include "audiourl.h"
#include "mediawarmup.h"
#include "previewplayer.h"
#include "statichttpserver.h"

#include <QAudioOutput>
#include <QElapsedTimer>
#include <QMediaPlayer>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <memory>

using namespace compose;
using compose::test::AudioFiles;
using compose::test::AudioHttpServer;

// QTRY_* waits below are bounds on how long to wait, not speed checks: 10 s leaves room for a
// loaded 2-core CI machine (3 s was seen to run out there).
using compose::test::StaticHttpServer;

class TestPreviewPlayer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void audioUrl_data();
    void audioUrl();
    void expiryHints();
    void refusedUrlsNeverReachTheServer_data();
    void refusedUrlsNeverReachTheServer();
    void loopbackRefusedOutsideDemo();
    void playsWavToTheEnd();
    void playsMp3();
    void pauseResumeAndSeek();
    void switchVariationKeepsPosition();
    void switchWhilePausedStaysPaused();
    void switchXinglessMp3WithRangesKeepsPosition();
    void preparedPlayerIsTheFirstPlays();
    void playBetweenPrepareTurns();
    void compareMp3FromStaticServer_data();
    void compareMp3FromStaticServer();
    void compareWithoutRangeSupportPlaysFromStart();
    void notFoundThenUsable();
    void nonMediaFileThenUsable();
    void expiredLinks();
    void timeoutThenUsable();
    void slowServerShowsBuffering();
    void slowButSteadyIsNoTimeout();
    void serverStallingMidStreamTimesOut();
    void stopReleasesMedia();
    void volumeAndMute();
    void destroyWhilePlaying();

private:
    PreviewItem item(const QString &path, int variation = 1, int song = 0) const;
    QList<PreviewItem> song(const QStringList &paths) const;

    std::unique_ptr<AudioHttpServer> m_server;
};

PreviewItem TestPreviewPlayer::item(const QString &path, int variation, int song) const
{
    PreviewItem i;
    i.formId = QStringLiteral("form_test");
    i.songIndex = song;
    i.variationIndex = variation;
    i.url = m_server->url(path);
    i.label = QStringLiteral("For Anna");
    return i;
}

QList<PreviewItem> TestPreviewPlayer::song(const QStringList &paths) const
{
    QList<PreviewItem> items;
    for (int i = 0; i < paths.size(); ++i)
        items << item(paths.at(i), i + 1);
    return items;
}

void TestPreviewPlayer::initTestCase()
{
    m_server = std::make_unique<AudioHttpServer>();
    QVERIFY(m_server->isListening());
    m_server->addFile(QStringLiteral("v1.wav"), AudioFiles::wav(AudioFiles::tone(4.0, 440)),
                      "audio/wav");
    m_server->addFile(QStringLiteral("v2.wav"), AudioFiles::wav(AudioFiles::tone(4.0, 660)),
                      "audio/wav");
    m_server->addFile(QStringLiteral("v3.wav"), AudioFiles::wav(AudioFiles::tone(4.0, 880)),
                      "audio/wav");
    QString error;
    const QByteArray mp3 = AudioFiles::mp3(AudioFiles::wav(AudioFiles::tone(3.0, 440)), &error);
    QVERIFY2(!mp3.isEmpty(), qPrintable(error));
    m_server->addFile(QStringLiteral("v1.mp3"), mp3, "audio/mpeg");
    m_server->addFile(QStringLiteral("page.html"),
                      QByteArrayLiteral("<html><body>Not a song</body></html>\n").repeated(50),
                      "text/html; charset=utf-8");
    m_server->addStatus(QStringLiteral("gone.mp3"), 410);
    m_server->addStatus(QStringLiteral("forbidden.mp3"), 403);
    m_server->addFile(QStringLiteral("hang.mp3"), mp3, "audio/mpeg", AudioHttpServer::Mode::Hang);
    m_server->addFile(QStringLiteral("stall.wav"), AudioFiles::wav(AudioFiles::tone(4.0, 330)),
                      "audio/wav", AudioHttpServer::Mode::Stall);
    m_server->addFile(QStringLiteral("slow.wav"), AudioFiles::wav(AudioFiles::tone(3.0, 330)),
                      "audio/wav", AudioHttpServer::Mode::Slow);
}

void TestPreviewPlayer::audioUrl_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("reasonPart");
    QTest::addRow("https") << QStringLiteral("https://lalals.s3.amazonaws.com/a/b.mp3") << true
                           << QString();
    QTest::addRow("http + port + query")
        << QStringLiteral("  http://127.0.0.1:8080/x.wav?X-Amz-Date=1  ") << true << QString();
    QTest::addRow("HTTPS upper") << QStringLiteral("HTTPS://example.com/a.mp3") << true
                                 << QString();
    QTest::addRow("empty") << QString() << false << QStringLiteral("no audio link");
    QTest::addRow("blank") << QStringLiteral("   ") << false << QStringLiteral("no audio link");
    QTest::addRow("javascript") << QStringLiteral("javascript:alert(1)") << false
                                << QStringLiteral("\"javascript:\"");
    QTest::addRow("JavaScript mixed case")
        << QStringLiteral("JaVaScRiPt:alert(1)") << false << QStringLiteral("\"javascript:\"");
    QTest::addRow("tab smuggled") << QStringLiteral("java\tscript:alert(1)") << false
                                  << QStringLiteral("spaces or control");
    QTest::addRow("file") << QStringLiteral("file:///etc/passwd") << false
                          << QStringLiteral("\"file:\"");
    QTest::addRow("data") << QStringLiteral("data:audio/mpeg;base64,SUQz") << false
                          << QStringLiteral("\"data:\"");
    QTest::addRow("ftp") << QStringLiteral("ftp://example.com/a.mp3") << false
                         << QStringLiteral("\"ftp:\"");
    QTest::addRow("relative") << QStringLiteral("/files/a.mp3") << false
                              << QStringLiteral("not a valid web address");
    QTest::addRow("garbage") << QStringLiteral("%%%not a url") << false << QStringLiteral("spaces");
    QTest::addRow("no host") << QStringLiteral("http:///a.mp3") << false
                             << QStringLiteral("no server name");
    QTest::addRow("json null") << QStringLiteral("null") << false
                               << QStringLiteral("not a valid web address");
}

void TestPreviewPlayer::audioUrl()
{
    QFETCH(QString, raw);
    QFETCH(bool, ok);
    QFETCH(QString, reasonPart);
    const AudioUrl::Result r = AudioUrl::validate(raw);
    QCOMPARE(r.ok, ok);
    if (ok) {
        QVERIFY(r.url.isValid());
        QVERIFY(r.reason.isEmpty());
    } else {
        QVERIFY(r.url.isEmpty());
        QVERIFY2(r.reason.contains(reasonPart, Qt::CaseInsensitive), qPrintable(r.reason));
    }
}

void TestPreviewPlayer::expiryHints()
{
    const QDateTime now = QDateTime(QDate(2026, 11, 23), QTime(12, 0), Qt::UTC);
    const QUrl wav(QStringLiteral("https://lalals.s3.amazonaws.com/x/song.wav"));
    const QUrl mp3(QStringLiteral("https://lalals.s3.amazonaws.com/x/song.mp3"));
    QCOMPARE(AudioUrl::retentionDays(wav), 7);
    QCOMPARE(AudioUrl::retentionDays(mp3), 90);
    QVERIFY(AudioUrl::looksExpired(wav, now.addDays(-8), now));
    QVERIFY(!AudioUrl::looksExpired(mp3, now.addDays(-8), now));
    QVERIFY(AudioUrl::looksExpired(mp3, now.addDays(-91), now));
    QVERIFY(!AudioUrl::looksExpired(mp3, QDateTime(), now));
    QVERIFY(AudioUrl::isExpiringHost(mp3, AudioUrl::defaultExpiringHosts()));
    QVERIFY(!AudioUrl::isExpiringHost(QUrl(QStringLiteral("https://evilamazonaws.com/a.mp3")),
                                      AudioUrl::defaultExpiringHosts()));
    const QUrl signedUrl(
        QStringLiteral("https://b.s3.amazonaws.com/a.mp3?X-Amz-Date=20261120T100000Z"
                       "&X-Amz-Expires=3600&X-Amz-Signature=abc"));
    QCOMPARE(*AudioUrl::signedUntil(signedUrl),
             QDateTime(QDate(2026, 11, 20), QTime(11, 0), Qt::UTC));
    QVERIFY(AudioUrl::looksExpired(signedUrl, QDateTime(), now));
    QVERIFY(!AudioUrl::signedUntil(mp3));
}

void TestPreviewPlayer::refusedUrlsNeverReachTheServer_data()
{
    QTest::addColumn<QString>("raw");
    const QString port = QString::number(m_server->port());
    QTest::addRow("javascript")
        << QStringLiteral("javascript:fetch('http://127.0.0.1:%1/v1.wav')").arg(port);
    QTest::addRow("file") << QStringLiteral("file:///etc/passwd");
    QTest::addRow("data") << QStringLiteral("data:audio/wav;base64,UklGRg==");
    QTest::addRow("ftp to our server") << QStringLiteral("ftp://127.0.0.1:%1/v1.wav").arg(port);
    QTest::addRow("empty") << QString();
    QTest::addRow("garbage") << QStringLiteral("::not a url::");
}

void TestPreviewPlayer::refusedUrlsNeverReachTheServer()
{
    QFETCH(QString, raw);
    m_server->resetCounters();
    PreviewPlayer player;
    QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
    QSignalSpy current(&player, &PreviewPlayer::currentChanged);
    PreviewItem bad = item(QStringLiteral("v1.wav"));
    bad.url = raw;
    player.play(bad);
    // Refused synchronously, before QMediaPlayer or the network sees the link.
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.first().at(0).value<PreviewItem>(), bad);
    QVERIFY(!errors.first().at(1).toString().isEmpty());
    QCOMPARE(player.errorKind(), PreviewPlayer::ErrorKind::InvalidUrl);
    QCOMPARE(current.count(), 1);
    QVERIFY(!player.hasMedia());
    QVERIFY(player.mediaPlayer()->source().isEmpty());
    QVERIFY(!player.isPlaying());
    player.togglePlayPause(); // retrying is refused the same way
    QCOMPARE(errors.count(), 2);
    // Nothing may reach the server: wait for the first connection, which must not come.
    QVERIFY(!QTest::qWaitFor([this] { return m_server->connectionCount() > 0; }, 300));
    QCOMPARE(m_server->connectionCount(), 0);
    QVERIFY(m_server->requests().isEmpty());
}

void TestPreviewPlayer::loopbackRefusedOutsideDemo()
{
    // The dashboard's policy outside demo mode (issue 16): a customer's link to this computer
    // (or the shop's network) is never fetched, and the player says why. This test's server is
    // on 127.0.0.1, so the same link plays once the policy allows loopback (demo mode).
    const AudioUrl::HostPolicy before = AudioUrl::previewPolicy();
    AudioUrl::setPreviewPolicy({false, false});
    m_server->resetCounters();
    {
        PreviewPlayer player;
        QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
        player.play(item(QStringLiteral("v1.wav")));
        QCOMPARE(errors.count(), 1);
        QCOMPARE(player.errorKind(), PreviewPlayer::ErrorKind::InvalidUrl);
        QVERIFY2(errors.first().at(1).toString().contains(QLatin1String("this computer")),
                 qPrintable(errors.first().at(1).toString()));
        QVERIFY(!QTest::qWaitFor([this] { return m_server->connectionCount() > 0; }, 300));
        QCOMPARE(m_server->connectionCount(), 0);
    }
    AudioUrl::setPreviewPolicy({true, false});
    {
        PreviewPlayer player;
        QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
        player.play(item(QStringLiteral("v1.wav")));
        QVERIFY(QTest::qWaitFor([this] { return m_server->connectionCount() > 0; }, 10000));
        QCOMPARE(errors.count(), 0);
    }
    AudioUrl::setPreviewPolicy(before);
}

void TestPreviewPlayer::playsWavToTheEnd()
{
    PreviewPlayer player;
    QSignalSpy finished(&player, &PreviewPlayer::finished);
    QSignalSpy playing(&player, &PreviewPlayer::playingChanged);
    QSignalSpy durations(&player, &PreviewPlayer::durationChanged);
    QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
    player.play(item(QStringLiteral("v1.wav")));
    QVERIFY(player.isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 600, 5000);
    QVERIFY(qAbs(player.duration() - 4000) < 100);
    QVERIFY(!durations.isEmpty());
    const qint64 a = player.position();
    QTRY_VERIFY2_WITH_TIMEOUT(player.position() > a + 200,
                              "position must advance in real time without a sound card", 1000);
    QVERIFY(finished.wait(6000));
    QVERIFY(!player.isPlaying());
    QCOMPARE(playing.last().at(0).toBool(), false);
    QVERIFY(errors.isEmpty());
    // Play again after the end starts from the beginning.
    player.togglePlayPause();
    QVERIFY(player.isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 100 && player.position() < 2000, 4000);
}

void TestPreviewPlayer::playsMp3()
{
    PreviewPlayer player;
    QSignalSpy finished(&player, &PreviewPlayer::finished);
    QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
    player.play(item(QStringLiteral("v1.mp3")));
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 500, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(player.duration() - 3000) < 200, 10000);
    player.seek(player.duration() - 600);
    QVERIFY(finished.wait(5000));
    QVERIFY(errors.isEmpty());
}

void TestPreviewPlayer::pauseResumeAndSeek()
{
    PreviewPlayer player;
    player.play(item(QStringLiteral("v1.wav")));
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 400, 5000);
    player.togglePlayPause();
    QVERIFY(!player.isPlaying());
    QTRY_COMPARE_WITH_TIMEOUT(player.mediaPlayer()->playbackState(), QMediaPlayer::PausedState,
                              2000);
    const qint64 paused = player.position();
    // Paused: the position must not run on; wait for it to, bounded.
    QVERIFY(!QTest::qWaitFor([&] { return qAbs(player.position() - paused) >= 60; }, 400));

    player.seek(2500);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(player.mediaPlayer()->position() - 2500) < 100, 10000);
    player.seekBy(-10000); // clamps at the start
    QTRY_VERIFY_WITH_TIMEOUT(player.mediaPlayer()->position() < 100, 10000);
    player.seekBy(1500);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(player.mediaPlayer()->position() - 1500) < 100, 10000);

    player.togglePlayPause();
    QVERIFY(player.isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 1800, 10000);
}

void TestPreviewPlayer::switchVariationKeepsPosition()
{
    PreviewPlayer player;
    const QList<PreviewItem> variations
        = song({QStringLiteral("v1.wav"), QStringLiteral("v2.wav"), QStringLiteral("v3.wav")});
    QSignalSpy current(&player, &PreviewPlayer::currentChanged);
    QSignalSpy positions(&player, &PreviewPlayer::positionChanged);
    player.play(variations.at(0), variations);
    QCOMPARE(player.variations().size(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 1500, 5000);

    const qint64 before = player.position();
    positions.clear();
    QVERIFY(player.switchToVariation(2));
    QCOMPARE(current.last().at(0).value<PreviewItem>().variationIndex, 2);
    QCOMPARE(player.current().url, variations.at(1).url);
    // The restored position is reported at once: no jump to 0 and back.
    QVERIFY(!positions.isEmpty());
    QVERIFY(positions.first().at(0).toLongLong() >= before);
    QTRY_VERIFY_WITH_TIMEOUT(player.mediaPlayer()->source().toString() == variations.at(1).url
                                 && player.mediaPlayer()->position() > before - 200,
                             5000);
    QVERIFY2(player.mediaPlayer()->position() < before + 1200,
             qPrintable(QStringLiteral("switched from %1 ms to %2 ms")
                            .arg(before)
                            .arg(player.mediaPlayer()->position())));
    for (const QList<QVariant> &p : std::as_const(positions))
        QVERIFY2(p.at(0).toLongLong() > before - 250, "position must never fall back to 0");
    QVERIFY(player.isPlaying());
    QVERIFY(!player.switchToVariation(4));
    QVERIFY(player.switchToVariation(2)); // already there: nothing reloads
    QCOMPARE(player.current().variationIndex, 2);
}

void TestPreviewPlayer::switchXinglessMp3WithRangesKeepsPosition()
{
    // Issue 14: MP3s without a Xing/Info frame from a server that answers byte ranges. Streamed,
    // such a file prerolls without a length and QtMultimedia 6.4 cannot seek it: a switch stood
    // silent for 3 s (SeekableGraceMs) and then played from the start. PreviewPlayer notices
    // the missing length after the first play's preroll, holds the song's variations whole with
    // a table frame written in, and the switch plays the copy from the kept position.
    QString error;
    for (int v = 1; v <= 3; ++v) {
        const QByteArray bare = AudioFiles::mp3(AudioFiles::wav(AudioFiles::tone(6.0, 330.0 * v)),
                                                &error, {false, false});
        QVERIFY2(!bare.isEmpty(), qPrintable(error));
        m_server->addFile(
            QStringLiteral("bare%1.mp3").arg(v),
            AudioFiles::id3v2Tag(QStringLiteral("Song %1").arg(v), QStringLiteral("MusicGPT"))
                + bare,
            "audio/mpeg");
    }
    PreviewPlayer player;
    QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
    const QList<PreviewItem> variations = song(
        {QStringLiteral("bare1.mp3"), QStringLiteral("bare2.mp3"), QStringLiteral("bare3.mp3")});
    player.play(variations.at(0), variations);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 1200, 5000);
    // Each variation fetched whole once, besides what the stream of the first one asked for.
    QTRY_VERIFY_WITH_TIMEOUT(player.holdsWhole(variations.at(1).url), 5000);
    QCOMPARE(m_server->requestCount(QStringLiteral("bare2.mp3")), 1);
    const qint64 before = player.position();
    QElapsedTimer key;
    key.start();
    QVERIFY(player.switchToVariation(2));
    const auto restored = [&] {
        QMediaPlayer *mp = player.mediaPlayer();
        return mp->source() == player.mediaUrlFor(variations.at(1).url)
            && mp->playbackState() == QMediaPlayer::PlayingState && mp->position() > before + 20;
    };
    // Under SeekableGraceMs: without the copy it would still be waiting, then start from 0.
    QTRY_VERIFY_WITH_TIMEOUT(restored() || !errors.isEmpty(), 2500);
    QVERIFY(errors.isEmpty());
    QVERIFY(player.mediaPlayer()->source().isLocalFile());
    QVERIFY2(player.mediaPlayer()->position() < before + 1200,
             qPrintable(QStringLiteral("switched from %1 ms to %2 ms after %3 ms")
                            .arg(before)
                            .arg(player.mediaPlayer()->position())
                            .arg(key.elapsed())));
    QVERIFY(player.duration() > 5900 && player.duration() < 6200);
}

void TestPreviewPlayer::preparedPlayerIsTheFirstPlays()
{
    // The dashboard makes the QMediaPlayer once MediaWarmup is done (PreviewPlayer::prepare()),
    // so the first key press does not pay for QtMultimedia's first construction. The callback
    // comes in the context's thread, and not at all once the context is gone.
    PreviewPlayer player;
    int prepared = 0;
    int late = 0;
    {
        QObject gone;
        MediaWarmup::start(&gone, [&] { ++late; });
    }
    MediaWarmup::start(&player, [&] {
        QCOMPARE(QThread::currentThread(), player.thread());
        player.prepare();
        ++prepared;
    });
    QTRY_COMPARE_WITH_TIMEOUT(prepared, 1, 10000);
    // Registered after the end: called at once (queued), once.
    MediaWarmup::start(&player, [&] { ++prepared; });
    QTRY_COMPARE(prepared, 2);
    QMediaPlayer *made = player.mediaPlayer();
    QVERIFY(made);
    QVERIFY(made->source().isEmpty());
    QVERIFY(!player.hasMedia());
    player.prepare(); // once made, nothing more
    QCOMPARE(player.mediaPlayer(), made);
    player.play(item(QStringLiteral("v1.wav")));
    QCOMPARE(player.mediaPlayer(), made);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 200, 5000);
    QCOMPARE(late, 0);
}

void TestPreviewPlayer::playBetweenPrepareTurns()
{
    // prepare() makes the devices now and the player and its output in later turns; a play
    // that comes first completes them itself, and the turns then leave that player alone.
    PreviewPlayer player;
    QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
    player.prepare();
    player.play(item(QStringLiteral("v1.wav")));
    QMediaPlayer *playing = player.mediaPlayer();
    QVERIFY(playing->audioOutput());
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 300, 10000);
    QCOMPARE(player.mediaPlayer(), playing);
    QCOMPARE(playing->audioOutput()->parent(), playing);
    QVERIFY(player.isPlaying());
    QCOMPARE(errors.count(), 0);
}

void TestPreviewPlayer::switchWhilePausedStaysPaused()
{
    PreviewPlayer player;
    const QList<PreviewItem> variations
        = song({QStringLiteral("v1.wav"), QStringLiteral("v2.wav")});
    player.play(variations.at(0), variations);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 300, 5000);
    player.togglePlayPause();
    player.seek(2000);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(player.mediaPlayer()->position() - 2000) < 100, 10000);
    QVERIFY(player.switchToVariation(2));
    QVERIFY(!player.isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(player.mediaPlayer()->mediaStatus() == QMediaPlayer::LoadedMedia
                                 || player.mediaPlayer()->mediaStatus()
                                     == QMediaPlayer::BufferedMedia,
                             5000);
    QTRY_VERIFY_WITH_TIMEOUT(qAbs(player.mediaPlayer()->position() - 2000) < 150, 10000);
    // Switching while paused must not start playing: wait for it to, bounded.
    QVERIFY(!QTest::qWaitFor(
        [&] { return player.isPlaying() || qAbs(player.position() - 2000) >= 150; }, 300));
    QVERIFY(!player.isPlaying());
    QVERIFY(qAbs(player.position() - 2000) < 150);
}

void TestPreviewPlayer::compareMp3FromStaticServer_data()
{
    QTest::addColumn<bool>("tagged");
    QTest::newRow("untagged") << false;
    // MusicGPT's MP3s carry an ID3v2 tag (title, artist). With the tag, GStreamer's id3demux
    // turns a time seek into a byte seek on the HTTP source, which a server without Range support
    // refuses ("Server does not accept Range HTTP header"); untagged, the seek stays inside the
    // download buffer. Both must compare without an error.
    QTest::newRow("id3-tagged") << true;
}

void TestPreviewPlayer::compareMp3FromStaticServer()
{
    QFETCH(bool, tagged);
    // Issue 10 item 2: compare (1/2/3) on MP3 previews from an ordinary static server, as
    // MusicGPT's CDN serves them. 20 switches in a row: every one plays the chosen variation from
    // about where the previous one was, and not one reports an error.
    StaticHttpServer server;
    QString error;
    const double freqs[] = {440.0, 550.0, 660.0};
    for (int v = 0; v < 3; ++v) {
        QByteArray mp3 = AudioFiles::mp3(AudioFiles::wav(AudioFiles::tone(12.0, freqs[v])), &error);
        QVERIFY2(!mp3.isEmpty(), qPrintable(error));
        if (tagged)
            mp3.prepend(AudioFiles::id3v2Tag(QStringLiteral("Song for Anna %1").arg(v + 1),
                                             QStringLiteral("MusicGPT")));
        QVERIFY(server.addFile(QStringLiteral("v%1.mp3").arg(v + 1), mp3));
    }
    QVERIFY2(server.start(&error), qPrintable(error));

    QList<PreviewItem> variations;
    for (int v = 1; v <= 3; ++v) {
        PreviewItem i = item(QString(), v);
        i.url = server.url(QStringLiteral("v%1.mp3").arg(v));
        variations << i;
    }
    PreviewPlayer player;
    QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
    // In the dashboard the bar repaints and the waveform starts as a load begins; meanwhile
    // GStreamer's threads have fetched the first bytes and built the demuxer. Without that
    // pause a test would only show the tag's trouble by luck.
    connect(&player, &PreviewPlayer::bufferingChanged, this, [](bool buffering, int percent) {
        if (buffering && percent == 0)
            QThread::msleep(60);
    });
    player.play(variations.at(0), variations);
    // Far enough in that a switch which starts over from 0 cannot pass for one that landed.
    QTRY_VERIFY_WITH_TIMEOUT(player.mediaPlayer()->position() > 1500, 8000);
    // Python's http.server answers no byte ranges: the player found out with its first request
    // and holds the song's three previews whole.
    for (const PreviewItem &v : std::as_const(variations))
        QTRY_VERIFY2_WITH_TIMEOUT(player.holdsWhole(v.url), qPrintable(v.url), 8000);

    // 1 → 3 → 2 → 1 → 3 …: every step goes to another variation, as an agent comparing does.
    const int order[] = {3, 2, 1};
    int switches = 0;
    for (int n = 0; n < 20; ++n) {
        const int target = order[n % 3];
        const qint64 before = player.position();
        QElapsedTimer sinceSwitch;
        sinceSwitch.start();
        QVERIFY(player.switchToVariation(target));
        ++switches;
        const QString url = variations.at(target - 1).url;
        // The new source is loaded and playing, and from its first moment of playing its
        // position is within reach of the old one: a switch may land a little early or late; it
        // must not restart from 0 (which a server without Range support would force on a
        // streamed MP3: the player holds such previews whole).
        QTRY_VERIFY2_WITH_TIMEOUT(
            !errors.isEmpty()
                || (player.mediaPlayer()->source() == player.mediaUrlFor(url)
                    && player.mediaPlayer()->playbackState() == QMediaPlayer::PlayingState
                    // Right after a flushing seek GStreamer answers position queries with 0
                    // until the new segment starts; a restart would answer a small number.
                    && player.mediaPlayer()->position() > 0),
            qPrintable(QStringLiteral("switch %1 to variation %2 from %3 ms: status %4")
                           .arg(n + 1)
                           .arg(target)
                           .arg(before)
                           .arg(int(player.mediaPlayer()->mediaStatus()))),
            8000);
        QVERIFY2(errors.isEmpty(),
                 qPrintable(QStringLiteral("switch %1 to variation %2: %3")
                                .arg(n + 1)
                                .arg(target)
                                .arg(errors.value(0).value(1).toString())));
        // The new variation starts at the old position and then plays on: it can be no further
        // than the time since the switch (on a busy machine this loop may be late to look).
        const qint64 landed = player.mediaPlayer()->position();
        const qint64 waited = sinceSwitch.elapsed();
        QVERIFY2(landed > before - 300 && landed < before + waited + 500,
                 qPrintable(QStringLiteral("switch %1: from %2 ms to %3 ms after %4 ms")
                                .arg(n + 1)
                                .arg(before)
                                .arg(landed)
                                .arg(waited)));
        QCOMPARE(player.current().variationIndex, target);
        // Hear it for a moment: the position advances on the new source.
        QTRY_VERIFY_WITH_TIMEOUT(player.mediaPlayer()->position() > landed + 100, 10000);
        if (player.position() > 9000) { // stay inside the 12 s files
            player.seek(500);
            QTRY_VERIFY_WITH_TIMEOUT(player.mediaPlayer()->position() < 2000, 10000);
        }
    }
    QCOMPARE(switches, 20);
    QVERIFY(player.isPlaying());
    QCOMPARE(errors.count(), 0);
}

void TestPreviewPlayer::compareWithoutRangeSupportPlaysFromStart()
{
    // Python's http.server answers no byte ranges. A WAV switched to at 1.5 s then cannot seek:
    // GStreamer's HTTP source fails the stream ("Server does not accept Range HTTP header"). The
    // file is fine, so the variation plays from the start instead of being reported as damaged.
    // (Previews that fit are held whole and seek locally, see compareMp3FromStaticServer; this
    // is the streamed case, as for a preview larger than the limit.)
    StaticHttpServer server;
    for (int v = 1; v <= 3; ++v)
        QVERIFY(server.addFile(QStringLiteral("w%1.wav").arg(v),
                               AudioFiles::wav(AudioFiles::tone(6.0, 300.0 * v))));
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QList<PreviewItem> variations;
    for (int v = 1; v <= 3; ++v) {
        PreviewItem i = item(QString(), v);
        i.url = server.url(QStringLiteral("w%1.wav").arg(v));
        variations << i;
    }
    PreviewPlayer player;
    player.setWholeFileLimit(0);
    QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
    player.play(variations.at(0), variations);
    QTRY_VERIFY_WITH_TIMEOUT(player.mediaPlayer()->position() > 1500, 8000);
    for (const int v : {2, 3}) {
        QVERIFY(player.switchToVariation(v));
        QTRY_VERIFY_WITH_TIMEOUT(
            !errors.isEmpty()
                || (player.mediaPlayer()->source().toString() == variations.at(v - 1).url
                    && player.mediaPlayer()->playbackState() == QMediaPlayer::PlayingState
                    && player.mediaPlayer()->position() > 300),
            10000);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(1).toString()));
        QVERIFY(player.isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(player.mediaPlayer()->position() > 1500, 8000);
    }
    QCOMPARE(errors.count(), 0);
}

void TestPreviewPlayer::notFoundThenUsable()
{
    PreviewPlayer player;
    QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
    const PreviewItem missing = item(QStringLiteral("missing.mp3"));
    player.play(missing);
    QVERIFY(errors.wait(8000));
    // GStreamer reports several errors for one failure: only one reaches us. A second one
    // would follow at once; wait for it, bounded.
    QVERIFY(!errors.wait(300));
    QCOMPARE(errors.count(), 1);
    QCOMPARE(errors.first().at(0).value<PreviewItem>(), missing);
    const QString message = errors.first().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("not found"), Qt::CaseInsensitive),
             qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("404")));
    QCOMPARE(player.errorKind(), PreviewPlayer::ErrorKind::NotFound);
    QVERIFY(!player.isPlaying());
    QVERIFY(!player.hasMedia());
    QCOMPARE(player.current(), missing); // the table still shows which one failed

    player.play(item(QStringLiteral("v1.wav")));
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 300, 5000);
    QVERIFY(player.errorString().isEmpty());
    QCOMPARE(errors.count(), 1);
}

void TestPreviewPlayer::nonMediaFileThenUsable()
{
    PreviewPlayer player;
    QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
    player.play(item(QStringLiteral("page.html")));
    QVERIFY(errors.wait(8000));
    const QString message = errors.first().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("not point to an audio file")), qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("text/html")));
    QCOMPARE(player.errorKind(), PreviewPlayer::ErrorKind::UnsupportedFormat);
    QVERIFY(!player.hasMedia());

    player.play(item(QStringLiteral("v2.wav")));
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 300, 5000);
}

void TestPreviewPlayer::expiredLinks()
{
    PreviewPlayer player;
    QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
    // 410 Gone says it outright.
    player.play(item(QStringLiteral("gone.mp3")));
    QVERIFY(errors.wait(8000));
    QVERIFY2(errors.last().at(1).toString().contains(QStringLiteral("expired")),
             qPrintable(errors.last().at(1).toString()));
    QCOMPARE(player.errorKind(), PreviewPlayer::ErrorKind::Expired);

    // A 404 for a WAV generated 8 days ago: MusicGPT keeps WAV for 7 days.
    PreviewItem oldWav = item(QStringLiteral("old.wav"));
    oldWav.createdAt = QDateTime::currentDateTimeUtc().addDays(-8);
    player.play(oldWav);
    QVERIFY(errors.wait(8000));
    QVERIFY(errors.last().at(1).toString().contains(QStringLiteral("expired")));

    // The same 404 for a fresh WAV is just "not found".
    PreviewItem freshWav = item(QStringLiteral("old.wav"));
    freshWav.createdAt = QDateTime::currentDateTimeUtc().addDays(-1);
    player.play(freshWav);
    QVERIFY(errors.wait(8000));
    QVERIFY(errors.last().at(1).toString().contains(QStringLiteral("not found")));

    // A 403 on a host known to expire files.
    player.setExpiringHosts({QStringLiteral("127.0.0.1")});
    player.play(item(QStringLiteral("forbidden.mp3")));
    QVERIFY(errors.wait(8000));
    QVERIFY(errors.last().at(1).toString().contains(QStringLiteral("expired")));
    player.setExpiringHosts({});
    player.play(item(QStringLiteral("forbidden.mp3")));
    QVERIFY(errors.wait(8000));
    QVERIFY(errors.last().at(1).toString().contains(QStringLiteral("refused access")));
    QCOMPARE(player.errorKind(), PreviewPlayer::ErrorKind::AccessDenied);
}

void TestPreviewPlayer::timeoutThenUsable()
{
    PreviewPlayer player;
    player.setLoadTimeout(1500);
    QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
    QElapsedTimer t;
    t.start();
    player.play(item(QStringLiteral("hang.mp3")));
    QVERIFY(errors.wait(6000));
    QVERIFY(t.elapsed() >= 1400);
    const QString message = errors.first().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("did not load within 1.5 s")), qPrintable(message));
    QCOMPARE(player.errorKind(), PreviewPlayer::ErrorKind::Timeout);
    QVERIFY(!player.hasMedia());
    QVERIFY(!player.isBuffering());

    player.play(item(QStringLiteral("v3.wav")));
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 300, 5000);
    QCOMPARE(errors.count(), 1);
}

void TestPreviewPlayer::slowServerShowsBuffering()
{
    // 3 s of 44.1 kHz mono WAV (~265 kB) at 12 kB every 100 ms: about 2 s to arrive.
    m_server->setSlowRate(12 * 1024, 100);
    PreviewPlayer player;
    QSignalSpy buffering(&player, &PreviewPlayer::bufferingChanged);
    QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
    player.play(item(QStringLiteral("slow.wav")));
    QVERIFY(player.isBuffering());
    QCOMPARE(buffering.first().at(0).toBool(), true);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 500, 8000);
    QTRY_VERIFY_WITH_TIMEOUT(!player.isBuffering(), 8000);
    QCOMPARE(buffering.last().at(0).toBool(), false);
    QVERIFY(errors.isEmpty());
}

void TestPreviewPlayer::slowButSteadyIsNoTimeout()
{
    // Slower than real time (about 4.5 s for 3 s of audio) but never silent for long: the load
    // timeout (1.5 s here) is about a server that stops answering, not a slow one.
    m_server->setSlowRate(6 * 1024, 100);
    PreviewPlayer player;
    player.setLoadTimeout(1500);
    QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
    QSignalSpy finished(&player, &PreviewPlayer::finished);
    player.play(item(QStringLiteral("slow.wav")));
    QVERIFY(finished.wait(12000));
    QVERIFY2(errors.isEmpty(), errors.isEmpty() ? "" : qPrintable(errors.first().at(1).toString()));
}

void TestPreviewPlayer::serverStallingMidStreamTimesOut()
{
    // GStreamer keeps reporting BufferedMedia while the position stands still: the player's own
    // watchdog has to notice.
    PreviewPlayer player;
    player.setLoadTimeout(1500);
    QSignalSpy errors(&player, &PreviewPlayer::errorOccurred);
    player.play(item(QStringLiteral("stall.wav")));
    QVERIFY(errors.wait(10000));
    QCOMPARE(player.errorKind(), PreviewPlayer::ErrorKind::Timeout);
    QVERIFY2(player.errorString().contains(QStringLiteral("stopped arriving")),
             qPrintable(player.errorString()));
    QVERIFY(!player.hasMedia());
    QVERIFY(!player.isPlaying());
}

void TestPreviewPlayer::stopReleasesMedia()
{
    PreviewPlayer player;
    QSignalSpy current(&player, &PreviewPlayer::currentChanged);
    const QList<PreviewItem> variations
        = song({QStringLiteral("v1.wav"), QStringLiteral("v2.wav")});
    player.play(variations.at(0), variations);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() > 200, 5000);
    player.stop();
    QVERIFY(player.mediaPlayer()->source().isEmpty());
    QVERIFY(!player.isPlaying());
    QVERIFY(player.current().isNull());
    QVERIFY(current.last().at(0).value<PreviewItem>().isNull());
    QCOMPARE(player.position(), 0);
    QVERIFY(!player.switchToVariation(2)); // nothing to compare after a stop
    player.togglePlayPause(); // nothing to resume either
    QVERIFY(!player.hasMedia());
}

void TestPreviewPlayer::volumeAndMute()
{
    PreviewPlayer player;
    QSignalSpy volume(&player, &PreviewPlayer::volumeChanged);
    QSignalSpy muted(&player, &PreviewPlayer::mutedChanged);
    player.setVolume(0.25f);
    QCOMPARE(player.volume(), 0.25f);
    player.setVolume(7.0f);
    QCOMPARE(player.volume(), 1.0f);
    player.setMuted(true);
    QVERIFY(player.isMuted());
    QCOMPARE(volume.count(), 2);
    QCOMPARE(muted.count(), 1);
}

void TestPreviewPlayer::destroyWhilePlaying()
{
    auto player = std::make_unique<PreviewPlayer>();
    player->play(item(QStringLiteral("v1.wav")));
    QTRY_VERIFY_WITH_TIMEOUT(player->position() > 200, 5000);
    QMediaPlayer *media = player->mediaPlayer();
    QVERIFY(!media->source().isEmpty());
    const QPointer<QMediaPlayer> mediaGuard(media);
    player.reset(); // releases the media; must not crash or emit into a dead object
    QVERIFY(mediaGuard.isNull());
    // Late events from the pipeline are delivered here, into objects that must be gone.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
}

QTEST_GUILESS_MAIN(TestPreviewPlayer)
#include "tst_previewplayer.moc"
