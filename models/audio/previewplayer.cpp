#include "previewplayer.h"

#include "audiourl.h"
#include "backgroundpool.h"
#include "decodergate.h"
#include "mp3frames.h"

#include <QAudioDevice>
#include <QAudioOutput>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QMediaDevices>
#include <QMediaPlayer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QThreadPool>

#include <algorithm>
#include <utility>

namespace compose {

namespace {
constexpr int DefaultLoadTimeoutMs = 15000;
constexpr int ProbeTimeoutMs = 5000;
// A loaded source that does not become seekable with a known duration within this time (a
// server without Range support, a stream of unknown length) starts from the beginning instead.
constexpr int SeekableGraceMs = 3000;
// A prerolled MP3 whose length is still unknown this long after LoadedMedia has no Xing/Info
// frame: see holdIfLengthUnknown(). (With one, or for WAV, the length comes with the preroll.)
constexpr int LengthWaitMs = 250;
// GStreamer posts all errors of one failure at once; they reach us within a few event loop turns.
constexpr int StaleErrorDrainMs = 150;
// Replaced players (paused) are torn down one per tick, once the current one plays steadily:
// see retirePlayer(). A current one that never gets there does not keep them longer than this.
constexpr int RetireTickMs = 100;
constexpr int SteadyMs = 300;
constexpr int RetireLimitMs = 5000;
// At most this many previews are held whole (three variations of two songs).
constexpr int MaxHeldWhole = 6;

QString originOf(const QUrl &url)
{
    return url.scheme() + QStringLiteral("://") + url.host() + QLatin1Char(':')
        + QString::number(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
}
} // namespace

QString PreviewItem::title() const
{
    QStringList parts;
    if (!formId.isEmpty())
        parts << formId;
    if (songIndex >= 0)
        parts << PreviewPlayer::tr("Song %1").arg(songIndex + 1);
    if (variationIndex >= 0)
        parts << PreviewPlayer::tr("Variation %1").arg(variationIndex);
    QString text = parts.join(QStringLiteral(" · "));
    if (!label.isEmpty())
        text = text.isEmpty() ? label : text + QStringLiteral(" — ") + label;
    return text;
}

PreviewPlayer::PreviewPlayer(QObject *parent)
    : QObject(parent)
    , m_expiringHosts(AudioUrl::defaultExpiringHosts())
{
    qRegisterMetaType<compose::PreviewItem>();
    m_loadTimer.setSingleShot(true);
    m_loadTimer.setInterval(DefaultLoadTimeoutMs);
    connect(&m_loadTimer, &QTimer::timeout, this, &PreviewPlayer::onLoadTimeout);
    m_retireTimer.setInterval(RetireTickMs);
    connect(&m_retireTimer, &QTimer::timeout, this, &PreviewPlayer::releaseRetired);
}

void PreviewPlayer::ensurePlayer()
{
    // Not made with the window: QMediaPlayer's first construction loads GStreamer's registry and
    // plugins and tries PulseAudio (87-443 ms measured here), which the dashboard's start and
    // first paint should not wait for. MediaWarmup (started after the first page) loads those on
    // a pool thread: this then takes 7-9 ms of CPU instead of ~30, still most of the first
    // preview's key press (QtMultimedia's plugin factory, its GStreamer integration and device
    // monitor: 6-7 ms of it is the first QMediaPlayer alone), so the dashboard calls prepare()
    // once the warm-up is done and the first preview finds the player made.
    // Complete at once here (a play needs it now); prepare() makes the same pieces a turn each.
    ensureDevices();
    if (!m_player)
        makePlayer();
    if (!m_output)
        attachOutput();
}

void PreviewPlayer::ensureDevices()
{
    if (!m_devices) {
        // A headset plugged in (or the first device appearing on a machine that had none) should
        // be used without restarting the dashboard.
        m_devices = new QMediaDevices(this);
        connect(m_devices, &QMediaDevices::audioOutputsChanged, this, [this] {
            if (m_output)
                m_output->setDevice(QMediaDevices::defaultAudioOutput());
        });
    }
}

void PreviewPlayer::makePlayer()
{
    m_player = new QMediaPlayer(this);
    DecoderGate::install(); // GStreamer is loaded now; see startLoad()
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this,
            [this](QMediaPlayer::MediaStatus status) { onMediaStatus(status); });
    connect(m_player, &QMediaPlayer::playbackStateChanged, this,
            [this](QMediaPlayer::PlaybackState state) { onPlaybackState(state); });
    connect(m_player, &QMediaPlayer::errorOccurred, this,
            [this](QMediaPlayer::Error error, const QString &text) { onPlayerError(error, text); });
    connect(m_player, &QMediaPlayer::positionChanged, this, [this](qint64 pos) {
        // While a switched variation loads, the new pipeline reports 0: keep showing the
        // position we are about to restore instead of a jump to the start and back.
        if (!hasMedia())
            return;
        if (m_loadTimer.isActive() || m_playing)
            m_loadTimer.start(); // the position moving is progress
        if (m_pendingSeek < 0)
            emit positionChanged(pos);
    });
    connect(m_player, &QMediaPlayer::durationChanged, this, [this](qint64 ms) {
        if (!hasMedia() || ms <= 0)
            return;
        setDuration(ms);
        if (m_prerolled)
            reportLength(ms);
        applyPendingSeek(); // a seek may have been waiting for the length (see canSeekNow())
    });
    connect(m_player, &QMediaPlayer::seekableChanged, this, [this](bool seekable) {
        if (seekable)
            applyPendingSeek();
    });
    connect(m_player, &QMediaPlayer::bufferProgressChanged, this, [this](float progress) {
        if (!hasMedia())
            return;
        if (m_loadTimer.isActive())
            m_loadTimer.start(); // progress, however slow, is not a timeout
        if (m_buffering)
            setBuffering(true, qRound(progress * 100));
    });
}

void PreviewPlayer::attachOutput()
{
    // The output belongs to its player: both go together (retirePlayer()).
    m_output = new QAudioOutput(QMediaDevices::defaultAudioOutput(), m_player);
    m_output->setVolume(m_volume);
    m_output->setMuted(m_muted);
    m_player->setAudioOutput(m_output);

    connect(m_output, &QAudioOutput::volumeChanged, this, [this](float volume) {
        m_volume = volume;
        emit volumeChanged(volume);
    });
    connect(m_output, &QAudioOutput::mutedChanged, this, [this](bool muted) {
        m_muted = muted;
        emit mutedChanged(muted);
    });
}

void PreviewPlayer::retirePlayer()
{
    if (!m_player)
        return;
    // A QMediaPlayer plays one source and goes; the next load takes a new one (ensurePlayer()).
    // QtMultimedia 6.4's GStreamer back end keeps one pipeline and one audio sink per player and
    // takes both to NULL and back on setSource(). With PulseAudio, a stream that is starting
    // while another stream is torn down (the old pipeline going to NULL inside setSource(), or
    // a replaced player deleted a turn later) plays about 140 ms and then stands still until
    // the next key: the "1-2 s until the sound comes back" after a switch, on every other
    // switch. So the old player is paused at once (silent) and torn down only once the new one
    // plays steadily (releaseRetired()).
    QMediaPlayer *old = std::exchange(m_player, nullptr);
    m_output = nullptr;
    old->disconnect(this);
    if (QAudioOutput *output = old->audioOutput())
        output->disconnect(this);
    // Only a playing one: 6.4's pause() from the stopped state flushes, a seek (and an HTTP
    // request) for nothing.
    if (old->playbackState() == QMediaPlayer::PlayingState)
        old->pause();
    QElapsedTimer since;
    since.start();
    m_retired.append({old, since});
    if (!m_retireTimer.isActive())
        m_retireTimer.start();
}

void PreviewPlayer::releaseRetired()
{
    m_retired.removeIf([](const Retired &r) { return r.player.isNull(); });
    if (m_retired.isEmpty()) {
        m_retireTimer.stop();
        return;
    }
    // Starting: meant to play (still loading, prerolling or seeking, or playing) and not yet
    // SteadyMs past where this load began. A load that has not reached PlayingState yet counts:
    // a teardown just before its stream starts stalls it as much as one just after.
    const bool starting = m_player && m_wantPlaying && !m_failed
        && (m_player->playbackState() != QMediaPlayer::PlayingState
            || m_player->position() < m_steadyFrom + SteadyMs);
    // Stopped (no current player): the next song's first play may come any moment, and a
    // teardown just before its stream starts stalls it as much as one during it (previews
    // bench: every song played 200 ms after a stop stood still ~135 ms in, the stopped player
    // having been torn down at the tick between). So a stopped one waits too: a play within
    // RetireLimitMs finds it still there and the rule above holds it until that play is steady.
    const bool stopped = !m_player;
    if ((starting || stopped) && m_retired.first().since.elapsed() < RetireLimitMs)
        return;
    // One per turn: tearing a pipeline down takes 2-10 ms of the UI thread.
    delete m_retired.takeFirst().player.data();
}

PreviewPlayer::~PreviewPlayer()
{
    // Closing releases the media (and its HTTP connection) without emitting into a dying object.
    m_loadTimer.stop();
    if (m_player) {
        m_player->disconnect(this);
        // Not stop() first: 6.4's stop() ends with a flushing seek to 0, which can deadlock with
        // a stream still being connected (DecoderGate). An empty source takes the pipeline to
        // NULL and returns before setSource()'s seek.
        m_player->setSource(QUrl());
    }
    for (const QPointer<QNetworkReply> &reply : std::as_const(m_fetching)) {
        if (reply) {
            reply->disconnect(this);
            reply->abort();
        }
    }
}

void PreviewPlayer::play(const PreviewItem &item, const QList<PreviewItem> &songVariations)
{
    m_variations.clear();
    for (const PreviewItem &v : songVariations) {
        if (v.sameSong(item) && v.variationIndex >= 0)
            m_variations.append(v);
    }
    const bool listed
        = std::any_of(m_variations.cbegin(), m_variations.cend(), [&](const PreviewItem &v) {
              return v.variationIndex == item.variationIndex;
          });
    if (!listed && item.variationIndex >= 0)
        m_variations.append(item);
    std::stable_sort(m_variations.begin(), m_variations.end(),
                     [](const PreviewItem &a, const PreviewItem &b) {
                         return a.variationIndex < b.variationIndex;
                     });
    m_current = item;
    m_seekRefused = false;
    emit currentChanged(m_current);
    startLoad(0, true);
    prepareCompare();
}

void PreviewPlayer::togglePlayPause()
{
    if (m_current.isNull())
        return;
    if (!hasMedia()) {
        // After an error the same item can be tried again with the same key.
        startLoad(0, true);
        return;
    }
    if (m_playing) {
        m_wantPlaying = false;
        {
            // 6.4's pause() from the stopped state (a switch still loading) seeks as setSource()
            // does: the same race with the stream being connected.
            DecoderGate::Hold held;
            m_player->pause();
        }
        setPlaying(false);
        if (m_pendingSeek < 0 && m_player->mediaStatus() != QMediaPlayer::LoadingMedia)
            m_loadTimer.stop(); // a paused preview is allowed to sit still
        return;
    }
    m_wantPlaying = true;
    if (m_pendingSeek < 0) {
        if (m_player->mediaStatus() == QMediaPlayer::EndOfMedia
            && m_player->position() >= m_duration - 50)
            m_player->setPosition(0);
        m_player->play();
    } // else applyPendingSeek() starts playing once the position is restored
    setPlaying(true);
    m_loadTimer.start();
}

void PreviewPlayer::stop()
{
    releaseMedia();
    m_variations.clear();
    m_errorString.clear();
    m_errorKind = ErrorKind::None;
    if (!m_current.isNull()) {
        m_current = {};
        emit currentChanged(m_current);
    }
}

void PreviewPlayer::seek(qint64 ms)
{
    if (!hasMedia())
        return;
    ms = std::max<qint64>(0, ms);
    if (m_duration > 0)
        ms = std::min(ms, m_duration);
    if (m_pendingSeek >= 0 || !canSeekNow()) {
        m_pendingSeek = ms; // applied once the source can take it
        applyPendingSeek();
    } else {
        m_seeked = true;
        m_player->setPosition(ms);
    }
    emit positionChanged(ms);
}

void PreviewPlayer::seekBy(qint64 deltaMs)
{
    seek(position() + deltaMs);
}

bool PreviewPlayer::hasVariation(int variationIndex) const
{
    return std::any_of(m_variations.cbegin(), m_variations.cend(),
                       [&](const PreviewItem &v) { return v.variationIndex == variationIndex; });
}

bool PreviewPlayer::switchToVariation(int variationIndex)
{
    if (m_current.isNull())
        return false;
    const auto it
        = std::find_if(m_variations.cbegin(), m_variations.cend(),
                       [&](const PreviewItem &v) { return v.variationIndex == variationIndex; });
    if (it == m_variations.cend())
        return false;
    if (*it == m_current && hasMedia())
        return true;
    qint64 pos = 0;
    bool autoplay = true;
    if (hasMedia()) {
        pos = position();
        autoplay = m_playing;
        if (m_player->mediaStatus() == QMediaPlayer::EndOfMedia)
            pos = 0;
    }
    m_current = *it;
    m_seekRefused = false;
    emit currentChanged(m_current);
    startLoad(pos, autoplay);
    return true;
}

void PreviewPlayer::setVolume(float volume)
{
    volume = std::clamp(volume, 0.0f, 1.0f);
    if (m_output) {
        m_output->setVolume(volume); // its volumeChanged updates m_volume and tells
    } else if (!qFuzzyCompare(volume, m_volume)) {
        m_volume = volume;
        emit volumeChanged(volume);
    }
}

void PreviewPlayer::setMuted(bool muted)
{
    if (m_output) {
        m_output->setMuted(muted);
    } else if (muted != m_muted) {
        m_muted = muted;
        emit mutedChanged(muted);
    }
}

qint64 PreviewPlayer::position() const
{
    if (m_pendingSeek >= 0)
        return m_pendingSeek;
    return hasMedia() ? m_player->position() : 0;
}

float PreviewPlayer::volume() const
{
    return m_output ? m_output->volume() : m_volume;
}

bool PreviewPlayer::isMuted() const
{
    return m_output ? m_output->isMuted() : m_muted;
}

bool PreviewPlayer::hasMedia() const
{
    return m_player && !m_player->source().isEmpty();
}

void PreviewPlayer::prepare()
{
    // In three turns, each inside a frame's 16 ms: the device monitor, the QMediaPlayer, its
    // output (3.5, 13.4 and 3.0 ms of the UI thread measured on this pass's machine, where the
    // three in one turn were a 17-21 ms gap). A play in between completes what is missing
    // (ensurePlayer()); the first load takes the player (m_playerUsed is false).
    if (m_player && m_output)
        return;
    ensureDevices();
    QTimer::singleShot(0, this, [this] {
        if (!m_player)
            makePlayer();
        QTimer::singleShot(0, this, [this] {
            if (m_player && !m_output)
                attachOutput();
        });
    });
}

QMediaPlayer *PreviewPlayer::mediaPlayer()
{
    ensurePlayer();
    return m_player;
}

void PreviewPlayer::startLoad(qint64 seekTo, bool autoplay)
{
    ++m_loadId;
    m_failed = false;
    m_errorString.clear();
    m_errorKind = ErrorKind::None;

    const AudioUrl::Result check = AudioUrl::previewsAllowed(m_current.url);
    if (!check.ok) {
        // Refused before QMediaPlayer or the network ever see it.
        releaseMedia();
        m_failed = true;
        fail(ErrorKind::InvalidUrl, check.reason, m_current, m_loadId);
        return;
    }

    if (m_player && m_playerUsed)
        retirePlayer();
    ensurePlayer();
    m_playerUsed = true;
    m_steadyFrom = std::max<qint64>(0, seekTo);
    m_pendingSeek = seekTo > 0 ? seekTo : -1;
    m_prerolled = false;
    m_graceArmed = false;
    m_lengthWatched = false;
    m_seeked = false;
    m_wantPlaying = autoplay;
    m_settingSource = true;
    {
        // The new pipeline's streaming thread must not connect the audio output while
        // setSource()'s closing seek runs on this thread: Qt 6.4 can deadlock there
        // (DecoderGate). Only around the call: the signals below reach views and the waveform.
        DecoderGate::Hold held;
        m_player->setSource(mediaUrl(check.url));
    }
    m_settingSource = false;

    if (seekTo <= 0) {
        setDuration(0);
        emit positionChanged(0);
    } else {
        emit positionChanged(seekTo);
    }
    m_loadTimer.start();
    setBuffering(true, 0);
    // A switch (compare 1/2/3) loads the new source paused and only plays once the position is
    // restored: QtMultimedia 6.4's GStreamer back end cannot seek a source that is not
    // prerolled or whose length it does not know yet (see canSeekNow()).
    // "Paused" without calling pause(): setSource() already takes the pipeline to PAUSED (it
    // prerolls), while 6.4's pause() from the stopped state that setSource() leaves behind
    // flushes the pipeline, a seek to the current position, before anything is prerolled. With
    // an ID3 tag in front of an MP3, id3demux turns that seek into a byte seek past the tag, and
    // a server without Range support (Python's http.server, plain CDNs) fails the whole stream
    // ("Server does not support seeking"): the switched variation was then reported damaged.
    if (autoplay && m_pendingSeek < 0) {
        DecoderGate::Hold held; // the stream may still be being connected
        m_player->play();
    }
    setPlaying(autoplay);
}

void PreviewPlayer::releaseMedia()
{
    m_loadTimer.stop();
    m_pendingSeek = -1;
    if (m_playerUsed) {
        retirePlayer(); // not stop() + setSource(QUrl()): see retirePlayer()
        m_playerUsed = false;
    }
    setPlaying(false);
    setBuffering(false, 0);
    setDuration(0);
    emit positionChanged(0);
}

void PreviewPlayer::setPlaying(bool playing)
{
    if (m_playing == playing)
        return;
    m_playing = playing;
    emit playingChanged(playing);
}

void PreviewPlayer::setBuffering(bool buffering, int percent)
{
    percent = std::clamp(percent, 0, 100);
    if (m_buffering == buffering && m_bufferPercent == percent)
        return;
    m_buffering = buffering;
    m_bufferPercent = percent;
    emit bufferingChanged(buffering, percent);
}

void PreviewPlayer::setDuration(qint64 ms)
{
    if (m_duration == ms)
        return;
    m_duration = ms;
    emit durationChanged(ms);
}

void PreviewPlayer::reportLength(qint64 ms)
{
    if (ms <= 0 || m_lengthReported == m_loadId)
        return;
    m_lengthReported = m_loadId;
    emit lengthMeasured(m_current, ms);
}

bool PreviewPlayer::canSeekNow() const
{
    // QtMultimedia 6.4's GStreamer back end (QGstPipeline::seek) sends a flushing seek whose
    // stop is the pipeline's duration query, and uses 0 when that query fails. Before an MP3
    // over HTTP is prerolled and its length estimated, a seek therefore asks for the segment
    // [position, 0]: the pipeline fails with a stream error and QMediaPlayer reports the source
    // as invalid ("format not supported or damaged"), although the same file plays from the
    // start. WAV knows its length from the header at once, so only MP3 showed it. Seek only a
    // prerolled, seekable source with a known length.
    if (!hasMedia() || !m_prerolled || !m_player->isSeekable() || m_player->duration() <= 0)
        return false;
    const auto status = m_player->mediaStatus();
    return status == QMediaPlayer::LoadedMedia || status == QMediaPlayer::BufferedMedia
        || status == QMediaPlayer::BufferingMedia || status == QMediaPlayer::EndOfMedia;
}

void PreviewPlayer::applyPendingSeek()
{
    if (m_pendingSeek < 0 || !hasMedia() || !m_prerolled)
        return;
    if (!canSeekNow()) {
        if (m_graceArmed)
            return;
        m_graceArmed = true;
        const quint64 id = m_loadId;
        QTimer::singleShot(SeekableGraceMs, this, [this, id] {
            if (id != m_loadId || m_pendingSeek < 0 || !hasMedia() || canSeekNow())
                return;
            // Never seekable: play from the start rather than risk a seek the source cannot take.
            m_pendingSeek = -1;
            emit positionChanged(m_player->position());
            if (m_wantPlaying)
                m_player->play();
        });
        return;
    }
    qint64 target = m_pendingSeek;
    if (m_duration > 0)
        target = std::min(target, m_duration);
    m_pendingSeek = -1;
    m_seeked = true;
    m_player->setPosition(target);
    emit positionChanged(target);
    if (m_wantPlaying && m_player->playbackState() != QMediaPlayer::PlayingState)
        m_player->play();
}

// Compare (1/2/3) keeps the position by seeking the newly loaded variation. Over HTTP that seek
// is a byte range request unless GStreamer already has the bytes, and a server without Range
// support (Python's http.server, many plain file servers and CDN edges) cannot serve it: the
// switched variation would start from the beginning. So, once per origin, the first preview is
// asked for with "Range: bytes=0-0". A 206 says the server seeks: nothing more to do. A 200 says
// it does not, and brings the whole file anyway: it and the song's other variations are then
// held as local copies (small: MusicGPT's MP3 previews are a few MB; at most MaxHeldWhole files of
// at most m_wholeLimit bytes), and a switch plays the copy, which seeks like any local file.
void PreviewPlayer::prepareCompare()
{
    if (m_variations.size() < 2)
        return;
    for (const PreviewItem &v : std::as_const(m_variations)) {
        const AudioUrl::Result check = AudioUrl::validate(v.url);
        if (!check.ok || m_whole.contains(check.url) || m_fetching.contains(check.url)
            || !check.url.scheme().startsWith(QLatin1String("http")))
            continue;
        const auto known = m_originRanges.constFind(originOf(check.url));
        if (known == m_originRanges.cend()) {
            fetchWhole(check.url, true); // the probe; its answer decides for the others
            return;
        }
        if (!known.value())
            fetchWhole(check.url, false);
    }
}

void PreviewPlayer::fetchWhole(const QUrl &url, bool probe)
{
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    QNetworkRequest request(url);
    if (probe)
        request.setRawHeader("Range", "bytes=0-0");
    request.setTransferTimeout(DefaultLoadTimeoutMs);
    QNetworkReply *reply = m_network->get(request);
    m_fetching.insert(url, reply);
    const auto tooBig = [this](QNetworkReply *r) {
        const qint64 declared = r->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        return declared > m_wholeLimit || r->bytesAvailable() > m_wholeLimit;
    };
    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply, url, probe, tooBig] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (probe && status == 206) {
            m_originRanges.insert(originOf(url), true);
            reply->abort();
        } else if (status != 200 || tooBig(reply)) {
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::downloadProgress, this, [reply, tooBig](qint64, qint64) {
        if (tooBig(reply))
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, url, probe] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status != 200) {
            m_fetching.remove(url);
            return; // streaming stays the way to play it; nothing held
        }
        // Still "being fetched" until its copy is written (held()), so that prepareCompare()
        // does not ask for it a second time meanwhile.
        hold(url, reply->readAll());
        if (probe) {
            m_originRanges.insert(originOf(url), false);
            prepareCompare(); // now known: fetch the other variations of the song
        }
    });
}

