#include "paymentservice.h"

#include "apicontext.h"
#include "apierror.h"
#include "database.h"
#include "deliveryservice.h"
#include "jsoninput.h"
#include "paymentstore.h"
#include "refundservice.h"
#include "selectionstore.h"

#include <QJsonArray>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

namespace {
const QString kStripe = QStringLiteral("stripe");
} // namespace

PaymentService::PaymentService(ApiContext *context, RefundService *refunds)
    : m_ctx(context)
    , m_refunds(refunds)
{
}

qint64 PaymentService::priceCents(const QString &packageType)
{
    Q_UNUSED(packageType) // the seed prices every package at $9.99
    return 999;
}

void PaymentService::requireReadySelection(const FormRecord &form,
                                           const QJsonObject &selections) const
{
    for (auto it = selections.begin(); it != selections.end(); ++it) {
        bool ok = false;
        const int song = it.key().toInt(&ok);
        if (!ok || song < 0 || song >= form.songCount || QString::number(song) != it.key())
            JsonInput::fail(
                QStringLiteral("selectedVariations"),
                QStringLiteral("selectedVariations: song index \"%1\" is not one of 0..%2.")
                    .arg(it.key())
                    .arg(form.songCount - 1));
        if (!JsonInput::isInteger(it.value(), 1, 3))
            JsonInput::fail(
                QStringLiteral("selectedVariations"),
                QStringLiteral("selectedVariations: the selected variation is 1, 2 or 3."));
    }
    const SelectionStore store(m_ctx->db());
    for (int song = 0; song < form.songCount; ++song) {
        const QJsonValue v = selections.value(QString::number(song));
        if (v.isUndefined())
            JsonInput::fail(
                QStringLiteral("selectedVariations"),
                QStringLiteral("selectedVariations must pick a variation for song %1.").arg(song));
        if (!store.variationReady(form.id, song, v.toInt()))
            throw ApiError::conflict(
                QStringLiteral("variation_not_ready"),
                QStringLiteral("Variation %1 of song %2 has no finished audio.")
                    .arg(v.toInt())
                    .arg(song),
                QJsonObject {{QStringLiteral("songIndex"), song},
                             {QStringLiteral("variationIndex"), v.toInt()}});
    }
}

void PaymentService::checkoutStarted(const QString &formId, const QJsonObject &selections,
                                     const QString &sessionId)
{
    Db::Transaction tx(m_ctx->db());
    m_ctx->setActor(QStringLiteral("customer"));
    const FormRecord form = m_ctx->requireForm(formId, true);
    m_ctx->changeStatus(form, FormStatus::PaymentInitiated, QStringLiteral("customer"));
    // The selection sent to Stripe is what a payment of this session buys (issue 9.3).
    PaymentStore(m_ctx->db())
        .startCheckout(formId, sessionId, ApiContext::writeJson(selections),
                       priceCents(form.packageType), ApiContext::now());
    tx.commit();
}

PaymentService::EventOutcome
PaymentService::handleEvent(const QString &eventId, const QString &type, const QJsonObject &object)
{
    EventOutcome out;
    Db::Transaction tx(m_ctx->db());
    m_ctx->setActor(kStripe);
    if (!PaymentStore(m_ctx->db()).recordEvent(eventId, type, ApiContext::now())) {
        tx.commit();
        out.answer = {{QStringLiteral("received"), true}, {QStringLiteral("duplicate"), true}};
        return out;
    }
    out.answer = {{QStringLiteral("received"), true}, {QStringLiteral("type"), type}};
    if (type == QLatin1String("checkout.session.completed")
        || type == QLatin1String("checkout.session.async_payment_succeeded")) {
        const QJsonObject r = checkoutCompleted(object, &out.recorded);
        for (auto it = r.begin(); it != r.end(); ++it)
            out.answer.insert(it.key(), it.value());
    } else if (type == QLatin1String("charge.refunded")) {
        const QJsonArray refunds = object.value(QStringLiteral("refunds"))
                                       .toObject()
                                       .value(QStringLiteral("data"))
                                       .toArray();
        for (const QJsonValue &r : refunds) {
            QJsonObject refund = r.toObject();
            if (!refund.contains(QStringLiteral("payment_intent")))
                refund.insert(QStringLiteral("payment_intent"),
                              object.value(QStringLiteral("payment_intent")));
            m_refunds->syncFromStripe(refund, kStripe);
        }
    } else if (type.startsWith(QLatin1String("refund."))) {
        m_refunds->syncFromStripe(object, kStripe);
    } else {
        out.answer.insert(QStringLiteral("ignored"), true);
    }
    tx.commit();
    return out;
}

PaymentService::EventOutcome PaymentService::applySession(const QJsonObject &session)
{
    EventOutcome out;
    out.answer = checkoutCompleted(session, &out.recorded);
    return out;
}

