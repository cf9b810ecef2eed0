#include "paymentroutes.h"

#include "apicontext.h"
#include "database.h"
#include "deliveryservice.h"
#include "jsoninput.h"
#include "stripesignature.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSqlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

namespace {
const QString kStripe = QStringLiteral("stripe");

QVariant nullText() { return QVariant(QMetaType::fromType<QString>()); }
} // namespace

PaymentRoutes::PaymentRoutes(ApiContext *context, QObject *parent) : QObject(parent), m_ctx(context) { }

qint64 PaymentRoutes::priceCents(const QString &packageType)
{
    Q_UNUSED(packageType) // the seed prices every package at $9.99
    return 999;
}

void PaymentRoutes::registerRoutes(HttpServer *server)
{
    server->addRoute("POST", QStringLiteral("/api/stripe/checkout"),
                     [this](const HttpRequest &r, const Exchange &ex) { checkout(r, ex); });
    server->addRoute("POST", QStringLiteral("/api/stripe/webhook"),
                     [this](const HttpRequest &r, const Exchange &ex) { webhook(r, ex); });
}

void PaymentRoutes::checkout(const HttpRequest &req, const Exchange &ex)
{
    const JsonInput in = JsonInput::parse(req.body);
    in.allowOnly({QStringLiteral("formId"), QStringLiteral("selectedVariations")});
    const QString formId = in.requireString(QStringLiteral("formId"), 100);
    const QJsonObject selections = in.requireObject(QStringLiteral("selectedVariations"));
    const FormRecord form = m_ctx->requireForm(formId);
    if (!Status::canTransition(form.status(), FormStatus::PaymentInitiated))
        throw ApiError(409, QStringLiteral("invalid_transition"),
                       Status::transitionError(form.status(), FormStatus::PaymentInitiated),
                       QJsonObject{{QStringLiteral("from"), form.statusKey},
                                   {QStringLiteral("to"), QStringLiteral("payment_initiated")}});
    for (auto it = selections.begin(); it != selections.end(); ++it) {
        bool ok = false;
        const int song = it.key().toInt(&ok);
        if (!ok || song < 0 || song >= form.songCount || QString::number(song) != it.key())
            JsonInput::fail(QStringLiteral("selectedVariations"),
                            QStringLiteral("selectedVariations: song index \"%1\" is not one of 0..%2.")
                                    .arg(it.key()).arg(form.songCount - 1));
        if (!JsonInput::isInteger(it.value(), 1, 3))
            JsonInput::fail(QStringLiteral("selectedVariations"),
                            QStringLiteral("selectedVariations: the selected variation is 1, 2 or 3."));
    }
    for (int song = 0; song < form.songCount; ++song) {
        const QJsonValue v = selections.value(QString::number(song));
        if (v.isUndefined())
            JsonInput::fail(QStringLiteral("selectedVariations"),
                            QStringLiteral("selectedVariations must pick a variation for song %1.").arg(song));
        QSqlQuery q = Db::prepare(m_ctx->db(), QStringLiteral(
                "SELECT 1 FROM music_generations WHERE form_id = :f AND song_index = :s AND "
                "variation_index = :v AND status = 'completed'"));
        q.bindValue(QStringLiteral(":f"), formId);
        q.bindValue(QStringLiteral(":s"), song);
        q.bindValue(QStringLiteral(":v"), v.toInt());
        Db::exec(q);
        if (!q.next())
            throw ApiError::conflict(QStringLiteral("variation_not_ready"),
                                     QStringLiteral("Variation %1 of song %2 has no finished audio.").arg(v.toInt()).arg(song),
                                     QJsonObject{{QStringLiteral("songIndex"), song},
                                                 {QStringLiteral("variationIndex"), v.toInt()}});
    }

    const QString base = m_ctx->publicBase().toString();
    QList<QPair<QString, QString>> fields{
            {QStringLiteral("mode"), QStringLiteral("payment")},
            {QStringLiteral("success_url"), base + QStringLiteral("/compose/success?session_id={CHECKOUT_SESSION_ID}")},
            {QStringLiteral("cancel_url"), base + QStringLiteral("/compose/variations?formId=") + formId},
            {QStringLiteral("client_reference_id"), formId},
            {QStringLiteral("line_items[0][quantity]"), QStringLiteral("1")},
            {QStringLiteral("line_items[0][price_data][currency]"), QStringLiteral("usd")},
            {QStringLiteral("line_items[0][price_data][unit_amount]"), QString::number(priceCents(form.packageType))},
            {QStringLiteral("line_items[0][price_data][product_data][name]"),
             form.packageType == QLatin1String("holiday-hamper") ? QStringLiteral("Holiday Hamper (3 songs)")
                                                                  : QStringLiteral("Solo Serenade")},
            {QStringLiteral("metadata[formId]"), formId},
            {QStringLiteral("metadata[packageId]"), form.packageType},
            {QStringLiteral("metadata[selectedVariations]"), ApiContext::writeJson(selections)},
            {QStringLiteral("payment_intent_data[metadata][formId]"), formId},
    };
    if (!form.guestEmail.isEmpty())
        fields.append({QStringLiteral("customer_email"), form.guestEmail});
    QUrl url = m_ctx->stripeBase();
    url.setPath(url.path() + QStringLiteral("/v1/checkout/sessions"));
    m_ctx->outbound()->send(
            "POST", url,
            {{"Authorization", "Bearer " + m_ctx->stripeKey().toUtf8()},
             {"Content-Type", "application/x-www-form-urlencoded"}},
            Outbound::formEncode(fields), this, [this, ex, formId, selections](const Outbound::Reply &r) {
        ex->guard([&] {
            const QJsonObject o = QJsonDocument::fromJson(r.body).object();
            const QString sessionId = o.value(QStringLiteral("id")).toString();
            if (!r.ok() || !sessionId.startsWith(QLatin1String("cs_"))) {
                const QString msg = o.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
                throw ApiError(502, QStringLiteral("upstream_error"),
                               QStringLiteral("Stripe did not create a Checkout Session: %1")
                                       .arg(msg.isEmpty() ? (r.status ? QStringLiteral("HTTP %1").arg(r.status) : r.networkError) : msg),
                               QJsonObject{{QStringLiteral("service"), QStringLiteral("Stripe")},
                                           {QStringLiteral("upstreamStatus"), r.status}});
            }
            Db::Transaction tx(m_ctx->db());
            m_ctx->setActor(QStringLiteral("customer"));
            const FormRecord form = m_ctx->requireForm(formId, true);
            m_ctx->changeStatus(form, FormStatus::PaymentInitiated, QStringLiteral("customer"));
            QSqlQuery q = Db::prepare(m_ctx->db(), QStringLiteral(
                    "UPDATE compose_forms SET selected_variations = :sel, stripe_session_id = :sid, "
                    "updated_at = :now WHERE id = :id"));
            q.bindValue(QStringLiteral(":sel"), ApiContext::writeJson(selections));
            q.bindValue(QStringLiteral(":sid"), sessionId);
            q.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
            q.bindValue(QStringLiteral(":id"), formId);
            Db::exec(q);
            // The selection sent to Stripe is what a payment of this session buys (issue 9.3).
            QSqlQuery s = Db::prepare(
                m_ctx->db(),
                QStringLiteral("INSERT INTO compose_checkout_sessions(session_id, form_id, "
                               "selections, amount, currency, "
                               "created_at) VALUES (:sid, :f, :sel, :amt, 'usd', :now)"));
            s.bindValue(QStringLiteral(":sid"), sessionId);
            s.bindValue(QStringLiteral(":f"), formId);
            s.bindValue(QStringLiteral(":sel"), ApiContext::writeJson(selections));
            s.bindValue(QStringLiteral(":amt"), priceCents(form.packageType));
            s.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
            Db::exec(s);
            tx.commit();
            ex->sendJson(200, QJsonObject{{QStringLiteral("sessionId"), sessionId},
                                          {QStringLiteral("url"), o.value(QStringLiteral("url"))}});
        });
    });
}

