#include "benchtiming.h"

#include "connectionsettings.h"
#include "dataservice.h"
#include "formlistmodel.h"

#include <QEventLoop>
#include <QTimer>

#include <cstdio>
#include <ctime>

namespace compose::bench {

void say(const QByteArray &key, double value)
{
    std::printf("%s %.3f\n", key.constData(), value);
    std::fflush(stdout);
}

qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

bool waitRows(FormListModel &list, int first, int last, int timeoutMs)
{
    auto all = [&] {
        for (int r = first; r <= last; ++r) {
            if (!list.isRowLoaded(r))
                return false;
        }
        return true;
    };
    if (all())
        return true;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(&timeout, &QTimer::timeout, &loop, [&loop] { loop.exit(1); });
    QObject::connect(&list, &FormListModel::rowsLoaded, &loop, [&] {
        if (all())
            loop.exit(0);
        else
            list.requestRows(first, last);
    });
    QObject::connect(&list, &FormListModel::loadFailed, &loop, [&loop] { loop.exit(2); });
    list.requestRows(first, last);
    timeout.start(timeoutMs);
    return loop.exec() == 0;
}

int openAndLoad(DataService &service, FormListModel &list, const ConnectionSettings &settings,
                int timeoutMs)
{
    QEventLoop loop;
    QObject::connect(&service, &DataService::opened, &loop, [&] { list.reload(); });
    QObject::connect(&service, &DataService::openFailed, &loop, [&](const QString &m) {
        std::fprintf(stderr, "open failed: %s\n", qPrintable(m));
        loop.exit(3);
    });
    QObject::connect(&list, &FormListModel::firstPageLoaded, &loop, [&] { loop.exit(0); });
    QObject::connect(&list, &FormListModel::loadFailed, &loop, [&](const QString &m) {
        std::fprintf(stderr, "load failed: %s\n", qPrintable(m));
        loop.exit(4);
    });
    QTimer::singleShot(timeoutMs, &loop, [&loop] {
        std::fprintf(stderr, "open and first load timed out\n");
        loop.exit(5);
    });
    service.open(settings);
    return loop.exec();
}

} // namespace compose::bench
