#include "wavfile.h"

#include <QtEndian>

namespace compose {

namespace {
void put32(QByteArray &out, quint32 v)
{
    char b[4];
    qToLittleEndian(v, b);
    out.append(b, 4);
}

void put16(QByteArray &out, quint16 v)
{
    char b[2];
    qToLittleEndian(v, b);
    out.append(b, 2);
}
} // namespace

QByteArray WavFile::mono16(const QVector<qint16> &samples, int sampleRate)
{
    const quint32 dataBytes = quint32(samples.size() * 2);
    QByteArray out;
    out.reserve(qsizetype(44 + dataBytes));
    out.append("RIFF", 4);
    put32(out, 36 + dataBytes);
    out.append("WAVEfmt ", 8);
    put32(out, 16); // fmt chunk size
    put16(out, 1); // PCM
    put16(out, 1); // mono
    put32(out, quint32(sampleRate));
    put32(out, quint32(sampleRate * 2)); // byte rate
    put16(out, 2); // block align
    put16(out, 16); // bits per sample
    out.append("data", 4);
    put32(out, dataBytes);
    for (const qint16 v : samples)
        put16(out, quint16(v));
    return out;
}

} // namespace compose
