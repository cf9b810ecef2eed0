#pragma once

#include "finding.h"
#include "paymentservice.h"
#include "staffaccounts.h"

#include <QJsonObject>

#include <optional>

namespace compose {

class ApiContext;
class RefundService;

// Staff decide on a reconciliation finding, without HTTP: apply it through the code path of the
// Stripe event it stands for (PaymentService for a paid session, RefundService for a refund), so
// a payment is recorded once however apply and the late webhook interleave; or dismiss it with
// a note. Each in the caller's transaction, with the finding's row locked: a second apply or
// dismiss of the same finding is 409 finding_resolved.
class FindingService final {
    Q_DISABLE_COPY_MOVE(FindingService)
public:
    FindingService(ApiContext *context, PaymentService *payments, RefundService *refunds);

    struct Applied {
        QJsonObject body; // the staff answer
        Finding finding; // resolved
        std::optional<PaymentService::Recorded> recorded; // apply made a new order
    };

    // Throws ApiError 404 (no such finding), 409 (resolved, or nothing to apply for its kind).
    Finding require(qint64 id, bool forUpdate) const;
    Applied apply(qint64 id, const StaffMember &staff);
    QJsonObject dismiss(qint64 id, const StaffMember &staff, const QString &note);

    static bool applicable(const QString &kind);
    static QJsonObject json(const Finding &finding);

private:
    ApiContext *m_ctx = nullptr;
    PaymentService *m_payments = nullptr;
    RefundService *m_refunds = nullptr;
};

} // namespace compose
