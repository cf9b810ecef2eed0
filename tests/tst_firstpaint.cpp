// Start-up as main() does it (DashboardController::startInSteps with --demo, in an isolated
// HOME): the window's frame, its detail pane, the wiring, the layout, offscreen paints, the
// native window and showing it are separate turns of the event loop, so the UI
// thread is never held from QApplication to the first page for the whole construction at once
// (issue 14: no stretch over 16 ms). A 1 ms heartbeat on the UI thread counts the turns it got
// in each phase; start() (everything at once, as the tests use it) gives it none between them.
#include "backgroundpool.h"
#include "commandline.h"
#include "dashboardcontroller.h"
#include "formlistmodel.h"
#include "funnelmodel.h"
#include "isolateduser.h"
#include "mainwindow.h"
#include "mediawarmup.h"
#include "threadwaits.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QWidget>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

using namespace compose;

class TestFirstPaint final : public QObject {
    Q_OBJECT
private slots:
    void stepsLetTheEventLoopRun_data();
    void stepsLetTheEventLoopRun();
    void threadWaitsTellsWhatTheThreadDid();
    void backgroundWorkLeavesTheGlobalPoolToPaints();
};

void TestFirstPaint::stepsLetTheEventLoopRun_data()
{
    QTest::addColumn<bool>("inSteps");
    QTest::addRow("startInSteps (main)") << true;
    QTest::addRow("start (all at once)") << false;
}

void TestFirstPaint::stepsLetTheEventLoopRun()
{
    QFETCH(bool, inSteps);
    QString error;
    const auto options = CommandLine::parse(
        {QStringLiteral("compose-dashboard"), QStringLiteral("--demo")}, &error);
    QVERIFY2(options, qPrintable(error));
    DashboardController controller(*options);

    // Ticks seen while there was no window yet, while only its frame (filters, funnel, list)
    // was built, while it was built but had no native window, while it had one but was not
    // shown, once shown.
    enum Phase { NoWindow, Frame, Built, Created, Shown, PhaseCount };
    int ticks[PhaseCount] = {};
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    connect(&heartbeat, &QTimer::timeout, this, [&] {
        MainWindow *w = controller.window();
        const Phase phase = !w                        ? NoWindow
            : w->isVisible()                          ? Shown
            : !w->detailView()                        ? Frame
            : w->testAttribute(Qt::WA_WState_Created) ? Created
                                                      : Built;
        ++ticks[phase];
    });
    heartbeat.start();

    if (inSteps) {
        controller.startInSteps();
        QVERIFY(!controller.window()); // nothing of the window is built inside the call
        // The demo database is being prepared on a worker: not on one of the global pool's
        // threads, which the window's first paints wait for (backgroundpool.h).
        QCOMPARE(QThreadPool::globalInstance()->activeThreadCount(), 0);
        QVERIFY(backgroundPool()->activeThreadCount() > 0 || controller.window());
    } else {
        controller.start();
        QVERIFY(controller.window() && controller.window()->isVisible());
    }
    // First start fills the demo database: allow for a slow, shared machine.
    QTRY_VERIFY_WITH_TIMEOUT(controller.window() && controller.window()->isVisible(), 60000);
    MainWindow *window = controller.window();
    QTRY_VERIFY_WITH_TIMEOUT(window->listModel()->rowCount() > 0, 120000);
    QTRY_VERIFY_WITH_TIMEOUT(window->funnelModel()->rowCount() > 0, 30000);
    QVERIFY(ticks[Shown] > 0);
    qInfo("heartbeat ticks: %d before the window, %d with its frame only, %d built, %d with "
          "a native window, %d shown",
          ticks[NoWindow], ticks[Frame], ticks[Built], ticks[Created], ticks[Shown]);
    if (inSteps) {
        // The event loop ran before the window was built, between its frame and its detail
        // pane, before its native window was made and between that and showing it: each is
        // its own short stretch.
        QVERIFY(ticks[NoWindow] > 0);
        QVERIFY(ticks[Frame] > 0);
        QVERIFY(ticks[Built] > 0);
        QVERIFY(ticks[Created] > 0);
    } else {
        QCOMPARE(ticks[NoWindow], 0);
        QCOMPARE(ticks[Frame], 0);
        QCOMPARE(ticks[Built], 0);
        QCOMPARE(ticks[Created], 0);
    }
}

