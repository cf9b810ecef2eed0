#pragma once

#include <QByteArray>

namespace compose {

// Renders the simulators' preview audio: a real 16-bit mono WAV with a short melody. Each
// variant has its own tempo, key and timbre so variations are told apart by ear; version 1 and
// 2 of one variant differ in melody and register.
class WavSynth {
public:
    static constexpr int SampleRate = 22050;
    static QByteArray render(int variant, int version, double seconds);
    static double durationFor(int variant) { return 8.0 + 2.0 * (variant % 3); }
};

} // namespace compose
