#pragma once

namespace compose::bench {

// Starting, switching and seeking previews while a 1 ms heartbeat watches the UI thread
// (issue 14): PreviewPlayer on QtMultimedia's GStreamer back end, three 16 s variations as WAV
// and as ID3-tagged MP3, each from a loopback server with byte ranges (AudioHttpServer, on its
// own thread) and from python3 -m http.server (none): four rounds of play, six switches a second
// apart, two seeks and stop, after MediaWarmup as the dashboard starts it. Prints "key value"
// lines: <op>-call-ms and <op>-cpu-call-ms (the longest call on the UI thread, wall and CPU),
// preview-max-gap-ms (the longest heartbeat gap over the whole run, including what QMediaPlayer
// does in its own event handlers), preview-max-busy-ms (the most CPU the UI thread used within
// one gap) with the waits and preemptions inside the longest gap, and sound-<round>-* (the time
// from the key until the player's position moved past the kept one: median, max, each) with
// sound-switch-median-ms/-max-ms over all switches and sound-play-* for the first plays.
// COMPOSE_BENCH_NO_WARMUP=1: without the warm-up; COMPOSE_BENCH_VERBOSE=1: a trace on stderr.
int runPreviewChild();

} // namespace compose::bench
