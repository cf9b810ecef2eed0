#include "benchpreviews.h"

#include "audiofiles.h"
#include "audiohttpserver.h"
#include "mediawarmup.h"
#include "previewplayer.h"
#include "statichttpserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
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

// Voluntary (the thread waited) and involuntary (the scheduler preempted it) context switches.
std::pair<long, long> threadSwitches()
{
    rusage u {};
    getrusage(RUSAGE_THREAD, &u);
    return {u.ru_nvcsw, u.ru_nivcsw};
}

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
        mp3.prepend(
            AudioFiles::id3v2Tag(QStringLiteral("Bench %1").arg(v), QStringLiteral("MusicGPT")));
        ranged.addFile(QStringLiteral("v%1.wav").arg(v), wav, "audio/wav");
        ranged.addFile(QStringLiteral("v%1.mp3").arg(v), mp3, "audio/mpeg");
        plain.addFile(QStringLiteral("v%1.wav").arg(v), wav);
        plain.addFile(QStringLiteral("v%1.mp3").arg(v), mp3);
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
    for (const char *ext : {"wav", "mp3"}) {
        for (const bool withRanges : {true, false}) {
            Scenario s;
            s.name = QByteArray(ext) + (withRanges ? "-ranges" : "-noranges");
            for (int v = 1; v <= 3; ++v) {
                const QString path = QStringLiteral("v%1.%2").arg(v).arg(QLatin1String(ext));
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
    std::pair<long, long> lastSwitches;
    long maxGapWaits = 0; // within the longest gap: the thread blocked this often
    long maxGapPreemptions = 0; // and was preempted this often
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, &heartbeat, [&] {
        const qint64 now = clock.nsecsElapsed();
        const qint64 cpu = threadCpuNs();
        const auto switches = threadSwitches();
        if (lastTick) {
            if (now - lastTick > 16000000 && qEnvironmentVariableIsSet("COMPOSE_BENCH_VERBOSE"))
                std::fprintf(stderr,
                             "gap %.1f ms (cpu %.1f ms, waited %ld, preempted %ld) at %.3f s\n",
                             (now - lastTick) / 1e6, (cpu - lastCpu) / 1e6,
                             switches.first - lastSwitches.first,
                             switches.second - lastSwitches.second, now / 1e9);
            if (now - lastTick > maxGapNs) {
                maxGapWaits = switches.first - lastSwitches.first;
                maxGapPreemptions = switches.second - lastSwitches.second;
            }
            maxGapNs = std::max(maxGapNs, now - lastTick);
            maxBusyNs = std::max(maxBusyNs, cpu - lastCpu);
        }
        lastTick = now;
        lastCpu = cpu;
        lastSwitches = switches;
    });

    PreviewPlayer player;
    player.setLoadTimeout(10000);
    QMap<QByteArray, double> callMs;
    auto timed = [&](const QByteArray &op, const std::function<void()> &f) {
        QElapsedTimer t;
        t.start();
        const qint64 cpu0 = threadCpuNs();
        f();
        if (qEnvironmentVariableIsSet("COMPOSE_BENCH_VERBOSE"))
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
    // As the dashboard does after its first paint: GStreamer and its plugins load on a pool
    // thread, long before the agent's first preview (COMPOSE_BENCH_NO_WARMUP: without).
    if (!qEnvironmentVariableIsSet("COMPOSE_BENCH_NO_WARMUP")) {
        QElapsedTimer w;
        w.start();
        MediaWarmup::start();
        waitFor([] { return MediaWarmup::isDone(); }, 10000);
        std::printf("warmup-ms %.1f\n", w.nsecsElapsed() / 1e6);
    }
    waitFor([] { return false; }, 100); // the heartbeat settles
    maxGapNs = 0;
    maxBusyNs = 0;
    QMap<QByteArray, QList<double>> soundMs;
    bool ok = true;
    for (const Scenario &s : std::as_const(scenarios)) {
        if (!ok)
            break;
        QElapsedTimer started;
        started.start();
        timed("play", [&] { player.play(s.items.at(0), s.items); });
        waitFor([&] { return sounding(s.items.at(0).url, 0); }, SoundBoundMs);
        soundMs["play"] << std::min<double>(started.nsecsElapsed() / 1e6, SoundBoundMs);
        ok = ok && waitFor(playing, 10000);
        if (!ok)
            std::fprintf(stderr, "%s: the first play did not start\n", s.name.constData());
        waitFor([] { return false; }, 1000); // the agent listens before the first key
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
    std::printf("preview-max-gap-waits %ld\n", maxGapWaits);
    std::printf("preview-max-gap-preemptions %ld\n", maxGapPreemptions);
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
    std::printf("sound-switch-median-ms %.1f\n", median(all));
    std::printf("sound-switch-max-ms %.1f\n",
                all.isEmpty() ? 0.0 : *std::max_element(all.cbegin(), all.cend()));
    std::fflush(stdout);
    return 0;
}

} // namespace compose::bench
