#pragma once

#include "formstatus.h"

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QMenu;
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
    // Adds the four actions to a menu (list or table context menu), enabled as the buttons are.
    void fillMenu(QMenu *menu);
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

private:
    void refresh();

    QPointer<StaffActions> m_actions;
    QPointer<FormDetailModel> m_detail;
    QPointer<AuditTrailModel> m_audit;
    QList<QPushButton *> m_buttons;
    QLabel *m_busy = nullptr;
    bool m_formSelected = false;
};

} // namespace compose
