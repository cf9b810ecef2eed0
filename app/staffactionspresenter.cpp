#include "staffactionspresenter.h"

#include "actionbar.h"
#include "attentionmodel.h"
#include "audittrailmodel.h"
#include "audittrailview.h"
#include "banner.h"
#include "bulkretry.h"
#include "detailready.h"
#include "filterbar.h"
#include "findingspanel.h"
#include "formclipboard.h"
#include "formdetailmodel.h"
#include "formdetailview.h"
#include "formlistmodel.h"
#include "formlistview.h"
#include "funnelmodel.h"
#include "keyboardnavigation.h"
#include "mainwindow.h"
#include "notespanel.h"
#include "staffactions.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>

namespace compose {

StaffActionsPresenter::StaffActionsPresenter(MainWindow *window, StaffActions *actions)
    : QObject(window)
    , m_window(window)
    , m_actions(actions)
{
    FormDetailModel *detail = window->detailModel();
    FormDetailView *detailView = window->detailView();
    m_audit = new AuditTrailModel(actions->client(), this);
    m_actionBar = new ActionBar(actions, detail, m_audit, detailView);
    detailView->setActionBar(m_actionBar);
    detailView->tabs()->addTab(new AuditTrailView(m_audit, detailView->tabs()), tr("Audit"));
    auto *notes = new NotesPanel(window->dataService(), detail, actions->client(), detailView);
    detailView->addHistorySection(notes);
    // The Actions menu holds the keys (Ctrl+Shift+G/D/L/R) so they work wherever the focus is.
    auto *menu = new QMenu(tr("A&ctions"), window);
    menu->setObjectName(QStringLiteral("actionsMenu"));
    menu->setToolTipsVisible(true);
    menu->addActions(m_actionBar->keyActions());
    menu->addSeparator();
    menu->addAction((new BulkRetry(window, actions))->action()); // the list's selection
    QAction *addNote = menu->addAction(tr("Add &note…"), window, [window, notes] {
        QTabWidget *tabs = window->detailView()->tabs();
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->widget(i)->isAncestorOf(notes))
                tabs->setCurrentIndex(i);
        }
        notes->focusEditor();
    });
    addNote->setObjectName(QStringLiteral("addNoteAction"));
    addNote->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    addNote->setWhatsThis(
        tr("Write an internal note on the form (History tab; Ctrl+Enter adds it)"));
    window->menuBar()->insertMenu(window->menuBar()->actions().constLast(), menu); // before Help
    window->keyboard()->setActionWidgets(m_actionBar->buttons());
    // A key pressed in the search box with a datum typed opens that form first.
    m_actionBar->setSearchHook([window] {
        FilterBar *filters = window->filterBar();
        if (!filters->searchEdit()->hasFocus() || filters->searchEdit()->text().trimmed().isEmpty())
            return false;
        filters->acceptSearch();
        return true;
    });
    connect(m_actionBar, &ActionBar::refused, window,
            [window](const QString &why) { window->statusBar()->showMessage(why, 8000); });
    // Actions only ever act on the form the agent has selected and sees.
    connect(window, &MainWindow::actionTargetChanged, m_actionBar,
            [this](const QString &formId) { m_actionBar->setFormSelected(!formId.isEmpty()); });
    m_actionBar->setFormSelected(!window->actionTarget().isEmpty());
    // Reconciliation findings sit under the action bar, above the tabs: they say what to do.
    auto *findings = new FindingsPanel(actions, detailView);
    findings->setObjectName(QStringLiteral("findingsPanel"));
    detailView->setActionBar(findings);
    connect(detail, &FormDetailModel::detailChanged, findings,
            [findings](const FormDetail &d) { findings->setFindings(d.findings); });

    Banner *banner = window->apiBanner();
    m_apiRetry = banner->addButton(tr("Check again"), QStringLiteral("apiRetry"));
    QPushButton *token = banner->addButton(tr("Staff token…"), QStringLiteral("apiToken"));
    connect(m_apiRetry, &QPushButton::clicked, actions, &StaffActions::recheck);
    connect(token, &QPushButton::clicked, window, &MainWindow::apiTokenRequested);

    m_whoLabel = new QLabel(window);
    m_whoLabel->setObjectName(QStringLiteral("whoStatus"));
    m_whoLabel->setTextFormat(Qt::PlainText);
    // Appended after the database's own permanent labels; index 0 would sit before the
    // connection label, which is not permanent, and QStatusBar warns and appends anyway.
    window->statusBar()->addPermanentWidget(m_whoLabel);

    connect(actions, &StaffActions::apiStateChanged, this, &StaffActionsPresenter::updateApiStatus);
    connect(actions, &StaffActions::identityChanged, this, &StaffActionsPresenter::updateApiStatus);
    connect(detail, &FormDetailModel::detailChanged, this, [this](const FormDetail &d) {
        if (m_audit->trail().formId != d.summary.id)
            m_audit->setFormId(d.summary.id);
    });
    connect(actions, &StaffActions::apiStateChanged, this, [this](StaffActions::ApiState s) {
        if (s == StaffActions::ApiState::Ready && !m_window->detailModel()->formId().isEmpty())
            m_audit->setFormId(m_window->detailModel()->formId());
    });
    // After an action (or a refusal that means the form moved on) show the form as it is now;
    // NOTIFY would bring it too, but polling databases are slower and the agent is waiting.
    connect(actions, &StaffActions::formChanged, this, [this](const QString &id) {
        if (id == m_window->detailModel()->formId()) {
            m_window->detailModel()->reload();
            m_audit->reload();
        }
        m_window->listModel()->refreshForms({id});
        m_window->funnelModel()->reload();
    });

    window->listView()->setContextMenuEnabled(true);
    connect(window->listView(), &FormListView::contextMenuRequested, this,
            &StaffActionsPresenter::showListMenu);
    // A duplicate payment's refund has no dialog of its own: its outcome goes to the status bar.
    connect(actions, &StaffActions::actionFinished, this, [this](const ActionResult &r) {
        if (!r.request.path.contains(QLatin1String("/orders/")))
            return;
        // Refunding a duplicate payment changes its order, not the form's row: the queue
        // counts are asked again rather than waiting for a change of the form.
        m_window->attentionModel()->refresh();
        m_window->statusBar()->showMessage(
            r.ok() ? tr("Done: %1.").arg(r.request.description)
                   : tr("Not done: %1. %2").arg(r.request.description, r.error.message),
            15000);
    });
    if (auto *orders = detailView->findChild<QTableWidget *>(QStringLiteral("ordersTable"))) {
        orders->setContextMenuPolicy(Qt::CustomContextMenu);
        connect(orders, &QWidget::customContextMenuRequested, this,
                &StaffActionsPresenter::showOrderMenu);
        orders->installEventFilter(this); // Enter on a duplicate payment: its refund
    }
    QTableView *variations = detailView->variationsView();
    variations->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(variations, &QWidget::customContextMenuRequested, this,
            &StaffActionsPresenter::showVariationMenu);
    updateApiStatus();
}

