#pragma once

#include <QCache>
#include <QCoreApplication>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QThread>
#include <QTimer>
#include <QVector>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QAudioDecoder;
QT_END_NAMESPACE

namespace compose {

struct WaveformRegion {
    qint64 startMs = 0;
    qint64 endMs = 0;
    qint64 lengthMs() const { return endMs - startMs; }
    bool contains(qint64 ms) const { return ms >= startMs && ms <= endMs; }
};

// The result of analysing one preview: peaks for drawing, and what an agent should notice
// before a customer does (long silences, clipping).
struct WaveformData {
    Q_DECLARE_TR_FUNCTIONS(WaveformData)
public:
    static constexpr int Buckets = 1000;
    static constexpr double SilenceDbfs = -50.0;
    static constexpr qint64 MinSilenceMs = 2000;
    static constexpr double ClipLevel = 0.999; // of full scale
    static constexpr int MinClipRun = 3; // consecutive samples at full scale

    QString url;
    qint64 durationMs = 0;
    int sampleRate = 0;
    int channels = 0;
    QVector<float> minimum; // per bucket, -1..1
    QVector<float> maximum;
    QVector<float> rms;
    QList<WaveformRegion> silences;
    QList<WaveformRegion> clips;

    bool isEmpty() const { return maximum.isEmpty(); }
    // One line for the player bar, e.g. "Silent at the end (6.0 s) · Clipped at 4.2 s"; empty
    // when there is nothing to report.
    QString summary() const;
    QString describeSilence(const WaveformRegion &r) const; // "silent 12.0–18.0 s"
    static QString describeClip(const WaveformRegion &r); // "clipped 4.0–4.1 s"
};

// Decodes previews with QAudioDecoder and computes their waveform. The decoder's own
// asynchronous signals bring buffers to this object's thread; every sample is then looked at on
// a worker thread, never on the UI thread. Results are kept per URL for the session in a small
// LRU cache, so going back to a variation costs nothing.
class WaveformAnalyzer : public QObject {
    Q_OBJECT
public:
    explicit WaveformAnalyzer(QObject *parent = nullptr);
    ~WaveformAnalyzer() override;

    // Analyses the URL (validated with AudioUrl: nothing but http(s) is ever opened) unless it is
    // cached; emits ready() or failed(). A new request cancels the one in progress.
    void request(const QString &url);
    void cancel();
    bool isBusy() const { return !m_url.isEmpty(); }
    QString busyUrl() const { return m_url; }
    std::optional<WaveformData> cached(const QString &url) const;
    void setCacheCapacity(int entries) { m_cache.setMaxCost(entries); }
    int cacheSize() const { return m_cache.size(); }
    void setTimeout(int ms) { m_timeout.setInterval(ms); }
    // Where the samples are looked at; never the thread this object lives in.
    const QThread *workerThread() const { return &m_thread; }

signals:
    void started(const QString &url);
    void ready(const compose::WaveformData &data);
    void failed(const QString &url, const QString &message);

private:
    struct Accumulator;
    void finishDecoding();
    void deliver(quint64 job, const WaveformData &data);
    void abort(const QString &message);

    QThread m_thread;
    QObject *m_workerContext = nullptr; // lives in m_thread; accumulators run in its context
    QAudioDecoder *m_decoder = nullptr;
    std::shared_ptr<Accumulator> m_accumulator;
    QCache<QString, WaveformData> m_cache;
    QTimer m_timeout;
    QString m_url;
    quint64 m_job = 0;
};

} // namespace compose

Q_DECLARE_METATYPE(compose::WaveformData)
