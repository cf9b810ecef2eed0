#pragma once

#include <QElapsedTimer>
#include <QMediaPlayer>
#include <QObject>
#include <QUrl>

#include <memory>

QT_BEGIN_NAMESPACE
class QThread;
QT_END_NAMESPACE

namespace compose {

// The part of QMediaPlayer (+ its QAudioOutput) that PreviewPlayer uses, with the real player on
// a media thread of its own (issue 14). QtMultimedia 6.4's GStreamer back end does real work
// inside its calls: setSource() takes the old pipeline to NULL synchronously and builds the new
// one (29–41 ms measured, 846 ms for the first one that loads the plugins), stop() and pause()
// wait for state changes. On the UI thread that froze the window on every preview switch.
//
// Commands are queued to the media thread in order and return at once. The state the getters
// answer is a mirror, updated from the real player's signals, which arrive here queued with the
// source generation they belong to: events of a source that was replaced meanwhile are dropped
// (as QMediaPlayer's own setSource() never lets them reach the caller), and a position or
// playback state reported before the latest seek/play/pause/stop is superseded by that command.
// The real player is created lazily, with the first source: nothing of GStreamer is loaded
// before an agent plays a preview (first paint).
class MediaPlayerProxy final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MediaPlayerProxy)
public:
    explicit MediaPlayerProxy(QObject *parent = nullptr);
    ~MediaPlayerProxy() override;

    void setSource(const QUrl &source);
    QUrl source() const { return m_source; }
    void play();
    void pause();
    void stop();
    void setPosition(qint64 ms);

    // The last reported position, advanced by the time since while playing (at most a few
    // position updates' worth, never past the duration).
    qint64 position() const;
    qint64 duration() const { return m_duration; }
    bool isSeekable() const { return m_seekable; }
    float bufferProgress() const { return m_bufferProgress; }
    QMediaPlayer::MediaStatus mediaStatus() const { return m_status; }
    QMediaPlayer::PlaybackState playbackState() const { return m_state; }
    QString errorString() const { return m_errorString; }

    void setVolume(float volume);
    float volume() const { return m_volume; }
    void setMuted(bool muted);
    bool isMuted() const { return m_muted; }

    // Whether the real player exists yet (it is made with the first source).
    bool isStarted() const { return m_worker != nullptr; }
    // The thread the real QMediaPlayer lives on (shared by all proxies; never the UI thread).
    static QThread *mediaThread();

    // How long the real player's calls took on the media thread: the time each would have
    // blocked the UI thread before (the benchmark and the test print it). Process-wide maxima.
    enum class Call : quint8 { Create, SetSource, Play, Pause, Stop, Seek, Count };
    static double longestCallMs(Call call);
    static void resetCallTimes();

signals:
    void mediaStatusChanged(QMediaPlayer::MediaStatus status);
    void playbackStateChanged(QMediaPlayer::PlaybackState state);
    void errorOccurred(QMediaPlayer::Error error, const QString &text);
    void positionChanged(qint64 ms);
    void durationChanged(qint64 ms);
    void seekableChanged(bool seekable);
    void bufferProgressChanged(float progress);
    void volumeChanged(float volume);
    void mutedChanged(bool muted);

private:
    class Worker;
    struct Link;
    struct Event;
    void ensureWorker();
    template<typename F> void post(F &&command);
    void receive(const Event &event);

    Worker *m_worker = nullptr; // lives on mediaThread(); deleted there
    std::shared_ptr<Link> m_link; // the worker's way back here, cut when this object goes
    QUrl m_source;
    quint64 m_generation = 0; // bumps with every setSource()
    quint64 m_sequence = 0; // bumps with every command
    quint64 m_positionSequence = 0; // the last command that decided the position
    quint64 m_stateSequence = 0; // the last command that decided the playback state
    qint64 m_position = 0;
    QElapsedTimer m_positionAge;
    qint64 m_duration = 0;
    bool m_seekable = false;
    float m_bufferProgress = 0.0f;
    QMediaPlayer::MediaStatus m_status = QMediaPlayer::NoMedia;
    QMediaPlayer::PlaybackState m_state = QMediaPlayer::StoppedState;
    QString m_errorString;
    float m_volume = 1.0f;
    bool m_muted = false;
};

} // namespace compose
