#pragma once

#include <QList>
#include <QString>

namespace compose::bench {

// The windowed list at depth (issue 14), in a fresh process: DataService + FormListModel as the
// window wires them, asked for rows the way a view of 40 rows asks by painting them. Prints
// "key value" lines: count, first-page-ms, anchors-ms (all anchors known after the first
// page), jump-<i>-row / jump-<i>-ms for the jumpFractions() (from asking for the 40 rows to all
// of them in memory), max-gap-ms while jumping, then after sweeping the whole depth
// (sweep-positions evenly spaced, each loaded) rss-kb (VmRSS) and peak-rss-kb (VmHWM),
// resident-rows.
int runWindowChild(const QString &url);
QList<double> jumpFractions();
constexpr int kViewportRows = 40;

} // namespace compose::bench