void PaymentRoutes::webhook(const HttpRequest &req, const Exchange &ex)
{
    const QByteArray secret = m_ctx->stripeWebhookSecret();
    if (secret.isEmpty())
        throw ApiError(500, QStringLiteral("not_configured"),
                       QStringLiteral("No Stripe webhook secret is configured (COMPOSE_STRIPE_WEBHOOK_SECRET)."));
    const auto result = StripeSignature::verify(req.header("stripe-signature"), req.body, secret,
                                                QDateTime::currentSecsSinceEpoch());
    if (result != StripeSignature::Result::Ok) {
        qCWarning(lcApi) << "refused a Stripe webhook:" << StripeSignature::describe(result);
        throw ApiError(400, QStringLiteral("invalid_signature"), StripeSignature::describe(result));
    }
    const JsonInput in = JsonInput::parse(req.body);
    const QString eventId = in.requireString(QStringLiteral("id"), 255);
    const QString type = in.requireString(QStringLiteral("type"), 100);
    const QJsonObject object = in.object().value(QStringLiteral("data")).toObject().value(QStringLiteral("object")).toObject();

    Db::Transaction tx(m_ctx->db());
    m_ctx->setActor(kStripe);
    QString conflict = m_ctx->dialect() == SqlDialect::PostgreSQL ? QStringLiteral(" ON CONFLICT DO NOTHING")
                                                                   : QStringLiteral(" ON CONFLICT DO NOTHING");
    QSqlQuery q = Db::prepare(m_ctx->db(), QStringLiteral("INSERT INTO compose_stripe_events(event_id, type, received_at) "
                                                          "VALUES (:id, :t, :now)") + conflict);
    q.bindValue(QStringLiteral(":id"), eventId);
    q.bindValue(QStringLiteral(":t"), type);
    q.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
    Db::exec(q);
    if (q.numRowsAffected() == 0) {
        tx.commit();
        ex->sendJson(200, QJsonObject{{QStringLiteral("received"), true}, {QStringLiteral("duplicate"), true}});
        return;
    }
    QJsonObject outcome{{QStringLiteral("received"), true}, {QStringLiteral("type"), type}};
    std::optional<Recorded> recorded;
    if (type == QLatin1String("checkout.session.completed")
        || type == QLatin1String("checkout.session.async_payment_succeeded")) {
        const QJsonObject r = checkoutCompleted(object, &recorded);
        for (auto it = r.begin(); it != r.end(); ++it)
            outcome.insert(it.key(), it.value());
    } else if (type == QLatin1String("charge.refunded")) {
        const QJsonArray refunds = object.value(QStringLiteral("refunds")).toObject().value(QStringLiteral("data")).toArray();
        for (const QJsonValue &r : refunds) {
            QJsonObject refund = r.toObject();
            if (!refund.contains(QStringLiteral("payment_intent")))
                refund.insert(QStringLiteral("payment_intent"), object.value(QStringLiteral("payment_intent")));
            syncRefund(refund, kStripe);
        }
    } else if (type.startsWith(QLatin1String("refund."))) {
        syncRefund(object, kStripe);
    } else {
        outcome.insert(QStringLiteral("ignored"), true);
    }
    tx.commit();
    if (recorded)
        emit paymentRecorded(recorded->formId, recorded->orderId, recorded->flag);
    ex->sendJson(200, outcome);
}

