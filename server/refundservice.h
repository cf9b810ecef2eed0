#pragma once

#include "apierror.h"
#include "formrecord.h"
#include "outbound.h"
#include "refundstore.h"
#include "staffaccounts.h"

#include <QJsonObject>
#include <QObject>

#include <functional>
#include <optional>

namespace compose {

class ApiContext;

// Refunds as one rule, without HTTP: reserve the amount under the form's row lock, ask Stripe
// under a stable Idempotency-Key, settle its answer (and the form's status) in one transaction,
// sweep reservations whose outcome is unknown, and keep compose_refunds in step with Stripe's
// events. Stripe can never refund twice and the reserved amounts never exceed the payment.
class RefundService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefundService)
public:
    explicit RefundService(ApiContext *context, QObject *parent = nullptr);

    struct Request {
        StaffMember staff;
        std::optional<qint64> amount; // empty: all that remains
        QString reason; // duplicate | fraudulent | requested_by_customer | other
        QString note;
        QString stripeKey; // empty: the reservation's own id
    };
    struct Reserved {
        RefundRow reservation; // to ask Stripe about
        std::optional<QJsonObject> answer; // an earlier attempt already succeeded: answer this
    };
    struct Settlement {
        enum class Kind { Succeeded, Refused, Unknown };
        Kind kind = Kind::Unknown;
        RefundRow refund; // Succeeded: with Stripe's id and status
        QString message;
        int upstreamStatus = 0;
    };

    // The Stripe key of a staff request with an Idempotency-Key: every retry of it, and the
    // sweep, ask Stripe under the same key.
    static QString stripeKeyFor(int staffId, const QByteArray &idempotencyKey);
    // A staff refund's JSON body ({amount?, reason, note?}; "other" needs a note); throws
    // ApiError 400 naming the field. With an Idempotency-Key the Stripe key is derived from it.
    static Request staffRequest(const StaffMember &staff, const QByteArray &body,
                                const QByteArray &idempotencyKey);

    // In the caller's transaction, with form read for update: reuses the reservation of an
    // earlier attempt of the same request or reserves the amount. Throws ApiError (409) when
    // the form cannot be refunded, the amount is not available or Stripe refused before.
    Reserved reserve(const Request &request, const FormRecord &form);
    // The same for one order of the form: a duplicate payment (another payment intent) is
    // refunded by its own intent, up to its own amount; the form's own order is reserve().
    Reserved reserveOrder(const Request &request, const FormRecord &form, const QString &orderId);
    // POST /v1/refunds under the reservation's Stripe key, then settle(). absentAtStripe:
    // Stripe's list of the payment's refunds was just read and does not have this one.
    void askStripe(const RefundRow &reservation, QObject *context,
                   const std::function<void(const Settlement &)> &done,
                   bool absentAtStripe = false);
    // Writes Stripe's answer to the reservation (and the form's status) in one transaction.
    Settlement settle(const RefundRow &reservation, const Outbound::Reply &reply,
                      bool absentAtStripe);
    // Settles reservations whose outcome at Stripe is unknown and older than the lease. Returns
    // how many it asked about; each is audited when Stripe's answer is in (settled()).
    int sweep();
    // Updates (or, for refunds made outside compose-api, inserts) a compose_refunds row from a
    // Stripe refund object; moves the form to refunded when nothing remains. In the caller's
    // transaction.
    void syncFromStripe(const QJsonObject &refund, const QString &actor);

    // The staff answer for a refund of the form.
    QJsonObject answer(const RefundRow &refund, const FormRecord &form) const;
    static QString actorOf(const RefundRow &refund);
    // 409 stripe_refused: Stripe's final "no" (it replays the same refusal for the key).
    static ApiError refused(const QString &message, std::optional<int> upstreamStatus);

signals:
    // A swept reservation was settled (or could not be), after its audit row was written;
    // auditStatus is the audit row's: 200 succeeded, 409 refused, 502 still unknown.
    void swept(const QString &reservationId, int auditStatus);

private:
    // GET /v1/refunds?payment_intent=…: the refund carrying our reservation id, if any; known is
    // false when Stripe could not be asked (or the list is longer than a page).
    void
    findAtStripe(const RefundRow &reservation, QObject *context,
                 const std::function<void(const std::optional<QJsonObject> &, bool known)> &done);
    void auditSweep(const RefundRow &reservation, const Settlement &outcome);
    void closeBooksIfRefunded(const QString &formId, const QString &actor);
    int leaseSeconds() const;

    ApiContext *m_ctx = nullptr;
    int m_sweeping = 0; // sweep calls still in flight
};

} // namespace compose
