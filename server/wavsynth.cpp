#include "wavsynth.h"

#include "wavfile.h"

#include <cmath>

namespace compose {

QByteArray WavSynth::render(int variant, int version, double seconds)
{
    const int kind = ((variant % 3) + 3) % 3;
    static const double tempos[] = {84.0, 116.0, 148.0};
    static const double roots[] = {220.0, 261.63, 329.63}; // A3, C4, E4
    static const int scale[] = {0, 2, 4, 7, 9, 12, 14, 16}; // major pentatonic, two octaves
    const double beat = 60.0 / tempos[kind];
    const double root = roots[kind] * (version == 2 ? 2.0 : 1.0);
    const int samples = int(seconds * SampleRate);
    const double twoPi = 6.283185307179586;

    QVector<qint16> pcm;
    pcm.reserve(samples);
    quint32 lcg = 1234567u + quint32(variant) * 7919u + quint32(version) * 104729u;
    double noteStart = 0, noteLength = beat, freq = root;
    for (int i = 0; i < samples; ++i) {
        const double t = double(i) / SampleRate;
        if (t >= noteStart + noteLength) {
            noteStart += noteLength;
            lcg = lcg * 1664525u + 1013904223u;
            const int degree = scale[(lcg >> 16) % 8];
            freq = root * std::pow(2.0, degree / 12.0);
            noteLength = beat * (((lcg >> 8) % 4 == 0) ? 2.0 : 1.0) / (kind == 2 ? 2.0 : 1.0);
        }
        const double nt = t - noteStart;
        const double attack = qMin(1.0, nt / 0.01);
        const double release = qMin(1.0, (noteStart + noteLength - t) / 0.03);
        const double env = attack * release * std::exp(-nt * (kind == 1 ? 3.0 : 1.5));
        const double ph = twoPi * freq * t;
        double s = 0;
        switch (kind) {
        case 0:
            s = std::sin(ph);
            break; // flute-like
        case 1:
            s = (std::sin(ph) + std::sin(3 * ph) / 3 + std::sin(5 * ph) / 5) * 0.8;
            break; // reedy
        default:
            s = (std::sin(ph) + std::sin(2 * ph) / 2 + std::sin(3 * ph) / 3 + std::sin(4 * ph) / 4)
                * 0.6;
            break; // brassy
        }
        // A soft bass on the beat keeps the tempo audible.
        const double beatPhase = std::fmod(t, beat);
        s += 0.35 * std::sin(twoPi * root / 2 * t) * std::exp(-beatPhase * 6.0);
        const double fade = qMin(1.0, qMin(t / 0.2, (seconds - t) / 0.5));
        pcm.append(qint16(qBound(-1.0, s * env * 0.5 * fade, 1.0) * 30000));
    }
    return WavFile::mono16(pcm, SampleRate);
}

} // namespace compose
