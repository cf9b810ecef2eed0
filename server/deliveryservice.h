#pragma once

#include "formrecord.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace compose {

class ApiContext;

// Delivery as one rule, used by the staff routes ("Mark delivered", "Redeliver") and by the
// Stripe webhook (deliver on payment): share slugs for the paid variations, sharing on, a
// compose_deliveries row, the e-mail in compose_outbox and the status change, all in the
// caller's transaction. The mailer sends the outbox afterwards; the row is the record.
class DeliveryService final {
    Q_DECLARE_TR_FUNCTIONS(DeliveryService)
    Q_DISABLE_COPY_MOVE(DeliveryService)
public:
    explicit DeliveryService(ApiContext *context);

    enum class Kind { Deliver, Redeliver };
    struct Link {
        int songIndex = 0;
        int version = 1; // MusicGPT's version 1 or 2 of the generation
        QString url;
    };
    struct Result {
        qint64 deliveryId = 0;
        qint64 outboxId = 0;
        QString messageId;
        QString email;
        QList<Link> links;
        QString primaryUrl() const { return links.isEmpty() ? QString() : links.first().url; }
    };

    // Must run inside a transaction that called ApiContext::setActor(actor). Deliver moves the
    // form to delivered (the caller checked that it may); Redeliver leaves the status alone.
    Result deliver(const FormRecord &form, Kind kind, const QString &to, const QString &actor,
                   std::optional<int> staffId, const QString &note);

    // After the webhook recorded a payment, in its transaction: delivers to the customer's
    // address unless deliveries are held for staff review or there is no address. Returns
    // whether it delivered.
    bool afterPayment(const QString &formId);

    // After a refund completed, in its transaction: a full refund sets the form's orders to
    // refunded and turns sharing off; a partial refund changes nothing (the song stays shared).
    void afterRefund(const QString &formId);

    QString customerEmail(const QString &formId) const;

    // Called after the current request's transaction has committed (queued to the event loop),
    // so the sender finds the new row at once instead of at its next poll.
    void setOnQueued(std::function<void()> fn) { m_onQueued = std::move(fn); }

    // The e-mail texts (translatable). recipient/title are customer text: escaped in HTML.
    static QString subject(const QString &recipient);
    static QString textBody(const QString &recipient, const QString &sender,
                            const QList<Link> &links);
    static QString htmlBody(const QString &recipient, const QString &sender,
                            const QList<Link> &links);

    static QString newSlug();

private:
    QList<Link> shareLinks(const FormRecord &form);
    QString shareBase() const;

    ApiContext *m_ctx = nullptr;
    std::function<void()> m_onQueued;
};

} // namespace compose
