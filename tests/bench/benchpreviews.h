#pragma once

namespace compose::bench {

// Starting, switching and seeking previews while a 1 ms heartbeat watches the UI thread
// (issue 14): PreviewPlayer on QtMultimedia's GStreamer back end, three 8 s WAV variations from a
// loopback HTTP server on its own thread. Prints "key value" lines: <op>-call-ms (the longest
// the call itself took on the UI thread: play, switch, seek, stop) and preview-max-gap-ms (the
// longest heartbeat gap over the whole sequence, including what QMediaPlayer does in its own
// event handlers after the call returned).
int runPreviewChild();

} // namespace compose::bench
