#include "refundservice.h"

#include "apicontext.h"
#include "apierror.h"
#include "database.h"
#include "deliveryservice.h"
#include "jsoninput.h"
#include "logredact.h"
#include "paymentstore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

namespace {

QString money(qint64 cents)
{
    return QStringLiteral("%1.%2").arg(cents / 100).arg(cents % 100, 2, 10, QLatin1Char('0'));
}

} // namespace

ApiError RefundService::refused(const QString &message, std::optional<int> upstreamStatus)
{
    QJsonObject details {{QStringLiteral("service"), QStringLiteral("Stripe")}};
    if (upstreamStatus)
        details.insert(QStringLiteral("upstreamStatus"), *upstreamStatus);
    return ApiError::conflict(QStringLiteral("stripe_refused"),
                              QStringLiteral("Stripe refused the refund: %1").arg(message),
                              details);
}

RefundService::RefundService(ApiContext *context, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
{
}

QString RefundService::stripeKeyFor(int staffId, const QByteArray &idempotencyKey)
{
    return QStringLiteral("compose-refund-")
        + QString::fromLatin1(QCryptographicHash::hash(
                                  QByteArray(QByteArray::number(staffId) + '\n' + idempotencyKey),
                                  QCryptographicHash::Sha256)
                                  .toHex());
}

RefundService::Request RefundService::staffRequest(const StaffMember &staff, const QByteArray &body,
                                                   const QByteArray &idempotencyKey)
{
    const JsonInput in = JsonInput::parse(body);
    in.allowOnly({QStringLiteral("amount"), QStringLiteral("reason"), QStringLiteral("note")});
    RefundService::Request request;
    request.staff = staff;
    request.amount = in.optionalInt(QStringLiteral("amount"), 1, 100000000);
    request.reason = in.requireString(QStringLiteral("reason"), 40);
    static const QStringList reasons {QStringLiteral("duplicate"), QStringLiteral("fraudulent"),
                                      QStringLiteral("requested_by_customer"),
                                      QStringLiteral("other")};
    if (!reasons.contains(request.reason))
        JsonInput::fail(
            QStringLiteral("reason"),
            QStringLiteral("reason is one of %1.").arg(reasons.join(QStringLiteral(", "))));
    const auto note = in.optionalString(QStringLiteral("note"), 1000);
    if (request.reason == QLatin1String("other") && !note)
        throw ApiError(400, QStringLiteral("missing_field"),
                       QStringLiteral("A refund for reason \"other\" needs a note."),
                       QJsonObject {{QStringLiteral("field"), QStringLiteral("note")}});
    request.note = note.value_or(QString());
    // With an Idempotency-Key the Stripe key is derived from it: every retry of this staff
    // request, and the sweep, ask Stripe under the same key, so Stripe can never refund twice.
    if (!idempotencyKey.isEmpty())
        request.stripeKey = RefundService::stripeKeyFor(staff.id, idempotencyKey);
    return request;
}

QString RefundService::actorOf(const RefundRow &refund)
{
    return refund.staffName.isEmpty() ? QStringLiteral("system") : refund.staffName;
}

int RefundService::leaseSeconds() const
{
    return qMax(1, m_ctx->config().idempotencyLeaseS);
}

RefundService::Reserved RefundService::reserve(const Request &request, const FormRecord &form)
{
    RefundStore store(m_ctx->db());
    std::optional<RefundRow> earlier
        = request.stripeKey.isEmpty() ? std::nullopt : store.findByStripeKey(request.stripeKey);
    if (earlier && earlier->formId != form.id)
        earlier.reset(); // the same key on another form: the request hash differs, never here
    if (earlier && earlier->status != QLatin1String("pending")) {
        // An earlier attempt of this very request was settled (by the sweep or Stripe's event)
        // after its answer was lost: answer with that outcome.
        if (earlier->status == QLatin1String("failed")
            || earlier->status == QLatin1String("canceled"))
            throw refused(earlier->lastError, std::nullopt);
        return {*earlier, answer(*earlier, form)};
    }
    Reserved out;
    if (earlier) {
        out.reservation = *earlier; // outcome unknown at Stripe: ask again under the same key
    } else {
        if (!Status::actionBlockedReason(StaffAction::Refund, form.status()).isEmpty())
            throw ApiError::conflict(
                QStringLiteral("action_not_allowed"),
                Status::actionBlockedReason(StaffAction::Refund, form.status()),
                QJsonObject {{QStringLiteral("status"), form.statusKey},
                             {QStringLiteral("action"), Status::actionKey(StaffAction::Refund)}});
        if (form.stripePaymentIntentId.isEmpty())
            throw ApiError::conflict(
                QStringLiteral("no_payment_intent"),
                QStringLiteral("The form has no Stripe payment intent to refund."));
        // The amount is reserved under the form's row lock, so concurrent refunds can never
        // exceed the payment however long Stripe takes; only Stripe's final "no" releases it.
        const qint64 remaining = m_ctx->refundable(form);
        if (remaining <= 0)
            throw ApiError::conflict(
                QStringLiteral("nothing_refundable"),
                QStringLiteral("Nothing remains to refund: %1 was paid and all of it is "
                               "refunded or being refunded.")
                    .arg(money(form.amountPaid.value_or(0))),
                QJsonObject {{QStringLiteral("refundable"), 0}});
        const qint64 amount = request.amount.value_or(remaining);
        if (amount > remaining)
            throw ApiError::conflict(
                QStringLiteral("amount_exceeds_refundable"),
                QStringLiteral("Only %1 (%2 cents) remains refundable; %3 cents were asked.")
                    .arg(money(remaining))
                    .arg(remaining)
                    .arg(amount),
                QJsonObject {{QStringLiteral("refundable"), double(remaining)},
                             {QStringLiteral("requested"), double(amount)}});
        RefundRow &res = out.reservation;
        res.id = ApiContext::newId(QStringLiteral("cr_"));
        res.formId = form.id;
        res.paymentIntent = form.stripePaymentIntentId;
        res.amount = amount;
        res.reason = request.reason;
        res.note = request.note;
        res.status = QStringLiteral("pending");
        res.staffId = request.staff.id;
        res.staffName = request.staff.name;
        res.stripeKey = request.stripeKey.isEmpty() ? res.id : request.stripeKey;
        res.currency = QStringLiteral("usd");
        store.insert(res, ApiContext::now());
    }
    store.markAttempt(out.reservation.id, ApiContext::now());
    return out;
}

RefundService::Reserved RefundService::reserveOrder(const Request &request, const FormRecord &form,
                                                    const QString &orderId)
{
    const auto order = PaymentStore(m_ctx->db()).orderPayment(form.id, orderId);
    if (!order)
        throw ApiError(404, QStringLiteral("not_found"),
                       QStringLiteral("Form %1 has no order %2.").arg(form.id, orderId));
    if (order->paymentIntent.isEmpty())
        throw ApiError::conflict(
            QStringLiteral("no_payment_intent"),
            QStringLiteral("Order %1 has no Stripe payment intent to refund.").arg(orderId));
    if (order->paymentIntent == form.stripePaymentIntentId)
        return reserve(request, form); // the form's own payment: the form's refund rules
    RefundStore store(m_ctx->db());
    std::optional<RefundRow> earlier
        = request.stripeKey.isEmpty() ? std::nullopt : store.findByStripeKey(request.stripeKey);
    if (earlier && (earlier->formId != form.id || earlier->paymentIntent != order->paymentIntent))
        earlier.reset();
    if (earlier && earlier->status != QLatin1String("pending")) {
        if (earlier->status == QLatin1String("failed")
            || earlier->status == QLatin1String("canceled"))
            throw refused(earlier->lastError, std::nullopt);
        return {*earlier, answer(*earlier, form)};
    }
    Reserved out;
    if (earlier) {
        out.reservation = *earlier;
    } else {
        // Under the form's row lock (the caller's), like every refund of the form.
        const qint64 remaining = order->amount - store.countedForIntent(order->paymentIntent);
        if (remaining <= 0)
            throw ApiError::conflict(
                QStringLiteral("nothing_refundable"),
                QStringLiteral("Nothing remains to refund of order %1: %2 was paid and all of it "
                               "is refunded or being refunded.")
                    .arg(orderId, money(order->amount)),
                QJsonObject {{QStringLiteral("refundable"), 0}});
        const qint64 amount = request.amount.value_or(remaining);
        if (amount > remaining)
            throw ApiError::conflict(
                QStringLiteral("amount_exceeds_refundable"),
                QStringLiteral("Only %1 (%2 cents) of order %3 remains refundable; %4 cents were "
                               "asked.")
                    .arg(money(remaining))
                    .arg(remaining)
                    .arg(orderId)
                    .arg(amount),
                QJsonObject {{QStringLiteral("refundable"), double(remaining)},
                             {QStringLiteral("requested"), double(amount)}});
        RefundRow &res = out.reservation;
        res.id = ApiContext::newId(QStringLiteral("cr_"));
        res.formId = form.id;
        res.paymentIntent = order->paymentIntent;
        res.amount = amount;
        res.reason = request.reason;
        res.note = request.note;
        res.status = QStringLiteral("pending");
        res.staffId = request.staff.id;
        res.staffName = request.staff.name;
        res.stripeKey = request.stripeKey.isEmpty() ? res.id : request.stripeKey;
        res.currency = order->currency;
        store.insert(res, ApiContext::now());
    }
    store.markAttempt(out.reservation.id, ApiContext::now());
    return out;
}

QJsonObject RefundService::answer(const RefundRow &refund, const FormRecord &form) const
{
    return QJsonObject {
        {QStringLiteral("form"), ApiContext::formSummary(form)},
        {QStringLiteral("refund"),
         QJsonObject {
             {QStringLiteral("id"), refund.id},
             {QStringLiteral("amount"), double(refund.amount)},
             {QStringLiteral("currency"),
              refund.currency.isEmpty() ? QStringLiteral("usd") : refund.currency},
             {QStringLiteral("reason"), refund.reason},
             {QStringLiteral("note"),
              refund.note.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(refund.note)},
             {QStringLiteral("status"), refund.status}}},
        {QStringLiteral("refundable"), double(m_ctx->refundable(form))}};
}

void RefundService::askStripe(const RefundRow &res, QObject *context,
                              const std::function<void(const Settlement &)> &done,
                              bool absentAtStripe)
{
    // Exactly the same parameters on every attempt: Stripe refuses a key reused with others.
    QList<QPair<QString, QString>> fields {
        {QStringLiteral("payment_intent"), res.paymentIntent},
        {QStringLiteral("amount"), QString::number(res.amount)},
        // Stripe knows three reasons; "other" travels as requested_by_customer + metadata.
        {QStringLiteral("reason"),
         res.reason == QLatin1String("other") ? QStringLiteral("requested_by_customer")
                                              : res.reason},
        {QStringLiteral("metadata[compose_refund_id]"), res.id},
        {QStringLiteral("metadata[formId]"), res.formId},
        {QStringLiteral("metadata[staff]"), actorOf(res)},
        {QStringLiteral("metadata[compose_reason]"), res.reason},
    };
    if (!res.note.isEmpty())
        fields.append({QStringLiteral("metadata[note]"), res.note.left(500)});
    QUrl url = m_ctx->stripeBase();
    url.setPath(url.path() + QStringLiteral("/v1/refunds"));
    m_ctx->outbound()->send(
        "POST", url,
        {{"Authorization", "Bearer " + m_ctx->stripeKey().toUtf8()},
         {"Content-Type", "application/x-www-form-urlencoded"},
         {"Idempotency-Key", res.stripeKey.toUtf8()}},
        Outbound::formEncode(fields), context,
        [this, res, done, absentAtStripe](const Outbound::Reply &r) {
            Settlement outcome;
            try {
                outcome = settle(res, r, absentAtStripe);
            } catch (const DbError &e) {
                // Stripe answered but the answer could not be written: still unknown here; the
                // next attempt asks Stripe again under the same key.
                qCWarning(lcApi) << "could not record Stripe's refund answer for" << res.id << ":"
                                 << e.message();
                outcome.kind = Settlement::Kind::Unknown;
                outcome.message = QStringLiteral("the database did not take Stripe's answer");
                outcome.upstreamStatus = r.status;
            }
            done(outcome);
        },
        m_ctx->config().upstreamTimeoutMs);
}

void RefundService::findAtStripe(
    const RefundRow &res, QObject *context,
    const std::function<void(const std::optional<QJsonObject> &, bool)> &done)
{
    // Stripe replays a stored 500 for its key forever, so asking again under the key cannot
    // settle every case: the list of the payment's refunds, matched on our reservation id in
    // the metadata, says whether the refund exists.
    QUrl url = m_ctx->stripeBase();
    url.setPath(url.path() + QStringLiteral("/v1/refunds"));
    url.setQuery(QStringLiteral("payment_intent=%1&limit=100")
                     .arg(QString::fromLatin1(QUrl::toPercentEncoding(res.paymentIntent))));
    m_ctx->outbound()->send(
        "GET", url, {{"Authorization", "Bearer " + m_ctx->stripeKey().toUtf8()}}, {}, context,
        [res, done](const Outbound::Reply &r) {
            const QJsonObject list = QJsonDocument::fromJson(r.body).object();
            if (!r.ok() || !list.value(QStringLiteral("data")).isArray()) {
                done(std::nullopt, false); // could not ask: nothing is known
                return;
            }
            for (const QJsonValue &v : list.value(QStringLiteral("data")).toArray()) {
                const QJsonObject refund = v.toObject();
                if (refund.value(QStringLiteral("metadata"))
                        .toObject()
                        .value(QStringLiteral("compose_refund_id"))
                        .toString()
                    == res.id) {
                    done(refund, true);
                    return;
                }
            }
            // Fewer than a page: the list is complete and the refund is not on it.
            done(std::nullopt, !list.value(QStringLiteral("has_more")).toBool());
        },
        m_ctx->config().upstreamTimeoutMs);
}

void RefundService::closeBooksIfRefunded(const QString &formId, const QString &actor)
{
    const auto form = m_ctx->findForm(formId, true);
    if (form && m_ctx->fullyRefunded(*form)
        && Status::canTransition(form->status(), FormStatus::Refunded))
        m_ctx->changeStatus(*form, FormStatus::Refunded, actor);
    m_ctx->deliveries()->afterRefund(formId); // a full refund closes the books
}

RefundService::Settlement RefundService::settle(const RefundRow &res, const Outbound::Reply &r,
                                                bool absentAtStripe)
{
    Settlement out;
    out.upstreamStatus = r.status;
    const QJsonObject o = QJsonDocument::fromJson(r.body).object();
    const QString refundId = o.value(QStringLiteral("id")).toString();
    const QString stripeMessage
        = o.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    out.message = !stripeMessage.isEmpty() ? stripeMessage
        : r.status                         ? QStringLiteral("HTTP %1").arg(r.status)
                   : (r.networkError.isEmpty() ? QStringLiteral("no answer") : r.networkError);
    RefundStore store(m_ctx->db());
    Db::Transaction tx(m_ctx->db());
    m_ctx->setActor(actorOf(res));
    // A 500 that Stripe replays for our key, for a refund its list does not have: Stripe
    // failed it and will answer nothing else under this key, so nothing was refunded.
    const bool replayedFailure
        = absentAtStripe && r.status >= 500 && r.headers.value("idempotent-replayed") == "true";
    if (replayedFailure)
        out.message
            = QStringLiteral("Stripe failed this refund (HTTP %1) and has no refund for it; "
                             "nothing was refunded")
                  .arg(r.status);
    const bool final = r.status == 400 || r.status == 402 || r.status == 404 || replayedFailure;
    if (r.ok() && refundId.startsWith(QLatin1String("re_"))) {
        out.kind = Settlement::Kind::Succeeded;
        out.refund = res;
        out.refund.id = refundId;
        out.refund.status
            = o.value(QStringLiteral("status")).toString(QStringLiteral("pending")).left(20);
        if (out.refund.status == QLatin1String("failed")
            || out.refund.status == QLatin1String("canceled")) {
            out.kind = Settlement::Kind::Refused; // it exists at Stripe, and it failed
            out.message
                = QStringLiteral("Stripe's refund %1 is %2").arg(refundId, out.refund.status);
        }
        // Stripe's charge.refunded may have overtaken this reply and renamed the row already.
        store.settle(res.id, refundId, out.refund.status, ApiContext::now());
        closeBooksIfRefunded(res.formId, actorOf(res));
        // A duplicate payment's refund closes its own order, never the form's.
        PaymentStore(m_ctx->db()).closeFlaggedOrder(res.paymentIntent, ApiContext::now());
    } else {
        out.kind = final ? Settlement::Kind::Refused : Settlement::Kind::Unknown;
        // Only Stripe's final "no" releases the reserved amount; after a timeout or a 5xx the
        // refund may have happened, so the reservation stays pending until asked again.
        store.noteFailure(res.id, out.message, final, ApiContext::now());
    }
    tx.commit();
    return out;
}

int RefundService::sweep()
{
    // Reservations whose outcome at Stripe is unknown (the process died mid-call, or Stripe
    // timed out and nobody retried) are settled by asking Stripe under the same key. Bounded per
    // run; a compare-and-set on updated_at makes each row one process's job at a time.
    if (m_sweeping > 0)
        return 0;
    const QDateTime now = ApiContext::now();
    const QDateTime cutoff = now.addSecs(-leaseSeconds());
    QList<RefundRow> claimed;
    try {
        RefundStore store(m_ctx->db());
        const QList<RefundRow> due = store.due(cutoff, 20);
        for (const RefundRow &r : due) {
            if (store.claimDue(r.id, now, cutoff))
                claimed << r;
        }
    } catch (const DbError &e) {
        qCWarning(lcApi).noquote()
            << "refund sweep could not read the reservations:" << LogRedact::dbError(e.message());
        return 0;
    }
    m_sweeping = int(claimed.size());
    for (const RefundRow &r : std::as_const(claimed)) {
        auto audited = [this, r](const Settlement &outcome) {
            --m_sweeping;
            auditSweep(r, outcome);
        };
        findAtStripe(
            r, this, [this, r, audited](const std::optional<QJsonObject> &found, bool known) {
                if (!found) {
                    askStripe(r, this, audited, known);
                    return;
                }
                Outbound::Reply listed;
                listed.status = 200;
                listed.body = QJsonDocument(*found).toJson(QJsonDocument::Compact);
                Settlement outcome;
                try {
                    outcome = settle(r, listed, false);
                } catch (const DbError &e) {
                    qCWarning(lcApi)
                        << "refund sweep could not record" << r.id << ":" << e.message();
                    outcome.message = QStringLiteral("the database did not take Stripe's answer");
                }
                audited(outcome);
            });
    }
    return int(claimed.size());
}

void RefundService::auditSweep(const RefundRow &r, const Settlement &outcome)
{
    const int status = outcome.kind == Settlement::Kind::Succeeded ? 200
        : outcome.kind == Settlement::Kind::Refused                ? 409
                                                                   : 502;
    QJsonObject result {{QStringLiteral("refundId"),
                         outcome.kind == Settlement::Kind::Succeeded ? outcome.refund.id : r.id},
                        {QStringLiteral("amount"), double(r.amount)},
                        {QStringLiteral("outcome"),
                         status == 200       ? QStringLiteral("succeeded")
                             : status == 409 ? QStringLiteral("refused")
                                             : QStringLiteral("unknown")}};
    if (status != 200)
        result.insert(QStringLiteral("message"), outcome.message);
    try {
        Db::Transaction tx(m_ctx->db());
        m_ctx->audit(StaffMember {r.staffId, actorOf(r), QString()}, r.formId,
                     Status::actionKey(StaffAction::Refund),
                     QJsonObject {{QStringLiteral("settle"), r.id},
                                  {QStringLiteral("by"), QStringLiteral("sweep")}},
                     result, status);
        tx.commit();
    } catch (const DbError &e) {
        qCWarning(lcApi).noquote()
            << "refund sweep could not audit" << r.id << ":" << LogRedact::dbError(e.message());
    }
    qCInfo(lcApi) << "refund sweep:" << r.id << "of form" << r.formId << "→"
                  << result.value(QStringLiteral("outcome")).toString();
    emit swept(r.id, status);
}

void RefundService::syncFromStripe(const QJsonObject &refund, const QString &actor)
{
    const QString id = refund.value(QStringLiteral("id")).toString();
    const QString status = refund.value(QStringLiteral("status")).toString();
    if (id.isEmpty() || status.isEmpty())
        return;
    const QString localId = refund.value(QStringLiteral("metadata"))
                                .toObject()
                                .value(QStringLiteral("compose_refund_id"))
                                .toString();
    const QDateTime now = ApiContext::now();
    RefundStore store(m_ctx->db());
    // Our own refund may still carry its reservation id when Stripe's event overtakes the reply.
    QString formId = store.syncFromStripe(id, localId, status, now).value_or(QString());
    if (formId.isEmpty()) {
        // Refunded from Stripe's dashboard: record it so the refundable amount stays true.
        RefundRow row;
        row.paymentIntent = refund.value(QStringLiteral("payment_intent")).toString();
        if (row.paymentIntent.isEmpty())
            return;
        formId = PaymentStore(m_ctx->db()).formIdByIntent(row.paymentIntent);
        if (formId.isEmpty())
            return;
        row.amount = qint64(refund.value(QStringLiteral("amount")).toDouble());
        if (row.amount <= 0)
            return;
        row.id = id;
        row.formId = formId;
        row.currency = refund.value(QStringLiteral("currency")).toString(QStringLiteral("usd"));
        row.reason = refund.value(QStringLiteral("reason"))
                         .toString(QStringLiteral("requested_by_customer"))
                         .left(40);
        row.note = QStringLiteral("Refunded outside compose-api.");
        row.status = status;
        store.insert(row, now);
    }
    closeBooksIfRefunded(formId, actor);
}

} // namespace compose
