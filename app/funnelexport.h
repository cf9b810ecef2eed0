#pragma once

#include <QFuture>
#include <QObject>
#include <QString>

QT_BEGIN_NAMESPACE
class QAbstractItemModel;
QT_END_NAMESPACE

namespace compose {

class MainWindow;

// File → Export funnel as CSV…: asks where, writes the funnel with models' CsvWriter on a worker
// thread and says how it went. A child of the window.
class FunnelExport final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FunnelExport)
public:
    explicit FunnelExport(MainWindow *window);

    // The funnel as CSV (stage, status key, now, reached, share, conversion, details).
    static QString csv(const QAbstractItemModel *funnel);
    // Writes csv(funnel) to path on a worker thread. Result: empty, or the reason.
    static QFuture<QString> save(const QAbstractItemModel *funnel, const QString &path);

private:
    void run();

    MainWindow *m_window = nullptr;
};

} // namespace compose
