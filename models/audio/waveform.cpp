#include "waveform.h"

#include "audiourl.h"

#include <QAudioBuffer>
#include <QAudioDecoder>

#include <algorithm>
#include <cmath>

namespace compose {

namespace {
constexpr int DefaultTimeoutMs = 60000;
constexpr int CacheEntries = 24;
constexpr int BlocksPerSecond = 500; // 2 ms analysis blocks: 1000 peaks from 2 s of audio
constexpr qint64 ClipMergeGapMs = 250;
constexpr qint64 EdgeToleranceMs = 100;

QString seconds(qint64 ms)
{
    return QString::number(ms / 1000.0, 'f', 1);
}
} // namespace

QString WaveformData::describeSilence(const WaveformRegion &r) const
{
    return tr("silent %1–%2 s").arg(seconds(r.startMs), seconds(r.endMs));
}

QString WaveformData::describeClip(const WaveformRegion &r)
{
    return tr("clipped %1–%2 s").arg(seconds(r.startMs), seconds(r.endMs));
}

QString WaveformData::summary() const
{
    QStringList parts;
    for (const WaveformRegion &r : silences) {
        const bool atStart = r.startMs <= EdgeToleranceMs;
        const bool atEnd = r.endMs >= durationMs - EdgeToleranceMs;
        if (atStart && atEnd)
            parts << tr("Silent throughout");
        else if (atStart)
            parts << tr("Silent at the start (%1 s)").arg(seconds(r.lengthMs()));
        else if (atEnd)
            parts << tr("Silent at the end (%1 s)").arg(seconds(r.lengthMs()));
        else
            parts << tr("Silent %1–%2 s").arg(seconds(r.startMs), seconds(r.endMs));
    }
    if (parts.size() > 2) {
        const int more = int(parts.size()) - 2;
        parts = parts.mid(0, 2);
        parts << tr("%n more silence(s)", nullptr, more);
    }
    if (clips.size() == 1)
        parts << tr("Clipped at %1 s").arg(seconds(clips.first().startMs));
    else if (clips.size() > 1)
        parts << tr("Clipped in %n places (first at %1 s)", nullptr, int(clips.size()))
                     .arg(seconds(clips.first().startMs));
    return parts.join(QStringLiteral(" · "));
}

// Runs on the worker thread only: sees every sample once, keeps 2 ms blocks and clip events.
struct WaveformAnalyzer::Accumulator {
    struct Block {
        float min = 0;
        float max = 0;
        double sumSquares = 0;
        qint64 count = 0;
    };

    QString url;
    int sampleRate = 0;
    int channels = 0;
    qint64 framesPerBlock = 0;
    qint64 frames = 0; // frames seen so far
    QVector<Block> blocks;
    Block current;
    qint64 currentFrames = 0;
    QVector<int> clipRun; // per channel: consecutive samples at full scale
    QVector<qint64> clipFrames; // frame where a run reached MinClipRun

    void feed(const QAudioBuffer &buffer)
    {
        const QAudioFormat format = buffer.format();
        if (!format.isValid())
            return;
        if (sampleRate == 0) {
            sampleRate = format.sampleRate();
            channels = format.channelCount();
            framesPerBlock = std::max<qint64>(1, sampleRate / BlocksPerSecond);
            clipRun.fill(0, channels);
        }
        if (format.channelCount() != channels)
            return; // a mid-stream format change is not something previews do; skip it
        const qint64 count = buffer.frameCount();
        switch (format.sampleFormat()) {
        case QAudioFormat::UInt8:
            run(buffer.constData<quint8>(), count,
                [](quint8 v) { return (float(v) - 128.0f) / 128.0f; });
            break;
        case QAudioFormat::Int16:
            run(buffer.constData<qint16>(), count, [](qint16 v) { return float(v) / 32768.0f; });
            break;
        case QAudioFormat::Int32:
            run(buffer.constData<qint32>(), count,
                [](qint32 v) { return float(double(v) / 2147483648.0); });
            break;
        case QAudioFormat::Float:
            run(buffer.constData<float>(), count, [](float v) { return v; });
            break;
        default:
            break;
        }
    }

