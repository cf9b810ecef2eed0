#include "staffroutes.h"

#include "apicontext.h"
#include "database.h"
#include "deliveryservice.h"
#include "generationroutes.h"
#include "jsoninput.h"
#include "paymentroutes.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

namespace {

QVariant nullText() { return QVariant(QMetaType::fromType<QString>()); }

QString maskEmail(const QString &email)
{
    const qsizetype at = email.indexOf(QLatin1Char('@'));
    if (at <= 0)
        return QStringLiteral("***");
    return email.left(1) + QStringLiteral("***") + email.mid(at);
}

QString money(qint64 cents)
{
    return QStringLiteral("%1.%2").arg(cents / 100).arg(cents % 100, 2, 10, QLatin1Char('0'));
}

ApiError blocked(StaffAction a, const FormRecord &form)
{
    return ApiError::conflict(QStringLiteral("action_not_allowed"),
                              Status::actionBlockedReason(a, form.status()),
                              QJsonObject{{QStringLiteral("status"), form.statusKey},
                                          {QStringLiteral("action"), Status::actionKey(a)}});
}

} // namespace

StaffRoutes::StaffRoutes(ApiContext *context, GenerationRoutes *generation, PaymentRoutes *payments,
                         QObject *parent)
    : QObject(parent), m_ctx(context), m_generation(generation), m_payments(payments)
{
}

void StaffRoutes::registerRoutes(HttpServer *server)
{
    server->addRoute("GET", QStringLiteral("/api/admin/me"), [this](const HttpRequest &r, const Exchange &ex) {
        const StaffMember s = authenticate(r);
        ex->sendJson(200, QJsonObject{{QStringLiteral("name"), s.name}, {QStringLiteral("role"), s.role}});
    });
    const QString base = QStringLiteral("/api/admin/forms/{formId}/");
    server->addRoute("POST", base + QStringLiteral("retry"), [this](const HttpRequest &r, const Exchange &ex) {
        action(r, ex, Status::actionKey(StaffAction::RetryGeneration),
               [this](const CallPtr &c, const HttpRequest &rq) { retry(c, rq); });
    });
    server->addRoute("POST", base + QStringLiteral("deliver"), [this](const HttpRequest &r, const Exchange &ex) {
        action(r, ex, Status::actionKey(StaffAction::MarkDelivered),
               [this](const CallPtr &c, const HttpRequest &rq) { deliver(c, rq, false); });
    });
    server->addRoute("POST", base + QStringLiteral("redeliver"), [this](const HttpRequest &r, const Exchange &ex) {
        action(r, ex, Status::actionKey(StaffAction::Redeliver),
               [this](const CallPtr &c, const HttpRequest &rq) { deliver(c, rq, true); });
    });
    server->addRoute("POST", base + QStringLiteral("refund"), [this](const HttpRequest &r, const Exchange &ex) {
        action(r, ex, Status::actionKey(StaffAction::Refund),
               [this](const CallPtr &c, const HttpRequest &rq) { refund(c, rq); });
    });
    server->addRoute("GET", base + QStringLiteral("audit"),
                     [this](const HttpRequest &r, const Exchange &ex) { audit(r, ex); });
}

StaffMember StaffRoutes::authenticate(const HttpRequest &req) const
{
    const QByteArray header = req.header("authorization");
    auto staff = StaffAccounts::authenticate(m_ctx->db(), header);
    if (!staff)
        throw ApiError(401, QStringLiteral("unauthorized"),
                       header.isEmpty() ? QStringLiteral("Staff endpoints need Authorization: Bearer <token>.")
                                        : QStringLiteral("The bearer token is not valid."));
    return *staff;
}

