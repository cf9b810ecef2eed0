#include "actionbar.h"

#include "actiondialog.h"
#include "audittrailmodel.h"
#include "formdetailmodel.h"
#include "staffactions.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>

namespace compose {

namespace {
constexpr StaffAction kActions[] = {StaffAction::RetryGeneration, StaffAction::MarkDelivered,
                                    StaffAction::Redeliver, StaffAction::Refund};
}

ActionBar::ActionBar(StaffActions *actions, FormDetailModel *detail, AuditTrailModel *audit,
                     QWidget *parent)
    : QWidget(parent)
    , m_actions(actions)
    , m_detail(detail)
    , m_audit(audit)
{
    setObjectName(QStringLiteral("actionBar"));
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    for (StaffAction a : kActions) {
        const QString keys = shortcutFor(a).toString(QKeySequence::NativeText);
        // Two lines keep the pane narrow enough for a 1024-pixel screen.
        auto *b = new QPushButton(tr("%1…\n%2").arg(Status::actionLabel(a), keys), this);
        b->setObjectName(QStringLiteral("action_") + Status::actionKey(a));
        b->setAutoDefault(false);
        connect(b, &QPushButton::clicked, this, [this, a] { open(a); });
        row->addWidget(b);
        m_buttons << b;
        auto *act = new QAction(Status::actionLabel(a) + QStringLiteral("…"), this);
        act->setObjectName(QStringLiteral("staffAction_") + Status::actionKey(a));
        act->setShortcut(shortcutFor(a));
        act->setShortcutContext(Qt::WindowShortcut);
        act->setWhatsThis(tr("%1 for the selected form").arg(Status::actionLabel(a)));
        connect(act, &QAction::triggered, this, [this, a] {
            if (m_searchHook && m_searchHook()) {
                openWhenReady(a);
            } else if (const QString why = blockedReason(a); !why.isEmpty()) {
                emit refused(tr("%1: %2").arg(Status::actionLabel(a), why));
            } else {
                open(a);
            }
        });
        m_keyActions << act;
    }
    m_busy = new QLabel(this);
    m_busy->setTextFormat(Qt::PlainText);
    m_busy->setStyleSheet(QStringLiteral("color: palette(mid);"));
    row->addWidget(m_busy);
    row->addStretch();

    connect(m_detail, &FormDetailModel::detailChanged, this, &ActionBar::refresh);
    connect(m_detail, &FormDetailModel::stateChanged, this, &ActionBar::refresh);
    connect(m_actions, &StaffActions::apiStateChanged, this, &ActionBar::refresh);
    connect(m_actions, &StaffActions::identityChanged, this, &ActionBar::refresh);
    connect(m_actions, &StaffActions::actionStarted, this, [this](const ActionRequest &r) {
        if (m_detail && r.formId == m_detail->formId())
            m_busy->setText(tr("Working: %1…").arg(Status::actionLabel(r.action)));
        refresh();
    });
    connect(m_actions, &StaffActions::actionFinished, this, [this](const ActionResult &r) {
        if (m_detail && r.request.formId == m_detail->formId())
            m_busy->clear();
        refresh();
        if (r.ok())
            emit actionDone(r.request.formId);
    });
    m_pendingExpiry.setSingleShot(true);
    m_pendingExpiry.setInterval(10000);
    connect(&m_pendingExpiry, &QTimer::timeout, this, [this] { m_pending.reset(); });
    refresh();
}

void ActionBar::openWhenReady(StaffAction action)
{
    m_pending = action;
    m_pendingExpiry.start();
    // The form may be the one already shown and selected: then the list does not reload.
    QTimer::singleShot(0, this, &ActionBar::refresh);
}

void ActionBar::setFormSelected(bool selected)
{
    if (selected == m_formSelected)
        return;
    m_formSelected = selected;
    refresh();
}

QPushButton *ActionBar::button(StaffAction action) const
{
    return m_buttons.value(int(action));
}

QAction *ActionBar::action(StaffAction action) const
{
    return m_keyActions.value(int(action));
}

QList<QWidget *> ActionBar::buttons() const
{
    return {m_buttons.cbegin(), m_buttons.cend()};
}

QKeySequence ActionBar::shortcutFor(StaffAction action)
{
    switch (action) {
    case StaffAction::RetryGeneration:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G);
    case StaffAction::MarkDelivered:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D);
    case StaffAction::Redeliver:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L);
    case StaffAction::Refund:
        return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R);
    }
    return {};
}

