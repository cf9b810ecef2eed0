#pragma once

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace compose {

// A compose_deliveries row: one delivery or redelivery of a form's share links.
struct DeliveryRecord {
    qint64 id = 0;
    QString formId;
    QString email;
    QString shareUrl;
    QString kind; // "deliver" | "redeliver"
    QString note; // null: none
    std::optional<int> staffId; // empty: delivered on payment
    QString staffName; // read only; null when staffId is empty
    QDateTime createdAt;
};

// A compose_outbox message as it is queued and as a sender claims it.
struct OutboxMessage {
    qint64 id = 0;
    QString messageId;
    QString formId;
    qint64 deliveryId = 0;
    QString to;
    QString subject;
    QString text;
    QString html;
};

// compose_deliveries and compose_outbox: the record of each delivery and the e-mail queue the
// mailer drains (claim with a lease, then sent, retrying or failed).
class DeliveryStore final {
public:
    explicit DeliveryStore(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    // The form's guest e-mail, else its user's e-mail; empty when it has neither.
    QString customerEmail(const QString &formId) const;
    // Returns the new row's id.
    qint64 insertDelivery(const DeliveryRecord &row, const QDateTime &now);
    // Newest first, with the staff member's name.
    QList<DeliveryRecord> forForm(const QString &formId) const;
    // The form's outbox messages created at or after since (any state) and the oldest one's
    // time: the per-form e-mail limit, counted in the database so it holds for every process.
    struct Recent {
        int count = 0;
        QDateTime oldest;
    };
    Recent recentMessages(const QString &formId, const QDateTime &since) const;
    // Queues the message (due now); returns its outbox id.
    qint64 queue(const OutboxMessage &message, const QDateTime &now);

    // The oldest due message (queued or retrying and due, or sending with a lapsed lease),
    // taken for owner until leaseUntil. Of two senders that pick the same row exactly one gets it.
    std::optional<OutboxMessage> claimNext(const QString &owner, const QDateTime &now,
                                           const QDateTime &leaseUntil);
    // Only while owner still holds the lease.
    void markSent(qint64 id, const QString &owner, const QDateTime &now);
    int attempts(qint64 id) const;
    void markFailedAttempt(qint64 id, const QString &owner, const QString &error, bool final,
                           const QDateTime &nextAttempt);

private:
    QSqlDatabase m_db;
};

} // namespace compose
