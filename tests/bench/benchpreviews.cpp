#include "benchpreviews.h"

#include "audiofiles.h"
#include "audiohttpserver.h"
#include "previewplayer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMap>
#include <QTimer>

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
} // namespace

using compose::test::AudioFiles;
using compose::test::AudioHttpServer;

int runPreviewChild()
{
    AudioHttpServer server;
    if (!server.isListening()) {
        std::fprintf(stderr, "no audio server\n");
        return 2;
    }
    QList<PreviewItem> items;
    for (int v = 1; v <= 3; ++v) {
        const QString path = QStringLiteral("v%1.wav").arg(v);
        server.addFile(path, AudioFiles::wav(AudioFiles::tone(8.0, 220.0 * (v + 1))), "audio/wav");
        PreviewItem item;
        item.formId = QStringLiteral("form_bench");
        item.songIndex = 0;
        item.variationIndex = v;
        item.url = server.url(path);
        item.label = QStringLiteral("bench");
        items << item;
    }

    QElapsedTimer clock;
    clock.start();
    qint64 lastTick = 0;
    qint64 maxGapNs = 0;
    qint64 lastCpu = 0;
    qint64 maxBusyNs = 0; // the UI thread's own CPU time within one gap: work, not preemption
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, &heartbeat, [&] {
        const qint64 now = clock.nsecsElapsed();
        const qint64 cpu = threadCpuNs();
        if (lastTick) {
            maxGapNs = std::max(maxGapNs, now - lastTick);
            maxBusyNs = std::max(maxBusyNs, cpu - lastCpu);
        }
        lastTick = now;
        lastCpu = cpu;
    });

    PreviewPlayer player;
    player.setLoadTimeout(10000);
    QMap<QByteArray, double> callMs;
    auto timed = [&](const QByteArray &op, const std::function<void()> &f) {
        QElapsedTimer t;
        t.start();
        const qint64 cpu0 = threadCpuNs();
        f();
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

    heartbeat.start();
    waitFor([] { return false; }, 100); // the heartbeat settles
    maxGapNs = 0;
    maxBusyNs = 0;
    bool ok = true;
    for (int round = 0; round < 3 && ok; ++round) {
        timed("play", [&] { player.play(items.at(0), items); });
        ok = ok && waitFor(playing, 10000);
        waitFor([] { return false; }, 300);
        for (int v : {2, 3, 1}) {
            timed("switch", [&] { player.switchToVariation(v); });
            ok = ok && waitFor(playing, 10000);
            waitFor([] { return false; }, 200);
        }
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
    std::fflush(stdout);
    return 0;
}

} // namespace compose::bench
