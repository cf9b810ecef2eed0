#include "mediaplayerproxy.h"

#include <QAudioDevice>
#include <QAudioOutput>
#include <QCoreApplication>
#include <QMediaDevices>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>

#include <array>
#include <atomic>
#include <utility>

#include <algorithm>

namespace compose {

namespace {
// While playing, QMediaPlayer 6.4 reports the position every 100 ms; between two reports the
// mirror advances with the clock, but never by more than this (a stalled pipeline stops it).
constexpr qint64 MaxExtrapolationMs = 250;

QThread *s_mediaThread = nullptr;
std::array<std::atomic<qint64>, size_t(MediaPlayerProxy::Call::Count)> s_longestNs {};

// Times one call into QtMultimedia on the media thread.
class CallTimer {
public:
    explicit CallTimer(MediaPlayerProxy::Call call)
        : m_slot(s_longestNs[size_t(call)])
    {
        m_clock.start();
    }
    ~CallTimer()
    {
        const qint64 ns = m_clock.nsecsElapsed();
        qint64 seen = m_slot.load();
        while (ns > seen && !m_slot.compare_exchange_weak(seen, ns)) { }
    }
    Q_DISABLE_COPY_MOVE(CallTimer)

private:
    std::atomic<qint64> &m_slot;
    QElapsedTimer m_clock;
};

void stopMediaThread()
{
    // Post routine of QCoreApplication's destructor: let the thread finish what it holds.
    if (!s_mediaThread)
        return;
    s_mediaThread->quit();
    s_mediaThread->wait();
    delete s_mediaThread;
    s_mediaThread = nullptr;
}
} // namespace

// The worker's way back to its proxy. The proxy clears `proxy` under the mutex when it is
// destroyed; an event posted before that is removed from the queue by ~QObject, none is posted
// after it.
struct MediaPlayerProxy::Link {
    QMutex mutex;
    MediaPlayerProxy *proxy = nullptr;
    // The newest source generation the proxy has sent: a source already replaced when its turn
    // comes is never loaded (no pipeline, no HTTP connection for a preview nobody waits for).
    std::atomic<quint64> latestGeneration {0};
};

struct MediaPlayerProxy::Event {
    enum class Kind : quint8 {
        SourceSet,
        Status,
        State,
        Error,
        Position,
        Duration,
        Seekable,
        Buffer
    };
    Kind kind = Kind::SourceSet;
    quint64 generation = 0;
    quint64 sequence = 0; // the last command the real player had carried out
    QMediaPlayer::MediaStatus status = QMediaPlayer::NoMedia;
    QMediaPlayer::PlaybackState state = QMediaPlayer::StoppedState;
    qint64 position = 0;
    qint64 duration = 0;
    bool seekable = false;
    float buffer = 0.0f;
    QMediaPlayer::Error error = QMediaPlayer::NoError;
    QString errorString;
};

// Owns the real QMediaPlayer and QAudioOutput on the media thread.
class MediaPlayerProxy::Worker final : public QObject {
    Q_DISABLE_COPY_MOVE(Worker)
public:
    explicit Worker(std::shared_ptr<Link> link)
        : m_link(std::move(link))
    {
    }

    ~Worker() override
    {
        if (!m_player)
            return;
        // Closing releases the media (and its HTTP connection) here, off the UI thread.
        m_player->disconnect(this);
        m_player->stop();
        m_player->setSource(QUrl());
    }

    void start(float volume, bool muted)
    {
        const CallTimer timer(Call::Create);
        m_player = new QMediaPlayer(this);
        m_output = new QAudioOutput(QMediaDevices::defaultAudioOutput(), this);
        m_output->setVolume(volume);
        m_output->setMuted(muted);
        m_player->setAudioOutput(m_output);
        using K = Event::Kind;
        connect(m_player, &QMediaPlayer::mediaStatusChanged, this, [this] { send(K::Status); });
        connect(m_player, &QMediaPlayer::playbackStateChanged, this, [this] { send(K::State); });
        connect(m_player, &QMediaPlayer::errorOccurred, this,
                [this](QMediaPlayer::Error error, const QString &text) {
                    send(K::Error, error, text);
                });
        connect(m_player, &QMediaPlayer::positionChanged, this, [this] { send(K::Position); });
        connect(m_player, &QMediaPlayer::durationChanged, this, [this] { send(K::Duration); });
        connect(m_player, &QMediaPlayer::seekableChanged, this, [this] { send(K::Seekable); });
        connect(m_player, &QMediaPlayer::bufferProgressChanged, this, [this] { send(K::Buffer); });
        // A headset plugged in (or the first device appearing on a machine that had none)
        // should be used without restarting the dashboard.
        auto *devices = new QMediaDevices(this);
        connect(devices, &QMediaDevices::audioOutputsChanged, this,
                [this] { m_output->setDevice(QMediaDevices::defaultAudioOutput()); });
    }

