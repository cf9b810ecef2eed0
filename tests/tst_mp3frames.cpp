// Mp3Frames (models/domain/mp3frames.h): the MPEG audio frame walker that measures a held preview
// and writes a Xing/Info frame in front of one that has none (issue 14). Real MP3s from
// GStreamer's lamemp3enc, with and without xingmux's frame; then the bad input a server can send
// (cut, ID3 only, garbage, flipped bytes), each with a defined outcome.
#include "audiofiles.h"
#include "mp3frames.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

#include <memory>

using namespace compose;
using compose::test::AudioFiles;

namespace {
struct XingFields {
    QByteArray tag; // "Xing" / "Info", empty when none
    quint32 flags = 0;
    quint32 frames = 0;
    quint32 bytes = 0;
    QByteArray toc;
};

// Reads the table frame as mpegaudioparse does (offsets by MPEG version and channel count).
XingFields xingOf(const QByteArray &b, const Mp3Scan &s)
{
    XingFields x;
    if (!s.isMp3())
        return x;
    const int off
        = 4 + (s.mpegVersion == 10 ? (s.channels == 1 ? 17 : 32) : (s.channels == 1 ? 9 : 17));
    const qint64 at = s.firstFrame + off;
    if (at + 16 + 100 > b.size())
        return x;
    const QByteArray tag = b.mid(at, 4);
    if (tag != "Xing" && tag != "Info")
        return x;
    x.tag = tag;
    x.flags = qFromBigEndian<quint32>(b.constData() + at + 4);
    x.frames = qFromBigEndian<quint32>(b.constData() + at + 8);
    x.bytes = qFromBigEndian<quint32>(b.constData() + at + 12);
    x.toc = b.mid(at + 16, 100);
    return x;
}
} // namespace

class TestMp3Frames : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void measuresAndWritesTheTable_data();
    void measuresAndWritesTheTable();
    void threeMinutePreview();
    void keepsAFileThatHasATable();
    void otherFormatsAreNotMp3();
    void id3Only();
    void cutAnywhere();
    void garbageAndFlippedBytes();

private:
    QByteArray m_wav;
    QByteArray m_plain; // CBR 128 kbit/s, no table
    QByteArray m_xing; // the same, with xingmux's frame
    QByteArray m_tag;
};

void TestMp3Frames::initTestCase()
{
    m_wav = AudioFiles::wav(AudioFiles::tone(6.0, 440.0));
    QString error;
    m_plain = AudioFiles::mp3(m_wav, &error, {false, false});
    QVERIFY2(!m_plain.isEmpty(), qPrintable(error));
    m_xing = AudioFiles::mp3(m_wav, &error, {true, false});
    QVERIFY2(!m_xing.isEmpty(), qPrintable(error));
    m_tag = AudioFiles::id3v2Tag(QStringLiteral("Song for Anna"), QStringLiteral("MusicGPT"));
}

void TestMp3Frames::measuresAndWritesTheTable_data()
{
    QTest::addColumn<int>("rate");
    QTest::addColumn<bool>("vbr");
    QTest::addColumn<bool>("tagged");
    QTest::newRow("MPEG-1 CBR, ID3v2 tag") << 44100 << false << true;
    QTest::newRow("MPEG-1 CBR, bare") << 44100 << false << false;
    QTest::newRow("MPEG-1 VBR, ID3v2 tag") << 44100 << true << true;
    QTest::newRow("MPEG-2 CBR (22.05 kHz)") << 22050 << false << true;
}

