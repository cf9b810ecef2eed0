// A switch between variations must never freeze the dashboard inside QMediaPlayer::setSource():
// Qt 6.4's GStreamer back end can deadlock there when the new pipeline's streaming thread
// connects the audio output while setSource()'s closing seek runs on the UI thread (see
// models/audio/decodergate.h; CI saw it in tst_previewplayer: killed after 300 s in
// switchToVariation()). Naturally it is about one load in 3,000 (a QMediaPlayer loop on two
// CPUs). Here the race is forced:
// - the child process runs on one CPU, and its UI thread, once the first preview plays, under
//   SCHED_IDLE: a streaming thread that wakes takes the CPU at once, so the stream is announced
//   while setSource() is still running on about 2 switches in 3 (12 of 18; on one CPU without
//   SCHED_IDLE it was 1 of 18);
// - a GLib emission hook holds the window in the middle of Qt's connectOutput() open for 20 ms:
//   after the output is linked, before its state is set.
// Without DecoderGate every run of this child deadlocked within its first few loads. A deadlock
// cannot be caught in-process (the test's own thread is the one frozen), so the switches run in
// a child process and the test fails if the child stops making progress.
#include "audiofiles.h"
#include "audiourl.h"
#include "decodergate.h"
#include "previewplayer.h"
#include "statichttpserver.h"
#include "testtime.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMediaPlayer>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QThread>

#include <glib-object.h>
#include <sched.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>

using namespace compose;
using compose::test::AudioFiles;
using compose::test::scaledMs;
using compose::test::StaticHttpServer;

namespace {

constexpr int Switches = 18;
constexpr int WindowMs = 20;
std::atomic<int> widened {0};

// GstPad::linked(pad, peer), on the thread that linked. QGstreamerAudioOutput's bin is named
// "audioOutput"; connectOutput() links it and then sets its state.
gboolean holdWindowOpen(GSignalInvocationHint *, guint count, const GValue *values, gpointer)
{
    if (count < 1 || !G_VALUE_HOLDS_OBJECT(&values[0]))
        return TRUE;
    GObject *parent = nullptr;
    g_object_get(g_value_get_object(&values[0]), "parent", &parent, nullptr);
    if (!parent)
        return TRUE;
    gchar *name = nullptr;
    g_object_get(parent, "name", &name, nullptr);
    if (name && std::strcmp(name, "audioOutput") == 0) {
        ++widened;
        QThread::msleep(WindowMs);
    }
    g_free(name);
    g_object_unref(parent);
    return TRUE;
}

void say(const QByteArray &line)
{
    std::fprintf(stdout, "%s\n", line.constData());
    std::fflush(stdout);
}

// The child: one CPU, the window held open, PreviewPlayer comparing three MP3 previews from a
// server without byte ranges (so, as in compareMp3FromStaticServer, every switch loads a local
// copy: the fastest stream there is, and the one CI froze on).
int runChild(int argc, char **argv)
{
    cpu_set_t allowed;
    CPU_ZERO(&allowed);
    if (sched_getaffinity(0, sizeof allowed, &allowed) == 0) {
        for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
            if (CPU_ISSET(cpu, &allowed)) {
                cpu_set_t one;
                CPU_ZERO(&one);
                CPU_SET(cpu, &one);
                sched_setaffinity(0, sizeof one, &one); // before any thread: all inherit it
                break;
            }
        }
    }
    QCoreApplication app(argc, argv);
    AudioUrl::setPreviewPolicy({true, false}); // the server is on 127.0.0.1, as in demo mode

    StaticHttpServer server;
    QString error;
    const double freqs[] = {440.0, 550.0, 660.0};
    for (int v = 0; v < 3; ++v) {
        const QByteArray mp3
            = AudioFiles::mp3(AudioFiles::wav(AudioFiles::tone(12.0, freqs[v])), &error);
        if (mp3.isEmpty() || !server.addFile(QStringLiteral("v%1.mp3").arg(v + 1), mp3)) {
            say("error: no MP3: " + error.toUtf8());
            return 2;
        }
    }
    if (!server.start(&error)) {
        say("error: server: " + error.toUtf8());
        return 2;
    }
    QList<PreviewItem> variations;
    for (int v = 1; v <= 3; ++v) {
        PreviewItem i;
        i.formId = QStringLiteral("form_race");
        i.songIndex = 0;
        i.variationIndex = v;
        i.url = server.url(QStringLiteral("v%1.mp3").arg(v));
        variations << i;
    }

    PreviewPlayer player;
    player.mediaPlayer(); // makes the QMediaPlayer: GStreamer's types exist from here on
    const GType pad = g_type_from_name("GstPad");
    if (!pad) {
        say("error: GStreamer is not QtMultimedia's back end here");
        return 2;
    }
    g_signal_add_emission_hook(g_signal_lookup("linked", pad), 0, holdWindowOpen, nullptr, nullptr);