    void setSource(quint64 generation, quint64 sequence, const QUrl &url)
    {
        m_sequence = sequence;
        if (generation < m_link->latestGeneration.load())
            return; // replaced meanwhile; its commands are skipped too (run())
        // What the old pipeline says while it is torn down belongs to no source the proxy
        // knows: QMediaPlayer's own callers never saw it either (it happens inside the call).
        m_settingSource = true;
        {
            const CallTimer timer(Call::SetSource);
            m_player->setSource(url);
        }
        m_settingSource = false;
        m_generation = generation;
        // An error raised inside setSource() (a source that cannot even start) is the new
        // source's: QMediaPlayer's callers saw it too.
        send(Event::Kind::SourceSet, std::exchange(m_errorDuringSet, QMediaPlayer::NoError),
             std::exchange(m_errorTextDuringSet, {}));
    }

    void run(quint64 generation, quint64 sequence, Call call, qint64 argument)
    {
        m_sequence = sequence;
        if (generation != m_generation)
            return; // for a source that was skipped (setSource())
        const CallTimer timer(call);
        switch (call) {
        case Call::Play:
            m_player->play();
            break;
        case Call::Pause:
            m_player->pause();
            break;
        case Call::Stop:
            m_player->stop();
            break;
        case Call::Seek:
            m_player->setPosition(argument);
            break;
        case Call::Create:
        case Call::SetSource:
        case Call::Count:
            break;
        }
    }

    QAudioOutput *output() const { return m_output; }

private:
    void send(Event::Kind kind, QMediaPlayer::Error error = QMediaPlayer::NoError,
              const QString &text = {})
    {
        if (m_settingSource) {
            if (kind == Event::Kind::Error) {
                m_errorDuringSet = error;
                m_errorTextDuringSet = text;
            }
            return;
        }
        Event e;
        e.kind = kind;
        e.generation = m_generation;
        e.sequence = m_sequence;
        e.status = m_player->mediaStatus();
        e.state = m_player->playbackState();
        e.position = m_player->position();
        e.duration = m_player->duration();
        e.seekable = m_player->isSeekable();
        e.buffer = m_player->bufferProgress();
        e.error = error;
        e.errorString = error != QMediaPlayer::NoError ? text : m_player->errorString();
        const QMutexLocker lock(&m_link->mutex);
        if (MediaPlayerProxy *proxy = m_link->proxy)
            QMetaObject::invokeMethod(
                proxy, [proxy, e] { proxy->receive(e); }, Qt::QueuedConnection);
    }

    std::shared_ptr<Link> m_link;
    QMediaPlayer *m_player = nullptr;
    QAudioOutput *m_output = nullptr;
    quint64 m_generation = 0;
    quint64 m_sequence = 0;
    bool m_settingSource = false;
    QMediaPlayer::Error m_errorDuringSet = QMediaPlayer::NoError;
    QString m_errorTextDuringSet;
};

QThread *MediaPlayerProxy::mediaThread()
{
    // One thread for every player of the process, for its whole life: QtMultimedia's GStreamer
    // integration (its device monitor, its bus watches) binds to the thread that first uses it.
    if (!s_mediaThread) {
        s_mediaThread = new QThread;
        s_mediaThread->setObjectName(QStringLiteral("compose-media"));
        s_mediaThread->start();
        qAddPostRoutine(stopMediaThread);
    }
    return s_mediaThread;
}

double MediaPlayerProxy::longestCallMs(Call call)
{
    return call < Call::Count ? double(s_longestNs[size_t(call)].load()) / 1e6 : 0.0;
}

void MediaPlayerProxy::resetCallTimes()
{
    for (auto &slot : s_longestNs)
        slot.store(0);
}

MediaPlayerProxy::MediaPlayerProxy(QObject *parent)
    : QObject(parent)
    , m_link(std::make_shared<Link>())
{
    m_link->proxy = this;
}

MediaPlayerProxy::~MediaPlayerProxy()
{
    {
        const QMutexLocker lock(&m_link->mutex);
        m_link->proxy = nullptr;
    }
    // Queued behind the commands already sent; the worker stops and releases the media there.
    if (m_worker)
        m_worker->deleteLater();
}

void MediaPlayerProxy::ensureWorker()
{
    if (m_worker)
        return;
    m_worker = new Worker(m_link);
    m_worker->moveToThread(mediaThread());
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker, v = m_volume, m = m_muted] { w->start(v, m); },
        Qt::QueuedConnection);
}

template<typename F> void MediaPlayerProxy::post(F &&command)
{
    QMetaObject::invokeMethod(m_worker, std::forward<F>(command), Qt::QueuedConnection);
}