void TestMp3Frames::measuresAndWritesTheTable()
{
    QFETCH(int, rate);
    QFETCH(bool, vbr);
    QFETCH(bool, tagged);
    const QByteArray wav = AudioFiles::wav(AudioFiles::tone(6.0, 440.0, 0.5, rate), rate);
    QString error;
    const QByteArray withXing = AudioFiles::mp3(wav, &error, {true, vbr});
    QVERIFY2(!withXing.isEmpty(), qPrintable(error));
    QByteArray plain = AudioFiles::mp3(wav, &error, {false, vbr});
    QVERIFY2(!plain.isEmpty(), qPrintable(error));
    if (tagged)
        plain.prepend(m_tag);

    // The encoder's own table (xingmux) is the reference for what the walk must find.
    const Mp3Scan ref = Mp3Frames::scan(withXing);
    QVERIFY(ref.isMp3());
    QVERIFY(ref.hasTable);
    const XingFields refX = xingOf(withXing, ref);
    QVERIFY(!refX.tag.isEmpty());

    const Mp3Scan s = Mp3Frames::scan(plain);
    QVERIFY(s.isMp3());
    QVERIFY(!s.hasTable);
    QCOMPARE(s.firstFrame, tagged ? qint64(m_tag.size()) : 0);
    QCOMPARE(s.audioEnd, qint64(plain.size()));
    QCOMPARE(s.sampleRate, rate);
    QCOMPARE(s.mpegVersion, rate == 44100 ? 10 : 20);
    QCOMPARE(s.layer, 3);
    QCOMPARE(s.channels, 1);
    QCOMPARE(s.constantBitrate, !vbr);
    QCOMPARE(s.frames + 1, refX.frames); // xingmux counts its own frame; LAME and ffmpeg do not
    // 6 s of tone plus the encoder's delay and padding (under two frames' worth each).
    QVERIFY2(s.durationMs() >= 6000 && s.durationMs() < 6000 + 2 * 1152 * 1000 / rate + 30,
             qPrintable(QString::number(s.durationMs())));
    QCOMPARE(s.durationMs(), ref.durationMs());

    const QByteArray shaped = Mp3Frames::withSeekTable(plain);
    QVERIFY(shaped.size() > plain.size());
    QCOMPARE(shaped.left(int(s.firstFrame)), plain.left(int(s.firstFrame))); // the tag stays
    QCOMPARE(shaped.right(int(s.audioEnd - s.firstFrame)), plain.mid(int(s.firstFrame)));
    const Mp3Scan after = Mp3Frames::scan(shaped);
    QVERIFY(after.isMp3());
    QVERIFY(after.hasTable);
    QCOMPARE(after.frames, s.frames + 1);
    QCOMPARE(after.durationMs(), s.durationMs());
    const XingFields x = xingOf(shaped, after);
    QCOMPARE(x.tag, vbr ? QByteArray("Xing") : QByteArray("Info"));
    QCOMPARE(x.flags, quint32(7));
    QCOMPARE(x.frames, s.frames);
    QCOMPARE(qint64(x.bytes), after.audioEnd - after.firstFrame);
    // CBR: the table frame keeps the stream's bit rate, so the bit rate stays constant.
    QCOMPARE(after.constantBitrate, !vbr);
    // The TOC rises from 0 and never falls; for CBR percent p sits at about p/100 of the bytes.
    QCOMPARE(uchar(x.toc.at(0)), uchar(0));
    for (int i = 1; i < 100; ++i)
        QVERIFY2(uchar(x.toc.at(i)) >= uchar(x.toc.at(i - 1)), qPrintable(QString::number(i)));
    if (!vbr) {
        for (int i = 0; i < 100; i += 10)
            QVERIFY2(qAbs(int(uchar(x.toc.at(i))) - i * 256 / 100) <= 3,
                     qPrintable(QStringLiteral("toc[%1] = %2").arg(i).arg(uchar(x.toc.at(i)))));
    }
    // Written once: a second pass leaves it as it is.
    QCOMPARE(Mp3Frames::withSeekTable(shaped), shaped);
}

void TestMp3Frames::threeMinutePreview()
{
    // MusicGPT's previews are about three minutes (about 3 MB at 128 kbit/s): the same 6 s of
    // frames thirty times over, one stream. The walk is linear: print what it costs (it runs on
    // a pool thread, in hold()).
    const Mp3Scan six = Mp3Frames::scan(m_plain);
    const QByteArray frames = m_plain.mid(six.firstFrame, six.audioEnd - six.firstFrame);
    const QByteArray preview = m_tag + frames.repeated(30);
    QElapsedTimer t;
    t.start();
    constexpr int Rounds = 10;
    QByteArray shaped;
    for (int i = 0; i < Rounds; ++i)
        shaped = Mp3Frames::withSeekTable(preview);
    const double ms = t.nsecsElapsed() / 1e6 / Rounds;
    qInfo("%.1f MB, %u frames: scan and table frame in %.2f ms", preview.size() / 1e6,
          Mp3Frames::scan(preview).frames, ms);
    const Mp3Scan s = Mp3Frames::scan(shaped);
    QVERIFY(s.hasTable);
    QCOMPARE(s.frames, 30 * six.frames + 1);
    QCOMPARE(s.durationMs(), 30 * six.frames * 1152LL * 1000 / 44100);
}

void TestMp3Frames::keepsAFileThatHasATable()
{
    QByteArray tagged = m_tag + m_xing;
    QCOMPARE(Mp3Frames::withSeekTable(tagged), tagged);
    QVERIFY(Mp3Frames::scan(tagged).hasTable);
}

void TestMp3Frames::otherFormatsAreNotMp3()
{
    const QList<QByteArray> others {m_wav, QByteArray(), QByteArray("OggS") + m_plain,
                                    QByteArray(100000, '\xff'), QByteArray(4096, '\0')};
    for (const QByteArray &b : others) {
        const Mp3Scan s = Mp3Frames::scan(b);
        QCOMPARE(s.outcome, Mp3Scan::Outcome::NotMp3);
        QCOMPARE(s.durationMs(), 0);
        QCOMPARE(Mp3Frames::withSeekTable(b), b);
    }
    // A lone header (one frame's sync) inside other bytes is not a file.
    QByteArray lone(8192, 'x');
    lone.replace(1000, 4, m_plain.left(4));
    QCOMPARE(Mp3Frames::scan(lone).outcome, Mp3Scan::Outcome::NotMp3);
}

