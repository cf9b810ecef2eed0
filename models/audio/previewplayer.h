#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <QUrl>
#include <memory>

QT_BEGIN_NAMESPACE
class QAudioOutput;
class QTemporaryDir;
class QMediaDevices;
class QMediaPlayer;
class QNetworkAccessManager;
class QNetworkReply;
QT_END_NAMESPACE

namespace compose {

// One playable preview: which form/song/variation it is and where its audio lives.
struct PreviewItem {
    QString formId;
    int songIndex = -1; // 0-based, as song_index in the database
    int variationIndex = -1; // 1..3, as the keys of variation_audio_urls
    QString url; // untrusted text; PreviewPlayer validates it with AudioUrl
    QString label; // plain text shown in the player bar, e.g. the recipient's name
    // When the audio was generated, if known; lets an error say "expired" for old files.
    QDateTime createdAt;

    bool isNull() const { return formId.isEmpty() && url.isEmpty() && variationIndex < 0; }
    bool sameSong(const PreviewItem &o) const
    {
        return formId == o.formId && songIndex == o.songIndex;
    }
    bool operator==(const PreviewItem &o) const
    {
        return formId == o.formId && songIndex == o.songIndex && variationIndex == o.variationIndex
            && url == o.url && label == o.label;
    }
    bool operator!=(const PreviewItem &o) const { return !(*this == o); }
    // "form_abc · Song 1 · Variation 2 — label" as plain text.
    QString title() const;
};

// Plays previews for the dashboard. All playback logic lives here, on QMediaPlayer +
// QAudioOutput, so it runs (and is tested) without widgets and without a sound card.
//
// No sound device (CI, containers): QtMultimedia 6.4's GStreamer back end builds its sink from
// QAudioOutput's device; with no device it uses GStreamer's autoaudiosink, which tries
// pulsesink/alsasink and, when none opens, falls back to a fake sink that still syncs to the
// pipeline clock. Position then advances in real time and EndOfMedia arrives as with a real
// card (a warning "Failed to connect: Connection refused" is logged). A QMediaPlayer *without* an
// audio output is not an option in 6.4: its audio pad stays unlinked and the pipeline fails with
// "Internal data stream error". So we always attach a QAudioOutput on the default device and
// follow the default device when the system's list changes. (Debian also ships Qt's ffmpeg
// plugin; 6.4 picks GStreamer unless QT_MEDIA_BACKEND says otherwise, and the tests run on it.)
// QMediaPlayer never tells the HTTP status of a failed load, so a failure is explained by one
// small ranged GET of our own (404, 403/410 expired, not audio, unreachable).
class PreviewPlayer : public QObject {
    Q_OBJECT
public:
    enum class ErrorKind : quint8 {
        None,
        InvalidUrl,
        NotFound,
        Expired,
        AccessDenied,
        Timeout,
        UnsupportedFormat,
        Network,
        Other
    };
    Q_ENUM(ErrorKind)

    explicit PreviewPlayer(QObject *parent = nullptr);
    ~PreviewPlayer() override;

    // songVariations: the variations of the same song (usually 3) for compare with 1/2/3.
    void play(const PreviewItem &item, const QList<PreviewItem> &songVariations = {});
    void togglePlayPause();
    void stop(); // stops, releases the media and clears current()
    void seek(qint64 ms);
    void seekBy(qint64 deltaMs);
    // Same song, same position: loads the other variation and seeks once it is loaded.
    bool switchToVariation(int variationIndex);
    void setVolume(float volume); // 0..1
    void setMuted(bool muted);

    PreviewItem current() const { return m_current; }
    QList<PreviewItem> variations() const { return m_variations; }
    bool hasVariation(int variationIndex) const;
    bool isPlaying() const { return m_playing; }
    bool isBuffering() const { return m_buffering; }
    int bufferPercent() const { return m_bufferPercent; }
    qint64 position() const;
    qint64 duration() const { return m_duration; }
    float volume() const;
    bool isMuted() const;
    bool hasMedia() const;
    QString errorString() const { return m_errorString; }
    ErrorKind errorKind() const { return m_errorKind; }

    // How long a load (or a stall) may go without progress before we give up. Default 15 s.
    void setLoadTimeout(int ms) { m_loadTimer.setInterval(ms); }
    int loadTimeout() const { return m_loadTimer.interval(); }
    // Hosts on which a 403/404/410 means "expired" (see AudioUrl::defaultExpiringHosts()).
    void setExpiringHosts(const QStringList &hosts) { m_expiringHosts = hosts; }

