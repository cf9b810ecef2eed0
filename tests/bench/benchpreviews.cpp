#include "benchpreviews.h"

#include "audiofiles.h"
#include "audiohttpserver.h"
#include "mediawarmup.h"
#include "previewplayer.h"
#include "statichttpserver.h"

#include <QChildEvent>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QEventLoop>
#include <QMap>
#include <QMediaPlayer>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>

namespace compose::bench {

namespace {
qint64 threadCpuNs() // the calling thread's own CPU time
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// The calling thread's counters: voluntary (it waited) and involuntary (the scheduler preempted
// it) context switches, and page faults that read from disk (major) or only mapped a page that
// was in memory (minor).
struct ThreadUsage {
    long waits = 0;
    long preemptions = 0;
    long majorFaults = 0;
    long minorFaults = 0;
};
ThreadUsage threadUsage()
{
    rusage u {};
    getrusage(RUSAGE_THREAD, &u);
    return {u.ru_nvcsw, u.ru_nivcsw, u.ru_majflt, u.ru_minflt};
}

// Which delivery took the UI thread's time: an application-wide event filter sees every event
// just before it is delivered, so the time from one event to the next is the first one's
// handling (or, when no Qt event started it, a GLib source dispatched in between: GStreamer's
// bus watch). The longest such stretch since the last heartbeat is kept with its event.
class EventClock final : public QObject {
public:
    explicit EventClock(const QElapsedTimer &clock)
        : m_clock(clock)
    {
    }
    bool eventFilter(QObject *receiver, QEvent *event) override
    {
        const qint64 now = m_clock.nsecsElapsed();
        if (m_tracing) {
            // Events sent inside one call (ChildAdded as each QObject is made) mark its steps.
            const ThreadUsage u = threadUsage();
            m_trace += QByteArray::number((now - m_traceFrom) / 1e6, 'f', 1) + " ms, cpu "
                + QByteArray::number((threadCpuNs() - m_traceCpu) / 1e6, 'f', 1) + " ms, waited "
                + QByteArray::number(u.waits - m_traceUsage.waits) + ", faults "
                + QByteArray::number(u.minorFaults - m_traceUsage.minorFaults) + ": "
                + receiver->metaObject()->className() + '/'
                + QByteArray::number(int(event->type()));
            if (event->type() == QEvent::ChildAdded)
                m_trace += QByteArray(" child ")
                    + static_cast<QChildEvent *>(event)->child()->metaObject()->className();
            m_trace += '\n';
        }
        if (m_lastAt && now - m_lastAt > m_longestNs) {
            m_longestNs = now - m_lastAt;
            m_longest = m_last;
        }
        m_lastAt = now;
        m_last = QByteArray(receiver->metaObject()->className()) + '/'
            + QByteArray::number(int(event->type()));
        if (event->type() == QEvent::MetaCall)
            m_last += " (queued call)";
        else if (event->type() == QEvent::Timer)
            m_last += " (timer)";
        return false;
    }
    // The longest stretch since the last call, and what began it; starts a new watch.
    std::pair<qint64, QByteArray> take()
    {
        const qint64 now = m_clock.nsecsElapsed();
        if (m_lastAt && now - m_lastAt > m_longestNs) {
            m_longestNs = now - m_lastAt;
            m_longest = m_last + " (until the heartbeat)";
        }
        auto r = std::make_pair(m_longestNs, m_longest);
        m_longestNs = 0;
        m_longest.clear();
        return r;
    }

