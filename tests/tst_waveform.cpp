// WaveformAnalyzer on real WAV/MP3 served over HTTP: peaks, silence longer than 2 s, clipping,
// the summary line, the per-URL LRU cache, and refusal of non-http links.
#include "audiofiles.h"
#include "audiohttpserver.h"
#include "waveform.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace compose;
using compose::test::AudioFiles;
using compose::test::AudioHttpServer;

class TestWaveform : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void silentSecondHalf();
    void silentEndOfMp3();
    void silenceInTheMiddleAndAtTheStart();
    void shortPauseIsNotSilence();
    void clippingIsDetected();
    void cleanToneHasNothingToReport();
    void cacheIsPerUrlAndLru();
    void newRequestSupersedesOld();
    void refusedAndMissing();
    void analysisRunsOffTheUiThread();

private:
    WaveformData analyse(WaveformAnalyzer &analyzer, const QString &path);
    static QVector<qint16> join(std::initializer_list<QVector<qint16>> parts);

    std::unique_ptr<AudioHttpServer> m_server;
};

QVector<qint16> TestWaveform::join(std::initializer_list<QVector<qint16>> parts)
{
    QVector<qint16> all;
    for (const auto &p : parts)
        all += p;
    return all;
}

WaveformData TestWaveform::analyse(WaveformAnalyzer &analyzer, const QString &path)
{
    QSignalSpy ready(&analyzer, &WaveformAnalyzer::ready);
    QSignalSpy failed(&analyzer, &WaveformAnalyzer::failed);
    analyzer.request(m_server->url(path));
    if (ready.isEmpty() && failed.isEmpty())
        ready.wait(15000);
    if (ready.isEmpty()) {
        qWarning() << "analysis failed:" << failed;
        return {};
    }
    return ready.first().at(0).value<WaveformData>();
}

void TestWaveform::initTestCase()
{
    m_server = std::make_unique<AudioHttpServer>();
    QVERIFY(m_server->isListening());
    m_server->addFile(QStringLiteral("half.wav"),
                      AudioFiles::wav(join({AudioFiles::tone(3.0), AudioFiles::silence(3.0)})),
                      "audio/wav");
    m_server->addFile(QStringLiteral("middle.wav"),
                      AudioFiles::wav(join({AudioFiles::silence(2.5), AudioFiles::tone(1.0),
                                            AudioFiles::silence(2.5), AudioFiles::tone(1.0)})),
                      "audio/wav");
    m_server->addFile(QStringLiteral("pause.wav"),
                      AudioFiles::wav(join({AudioFiles::tone(1.0), AudioFiles::silence(1.5),
                                            AudioFiles::tone(1.0)})),
                      "audio/wav");
    m_server->addFile(QStringLiteral("clipped.wav"),
                      AudioFiles::wav(join({AudioFiles::tone(1.0), AudioFiles::clipped(0.5),
                                            AudioFiles::tone(1.5)})),
                      "audio/wav");
    m_server->addFile(QStringLiteral("clean.wav"), AudioFiles::wav(AudioFiles::tone(3.0, 440, 0.9)),
                      "audio/wav");
    for (int i = 0; i < 3; ++i) {
        m_server->addFile(QStringLiteral("short%1.wav").arg(i),
                          AudioFiles::wav(AudioFiles::tone(0.5, 300 + 100 * i)), "audio/wav");
    }
    QString error;
    const QByteArray mp3 = AudioFiles::mp3(
        AudioFiles::wav(join({AudioFiles::tone(2.0), AudioFiles::silence(3.0)})), &error);
    QVERIFY2(!mp3.isEmpty(), qPrintable(error));
    m_server->addFile(QStringLiteral("half.mp3"), mp3, "audio/mpeg");
}