    // Makes the QMediaPlayer, with no source, if there is none, in short turns of the event loop
    // from this call on: its first construction in a process costs 6-20 ms of UI-thread CPU
    // (QtMultimedia's plugin factory, its GStreamer integration and device monitor), which the
    // first preview's key press should not pay. The dashboard calls it once MediaWarmup is done.
    void prepare();
    // The QMediaPlayer, made if no preview has been played yet (tests look inside it).
    QMediaPlayer *mediaPlayer();
    // Whether url's bytes are held whole (its server answers no byte ranges; see fetchWhole()).
    bool holdsWhole(const QString &url) const;
    // What QMediaPlayer is given for url: the held copy's file URL, or url itself.
    QUrl mediaUrlFor(const QString &url) const;
    // Previews larger than this are never held whole; they stream, and a switch to one on a
    // server without ranges starts from the beginning. Default 24 MiB.
    void setWholeFileLimit(qint64 bytes) { m_wholeLimit = bytes; }

signals:
    void currentChanged(const compose::PreviewItem &item);
    void playingChanged(bool playing);
    void positionChanged(qint64 ms);
    void durationChanged(qint64 ms);
    // The length of item's media as the player measured it, once per load (the database's
    // duration may say otherwise).
    void lengthMeasured(const compose::PreviewItem &item, qint64 ms);
    void bufferingChanged(bool buffering, int percent);
    void errorOccurred(const compose::PreviewItem &item, const QString &message);
    void finished();
    void volumeChanged(float volume);
    void mutedChanged(bool muted);

private:
    void startLoad(qint64 seekTo, bool autoplay);
    void releaseMedia();
    void ensurePlayer();
    void ensureDevices();
    void makePlayer();
    void attachOutput();
    void retirePlayer();
    void releaseRetired();
    void setPlaying(bool playing);
    void setBuffering(bool buffering, int percent);
    void setDuration(qint64 ms);
    void reportLength(qint64 ms);
    void applyPendingSeek();
    bool canSeekNow() const;
    // QMediaPlayer's enums travel as int so this header does not need QtMultimedia's.
    void onMediaStatus(int status);
    void onPlaybackState(int state);
    void onPlayerError(int error, const QString &text);
    void onLoadTimeout();
    // Compare on a server without byte ranges: see the comment in the .cpp.
    void prepareCompare();
    void fetchWhole(const QUrl &url, bool probe);
    void holdIfLengthUnknown();
    void hold(const QUrl &url, const QByteArray &bytes);
    void held(const QUrl &url, const QString &path);
    QUrl mediaUrl(const QUrl &url) const;
    void fail(ErrorKind kind, const QString &message, const PreviewItem &item, quint64 loadId);
    void diagnose(const PreviewItem &item, int error, const QString &text);
    QString describeHttpFailure(const PreviewItem &item, QNetworkReply *reply, int error,
                                const QString &text, ErrorKind *kind) const;

    QMediaPlayer *m_player = nullptr;
    QAudioOutput *m_output = nullptr; // m_player's, its child
    QMediaDevices *m_devices = nullptr; // follows the system's default output
    bool m_playerUsed = false; // m_player was given a source: the next load takes a new one
    struct Retired {
        QPointer<QMediaPlayer> player; // paused, waiting to be torn down (retirePlayer())
        QElapsedTimer since;
    };
    QList<Retired> m_retired;
    QTimer m_retireTimer;
    qint64 m_steadyFrom = 0; // where the current load began playing (its restored position)
    QNetworkAccessManager *m_network = nullptr; // only to explain a failed load (HTTP status)
    QTimer m_loadTimer;
    PreviewItem m_current;
    QList<PreviewItem> m_variations;
    QStringList m_expiringHosts;
    QHash<QUrl, QString> m_whole; // previews held whole: URL → local copy
    QList<QUrl> m_wholeOrder; // least recently used first
    QHash<QString, bool> m_originRanges; // "scheme://host:port" → answers byte ranges
    QHash<QUrl, QPointer<QNetworkReply>> m_fetching;
    std::shared_ptr<QTemporaryDir> m_wholeDir; // the local copies; shared with the writer
    int m_wholeSerial = 0;
    qint64 m_wholeLimit = 24 * 1024 * 1024;
    qint64 m_pendingSeek = -1; // position to restore once the (switched) media is loaded
    qint64 m_duration = 0;
    quint64 m_loadId = 0; // bumps on every load: late errors of an old load are ignored
    quint64 m_lengthReported = 0; // the load whose length lengthMeasured() announced
    bool m_failed = false; // the current load already reported its error
    bool m_settingSource = false;
    bool m_wantPlaying = false; // the agent's intent: play once the load/seek allows it
    bool m_prerolled = false; // this load reached LoadedMedia (6.4's "preroll done")
    bool m_graceArmed = false; // this load's "never seekable" fallback is scheduled
    bool m_lengthWatched = false; // this load's holdIfLengthUnknown() check is scheduled
    bool m_seeked = false; // this load was sent a seek
    bool m_seekRefused = false; // this item failed after a seek and was reloaded from the start
    float m_volume = 1.0f; // until the QAudioOutput exists (ensurePlayer())
    bool m_muted = false;
    bool m_playing = false;
    bool m_buffering = false;
    int m_bufferPercent = 0;
    QString m_errorString;
    ErrorKind m_errorKind = ErrorKind::None;
};

} // namespace compose

Q_DECLARE_METATYPE(compose::PreviewItem)