// An MP3 streamed from a server with byte ranges and without a Xing/Info frame prerolls without
// a length, and QtMultimedia 6.4 cannot seek it until it has played a while (canSeekNow()): a
// switch to another variation stood silent for SeekableGraceMs and then played from the start
// (and in the previews bench that restarted stream stood still ~200 ms in). The stream is not
// ours to change, but a copy is: the song's variations are fetched whole and held with a table
// frame written in (hold()), as for a server without ranges, and the switches play the copies.
void PreviewPlayer::holdIfLengthUnknown()
{
    if (m_lengthWatched || !hasMedia() || m_player->source().isLocalFile())
        return;
    m_lengthWatched = true;
    const quint64 id = m_loadId;
    QTimer::singleShot(LengthWaitMs, this, [this, id] {
        if (id != m_loadId || !hasMedia() || m_failed || m_player->duration() > 0)
            return;
        QList<PreviewItem> items = m_variations;
        if (items.isEmpty())
            items << m_current;
        for (const PreviewItem &v : std::as_const(items)) {
            const AudioUrl::Result check = AudioUrl::validate(v.url);
            if (check.ok && check.url.scheme().startsWith(QLatin1String("http"))
                && !m_whole.contains(check.url) && !m_fetching.contains(check.url))
                fetchWhole(check.url, false);
        }
    });
}

