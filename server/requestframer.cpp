#include "requestframer.h"

#include <QList>

namespace compose {

namespace {
bool isLeadingWhitespace(char c)
{
    // What QtHttpServer skips before a request line (left over from the previous request).
    return c == '\r' || c == '\n' || c == ' ' || c == '\t' || c == '\v';
}

// A chunk-size line: hex digits, optional ";extension". -1 when unreadable or absurd.
qint64 chunkSize(QByteArray line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    const qsizetype semicolon = line.indexOf(';');
    if (semicolon >= 0)
        line.truncate(semicolon);
    line = line.trimmed();
    if (line.isEmpty() || line.size() > 15)
        return -1;
    bool ok = false;
    const qint64 n = line.toLongLong(&ok, 16);
    return ok && n >= 0 ? n : -1;
}
} // namespace

RequestFramer::RequestFramer(qint64 maxHeaderBytes, qint64 maxBodyBytes)
    : m_maxHeader(maxHeaderBytes)
    , m_maxBody(maxBodyBytes)
{
}

RequestFramer::Verdict RequestFramer::fail(Verdict v)
{
    m_verdict = v;
    return v;
}

void RequestFramer::finishRequest()
{
    ++m_completed;
    m_phase = Phase::Idle;
    m_head.clear();
    m_line.clear();
    m_remaining = 0;
    m_bodySoFar = 0;
    m_chunked = false;
}

bool RequestFramer::endHeaders()
{
    // Header names are case-insensitive; values are what QtHttpServer reads too.
    const QList<QByteArray> lines = m_head.split('\n');
    qint64 length = -1;
    bool chunked = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines.at(i);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 n = value.toLongLong(&ok);
            // An unreadable or second, different length is how requests get smuggled past
            // a proxy: refuse rather than guess which one the parser behind us believes.
            if (!ok || n < 0 || (length >= 0 && n != length)) {
                fail(Verdict::BadFraming);
                return false;
            }
            length = n;
        } else if (name == "transfer-encoding") {
            // QtHttpServer treats any value containing "chunked" as chunked; so do we.
            chunked = chunked || value.toLower().contains("chunked");
        }
    }
    if (chunked && length >= 0) {
        fail(Verdict::BadFraming);
        return false;
    }
    m_head.clear();
    m_declared = chunked ? -1 : length;
    if (length > m_maxBody) {
        fail(Verdict::BodyTooLarge);
        return false;
    }
    if (chunked) {
        m_chunked = true;
        m_chunk = Chunk::Size;
        m_line.clear();
        m_bodySoFar = 0;
        m_phase = Phase::Body;
    } else if (length > 0) {
        m_remaining = length;
        m_phase = Phase::Body;
    } else {
        finishRequest();
    }
    return true;
}

RequestFramer::Verdict RequestFramer::feed(QByteArrayView bytes)
{
    if (m_verdict != Verdict::Ok)
        return m_verdict;
    qsizetype i = 0;
    const qsizetype n = bytes.size();
    while (i < n) {
        switch (m_phase) {
        case Phase::Idle:
            if (isLeadingWhitespace(bytes.at(i))) {
                ++i;
                continue;
            }
            m_phase = Phase::Headers;
            m_head.clear();
            break;
        case Phase::Headers: {
            // Up to the end of the header block: a blank line after a line feed.
            const qsizetype nl = bytes.indexOf('\n', i);
            const qsizetype end = nl < 0 ? n : nl + 1;
            if (m_head.size() + (end - i) > m_maxHeader)
                return fail(Verdict::HeadersTooLarge);
            m_head.append(bytes.sliced(i, end - i).data(), end - i);
            i = end;
            if (nl >= 0 && (m_head.endsWith("\n\r\n") || m_head.endsWith("\n\n"))) {
                if (!endHeaders())
                    return m_verdict;
            }
            break;
        }
        case Phase::Body:
            if (!m_chunked) {
                const qint64 take = qMin<qint64>(m_remaining, n - i);
                m_remaining -= take;
                i += take;
                if (m_remaining == 0)
                    finishRequest();
                break;
            }
            switch (m_chunk) {
            case Chunk::Size:
            case Chunk::Trailer: {
                const qsizetype nl = bytes.indexOf('\n', i);
                const qsizetype end = nl < 0 ? n : nl + 1;
                if (m_line.size() + (end - i) > 4096)
                    return fail(Verdict::BadFraming);
                m_line.append(bytes.sliced(i, end - i).data(), end - i);
                i = end;
                if (nl < 0)
                    break;
                m_line.chop(1); // the line feed
                if (m_chunk == Chunk::Trailer) {
                    const bool blank = m_line.isEmpty() || m_line == "\r";
                    m_line.clear();
                    if (blank)
                        finishRequest();
                    break;
                }
                const qint64 size = chunkSize(m_line);
                m_line.clear();
                if (size < 0)
                    return fail(Verdict::BadFraming);
                // Stop at the limit: a chunk that would carry the body past it is refused
                // before its bytes are read.
                if (size > m_maxBody - m_bodySoFar)
                    return fail(Verdict::BodyTooLarge);
                m_bodySoFar += size;
                m_remaining = size;
                m_chunk = size == 0 ? Chunk::Trailer : Chunk::Data;
                break;
            }
            case Chunk::Data: {
                const qint64 take = qMin<qint64>(m_remaining, n - i);
                m_remaining -= take;
                i += take;
                if (m_remaining == 0)
                    m_chunk = Chunk::DataEnd;
                break;
            }
            case Chunk::DataEnd:
                // The line end after a chunk's data ("\r\n", or a lone "\n").
                if (bytes.at(i) == '\n')
                    m_chunk = Chunk::Size;
                else if (bytes.at(i) != '\r')
                    return fail(Verdict::BadFraming);
                ++i;
                break;
            }
            break;
        }
    }
    return m_verdict;
}

} // namespace compose
