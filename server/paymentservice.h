#pragma once

#include "formrecord.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace compose {

class ApiContext;
class RefundService;

// Stripe's payments without HTTP: the Checkout Session a customer started, and the webhook's
// events (deduplicated on the event id) in one transaction each — the seed's step 6 for a paid
// session (one order per session, the form paid, the paid variations selected, delivery), and
// refunds kept in step with Stripe.
class PaymentService final {
    Q_DISABLE_COPY_MOVE(PaymentService)
public:
    PaymentService(ApiContext *context, RefundService *refunds);

    static qint64 priceCents(const QString &packageType);
    // Values of orders.payment_flag: a payment that did not move its form to paid.
    static QString duplicateFlag() { return QStringLiteral("duplicate"); }
    static QString statusKeptFlag() { return QStringLiteral("status_kept"); }

    struct Recorded {
        QString formId;
        QString orderId;
        QString flag; // empty for an ordinary payment
    };
    struct EventOutcome {
        QJsonObject answer; // the webhook's 200 body
        std::optional<Recorded> recorded; // this event made a new order
    };

    // Throws ApiError 400/409 unless selections picks a finished variation of every song.
    void requireReadySelection(const FormRecord &form, const QJsonObject &selections) const;
    // Stripe created sessionId for the form: payment_initiated, the selection and the session
    // row, in one transaction.
    void checkoutStarted(const QString &formId, const QJsonObject &selections,
                         const QString &sessionId);
    // A signed webhook event, in one transaction; a replayed event id changes nothing.
    EventOutcome handleEvent(const QString &eventId, const QString &type,
                             const QJsonObject &object);
    // A paid Checkout Session as Stripe lists it (a reconciliation finding), through the same
    // code as its checkout.session.completed event: one order per session, whichever comes
    // first. In the caller's transaction.
    EventOutcome applySession(const QJsonObject &session);

private:
    struct Payment {
        QString sessionId;
        QString intent;
        qint64 amount = 0;
        QString currency;
        QString customerEmail;
        QJsonObject selections; // what the customer paid for
    };

    QJsonObject checkoutCompleted(const QJsonObject &session, std::optional<Recorded> *recorded);
    // Moves the form to paid when its status allows; returns the order's flag otherwise.
    QString applyPayment(const FormRecord &form, const Payment &payment);
    QString insertOrder(const FormRecord &form, const Payment &payment, const QString &flag);

    ApiContext *m_ctx = nullptr;
    RefundService *m_refunds = nullptr;
};

} // namespace compose
