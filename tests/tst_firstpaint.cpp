// Start-up as main() does it (DashboardController::startInSteps with --demo, in an isolated
// HOME): the window's frame, its detail pane, the wiring, the layout, offscreen paints, the
// native window and showing it are separate turns of the event loop, so the UI
// thread is never held from QApplication to the first page for the whole construction at once
// (issue 14: no stretch over 16 ms). A 1 ms heartbeat on the UI thread counts the turns it got
// in each phase; start() (everything at once, as the tests use it) gives it none between them.
#include "commandline.h"
#include "dashboardcontroller.h"
#include "formlistmodel.h"
#include "funnelmodel.h"
#include "isolateduser.h"
#include "mainwindow.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace compose;

class TestFirstPaint final : public QObject {
    Q_OBJECT
private slots:
    void stepsLetTheEventLoopRun_data();
    void stepsLetTheEventLoopRun();
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
