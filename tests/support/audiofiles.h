#pragma once

#include <QByteArray>
#include <QString>
#include <QVector>

namespace compose::test {

// Real audio for the tests: 16-bit PCM built sample by sample, written as WAV in C++, and MP3
// encoded by GStreamer's lamemp3enc (gstreamer1.0-plugins-good + gstreamer1.0-tools, both in
// scripts/install-deps.sh) through gst-launch-1.0.
class AudioFiles {
public:
    static constexpr int Rate = 44100;

    static QVector<qint16> tone(double seconds, double hz = 440.0, double amplitude = 0.5,
                                int rate = Rate);
    static QVector<qint16> silence(double seconds, int rate = Rate);
    // A sine driven far past full scale, so whole runs of samples sit at ±32767.
    static QVector<qint16> clipped(double seconds, double hz = 220.0, int rate = Rate);
    static QByteArray wav(const QVector<qint16> &monoSamples, int rate = Rate);

    struct Mp3Encoding {
        // A Xing/Info frame first (xingmux), as the LAME and ffmpeg encoders write by default.
        // Without it (some streaming encoders, gst-launch lamemp3enc alone) nothing tells a
        // player the length before it has read the frames.
        bool xingFrame = true;
        bool vbr = false; // lamemp3enc target=quality instead of 128 kbit/s CBR
    };
    // Empty and *error set when no encoder is available or encoding fails.
    static QByteArray mp3(const QByteArray &wav, QString *error);
    static QByteArray mp3(const QByteArray &wav, QString *error, Mp3Encoding encoding);
    // An ID3v2.3 tag (TIT2 title, TPE1 artist, ISO-8859-1 text) to put in front of an MP3, as
    // MusicGPT's files have one.
    static QByteArray id3v2Tag(const QString &title, const QString &artist);
};

} // namespace compose::test
