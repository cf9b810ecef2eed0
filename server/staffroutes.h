#pragma once

#include "apierror.h"
#include "formrecord.h"
#include "httpserver.h"
#include "outbound.h"
#include "refundservice.h"
#include "staffaccounts.h"

#include <QJsonObject>
#include <QObject>

#include <memory>
#include <optional>

namespace compose {

class ApiContext;
class GenerationRoutes;
class PaymentRoutes;

// /api/admin/…: the dashboard's staff actions. Each needs a bearer token; every attempt is
// written to compose_audit (a change in the transaction of its change). Idempotency-Key
// (compose_idempotency): the first FINAL answer (2xx, 4xx) is replayed; a 5xx is not stored, and
// a claim older than the lease (a crashed request) is taken over by a retry of the same key.
class StaffRoutes final : public QObject {
    Q_OBJECT
public:
    StaffRoutes(ApiContext *context, GenerationRoutes *generation, PaymentRoutes *payments,
                QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(StaffRoutes)
    void registerRoutes(HttpServer *server);

    // Settles refund reservations whose outcome at Stripe is unknown and older than the lease,
    // by asking Stripe again under the same Idempotency-Key (RefundService::sweep). Returns how
    // many it asked about.
    int sweepRefunds();

private:
    // Staff routes in their own files share authentication, audit and Idempotency-Key.
    friend class FindingRoutes;
    friend class OrderRefundRoutes;

    struct Call {
        StaffMember staff;
        QString formId;
        QString action;
        QJsonObject request;
        QByteArray idemKey;
        Exchange ex;
    };
    using CallPtr = std::shared_ptr<Call>;

    StaffMember authenticate(const HttpRequest &req) const;
    // Authenticates, claims the Idempotency-Key (or answers a replay/refusal) and runs body;
    // an ApiError thrown from body is audited and answered.
    void action(const HttpRequest &req, const Exchange &ex, const QString &action,
                const std::function<void(const CallPtr &, const HttpRequest &)> &body);
    // Inside the transaction of the change: audit row + stored idempotent answer. The caller
    // commits and then calls send().
    void record(const CallPtr &call, int status, const QJsonObject &body);
    void send(const CallPtr &call, int status, const QJsonObject &body);
    // Audits and answers a refusal in its own transaction.
    void refuse(const CallPtr &call, const ApiError &error);
    void guarded(const CallPtr &call, const std::function<void()> &fn);

    void retry(const CallPtr &call, const HttpRequest &req);
    void deliver(const CallPtr &call, const HttpRequest &req, bool redeliver);
    void note(const CallPtr &call, const HttpRequest &req); // POST …/notes {text}: 201
    void refund(const CallPtr &call, const HttpRequest &req);
    void audit(const HttpRequest &req, const Exchange &ex);

    // Stripe's answer to the refund's reservation, as the staff member's answer.
    void answerRefund(const CallPtr &call, const RefundRow &reservation,
                      const RefundService::Settlement &outcome);

    ApiContext *m_ctx = nullptr;
    GenerationRoutes *m_generation = nullptr;
    PaymentRoutes *m_payments = nullptr;
    RefundService *m_refunds = nullptr;
};

} // namespace compose