void PreviewPlayer::hold(const QUrl &url, const QByteArray &bytes)
{
    // A local file, not a QBuffer through setSourceDevice(): 6.4's appsrc gives GStreamer no
    // length for an MP3, and a seek needs one (see canSeekNow()). The file is written on a pool
    // thread (no disk I/O on the UI thread) and used once it is complete.
    if (!m_wholeDir)
        m_wholeDir = std::make_shared<QTemporaryDir>();
    if (!m_wholeDir->isValid()) {
        m_fetching.remove(url);
        return;
    }
    const QString path = m_wholeDir->filePath(QStringLiteral("preview-%1").arg(++m_wholeSerial));
    QPointer<PreviewPlayer> self(this);
    backgroundPool()->start([self, dir = m_wholeDir, url, fetched = bytes, path] {
        // An MP3 without a Xing/Info frame gets one (Mp3Frames): without it GStreamer learns the
        // length only while playing and seeks by walking the frames, so a switch to the copy
        // stood silent for SeekableGraceMs and then played from 0. With it the copy prerolls
        // with its duration and seeks by the table, as an MP3 from LAME or ffmpeg does. Walking
        // the frame headers of a 3 MB preview takes about 1.5 ms (tst_mp3frames); anything else
        // is written as is.
        const QByteArray bytes = Mp3Frames::withSeekTable(fetched);
        QFile file(path);
        const bool written
            = file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.flush();
        file.close();
        if (!written)
            QFile::remove(path);
        // Back on the UI thread, where `self` can be checked without a race: the application
        // object outlives the player.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, url, path, written] {
                if (self)
                    self->held(url, written ? path : QString());
            },
            Qt::QueuedConnection);
    });
}