QJsonObject PaymentRoutes::checkoutCompleted(const QJsonObject &session,
                                             std::optional<Recorded> *recorded)
{
    QSqlDatabase db = m_ctx->db();
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
    QString formId;
    QJsonObject ourSelections;
    QSqlQuery own
        = Db::prepare(db,
                      QStringLiteral("SELECT form_id, selections FROM compose_checkout_sessions "
                                     "WHERE session_id = :s"));
    own.bindValue(QStringLiteral(":s"), payment.sessionId);
    Db::exec(own);
    if (own.next()) {
        formId = own.value(0).toString();
        ourSelections = ApiContext::readJson(own.value(1)).toObject();
    }
    const QJsonObject metadata = session.value(QStringLiteral("metadata")).toObject();
    if (formId.isEmpty())
        formId = metadata.value(QStringLiteral("formId")).toString();
    if (formId.isEmpty()) {
        QSqlQuery q = Db::prepare(
            db, QStringLiteral("SELECT id FROM compose_forms WHERE stripe_session_id = :s"));
        q.bindValue(QStringLiteral(":s"), payment.sessionId);
        Db::exec(q);
        if (q.next())
            formId = q.value(0).toString();
    }
    const auto form = formId.isEmpty() ? std::nullopt : m_ctx->findForm(formId, true);
    if (!form) {
        // Retrying would not make the form appear; record the event and say so in the log.
        qCWarning(lcApi) << "checkout session" << payment.sessionId << "names no known form";
        return {{QStringLiteral("ignored"), QStringLiteral("unknown form")}};
    }

    // One order per session, whichever of its events comes first (completed, then
    // async_payment_succeeded, or the same event under a new id). The form row is locked.
    QSqlQuery seen = Db::prepare(
        db, QStringLiteral("SELECT id, payment_flag FROM orders WHERE stripe_session_id = :s"));
    seen.bindValue(QStringLiteral(":s"), payment.sessionId);
    Db::exec(seen);
    if (seen.next())
        return {{QStringLiteral("formId"), formId},
                {QStringLiteral("orderId"), seen.value(0).toString()},
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
        result.insert(QStringLiteral("status"), delivered ? QStringLiteral("delivered")
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

QString PaymentRoutes::applyPayment(const FormRecord &form, const Payment &payment)
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

    QSqlDatabase db = m_ctx->db();
    const QString now = Db::timestamp(ApiContext::now()).toString();
    QSqlQuery f = Db::prepare(db,
                              QStringLiteral("UPDATE compose_forms SET stripe_payment_intent_id = "
                                             ":pi, amount_paid = :amt, paid_at = :now, "
                                             "stripe_session_id = :sid, selected_variations = "
                                             ":sel, expires_at = NULL, updated_at = :now2 "
                                             "WHERE id = :id"));
    f.bindValue(QStringLiteral(":pi"),
                payment.intent.isEmpty() ? nullText() : QVariant(payment.intent));
    f.bindValue(QStringLiteral(":amt"), payment.amount);
    f.bindValue(QStringLiteral(":now"), now);
    f.bindValue(QStringLiteral(":sid"), payment.sessionId);
    f.bindValue(QStringLiteral(":sel"), ApiContext::writeJson(payment.selections));
    f.bindValue(QStringLiteral(":now2"), now);
    f.bindValue(QStringLiteral(":id"), form.id);
    Db::exec(f);

    // Exactly the variations of the paid session's selection (not what the form says now).
    for (auto it = payment.selections.begin(); it != payment.selections.end(); ++it) {
        if (!JsonInput::isInteger(it.value(), 1, 3))
            continue;
        QSqlQuery g = Db::prepare(
            db,
            QStringLiteral("UPDATE music_generations SET is_selected = (variation_index = :v), "
                           "is_paid = (variation_index = :v2), share_enabled = (variation_index = "
                           ":v3), updated_at = :now "
                           "WHERE form_id = :f AND song_index = :s"));
        g.bindValue(QStringLiteral(":v"), it.value().toInt());
        g.bindValue(QStringLiteral(":v2"), it.value().toInt());
        g.bindValue(QStringLiteral(":v3"), it.value().toInt());
        g.bindValue(QStringLiteral(":now"), now);
        g.bindValue(QStringLiteral(":f"), form.id);
        g.bindValue(QStringLiteral(":s"), it.key().toInt());
        Db::exec(g);
    }
    return {};
}

QString PaymentRoutes::insertOrder(const FormRecord &form, const Payment &payment,
                                   const QString &flag)
{
    QSqlDatabase db = m_ctx->db();
    const QString now = Db::timestamp(ApiContext::now()).toString();
    QString guestEmail = form.guestEmail;
    if (form.userId.isEmpty() && guestEmail.isEmpty())
        guestEmail = payment.customerEmail;
    const QString orderId = ApiContext::newId(QStringLiteral("ord_"));
    QSqlQuery o
        = Db::prepare(db,
                      QStringLiteral("INSERT INTO orders(id, user_id, guest_email, form_id, "
                                     "amount, currency, status, credits, "
                                     "stripe_session_id, package_id, payment_flag, created_at, "
                                     "updated_at) VALUES (:id, :u, :g, :f, :amt, "
                                     ":cur, 'paid', 0, :sid, :pkg, :flag, :now, :now2)"));
    o.bindValue(QStringLiteral(":id"), orderId);
    o.bindValue(QStringLiteral(":u"), form.userId.isEmpty() ? nullText() : QVariant(form.userId));
    o.bindValue(QStringLiteral(":g"), guestEmail.isEmpty() ? nullText() : QVariant(guestEmail));
    o.bindValue(QStringLiteral(":f"), form.id);
    o.bindValue(QStringLiteral(":amt"), payment.amount);
    o.bindValue(QStringLiteral(":cur"), payment.currency);
    o.bindValue(QStringLiteral(":sid"), payment.sessionId);
    o.bindValue(QStringLiteral(":pkg"), form.packageType);
    o.bindValue(QStringLiteral(":flag"), flag.isEmpty() ? nullText() : QVariant(flag));
    o.bindValue(QStringLiteral(":now"), now);
    o.bindValue(QStringLiteral(":now2"), now);
    Db::exec(o);
    // orders has no payment intent column (the seed's table); the session row keeps it, so a
    // duplicate payment can be refunded by staff. Sessions created elsewhere get a row too.
    QSqlQuery s
        = Db::prepare(db,
                      QStringLiteral("INSERT INTO compose_checkout_sessions(session_id, form_id, "
                                     "selections, amount, currency, payment_intent, "
                                     "order_id, created_at) VALUES (:sid, :f, :sel, :amt, :cur, "
                                     ":pi, :o, :now) ON CONFLICT (session_id) "
                                     "DO UPDATE SET payment_intent = excluded.payment_intent, "
                                     "order_id = excluded.order_id"));
    s.bindValue(QStringLiteral(":sid"), payment.sessionId);
    s.bindValue(QStringLiteral(":f"), form.id);
    s.bindValue(QStringLiteral(":sel"), ApiContext::writeJson(payment.selections));
    s.bindValue(QStringLiteral(":amt"), payment.amount);
    s.bindValue(QStringLiteral(":cur"), payment.currency);
    s.bindValue(QStringLiteral(":pi"),
                payment.intent.isEmpty() ? nullText() : QVariant(payment.intent));
    s.bindValue(QStringLiteral(":o"), orderId);
    s.bindValue(QStringLiteral(":now"), now);
    Db::exec(s);
    return orderId;
}

void PaymentRoutes::syncRefund(const QJsonObject &refund, const QString &actor)
{
    const QString id = refund.value(QStringLiteral("id")).toString();
    const QString status = refund.value(QStringLiteral("status")).toString();
    if (id.isEmpty() || status.isEmpty())
        return;
    const QString localId = refund.value(QStringLiteral("metadata")).toObject().value(QStringLiteral("compose_refund_id")).toString();
    QSqlDatabase db = m_ctx->db();
    const QString now = Db::timestamp(ApiContext::now()).toString();
    // Our own refund may still carry its reservation id when Stripe's event overtakes the reply.
    QSqlQuery u = Db::prepare(db, QStringLiteral("UPDATE compose_refunds SET id = :id, status = :st, updated_at = :now "
                                                 "WHERE id = :id2 OR id = :local"));
    u.bindValue(QStringLiteral(":id"), id);
    u.bindValue(QStringLiteral(":st"), status.left(20));
    u.bindValue(QStringLiteral(":now"), now);
    u.bindValue(QStringLiteral(":id2"), id);
    u.bindValue(QStringLiteral(":local"), localId.isEmpty() ? id : localId);
    Db::exec(u);
    QString formId;
    QSqlQuery f = Db::prepare(db, QStringLiteral("SELECT form_id FROM compose_refunds WHERE id = :id"));
    f.bindValue(QStringLiteral(":id"), id);
    Db::exec(f);
    if (f.next()) {
        formId = f.value(0).toString();
    } else {
        // Refunded from Stripe's dashboard: record it so the refundable amount stays true.
        const QString intent = refund.value(QStringLiteral("payment_intent")).toString();
        QSqlQuery byIntent = Db::prepare(db, QStringLiteral("SELECT id FROM compose_forms WHERE stripe_payment_intent_id = :pi"));
        byIntent.bindValue(QStringLiteral(":pi"), intent);
        Db::exec(byIntent);
        if (intent.isEmpty() || !byIntent.next())
            return;
        formId = byIntent.value(0).toString();
        const qint64 amount = qint64(refund.value(QStringLiteral("amount")).toDouble());
        if (amount <= 0)
            return;
        QSqlQuery ins = Db::prepare(db, QStringLiteral(
                "INSERT INTO compose_refunds(id, form_id, payment_intent, amount, currency, reason, note, status, "
                "created_at, updated_at) VALUES (:id, :f, :pi, :amt, :cur, :r, :note, :st, :now, :now2)"));
        ins.bindValue(QStringLiteral(":id"), id);
        ins.bindValue(QStringLiteral(":f"), formId);
        ins.bindValue(QStringLiteral(":pi"), intent);
        ins.bindValue(QStringLiteral(":amt"), amount);
        ins.bindValue(QStringLiteral(":cur"), refund.value(QStringLiteral("currency")).toString(QStringLiteral("usd")));
        ins.bindValue(QStringLiteral(":r"), refund.value(QStringLiteral("reason")).toString(QStringLiteral("requested_by_customer")).left(40));
        ins.bindValue(QStringLiteral(":note"), QStringLiteral("Refunded outside compose-api."));
        ins.bindValue(QStringLiteral(":st"), status.left(20));
        ins.bindValue(QStringLiteral(":now"), now);
        ins.bindValue(QStringLiteral(":now2"), now);
        Db::exec(ins);
    }
    const auto form = m_ctx->findForm(formId, true);
    if (form && m_ctx->fullyRefunded(*form)
        && Status::canTransition(form->status(), FormStatus::Refunded))
        m_ctx->changeStatus(*form, FormStatus::Refunded, actor);
    m_ctx->deliveries()->afterRefund(formId);
}

} // namespace compose
