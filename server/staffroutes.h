#pragma once

#include "apierror.h"
#include "formrecord.h"
#include "httpserver.h"
#include "outbound.h"
#include "staffaccounts.h"

#include <QJsonObject>
#include <QObject>

#include <memory>
#include <optional>

class QSqlQuery;

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
    // by asking Stripe again under the same Idempotency-Key. Returns how many it asked about.
    int sweepRefunds();

private:
    // A compose_refunds row as sent to Stripe.
    struct Reservation {
        QString id; // cr_… until Stripe names it re_…
        QString formId;
        QString paymentIntent;
        qint64 amount = 0;
        QString currency;
        QString reason;
        QString note;
        QString status;
        QString stripeKey;
        QString lastError;
        StaffMember staff;
    };
    struct Settlement {
        enum class Kind { Succeeded, Refused, Unknown };
        Kind kind = Kind::Unknown;
        Reservation refund; // Succeeded: with Stripe's id and status
        QString message;
        int upstreamStatus = 0;
    };

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

    std::optional<Reservation> findReservation(const QString &stripeKey) const;
    static Reservation reservationFrom(const QSqlQuery &q);
    void markAttempt(const QString &reservationId);
    QJsonObject refundAnswer(const Reservation &refund, const FormRecord &form) const;
    // POST /v1/refunds under the reservation's Stripe key. absentAtStripe: Stripe's list of the
    // payment's refunds was just read and does not have this one.
    void askStripe(const Reservation &res, QObject *context,
                   const std::function<void(const Settlement &)> &done, bool absentAtStripe = false);
    // GET /v1/refunds?payment_intent=…: the refund carrying our reservation id, if any; known is
    // false when Stripe could not be asked (or the list is longer than a page).
    void findAtStripe(const Reservation &res, QObject *context,
                      const std::function<void(const std::optional<QJsonObject> &, bool known)> &done);
    void sweepAudit(const Reservation &r, const Settlement &outcome);
    // Writes Stripe's answer to the reservation (and the form's status) in one transaction.
    Settlement settle(const Reservation &res, const Outbound::Reply &r, bool absentAtStripe);
    int leaseSeconds() const;


    ApiContext *m_ctx = nullptr;
    GenerationRoutes *m_generation = nullptr;
    PaymentRoutes *m_payments = nullptr;
    int m_sweeping = 0; // sweep calls still in flight
};

} // namespace compose
