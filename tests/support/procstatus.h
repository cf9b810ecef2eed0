#pragma once

#include <QByteArray>
#include <QString>

namespace compose::test {

// A field of /proc/<pid>/status in kB ("VmRSS:", "VmHWM:"); pid "self" for the calling
// process. -1 when it cannot be read (the process is gone, not Linux).
qint64 procStatusKb(const QString &pid, const QByteArray &field);

} // namespace compose::test
