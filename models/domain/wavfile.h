#pragma once

#include <QByteArray>
#include <QVector>

namespace compose {

// The one WAV writer: 16-bit PCM, mono, little-endian, a plain 44-byte RIFF header. The API's
// simulated previews (WavSynth) and the tests' audio files both come out of it.
class WavFile final {
public:
    static QByteArray mono16(const QVector<qint16> &samples, int sampleRate);
};

} // namespace compose
