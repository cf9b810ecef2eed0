#include "mp3frames.h"

#include <QtEndian>

#include <algorithm>
#include <array>
#include <limits>

namespace compose {

namespace {

// kbit/s by [lsf][layer - 1][index]; index 0 (free format) and 15 (forbidden) are refused.
constexpr int Bitrates[2][3][16] = {
    {{0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448, 0},
     {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 0},
     {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0}},
    {{0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256, 0},
     {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0},
     {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0}},
};
// Hz by [MPEG-1, MPEG-2, MPEG-2.5][index]
constexpr int Rates[3][3] = {{44100, 48000, 32000}, {22050, 24000, 16000}, {11025, 12000, 8000}};

struct Header {
    quint32 raw = 0;
    int versionBits = 0; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
    int layer = 0;
    int bitrateIndex = 0;
    int rateIndex = 0;
    int channels = 0;
    int bitrateKbps = 0;
    int sampleRate = 0;
    int samplesPerFrame = 0;
    int length = 0; // bytes, header included

    bool sameStream(const Header &o) const
    {
        return versionBits == o.versionBits && layer == o.layer && rateIndex == o.rateIndex;
    }
};

int frameLength(int layer, bool lsf, int bitrateKbps, int sampleRate, int padding)
{
    const int bps = bitrateKbps * 1000;
    switch (layer) {
    case 1:
        return (12 * bps / sampleRate + padding) * 4;
    case 2:
        return 144 * bps / sampleRate + padding;
    default:
        return (lsf ? 72 : 144) * bps / sampleRate + padding;
    }
}

bool parseHeader(quint32 h, Header *out)
{
    if ((h & 0xffe00000u) != 0xffe00000u)
        return false;
    const int versionBits = int((h >> 19) & 3);
    const int layerBits = int((h >> 17) & 3);
    const int bitrateIndex = int((h >> 12) & 15);
    const int rateIndex = int((h >> 10) & 3);
    if (versionBits == 1 || layerBits == 0 || bitrateIndex == 0 || bitrateIndex == 15
        || rateIndex == 3 || (h & 3) == 2) // reserved version, layer, rate, emphasis; free format
        return false;
    const bool lsf = versionBits != 3;
    Header r;
    r.raw = h;
    r.versionBits = versionBits;
    r.layer = 4 - layerBits;
    r.bitrateIndex = bitrateIndex;
    r.rateIndex = rateIndex;
    r.channels = ((h >> 6) & 3) == 3 ? 1 : 2;
    r.bitrateKbps = Bitrates[lsf ? 1 : 0][r.layer - 1][bitrateIndex];
    r.sampleRate = Rates[versionBits == 3 ? 0 : versionBits == 2 ? 1 : 2][rateIndex];
    r.samplesPerFrame = r.layer == 1 ? 384 : (r.layer == 3 && lsf) ? 576 : 1152;
    r.length = frameLength(r.layer, lsf, r.bitrateKbps, r.sampleRate, int((h >> 9) & 1));
    if (r.length <= 4)
        return false;
    *out = r;
    return true;
}

bool headerAt(const QByteArray &b, qint64 pos, Header *out)
{
    if (pos < 0 || pos + 4 > b.size())
        return false;
    return parseHeader(qFromBigEndian<quint32>(b.constData() + pos), out);
}

// A frame at pos that the next MinRun - 1 frames follow. With allowShort, a file that ends
// exactly after fewer frames counts too: only where the audio must begin (byte 0, or right after
// the ID3v2 tags), since elsewhere one stray pattern whose "frame" happens to end at the end of
// the bytes would pass.
bool runAt(const QByteArray &b, qint64 pos, Header *first, const Header *stream, bool allowShort)
{
    Header h;
    if (!headerAt(b, pos, &h) || (stream && !h.sameStream(*stream)))
        return false;
    *first = h;
    qint64 at = pos;
    for (int i = 0; i < Mp3Frames::MinRun; ++i) {
        Header f;
        if (!headerAt(b, at, &f) || !f.sameStream(h))
            return false;
        at += f.length;
        if (at == b.size())
            return allowShort || i == Mp3Frames::MinRun - 1;
        if (at > b.size())
            return false;
    }
    return true;
}

// Where the Xing/Info tag sits in a layer III frame: past the header and the side information.
int xingOffset(const Header &h)
{
    const bool mpeg1 = h.versionBits == 3;
    return 4 + (mpeg1 ? (h.channels == 1 ? 17 : 32) : (h.channels == 1 ? 9 : 17));
}

bool hasTableFrame(const QByteArray &b, qint64 pos, const Header &h)
{
    const auto tagAt = [&](qint64 off, const char *tag) {
        return off + 4 <= h.length && pos + off + 4 <= b.size()
            && std::equal(tag, tag + 4, b.constData() + pos + off);
    };
    const qint64 xing = xingOffset(h);
    return tagAt(xing, "Xing") || tagAt(xing, "Info") || tagAt(36, "VBRI");
}

// Walks the frames from the first one; calls onFrame(offset, header) for each whole frame and
// returns where the last one ends. Forward only: every step moves past a frame or a resync.
template<typename F> qint64 walk(const QByteArray &b, qint64 first, const Header &stream, F onFrame)
{
    qint64 pos = first;
    qint64 end = first;
    while (pos + 4 <= b.size()) {
        Header h;
        if (headerAt(b, pos, &h) && h.sameStream(stream)) {
            if (pos + h.length > b.size())
                break; // a cut last frame: not played, not counted
            onFrame(pos, h);
            pos += h.length;
            end = pos;
            continue;
        }
        // Lost sync (junk inside the stream, or the end: ID3v1, APE tag): look a little ahead for
        // a run of the same stream; none means the audio ended at `end`.
        const qint64 limit = std::min<qint64>(b.size() - 4, pos + Mp3Frames::ResyncWindow);
        qint64 next = -1;
        for (qint64 i = pos + 1; i <= limit; ++i) {
            Header f;
            if (uchar(b.at(i)) == 0xff && runAt(b, i, &f, &stream, false)) {
                next = i;
                break;
            }
        }
        if (next < 0)
            break;
        pos = next;
    }
    return end;
}

} // namespace

qint64 Mp3Scan::durationMs() const
{
    if (!isMp3() || sampleRate <= 0)
        return 0;
    const quint64 counted = hasTable && frames > 0 ? frames - 1 : frames;
    return qint64(counted * quint64(samplesPerFrame) * 1000 / quint64(sampleRate));
}

Mp3Scan Mp3Frames::scan(const QByteArray &b)
{
    Mp3Scan s;
    qint64 pos = 0;
    // ID3v2 tags: "ID3", version, revision, flags, four "synchsafe" size bytes (7 bits each).
    while (pos + 10 <= b.size() && b.mid(pos, 3) == "ID3") {
        const auto *p = reinterpret_cast<const uchar *>(b.constData() + pos);
        if (p[3] == 0xff || p[4] == 0xff || (p[6] | p[7] | p[8] | p[9]) & 0x80)
            break; // not a valid tag header: look for frames from here
        const qint64 size
            = (qint64(p[6]) << 21) | (qint64(p[7]) << 14) | (qint64(p[8]) << 7) | p[9];
        const qint64 tagLength = 10 + size + ((p[5] & 0x10) ? 10 : 0); // + footer
        if (pos + tagLength >= b.size()) {
            s.outcome = Mp3Scan::Outcome::TagOnly;
            return s;
        }
        pos += tagLength;
    }
    // Other containers whose data could hold a stray sync pattern.
    for (const char *magic : {"RIFF", "OggS", "fLaC"}) {
        if (b.mid(pos, 4) == magic)
            return s;
    }
    Header first;
    const qint64 limit = std::min<qint64>(b.size() - 4, pos + SyncWindow);
    qint64 at = -1;
    for (qint64 i = pos; i <= limit; ++i) {
        if (uchar(b.at(i)) == 0xff && runAt(b, i, &first, nullptr, i == pos)) {
            at = i;
            break;
        }
    }
    if (at < 0)
        return s;
    s.outcome = Mp3Scan::Outcome::Mp3;
    s.firstFrame = at;
    s.mpegVersion = first.versionBits == 3 ? 10 : first.versionBits == 2 ? 20 : 25;
    s.layer = first.layer;
    s.sampleRate = first.sampleRate;
    s.channels = first.channels;
    s.samplesPerFrame = first.samplesPerFrame;
    s.firstBitrateKbps = first.bitrateKbps;
    s.hasTable = first.layer == 3 && hasTableFrame(b, at, first);
    quint64 frames = 0;
    bool constant = true;
    s.audioEnd = walk(b, at, first, [&](qint64, const Header &h) {
        ++frames;
        constant = constant && h.bitrateKbps == first.bitrateKbps;
    });
    s.frames = quint32(std::min<quint64>(frames, std::numeric_limits<quint32>::max()));
    s.constantBitrate = constant;
    return s;
}

QByteArray Mp3Frames::withSeekTable(const QByteArray &bytes)
{
    return withSeekTable(bytes, scan(bytes));
}

QByteArray Mp3Frames::withSeekTable(const QByteArray &b, const Mp3Scan &s)
{
    Header first;
    if (!s.isMp3() || s.hasTable || s.layer != 3 || s.frames == 0
        || !headerAt(b, s.firstFrame, &first))
        return b;
    // The table frame: the first frame's header with no CRC, no padding, no emphasis, and the
    // smallest bit rate that holds the tag (the stream's own for CBR when it fits, as LAME does,
    // so the bit rate stays constant).
    const int tagAt = xingOffset(first);
    const int needed = tagAt + 4 + 4 + 4 + 4 + 100; // tag, flags, frames, bytes, TOC
    const bool lsf = first.versionBits != 3;
    const int rate = first.sampleRate;
    int index = first.bitrateIndex;
    if (!s.constantBitrate || frameLength(3, lsf, first.bitrateKbps, rate, 0) < needed) {
        index = 0;
        for (int i = 1; i < 15 && !index; ++i) {
            if (frameLength(3, lsf, Bitrates[lsf ? 1 : 0][2][i], rate, 0) >= needed)
                index = i;
        }
    }
    if (!index)
        return b;
    const int length = frameLength(3, lsf, Bitrates[lsf ? 1 : 0][2][index], rate, 0);
    const qint64 audioBytes = s.audioEnd - s.firstFrame;
    const qint64 total = length + audioBytes;
    if (total > qint64(std::numeric_limits<quint32>::max()) || audioBytes <= 0)
        return b;
    quint32 h = first.raw;
    h = (h & ~0x0000f000u) | (quint32(index) << 12); // bit rate
    h |= 0x00010000u; // protection bit set: no CRC follows the header
    h &= ~0x00000200u; // no padding
    h &= ~0x00000003u; // no emphasis
    h &= ~0x00000030u; // mode extension: none (the frame is silent)
    QByteArray frame(length, '\0');
    qToBigEndian(h, frame.data());
    char *tag = frame.data() + tagAt;
    std::copy_n(s.constantBitrate ? "Info" : "Xing", 4, tag);
    qToBigEndian<quint32>(0x0007, tag + 4); // frames, bytes, TOC
    qToBigEndian<quint32>(s.frames, tag + 8);
    qToBigEndian<quint32>(quint32(total), tag + 12);
    // TOC: for each percent of the duration, where that frame starts, in 1/256 of the audio
    // frames' bytes, as LAME writes it (so entry 0 is 0; mpegaudioparse subtracts entry 0 anyway
    // and scales by the byte count, which includes this frame: a seek lands at most one table
    // frame early, and the parser finds the next frame from there).
    std::array<uchar, 100> toc {};
    Header stream;
    headerAt(b, s.firstFrame, &stream);
    quint64 frame0 = 0;
    int point = 0;
    walk(b, s.firstFrame, stream, [&](qint64 offset, const Header &) {
        while (point < 100 && quint64(point) * s.frames / 100 <= frame0) {
            toc[point] = uchar(std::min<qint64>(255, (offset - s.firstFrame) * 256 / audioBytes));
            ++point;
        }
        ++frame0;
    });
    for (; point < 100; ++point) // the walk found fewer frames than the scan (cannot happen)
        toc[point] = point ? toc[point - 1] : 0;
    std::copy(toc.cbegin(), toc.cend(), reinterpret_cast<uchar *>(tag + 16));
    QByteArray out;
    out.reserve(b.size() + length);
    out.append(b.constData(), s.firstFrame);
    out.append(frame);
    out.append(b.constData() + s.firstFrame, b.size() - s.firstFrame);
    return out;
}

} // namespace compose