    template<typename T, typename Normalise>
    void run(const T *data, qint64 frameCount, Normalise normalise)
    {
        for (qint64 f = 0; f < frameCount; ++f) {
            for (int c = 0; c < channels; ++c) {
                const float v = normalise(data[f * channels + c]);
                if (current.count == 0) {
                    current.min = current.max = v;
                } else {
                    current.min = std::min(current.min, v);
                    current.max = std::max(current.max, v);
                }
                current.sumSquares += double(v) * v;
                ++current.count;
                if (std::fabs(v) >= WaveformData::ClipLevel) {
                    if (++clipRun[c] == WaveformData::MinClipRun)
                        clipFrames.append(frames - (WaveformData::MinClipRun - 1));
                } else {
                    clipRun[c] = 0;
                }
            }
            ++frames;
            if (++currentFrames == framesPerBlock) {
                blocks.append(current);
                current = {};
                currentFrames = 0;
            }
        }
    }

    qint64 msOfFrame(qint64 frame) const { return sampleRate ? frame * 1000 / sampleRate : 0; }

    WaveformData finish()
    {
        if (currentFrames > 0) {
            blocks.append(current);
            current = {};
            currentFrames = 0;
        }
        WaveformData d;
        d.url = url;
        d.sampleRate = sampleRate;
        d.channels = channels;
        d.durationMs = msOfFrame(frames);
        const qsizetype n = blocks.size();
        if (n == 0)
            return d;

        const qsizetype buckets = std::min<qsizetype>(WaveformData::Buckets, n);
        d.minimum.fill(0.0f, buckets);
        d.maximum.fill(0.0f, buckets);
        d.rms.fill(0.0f, buckets);
        QVector<double> sums(buckets, 0.0);
        QVector<qint64> counts(buckets, 0);
        QVector<bool> seen(buckets, false);
        for (qsizetype i = 0; i < n; ++i) {
            const qsizetype b = i * buckets / n;
            const Block &blk = blocks.at(i);
            if (!seen[b]) {
                d.minimum[b] = blk.min;
                d.maximum[b] = blk.max;
                seen[b] = true;
            } else {
                d.minimum[b] = std::min(d.minimum[b], blk.min);
                d.maximum[b] = std::max(d.maximum[b], blk.max);
            }
            sums[b] += blk.sumSquares;
            counts[b] += blk.count;
        }
        for (qsizetype b = 0; b < buckets; ++b)
            d.rms[b] = counts[b] ? float(std::sqrt(sums[b] / double(counts[b]))) : 0.0f;

        // Silence: blocks whose peak stays under the threshold, in runs of 2 s or more.
        const float threshold = float(std::pow(10.0, WaveformData::SilenceDbfs / 20.0));
        qsizetype runStart = -1;
        auto closeRun = [&](qsizetype end) {
            if (runStart < 0)
                return;
            const qint64 startMs = msOfFrame(runStart * framesPerBlock);
            const qint64 endMs = std::min(msOfFrame(end * framesPerBlock), d.durationMs);
            if (endMs - startMs >= WaveformData::MinSilenceMs)
                d.silences.append({startMs, endMs});
            runStart = -1;
        };
        for (qsizetype i = 0; i < n; ++i) {
            const Block &blk = blocks.at(i);
            const bool silent = std::max(std::fabs(blk.min), std::fabs(blk.max)) < threshold;
            if (silent && runStart < 0)
                runStart = i;
            else if (!silent)
                closeRun(i);
        }
        closeRun(n);

        // Clipping: events close together form one region, so a loud chorus is one mark.
        for (const qint64 frame : std::as_const(clipFrames)) {
            const qint64 ms = msOfFrame(frame);
            const qint64 endMs = std::max(ms + 1, msOfFrame(frame + WaveformData::MinClipRun));
            if (!d.clips.isEmpty() && ms - d.clips.last().endMs <= ClipMergeGapMs)
                d.clips.last().endMs = std::max(d.clips.last().endMs, endMs);
            else
                d.clips.append({ms, endMs});
        }
        return d;
    }
};

WaveformAnalyzer::WaveformAnalyzer(QObject *parent)
    : QObject(parent)
    , m_workerContext(new QObject)
{
    qRegisterMetaType<compose::WaveformData>();
    m_cache.setMaxCost(CacheEntries);
    m_thread.setObjectName(QStringLiteral("compose-waveform"));
    m_workerContext->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_workerContext, &QObject::deleteLater);
    m_thread.start(QThread::LowPriority);
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(DefaultTimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        abort(tr("The waveform could not be computed: the audio did not finish loading in time."));
    });
}