void TestFirstPaint::threadWaitsTellsWhatTheThreadDid()
{
    // first-paint.py names what the UI thread waited on in each long gap from these counters:
    // each must count what really happened on this thread.
    ThreadWaits waits;
    if (!waits.knowsRunQueue())
        QSKIP("no /proc/thread-self/schedstat on this system");

    // Asleep: 30 ms in a blocking call is wall time without CPU or run queue, and a voluntary
    // switch.
    ThreadWaits::Sample before = waits.sample();
    QElapsedTimer wall;
    wall.start();
    QThread::msleep(30);
    double wallMs = double(wall.nsecsElapsed()) / 1e6;
    ThreadWaits::Sample in = waits.sample() - before;
    QVERIFY2(in.voluntarySwitches >= 1, qPrintable(QString::number(in.voluntarySwitches)));
    QVERIFY2(in.asleepMs(wallMs) >= 20.0, in.describe(wallMs).constData());
    QVERIFY2(in.cpuNs < 10 * 1000 * 1000, in.describe(wallMs).constData());

    // CPU: 20 ms of work is CPU time (at least most of it, on a loaded machine), not sleep.
    before = waits.sample();
    wall.restart();
    volatile quint64 sink = 0;
    while (wall.elapsed() < 20) {
        for (int i = 0; i < 10000; ++i)
            sink = sink + quint64(i);
    }
    wallMs = double(wall.nsecsElapsed()) / 1e6;
    in = waits.sample() - before;
    QVERIFY2(in.cpuNs + in.runQueueNs >= 15 * 1000 * 1000, in.describe(wallMs).constData());
    QVERIFY2(in.asleepMs(wallMs) < 10.0, in.describe(wallMs).constData());

    // Minor faults: touching 256 fresh anonymous pages maps each of them.
    const size_t pageSize = size_t(sysconf(_SC_PAGESIZE));
    const size_t pages = 256;
    before = waits.sample();
    void *anon = mmap(nullptr, pages * pageSize, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    QVERIFY(anon != MAP_FAILED);
    for (size_t i = 0; i < pages; ++i)
        static_cast<volatile char *>(anon)[i * pageSize] = 1;
    in = waits.sample() - before;
    munmap(anon, pages * pageSize);
    QVERIFY2(in.minorFaults >= qint64(pages), in.describe(0).constData());
    QCOMPARE(in.majorFaults, 0);

    // Major faults: reading a file's page that is not in the page cache (what a shared
    // library's code does after other files pushed it out) reads the disk. The file is written
    // next to the test (the build directory: a disk, not tmpfs) and dropped from the cache.
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/threadwaits-XXXXXX"));
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("pages"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        const QByteArray chunk(int(pageSize), 'x');
        for (size_t i = 0; i < pages; ++i)
            QCOMPARE(file.write(chunk), qint64(chunk.size()));
        QVERIFY(file.flush());
        QCOMPARE(fsync(file.handle()), 0);
    }
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    QVERIFY(fd >= 0);
    QCOMPARE(posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED), 0);
    void *mapped = mmap(nullptr, pages * pageSize, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    QVERIFY(mapped != MAP_FAILED);
    before = waits.sample();
    quint64 sum = 0;
    for (size_t i = 0; i < pages; ++i)
        sum += quint64(static_cast<const volatile char *>(mapped)[i * pageSize]);
    in = waits.sample() - before;
    munmap(mapped, pages * pageSize);
    QCOMPARE(sum, quint64(pages) * quint64('x'));
    if (in.majorFaults == 0)
        QSKIP("the page cache kept the file (a file system that ignores POSIX_FADV_DONTNEED)");
    QVERIFY2(in.majorFaults >= 1, in.describe(0).constData());
}

void TestFirstPaint::backgroundWorkLeavesTheGlobalPoolToPaints()
{
    // Qt 6.4's raster engine runs the pieces of a tall fill on QThreadPool::globalInstance()
    // and waits for them on the UI thread. Our background work (here: loading the media
    // plugins, seconds after start-up) runs on a pool of its own, so a paint meanwhile finds
    // the global pool's threads free.
    QVERIFY(backgroundPool() != QThreadPool::globalInstance());
    QCOMPARE(QThreadPool::globalInstance()->activeThreadCount(), 0);
    MediaWarmup::start();
    QCOMPARE(QThreadPool::globalInstance()->activeThreadCount(), 0);

    // With every thread of our pool held, a window-sized paint still completes: its fills do
    // not queue behind our work.
    QSemaphore release;
    const int held = backgroundPool()->maxThreadCount();
    for (int i = 0; i < held; ++i)
        backgroundPool()->start([&release] { release.acquire(); });
    QWidget widget;
    widget.resize(800, 600);
    QImage image(widget.size(), QImage::Format_ARGB32_Premultiplied);
    QElapsedTimer paint;
    paint.start();
    widget.render(&image);
    const qint64 paintMs = paint.elapsed();
    release.release(held);
    QVERIFY(backgroundPool()->waitForDone(10000));
    QVERIFY(MediaWarmup::waitForDone(30000));
    QVERIFY2(paintMs < 2000, qPrintable(QString::number(paintMs)));
}

int main(int argc, char *argv[])
{
    // An isolated user: the demo database, settings and caches go to a folder of the test's own,
    // set before Qt reads any of these paths.
    QTemporaryDir home;
    if (!home.isValid())
        return 2;
    compose::test::isolateUser(home.path());
    CommandLine::setApplicationInfo();
    QApplication app(argc, argv);
    TestFirstPaint test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_firstpaint.moc"
