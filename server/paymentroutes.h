#pragma once

#include "formrecord.h"
#include "httpserver.h"

#include <QJsonObject>
#include <QObject>

#include <optional>

namespace compose {

class ApiContext;

// POST /api/stripe/checkout (Checkout Session, form-encoded to Stripe) and POST
// /api/stripe/webhook (signature on the raw bytes, dedupe on the event id, the seed's step 6
// in one transaction, refunds kept in step with Stripe).
class PaymentRoutes final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaymentRoutes)
public:
    explicit PaymentRoutes(ApiContext *context, QObject *parent = nullptr);
    void registerRoutes(HttpServer *server);

    static qint64 priceCents(const QString &packageType);
    // Updates (or, for refunds made outside compose-api, inserts) a compose_refunds row from a
    // Stripe refund object; moves the form to refunded when nothing remains. In a transaction.
    void syncRefund(const QJsonObject &refund, const QString &actor);

    // Values of orders.payment_flag: a payment that did not move its form to paid.
    static QString duplicateFlag() { return QStringLiteral("duplicate"); }
    static QString statusKeptFlag() { return QStringLiteral("status_kept"); }

signals:
    // The one place that says "a payment was recorded for form X": emitted after the webhook's
    // transaction committed, once per Checkout Session (never for a replay). flag is empty for
    // an ordinary payment, duplicateFlag() or statusKeptFlag() otherwise.
    void paymentRecorded(const QString &formId, const QString &orderId, const QString &flag);

private:
    struct Payment {
        QString sessionId;
        QString intent;
        qint64 amount = 0;
        QString currency;
        QString customerEmail;
        QJsonObject selections; // what the customer paid for
    };
    struct Recorded {
        QString formId;
        QString orderId;
        QString flag;
    };

    void checkout(const HttpRequest &req, const Exchange &ex);
    void webhook(const HttpRequest &req, const Exchange &ex);
    // Runs in the webhook's transaction; fills *recorded when this session made a new order.
    QJsonObject checkoutCompleted(const QJsonObject &session, std::optional<Recorded> *recorded);
    // Moves the form to paid when its status allows; returns the order's flag otherwise.
    QString applyPayment(const FormRecord &form, const Payment &payment);
    QString insertOrder(const FormRecord &form, const Payment &payment, const QString &flag);

    ApiContext *m_ctx = nullptr;
};

} // namespace compose