WaveformAnalyzer::~WaveformAnalyzer()
{
    cancel();
    m_thread.quit();
    m_thread.wait();
}

std::optional<WaveformData> WaveformAnalyzer::cached(const QString &url) const
{
    if (const WaveformData *d = m_cache.object(url))
        return *d;
    return std::nullopt;
}

void WaveformAnalyzer::request(const QString &url)
{
    if (url == m_url && isBusy())
        return;
    cancel();
    if (const WaveformData *d = m_cache.object(url)) {
        const WaveformData copy = *d;
        emit ready(copy);
        return;
    }
    const AudioUrl::Result check = AudioUrl::previewsAllowed(url);
    if (!check.ok) {
        emit failed(url, check.reason);
        return;
    }
    ++m_job;
    m_url = url;
    m_accumulator = std::make_shared<Accumulator>();
    m_accumulator->url = url;
    m_decoder = new QAudioDecoder(this);
    connect(m_decoder, &QAudioDecoder::bufferReady, this, [this] {
        // read() only hands over the implicitly shared buffer; the samples are looked at on the
        // worker thread.
        while (m_decoder && m_decoder->bufferAvailable()) {
            const QAudioBuffer buffer = m_decoder->read();
            QMetaObject::invokeMethod(
                m_workerContext, [acc = m_accumulator, buffer] { acc->feed(buffer); },
                Qt::QueuedConnection);
        }
        m_timeout.start();
    });
    connect(m_decoder, &QAudioDecoder::finished, this, &WaveformAnalyzer::finishDecoding);
    connect(m_decoder, qOverload<QAudioDecoder::Error>(&QAudioDecoder::error), this,
            [this](QAudioDecoder::Error) {
                const QString detail = m_decoder ? m_decoder->errorString() : QString();
                abort(tr("The waveform could not be computed: %1")
                          .arg(detail.isEmpty() ? tr("the audio could not be decoded.") : detail));
            });
    m_decoder->setSource(check.url);
    m_timeout.start();
    emit started(url);
    m_decoder->start();
}

void WaveformAnalyzer::cancel()
{
    m_timeout.stop();
    if (m_decoder) {
        m_decoder->disconnect(this);
        m_decoder->stop();
        m_decoder->deleteLater();
        m_decoder = nullptr;
    }
    m_accumulator.reset();
    m_url.clear();
    ++m_job;
}

void WaveformAnalyzer::finishDecoding()
{
    if (!m_decoder)
        return;
    while (m_decoder->bufferAvailable()) {
        const QAudioBuffer buffer = m_decoder->read();
        QMetaObject::invokeMethod(
            m_workerContext, [acc = m_accumulator, buffer] { acc->feed(buffer); },
            Qt::QueuedConnection);
    }
    // The destructor waits for the worker thread, so `this` outlives the worker's lambda; the
    // result comes back as a queued call that Qt drops if this object is gone by then.
    const quint64 job = m_job;
    QMetaObject::invokeMethod(
        m_workerContext,
        [acc = m_accumulator, job, this] {
            const WaveformData data = acc->finish();
            QMetaObject::invokeMethod(
                this, [this, job, data] { deliver(job, data); }, Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
    m_timeout.stop();
    m_decoder->disconnect(this);
    m_decoder->deleteLater();
    m_decoder = nullptr;
}

void WaveformAnalyzer::deliver(quint64 job, const WaveformData &data)
{
    if (job != m_job)
        return; // cancelled or superseded meanwhile
    const QString url = m_url;
    m_url.clear();
    m_accumulator.reset();
    if (data.isEmpty()) {
        emit failed(url, tr("The waveform could not be computed: the file holds no audio."));
        return;
    }
    m_cache.insert(url, new WaveformData(data));
    emit ready(data);
}

void WaveformAnalyzer::abort(const QString &message)
{
    const QString url = m_url;
    cancel();
    if (!url.isEmpty())
        emit failed(url, message);
}

} // namespace compose