QJsonObject PaymentService::checkoutCompleted(const QJsonObject &session,
                                              std::optional<Recorded> *recorded)
{
    Payment payment;
    payment.sessionId = session.value(QStringLiteral("id")).toString();
    if (session.value(QStringLiteral("payment_status")).toString() == QLatin1String("unpaid"))
        return {{QStringLiteral("ignored"), QStringLiteral("payment still pending")}};
    if (!JsonInput::isSafeId(payment.sessionId, 255)) {
        qCWarning(lcApi) << "a signed completed checkout session has no usable id";
        return {{QStringLiteral("ignored"), QStringLiteral("no session id")}};
    }

    // Which form: our own record of the session first, then Stripe's metadata, then the form
    // that last started this session.
    const PaymentStore store(m_ctx->db());
    QString formId;
    QJsonObject ourSelections;
    if (const auto own = store.session(payment.sessionId)) {
        formId = own->formId;
        ourSelections = ApiContext::readJson(own->selectionsJson).toObject();
    }
    const QJsonObject metadata = session.value(QStringLiteral("metadata")).toObject();
    if (formId.isEmpty())
        formId = metadata.value(QStringLiteral("formId")).toString();
    if (formId.isEmpty())
        formId = store.formIdBySession(payment.sessionId);
    const auto form = formId.isEmpty() ? std::nullopt : m_ctx->findForm(formId, true);
    if (!form) {
        // Retrying would not make the form appear; record the event and say so in the log.
        qCWarning(lcApi) << "checkout session" << payment.sessionId << "names no known form";
        return {{QStringLiteral("ignored"), QStringLiteral("unknown form")}};
    }

    // One order per session, whichever of its events comes first (completed, then
    // async_payment_succeeded, or the same event under a new id). The form row is locked.
    if (const auto seen = store.orderIdBySession(payment.sessionId))
        return {{QStringLiteral("formId"), formId},
                {QStringLiteral("orderId"), *seen},
                {QStringLiteral("alreadyRecorded"), true}};

    payment.intent = session.value(QStringLiteral("payment_intent")).toString();
    payment.amount = qint64(session.value(QStringLiteral("amount_total")).toDouble());
    payment.currency
        = session.value(QStringLiteral("currency")).toString(QStringLiteral("usd")).left(10);
    payment.customerEmail = session.value(QStringLiteral("customer_details"))
                                .toObject()
                                .value(QStringLiteral("email"))
                                .toString()
                                .left(254);
    payment.selections = ourSelections;
    if (payment.selections.isEmpty()) // a session created before compose_checkout_sessions existed
        payment.selections
            = ApiContext::readJson(metadata.value(QStringLiteral("selectedVariations")).toString())
                  .toObject();
    if (payment.selections.isEmpty())
        payment.selections = form->selectedVariations.toObject();

    const QString flag = applyPayment(*form, payment);
    const QString orderId = insertOrder(*form, payment, flag);
    *recorded = Recorded {formId, orderId, flag};
    QJsonObject result {{QStringLiteral("formId"), formId}, {QStringLiteral("orderId"), orderId}};
    if (flag.isEmpty()) {
        qCInfo(lcApi) << "form" << formId << "paid" << payment.amount << payment.currency;
        // Same transaction as the payment: the customer's e-mail is queued with it, or neither.
        const bool delivered = m_ctx->deliveries()->afterPayment(formId);
        result.insert(QStringLiteral("status"),
                      delivered ? QStringLiteral("delivered")
                                : QStringLiteral("payment_completed"));
    } else {
        qCWarning(lcApi).noquote() << "payment of session" << payment.sessionId << "for form"
                                   << formId << "in status" << form->statusKey << "recorded as"
                                   << flag << "order" << orderId << "- needs staff attention";
        result.insert(QStringLiteral("status"), form->statusKey);
        result.insert(QStringLiteral("paymentFlag"), flag);
    }
    return result;
}

QString PaymentService::applyPayment(const FormRecord &form, const Payment &payment)
{
    const FormStatus status = form.status();
    if (Status::isPaid(status))
        return duplicateFlag(); // paid by another session: keep the first, staff decide on a refund
    if (status == FormStatus::VariationsReady) {
        // An abandoned checkout ("back to variations") whose session was paid after all: the
        // checkout did start, so the trail says so, and the payment is kept.
        m_ctx->changeStatus(form, FormStatus::PaymentInitiated, kStripe);
    } else if (!Status::canTransition(status, FormStatus::PaymentCompleted)) {
        return statusKeptFlag(); // e.g. generating again: the paid audio may be gone, staff look
    }
    const FormRecord current = m_ctx->requireForm(form.id, true);
    m_ctx->changeStatus(current, FormStatus::PaymentCompleted, kStripe);

    const QDateTime now = ApiContext::now();
    PaymentStore(m_ctx->db())
        .markFormPaid({form.id, payment.sessionId, payment.intent, payment.amount, payment.currency,
                       ApiContext::writeJson(payment.selections)},
                      now);
    // Exactly the variations of the paid session's selection (not what the form says now).
    SelectionStore selection(m_ctx->db());
    for (auto it = payment.selections.begin(); it != payment.selections.end(); ++it) {
        if (JsonInput::isInteger(it.value(), 1, 3))
            selection.markPaid(form.id, it.key().toInt(), it.value().toInt(), now);
    }
    return {};
}

QString PaymentService::insertOrder(const FormRecord &form, const Payment &payment,
                                    const QString &flag)
{
    const QDateTime now = ApiContext::now();
    NewOrder order;
    order.id = ApiContext::newId(QStringLiteral("ord_"));
    order.userId = form.userId;
    order.guestEmail = form.guestEmail;
    if (form.userId.isEmpty() && order.guestEmail.isEmpty())
        order.guestEmail = payment.customerEmail;
    order.formId = form.id;
    order.amount = payment.amount;
    order.currency = payment.currency;
    order.sessionId = payment.sessionId;
    order.packageId = form.packageType;
    order.paymentFlag = flag;
    PaymentStore store(m_ctx->db());
    store.insertOrder(order, now);
    store.recordSessionPayment({form.id, payment.sessionId, payment.intent, payment.amount,
                                payment.currency, ApiContext::writeJson(payment.selections)},
                               order.id, now);
    return order.id;
}

} // namespace compose
