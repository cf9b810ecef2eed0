#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace compose {

// Follows the HTTP/1.1 request framing on one connection's byte stream, ahead of QtHttpServer's
// parser, which keeps a whole request (body included) in memory before anyone can look at it.
// It knows where each request's headers end and how long its body is (Content-Length or
// chunked), so the connection guard can refuse a declared length at once, stop a chunked body
// at the limit, and time out slow headers and idle connections. It never copies a body.
class RequestFramer final {
public:
    enum class Phase {
        Idle, // between requests: nothing of the next one has arrived
        Headers, // the request line or headers are arriving
        Body, // the body is arriving
    };
    enum class Verdict {
        Ok,
        HeadersTooLarge, // 431
        BodyTooLarge, // 413: declared or counted above the limit
        BadFraming, // 400: unreadable Content-Length, chunk size, or both CL and chunked
    };

    RequestFramer(qint64 maxHeaderBytes, qint64 maxBodyBytes);

    // Consumes the next bytes of the stream. After anything but Ok the framer stays failed.
    Verdict feed(QByteArrayView bytes);

    Phase phase() const { return m_phase; }
    Verdict verdict() const { return m_verdict; }
    // Requests whose last byte has arrived, since the connection opened.
    qint64 completedRequests() const { return m_completed; }
    // The body length the last request declared (-1: chunked or none).
    qint64 declaredLength() const { return m_declared; }

private:
    enum class Chunk { Size, Data, DataEnd, Trailer };
    Verdict fail(Verdict v);
    bool endHeaders(); // parses m_head; false when the request is refused
    void finishRequest();

    qint64 m_maxHeader;
    qint64 m_maxBody;
    Phase m_phase = Phase::Idle;
    Verdict m_verdict = Verdict::Ok;
    qint64 m_completed = 0;
    QByteArray m_head; // the request line and headers so far (at most m_maxHeader)
    qint64 m_declared = -1;
    qint64 m_remaining = 0; // body bytes (or chunk bytes) still to come
    qint64 m_bodySoFar = 0; // chunked: data bytes so far
    bool m_chunked = false;
    Chunk m_chunk = Chunk::Size;
    QByteArray m_line; // the current chunk-size or trailer line (bounded)
};

} // namespace compose
