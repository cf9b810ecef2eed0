#include "findingservice.h"

#include "apicontext.h"
#include "apierror.h"
#include "findingstore.h"
#include "reconciliationstore.h"
#include "refundservice.h"

#include <QJsonDocument>

namespace compose {

FindingService::FindingService(ApiContext *context, PaymentService *payments,
                               RefundService *refunds)
    : m_ctx(context)
    , m_payments(payments)
    , m_refunds(refunds)
{
}

bool FindingService::applicable(const QString &kind)
{
    return kind == FindingKind::paidWithoutWebhook() || kind == FindingKind::refundMismatch();
}

QJsonObject FindingService::json(const Finding &f)
{
    auto text = [](const QString &v) {
        return v.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(v);
    };
    return QJsonObject {{QStringLiteral("id"), double(f.id)},
                        {QStringLiteral("kind"), f.kind},
                        {QStringLiteral("formId"), text(f.formId)},
                        {QStringLiteral("stripeObjectId"), f.stripeObjectId},
                        {QStringLiteral("paymentIntent"), text(f.paymentIntent)},
                        {QStringLiteral("detail"), ApiContext::readJson(f.detailJson)},
                        {QStringLiteral("foundAt"), ApiContext::isoTime(f.foundAt)},
                        {QStringLiteral("resolvedAt"), ApiContext::isoTime(f.resolvedAt)},
                        {QStringLiteral("resolution"), text(f.resolution)},
                        {QStringLiteral("resolvedBy"), text(f.resolvedBy)},
                        {QStringLiteral("note"), text(f.note)},
                        {QStringLiteral("applicable"), applicable(f.kind)}};
}

Finding FindingService::require(qint64 id, bool forUpdate) const
{
    const auto f = FindingStore(m_ctx->db()).find(id, forUpdate);
    if (!f)
        throw ApiError(404, QStringLiteral("not_found"),
                       QStringLiteral("There is no finding %1.").arg(id));
    if (forUpdate && !f->isOpen())
        throw ApiError::conflict(QStringLiteral("finding_resolved"),
                                 QStringLiteral("Finding %1 was already %2 by %3.")
                                     .arg(id)
                                     .arg(f->resolution, f->resolvedBy),
                                 QJsonObject {{QStringLiteral("finding"), json(*f)}});
    return *f;
}

FindingService::Applied FindingService::apply(qint64 id, const StaffMember &staff)
{
    // The row lock serialises two applies (and an apply with a dismiss); the form's row lock
    // inside PaymentService serialises an apply with the late webhook of the same session.
    const Finding f = require(id, true);
    if (!applicable(f.kind))
        throw ApiError::conflict(
            QStringLiteral("not_applicable"),
            QStringLiteral("A finding of kind %1 has nothing to apply; dismiss it with a note once "
                           "it is dealt with at Stripe.")
                .arg(f.kind),
            QJsonObject {{QStringLiteral("kind"), f.kind}});
    const QJsonObject detail = ApiContext::readJson(f.detailJson).toObject();
    Applied out;
    QJsonObject effect;
    m_ctx->setActor(staff.name);
    if (f.kind == FindingKind::paidWithoutWebhook()) {
        const QJsonObject session = detail.value(QStringLiteral("session")).toObject();
        const PaymentService::EventOutcome outcome = m_payments->applySession(session);
        if (outcome.answer.contains(QStringLiteral("ignored")))
            throw ApiError::conflict(
                QStringLiteral("not_applicable"),
                QStringLiteral("The paid session cannot be recorded: %1.")
                    .arg(outcome.answer.value(QStringLiteral("ignored")).toString()));
        effect = outcome.answer;
        out.recorded = outcome.recorded;
    } else {
        const QJsonObject refund = detail.value(QStringLiteral("refund")).toObject();
        m_refunds->syncFromStripe(refund, staff.name);
        effect = {{QStringLiteral("refundId"), refund.value(QStringLiteral("id"))},
                  {QStringLiteral("status"), refund.value(QStringLiteral("status"))}};
    }
    // Compare-and-set as well as the lock: whatever the dialect, a finding resolves once.
    if (!ReconciliationStore(m_ctx->db())
             .resolve(f.id, QStringLiteral("applied"), staff.name, QString(), ApiContext::now()))
        require(id, true); // throws finding_resolved
    out.finding = require(id, false);
    out.body
        = {{QStringLiteral("finding"), json(out.finding)}, {QStringLiteral("applied"), effect}};
    if (!f.formId.isEmpty()) {
        if (const auto form = m_ctx->findForm(f.formId))
            out.body.insert(QStringLiteral("form"), ApiContext::formSummary(*form));
    }
    return out;
}

QJsonObject FindingService::dismiss(qint64 id, const StaffMember &staff, const QString &note)
{
    const Finding f = require(id, true);
    if (!ReconciliationStore(m_ctx->db())
             .resolve(f.id, QStringLiteral("dismissed"), staff.name, note, ApiContext::now()))
        require(id, true); // throws finding_resolved
    return {{QStringLiteral("finding"), json(require(id, false))}};
}

} // namespace compose