void TestWaveform::silentSecondHalf()
{
    WaveformAnalyzer analyzer;
    const WaveformData d = analyse(analyzer, QStringLiteral("half.wav"));
    QVERIFY(!d.isEmpty());
    QCOMPARE(d.url, m_server->url(QStringLiteral("half.wav")));
    QCOMPARE(d.sampleRate, AudioFiles::Rate);
    QVERIFY(qAbs(d.durationMs - 6000) <= 20);
    QCOMPARE(d.maximum.size(), WaveformData::Buckets);
    QCOMPARE(d.minimum.size(), WaveformData::Buckets);
    // The tone's half peaks at 0.5 of full scale, the silent half at nothing.
    const float loudPeak = *std::max_element(d.maximum.cbegin(), d.maximum.cbegin() + 490);
    QVERIFY2(qAbs(loudPeak - 0.5f) < 0.02f, qPrintable(QString::number(loudPeak)));
    QVERIFY(*std::min_element(d.minimum.cbegin(), d.minimum.cbegin() + 490) < -0.48f);
    QCOMPARE(*std::max_element(d.maximum.cbegin() + 510, d.maximum.cend()), 0.0f);
    QVERIFY(qAbs(d.rms.at(100) - 0.3536f) < 0.01f); // 0.5 / sqrt(2)

    QCOMPARE(d.silences.size(), 1);
    QVERIFY(qAbs(d.silences.first().startMs - 3000) <= 20);
    QVERIFY(qAbs(d.silences.first().endMs - 6000) <= 20);
    QVERIFY(d.clips.isEmpty());
    QCOMPARE(d.summary(), QStringLiteral("Silent at the end (3.0 s)"));
    QCOMPARE(d.describeSilence(d.silences.first()), QStringLiteral("silent 3.0–6.0 s"));
}

void TestWaveform::silentEndOfMp3()
{
    WaveformAnalyzer analyzer;
    const WaveformData d = analyse(analyzer, QStringLiteral("half.mp3"));
    QVERIFY(!d.isEmpty());
    // The encoder adds some padding; the silence is still found where it is.
    QVERIFY2(qAbs(d.durationMs - 5000) < 150, qPrintable(QString::number(d.durationMs)));
    QCOMPARE(d.silences.size(), 1);
    QVERIFY2(qAbs(d.silences.first().startMs - 2000) < 150,
             qPrintable(QString::number(d.silences.first().startMs)));
    QVERIFY(d.summary().startsWith(QStringLiteral("Silent at the end (")));
    QVERIFY(d.clips.isEmpty());
}

void TestWaveform::silenceInTheMiddleAndAtTheStart()
{
    WaveformAnalyzer analyzer;
    const WaveformData d = analyse(analyzer, QStringLiteral("middle.wav"));
    QCOMPARE(d.silences.size(), 2);
    QVERIFY(d.silences.at(0).startMs == 0);
    QVERIFY(qAbs(d.silences.at(0).endMs - 2500) <= 20);
    QVERIFY(qAbs(d.silences.at(1).startMs - 3500) <= 20);
    QVERIFY(qAbs(d.silences.at(1).endMs - 6000) <= 20);
    QCOMPARE(d.summary(), QStringLiteral("Silent at the start (2.5 s) · Silent 3.5–6.0 s"));
}

void TestWaveform::shortPauseIsNotSilence()
{
    WaveformAnalyzer analyzer;
    const WaveformData d = analyse(analyzer, QStringLiteral("pause.wav"));
    QVERIFY(!d.isEmpty());
    QVERIFY(d.silences.isEmpty());
    QVERIFY(d.summary().isEmpty());
}

void TestWaveform::clippingIsDetected()
{
    WaveformAnalyzer analyzer;
    const WaveformData d = analyse(analyzer, QStringLiteral("clipped.wav"));
    QVERIFY(!d.isEmpty());
    QCOMPARE(d.clips.size(), 1);
    QVERIFY2(qAbs(d.clips.first().startMs - 1000) <= 10,
             qPrintable(QString::number(d.clips.first().startMs)));
    QVERIFY2(qAbs(d.clips.first().endMs - 1500) <= 10,
             qPrintable(QString::number(d.clips.first().endMs)));
    QVERIFY(d.silences.isEmpty());
    QCOMPARE(d.summary(), QStringLiteral("Clipped at 1.0 s"));
    QCOMPARE(WaveformData::describeClip(d.clips.first()), QStringLiteral("clipped 1.0–1.5 s"));
}

