#include "actiondialog.h"

#include "theme.h"

#include "staffactions.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QVBoxLayout>

#include <algorithm>

namespace compose {

namespace {

QLabel *plainLabel(QWidget *parent, const QString &objectName)
{
    auto *l = new QLabel(parent);
    l->setTextFormat(Qt::PlainText); // customer text never becomes markup
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setObjectName(objectName);
    return l;
}

bool looksLikeEmail(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    return re.match(s).hasMatch();
}

QString recipientOf(const FormDetail &f)
{
    return f.summary.recipient.ok() ? f.summary.recipient.value.left(80)
                                    : ActionDialog::tr("(no recipient name)");
}

} // namespace

ActionDialog::ActionDialog(StaffActions *actions, const FormDetail &form, StaffAction action,
                           QWidget *parent)
    : QDialog(parent)
    , m_actions(actions)
    , m_form(form)
    , m_action(action)
{
    setObjectName(QStringLiteral("actionDialog"));
    setWindowTitle(tr("%1 — %2").arg(Status::actionLabel(action), form.summary.id));
    setMinimumWidth(520);
    auto *layout = new QVBoxLayout(this);
    m_summary = plainLabel(this, QStringLiteral("actionSummary"));
    QFont f = m_summary->font();
    f.setPointSizeF(f.pointSizeF() * 1.05);
    m_summary->setFont(f);
    layout->addWidget(m_summary);

    m_inputs = new QWidget(this);
    layout->addWidget(m_inputs);
    m_problem = plainLabel(this, QStringLiteral("actionProblem"));
    m_problem->setStyleSheet(
        QStringLiteral("color: %1;").arg(Theme::color(Theme::Role::ErrorText).name()));
    m_problem->hide();
    buildInputs();
    layout->addWidget(m_problem);

    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->hide();
    layout->addWidget(m_progress);

    m_outcome = plainLabel(this, QStringLiteral("actionOutcome"));
    m_outcome->hide();
    layout->addWidget(m_outcome);

    // A plain row rather than QDialogButtonBox: the box shows every button it holds whenever it
    // is shown, and "Try again" must appear only after a failure.
    auto *row = new QHBoxLayout;
    row->addStretch();
    m_retry = new QPushButton(tr("Try again"), this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setToolTip(
        tr("Sends the very same request again (same Idempotency-Key): it cannot be done twice."));
    m_confirm = new QPushButton(Status::actionLabel(m_action), this);
    m_confirm->setObjectName(QStringLiteral("confirmButton"));
    m_confirm->setDefault(true);
    m_close = new QPushButton(tr("Cancel"), this);
    m_close->setObjectName(QStringLiteral("closeButton"));
    row->addWidget(m_retry);
    row->addWidget(m_confirm);
    row->addWidget(m_close);
    layout->addLayout(row);

    connect(m_confirm, &QPushButton::clicked, this, &ActionDialog::confirm);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (m_request)
            send(*m_request);
    });
    connect(m_close, &QPushButton::clicked, this, [this] {
        if (m_phase == Phase::Done)
            accept();
        else
            reject();
    });
    connect(m_actions, &StaffActions::actionFinished, this, [this](const ActionResult &r) {
        if (m_request && r.request.idempotencyKey == m_request->idempotencyKey
            && m_phase == Phase::Sending)
            finished(r);
    });
    setPhase(Phase::Editing);
    // Keyboard first: the one thing the agent must give is where the cursor starts.
    if (m_email)
        m_email->setFocus(Qt::OtherFocusReason);
    else if (m_reasonText)
        m_reasonText->setFocus(Qt::OtherFocusReason);
    else
        m_confirm->setFocus(Qt::OtherFocusReason); // nothing required: Enter confirms, as offered
}

