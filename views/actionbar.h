#pragma once

#include "formstatus.h"

#include <functional>
#include <optional>

#include <QPointer>
#include <QTimer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QMenu;
class QAction;
class QKeySequence;
class QPushButton;
QT_END_NAMESPACE

namespace compose {

class AuditTrailModel;
class FormDetailModel;
class StaffActions;

// The staff actions of the form in the detail pane: one button per action, enabled only when
// the API, the agent's role and the form's status allow it (the tooltip says why not), each
// opening its confirmation dialog. The same actions are offered as a menu for context menus.
class ActionBar final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActionBar)
public:
    ActionBar(StaffActions *actions, FormDetailModel *detail, AuditTrailModel *audit,
              QWidget *parent = nullptr);

    QPushButton *button(StaffAction action) const;
    // One QAction per staff action, with its key (Ctrl+Shift+G/D/L/R), enabled as the button;
    // the window's Actions menu holds them, so the key works wherever the focus is.
    QAction *action(StaffAction action) const;
    QList<QAction *> keyActions() const { return m_keyActions; }
    QList<QWidget *> buttons() const;
    static QKeySequence shortcutFor(StaffAction action);
    // Adds the four actions to a menu (list or table context menu), enabled as the buttons are.
    void fillMenu(QMenu *menu);
    // The action's key from the search box: the window starts opening the typed form (the hook
    // says it did) and the dialog opens once that form is selected and loaded, if the action is
    // allowed there; otherwise, or after 10 s, nothing happens.
    void setSearchHook(std::function<bool()> hook) { m_searchHook = std::move(hook); }
    void openWhenReady(StaffAction action);
    // Opens the dialog for one action on the current form; retry may name a variation.
    void open(StaffAction action, int songIndex = -1, int variationIndex = -1);
    QString blockedReason(StaffAction action) const;
    // Whether the form in the detail pane is the one selected in the list. The window says so;
    // until it does (a search, a filter, a reload in progress) every action is off, so an agent
    // can never act on a form the list no longer shows as selected.
    void setFormSelected(bool selected);
    bool isFormSelected() const { return m_formSelected; }

signals:
    void actionDone(const QString &formId);
    // An action's key was pressed where the action is not allowed: why (for the status bar).
    void refused(const QString &why);

private:
    void refresh();

    QPointer<StaffActions> m_actions;
    QPointer<FormDetailModel> m_detail;
    QPointer<AuditTrailModel> m_audit;
    QList<QPushButton *> m_buttons;
    QList<QAction *> m_keyActions;
    QLabel *m_busy = nullptr;
    bool m_formSelected = false;
    std::function<bool()> m_searchHook;
    std::optional<StaffAction> m_pending;
    QTimer m_pendingExpiry;
};

} // namespace compose
