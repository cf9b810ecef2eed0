#include "mediawarmup.h"

#include "backgroundpool.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QLibrary>
#include <QLibraryInfo>
#include <QList>
#include <QMetaObject>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QWaitCondition>

namespace compose {

namespace {
QMutex g_mutex;
QWaitCondition g_done;
bool g_started = false;
bool g_finished = false;
struct Then {
    QPointer<QObject> context;
    std::function<void()> call;
};
QList<Then> g_then; // waiting for the end (start(context, then))

void post(const Then &t)
{
    // Queued to the context's thread; dropped with the context if it is deleted first.
    if (t.context)
        QMetaObject::invokeMethod(t.context.data(), t.call, Qt::QueuedConnection);
}

using GstInitCheck = int (*)(int *, char ***, void **);
using GstElementFactoryMake = void *(*)(const char *, const char *);
using GstObjectRefSink = void *(*)(void *);
using GstObjectUnref = void (*)(void *);
using GstDeviceMonitorNew = void *(*)();
using GstDeviceMonitorAddFilter = unsigned (*)(void *, const char *, void *);

void warmUp()
{
    // QtMultimedia's GStreamer plugin and the ~90 libraries it links (GStreamer's, GL, EGL,
    // Wayland, X11): mapped and relocated here, so that the plugin loader on the UI thread finds
    // them loaded. Loading a library runs no plugin code and makes no QObject.
    const QString backend = qEnvironmentVariable("QT_MEDIA_BACKEND");
    if (backend.isEmpty() || backend == QLatin1String("gstreamer")) {
        QLibrary plugin(QDir(QLibraryInfo::path(QLibraryInfo::PluginsPath))
                            .filePath(QStringLiteral("multimedia/libgstreamermediaplugin")));
        plugin.load(); // never unloaded (QLibrary does not unload on destruction)
    }
    QLibrary gst(QStringLiteral("gstreamer-1.0"), 0);
    const auto init = reinterpret_cast<GstInitCheck>(gst.resolve("gst_init_check"));
    const auto make
        = reinterpret_cast<GstElementFactoryMake>(gst.resolve("gst_element_factory_make"));
    const auto refSink = reinterpret_cast<GstObjectRefSink>(gst.resolve("gst_object_ref_sink"));
    const auto unref = reinterpret_cast<GstObjectUnref>(gst.resolve("gst_object_unref"));
    // gst_init is guarded by GStreamer's own lock: QtMultimedia's later call returns at once.
    if (!init || !make || !refSink || !unref || !init(nullptr, nullptr, nullptr))
        return; // no GStreamer: the first preview loads what it can, as before
    // What QtMultimedia 6.4's player and audio output make (QGstreamerMediaPlayer,
    // QGstreamerAudioOutput, and the video output every player makes, audio-only or not:
    // QGstreamerVideoOutput's videoconvert was the plugin still loaded inside the first
    // QMediaPlayer's construction) and what uridecodebin plugs for a WAV or MP3 over HTTP or
    // from a file. Making an element loads its plugin's library; the elements are dropped.
    static const char *const factories[]
        = {"pipeline",    "uridecodebin",   "decodebin",      "typefind",     "input-selector",
           "queue",       "queue2",         "souphttpsrc",    "filesrc",      "wavparse",
           "id3demux",    "mpegaudioparse", "mpg123audiodec", "audioconvert", "audioresample",
           "volume",      "autoaudiosink",  "pulsesink",      "alsasink",     "fakesink",
           "videoconvert"};
    for (const char *factory : factories) {
        if (void *element = make(factory, nullptr)) {
            refSink(element);
            unref(element);
        }
    }
    // QtMultimedia's integration, made with the first QMediaPlayer, starts a device monitor for
    // every device class (QGstreamerVideoDevices), and adding that filter loads every device
    // provider's plugin. Adding it here (not starting: nothing is probed) loads them on this
    // thread. The first QMediaPlayer then took 4.6-5.0 ms instead of 6.7-10.2 ms on the UI
    // thread (6 runs each, a small program warmed up as here).
    const auto monitorNew
        = reinterpret_cast<GstDeviceMonitorNew>(gst.resolve("gst_device_monitor_new"));
    const auto addFilter
        = reinterpret_cast<GstDeviceMonitorAddFilter>(gst.resolve("gst_device_monitor_add_filter"));
    if (monitorNew && addFilter) {
        if (void *monitor = monitorNew()) {
            addFilter(monitor, nullptr, nullptr);
            unref(monitor);
        }
    }
}
} // namespace

void MediaWarmup::start()
{
    {
        QMutexLocker lock(&g_mutex);
        if (g_started)
            return;
        g_started = true;
    }
    // Loading the plugins holds a thread for a while: not one of the global pool's, which the
    // raster engine's fills wait for (backgroundpool.h).
    backgroundPool()->start([] {
        warmUp();
        QMutexLocker lock(&g_mutex);
        g_finished = true;
        g_done.wakeAll();
        for (const Then &t : std::as_const(g_then))
            post(t);
        g_then.clear();
    });
}

void MediaWarmup::start(QObject *context, std::function<void()> then)
{
    {
        QMutexLocker lock(&g_mutex);
        if (g_finished) {
            post({context, std::move(then)});
            return;
        }
        g_then.append({context, std::move(then)});
    }
    start();
}

bool MediaWarmup::isDone()
{
    QMutexLocker lock(&g_mutex);
    return g_finished;
}

bool MediaWarmup::waitForDone(int ms)
{
    QMutexLocker lock(&g_mutex);
    const QDeadlineTimer deadline(ms);
    while (!g_finished) {
        if (!g_done.wait(&g_mutex, deadline))
            break;
    }
    return g_finished;
}

} // namespace compose