void TestMp3Frames::id3Only()
{
    QCOMPARE(Mp3Frames::scan(m_tag).outcome, Mp3Scan::Outcome::TagOnly);
    QCOMPARE(Mp3Frames::withSeekTable(m_tag), m_tag);
    // A tag that claims more bytes than the file has.
    QByteArray liar = m_tag + m_plain.left(2000);
    liar[9] = char(0x7f);
    liar[8] = char(0x7f);
    QCOMPARE(Mp3Frames::scan(liar).outcome, Mp3Scan::Outcome::TagOnly);
    QCOMPARE(Mp3Frames::withSeekTable(liar), liar);
    // Size bytes with the high bit set are no ID3 size: frames are looked for from byte 0, and
    // the MP3 behind the bad header is still found.
    QByteArray bad = m_tag + m_plain;
    bad[6] = char(0x80);
    const Mp3Scan s = Mp3Frames::scan(bad);
    QVERIFY(s.isMp3());
    QCOMPARE(s.firstFrame, qint64(m_tag.size()));
}

void TestMp3Frames::cutAnywhere()
{
    // A transfer that stopped anywhere: no whole frame is invented, fewer bytes never give more
    // frames, and what is written still describes only the whole frames.
    const QByteArray full = m_tag + m_plain;
    const Mp3Scan whole = Mp3Frames::scan(full);
    quint32 lastFrames = 0;
    QList<qsizetype> lengths;
    for (qsizetype n = 0; n < full.size(); n += (n < 2048 ? 7 : 997))
        lengths << n;
    lengths << full.size();
    for (const qsizetype n : std::as_const(lengths)) {
        const QByteArray cut = full.left(n);
        const Mp3Scan s = Mp3Frames::scan(cut);
        QVERIFY(s.frames <= whole.frames);
        QVERIFY2(s.frames >= lastFrames || !s.isMp3(), qPrintable(QString::number(n)));
        if (!s.isMp3())
            continue;
        lastFrames = s.frames;
        QVERIFY(s.audioEnd <= n);
        QVERIFY(n - s.audioEnd < 1441); // at most one cut frame is left over
        const QByteArray shaped = Mp3Frames::withSeekTable(cut, s);
        const Mp3Scan again = Mp3Frames::scan(shaped);
        const XingFields x = xingOf(shaped, again);
        QVERIFY2(x.frames == s.frames,
                 qPrintable(QStringLiteral("cut at %1: %2 frames from %3 to %4, written %5; "
                                           "again from %6, %7 frames, table %8")
                                .arg(n)
                                .arg(s.frames)
                                .arg(s.firstFrame)
                                .arg(s.audioEnd)
                                .arg(x.frames)
                                .arg(again.firstFrame)
                                .arg(again.frames)
                                .arg(again.hasTable)));
    }
    QCOMPARE(lastFrames, whole.frames);
}

void TestMp3Frames::garbageAndFlippedBytes()
{
    // Seeded: a failure names its round and reproduces.
    QRandomGenerator rng(14);
    const QByteArray full = m_tag + m_plain;
    const Mp3Scan whole = Mp3Frames::scan(full);
    for (int round = 0; round < 300; ++round) {
        QByteArray b;
        switch (round % 3) {
        case 0: { // random bytes, sometimes behind an ID3 header
            b.resize(qsizetype(rng.bounded(70000)));
            for (char &c : b)
                c = char(rng.bounded(256));
            if (round % 2)
                b.prepend(m_tag.left(10));
            break;
        }
        case 1: { // a real file with bytes flipped (headers included)
            b = full;
            for (int i = 0, n = int(rng.bounded(1, 200)); i < n; ++i)
                b[rng.bounded(int(b.size()))] = char(rng.bounded(256));
            break;
        }
        default: { // sync-looking bytes: 0xFF followed by random header bits, repeated
            b.resize(qsizetype(rng.bounded(4, 40000)));
            for (qsizetype i = 0; i < b.size(); ++i)
                b[i] = (i % 2) ? char(0xe0 | rng.bounded(32)) : char(0xff);
            break;
        }
        }
        const Mp3Scan s = Mp3Frames::scan(b);
        const QByteArray shaped = Mp3Frames::withSeekTable(b, s);
        if (!s.isMp3() || s.hasTable || s.layer != 3) {
            QVERIFY2(shaped == b, qPrintable(QString::number(round)));
            continue;
        }
        QVERIFY2(s.firstFrame >= 0 && s.firstFrame < s.audioEnd && s.audioEnd <= b.size(),
                 qPrintable(QString::number(round)));
        // One frame of at most 1441 bytes (MPEG-1 layer III's largest) is added, nothing else.
        QVERIFY2(shaped.size() - b.size() <= 1441, qPrintable(QString::number(round)));
        if (round % 3 == 1) // flipped bytes: the stream is mostly still there
            QVERIFY2(s.frames <= whole.frames + 200, qPrintable(QString::number(round)));
    }
}

QTEST_GUILESS_MAIN(TestMp3Frames)
#include "tst_mp3frames.moc"
