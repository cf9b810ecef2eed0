#pragma once

#include <QtGlobal>

#include <functional>

QT_BEGIN_NAMESPACE
class QObject;
QT_END_NAMESPACE

namespace compose {

// Loads GStreamer, its registry and the plugin libraries a preview uses on a pool thread, so
// that the first preview's QMediaPlayer (which PreviewPlayer makes on the UI thread, with the
// first preview) finds them in memory instead of loading them inside the agent's key press.
// Plain GStreamer C API resolved at run time: no Qt media object is made here (their QObjects
// would belong to the pool thread), and no build dependency on GStreamer's headers.
class MediaWarmup final {
public:
    // Starts the warm-up once per process and returns at once; later calls do nothing.
    static void start();
    // The same, and then, once the warm-up has ended (at once when it already has), calls then()
    // in context's thread, unless context is gone by then.
    static void start(QObject *context, std::function<void()> then);
    // Whether the warm-up has run to its end (successfully or not).
    static bool isDone();
    // Blocks until the warm-up has ended or ms have passed (benchmarks and tests only).
    static bool waitForDone(int ms);
};

} // namespace compose
