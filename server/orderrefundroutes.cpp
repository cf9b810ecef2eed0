#include "orderrefundroutes.h"

#include "apicontext.h"
#include "apierror.h"
#include "database.h"
#include "refundservice.h"
#include "staffroutes.h"

namespace compose {

OrderRefundRoutes::OrderRefundRoutes(ApiContext *context, StaffRoutes *staff,
                                     RefundService *refunds, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
    , m_staff(staff)
    , m_refunds(refunds)
{
}

void OrderRefundRoutes::registerRoutes(HttpServer *server)
{
    using CallPtr = StaffRoutes::CallPtr;
    server->addRoute(
        "POST", QStringLiteral("/api/admin/forms/{formId}/orders/{orderId}/refund"),
        [this](const HttpRequest &r, const Exchange &ex) {
            m_staff->action(
                r, ex, QStringLiteral("refund_order"),
                [this](const CallPtr &call, const HttpRequest &req) {
                    if (!call->staff.isAdmin())
                        throw ApiError(403, QStringLiteral("forbidden"),
                                       QStringLiteral("Only an admin may refund; %1 is an %2.")
                                           .arg(call->staff.name, call->staff.role));
                    const RefundService::Request request
                        = RefundService::staffRequest(call->staff, req.body, call->idemKey);
                    const QString orderId = req.param(QStringLiteral("orderId"));
                    RefundRow reservation;
                    {
                        Db::Transaction tx(m_ctx->db());
                        m_ctx->setActor(call->staff.name);
                        const FormRecord form = m_ctx->requireForm(call->formId, true);
                        const RefundService::Reserved reserved
                            = m_refunds->reserveOrder(request, form, orderId);
                        if (reserved.answer) { // an earlier attempt of this request succeeded
                            m_staff->record(call, 200, *reserved.answer);
                            tx.commit();
                            m_staff->send(call, 200, *reserved.answer);
                            return;
                        }
                        reservation = reserved.reservation;
                        tx.commit();
                    }
                    m_refunds->askStripe(
                        reservation, this,
                        [this, call, reservation](const RefundService::Settlement &outcome) {
                            m_staff->guarded(
                                call, [&] { m_staff->answerRefund(call, reservation, outcome); });
                        });
                });
        });
}

} // namespace compose