void ActionDialog::buildInputs()
{
    auto *form = new QFormLayout(m_inputs);
    form->setContentsMargins(0, 6, 0, 6);
    switch (m_action) {
    case StaffAction::RetryGeneration: {
        m_variation = new QComboBox(m_inputs);
        m_variation->setObjectName(QStringLiteral("variationCombo"));
        // Only what failed is offered: regenerating a completed preview would throw away audio
        // the customer may already have listened to or chosen.
        int failed = 0;
        for (const VariationRow &r : m_form.variations)
            failed += r.isFailed() && r.songIndex >= 0 && r.variationIndex >= 1 ? 1 : 0;
        if (failed > 1)
            m_variation->addItem(tr("All %1 failed variations").arg(failed),
                                 QStringLiteral("failed"));
        for (const VariationRow &r : m_form.variations) {
            if (!r.isFailed() || r.songIndex < 0 || r.variationIndex < 1)
                continue;
            m_variation->addItem(tr("Song %1, variation %2 (%3)")
                                     .arg(r.songIndex + 1)
                                     .arg(r.variationIndex)
                                     .arg(r.generationStatus),
                                 QStringLiteral("%1:%2").arg(r.songIndex).arg(r.variationIndex));
        }
        form->addRow(tr("Regenerate:"), m_variation);
        connect(m_variation, &QComboBox::currentIndexChanged, this, &ActionDialog::updateSummary);
        break;
    }
    case StaffAction::MarkDelivered:
        m_note = new QPlainTextEdit(m_inputs);
        m_note->setObjectName(QStringLiteral("noteEdit"));
        m_note->setPlaceholderText(tr("Optional note for the audit trail"));
        m_note->setMaximumHeight(70);
        m_note->setTabChangesFocus(true);
        form->addRow(tr("Note:"), m_note);
        break;
    case StaffAction::Redeliver:
        m_email = new QLineEdit(m_inputs);
        m_email->setObjectName(QStringLiteral("emailEdit"));
        m_email->setPlaceholderText(m_form.summary.email);
        m_email->setClearButtonEnabled(true);
        form->addRow(tr("Send to:"), m_email);
        {
            QLabel *hint = plainLabel(m_inputs, QStringLiteral("emailHint"));
            hint->setText(tr("Leave empty to send to the address on the form (%1).")
                              .arg(m_form.summary.email));
            form->addRow(QString(), hint);
        }
        connect(m_email, &QLineEdit::textChanged, this, &ActionDialog::updateSummary);
        break;
    case StaffAction::Refund: {
        m_history = plainLabel(m_inputs, QStringLiteral("refundHistory"));
        form->addRow(tr("Paid:"), m_history);
        auto *group = new QButtonGroup(m_inputs);
        m_full = new QRadioButton(tr("Full refund of what remains"), m_inputs);
        m_full->setObjectName(QStringLiteral("fullRefund"));
        m_partial = new QRadioButton(tr("Partial refund:"), m_inputs);
        m_partial->setObjectName(QStringLiteral("partialRefund"));
        group->addButton(m_full);
        group->addButton(m_partial);
        m_full->setChecked(true);
        m_amount = new QDoubleSpinBox(m_inputs);
        m_amount->setObjectName(QStringLiteral("amountEdit"));
        m_amount->setDecimals(2);
        m_amount->setMinimum(0.01);
        m_amount->setPrefix(m_form.summary.amountPaidCents ? QStringLiteral("$") : QString());
        m_amount->setEnabled(false);
        form->addRow(QString(), m_full);
        auto *row = new QHBoxLayout;
        row->addWidget(m_partial);
        row->addWidget(m_amount);
        row->addStretch();
        form->addRow(QString(), row);
        // The agent types why (the one datum a refund needs, where the cursor starts); Stripe's
        // reason code beside it starts at the common case and is one Tab away. The typed reason
        // goes to the refund's note and the audit trail.
        m_reasonText = new QLineEdit(m_inputs);
        m_reasonText->setObjectName(QStringLiteral("reasonEdit"));
        m_reasonText->setPlaceholderText(
            tr("Why, in the customer's words (at least %n characters)", nullptr, MinReasonLength));
        m_reasonText->setMaxLength(500);
        form->addRow(tr("Reason:"), m_reasonText);
        m_reason = new QComboBox(m_inputs);
        m_reason->setObjectName(QStringLiteral("reasonCombo"));
        m_reason->addItem(tr("Requested by customer"), QStringLiteral("requested_by_customer"));
        m_reason->addItem(tr("Duplicate payment"), QStringLiteral("duplicate"));
        m_reason->addItem(tr("Fraudulent"), QStringLiteral("fraudulent"));
        m_reason->addItem(tr("Other"), QStringLiteral("other"));
        form->addRow(tr("Stripe reason:"), m_reason);
        connect(m_partial, &QRadioButton::toggled, m_amount, &QWidget::setEnabled);
        connect(m_partial, &QRadioButton::toggled, this, &ActionDialog::updateSummary);
        connect(m_amount, &QDoubleSpinBox::valueChanged, this, &ActionDialog::updateSummary);
        connect(m_reason, &QComboBox::currentIndexChanged, this, &ActionDialog::updateSummary);
        connect(m_reasonText, &QLineEdit::textChanged, this, &ActionDialog::updateSummary);
        setRefundHistory({}, std::nullopt);
        break;
    }
    }
}

