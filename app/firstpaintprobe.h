#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include "stallwatchdog.h"

namespace compose {

class MainWindow;

// Measures what an agent waits for (issue 14): from process start to the funnel and the first
// list page painted in the window, and the longest the UI thread went without running its
// event loop. Only when COMPOSE_MEASURE_FIRST_PAINT is set (tests/bench/first-paint.sh sets it
// to the launch time in nanoseconds since the epoch, CLOCK_REALTIME, so that exec, loading the
// libraries and QApplication count too). Prints "first-paint-ms <ms>",
// "first-paint-max-gap-ms <ms>" and "first-paint-max-blocked-ms <ms>" (the gap without the time
// the thread waited for a core) on stdout; "stall-max-gap-ms <ms>" again every second after it
// (the heartbeat keeps watching, e.g. while previews start); with COMPOSE_MEASURE_EXIT=1 the
// application quits after the first paint.
class FirstPaintProbe final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FirstPaintProbe)
public:
    static bool wanted();
    // Prints "<key> <ms since launch>" when measuring (a stage before the window exists).
    static void mark(const char *key);
    explicit FirstPaintProbe(MainWindow *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void check();
    void report();
    double sinceLaunchMs() const;

    MainWindow *m_window = nullptr;
    qint64 m_launchNs = 0; // CLOCK_REALTIME at launch, 0 when not given
    QElapsedTimer m_since; // fallback origin: this object's creation
    StallWatchdog m_heartbeat; // 1 ms; also tells waiting for a core from being blocked
    QTimer m_periodic;
    bool m_funnelReady = false;
    bool m_listReady = false;
    bool m_done = false;
};

} // namespace compose