void PreviewPlayer::held(const QUrl &url, const QString &path)
{
    m_fetching.remove(url);
    if (path.isEmpty())
        return; // not written (disk full?): it streams
    QStringList unused;
    if (const QString old = m_whole.value(url); !old.isEmpty() && old != path)
        unused << old; // a refetch replaced it
    m_whole.insert(url, path);
    m_wholeOrder.removeAll(url);
    m_wholeOrder.append(url);
    while (m_wholeOrder.size() > MaxHeldWhole)
        unused << m_whole.take(m_wholeOrder.takeFirst());
    // A copy may be playing: unlinking keeps it readable until GStreamer closes it.
    backgroundPool()->start([dir = m_wholeDir, unused] {
        for (const QString &file : unused)
            QFile::remove(file);
    });
    // A switch still waiting for a stream that cannot seek yet (holdIfLengthUnknown()) takes the
    // copy now instead of waiting out SeekableGraceMs.
    const AudioUrl::Result current = AudioUrl::validate(m_current.url);
    if (current.ok && current.url == url && hasMedia() && !m_failed && m_pendingSeek >= 0
        && !m_player->source().isLocalFile() && !canSeekNow())
        startLoad(m_pendingSeek, m_wantPlaying);
}

bool PreviewPlayer::holdsWhole(const QString &url) const
{
    const AudioUrl::Result check = AudioUrl::validate(url);
    return check.ok && m_whole.contains(check.url);
}

