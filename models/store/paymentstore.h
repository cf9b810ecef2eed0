#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace compose {

// What compose_checkout_sessions knows of a session compose-api started.
struct CheckoutSessionRow {
    QString formId;
    QString selectionsJson; // the selection sent to Stripe: what a payment of it buys
};

// A payment as the webhook records it on the form, the order and the session row.
struct PaymentRow {
    QString formId;
    QString sessionId;
    QString intent; // empty: stored as NULL
    qint64 amount = 0;
    QString currency;
    QString selectionsJson;
};

// An orders row written for a paid Checkout Session (status paid, no credits).
struct NewOrder {
    QString id;
    QString userId; // empty: NULL
    QString guestEmail; // empty: NULL
    QString formId;
    qint64 amount = 0;
    QString currency;
    QString sessionId;
    QString packageId;
    QString paymentFlag; // empty: an ordinary payment (NULL)
};

// Stripe's side of the books: checkout sessions, webhook events, orders and the payment columns
// of compose_forms. The caller holds the transaction.
class PaymentStore final {
public:
    explicit PaymentStore(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    // The form's selection and session id, and the session's own row, for a new Checkout Session.
    void startCheckout(const QString &formId, const QString &sessionId,
                       const QString &selectionsJson, qint64 amount, const QDateTime &now);
    // False when the event id was seen before (Stripe delivers at least once).
    bool recordEvent(const QString &eventId, const QString &type, const QDateTime &now);

    std::optional<CheckoutSessionRow> session(const QString &sessionId) const;
    // The form that last started this session (compose_forms.stripe_session_id), or empty.
    QString formIdBySession(const QString &sessionId) const;
    // The form paid with this payment intent, or empty.
    QString formIdByIntent(const QString &intent) const;
    // The order already recorded for this session, if any.
    std::optional<QString> orderIdBySession(const QString &sessionId) const;

    // The form's payment columns; a paid form no longer expires.
    void markFormPaid(const PaymentRow &payment, const QDateTime &now);
    void insertOrder(const NewOrder &order, const QDateTime &now);
    // orders has no payment intent column (the seed's table): the session row keeps it, so a
    // duplicate payment can be refunded. Sessions created elsewhere get a row too.
    void recordSessionPayment(const PaymentRow &payment, const QString &orderId,
                              const QDateTime &now);
    // A full refund: the form's own orders are refunded (not flagged duplicate payments).
    void refundOrders(const QString &formId, const QDateTime &now);

    // One order of a form with the payment intent its session was paid with (a duplicate
    // payment is refunded by it), if the order is the form's.
    struct OrderPayment {
        QString orderId;
        qint64 amount = 0;
        QString currency;
        QString paymentIntent; // empty: the session row does not know it
        QString flag; // orders.payment_flag; empty for the form's own payment
        QString status;
    };
    std::optional<OrderPayment> orderPayment(const QString &formId, const QString &orderId) const;
    // A flagged order whose payment intent's succeeded refunds cover its amount is refunded.
    void closeFlaggedOrder(const QString &paymentIntent, const QDateTime &now);

private:
    // The one writer of compose_checkout_sessions; updatePayment: an existing row takes the
    // payment's intent and order.
    void writeSession(const PaymentRow &payment, const QString &orderId, const QDateTime &now,
                      bool updatePayment);

    QSqlDatabase m_db;
};

} // namespace compose
