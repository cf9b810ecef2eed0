// libFuzzer target: the MPEG audio frame walker (models/domain/mp3frames.*), which reads preview
// bytes fetched from any audio server. Whatever they are, it must end, stay in bounds, and write
// at most one frame.
#include "mp3frames.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace compose;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const Mp3Scan s = Mp3Frames::scan(bytes);
    (void)s.durationMs();
    const QByteArray shaped = Mp3Frames::withSeekTable(bytes, s);
    if (s.isMp3() && (s.firstFrame < 0 || s.audioEnd > bytes.size() || s.firstFrame > s.audioEnd))
        std::abort();
    if (shaped.size() < bytes.size() || shaped.size() > bytes.size() + 1441)
        std::abort();
    return 0;
}
