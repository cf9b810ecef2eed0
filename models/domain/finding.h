#pragma once

#include <QDateTime>
#include <QString>

namespace compose {

// One compose_reconciliation_findings row: something Stripe knows that the database does not
// (or knows otherwise), found by compose-api's Reconciler and resolved only by staff.
struct Finding {
    qint64 id = 0;
    QString kind; // see FindingKind
    QString formId; // empty: Stripe's object names no form we know
    QString stripeObjectId;
    QString paymentIntent; // empty when Stripe named none
    QString detailJson; // a JSON object as text
    QDateTime foundAt;
    QDateTime resolvedAt; // invalid while open
    QString resolution; // applied | dismissed; empty while open
    QString resolvedBy;
    QString note;

    bool isOpen() const { return !resolvedAt.isValid(); }
};

// The kinds the Reconciler writes (the texts are the table's values).
namespace FindingKind {
// Stripe says a Checkout Session was paid; the database has no order for it (the webhook never
// arrived or was refused). Apply records it through the webhook's own code path.
inline QString paidWithoutWebhook()
{
    return QStringLiteral("paid_without_webhook");
}
// A refund's state or amount at Stripe differs from compose_refunds (or Stripe has a refund we
// do not). Apply takes Stripe's refund through the refund events' code path.
inline QString refundMismatch()
{
    return QStringLiteral("refund_mismatch");
}
// A paid session or succeeded payment intent whose metadata names no form we know. Nothing to
// apply: staff refund it at Stripe or dismiss it.
inline QString paymentWithoutForm()
{
    return QStringLiteral("payment_without_form");
}
// A paid session whose order records another amount than Stripe charged. Nothing to apply.
inline QString amountMismatch()
{
    return QStringLiteral("amount_mismatch");
}
} // namespace FindingKind

} // namespace compose
