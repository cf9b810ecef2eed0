#pragma once

#include "apiclient.h"
#include "formtypes.h"

#include <QDialog>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QStackedWidget;

namespace compose {

class StaffActions;

// Confirms one staff action on one form, sends it, shows progress and the outcome. The text
// says exactly what will happen to which form; the request (and its Idempotency-Key) is made
// once on confirm, and "Try again" after a failure resends that same request.
class ActionDialog : public QDialog {
    Q_OBJECT
public:
    // A refund's reason in the agent's words is required and at least this long, so a stray key
    // and Enter cannot refund anything.
    static constexpr int MinReasonLength = 8;

    ActionDialog(StaffActions *actions, const FormDetail &form, StaffAction action,
                 QWidget *parent = nullptr);

    // Retry: preselect one variation (song 0-based, variation 1-3), or all failed ones.
    void presetVariation(int songIndex, int variationIndex);
    void presetAllFailed();
    // Refund: what was already refunded and what remains (from the audit trail).
    void setRefundHistory(const QList<RefundRecord> &refunds,
                          std::optional<qint64> refundableCents);

    enum class Phase : quint8 { Editing, Sending, Done, Failed };
    Phase phase() const { return m_phase; }
    const std::optional<ActionRequest> &lastRequest() const { return m_request; }
    QString outcomeText() const;

    // For tests: fill the inputs as an agent would.
    QLineEdit *emailEdit() const { return m_email; }
    QDoubleSpinBox *amountEdit() const { return m_amount; }
    QComboBox *reasonCombo() const { return m_reason; }
    QLineEdit *reasonEdit() const { return m_reasonText; } // Refund: the customer's reason
    QPlainTextEdit *noteEdit() const { return m_note; }
    QPushButton *confirmButton() const { return m_confirm; }
    QPushButton *retryButton() const { return m_retry; }

private:
    void buildInputs();
    void updateSummary();
    QString validate() const; // empty when the inputs are fine
    void confirm();
    void send(const ActionRequest &request);
    void finished(const ActionResult &result);
    void setPhase(Phase p);
    qint64 remainingCents() const;

    StaffActions *m_actions = nullptr;
    FormDetail m_form;
    StaffAction m_action;
    Phase m_phase = Phase::Editing;
    std::optional<ActionRequest> m_request;
    std::optional<qint64> m_refundable;
    QList<RefundRecord> m_refunds;

    QLabel *m_summary = nullptr;
    QLabel *m_problem = nullptr;
    QComboBox *m_variation = nullptr;
    QLineEdit *m_email = nullptr;
    QRadioButton *m_full = nullptr;
    QRadioButton *m_partial = nullptr;
    QDoubleSpinBox *m_amount = nullptr;
    QComboBox *m_reason = nullptr;
    QLineEdit *m_reasonText = nullptr;
    QPlainTextEdit *m_note = nullptr;
    QLabel *m_history = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_outcome = nullptr;
    QWidget *m_inputs = nullptr;
    QPushButton *m_confirm = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace compose
