#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace compose {

// What the MPEG audio frame headers of a file say, read from its bytes alone.
struct Mp3Scan {
    enum class Outcome : quint8 {
        Mp3, // a run of consistent frames was found (see Mp3Frames::scan())
        NotMp3, // no such run near the start: another format, garbage, or too short
        TagOnly, // an ID3v2 tag (or tags) and nothing after it, or a tag longer than the file
    };
    Outcome outcome = Outcome::NotMp3;
    qint64 firstFrame = -1; // offset of the first frame, past any ID3v2 tags and junk
    qint64 audioEnd = -1; // one past the last whole frame (an ID3v1 tag or a cut frame follow)
    quint32 frames = 0; // whole frames from firstFrame to audioEnd (a table frame included)
    int mpegVersion = 0; // 10 = MPEG-1, 20 = MPEG-2, 25 = MPEG-2.5
    int layer = 0; // 1..3
    int sampleRate = 0; // Hz
    int channels = 0; // 1 or 2
    int samplesPerFrame = 0;
    int firstBitrateKbps = 0;
    bool constantBitrate = true; // every frame has firstBitrateKbps
    // The first frame is a Xing/Info or VBRI frame: the file tells its length and has a seek
    // table already.
    bool hasTable = false;

    bool isMp3() const { return outcome == Outcome::Mp3; }
    // Length of the audio: frames × samples per frame ÷ sample rate (a table frame, silent, is
    // counted as the players count it: not at all).
    qint64 durationMs() const;
};

// Reads MPEG audio frame headers (ISO 11172-3 / 13818-3) and writes a Xing/Info frame.
//
// Why: an MP3 without a Xing/Info frame (gst-launch … lamemp3enc without xingmux, some streaming
// encoders) tells GStreamer nothing about its length until it has played a while, and its seeks
// walk the frames: QtMultimedia 6.4 then reports no duration at preroll, and a compare switch
// could not restore its position for seconds (docs/performance.md, issue 14). A copy we hold
// whole can be given the frame LAME and ffmpeg write by default.
//
// The bytes come from the network: every input has a defined outcome. The walk looks at each byte
// a bounded number of times (it only moves forward; a lost sync is searched for within
// ResyncWindow bytes), allocates nothing but the result, and never reads past the end.
class Mp3Frames final {
public:
    // Where the first frame is searched for, past the ID3v2 tags.
    static constexpr qint64 SyncWindow = 64 * 1024;
    // How far a lost sync is searched for before the audio is taken to end there.
    static constexpr qint64 ResyncWindow = 8 * 1024;
    // This many consecutive, consistent frames (or all of a file that ends sooner, exactly at a
    // frame's end) make the first frame; a lone 0xFFE pattern in other data does not.
    static constexpr int MinRun = 4;

    static Mp3Scan scan(const QByteArray &bytes);

    // bytes with an Info (constant bit rate) or Xing (variable) frame written in front of the
    // first frame: frame count, byte count and a 100-point seek table, as LAME writes them.
    // Returns bytes unchanged when it is not an MPEG-1/2/2.5 layer III file, already has a
    // table, or is too large for the frame's 32-bit fields.
    static QByteArray withSeekTable(const QByteArray &bytes);
    static QByteArray withSeekTable(const QByteArray &bytes, const Mp3Scan &scan);
};

} // namespace compose