void StaffRoutes::action(const HttpRequest &req, const Exchange &ex, const QString &actionKey,
                         const std::function<void(const CallPtr &, const HttpRequest &)> &body)
{
    auto call = std::make_shared<Call>();
    call->staff = authenticate(req); // 401 is not audited: there is nobody to name
    call->formId = req.param(QStringLiteral("formId"));
    call->action = actionKey;
    call->ex = ex;
    const QJsonDocument doc = QJsonDocument::fromJson(req.body);
    call->request = doc.isObject() ? doc.object()
                                   : QJsonObject{{QStringLiteral("raw"), QString::fromUtf8(req.body.left(1000))}};

    const QByteArray key = req.header("idempotency-key").trimmed();
    if (!key.isEmpty()) {
        if (key.size() > 255) {
            refuse(call, ApiError::badRequest(QStringLiteral("Idempotency-Key is longer than 255 characters.")));
            return;
        }
        const QString hash = QString::fromLatin1(
                QCryptographicHash::hash(QByteArray(req.method + ' ' + req.path.toUtf8() + '\n' + req.body),
                                         QCryptographicHash::Sha256).toHex());
        const QDateTime now = ApiContext::now();
        QSqlDatabase db = m_ctx->db();
        Db::Transaction tx(db);
        QSqlQuery claim = Db::prepare(
            db,
            QStringLiteral("INSERT INTO compose_idempotency(staff_id, idem_key, method, path, "
                           "request_hash, created_at, claimed_at) "
                           "VALUES (:s, :k, :m, :p, :h, :now, :now2) ON CONFLICT DO NOTHING"));
        claim.bindValue(QStringLiteral(":s"), call->staff.id);
        claim.bindValue(QStringLiteral(":k"), QString::fromUtf8(key));
        claim.bindValue(QStringLiteral(":m"), QString::fromLatin1(req.method));
        claim.bindValue(QStringLiteral(":p"), req.path);
        claim.bindValue(QStringLiteral(":h"), hash);
        claim.bindValue(QStringLiteral(":now"), Db::timestamp(now));
        claim.bindValue(QStringLiteral(":now2"), Db::timestamp(now));
        Db::exec(claim);
        if (claim.numRowsAffected() == 0) {
            QSqlQuery prior = Db::prepare(db, QStringLiteral(
                    "SELECT request_hash, response_status, response_body FROM compose_idempotency "
                    "WHERE staff_id = :s AND idem_key = :k"));
            prior.bindValue(QStringLiteral(":s"), call->staff.id);
            prior.bindValue(QStringLiteral(":k"), QString::fromUtf8(key));
            Db::exec(prior);
            prior.next();
            const QString priorHash = prior.value(0).toString();
            const QVariant priorStatus = prior.value(1);
            const QByteArray priorBody = prior.value(2).toString().toUtf8();
            bool takenOver = false;
            if (priorHash == hash && priorStatus.isNull()) {
                // No final answer yet. A claim whose holder crashed, or that was released after
                // a transient failure (NULL), is taken over by this retry; the check and the
                // take-over are one UPDATE, so two retries cannot both win.
                QSqlQuery take
                    = Db::prepare(db,
                                  QStringLiteral("UPDATE compose_idempotency SET claimed_at = :now "
                                                 "WHERE staff_id = :s AND idem_key = :k "
                                                 "AND response_status IS NULL AND (claimed_at IS "
                                                 "NULL OR claimed_at < :cutoff)"));
                take.bindValue(QStringLiteral(":now"), Db::timestamp(now));
                take.bindValue(QStringLiteral(":s"), call->staff.id);
                take.bindValue(QStringLiteral(":k"), QString::fromUtf8(key));
                take.bindValue(QStringLiteral(":cutoff"),
                               Db::timestamp(now.addSecs(-leaseSeconds())));
                Db::exec(take);
                takenOver = take.numRowsAffected() == 1;
            }
            tx.commit();
            if (!takenOver) {
                if (priorHash != hash) {
                    refuse(call,
                           ApiError(
                               422, QStringLiteral("idempotency_key_reused"),
                               QStringLiteral("This Idempotency-Key was used with another request; "
                                              "use a new key for a new request.")));
                } else if (priorStatus.isNull()) {
                    // Audited (it is an attempt) but never stored: the key stays open.
                    refuse(call,
                           ApiError::conflict(
                               QStringLiteral("idempotency_in_progress"),
                               QStringLiteral("A request with this Idempotency-Key is still "
                                              "being processed; retry shortly.")));
                } else {
                    ex->send(
                        priorStatus.toInt(), priorBody, QByteArrayLiteral("application/json"),
                        {{QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")}});
                }
                return;
            }
            qCInfo(lcApi) << "staff" << call->staff.name << call->action << call->formId
                          << "re-drives an Idempotency-Key that has no final answer";
        } else {
            tx.commit();
        }
        call->idemKey = key;
    }
    guarded(call, [&] { body(call, req); });
}

void StaffRoutes::guarded(const CallPtr &call, const std::function<void()> &fn)
{
    try {
        fn();
    } catch (const ApiError &e) {
        refuse(call, e);
    } catch (const DbError &e) {
        qCWarning(lcApi) << "database error in staff action" << call->action << ":" << e.message();
        const ApiError err(e.connectionLost() ? 503 : 500, QStringLiteral("database_error"),
                           QStringLiteral("The database refused the change; nothing was saved."));
        try {
            refuse(call, err);
        } catch (...) {
            call->ex->sendError(err);
        }
    }
}

void StaffRoutes::record(const CallPtr &call, int status, const QJsonObject &body)
{
    m_ctx->audit(call->staff, call->formId, call->action, call->request, body, status);
    if (call->idemKey.isEmpty())
        return;
    if (status >= 500) {
        // A 5xx (timeout, Stripe down, database trouble) is not an answer: the key is released
        // so that "Try again" with it really tries again.
        QSqlQuery r = Db::prepare(m_ctx->db(),
                                  QStringLiteral("UPDATE compose_idempotency SET claimed_at = NULL "
                                                 "WHERE staff_id = :s AND idem_key = :k "
                                                 "AND response_status IS NULL"));
        r.bindValue(QStringLiteral(":s"), call->staff.id);
        r.bindValue(QStringLiteral(":k"), QString::fromUtf8(call->idemKey));
        Db::exec(r);
        return;
    }
    QSqlQuery q = Db::prepare(m_ctx->db(),
                              QStringLiteral("UPDATE compose_idempotency SET response_status = "
                                             ":st, response_body = :b, claimed_at = NULL "
                                             "WHERE staff_id = :s AND idem_key = :k"));
    q.bindValue(QStringLiteral(":st"), status);
    q.bindValue(QStringLiteral(":b"), QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)));
    q.bindValue(QStringLiteral(":s"), call->staff.id);
    q.bindValue(QStringLiteral(":k"), QString::fromUtf8(call->idemKey));
    Db::exec(q);
}

void StaffRoutes::send(const CallPtr &call, int status, const QJsonObject &body)
{
    call->ex->sendJson(status, body);
}

void StaffRoutes::refuse(const CallPtr &call, const ApiError &error)
{
    {
        Db::Transaction tx(m_ctx->db());
        record(call, error.status(), error.body());
        tx.commit();
    }
    qCInfo(lcApi) << "staff" << call->staff.name << call->action << call->formId << "refused:" << error.status()
                  << error.code();
    call->ex->sendError(error);
}

void StaffRoutes::deliver(const CallPtr &call, const HttpRequest &req, bool redeliver)
{
    const JsonInput in = JsonInput::parse(req.body, true);
    in.allowOnly(redeliver ? QStringList{QStringLiteral("email")} : QStringList{QStringLiteral("note")});
    const auto note = redeliver ? std::nullopt : in.optionalString(QStringLiteral("note"), 2000);
    const auto email = redeliver ? in.optionalString(QStringLiteral("email"), 254) : std::nullopt;
    if (email && !JsonInput::isEmail(*email))
        JsonInput::fail(QStringLiteral("email"), QStringLiteral("\"%1\" is not an e-mail address.").arg(*email));

    QSqlDatabase db = m_ctx->db();
    Db::Transaction tx(db);
    m_ctx->setActor(call->staff.name);
    const FormRecord form = m_ctx->requireForm(call->formId, true);
    const StaffAction act = redeliver ? StaffAction::Redeliver : StaffAction::MarkDelivered;
    if (!Status::actionBlockedReason(act, form.status()).isEmpty())
        throw blocked(act, form);
    const QString to = email.value_or(m_ctx->deliveries()->customerEmail(form.id));
    if (to.isEmpty())
        throw ApiError::conflict(QStringLiteral("no_email"), QStringLiteral("The form has no customer e-mail; give one."));
    const DeliveryService::Result sent = m_ctx->deliveries()->deliver(
            form, redeliver ? DeliveryService::Kind::Redeliver : DeliveryService::Kind::Deliver, to, call->staff.name,
            call->staff.id, note.value_or(QString()));
    QStringList urls;
    for (const auto &link : sent.links)
        urls << link.url;
    const FormRecord updated = m_ctx->requireForm(form.id);
    const QJsonObject body{{QStringLiteral("form"), ApiContext::formSummary(updated)},
                           {QStringLiteral("delivery"),
                            QJsonObject{{QStringLiteral("id"), sent.deliveryId},
                                        {QStringLiteral("kind"), redeliver ? QStringLiteral("redeliver") : QStringLiteral("deliver")},
                                        {QStringLiteral("email"), to},
                                        {QStringLiteral("shareUrl"), sent.primaryUrl()},
                                        {QStringLiteral("shareUrls"), QJsonArray::fromStringList(urls)},
                                        {QStringLiteral("note"), note ? QJsonValue(*note) : QJsonValue(QJsonValue::Null)},
                                        {QStringLiteral("outboxId"), sent.outboxId},
                                        {QStringLiteral("messageState"), QStringLiteral("queued")}}}};
    record(call, 200, body);
    tx.commit();
    qCInfo(lcApi).noquote() << "e-mail queued: share link(s) for form" << form.id << "to" << maskEmail(to) << "("
                            << urls.size() << "link(s)," << (redeliver ? "redelivery)" : "delivery)");
    send(call, 200, body);
}

void StaffRoutes::retry(const CallPtr &call, const HttpRequest &req)
{
    const JsonInput in = JsonInput::parse(req.body);
    in.allowOnly({QStringLiteral("songIndex"), QStringLiteral("variationIndex"), QStringLiteral("failedOnly")});
    const bool failedOnly = in.optionalBool(QStringLiteral("failedOnly")).value_or(false);
    const auto song = in.optionalInt(QStringLiteral("songIndex"), 0, 2);
    const auto variation = in.optionalInt(QStringLiteral("variationIndex"), 1, 3);
    if (failedOnly == (song.has_value() || variation.has_value()) || song.has_value() != variation.has_value())
        throw ApiError::badRequest(QStringLiteral("Give either {\"songIndex\", \"variationIndex\"} or {\"failedOnly\": true}."));
    const FormRecord form = m_ctx->requireForm(call->formId);
    if (!Status::actionBlockedReason(StaffAction::RetryGeneration, form.status()).isEmpty())
        throw blocked(StaffAction::RetryGeneration, form);
    QList<QPair<int, int>> targets;
    if (failedOnly) {
        QSqlQuery q = Db::prepare(m_ctx->db(), QStringLiteral(
                "SELECT DISTINCT song_index, variation_index FROM music_generations WHERE form_id = :f "
                "AND status = 'failed' ORDER BY song_index, variation_index"));
        q.bindValue(QStringLiteral(":f"), form.id);
        Db::exec(q);
        while (q.next())
            targets.append({q.value(0).toInt(), q.value(1).toInt()});
        if (targets.isEmpty())
            throw ApiError::conflict(QStringLiteral("nothing_to_retry"), QStringLiteral("The form has no failed variations."));
    } else {
        if (*song >= form.songCount)
            JsonInput::fail(QStringLiteral("songIndex"),
                            QStringLiteral("songIndex must be 0..%1 for this form.").arg(form.songCount - 1));
        targets.append({int(*song), int(*variation)});
    }

    struct Pending
    {
        int remaining = 0;
        QList<std::tuple<int, int, GenerationRoutes::Started>> started;
        QJsonArray failures;
    };
    auto pending = std::make_shared<Pending>();
    pending->remaining = int(targets.size());
    for (const auto &[s, v] : std::as_const(targets)) {
        m_generation->requestGeneration(form, s, v, this, [this, call, pending, s = s, v = v](
                const std::optional<GenerationRoutes::Started> &st, const std::optional<ApiError> &err) {
            if (st)
                pending->started.append({s, v, *st});
            else
                pending->failures.append(QJsonObject{{QStringLiteral("songIndex"), s},
                                                     {QStringLiteral("variationIndex"), v},
                                                     {QStringLiteral("message"), err ? err->message() : QString()}});
            if (--pending->remaining > 0)
                return;
            guarded(call, [&] {
                if (pending->started.isEmpty())
                    throw ApiError(502, QStringLiteral("upstream_error"),
                                   QStringLiteral("MusicGPT did not start any of the generations."),
                                   QJsonObject{{QStringLiteral("failed"), pending->failures}});
                Db::Transaction tx(m_ctx->db());
                m_ctx->setActor(call->staff.name);
                QJsonArray retried;
                for (const auto &[song, variation, started] : std::as_const(pending->started)) {
                    m_generation->applyStarted(call->formId, song, variation, started, true, call->staff.name);
                    retried.append(QJsonObject{{QStringLiteral("songIndex"), song},
                                               {QStringLiteral("variationIndex"), variation},
                                               {QStringLiteral("taskId"), started.taskId}});
                }
                QJsonObject body{{QStringLiteral("form"), ApiContext::formSummary(m_ctx->requireForm(call->formId))},
                                 {QStringLiteral("retried"), retried}};
                if (!pending->failures.isEmpty())
                    body.insert(QStringLiteral("failed"), pending->failures);
                record(call, 200, body);
                tx.commit();
                send(call, 200, body);
            });
        });
    }
}

void StaffRoutes::refund(const CallPtr &call, const HttpRequest &req)
{
    if (!call->staff.isAdmin())
        throw ApiError(403, QStringLiteral("forbidden"), QStringLiteral("Only an admin may refund; %1 is an %2.")
                                                                 .arg(call->staff.name, call->staff.role));
    const JsonInput in = JsonInput::parse(req.body);
    in.allowOnly({QStringLiteral("amount"), QStringLiteral("reason"), QStringLiteral("note")});
    const auto amountIn = in.optionalInt(QStringLiteral("amount"), 1, 100000000);
    const QString reason = in.requireString(QStringLiteral("reason"), 40);
    static const QStringList reasons{QStringLiteral("duplicate"), QStringLiteral("fraudulent"),
                                     QStringLiteral("requested_by_customer"), QStringLiteral("other")};
    if (!reasons.contains(reason))
        JsonInput::fail(QStringLiteral("reason"), QStringLiteral("reason is one of %1.").arg(reasons.join(QStringLiteral(", "))));
    const auto note = in.optionalString(QStringLiteral("note"), 1000);
    if (reason == QLatin1String("other") && !note)
        throw ApiError(400, QStringLiteral("missing_field"), QStringLiteral("A refund for reason \"other\" needs a note."),
                       QJsonObject{{QStringLiteral("field"), QStringLiteral("note")}});

    // With an Idempotency-Key the Stripe key is derived from it: every retry of this staff
    // request, and the sweep, ask Stripe under the same key, so Stripe can never refund twice.
    const QString stripeKey = call->idemKey.isEmpty()
        ? QString()
        : QStringLiteral("compose-refund-")
            + QString::fromLatin1(
                QCryptographicHash::hash(
                    QByteArray(QByteArray::number(call->staff.id) + '\n' + call->idemKey),
                    QCryptographicHash::Sha256)
                    .toHex());
    Reservation res;
    {
        QSqlDatabase db = m_ctx->db();
        Db::Transaction tx(db);
        m_ctx->setActor(call->staff.name);
        const FormRecord form = m_ctx->requireForm(call->formId, true);
        std::optional<Reservation> earlier
            = stripeKey.isEmpty() ? std::nullopt : findReservation(stripeKey);
        if (earlier && earlier->formId != form.id)
            earlier.reset(); // the same key on another form: the request hash differs, never here
        if (earlier && earlier->status != QLatin1String("pending")) {
            // An earlier attempt of this very request was settled (by the sweep or Stripe's
            // event) after its answer was lost: answer with that outcome.
            if (earlier->status == QLatin1String("failed")
                || earlier->status == QLatin1String("canceled")) {
                throw ApiError::conflict(
                    QStringLiteral("stripe_refused"),
                    QStringLiteral("Stripe refused the refund: %1").arg(earlier->lastError),
                    QJsonObject {{QStringLiteral("service"), QStringLiteral("Stripe")}});
            }
            const QJsonObject body = refundAnswer(*earlier, form);
            record(call, 200, body);
            tx.commit();
            send(call, 200, body);
            return;
        }
        if (earlier) {
            res = *earlier; // outcome unknown at Stripe: ask again under the same key
        } else {
            if (!Status::actionBlockedReason(StaffAction::Refund, form.status()).isEmpty())
                throw blocked(StaffAction::Refund, form);
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
            const qint64 amount = amountIn.value_or(remaining);
            if (amount > remaining)
                throw ApiError::conflict(
                    QStringLiteral("amount_exceeds_refundable"),
                    QStringLiteral("Only %1 (%2 cents) remains refundable; %3 cents were asked.")
                        .arg(money(remaining))
                        .arg(remaining)
                        .arg(amount),
                    QJsonObject {{QStringLiteral("refundable"), double(remaining)},
                                 {QStringLiteral("requested"), double(amount)}});
            res.id = ApiContext::newId(QStringLiteral("cr_"));
            res.formId = form.id;
            res.paymentIntent = form.stripePaymentIntentId;
            res.amount = amount;
            res.reason = reason;
            res.note = note.value_or(QString());
            res.staff = call->staff;
            res.stripeKey = stripeKey.isEmpty() ? res.id : stripeKey;
            QSqlQuery q = Db::prepare(
                db,
                QStringLiteral(
                    "INSERT INTO compose_refunds(id, form_id, payment_intent, amount, currency, "
                    "reason, note, status, "
                    "staff_id, created_at, updated_at, stripe_idem_key) "
                    "VALUES (:id, :f, :pi, :amt, 'usd', :r, :n, 'pending', :s, :now, :now2, :k)"));
            q.bindValue(QStringLiteral(":id"), res.id);
            q.bindValue(QStringLiteral(":f"), res.formId);
            q.bindValue(QStringLiteral(":pi"), res.paymentIntent);
            q.bindValue(QStringLiteral(":amt"), res.amount);
            q.bindValue(QStringLiteral(":r"), res.reason);
            q.bindValue(QStringLiteral(":n"), note ? QVariant(*note) : nullText());
            q.bindValue(QStringLiteral(":s"), call->staff.id);
            q.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
            q.bindValue(QStringLiteral(":now2"), Db::timestamp(ApiContext::now()));
            q.bindValue(QStringLiteral(":k"), res.stripeKey);
            Db::exec(q);
        }
        markAttempt(res.id);
        tx.commit();
    }
    askStripe(res, this, [this, call, res](const Settlement &outcome) {
        guarded(call, [&] {
            switch (outcome.kind) {
            case Settlement::Kind::Succeeded: {
                const QJsonObject body
                    = refundAnswer(outcome.refund, m_ctx->requireForm(call->formId));
                Db::Transaction tx(m_ctx->db());
                record(call, 200, body);
                tx.commit();
                qCInfo(lcApi) << "staff" << call->staff.name << "refunded" << res.amount
                              << "cents of form" << call->formId;
                send(call, 200, body);
                return;
            }
            case Settlement::Kind::Refused:
                // Final at Stripe (it replays the same refusal for the key): stored as the answer.
                throw ApiError::conflict(
                    QStringLiteral("stripe_refused"),
                    QStringLiteral("Stripe refused the refund: %1").arg(outcome.message),
                    QJsonObject {{QStringLiteral("service"), QStringLiteral("Stripe")},
                                 {QStringLiteral("upstreamStatus"), outcome.upstreamStatus}});
            case Settlement::Kind::Unknown:
                // Not stored: "Try again" with the same key asks Stripe again under the same
                // Stripe key, and the sweep settles it if nobody does.
                throw ApiError(
                    502, QStringLiteral("upstream_error"),
                    QStringLiteral(
                        "Stripe did not confirm the refund (%1). %2 cents stay reserved until "
                        "Stripe's answer is known; trying again with the same request is safe "
                        "and never refunds twice.")
                        .arg(outcome.message)
                        .arg(res.amount),
                    QJsonObject {{QStringLiteral("service"), QStringLiteral("Stripe")},
                                 {QStringLiteral("upstreamStatus"), outcome.upstreamStatus},
                                 {QStringLiteral("refundId"), res.id}});
            }
        });
    });
}

std::optional<StaffRoutes::Reservation> StaffRoutes::findReservation(const QString &stripeKey) const
{
    QSqlQuery q = Db::prepare(
        m_ctx->db(),
        QStringLiteral(
            "SELECT r.id, r.form_id, r.payment_intent, r.amount, r.reason, r.note, r.status, "
            "r.staff_id, s.name, "
            "r.stripe_idem_key, r.last_error, r.currency FROM compose_refunds r "
            "LEFT JOIN compose_staff s ON s.id = r.staff_id WHERE r.stripe_idem_key = :k"));
    q.bindValue(QStringLiteral(":k"), stripeKey);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    return reservationFrom(q);
}

StaffRoutes::Reservation StaffRoutes::reservationFrom(const QSqlQuery &q)
{
    Reservation r;
    r.id = q.value(0).toString();
    r.formId = q.value(1).toString();
    r.paymentIntent = q.value(2).toString();
    r.amount = q.value(3).toLongLong();
    r.reason = q.value(4).toString();
    r.note = q.value(5).toString();
    r.status = q.value(6).toString();
    r.staff.id = q.value(7).toInt();
    r.staff.name = q.value(8).isNull() ? QStringLiteral("system") : q.value(8).toString();
    // Reservations made before keys were derived were sent under their own id.
    r.stripeKey = q.value(9).isNull() ? r.id : q.value(9).toString();
    r.lastError = q.value(10).toString();
    r.currency = q.value(11).toString();
    return r;
}

void StaffRoutes::markAttempt(const QString &reservationId)
{
    // updated_at is the reservation's lease: the sweep leaves it alone while a call may be in
    // flight.
    QSqlQuery q = Db::prepare(m_ctx->db(),
                              QStringLiteral("UPDATE compose_refunds SET attempts = attempts + 1, "
                                             "updated_at = :now WHERE id = :id"));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
    q.bindValue(QStringLiteral(":id"), reservationId);
    Db::exec(q);
}

QJsonObject StaffRoutes::refundAnswer(const Reservation &refund, const FormRecord &form) const
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

void StaffRoutes::askStripe(const Reservation &res, QObject *context,
                            const std::function<void(const Settlement &)> &done, bool absentAtStripe)
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
        {QStringLiteral("metadata[staff]"), res.staff.name},
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

void StaffRoutes::findAtStripe(const Reservation &res, QObject *context,
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

StaffRoutes::Settlement StaffRoutes::settle(const Reservation &res, const Outbound::Reply &r,
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
    QSqlDatabase db = m_ctx->db();
    Db::Transaction tx(db);
    m_ctx->setActor(res.staff.name);
    // A 500 that Stripe replays for our key, for a refund its list does not have: Stripe
    // failed it and will answer nothing else under this key, so nothing was refunded.
    const bool replayedFailure = absentAtStripe && r.status >= 500
        && r.headers.value("idempotent-replayed") == "true";
    if (replayedFailure)
        out.message = QStringLiteral("Stripe failed this refund (HTTP %1) and has no refund for it; "
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
            out.message = QStringLiteral("Stripe's refund %1 is %2").arg(refundId, out.refund.status);
        }
        // Stripe's charge.refunded may have overtaken this reply and renamed the row already.
        QSqlQuery u = Db::prepare(
            db,
            QStringLiteral("UPDATE compose_refunds SET id = :rid, status = :st, "
                           "last_error = NULL, updated_at = :now WHERE id = :id OR id = :rid2"));
        u.bindValue(QStringLiteral(":rid"), refundId);
        u.bindValue(QStringLiteral(":st"), out.refund.status);
        u.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
        u.bindValue(QStringLiteral(":id"), res.id);
        u.bindValue(QStringLiteral(":rid2"), refundId);
        Db::exec(u);
        FormRecord form = m_ctx->requireForm(res.formId, true);
        if (m_ctx->fullyRefunded(form)
            && Status::canTransition(form.status(), FormStatus::Refunded))
            m_ctx->changeStatus(form, FormStatus::Refunded, res.staff.name);
        m_ctx->deliveries()->afterRefund(res.formId); // a full refund closes the books
    } else {
        out.kind = final ? Settlement::Kind::Refused : Settlement::Kind::Unknown;
        // Only Stripe's final "no" releases the reserved amount; after a timeout or a 5xx the
        // refund may have happened, so the reservation stays pending until asked again.
        QSqlQuery f = Db::prepare(
            db,
            final ? QStringLiteral("UPDATE compose_refunds SET status = 'failed', last_error = :e, "
                                   "updated_at = :now WHERE id = :id AND status = 'pending'")
                  : QStringLiteral("UPDATE compose_refunds SET last_error = :e, updated_at = :now "
                                   "WHERE id = :id AND status = 'pending'"));
        f.bindValue(QStringLiteral(":e"), out.message.left(500));
        f.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
        f.bindValue(QStringLiteral(":id"), res.id);
        Db::exec(f);
    }
    tx.commit();
    return out;
}

int StaffRoutes::sweepRefunds()
{
    // Reservations whose outcome at Stripe is unknown (the process died mid-call, or Stripe
    // timed out and nobody retried) are settled by asking Stripe under the same key. Bounded per
    // run; a compare-and-set on updated_at makes each row one process's job at a time.
    if (m_sweeping > 0)
        return 0;
    const QDateTime now = ApiContext::now();
    const QVariant cutoff = Db::timestamp(now.addSecs(-leaseSeconds()));
    QList<Reservation> claimed;
    try {
        QSqlDatabase db = m_ctx->db();
        QSqlQuery q = Db::prepare(
            db,
            QStringLiteral("SELECT r.id, r.form_id, r.payment_intent, r.amount, r.reason, r.note, "
                           "r.status, r.staff_id, s.name, "
                           "r.stripe_idem_key, r.last_error, r.currency FROM compose_refunds r "
                           "LEFT JOIN compose_staff s ON s.id = r.staff_id "
                           "WHERE r.status = 'pending' AND substr(r.id, 1, 3) = 'cr_' AND "
                           "r.updated_at < :cutoff "
                           "ORDER BY r.updated_at LIMIT 20"));
        q.bindValue(QStringLiteral(":cutoff"), cutoff);
        Db::exec(q);
        QList<Reservation> due;
        while (q.next())
            due << reservationFrom(q);
        for (const Reservation &r : std::as_const(due)) {
            QSqlQuery c = Db::prepare(
                db,
                QStringLiteral(
                    "UPDATE compose_refunds SET attempts = attempts + 1, updated_at = :now "
                    "WHERE id = :id AND status = 'pending' AND updated_at < :cutoff"));
            c.bindValue(QStringLiteral(":now"), Db::timestamp(now));
            c.bindValue(QStringLiteral(":id"), r.id);
            c.bindValue(QStringLiteral(":cutoff"), cutoff);
            Db::exec(c);
            if (c.numRowsAffected() == 1)
                claimed << r;
        }
    } catch (const DbError &e) {
        qCWarning(lcApi) << "refund sweep could not read the reservations:" << e.message();
        return 0;
    }
    m_sweeping = int(claimed.size());
    for (const Reservation &r : std::as_const(claimed)) {
        auto audited = [this, r](const Settlement &outcome) {
            --m_sweeping;
            sweepAudit(r, outcome);
        };
        findAtStripe(r, this, [this, r, audited](const std::optional<QJsonObject> &found, bool known) {
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
                qCWarning(lcApi) << "refund sweep could not record" << r.id << ":" << e.message();
                outcome.message = QStringLiteral("the database did not take Stripe's answer");
            }
            audited(outcome);
        });
    }
    return int(claimed.size());
}

