#include "audiofiles.h"

#include "wavfile.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QStringList>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>

namespace compose::test {

namespace {
constexpr double Pi = 3.14159265358979323846;
} // namespace

QVector<qint16> AudioFiles::tone(double seconds, double hz, double amplitude, int rate)
{
    QVector<qint16> s(qsizetype(seconds * rate));
    for (qsizetype i = 0; i < s.size(); ++i)
        s[i] = qint16(std::lround(amplitude * 32767.0 * std::sin(2 * Pi * hz * double(i) / rate)));
    return s;
}

QVector<qint16> AudioFiles::silence(double seconds, int rate)
{
    return QVector<qint16>(qsizetype(seconds * rate), 0);
}

QVector<qint16> AudioFiles::clipped(double seconds, double hz, int rate)
{
    QVector<qint16> s(qsizetype(seconds * rate));
    for (qsizetype i = 0; i < s.size(); ++i) {
        const double v = 3.0 * std::sin(2 * Pi * hz * double(i) / rate);
        s[i] = qint16(std::lround(std::clamp(v, -1.0, 1.0) * 32767.0));
    }
    return s;
}

QByteArray AudioFiles::wav(const QVector<qint16> &samples, int rate)
{
    return WavFile::mono16(samples, rate);
}

QByteArray AudioFiles::mp3(const QByteArray &wav, QString *error)
{
    return mp3(wav, error, Mp3Encoding {});
}

QByteArray AudioFiles::mp3(const QByteArray &wav, QString *error, Mp3Encoding encoding)
{
    const QString gst = QStandardPaths::findExecutable(QStringLiteral("gst-launch-1.0"));
    if (gst.isEmpty()) {
        *error = QStringLiteral("gst-launch-1.0 not found: install gstreamer1.0-tools and "
                                "gstreamer1.0-plugins-good (scripts/install-deps.sh)");
        return {};
    }
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("in.wav"));
    const QString out = dir.filePath(QStringLiteral("out.mp3"));
    QFile f(in);
    if (!f.open(QIODevice::WriteOnly) || f.write(wav) != wav.size()) {
        *error = QStringLiteral("cannot write %1").arg(in);
        return {};
    }
    f.close();
    QStringList args {QStringLiteral("-q"),
                      QStringLiteral("filesrc"),
                      QStringLiteral("location=") + in,
                      QStringLiteral("!"),
                      QStringLiteral("wavparse"),
                      QStringLiteral("!"),
                      QStringLiteral("audioconvert"),
                      QStringLiteral("!"),
                      QStringLiteral("lamemp3enc")};
    if (encoding.vbr)
        args << QStringLiteral("target=quality") << QStringLiteral("quality=2");
    else
        args << QStringLiteral("target=bitrate") << QStringLiteral("bitrate=128")
             << QStringLiteral("cbr=true");
    if (encoding.xingFrame)
        args << QStringLiteral("!") << QStringLiteral("xingmux");
    args << QStringLiteral("!") << QStringLiteral("filesink") << QStringLiteral("location=") + out;
    QProcess p;
    p.start(gst, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("MP3 encoding with gst-launch-1.0 lamemp3enc failed (is "
                                "gstreamer1.0-plugins-good installed?): %1")
                     .arg(QString::fromLocal8Bit(p.readAllStandardError()).trimmed());
        return {};
    }
    QFile mp3(out);
    if (!mp3.open(QIODevice::ReadOnly) || mp3.size() == 0) {
        *error = QStringLiteral("gst-launch-1.0 wrote no MP3");
        return {};
    }
    return mp3.readAll();
}

QByteArray AudioFiles::id3v2Tag(const QString &title, const QString &artist)
{
    const auto frame = [](const char *id, const QString &text) -> QByteArray {
        const QByteArray body = QByteArray(1, '\0') + text.toLatin1(); // encoding 0: ISO-8859-1
        QByteArray f(id, 4);
        const auto size = quint32(body.size()); // ID3v2.3 frame sizes are plain big-endian
        for (int shift = 24; shift >= 0; shift -= 8)
            f.append(char((size >> shift) & 0xff));
        f.append(2, '\0'); // flags
        f += body;
        return f;
    };
    const QByteArray frames = frame("TIT2", title) + frame("TPE1", artist);
    QByteArray tag("ID3\x03\x00\x00", 6);
    const auto size = quint32(frames.size()); // the tag size is "synchsafe": 7 bits per byte
    for (int shift = 21; shift >= 0; shift -= 7)
        tag.append(char((size >> shift) & 0x7f));
    tag += frames;
    return tag;
}

} // namespace compose::test