void StaffActionsPresenter::updateApiStatus()
{
    if (!m_actions)
        return;
    const bool ready = m_actions->apiState() == StaffActions::ApiState::Ready;
    Banner *banner = m_window->apiBanner();
    banner->setVisible(!ready);
    banner->setMessage(m_actions->apiProblem());
    m_apiRetry->setVisible(m_actions->apiState() != StaffActions::ApiState::NotConfigured);
    const StaffIdentity &who = m_actions->identity();
    m_whoLabel->setText(ready ? tr("Signed in as %1 (%2)").arg(who.name, who.role)
                              : tr("Read-only"));
    m_whoLabel->setToolTip(ready ? m_actions->client()->baseUrl().toDisplayString()
                                 : m_actions->apiProblem());
}

void StaffActionsPresenter::showListMenu(const QString &formId, const QPoint &globalPos)
{
    auto popup = [this, globalPos] {
        QMenu menu(m_window);
        menu.setObjectName(QStringLiteral("listContextMenu"));
        if (QAction *play = m_window->playFormAction()) {
            menu.addAction(play);
            menu.addSeparator();
        }
        m_actionBar->fillMenu(&menu);
        menu.addSeparator();
        m_window->clipboard()->fillMenu(&menu);
        menu.exec(globalPos);
    };
    // The actions depend on the form's full state: open the menu once its detail is here.
    whenDetailLoaded(m_window->detailModel(), this, formId, popup);
}

