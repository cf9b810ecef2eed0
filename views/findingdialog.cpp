#include "findingdialog.h"

#include "findingspanel.h"
#include "staffactions.h"

#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace compose {

FindingDialog::FindingDialog(StaffActions *actions, const Finding &finding, Mode mode,
                             QWidget *parent)
    : QDialog(parent)
    , m_actions(actions)
    , m_finding(finding)
    , m_mode(mode)
{
    setObjectName(QStringLiteral("findingDialog"));
    setWindowTitle(mode == Mode::Apply ? tr("Apply finding %1").arg(finding.id)
                                       : tr("Dismiss finding %1").arg(finding.id));
    auto *layout = new QVBoxLayout(this);
    auto *what = new QLabel(FindingsPanel::describe(finding), this);
    what->setObjectName(QStringLiteral("findingSummary"));
    what->setTextFormat(Qt::PlainText);
    what->setWordWrap(true);
    layout->addWidget(what);
    auto *effect = new QLabel(this);
    effect->setTextFormat(Qt::PlainText);
    effect->setWordWrap(true);
    if (mode == Mode::Apply) {
        effect->setText(finding.kind == FindingKind::paidWithoutWebhook()
                            ? tr("Applying records this payment exactly as Stripe's webhook "
                                 "would have: an order, the form paid, its delivery. If the "
                                 "webhook arrives later, nothing is recorded twice.")
                            : tr("Applying takes Stripe's state of this refund into the books, "
                                 "as Stripe's refund event would have."));
    } else {
        effect->setText(tr("Dismissing closes the finding without changing any payment. Say "
                           "why; the note is kept in the audit trail."));
    }
    layout->addWidget(effect);
    m_note = new QPlainTextEdit(this);
    m_note->setObjectName(QStringLiteral("findingNote"));
    m_note->setPlaceholderText(tr("Why is this finding dismissed? (required)"));
    m_note->setTabChangesFocus(true);
    m_note->setVisible(mode == Mode::Dismiss);
    layout->addWidget(m_note);
    m_problem = new QLabel(this);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->setWordWrap(true);
    m_problem->hide();
    layout->addWidget(m_problem);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->hide();
    layout->addWidget(m_progress);
    m_outcome = new QLabel(this);
    m_outcome->setObjectName(QStringLiteral("findingOutcome"));
    m_outcome->setTextFormat(Qt::PlainText);
    m_outcome->setWordWrap(true);
    m_outcome->hide();
    layout->addWidget(m_outcome);

    // A plain row rather than QDialogButtonBox (as ActionDialog): the box shows every button it
    // holds whenever it is shown, and "Try again" must appear only after a failure.
    auto *row = new QHBoxLayout;
    row->addStretch();
    m_retry = new QPushButton(tr("Try again"), this);
    m_retry->setObjectName(QStringLiteral("retryFinding"));
    m_retry->setToolTip(
        tr("Sends the very same request again (same Idempotency-Key): it cannot be done twice."));
    m_retry->hide();
    m_confirm = new QPushButton(mode == Mode::Apply ? tr("Apply") : tr("Dismiss"), this);
    m_confirm->setObjectName(QStringLiteral("confirmFinding"));
    m_confirm->setDefault(true);
    m_close = new QPushButton(tr("Cancel"), this);
    row->addWidget(m_retry);
    row->addWidget(m_confirm);
    row->addWidget(m_close);
    layout->addLayout(row);
    setMinimumWidth(480);
    connect(m_confirm, &QPushButton::clicked, this, &FindingDialog::confirm);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (m_request)
            send(*m_request); // the same request, the same Idempotency-Key
    });
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_note, &QPlainTextEdit::textChanged, this, &FindingDialog::updateConfirm);
    connect(m_actions, &StaffActions::actionFinished, this, [this](const ActionResult &r) {
        if (m_request && r.request.idempotencyKey == m_request->idempotencyKey)
            finished(r);
    });
    updateConfirm();
}

QString FindingDialog::outcomeText() const
{
    return m_outcome->text();
}

void FindingDialog::updateConfirm()
{
    m_confirm->setEnabled(m_phase == Phase::Editing
                          && (m_mode == Mode::Apply || !m_note->toPlainText().trimmed().isEmpty()));
}

void FindingDialog::confirm()
{
    if (m_phase != Phase::Editing)
        return;
    const QString note = m_note->toPlainText().trimmed();
    if (m_mode == Mode::Dismiss && note.isEmpty()) {
        m_problem->setText(tr("Say why the finding is dismissed."));
        m_problem->show();
        return;
    }
    send(m_mode == Mode::Apply ? StaffActions::applyFindingRequest(m_finding)
                               : StaffActions::dismissFindingRequest(m_finding, note));
}

void FindingDialog::send(const ActionRequest &request)
{
    m_request = request;
    m_problem->hide();
    if (!m_actions->perform(request)) {
        m_outcome->setText(m_actions->isReadOnly()
                               ? m_actions->apiProblem()
                               : tr("Another action on this form is still in progress."));
        setPhase(Phase::Failed);
        return;
    }
    setPhase(Phase::Sending);
}

void FindingDialog::finished(const ActionResult &r)
{
    if (r.ok()) {
        m_outcome->setText(m_mode == Mode::Apply
                               ? tr("Applied: the books now say what Stripe says.")
                               : tr("Dismissed. The note is in the audit trail."));
        setPhase(Phase::Done);
        return;
    }
    m_outcome->setText(r.error.message);
    setPhase(Phase::Failed);
    m_retry->setVisible(r.error.retryable);
    adjustSize();
}

void FindingDialog::setPhase(Phase p)
{
    m_phase = p;
    m_note->setReadOnly(p != Phase::Editing);
    m_progress->setVisible(p == Phase::Sending);
    m_outcome->setVisible(p == Phase::Done || p == Phase::Failed);
    m_retry->setVisible(false);
    m_close->setText(p == Phase::Done || p == Phase::Failed ? tr("Close") : tr("Cancel"));
    updateConfirm();
    adjustSize(); // the outcome line appears below the text: make room for it
}

} // namespace compose
