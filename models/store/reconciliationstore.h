#pragma once

#include "finding.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace compose {

// Where a pass stopped in one of Stripe's lists (compose_reconciliation_cursors).
struct ReconciliationCursor {
    QString objectType; // checkout_sessions | payment_intents | refunds
    qint64 createdGte = 0; // unix seconds: the next fresh pass lists from here (less an overlap)
    QString resumeAfter; // a capped pass continues after this id; empty: start a fresh pass
    qint64 highWater = 0; // the newest `created` seen by the pass being resumed
};

// What the database knows of one Stripe refund (compose_refunds).
struct KnownRefund {
    QString id;
    QString formId;
    QString status;
    qint64 amount = 0;
};

// The Reconciler's writes and the questions it asks of the books: the lease that makes one pass
// at a time across processes, the cursors, findings (insert-once), and lookups of sessions,
// intents, orders and refunds. The caller holds the transaction where it matters.
class ReconciliationStore final {
public:
    explicit ReconciliationStore(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    // Compare-and-set on the lease row: true when owner holds the lease until `until` (it was
    // free, expired, or already the owner's).
    bool takeLease(const QString &owner, const QDateTime &now, const QDateTime &until);
    void releaseLease(const QString &owner, const QDateTime &now);

    ReconciliationCursor cursor(const QString &objectType) const;
    void saveCursor(const ReconciliationCursor &cursor, const QDateTime &now);

    // INSERT … ON CONFLICT DO NOTHING: false when (kind, stripe_object_id) was already recorded.
    bool insertFinding(const Finding &finding);
    // Compare-and-set: false when the finding was already resolved (or does not exist).
    bool resolve(qint64 id, const QString &resolution, const QString &by, const QString &note,
                 const QDateTime &now);

    bool formExists(const QString &formId) const;
    // The form a session belongs to by our own records (compose_checkout_sessions, then the
    // form that last started it), or empty.
    QString formOfSession(const QString &sessionId) const;
    // The amount of the order recorded for this session, if there is one.
    std::optional<qint64> orderAmountBySession(const QString &sessionId) const;
    // The intent is a payment we recorded (a form, a session row) or already a finding.
    bool intentKnown(const QString &intent) const;
    // Our row of a Stripe refund, by Stripe's id or by our reservation id (metadata).
    std::optional<KnownRefund> refund(const QString &stripeId, const QString &localId) const;

private:
    QSqlDatabase m_db;
};

} // namespace compose