void TestWaveform::cleanToneHasNothingToReport()
{
    // Loud (0.9 of full scale) but never at full scale: no clipping, no silence.
    WaveformAnalyzer analyzer;
    const WaveformData d = analyse(analyzer, QStringLiteral("clean.wav"));
    QVERIFY(!d.isEmpty());
    QVERIFY(d.clips.isEmpty());
    QVERIFY(d.silences.isEmpty());
    QVERIFY(d.summary().isEmpty());
}

void TestWaveform::cacheIsPerUrlAndLru()
{
    WaveformAnalyzer analyzer;
    analyzer.setCacheCapacity(2);
    QVERIFY(!analyse(analyzer, QStringLiteral("short0.wav")).isEmpty());
    QVERIFY(!analyse(analyzer, QStringLiteral("short1.wav")).isEmpty());
    m_server->resetCounters();
    // Cached: answered at once, nothing requested.
    QSignalSpy ready(&analyzer, &WaveformAnalyzer::ready);
    analyzer.request(m_server->url(QStringLiteral("short0.wav")));
    QCOMPARE(ready.count(), 1);
    QVERIFY(!analyzer.isBusy());
    QCOMPARE(m_server->connectionCount(), 0);
    // short0 was used last, so the third entry evicts short1.
    QVERIFY(!analyse(analyzer, QStringLiteral("short2.wav")).isEmpty());
    QCOMPARE(analyzer.cacheSize(), 2);
    QVERIFY(analyzer.cached(m_server->url(QStringLiteral("short0.wav"))));
    QVERIFY(!analyzer.cached(m_server->url(QStringLiteral("short1.wav"))));
    QVERIFY(analyzer.cached(m_server->url(QStringLiteral("short2.wav"))));
}

void TestWaveform::newRequestSupersedesOld()
{
    WaveformAnalyzer analyzer;
    QSignalSpy ready(&analyzer, &WaveformAnalyzer::ready);
    analyzer.request(m_server->url(QStringLiteral("half.wav")));
    analyzer.request(m_server->url(QStringLiteral("clean.wav")));
    QVERIFY(ready.wait(15000));
    // The superseded request must not report as well: wait for it, bounded.
    QVERIFY(!ready.wait(300));
    QCOMPARE(ready.count(), 1);
    QCOMPARE(ready.first().at(0).value<WaveformData>().url,
             m_server->url(QStringLiteral("clean.wav")));
}

void TestWaveform::refusedAndMissing()
{
    WaveformAnalyzer analyzer;
    QSignalSpy failed(&analyzer, &WaveformAnalyzer::failed);
    m_server->resetCounters();
    const QString port = QString::number(m_server->port());
    for (const QString &bad :
         {QStringLiteral("javascript:alert(1)"), QStringLiteral("file:///etc/passwd"),
          QStringLiteral("ftp://127.0.0.1:%1/half.wav").arg(port)}) {
        analyzer.request(bad);
        QCOMPARE(failed.last().at(0).toString(), bad);
    }
    QCOMPARE(failed.count(), 3);
    QCOMPARE(m_server->connectionCount(), 0);

    // The next, valid request is the barrier: by the time it is answered, anything the refused
    // ones had sent would have arrived first. Only it reached the server.
    analyzer.request(m_server->url(QStringLiteral("missing.wav")));
    QVERIFY(failed.wait(15000));
    QCOMPARE(failed.last().at(0).toString(), m_server->url(QStringLiteral("missing.wav")));
    QCOMPARE(m_server->requests(), QStringList {QStringLiteral("GET /missing.wav")});
    QVERIFY(failed.last().at(1).toString().startsWith(QStringLiteral("The waveform could not")));
    QVERIFY(!analyzer.isBusy());
    QVERIFY(!analyzer.cached(m_server->url(QStringLiteral("missing.wav"))));
}

void TestWaveform::analysisRunsOffTheUiThread()
{
    WaveformAnalyzer analyzer;
    QVERIFY(analyzer.workerThread()->isRunning());
    QVERIFY(analyzer.workerThread() != QThread::currentThread());
    QVERIFY(!analyse(analyzer, QStringLiteral("short0.wav")).isEmpty());
}

QTEST_GUILESS_MAIN(TestWaveform)
#include "tst_waveform.moc"
