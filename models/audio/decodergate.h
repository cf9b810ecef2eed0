#pragma once

#include <QtGlobal>

// Holds back GStreamer's decoders from announcing a new stream while the UI thread is inside a
// QMediaPlayer call that starts a source, so that QtMultimedia 6.4's GStreamer back end cannot
// deadlock between the two.
//
// The deadlock (CI, tst_previewplayer, and a plain QMediaPlayer loop on this machine: one freeze
// in about 3,000 loads on two cores; within a few loads with the race forced, see
// tst_previewloadrace):
// - QMediaPlayer::setSource() ends with a flushing seek to 0 (QGstreamerMediaPlayer::setMedia()).
//   The seek holds the state lock of every sink it passes (gst_element_send_event()) and, when it
//   reaches the MP3 parser, waits for the parser's streaming thread to let go of its stream lock.
// - That streaming thread is meanwhile announcing the decoded stream ("pad-added"), and Qt's
//   handler (decoderPadAdded() -> connectOutput()) adds the audio output bin to the pipeline,
//   links it and sets its state: it waits for that bin's state lock, which the seek holds.
// Each waits for the other, forever, with the UI thread frozen inside setSource(). Later Qt
// versions connect the output differently; 6.4.2 is what Debian 12 ships. pause() from the
// stopped state seeks the same way.
//
// While a Hold lives, a decoder's "pad-added" (a GLib emission hook, run before Qt's handler)
// waits until the UI thread has left the call. The output is then not yet in the pipeline, so
// the seek finds no sink and does not go upstream, and the stream is connected right after,
// without the race. The wait is bounded (MaxWaitMs, warned about in compose.audio.gate): should
// a GStreamer path ever need that streaming thread to finish the call, the call goes on as
// before rather than hang.
namespace compose::DecoderGate {

// Installs the hook once GStreamer is loaded (after the first QMediaPlayer is made). Returns true
// when it is in place; false with another multimedia back end, which needs none.
bool install();

// On the UI thread, around the QMediaPlayer calls that may race a stream being connected. Not
// around calls that wait for the streaming thread (a state change down to READY or NULL): they
// would wait out the bound.
class Hold final {
    Q_DISABLE_COPY_MOVE(Hold)
public:
    Hold();
    ~Hold();
};

struct Counts {
    int parked = 0; // announcements that waited for a Hold to end
    int timedOut = 0; // of those, the ones that gave up waiting
};
Counts counts();

} // namespace compose::DecoderGate