void StaffRoutes::sweepAudit(const Reservation &r, const Settlement &outcome)
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
        m_ctx->audit(r.staff, r.formId, Status::actionKey(StaffAction::Refund),
                     QJsonObject {{QStringLiteral("settle"), r.id},
                                  {QStringLiteral("by"), QStringLiteral("sweep")}},
                     result, status);
        tx.commit();
    } catch (const DbError &e) {
        qCWarning(lcApi) << "refund sweep could not audit" << r.id << ":" << e.message();
    }
    qCInfo(lcApi) << "refund sweep:" << r.id << "of form" << r.formId << "→"
                  << result.value(QStringLiteral("outcome")).toString();
}

int StaffRoutes::leaseSeconds() const
{
    return qMax(1, m_ctx->config().idempotencyLeaseS);
}

void StaffRoutes::audit(const HttpRequest &req, const Exchange &ex)
{
    authenticate(req);
    const FormRecord form = m_ctx->requireForm(req.param(QStringLiteral("formId")));
    QSqlDatabase db = m_ctx->db();
    auto run = [&](const QString &sql) {
        QSqlQuery q = Db::prepare(db, sql);
        q.bindValue(QStringLiteral(":f"), form.id);
        Db::exec(q);
        return q;
    };
    auto time = [](const QVariant &v) { return ApiContext::isoTime(Db::readTimestamp(v)); };
    auto text = [](const QVariant &v) { return v.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(v.toString()); };

    QJsonArray audit;
    QSqlQuery a = run(QStringLiteral("SELECT id, created_at, staff_name, action, request, result, http_status "
                                     "FROM compose_audit WHERE form_id = :f ORDER BY id DESC"));
    while (a.next())
        audit.append(QJsonObject{{QStringLiteral("id"), a.value(0).toLongLong()},
                                 {QStringLiteral("at"), time(a.value(1))},
                                 {QStringLiteral("staff"), a.value(2).toString()},
                                 {QStringLiteral("action"), a.value(3).toString()},
                                 {QStringLiteral("request"), ApiContext::readJson(a.value(4))},
                                 {QStringLiteral("result"), ApiContext::readJson(a.value(5))},
                                 {QStringLiteral("httpStatus"), a.value(6).toInt()}});
    QJsonArray events;
    QSqlQuery e = run(QStringLiteral("SELECT changed_at, old_status, new_status, actor FROM compose_form_events "
                                     "WHERE form_id = :f ORDER BY id DESC"));
    while (e.next())
        events.append(QJsonObject{{QStringLiteral("at"), time(e.value(0))},
                                  {QStringLiteral("from"), text(e.value(1))},
                                  {QStringLiteral("to"), e.value(2).toString()},
                                  {QStringLiteral("actor"), text(e.value(3))}});
    QJsonArray refunds;
    QSqlQuery r = run(QStringLiteral("SELECT r.id, r.amount, r.currency, r.reason, r.note, r.status, r.created_at, s.name "
                                     "FROM compose_refunds r LEFT JOIN compose_staff s ON s.id = r.staff_id "
                                     "WHERE r.form_id = :f ORDER BY r.created_at DESC, r.id DESC"));
    while (r.next())
        refunds.append(QJsonObject{{QStringLiteral("id"), r.value(0).toString()},
                                   {QStringLiteral("amount"), r.value(1).toLongLong()},
                                   {QStringLiteral("currency"), r.value(2).toString()},
                                   {QStringLiteral("reason"), r.value(3).toString()},
                                   {QStringLiteral("note"), text(r.value(4))},
                                   {QStringLiteral("status"), r.value(5).toString()},
                                   {QStringLiteral("at"), time(r.value(6))},
                                   {QStringLiteral("staff"), text(r.value(7))}});
    QJsonArray deliveries;
    QSqlQuery d = run(QStringLiteral("SELECT d.id, d.created_at, d.kind, d.email, d.share_url, d.note, s.name "
                                     "FROM compose_deliveries d LEFT JOIN compose_staff s ON s.id = d.staff_id "
                                     "WHERE d.form_id = :f ORDER BY d.id DESC"));
    while (d.next())
        deliveries.append(QJsonObject{{QStringLiteral("id"), d.value(0).toLongLong()},
                                      {QStringLiteral("at"), time(d.value(1))},
                                      {QStringLiteral("kind"), d.value(2).toString()},
                                      {QStringLiteral("email"), d.value(3).toString()},
                                      {QStringLiteral("shareUrl"), d.value(4).toString()},
                                      {QStringLiteral("note"), text(d.value(5))},
                                      {QStringLiteral("staff"), text(d.value(6))}});
    ex->sendJson(200, QJsonObject{{QStringLiteral("form"), ApiContext::formSummary(form)},
                                  {QStringLiteral("audit"), audit},
                                  {QStringLiteral("events"), events},
                                  {QStringLiteral("refunds"), refunds},
                                  {QStringLiteral("deliveries"), deliveries},
                                  {QStringLiteral("refundable"), double(m_ctx->refundable(form))}});
}

} // namespace compose