void ActionDialog::presetVariation(int songIndex, int variationIndex)
{
    if (!m_variation)
        return;
    const int i = m_variation->findData(QStringLiteral("%1:%2").arg(songIndex).arg(variationIndex));
    if (i >= 0)
        m_variation->setCurrentIndex(i);
}

void ActionDialog::presetAllFailed()
{
    if (!m_variation)
        return;
    const int i = m_variation->findData(QStringLiteral("failed"));
    if (i >= 0)
        m_variation->setCurrentIndex(i);
}

qint64 ActionDialog::remainingCents() const
{
    if (m_refundable)
        return *m_refundable;
    qint64 refunded = 0;
    for (const RefundRecord &r : m_refunds)
        refunded += r.counts() ? r.amountCents : 0;
    return m_form.summary.amountPaidCents.value_or(0) - refunded;
}

void ActionDialog::setRefundHistory(const QList<RefundRecord> &refunds,
                                    std::optional<qint64> refundableCents)
{
    m_refunds = refunds;
    m_refundable = refundableCents;
    if (!m_history)
        return;
    const qint64 paid = m_form.summary.amountPaidCents.value_or(0);
    QStringList lines {m_form.summary.paidAt.isValid()
                           ? tr("%1 paid on %2")
                                 .arg(Money {paid}.display(),
                                      QLocale().toString(m_form.summary.paidAt.toLocalTime(),
                                                         QLocale::ShortFormat))
                           : tr("%1 paid").arg(Money {paid}.display())};
    for (const RefundRecord &r : refunds)
        lines << tr("refunded %1 (%2, %3) by %4 on %5")
                     .arg(Money {r.amountCents,
                                 r.currency.isEmpty() ? QStringLiteral("usd") : r.currency}
                              .display(),
                          r.reason, r.status, r.staff.isEmpty() ? tr("unknown") : r.staff,
                          QLocale().toString(r.at.toLocalTime(), QLocale::ShortFormat));
    lines << tr("%1 can still be refunded").arg(Money {remainingCents()}.display());
    m_history->setText(lines.join(QLatin1Char('\n')));
    m_amount->setMaximum(double(std::max<qint64>(remainingCents(), 1)) / 100.0);
    m_amount->setValue(double(std::max<qint64>(remainingCents(), 1)) / 100.0);
    updateSummary();
}

