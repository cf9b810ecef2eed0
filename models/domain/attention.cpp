#include "attention.h"

#include <QStringList>

namespace compose {

QList<Queue> Attention::all()
{
    return {Queue::PaidNotDelivered,   Queue::FailedGeneration, Queue::StuckGenerating,
            Queue::PaidWithoutWebhook, Queue::DuplicatePayment, Queue::RefundProblem,
            Queue::PreviewExpiring,    Queue::JsonMismatch,     Queue::OrderMismatch,
            Queue::UnknownStatus};
}

QString Attention::key(Queue q)
{
    switch (q) {
    case Queue::PaidNotDelivered:
        return QStringLiteral("paid_not_delivered");
    case Queue::FailedGeneration:
        return QStringLiteral("failed_generation");
    case Queue::StuckGenerating:
        return QStringLiteral("stuck_generating");
    case Queue::PaidWithoutWebhook:
        return QStringLiteral("paid_without_webhook");
    case Queue::DuplicatePayment:
        return QStringLiteral("duplicate_payment");
    case Queue::RefundProblem:
        return QStringLiteral("refund_problem");
    case Queue::PreviewExpiring:
        return QStringLiteral("preview_expiring");
    case Queue::JsonMismatch:
        return QStringLiteral("json_mismatch");
    case Queue::OrderMismatch:
        return QStringLiteral("order_mismatch");
    case Queue::UnknownStatus:
        return QStringLiteral("unknown_status");
    }
    return {};
}

std::optional<Queue> Attention::fromKey(QStringView key)
{
    for (Queue q : all()) {
        if (key == Attention::key(q))
            return q;
    }
    return std::nullopt;
}

QString Attention::label(Queue q)
{
    switch (q) {
    case Queue::PaidNotDelivered:
        return tr("Paid, not delivered");
    case Queue::FailedGeneration:
        return tr("Failed generation");
    case Queue::StuckGenerating:
        return tr("Generating too long");
    case Queue::PaidWithoutWebhook:
        return tr("Paid, no webhook");
    case Queue::DuplicatePayment:
        return tr("Duplicate payment");
    case Queue::RefundProblem:
        return tr("Refund pending or failed");
    case Queue::PreviewExpiring:
        return tr("Preview expiring");
    case Queue::JsonMismatch:
        return tr("Form and generations disagree");
    case Queue::OrderMismatch:
        return tr("Paid without an order");
    case Queue::UnknownStatus:
        return tr("Unknown status");
    }
    return {};
}

QString Attention::description(Queue q, const AttentionThresholds &t)
{
    switch (q) {
    case Queue::PaidNotDelivered:
        return tr("Paid more than %n minute(s) ago and not delivered yet.", nullptr,
                  t.paidUndeliveredMinutes);
    case Queue::FailedGeneration:
        return tr("A variation failed and no retry of it has started or completed.");
    case Queue::StuckGenerating:
        return tr("Generating variations for more than %n minute(s).", nullptr,
                  t.generatingMinutes);
    case Queue::PaidWithoutWebhook:
        return tr("Stripe says the checkout was paid, but no webhook arrived (found by "
                  "reconciliation).");
    case Queue::DuplicatePayment:
        return tr("The form was paid twice; the second payment is still not refunded.");
    case Queue::RefundProblem:
        return tr("A refund is pending at Stripe, or failed and nothing was refunded after it.");
    case Queue::PreviewExpiring:
        return tr("Not delivered yet, and a preview the customer needs is gone or goes within "
                  "%n hour(s) (MusicGPT keeps MP3 for %1 days and WAV for %2 days).",
                  nullptr, t.previewWarningHours)
            .arg(t.mp3RetentionDays)
            .arg(t.wavRetentionDays);
    case Queue::JsonMismatch:
        return tr("The form's variation_task_ids and its music_generations rows disagree.");
    case Queue::OrderMismatch:
        return tr("Paid or delivered, but no order names the form.");
    case Queue::UnknownStatus:
        return tr("The form's status is not one the workflow knows.");
    }
    return {};
}

QString Attention::unavailableReason(Queue q)
{
    if (q == Queue::PaidWithoutWebhook)
        return tr("Not available: this database has no reconciliation findings (run "
                  "compose-api --migrate).");
    return tr("Not available: this database lacks compose-api's tables (run compose-api "
              "--migrate).");
}

QList<StaffAction> Attention::offeredActions(Queue q)
{
    switch (q) {
    case Queue::PaidNotDelivered:
        return {StaffAction::MarkDelivered};
    case Queue::FailedGeneration:
        return {StaffAction::RetryGeneration};
    case Queue::PreviewExpiring:
        // Paid: delivering now gives the customer the song while its audio still exists. Not
        // paid yet: a new preview is a retry of that variation. At checkout neither is allowed
        // and the button's tooltip says why (the customer's payment decides).
        return {StaffAction::MarkDelivered, StaffAction::RetryGeneration};
    case Queue::RefundProblem:
        return {StaffAction::Refund};
    default:
        return {};
    }
}

QList<RowFlag> Attention::allFlags()
{
    return {RowFlag::Failed, RowFlag::Stuck, RowFlag::Refunded, RowFlag::DuplicatePayment,
            RowFlag::ExpiredPreview};
}

QString Attention::flagKey(RowFlag f)
{
    switch (f) {
    case RowFlag::Failed:
        return key(Queue::FailedGeneration);
    case RowFlag::Stuck:
        return stuckKey();
    case RowFlag::Refunded:
        return refundedKey();
    case RowFlag::DuplicatePayment:
        return key(Queue::DuplicatePayment);
    case RowFlag::ExpiredPreview:
        return key(Queue::PreviewExpiring);
    }
    return {};
}

QString Attention::flagLabel(RowFlag f)
{
    // A symbol and a word, so a flag never depends on colour to be read.
    switch (f) {
    case RowFlag::Failed:
        return tr("✖ failed");
    case RowFlag::Stuck:
        return tr("◷ stuck");
    case RowFlag::Refunded:
        return tr("↩ refunded");
    case RowFlag::DuplicatePayment:
        return tr("⇉ paid twice");
    case RowFlag::ExpiredPreview:
        return tr("◔ preview expiring");
    }
    return {};
}

QString Attention::flagsText(int flags)
{
    QStringList parts;
    for (RowFlag f : allFlags()) {
        if (flags & int(f))
            parts << flagLabel(f);
    }
    return parts.join(QStringLiteral(" · "));
}

QString Attention::flagsTooltip(int flags)
{
    QStringList parts;
    const AttentionThresholds t;
    for (RowFlag f : allFlags()) {
        if (!(flags & int(f)))
            continue;
        if (f == RowFlag::Refunded)
            parts << tr("Refunded, in full or in part.");
        else if (f == RowFlag::Stuck)
            parts << description(Queue::StuckGenerating, t) + QLatin1Char('\n')
                    + tr("Or: %1").arg(description(Queue::PaidNotDelivered, t));
        else
            parts << description(*fromKey(flagKey(f)), t);
    }
    return parts.join(QLatin1Char('\n'));
}

} // namespace compose
