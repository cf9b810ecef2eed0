#pragma once

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace compose {

// A compose_refunds row: a reservation (cr_…) until Stripe names the refund (re_…).
struct RefundRow {
    QString id;
    QString formId;
    QString paymentIntent;
    qint64 amount = 0;
    QString currency;
    QString reason;
    QString note; // null when the row has none
    QString status;
    QString stripeKey; // the Idempotency-Key Stripe is asked under
    QString lastError;
    int staffId = 0;
    QString staffName; // null when no staff member made it (a refund made at Stripe)
    QDateTime createdAt;
};

// compose_refunds: reservations, Stripe's answers, the sweep's claims, refunds learnt from
// Stripe's events. The caller holds the transaction.
class RefundStore final {
public:
    explicit RefundStore(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    std::optional<RefundRow> findByStripeKey(const QString &stripeKey) const;
    // Newest first, as the audit trail shows them.
    QList<RefundRow> forForm(const QString &formId) const;
    // What the refunds of one payment intent hold (every status but failed and canceled).
    qint64 countedForIntent(const QString &paymentIntent) const;
    // Pending reservations (cr_…) not touched since cutoff, oldest first.
    QList<RefundRow> due(const QDateTime &cutoff, int limit) const;

    // The one writer of a new row: a reservation (status pending, with its staff member and
    // Stripe key) or a refund made outside compose-api. Empty note, stripeKey and currency, and
    // staffId 0, are stored as NULL, NULL, usd and NULL.
    void insert(const RefundRow &row, const QDateTime &now);
    // updated_at is the reservation's lease: the sweep leaves it alone while a call may be in
    // flight.
    void markAttempt(const QString &id, const QDateTime &now);
    // Compare-and-set for the sweep: true when this caller took the row.
    bool claimDue(const QString &id, const QDateTime &now, const QDateTime &cutoff);

    // Stripe named the refund: the row (found by its reservation id or, when Stripe's event came
    // first, by Stripe's id) takes Stripe's id and status.
    void settle(const QString &reservationId, const QString &stripeId, const QString &status,
                const QDateTime &now);
    // Stripe's final "no" (failed = true) releases the reserved amount; otherwise only the error
    // is noted and the reservation stays pending.
    void noteFailure(const QString &id, const QString &error, bool failed, const QDateTime &now);

    // From a Stripe refund object: renames our reservation (localId) or updates the row with
    // Stripe's id, and returns the form of the row, if there is one.
    std::optional<QString> syncFromStripe(const QString &stripeId, const QString &localId,
                                          const QString &status, const QDateTime &now);

private:
    QSqlDatabase m_db;
};

} // namespace compose