QUrl PreviewPlayer::mediaUrlFor(const QString &url) const
{
    const AudioUrl::Result check = AudioUrl::validate(url);
    return check.ok ? mediaUrl(check.url) : QUrl();
}

QUrl PreviewPlayer::mediaUrl(const QUrl &url) const
{
    const QString held = m_whole.value(url);
    return held.isEmpty() ? url : QUrl::fromLocalFile(held);
}

void PreviewPlayer::onMediaStatus(int statusValue)
{
    const auto status = QMediaPlayer::MediaStatus(statusValue);
    if (m_settingSource || !hasMedia() || m_failed)
        return;
    switch (status) {
    case QMediaPlayer::NoMedia:
        break;
    case QMediaPlayer::LoadingMedia:
        setBuffering(true, 0);
        if (!m_loadTimer.isActive())
            m_loadTimer.start();
        break;
    case QMediaPlayer::StalledMedia:
        setBuffering(true, qRound(m_player->bufferProgress() * 100));
        m_loadTimer.start();
        break;
    case QMediaPlayer::BufferingMedia:
        // Playing on what has arrived: the timer now only catches a server that stops sending
        // (position and fill level both stand still), since both restart it.
        m_loadTimer.start();
        setBuffering(true, qRound(m_player->bufferProgress() * 100));
        applyPendingSeek();
        break;
    case QMediaPlayer::LoadedMedia:
    case QMediaPlayer::BufferedMedia:
        // While playing, the timer stays armed as a watchdog: GStreamer reports BufferedMedia
        // even when a server stops sending mid-stream, and only the frozen position tells.
        if (m_playing)
            m_loadTimer.start();
        else
            m_loadTimer.stop();
        setBuffering(false, 100);
        m_prerolled = true; // LoadedMedia is 6.4's "preroll done"; it stays true for this load
        if (m_player->duration() > 0) {
            setDuration(m_player->duration());
            reportLength(m_player->duration());
        } else {
            holdIfLengthUnknown();
        }
        applyPendingSeek();
        break;
    case QMediaPlayer::EndOfMedia:
        m_loadTimer.stop();
        setBuffering(false, 100);
        setPlaying(false);
        emit positionChanged(m_duration > 0 ? m_duration : m_player->position());
        emit finished();
        break;
    case QMediaPlayer::InvalidMedia:
        onPlayerError(QMediaPlayer::FormatError, m_player->errorString());
        break;
    }
}