void ActionDialog::updateSummary()
{
    const QString id = m_form.summary.id;
    const QString who = recipientOf(m_form);
    QString text;
    switch (m_action) {
    case StaffAction::RetryGeneration: {
        const QString which = m_variation ? m_variation->currentText() : QString();
        text = tr("Form %1 (for %2): MusicGPT will generate %3 again. The current preview is "
                  "replaced when the new one finishes; the customer's selection is kept.")
                   .arg(id, who, which.isEmpty() ? tr("nothing (no variations)") : which.toLower());
        break;
    }
    case StaffAction::MarkDelivered: {
        const QString email
            = m_form.summary.email.isEmpty() ? tr("(no e-mail)") : m_form.summary.email;
        const QString receives = m_form.summary.songCount > 1
            ? tr("The customer receives an e-mail at %1 with the share links to the %n song(s) of "
                 "form %2 (for %3).",
                 nullptr, m_form.summary.songCount)
                  .arg(email, id, who)
            : tr("The customer receives an e-mail at %1 with the share link to the song of form %2 "
                 "(for %3).")
                  .arg(email, id, who);
        text = receives + QLatin1Char(' ')
            + tr("The form becomes \"%1\" (it is \"%2\" now); afterwards Redeliver can send the "
                 "same link again.")
                  .arg(Status::label(FormStatus::Delivered), Status::label(m_form.summary.status));
        break;
    }
    case StaffAction::Redeliver: {
        const QString to = m_email && !m_email->text().trimmed().isEmpty()
            ? m_email->text().trimmed()
            : m_form.summary.email;
        text = tr("The customer receives the same share link of form %1 (for %2) again, by e-mail "
                  "at %3. The form stays \"%4\"; nothing else changes.")
                   .arg(id, who, to.isEmpty() ? tr("(no e-mail)") : to,
                        Status::label(m_form.summary.status));
        break;
    }
    case StaffAction::Refund: {
        const qint64 cents = m_partial && m_partial->isChecked() ? qRound64(m_amount->value() * 100)
                                                                 : remainingCents();
        // The dialog is the confirmation: how much, to whom, from which payment, said plainly.
        const QString payment = !m_form.summary.paymentIntentId.isEmpty()
            ? m_form.summary.paymentIntentId
            : !m_form.summary.stripeSessionId.isEmpty() ? m_form.summary.stripeSessionId
                                                        : tr("(no payment id)");
        text = tr("Stripe will refund %1 of the %2 paid for form %3 (for %4) to the card of %5 "
                  "(payment %6).")
                   .arg(Money {cents}.display(),
                        Money {m_form.summary.amountPaidCents.value_or(0)}.display(), id, who,
                        m_form.summary.email.isEmpty() ? tr("the customer") : m_form.summary.email,
                        payment);
        if (cents >= remainingCents())
            text += QLatin1Char(' ') + tr("The form will then count as refunded.");
        if (m_confirm)
            m_confirm->setText(tr("Refund %1").arg(Money {cents}.display()));
        break;
    }
    }
    m_summary->setText(text);
    if (m_confirm && m_phase == Phase::Editing) {
        // What is still missing is said next to the inputs, not only in a tooltip.
        const QString problem = validate();
        m_confirm->setEnabled(problem.isEmpty());
        m_confirm->setToolTip(problem);
        m_problem->setText(problem);
        m_problem->setVisible(!problem.isEmpty());
    }
}

QString ActionDialog::validate() const
{
    switch (m_action) {
    case StaffAction::RetryGeneration:
        return m_variation && m_variation->count() > 0
            ? QString()
            : tr("No variation of this form has failed: there is nothing to retry.");
    case StaffAction::MarkDelivered:
        return {};
    case StaffAction::Redeliver: {
        const QString e = m_email ? m_email->text().trimmed() : QString();
        if (e.isEmpty())
            return m_form.summary.email.isEmpty() ? tr("The form has no e-mail: enter one.")
                                                  : QString();
        return looksLikeEmail(e) ? QString() : tr("\"%1\" is not an e-mail address.").arg(e);
    }
    case StaffAction::Refund: {
        if (remainingCents() <= 0)
            return tr("Nothing is left to refund.");
        if (m_partial->isChecked() && qRound64(m_amount->value() * 100) > remainingCents())
            return tr("At most %1 can be refunded.").arg(Money {remainingCents()}.display());
        const int typed = int(m_reasonText->text().trimmed().size());
        if (typed == 0)
            return tr("Type the customer's reason.");
        if (typed < MinReasonLength)
            return tr("The reason is too short: at least %n characters.", nullptr, MinReasonLength);
        return {};
    }
    }
    return {};
}

