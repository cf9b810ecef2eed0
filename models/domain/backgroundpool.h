#pragma once

class QThreadPool;

namespace compose {

// The thread pool for the application's own background work (preparing the demo database,
// rewriting its links, loading the media plugins, writing files), kept apart from
// QThreadPool::globalInstance() (issue 14: UI-thread gaps at start-up).
//
// Qt 6.4's raster engine splits every fill taller than about 96 scan lines (a window's
// background, a frame, a large rectangle) into pieces that it runs on the global pool, and the
// UI thread waits on a semaphore until all of them are done (qdrawhelper.cpp's parallel fills).
// The global pool has idealThreadCount() threads, 2 on an agent's 2-core laptop: while a task of
// ours held one of them, a paint's pieces queued behind it and the UI thread slept in
// QSemaphore::acquire (measured: up to 17 ms in one fill while the demo database was prepared,
// docs/performance.md). With our tasks here, Qt's fills find the global pool's threads free.
QThreadPool *backgroundPool();

} // namespace compose