void PreviewPlayer::onPlaybackState(int stateValue)
{
    const auto state = QMediaPlayer::PlaybackState(stateValue);
    if (m_settingSource || !hasMedia() || m_failed)
        return;
    // EndOfMedia reports Stopped; a pending load keeps our own idea of "playing".
    if (state == QMediaPlayer::StoppedState && m_player->mediaStatus() != QMediaPlayer::EndOfMedia
        && m_loadTimer.isActive())
        return;
    // A switch loads paused until the position is restored: that pause is ours, not the agent's.
    if (m_pendingSeek >= 0 && state != QMediaPlayer::PlayingState)
        return;
    setPlaying(state == QMediaPlayer::PlayingState);
}

void PreviewPlayer::onPlayerError(int errorValue, const QString &text)
{
    const auto error = QMediaPlayer::Error(errorValue);
    if (error == QMediaPlayer::NoError || m_failed || !hasMedia())
        return;
    if (m_seeked && !m_seekRefused) {
        // A server without byte ranges (Python's http.server, some CDNs' edge caches) cannot
        // serve a seek: GStreamer's HTTP source then fails the whole stream ("Server does not
        // accept Range HTTP header"). The file itself is fine, so play it from the start once
        // instead of calling it broken; a second failure is reported as it is.
        // Later, not now: the back end is still inside its error handling and marks "its"
        // media invalid right after this signal, and GStreamer has already queued a second
        // error ("Internal data stream error") for the same failure. m_failed keeps both from
        // reaching us; the reload waits until they have been delivered.
        m_seekRefused = true;
        m_failed = true;
        const quint64 id = m_loadId;
        QTimer::singleShot(StaleErrorDrainMs, this, [this, id] {
            if (id == m_loadId && hasMedia())
                startLoad(0, m_wantPlaying);
        });
        return;
    }
    m_failed = true;
    diagnose(m_current, error, text);
}