    bool failed = false;
    QObject::connect(&player, &PreviewPlayer::errorOccurred, &app,
                     [&](const PreviewItem &, const QString &message) {
                         say("error: " + message.toUtf8());
                         failed = true;
                     });
    player.play(variations.at(0), variations);
    const auto wait = [&](const auto &done) {
        return QTest::qWaitFor(done, scaledMs(10000));
    };
    if (!wait([&] { return player.mediaPlayer()->position() > 1000; })) {
        say("error: the first variation did not play");
        return 2;
    }
    for (const PreviewItem &v : std::as_const(variations)) {
        if (!wait([&] { return player.holdsWhole(v.url); })) {
            say("error: not held whole: " + v.url.toUtf8());
            return 2;
        }
    }
    // From here the UI thread runs only when nothing else on its CPU wants to: GStreamer's
    // streaming threads (made by GLib's spawner thread, which does not pass on its caller's
    // policy, and already running) take the CPU the moment they wake, so a new source's stream
    // gets as far as it can before setSource() returns.
    sched_param idle {};
    if (sched_setscheduler(0, SCHED_IDLE, &idle) != 0) {
        say("error: SCHED_IDLE refused");
        return 2;
    }
    const int order[] = {3, 2, 1};
    for (int n = 0; n < Switches; ++n) {
        const int target = order[n % 3];
        const QString url = variations.at(target - 1).url;
        say(QByteArray("switching ") + QByteArray::number(n + 1)); // a freeze shows here
        player.switchToVariation(target);
        const bool playing = wait([&] {
            QMediaPlayer *mp = player.mediaPlayer();
            return failed
                || (mp->source() == player.mediaUrlFor(url)
                    && mp->playbackState() == QMediaPlayer::PlayingState && mp->position() > 0);
        });
        if (failed || !playing) {
            say("error: switch " + QByteArray::number(n + 1) + " did not play");
            return 2;
        }
        if (player.position() > 9000)
            player.seek(500); // stay inside the 12 s files
    }
    const DecoderGate::Counts counts = DecoderGate::counts();
    say("done parked " + QByteArray::number(counts.parked) + " timedout "
        + QByteArray::number(counts.timedOut) + " widened " + QByteArray::number(widened.load()));
    return 0;
}

} // namespace

class TestPreviewLoadRace : public QObject {
    Q_OBJECT
private slots:
    void switchesNeverFreeze();
};

void TestPreviewLoadRace::switchesNeverFreeze()
{
    QProcess child;
    child.setProcessChannelMode(QProcess::SeparateChannels);
    child.setProgram(QCoreApplication::applicationFilePath());
    child.setArguments({QStringLiteral("--race-child")});
    // A group of its own: a frozen child is killed with its python3 http.server.
    child.setChildProcessModifier([] { ::setpgid(0, 0); });
    child.start();
    QVERIFY2(child.waitForStarted(scaledMs(10000)), qPrintable(child.errorString()));

    // Progress, not total time, is what a deadlock stops: each switch plays within seconds.
    QByteArray out;
    QByteArray lastLine = "(nothing)";
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    const int stallMs = scaledMs(15000);
    while (child.state() != QProcess::NotRunning && sinceProgress.elapsed() < stallMs) {
        child.waitForReadyRead(200);
        const QByteArray more = child.readAllStandardOutput();
        if (!more.isEmpty()) {
            out += more;
            const QList<QByteArray> lines = out.trimmed().split('\n');
            lastLine = lines.last();
            sinceProgress.restart();
        }
    }
    const bool stalled = child.state() != QProcess::NotRunning;
    if (stalled) {
        ::kill(-pid_t(child.processId()), SIGKILL);
        child.waitForFinished(scaledMs(10000));
    }
    out += child.readAllStandardOutput();
    const QByteArray errors = child.readAllStandardError();
    QVERIFY2(!stalled,
             qPrintable(QStringLiteral("no progress for %1 s after \"%2\": the UI thread froze "
                                       "inside a media call (stderr tail: %3)")
                            .arg(stallMs / 1000)
                            .arg(QString::fromUtf8(lastLine))
                            .arg(QString::fromUtf8(errors.right(600)))));
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0,
             qPrintable(QString::fromUtf8(out.trimmed().split('\n').last())));

    const QRegularExpressionMatch done
        = QRegularExpression(QStringLiteral("done parked (\\d+) timedout (\\d+) widened (\\d+)"))
              .match(QString::fromUtf8(out));
    QVERIFY2(done.hasMatch(), out.constData());
    qInfo("%s", qPrintable(done.captured(0)));
    // The window was really held open (Qt still connects the output the way the hook expects)
    // and the race really came: streams announced during a media call waited for it to end...
    QVERIFY2(done.captured(3).toInt() > 0, "the audio output was never linked: hook out of date?");
    QVERIFY2(done.captured(1).toInt() > 0, "no stream was announced inside a media call");
    // ...and not one gave up waiting: the UI thread never needed the waiting thread.
    QCOMPARE(done.captured(2).toInt(), 0);
}

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "--race-child") == 0)
        return runChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestPreviewLoadRace test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_previewloadrace.moc"
