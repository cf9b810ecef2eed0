#pragma once

#include "httpserver.h"
#include "paymentservice.h"
#include "refundservice.h"

#include <QJsonObject>
#include <QObject>

#include <memory>

namespace compose {

class ApiContext;

// POST /api/stripe/checkout (Checkout Session, form-encoded to Stripe) and POST
// /api/stripe/webhook (signature on the raw bytes); the work is PaymentService's and
// RefundService's.
class PaymentRoutes final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PaymentRoutes)
public:
    explicit PaymentRoutes(ApiContext *context, QObject *parent = nullptr);
    void registerRoutes(HttpServer *server);

    // Refunds (the staff action, the sweep and Stripe's refund events) share one service.
    RefundService *refunds() const { return m_refunds; }
    PaymentService *payments() const { return m_payments.get(); }

signals:
    // The one place that says "a payment was recorded for form X": emitted after the webhook's
    // transaction committed, once per Checkout Session (never for a replay). flag is empty for
    // an ordinary payment, PaymentService::duplicateFlag() or statusKeptFlag() otherwise.
    void paymentRecorded(const QString &formId, const QString &orderId, const QString &flag);

private:
    void checkout(const HttpRequest &req, const Exchange &ex);
    void webhook(const HttpRequest &req, const Exchange &ex);

    ApiContext *m_ctx = nullptr;
    RefundService *m_refunds = nullptr;
    std::unique_ptr<PaymentService> m_payments;
};

} // namespace compose
