#include "decodergate.h"

#include <QDeadlineTimer>
#include <QLoggingCategory>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

#include <glib-object.h>

#include <cstring>

namespace compose::DecoderGate {

namespace {

Q_LOGGING_CATEGORY(lcGate, "compose.audio.gate")

// setSource() takes 0-6 ms here (a plain QMediaPlayer loop on local MP3s); a wait this long
// means the UI thread is waiting for this streaming thread after all.
constexpr int MaxWaitMs = 1000;

struct State {
    QMutex mutex;
    QWaitCondition released;
    int holds = 0;
    Qt::HANDLE holder = nullptr; // the thread of the open Holds
    int parked = 0;
    int timedOut = 0;
    gulong hook = 0;
};

State &state()
{
    static State s;
    return s;
}

// The elements QGstreamerMediaPlayer takes the streams from: uridecodebin for a URL, decodebin
// behind appsrc for a QIODevice (and inside uridecodebin).
bool isDecoder(GObject *object)
{
    const char *type = G_OBJECT_TYPE_NAME(object);
    return std::strcmp(type, "GstURIDecodeBin") == 0 || std::strcmp(type, "GstDecodeBin") == 0;
}

// Runs on the emitting (streaming) thread for every "pad-added" of every GstElement, before the
// handlers connected to it.
gboolean beforePadAdded(GSignalInvocationHint *, guint count, const GValue *values, gpointer)
{
    if (count < 1 || !G_VALUE_HOLDS_OBJECT(&values[0]))
        return TRUE;
    auto *emitter = static_cast<GObject *>(g_value_get_object(&values[0]));
    if (!emitter || !isDecoder(emitter))
        return TRUE;
    State &s = state();
    QMutexLocker lock(&s.mutex);
    // A decoder emitting on the UI thread itself, inside the call, must not wait for it.
    if (s.holds == 0 || s.holder == QThread::currentThreadId())
        return TRUE;
    ++s.parked;
    QDeadlineTimer deadline(MaxWaitMs);
    while (s.holds > 0) {
        if (!s.released.wait(&s.mutex, deadline)) {
            ++s.timedOut;
            qCWarning(lcGate) << "a decoder's new stream waited" << MaxWaitMs
                              << "ms for the UI thread's media call and went on";
            break;
        }
    }
    return TRUE; // stay installed
}

} // namespace

bool install()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    if (s.hook)
        return true;
    // Registered by gst_init(), which QtMultimedia's GStreamer back end calls when it loads.
    const GType element = g_type_from_name("GstElement");
    if (!element)
        return false;
    const guint padAdded = g_signal_lookup("pad-added", element);
    if (!padAdded)
        return false;
    s.hook = g_signal_add_emission_hook(padAdded, 0, beforePadAdded, nullptr, nullptr);
    return s.hook != 0;
}

Hold::Hold()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    Q_ASSERT(s.holds == 0 || s.holder == QThread::currentThreadId());
    if (s.holds++ == 0)
        s.holder = QThread::currentThreadId();
}

Hold::~Hold()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    if (--s.holds == 0) {
        s.holder = nullptr;
        s.released.wakeAll();
    }
}

Counts counts()
{
    State &s = state();
    QMutexLocker lock(&s.mutex);
    return {s.parked, s.timedOut};
}

} // namespace compose::DecoderGate