    // Logs every event from now until trace() (COMPOSE_BENCH_VERBOSE, around the first play).
    void startTrace()
    {
        m_tracing = true;
        m_trace.clear();
        m_traceFrom = m_clock.nsecsElapsed();
        m_traceCpu = threadCpuNs();
        m_traceUsage = threadUsage();
    }
    QByteArray trace()
    {
        m_tracing = false;
        const ThreadUsage u = threadUsage();
        return m_trace + QByteArray::number((m_clock.nsecsElapsed() - m_traceFrom) / 1e6, 'f', 1)
            + " ms, cpu " + QByteArray::number((threadCpuNs() - m_traceCpu) / 1e6, 'f', 1)
            + " ms, waited " + QByteArray::number(u.waits - m_traceUsage.waits) + ", faults "
            + QByteArray::number(u.minorFaults - m_traceUsage.minorFaults) + ": end\n";
    }

private:
    const QElapsedTimer &m_clock;
    bool m_tracing = false;
    QByteArray m_trace;
    qint64 m_traceFrom = 0;
    qint64 m_traceCpu = 0;
    ThreadUsage m_traceUsage;
    qint64 m_lastAt = 0;
    QByteArray m_last;
    qint64 m_longestNs = 0;
    QByteArray m_longest;
};

double median(QList<double> v)
{
    if (v.isEmpty())
        return 0;
    std::sort(v.begin(), v.end());
    const qsizetype n = v.size();
    return n % 2 ? v.at(n / 2) : (v.at(n / 2 - 1) + v.at(n / 2)) / 2;
}

// Past this a switch counts as silent (the printed value is then this bound).
constexpr int SoundBoundMs = 5000;
} // namespace

using compose::test::AudioFiles;
using compose::test::AudioHttpServer;
using compose::test::StaticHttpServer;

int runPreviewChild()
{
    // Three 16 s variations as WAV and as ID3-tagged MP3 (as MusicGPT's), each served by our own
    // server (byte ranges) and by python3 -m http.server (no ranges: PreviewPlayer holds copies).
    AudioHttpServer ranged;
    StaticHttpServer plain;
    if (!ranged.isListening()) {
        std::fprintf(stderr, "no audio server\n");
        return 2;
    }
    for (int v = 1; v <= 3; ++v) {
        const QByteArray wav = AudioFiles::wav(AudioFiles::tone(16.0, 220.0 * (v + 1)));
        QString error;
        QByteArray mp3 = AudioFiles::mp3(wav, &error);
        if (mp3.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
        // The same without a Xing/Info frame (as some encoders write them): nothing tells
        // GStreamer the length before it has played a while.
        QByteArray bare = AudioFiles::mp3(wav, &error, {false, false});
        if (bare.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
        const QByteArray tag
            = AudioFiles::id3v2Tag(QStringLiteral("Bench %1").arg(v), QStringLiteral("MusicGPT"));
        mp3.prepend(tag);
        bare.prepend(tag);
        ranged.addFile(QStringLiteral("v%1.wav").arg(v), wav, "audio/wav");
        ranged.addFile(QStringLiteral("v%1.mp3").arg(v), mp3, "audio/mpeg");
        ranged.addFile(QStringLiteral("n%1.mp3").arg(v), bare, "audio/mpeg");
        plain.addFile(QStringLiteral("v%1.wav").arg(v), wav);
        plain.addFile(QStringLiteral("v%1.mp3").arg(v), mp3);
        plain.addFile(QStringLiteral("n%1.mp3").arg(v), bare);
    }
    QString error;
    if (!plain.start(&error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    struct Scenario {
        QByteArray name;
        QList<PreviewItem> items;
    };
    QList<Scenario> scenarios;
    // "mp3bare": MP3 without a Xing/Info frame (n1..n3.mp3).
    for (const char *kind : {"wav", "mp3", "mp3bare"}) {
        for (const bool withRanges : {true, false}) {
            Scenario s;
            s.name = QByteArray(kind) + (withRanges ? "-ranges" : "-noranges");
            if (qEnvironmentVariableIsSet("COMPOSE_BENCH_PREVIEWS")
                && !s.name.contains(qgetenv("COMPOSE_BENCH_PREVIEWS")))
                continue; // only these scenarios (while investigating one)
            for (int v = 1; v <= 3; ++v) {
                const QString path = qstrcmp(kind, "mp3bare") == 0
                    ? QStringLiteral("n%1.mp3").arg(v)
                    : QStringLiteral("v%1.%2").arg(v).arg(QLatin1String(kind));
                PreviewItem item;
                item.formId = QStringLiteral("form_bench_") + QString::fromLatin1(s.name);
                item.songIndex = 0;
                item.variationIndex = v;
                item.url = withRanges ? ranged.url(path) : plain.url(path);
                item.label = QStringLiteral("bench");
                s.items << item;
            }
            scenarios << s;
        }
    }

    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = 0;
    qint64 maxGapNs = 0;
    qint64 lastCpu = 0;
    qint64 maxBusyNs = 0; // the UI thread's own CPU time within one gap: work, not preemption
    ThreadUsage lastUsage;
    ThreadUsage maxGapUsage; // within the longest gap: what the thread did besides running
    qint64 maxGapCpuNs = 0;
    double maxGapAt = 0;
    QByteArray maxGapWhat; // the delivery that took most of it (EventClock)
    QByteArray lastOp = "start"; // the last timed call before a gap, and when it began
    double lastOpAt = 0;
    const bool verbose = qEnvironmentVariableIsSet("COMPOSE_BENCH_VERBOSE");
    EventClock events(clock);
    QCoreApplication::instance()->installEventFilter(&events);
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, &heartbeat, [&] {
        const qint64 now = clock.nsecsElapsed();
        const qint64 cpu = threadCpuNs();
        const ThreadUsage u = threadUsage();
        const auto [longestNs, what] = events.take();
        if (lastTick) {
            const ThreadUsage d {u.waits - lastUsage.waits, u.preemptions - lastUsage.preemptions,
                                 u.majorFaults - lastUsage.majorFaults,
                                 u.minorFaults - lastUsage.minorFaults};
            if (now - lastTick > 8000000 && verbose)
                std::fprintf(
                    stderr,
                    "gap %.1f ms (cpu %.1f ms, waited %ld, preempted %ld, faults %ld major "
                    "%ld minor) at %.3f s, %.1f ms after %s; longest delivery %.1f ms: "
                    "%s\n",
                    (now - lastTick) / 1e6, (cpu - lastCpu) / 1e6, d.waits, d.preemptions,
                    d.majorFaults, d.minorFaults, now / 1e9, (now / 1e9 - lastOpAt) * 1e3,
                    lastOp.constData(), longestNs / 1e6, what.constData());
            if (now - lastTick > maxGapNs) {
                maxGapUsage = d;
                maxGapCpuNs = cpu - lastCpu;
                maxGapAt = now / 1e9;
                maxGapWhat = lastOp + " +"
                    + QByteArray::number((now / 1e9 - lastOpAt) * 1e3, 'f', 0) + " ms, " + what;
            }
            maxGapNs = std::max(maxGapNs, now - lastTick);
            maxBusyNs = std::max(maxBusyNs, cpu - lastCpu);
        }
        lastTick = now;
        lastCpu = cpu;
        lastUsage = u;
    });

    PreviewPlayer player;
    player.setLoadTimeout(10000);
    QMap<QByteArray, double> callMs;
    auto timed = [&](const QByteArray &op, const std::function<void()> &f) {
        QElapsedTimer t;
        t.start();
        const qint64 cpu0 = threadCpuNs();
        lastOp = op;
        lastOpAt = clock.nsecsElapsed() / 1e9;
        f();
        if (verbose)
            std::fprintf(stderr, "%s at %.3f s: %.1f ms\n", op.constData(),
                         clock.nsecsElapsed() / 1e9, t.nsecsElapsed() / 1e6);
        callMs[op] = std::max(callMs.value(op), t.nsecsElapsed() / 1e6);
        callMs[op + "-cpu"] = std::max(callMs.value(op + "-cpu"), (threadCpuNs() - cpu0) / 1e6);
    };
    // Lets the loop run (and the heartbeat tick) until cond or timeoutMs.
    auto waitFor = [&](const std::function<bool()> &cond, int timeoutMs) {
        QElapsedTimer t;
        t.start();
        while (!cond() && t.elapsed() < timeoutMs)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        return cond();
    };
    auto playing = [&] {
        return player.isPlaying() && !player.isBuffering();
    };
    // The sound is back once the new source plays and its position has moved past the one the
    // switch restored (QMediaPlayer's own position, not the bar's, which shows the target).
    auto sounding = [&](const QString &url, qint64 restored) {
        QMediaPlayer *mp = player.mediaPlayer();
        // The URL itself, or the copy held whole once its server turned out to have no ranges.
        const bool source = mp->source() == QUrl(url) || mp->source() == player.mediaUrlFor(url);
        return source && mp->playbackState() == QMediaPlayer::PlayingState
            && mp->position() > restored + 20;
    };

    heartbeat.start();
    waitFor([] { return false; }, 100); // the heartbeat settles
    maxGapNs = 0;
    maxBusyNs = 0;
    // As the dashboard does after its first paint: GStreamer and its plugins load on a pool
    // thread, then the player is made without a source in a turn of its own (PreviewPlayer::
    // prepare()), long before the agent's first preview. Both inside the measured window: the
    // prepare() turn's gap counts. COMPOSE_BENCH_NO_WARMUP: neither (the first play pays).
    if (!qEnvironmentVariableIsSet("COMPOSE_BENCH_NO_WARMUP")) {
        QElapsedTimer w;
        w.start();
        bool prepared = false;
        MediaWarmup::start(&player, [&] {
            std::printf("warmup-ms %.1f\n", w.nsecsElapsed() / 1e6);
            timed("prepare", [&] { player.prepare(); });
            prepared = true;
        });
        waitFor([&] { return prepared; }, 10000);
        waitFor([] { return false; }, 300); // as the agent takes a while to press a key
    }
    QMap<QByteArray, QList<double>> soundMs;
    int playStalls = 0; // songs whose first play stood still before the first key
    bool ok = true;
    for (const Scenario &s : std::as_const(scenarios)) {
        if (!ok)
            break;
        QElapsedTimer started;
        started.start();
        const bool firstPlay = &s == &scenarios.constFirst();
        if (verbose && firstPlay)
            events.startTrace();
        timed("play", [&] { player.play(s.items.at(0), s.items); });
        if (verbose && firstPlay)
            std::fprintf(stderr, "first play, step by step:\n%s", events.trace().constData());
        waitFor([&] { return sounding(s.items.at(0).url, 0); }, SoundBoundMs);
        soundMs["play"] << std::min<double>(started.nsecsElapsed() / 1e6, SoundBoundMs);
        ok = ok && waitFor(playing, 10000);
        if (!ok)
            std::fprintf(stderr, "%s: the first play did not start\n", s.name.constData());
        // The agent listens before the first key. The song's first play must play on: a stream
        // that stands still until the next key is counted (its position after the second).
        const qint64 heard = player.mediaPlayer()->position();
        waitFor([] { return false; }, 1000);
        if (player.mediaPlayer()->position() < heard + 500) {
            ++playStalls;
            std::fprintf(stderr,
                         "%s: the first play stood still at %lld ms (%lld ms a second "
                         "before)\n",
                         s.name.constData(), player.mediaPlayer()->position(), heard);
        }
        // As an agent compares: a key about every second.
        for (int v : {2, 3, 1, 3, 2, 1}) {
            const PreviewItem &target = s.items.at(v - 1);
            QElapsedTimer key;
            key.start();
            timed("switch", [&] { player.switchToVariation(v); });
            const qint64 restored = player.position();
            waitFor([&] { return sounding(target.url, restored); }, SoundBoundMs);
            soundMs[s.name] << std::min<double>(key.nsecsElapsed() / 1e6, SoundBoundMs);
            if (qEnvironmentVariableIsSet("COMPOSE_BENCH_VERBOSE"))
                std::fprintf(stderr, "%s switch to %d from %lld: %.1f ms, at %lld, state %d\n",
                             s.name.constData(), v, restored, soundMs[s.name].last(),
                             player.mediaPlayer()->position(),
                             int(player.mediaPlayer()->playbackState()));
            if (qEnvironmentVariableIsSet("COMPOSE_BENCH_VERBOSE")) {
                QByteArray trace;
                while (key.elapsed() < 1000) {
                    waitFor([] { return false; }, 50);
                    trace += QByteArray::number(key.elapsed()) + ':'
                        + QByteArray::number(player.mediaPlayer()->position()) + '/'
                        + QByteArray::number(int(player.mediaPlayer()->mediaStatus())) + ' ';
                }
                std::fprintf(stderr, "  %s\n", trace.constData());
            }
            waitFor([] { return false; }, int(std::max<qint64>(0, 1000 - key.elapsed())));
        }
        ok = ok && waitFor(playing, 10000);
        if (!ok)
            std::fprintf(stderr,
                         "%s: not playing after the switches (playing %d buffering %d, %s)\n",
                         s.name.constData(), int(player.isPlaying()), int(player.isBuffering()),
                         qPrintable(player.errorString()));
        timed("seek", [&] { player.seek(5000); });
        waitFor([] { return false; }, 300);
        timed("seek", [&] { player.seekBy(-3000); });
        waitFor([] { return false; }, 300);
        timed("stop", [&] { player.stop(); });
        waitFor([] { return false; }, 200);
    }
    if (!ok) {
        std::fprintf(stderr, "preview did not play: %s\n", qPrintable(player.errorString()));
        return 3;
    }
    for (auto it = callMs.cbegin(); it != callMs.cend(); ++it)
        std::printf("%s-call-ms %.3f\n", it.key().constData(), it.value());
    std::printf("preview-max-gap-ms %.3f\n", maxGapNs / 1e6);
    std::printf("preview-max-busy-ms %.3f\n", maxBusyNs / 1e6);
    std::printf("preview-max-gap-cpu-ms %.3f\n", maxGapCpuNs / 1e6);
    std::printf("preview-max-gap-waits %ld\n", maxGapUsage.waits);
    std::printf("preview-max-gap-preemptions %ld\n", maxGapUsage.preemptions);
    std::printf("preview-max-gap-major-faults %ld\n", maxGapUsage.majorFaults);
    std::printf("preview-max-gap-minor-faults %ld\n", maxGapUsage.minorFaults);
    std::printf("preview-max-gap-at-s %.3f\n", maxGapAt);
    // One word per line (targets.sh reads "key value"): spaces become underscores.
    std::printf("preview-max-gap-what %s\n", maxGapWhat.replace(' ', '_').constData());
    QList<double> all;
    for (auto it = soundMs.cbegin(); it != soundMs.cend(); ++it) {
        if (it.key() != "play")
            all << it.value(); // the switches
        std::printf("sound-%s-median-ms %.1f\n", it.key().constData(), median(it.value()));
        std::printf("sound-%s-max-ms %.1f\n", it.key().constData(),
                    *std::max_element(it.value().cbegin(), it.value().cend()));
        QByteArray each;
        for (double ms : it.value())
            each += QByteArray::number(ms, 'f', 0) + ' ';
        std::printf("sound-%s-each %s\n", it.key().constData(), each.trimmed().constData());
    }
    std::printf("play-stalls %d\n", playStalls);
    std::printf("sound-switch-median-ms %.1f\n", median(all));
    std::printf("sound-switch-max-ms %.1f\n",
                all.isEmpty() ? 0.0 : *std::max_element(all.cbegin(), all.cend()));
    std::fflush(stdout);
    return 0;
}

} // namespace compose::bench