QString ActionBar::blockedReason(StaffAction action) const
{
    if (!m_actions || !m_detail)
        return tr("Not available.");
    if (m_detail->state() != FormDetailModel::State::Loaded)
        return tr("Select a form first.");
    if (!m_formSelected)
        return tr("Form %1 is not selected in the list: select it again to act on it.")
            .arg(m_detail->formId());
    return m_actions->blockedReason(action, m_detail->detail());
}

void ActionBar::refresh()
{
    for (StaffAction a : kActions) {
        const QString why = blockedReason(a);
        QPushButton *b = button(a);
        b->setEnabled(why.isEmpty());
        const QString keys = shortcutFor(a).toString(QKeySequence::NativeText);
        b->setToolTip(why.isEmpty() ? tr("%1 for this form (%2; asks for confirmation first)")
                                          .arg(Status::actionLabel(a), keys)
                                    : tr("%1 (%2): %3").arg(Status::actionLabel(a), keys, why));
        // The key stays live: from the search box it opens the typed form first, and when the
        // action is not allowed it says why (refused) instead of doing nothing silently.
        action(a)->setToolTip(b->toolTip());
    }
    // A key pressed in the search box waits for the form it opened (openWhenReady).
    if (m_pending && m_formSelected && m_detail
        && m_detail->state() == FormDetailModel::State::Loaded) {
        const StaffAction a = *std::exchange(m_pending, std::nullopt);
        m_pendingExpiry.stop();
        if (const QString why = blockedReason(a); why.isEmpty()) {
            QTimer::singleShot(0, this, [this, a] {
                // A list reload in between (a live update) unselects the form for a moment:
                // then the key waits for it again instead of being dropped without a word.
                if (blockedReason(a).isEmpty()) {
                    open(a);
                } else if (!m_pending) {
                    m_pending = a;
                    m_pendingExpiry.start();
                    refresh();
                }
            });
        } else
            emit refused(tr("%1: %2").arg(Status::actionLabel(a), why));
    }
}

void ActionBar::fillMenu(QMenu *menu)
{
    for (StaffAction a : kActions) {
        QAction *act = menu->addAction(Status::actionLabel(a) + QStringLiteral("…"), this,
                                       [this, a] { open(a); });
        act->setShortcut(shortcutFor(a)); // shown in the menu; the window's action handles it
        act->setShortcutContext(Qt::WidgetShortcut);
        const QString why = blockedReason(a);
        act->setEnabled(why.isEmpty());
        act->setToolTip(why);
        act->setStatusTip(why);
    }
    menu->setToolTipsVisible(true);
}

void ActionBar::open(StaffAction action, int songIndex, int variationIndex)
{
    if (!blockedReason(action).isEmpty())
        return;
    auto *dialog = new ActionDialog(m_actions, m_detail->detail(), action, window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    if (action == StaffAction::RetryGeneration) {
        if (songIndex >= 0)
            dialog->presetVariation(songIndex, variationIndex);
        else
            dialog->presetAllFailed();
    }
    if (action == StaffAction::Refund && m_audit && m_audit->trail().formId == m_detail->formId())
        dialog->setRefundHistory(m_audit->trail().refunds, m_audit->trail().refundableCents);
    else if (action == StaffAction::Refund && m_detail->detail().hasRefundTable)
        dialog->setRefundHistory(m_detail->detail().refunds,
                                 std::nullopt); // the audit trail is not here yet
    dialog->open();
}

} // namespace compose
