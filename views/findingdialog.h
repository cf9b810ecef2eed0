#pragma once

#include "apiclient.h"
#include "finding.h"

#include <QDialog>

#include <optional>

QT_BEGIN_NAMESPACE
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
QT_END_NAMESPACE

namespace compose {

class StaffActions;

// Confirms applying or dismissing one reconciliation finding, sends it, shows progress and the
// outcome, as ActionDialog does for a form's actions: the request (and its Idempotency-Key) is
// made once on confirm, and "Try again" resends that same request. Dismissing needs a note.
class FindingDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingDialog)
public:
    enum class Mode : quint8 { Apply, Dismiss };
    enum class Phase : quint8 { Editing, Sending, Done, Failed };

    FindingDialog(StaffActions *actions, const Finding &finding, Mode mode,
                  QWidget *parent = nullptr);

    Phase phase() const { return m_phase; }
    QString outcomeText() const;
    QPlainTextEdit *noteEdit() const { return m_note; }
    QPushButton *confirmButton() const { return m_confirm; }
    QPushButton *retryButton() const { return m_retry; }

private:
    void confirm();
    void send(const ActionRequest &request);
    void finished(const ActionResult &result);
    void setPhase(Phase p);
    void updateConfirm();

    StaffActions *m_actions = nullptr;
    Finding m_finding;
    Mode m_mode;
    Phase m_phase = Phase::Editing;
    std::optional<ActionRequest> m_request;

    QLabel *m_problem = nullptr;
    QPlainTextEdit *m_note = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_outcome = nullptr;
    QPushButton *m_confirm = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace compose