void ActionDialog::confirm()
{
    // Enter pressed again while the request is on its way (or after it) sends nothing: the one
    // request and its Idempotency-Key are resent only by "Try again".
    if (m_phase != Phase::Editing)
        return;
    const QString problem = validate();
    if (!problem.isEmpty()) {
        m_problem->setText(problem);
        m_problem->show();
        return;
    }
    QJsonObject body;
    switch (m_action) {
    case StaffAction::RetryGeneration: {
        const QString which = m_variation->currentData().toString();
        if (which == QLatin1String("failed")) {
            body.insert(QStringLiteral("failedOnly"), true);
        } else {
            const auto parts = which.split(QLatin1Char(':'));
            body.insert(QStringLiteral("songIndex"), parts.value(0).toInt());
            body.insert(QStringLiteral("variationIndex"), parts.value(1).toInt());
        }
        break;
    }
    case StaffAction::MarkDelivered:
        if (!m_note->toPlainText().trimmed().isEmpty())
            body.insert(QStringLiteral("note"), m_note->toPlainText().trimmed());
        break;
    case StaffAction::Redeliver:
        if (!m_email->text().trimmed().isEmpty())
            body.insert(QStringLiteral("email"), m_email->text().trimmed());
        break;
    case StaffAction::Refund:
        if (m_partial->isChecked())
            body.insert(QStringLiteral("amount"), qRound64(m_amount->value() * 100));
        body.insert(QStringLiteral("reason"), m_reason->currentData().toString());
        body.insert(QStringLiteral("note"), m_reasonText->text().trimmed());
        break;
    }
    send(ActionRequest::make(m_form.summary.id, m_action, body, m_summary->text()));
}

void ActionDialog::send(const ActionRequest &request)
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

void ActionDialog::finished(const ActionResult &r)
{
    if (r.ok()) {
        QString text = tr("Done.");
        const QJsonObject body = r.body;
        if (m_action == StaffAction::Refund) {
            const QJsonObject refund = body.value(QStringLiteral("refund")).toObject();
            text = tr("Refunded %1 (Stripe refund %2, %3).")
                       .arg(Money {refund.value(QStringLiteral("amount")).toInteger()}.display(),
                            refund.value(QStringLiteral("id")).toString(),
                            refund.value(QStringLiteral("status")).toString());
        } else if (m_action == StaffAction::RetryGeneration) {
            text = tr("Generation restarted for %n variation(s); the table shows \"generating…\" "
                      "until MusicGPT is done.",
                      nullptr, int(body.value(QStringLiteral("retried")).toArray().size()));
        } else if (m_action == StaffAction::MarkDelivered) {
            text = tr("Form %1 is delivered; the share link was sent.").arg(r.request.formId);
        } else if (m_action == StaffAction::Redeliver) {
            const QJsonObject d = body.value(QStringLiteral("delivery")).toObject();
            text = tr("The share link was sent again to %1.")
                       .arg(d.value(QStringLiteral("email")).toString());
        }
        m_outcome->setText(text);
        setPhase(Phase::Done);
        return;
    }
    m_outcome->setText(r.error.message);
    setPhase(r.error.kind == ApiError::Kind::Invalid ? Phase::Editing : Phase::Failed);
    if (r.error.kind == ApiError::Kind::Invalid) {
        m_problem->setText(r.error.message);
        m_problem->show();
        m_outcome->hide();
    }
    m_retry->setVisible(r.error.retryable);
}

void ActionDialog::setPhase(Phase p)
{
    m_phase = p;
    m_inputs->setEnabled(p == Phase::Editing);
    m_progress->setVisible(p == Phase::Sending);
    m_outcome->setVisible(p == Phase::Done || p == Phase::Failed);
    m_confirm->setVisible(p == Phase::Editing);
    m_retry->setVisible(false);
    m_retry->setEnabled(p == Phase::Failed);
    m_close->setEnabled(p != Phase::Sending);
    m_close->setText(p == Phase::Editing ? tr("Cancel") : tr("Close"));
    m_outcome->setStyleSheet(QStringLiteral("color: %1;")
                                 .arg(Theme::color(p == Phase::Failed ? Theme::Role::ErrorText
                                                                      : Theme::Role::SuccessText)
                                          .name()));
    if (p == Phase::Editing)
        updateSummary();
    else
        m_problem->hide();
}

QString ActionDialog::outcomeText() const
{
    return m_outcome->text();
}

} // namespace compose
