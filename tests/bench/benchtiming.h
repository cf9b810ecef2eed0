#pragma once

#include <QByteArray>

namespace compose {
class DataService;
class FormListModel;
struct ConnectionSettings;
} // namespace compose

namespace compose::bench {

// What the children (ui/startup, window, search) share: their "key value" lines, the clocks they
// read and the wait for rows of the list.

// One "key value" line on stdout, flushed at once: the parent (runChildProcess) and targets.sh
// read them as they come, and a child that dies later still leaves what it measured.
void say(const QByteArray &key, double value);
// The calling thread's own CPU time (work, not time spent waiting for a core).
qint64 threadCpuNs();
// Runs the event loop until rows [first, last] are all in memory (asking again when a page that
// arrived pushed out another one of them); false after timeoutMs or when a page fails.
bool waitRows(FormListModel &list, int first, int last, int timeoutMs);
// Opens the service and loads the list's default query (list.reload()) until its count is in.
// 0, or a child's exit code after saying why on stderr: 3 the open failed, 4 the load failed,
// 5 timed out.
int openAndLoad(DataService &service, FormListModel &list, const ConnectionSettings &settings,
                int timeoutMs);

} // namespace compose::bench
