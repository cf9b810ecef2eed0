#pragma once

#include <QObject>
#include <QPointer>
#include <QSet>

QT_BEGIN_NAMESPACE
class QAction;
QT_END_NAMESPACE

namespace compose {

class MainWindow;
class StaffActions;
struct ActionResult;

// "Retry failed" for the forms selected in the list: one retry request per form, each asking
// compose-api for that form's failed variations only ({"failedOnly": true}, its own
// Idempotency-Key), and one line in the status bar when all have answered.
class BulkRetry final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkRetry)
public:
    BulkRetry(MainWindow *window, StaffActions *actions);

    QAction *action() const { return m_action; }
    void retry(const QStringList &formIds);

signals:
    void finished(int retried, int nothingToRetry, int failed);

private:
    void onFinished(const ActionResult &result);

    MainWindow *m_window = nullptr;
    QPointer<StaffActions> m_actions;
    QAction *m_action = nullptr;
    QSet<QString> m_pending;
    int m_retried = 0;
    int m_nothing = 0;
    int m_failed = 0;
};

} // namespace compose
