#pragma once

#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QLabel;
class QPoint;
class QPushButton;
QT_END_NAMESPACE

namespace compose {

class ActionBar;
class AuditTrailModel;
class MainWindow;
class StaffActions;

// Wires staff actions into the window: the action bar in the detail pane (acting only on the
// form selected in the list), the Audit tab, the list's and the variation table's context
// menus, the API banner and who is signed in; after an action the form is shown as it is now.
// A child of the window; the StaffActions is not owned.
class StaffActionsPresenter final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StaffActionsPresenter)
public:
    StaffActionsPresenter(MainWindow *window, StaffActions *actions);

    ActionBar *actionBar() const { return m_actionBar; }
    AuditTrailModel *auditModel() const { return m_audit; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateApiStatus();
    void showListMenu(const QString &formId, const QPoint &globalPos);
    void showVariationMenu(const QPoint &pos);
    void showOrderMenu(const QPoint &pos);
    // Why the order on this row of the Payment tab cannot be refunded as a duplicate payment
    // (empty: it can), and the confirmation that refunds it (its menu, or Enter on the row).
    QString duplicateRefundBlocked(int row) const;
    void confirmDuplicateRefund(int row);

    MainWindow *m_window = nullptr;
    QPointer<StaffActions> m_actions;
    AuditTrailModel *m_audit = nullptr;
    ActionBar *m_actionBar = nullptr;
    QPushButton *m_apiRetry = nullptr;
    QLabel *m_whoLabel = nullptr;
};

} // namespace compose