void PreviewPlayer::onLoadTimeout()
{
    if (!hasMedia() || m_failed)
        return;
    m_failed = true;
    const PreviewItem item = m_current;
    const auto status = m_player->mediaStatus();
    const bool started = status == QMediaPlayer::LoadedMedia
        || status == QMediaPlayer::BufferedMedia || status == QMediaPlayer::BufferingMedia;
    const QString seconds = QString::number(m_loadTimer.interval() / 1000.0, 'f',
                                            m_loadTimer.interval() % 1000 ? 1 : 0);
    releaseMedia();
    fail(ErrorKind::Timeout,
         started ? tr("The preview stopped arriving: the audio server sent nothing for %1 s. "
                      "Press play to try again.")
                       .arg(seconds)
                 : tr("The preview did not load within %1 s: the network or the audio server is "
                      "too slow. Press play to try again.")
                       .arg(seconds),
         item, m_loadId);
}

void PreviewPlayer::fail(ErrorKind kind, const QString &message, const PreviewItem &item,
                         quint64 loadId)
{
    // A late explanation for a load that was replaced meanwhile (even by the same item played
    // again) is still announced for that item, but is not the player's current state.
    if (loadId == m_loadId && item == m_current) {
        m_errorKind = kind;
        m_errorString = message;
    }
    emit errorOccurred(item, message);
}

