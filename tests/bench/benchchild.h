#pragma once

#include <QString>

namespace compose::bench {

// The part of the benchmark that must run in a fresh process: startup time and the UI thread.
// It plays the dashboard's start (DataService + FunnelModel + FormListModel, exactly as the
// window wires them, minus painting) and prints "key value" lines for the parent:
//   funnel-ready <ms>, page-ready <ms>            (both modes)
//   scroll-rows <n>, scroll-ms <ms>, detail-ms <ms>, max-gap-ms <ms>, peak-rss-kb <kb> (ui mode)
// The UI thread is watched by a 1 ms timer; the longest gap between its ticks is how long the
// event loop was blocked.
int runChild(const QString &mode, const QString &url, int scrollRows);

} // namespace compose::bench
