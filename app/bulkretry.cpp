#include "bulkretry.h"

#include "formlistview.h"
#include "listtools.h"
#include "mainwindow.h"
#include "staffactions.h"

#include <QAction>
#include <QJsonObject>
#include <QStatusBar>

#include <algorithm>
#include <climits>

namespace compose {

BulkRetry::BulkRetry(MainWindow *window, StaffActions *actions)
    : QObject(window)
    , m_window(window)
    , m_actions(actions)
{
    m_action = new QAction(tr("Retry failed variations of the selected forms"), window);
    m_action->setObjectName(QStringLiteral("bulkRetryAction"));
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y));
    m_action->setWhatsThis(tr("Retry the failed variations of every form selected in the list"));
    connect(m_action, &QAction::triggered, this, [this] {
        // More forms than one bulk action takes (Ctrl+A over the list): said, and
        // nothing is retried, rather than a part of them.
        const qint64 selected = m_window->listView()->selectedRowCount();
        if (selected > FormListView::SelectionLimit) {
            m_window->statusBar()->showMessage(
                tr("%n forms are selected: retry at most %1 at once.", nullptr,
                   int(std::min<qint64>(selected, INT_MAX)))
                    .arg(FormListView::SelectionLimit),
                15000);
            return;
        }
        retry(m_window->listTools()->selectedIds());
    });
    connect(actions, &StaffActions::actionFinished, this, &BulkRetry::onFinished);
    connect(this, &BulkRetry::finished, window, [window](int retried, int nothing, int failed) {
        window->statusBar()->showMessage(
            tr("Retry of the selection: %1 started, %2 had nothing to retry, %3 failed.")
                .arg(retried)
                .arg(nothing)
                .arg(failed),
            15000);
    });
}

void BulkRetry::retry(const QStringList &formIds)
{
    if (!m_actions || !m_pending.isEmpty())
        return;
    m_retried = m_nothing = m_failed = 0;
    for (const QString &id : formIds) {
        const ActionRequest r = ActionRequest::make(
            id, StaffAction::RetryGeneration, QJsonObject {{QStringLiteral("failedOnly"), true}},
            tr("Retry the failed variations of %1").arg(id));
        if (m_actions->perform(r))
            m_pending.insert(id);
        else
            ++m_failed;
    }
    if (m_pending.isEmpty())
        emit finished(m_retried, m_nothing, m_failed);
}

void BulkRetry::onFinished(const ActionResult &result)
{
    if (result.request.action != StaffAction::RetryGeneration
        || !m_pending.remove(result.request.formId))
        return;
    if (result.ok())
        ++m_retried;
    else if (result.error.code == QLatin1String("nothing_to_retry"))
        ++m_nothing;
    else
        ++m_failed;
    if (m_pending.isEmpty())
        emit finished(m_retried, m_nothing, m_failed);
}

} // namespace compose
