#pragma once

#include "apierror.h"
#include "httpserver.h"
#include "staffaccounts.h"

#include <QJsonObject>
#include <QObject>

#include <memory>

namespace compose {

class ApiContext;
class GenerationRoutes;
class PaymentRoutes;

// /api/admin/…: the dashboard's staff actions. Each needs a bearer token; each mutating call
// writes its compose_audit row in the transaction of its change (refusals are audited with their
// 4xx) and honours Idempotency-Key (compose_idempotency): the first answer is replayed.
class StaffRoutes : public QObject
{
    Q_OBJECT
public:
    StaffRoutes(ApiContext *context, GenerationRoutes *generation, PaymentRoutes *payments,
                QObject *parent = nullptr);
    void registerRoutes(HttpServer *server);

private:
    struct Call
    {
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
    void refund(const CallPtr &call, const HttpRequest &req);
    void audit(const HttpRequest &req, const Exchange &ex);


    ApiContext *m_ctx = nullptr;
    GenerationRoutes *m_generation = nullptr;
    PaymentRoutes *m_payments = nullptr;
};

} // namespace compose
