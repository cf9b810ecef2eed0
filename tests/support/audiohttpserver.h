#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>
#include <QUrl>

namespace compose::test {

// A tiny HTTP/1.1 file server on 127.0.0.1 for the audio tests, on its own thread so that
// nothing the main thread does (QMediaPlayer's synchronous state changes, a blocked test) can
// starve it. It serves byte ranges (GStreamer seeks with Range requests), any status code, a
// non-media file, a slow trickle and a request that is never answered, and it records every
// connection and request so a test can prove that nothing reached it.
class AudioHttpServer : public QObject {
public:
    // Slow: trickles the body; Hang: never answers; Stall: sends the first 64 kB, then nothing.
    enum class Mode { Normal, Slow, Hang, Stall };

    explicit AudioHttpServer(QObject *parent = nullptr);
    ~AudioHttpServer() override;

    bool isListening() const { return m_port != 0; }
    quint16 port() const { return m_port; }
    QString url(const QString &path) const; // "http://127.0.0.1:<port>/<path>"

    void addFile(const QString &path, const QByteArray &body, const QByteArray &contentType,
                 Mode mode = Mode::Normal);
    void addStatus(const QString &path, int status);
    // Slow mode: chunkBytes every intervalMs.
    void setSlowRate(int chunkBytes, int intervalMs);

    int connectionCount() const;
    QStringList requests() const; // "GET /a.wav" in arrival order
    int requestCount(const QString &path) const;
    void resetCounters();

    struct Route {
        int status = 200;
        QByteArray body;
        QByteArray contentType;
        Mode mode = Mode::Normal;
    };

private:
    friend class AudioHttpServerWorker;
    Route route(const QString &path) const;
    void recordConnection();
    void recordRequest(const QString &line);

    QThread m_thread;
    QObject *m_worker = nullptr;
    quint16 m_port = 0;
    mutable QMutex m_mutex;
    QHash<QString, Route> m_routes;
    QStringList m_requests;
    int m_connections = 0;
    int m_chunkBytes = 4096;
    int m_intervalMs = 100;
};

} // namespace compose::test