void PreviewPlayer::diagnose(const PreviewItem &item, int errorValue, const QString &text)
{
    const auto error = QMediaPlayer::Error(errorValue);
    // The player stays usable for the next item at once; the explanation follows when the
    // server has told us why (QMediaPlayer only says "File not found" or "Internal data stream
    // error", never the HTTP status).
    releaseMedia();
    const quint64 loadId = m_loadId;
    const AudioUrl::Result check = AudioUrl::previewsAllowed(item.url);
    if (!check.ok) {
        fail(ErrorKind::InvalidUrl, check.reason, item, loadId);
        return;
    }
    if (!m_network)
        m_network = new QNetworkAccessManager(this);
    QNetworkRequest request(check.url);
    // A ranged GET, not HEAD: S3 pre-signed links are signed for GET and answer HEAD with 403.
    request.setRawHeader("Range", "bytes=0-1023");
    request.setTransferTimeout(ProbeTimeoutMs);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply, item, error, text, loadId] {
        reply->deleteLater();
        ErrorKind kind = ErrorKind::Other;
        const QString message = describeHttpFailure(item, reply, error, text, &kind);
        fail(kind, message, item, loadId);
    });
}

QString PreviewPlayer::describeHttpFailure(const PreviewItem &item, QNetworkReply *reply,
                                           int errorValue, const QString &text,
                                           ErrorKind *kind) const
{
    const auto error = QMediaPlayer::Error(errorValue);
    const QUrl url = reply->request().url();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const bool old = AudioUrl::looksExpired(url, item.createdAt);
    const bool expiringHost = AudioUrl::isExpiringHost(url, m_expiringHosts);
    const QString expiredText
        = tr("The preview link has expired: MusicGPT keeps MP3 files for 90 days and WAV "
             "files for 7 days (HTTP %1).");

    if (status == 410 || ((status == 403 || status == 404) && (old || expiringHost))) {
        *kind = ErrorKind::Expired;
        return expiredText.arg(status);
    }
    if (status == 404) {
        *kind = ErrorKind::NotFound;
        return tr("The preview was not found on the audio server (HTTP 404).");
    }
    if (status == 401 || status == 403) {
        *kind = ErrorKind::AccessDenied;
        return tr("The audio server refused access to the preview (HTTP %1).").arg(status);
    }
    if (status >= 400) {
        *kind = ErrorKind::Other;
        return tr("The audio server answered with an error (HTTP %1).").arg(status);
    }
    if (status == 0) {
        if (reply->error() == QNetworkReply::OperationCanceledError
            || reply->error() == QNetworkReply::TimeoutError) {
            *kind = ErrorKind::Timeout;
            return tr("The audio server did not answer in time.");
        }
        *kind = ErrorKind::Network;
        return tr("Could not reach the audio server: %1.").arg(reply->errorString());
    }
    // The server delivered something: then it is not audio we can play.
    const QString type = reply->header(QNetworkRequest::ContentTypeHeader)
                             .toString()
                             .section(QLatin1Char(';'), 0, 0)
                             .trimmed()
                             .toLower();
    *kind = ErrorKind::UnsupportedFormat;
    if (type.startsWith(QLatin1String("text/")) || type.contains(QLatin1String("html"))
        || type.contains(QLatin1String("json")) || type.contains(QLatin1String("xml"))
        || type.startsWith(QLatin1String("image/"))) {
        return tr("The link does not point to an audio file (the server sent %1).")
            .arg(type.left(60));
    }
    Q_UNUSED(error)
    Q_UNUSED(text)
    return tr("The preview cannot be played: its audio format is not supported or the file is "
              "damaged.");
}

} // namespace compose