void MediaPlayerProxy::setSource(const QUrl &source)
{
    if (source == m_source)
        return; // as QMediaPlayer: the same source is not loaded again
    if (source.isEmpty() && !m_worker) {
        m_source = source;
        return;
    }
    ensureWorker();
    m_source = source;
    ++m_generation;
    const quint64 seq = ++m_sequence;
    m_positionSequence = seq;
    m_stateSequence = seq;
    m_status = source.isEmpty() ? QMediaPlayer::NoMedia : QMediaPlayer::LoadingMedia;
    m_state = QMediaPlayer::StoppedState;
    m_position = 0;
    m_positionAge.invalidate();
    m_duration = 0;
    m_seekable = false;
    m_bufferProgress = 0.0f;
    m_errorString.clear();
    m_link->latestGeneration.store(m_generation);
    post([w = m_worker, g = m_generation, seq, source] { w->setSource(g, seq, source); });
}

void MediaPlayerProxy::play()
{
    if (!m_worker || m_source.isEmpty())
        return;
    m_stateSequence = ++m_sequence;
    m_state = QMediaPlayer::PlayingState;
    m_positionAge.start();
    post([w = m_worker, g = m_generation, s = m_sequence] { w->run(g, s, Call::Play, 0); });
}

void MediaPlayerProxy::pause()
{
    if (!m_worker || m_source.isEmpty())
        return;
    m_position = position();
    m_positionAge.start();
    m_stateSequence = ++m_sequence;
    m_state = QMediaPlayer::PausedState;
    post([w = m_worker, g = m_generation, s = m_sequence] { w->run(g, s, Call::Pause, 0); });
}

void MediaPlayerProxy::stop()
{
    if (!m_worker || m_source.isEmpty())
        return;
    const quint64 seq = ++m_sequence;
    m_stateSequence = seq;
    m_positionSequence = seq;
    m_state = QMediaPlayer::StoppedState;
    m_position = 0; // 6.4's stop() seeks back to the start
    m_positionAge.start();
    post([w = m_worker, g = m_generation, seq] { w->run(g, seq, Call::Stop, 0); });
}

void MediaPlayerProxy::setPosition(qint64 ms)
{
    if (!m_worker || m_source.isEmpty())
        return;
    m_positionSequence = ++m_sequence;
    m_position = std::max<qint64>(0, ms);
    m_positionAge.start();
    post([w = m_worker, g = m_generation, s = m_sequence, ms] { w->run(g, s, Call::Seek, ms); });
}

qint64 MediaPlayerProxy::position() const
{
    qint64 pos = m_position;
    if (m_state == QMediaPlayer::PlayingState && m_positionAge.isValid()
        && (m_status == QMediaPlayer::BufferedMedia || m_status == QMediaPlayer::LoadedMedia))
        pos += std::min(m_positionAge.elapsed(), MaxExtrapolationMs);
    return m_duration > 0 ? std::min(pos, m_duration) : pos;
}

void MediaPlayerProxy::setVolume(float volume)
{
    volume = std::clamp(volume, 0.0f, 1.0f);
    if (qFuzzyCompare(volume, m_volume))
        return;
    m_volume = volume;
    if (m_worker)
        post([w = m_worker, volume] { w->output()->setVolume(volume); });
    emit volumeChanged(volume);
}

void MediaPlayerProxy::setMuted(bool muted)
{
    if (muted == m_muted)
        return;
    m_muted = muted;
    if (m_worker)
        post([w = m_worker, muted] { w->output()->setMuted(muted); });
    emit mutedChanged(muted);
}

void MediaPlayerProxy::receive(const Event &e)
{
    if (e.generation != m_generation)
        return; // a source that was replaced meanwhile
    // A report from before the latest seek/stop (or play/pause) is superseded by that command.
    const bool positionCurrent = e.sequence >= m_positionSequence;
    const bool stateCurrent = e.sequence >= m_stateSequence;
    m_status = e.status;
    m_duration = e.duration;
    m_seekable = e.seekable;
    m_bufferProgress = e.buffer;
    if (!e.errorString.isEmpty())
        m_errorString = e.errorString;
    if (stateCurrent)
        m_state = e.state;
    if (positionCurrent) {
        m_position = e.position;
        m_positionAge.start();
    }
    using K = Event::Kind;
    switch (e.kind) {
    case K::SourceSet:
        if (e.error != QMediaPlayer::NoError)
            emit errorOccurred(e.error, e.errorString);
        // A status the source reached during setSource() itself (a local file may): announce it.
        if (e.status != QMediaPlayer::NoMedia && e.status != QMediaPlayer::LoadingMedia)
            emit mediaStatusChanged(e.status);
        break;
    case K::Status:
        emit mediaStatusChanged(e.status);
        break;
    case K::State:
        if (stateCurrent)
            emit playbackStateChanged(e.state);
        break;
    case K::Error:
        emit errorOccurred(e.error, e.errorString);
        break;
    case K::Position:
        if (positionCurrent)
            emit positionChanged(e.position);
        break;
    case K::Duration:
        emit durationChanged(e.duration);
        break;
    case K::Seekable:
        emit seekableChanged(e.seekable);
        break;
    case K::Buffer:
        emit bufferProgressChanged(e.buffer);
        break;
    }
}

} // namespace compose
