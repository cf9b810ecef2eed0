#include "attentionpresenter.h"

#include "actionbar.h"
#include "detailready.h"
#include "filterbar.h"
#include "findingspanel.h"
#include "formdetailmodel.h"
#include "formdetailview.h"
#include "formlistmodel.h"
#include "formlistview.h"
#include "mainwindow.h"

#include "attentionmodel.h"
#include "attentionpanel.h"

#include <QApplication>
#include <QPushButton>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>

namespace compose {

AttentionPresenter::AttentionPresenter(MainWindow *window, ActionBar *actions)
    : QObject(window)
    , m_window(window)
    , m_actions(actions)
{
    // A paid session without a webhook is worked by applying its finding: focus the findings
    // panel's Apply… for this form's open paid-without-webhook finding (Space confirms).
    setOffer(Queue::PaidWithoutWebhook, [this](const QString &formId) {
        const auto *panel
            = m_window->detailView()->findChild<FindingsPanel *>(QStringLiteral("findingsPanel"));
        if (panel) {
            for (const Finding &f : panel->findings()) {
                if (f.formId != formId || f.kind != QLatin1String("paid_without_webhook"))
                    continue;
                if (QPushButton *apply = panel->applyButton(f.id)) {
                    apply->setFocus(Qt::ShortcutFocusReason);
                    return QString();
                }
            }
        }
        m_window->detailView()->tabs()->setFocus();
        return QString();
    });
    // A duplicate payment is refunded as the order it is, never the form's own payment (the
    // action bar's Refund): its row in the Payment tab, selected, where Enter confirms it.
    setOffer(Queue::DuplicatePayment, [this](const QString &) {
        auto *orders
            = m_window->detailView()->findChild<QTableWidget *>(QStringLiteral("ordersTable"));
        const FormDetail &d = m_window->detailModel()->detail();
        for (int row = 0; orders && row < d.orders.size() && row < orders->rowCount(); ++row) {
            const OrderRow &o = d.orders.at(row);
            if (o.paymentFlag != QLatin1String("duplicate") || o.status != QLatin1String("paid"))
                continue;
            QTabWidget *tabs = m_window->detailView()->tabs();
            for (int i = 0; i < tabs->count(); ++i) {
                if (tabs->widget(i)->isAncestorOf(orders))
                    tabs->setCurrentIndex(i);
            }
            orders->selectRow(row);
            orders->setFocus(Qt::ShortcutFocusReason);
            return tr("the second payment, order %1, is selected: press Enter to refund it.")
                .arg(o.id);
        }
        m_window->detailView()->tabs()->setFocus();
        return QString();
    });
    connect(window->attentionPanel(), &AttentionPanel::nextRequested, this,
            &AttentionPresenter::next);
}

void AttentionPresenter::setOffer(Queue q, Offer offer)
{
    m_offers.insert(int(q), std::move(offer));
}

void AttentionPresenter::next()
{
    const auto queue = Attention::fromKey(m_window->filterBar()->attention());
    FormListView *list = m_window->listView();
    FormListModel *model = m_window->listModel();
    if (!queue || list->isReloading())
        return;
    // The selected form unless it was offered already (the list may have moved the selection
    // onto the next form when the one worked off left it), else the one after it, else the
    // first: an agent may skip a form and come back to it.
    const int current = model->rowOf(list->selectedFormId());
    int row = current;
    if (current < 0)
        row = 0;
    else if (list->selectedFormId() == m_lastOffered)
        row = current + 1 < model->rowCount() ? current + 1 : 0;
    if (row >= model->rowCount() || (row == current && list->selectedFormId() == m_lastOffered)) {
        m_window->statusBar()->showMessage(
            tr("No other form in \"%1\".").arg(Attention::label(*queue)), 5000);
        return;
    }
    const QModelIndex index = model->index(row, FormListModel::IdColumn);
    const QString formId = index.data(FormListModel::FormIdRole).toString();
    list->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    list->scrollTo(index);
    const Queue q = *queue;
    whenDetailLoaded(m_window->detailModel(), this, formId, [this, q, formId] {
        // After the window has marked the form as the action target (same signal, later slot).
        QTimer::singleShot(0, this, [this, q, formId] {
            if (m_window->actionTarget() == formId)
                offer(q, formId);
        });
    });
}

void AttentionPresenter::offer(Queue q, const QString &formId)
{
    QWidget *target = nullptr;
    QString what;
    if (const QList<StaffAction> actions = Attention::offeredActions(q); !actions.isEmpty()) {
        for (StaffAction action : actions) {
            QPushButton *b = m_actions->button(action);
            if (b && b->isEnabled()) {
                target = b;
                what
                    = tr("%1 is offered: press Space to open it.").arg(Status::actionLabel(action));
                break;
            }
            if (b && what.isEmpty())
                what = b->toolTip(); // why the first one is not possible for this form
        }
    } else if (const Offer custom = m_offers.value(int(q))) {
        what = custom(formId);
        target = QApplication::focusWidget();
    }
    if (!target) {
        target = m_window->detailView()->tabs();
        if (what.isEmpty())
            what = Attention::description(q, m_window->attentionModel()->counts().thresholds);
    }
    target->setFocus(Qt::ShortcutFocusReason);
    m_offered = target;
    m_lastOffered = formId;
    m_window->statusBar()->showMessage(tr("%1 — %2").arg(formId, what), 10000);
    emit offeredChanged(formId, target);
}

} // namespace compose
