#pragma once

#include "httpserver.h"

#include <QObject>

namespace compose {

class ApiContext;
class RefundService;
class StaffRoutes;

// POST /api/admin/forms/{formId}/orders/{orderId}/refund: refunds one order of a form by the
// payment intent its Checkout Session was paid with, so a duplicate payment (orders.payment_flag)
// can be given back without touching the form's own payment. The refund rules (admin only,
// reservation under the form's row lock, Stripe Idempotency-Key derived from the staff key, the
// sweep) are RefundService's; authentication, audit and the Idempotency-Key rule StaffRoutes'.
class OrderRefundRoutes final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderRefundRoutes)
public:
    OrderRefundRoutes(ApiContext *context, StaffRoutes *staff, RefundService *refunds,
                      QObject *parent = nullptr);
    void registerRoutes(HttpServer *server);

private:
    ApiContext *m_ctx = nullptr;
    StaffRoutes *m_staff = nullptr;
    RefundService *m_refunds = nullptr;
};

} // namespace compose