void StaffActionsPresenter::showOrderMenu(const QPoint &pos)
{
    auto *table = m_window->detailView()->findChild<QTableWidget *>(QStringLiteral("ordersTable"));
    const FormDetail &d = m_window->detailModel()->detail();
    const int row = table ? table->rowAt(pos.y()) : -1;
    if (!m_actions || row < 0 || row >= d.orders.size())
        return;
    QMenu menu(m_window);
    menu.setObjectName(QStringLiteral("orderContextMenu"));
    QAction *refund = menu.addAction(tr("Refund this duplicate payment…"));
    refund->setObjectName(QStringLiteral("refundOrderAction"));
    const QString why = duplicateRefundBlocked(row);
    refund->setEnabled(why.isEmpty());
    refund->setToolTip(why);
    menu.setToolTipsVisible(true);
    connect(refund, &QAction::triggered, this, [this, row] { confirmDuplicateRefund(row); });
    menu.exec(table->viewport()->mapToGlobal(pos));
}

QString StaffActionsPresenter::duplicateRefundBlocked(int row) const
{
    const FormDetail &d = m_window->detailModel()->detail();
    if (row < 0 || row >= d.orders.size())
        return tr("Select an order.");
    const OrderRow &order = d.orders.at(row);
    if (order.paymentFlag != QLatin1String("duplicate"))
        return tr("Order %1 is the form's own payment: use Refund.").arg(order.id);
    if (order.status == QLatin1String("refunded"))
        return tr("Order %1 is already refunded.").arg(order.id);
    return m_actionBar->blockedReason(StaffAction::Refund);
}

void StaffActionsPresenter::confirmDuplicateRefund(int row)
{
    if (!m_actions || !duplicateRefundBlocked(row).isEmpty())
        return;
    const FormDetail &d = m_window->detailModel()->detail();
    const OrderRow order = d.orders.at(row);
    const QString formId = d.summary.id;
    const auto answer = QMessageBox::question(
        m_window, tr("Refund duplicate payment"),
        tr("Refund %1 of order %2 (a second payment of form %3) to the customer? The form's "
           "own payment stays as it is.")
            .arg(order.amount.display(), order.id, formId));
    if (answer == QMessageBox::Yes && m_actions)
        m_actions->refundOrder(formId, order);
}

bool StaffActionsPresenter::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        auto *table = qobject_cast<QTableWidget *>(watched);
        if (table && (key == Qt::Key_Return || key == Qt::Key_Enter)) {
            const QString why = duplicateRefundBlocked(table->currentRow());
            if (why.isEmpty())
                confirmDuplicateRefund(table->currentRow());
            else
                m_window->statusBar()->showMessage(why, 8000);
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

void StaffActionsPresenter::showVariationMenu(const QPoint &pos)
{
    QTableView *table = m_window->detailView()->variationsView();
    const QModelIndex index = table->indexAt(pos);
    if (!index.isValid())
        return;
    const int song = index.data(VariationTableModel::SongIndexRole).toInt();
    const int variation = index.data(VariationTableModel::VariationIndexRole).toInt();
    QMenu menu(m_window);
    menu.setObjectName(QStringLiteral("variationContextMenu"));
    // Playing is the audio presenter's: its action for this row, when there is audio.
    const auto plays = table->actions();
    for (QAction *play : plays) {
        if (play->objectName() == QLatin1String("playVariationAction")) {
            play->setText(tr("Play song %1, variation %2").arg(song + 1).arg(variation));
            play->setData(index.row());
            menu.addAction(play);
            menu.addSeparator();
        }
    }
    QAction *retry
        = menu.addAction(tr("Retry song %1, variation %2…").arg(song + 1).arg(variation), this,
                         [this, song, variation] {
                             m_actionBar->open(StaffAction::RetryGeneration, song, variation);
                         });
    QString why = m_actionBar->blockedReason(StaffAction::RetryGeneration);
    if (why.isEmpty() && !index.data(VariationTableModel::IsFailedRole).toBool())
        why = tr("Song %1, variation %2 did not fail: there is nothing to retry.")
                  .arg(song + 1)
                  .arg(variation);
    retry->setEnabled(why.isEmpty() && song >= 0 && variation >= 1);
    retry->setToolTip(why);
    menu.setToolTipsVisible(true);
    menu.exec(table->viewport()->mapToGlobal(pos));
}

} // namespace compose
