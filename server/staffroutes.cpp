#include "staffroutes.h"

#include "apicontext.h"
#include "database.h"
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
        QSqlDatabase db = m_ctx->db();
        Db::Transaction tx(db);
        QSqlQuery claim = Db::prepare(db, QStringLiteral(
                "INSERT INTO compose_idempotency(staff_id, idem_key, method, path, request_hash, created_at) "
                "VALUES (:s, :k, :m, :p, :h, :now) ON CONFLICT DO NOTHING"));
        claim.bindValue(QStringLiteral(":s"), call->staff.id);
        claim.bindValue(QStringLiteral(":k"), QString::fromUtf8(key));
        claim.bindValue(QStringLiteral(":m"), QString::fromLatin1(req.method));
        claim.bindValue(QStringLiteral(":p"), req.path);
        claim.bindValue(QStringLiteral(":h"), hash);
        claim.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
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
            tx.commit();
            if (priorHash != hash) {
                refuse(call, ApiError(422, QStringLiteral("idempotency_key_reused"),
                                      QStringLiteral("This Idempotency-Key was used with another request; "
                                                     "use a new key for a new request.")));
            } else if (priorStatus.isNull()) {
                ex->sendError(ApiError::conflict(QStringLiteral("idempotency_in_progress"),
                                                 QStringLiteral("A request with this Idempotency-Key is still "
                                                                "being processed; retry shortly.")));
            } else {
                ex->send(priorStatus.toInt(), priorBody, QByteArrayLiteral("application/json"),
                         {{QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")}});
            }
            return;
        }
        tx.commit();
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
    QSqlQuery q = Db::prepare(m_ctx->db(), QStringLiteral(
            "UPDATE compose_idempotency SET response_status = :st, response_body = :b "
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

QString StaffRoutes::customerEmail(const QString &formId) const
{
    QSqlQuery q = Db::prepare(m_ctx->db(), QStringLiteral(
            "SELECT COALESCE(f.guest_email, u.email) FROM compose_forms f LEFT JOIN \"user\" u ON u.id = f.user_id "
            "WHERE f.id = :id"));
    q.bindValue(QStringLiteral(":id"), formId);
    Db::exec(q);
    return q.next() ? q.value(0).toString() : QString();
}

QStringList StaffRoutes::shareUrls(const QString &formId)
{
    QSqlDatabase db = m_ctx->db();
    QSqlQuery q = Db::prepare(db, QStringLiteral(
            "SELECT id, share_slug_v1 FROM music_generations WHERE form_id = :f AND is_selected = TRUE "
            "ORDER BY song_index"));
    q.bindValue(QStringLiteral(":f"), formId);
    Db::exec(q);
    QList<QPair<QString, QString>> rows;
    while (q.next())
        rows.append({q.value(0).toString(), q.value(1).toString()});
    // No share base configured: the links point at this server itself (the demo, whose port is
    // only known once it listens).
    const QUrl shareBase = m_ctx->config().shareBase;
    QString base = (shareBase.isEmpty() ? m_ctx->publicBase() : shareBase).toString();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    QStringList urls;
    for (auto &row : rows) {
        if (row.second.isEmpty()) {
            row.second = QString::fromLatin1(QByteArray::number(QRandomGenerator::system()->generate64(), 36)
                                             + QByteArray::number(QRandomGenerator::system()->generate(), 36));
            QSqlQuery u = Db::prepare(db, QStringLiteral("UPDATE music_generations SET share_slug_v1 = :s, "
                                                         "share_enabled = TRUE WHERE id = :id"));
            u.bindValue(QStringLiteral(":s"), row.second);
            u.bindValue(QStringLiteral(":id"), row.first);
            Db::exec(u);
        }
        urls << base + QStringLiteral("/s/") + row.second;
    }
    if (urls.isEmpty())
        urls << base + QStringLiteral("/s/") + formId; // no selection recorded: the form's page
    return urls;
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
    const QString to = email.value_or(customerEmail(form.id));
    if (to.isEmpty())
        throw ApiError::conflict(QStringLiteral("no_email"), QStringLiteral("The form has no customer e-mail; give one."));
    if (!redeliver)
        m_ctx->changeStatus(form, FormStatus::Delivered, call->staff.name);
    const QStringList urls = shareUrls(form.id);
    QSqlQuery q = Db::prepare(db, QStringLiteral(
            "INSERT INTO compose_deliveries(form_id, email, share_url, kind, note, staff_id, created_at) "
            "VALUES (:f, :e, :u, :k, :n, :s, :now)"));
    q.bindValue(QStringLiteral(":f"), form.id);
    q.bindValue(QStringLiteral(":e"), to);
    q.bindValue(QStringLiteral(":u"), urls.first());
    q.bindValue(QStringLiteral(":k"), redeliver ? QStringLiteral("redeliver") : QStringLiteral("deliver"));
    q.bindValue(QStringLiteral(":n"), note ? QVariant(*note) : nullText());
    q.bindValue(QStringLiteral(":s"), call->staff.id);
    q.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
    Db::exec(q);
    const FormRecord updated = m_ctx->requireForm(form.id);
    const QJsonObject body{{QStringLiteral("form"), ApiContext::formSummary(updated)},
                           {QStringLiteral("delivery"),
                            QJsonObject{{QStringLiteral("kind"), redeliver ? QStringLiteral("redeliver") : QStringLiteral("deliver")},
                                        {QStringLiteral("email"), to},
                                        {QStringLiteral("shareUrl"), urls.first()},
                                        {QStringLiteral("shareUrls"), QJsonArray::fromStringList(urls)},
                                        {QStringLiteral("note"), note ? QJsonValue(*note) : QJsonValue(QJsonValue::Null)}}}};
    record(call, 200, body);
    tx.commit();
    // The shop's mailer is outside this reference server: the e-mail is "sent" as a log line.
    qCInfo(lcApi).noquote() << "e-mail: share link(s) for form" << form.id << "to" << maskEmail(to) << "("
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

    // Reserve the amount under the row lock, so concurrent refunds can never exceed the payment
    // however long Stripe takes; a failed Stripe call releases it again.
    const QString reservation = ApiContext::newId(QStringLiteral("cr_"));
    FormRecord form;
    qint64 amount = 0;
    {
        QSqlDatabase db = m_ctx->db();
        Db::Transaction tx(db);
        form = m_ctx->requireForm(call->formId, true);
        if (!Status::actionBlockedReason(StaffAction::Refund, form.status()).isEmpty())
            throw blocked(StaffAction::Refund, form);
        if (form.stripePaymentIntentId.isEmpty())
            throw ApiError::conflict(QStringLiteral("no_payment_intent"),
                                     QStringLiteral("The form has no Stripe payment intent to refund."));
        const qint64 remaining = m_ctx->refundable(form);
        if (remaining <= 0)
            throw ApiError::conflict(QStringLiteral("nothing_refundable"),
                                     QStringLiteral("Nothing remains to refund: %1 was paid and all of it is refunded or being refunded.")
                                             .arg(money(form.amountPaid.value_or(0))),
                                     QJsonObject{{QStringLiteral("refundable"), 0}});
        amount = amountIn.value_or(remaining);
        if (amount > remaining)
            throw ApiError::conflict(QStringLiteral("amount_exceeds_refundable"),
                                     QStringLiteral("Only %1 (%2 cents) remains refundable; %3 cents were asked.")
                                             .arg(money(remaining)).arg(remaining).arg(amount),
                                     QJsonObject{{QStringLiteral("refundable"), double(remaining)},
                                                 {QStringLiteral("requested"), double(amount)}});
        QSqlQuery q = Db::prepare(db, QStringLiteral(
                "INSERT INTO compose_refunds(id, form_id, payment_intent, amount, currency, reason, note, status, "
                "staff_id, created_at, updated_at) VALUES (:id, :f, :pi, :amt, 'usd', :r, :n, 'pending', :s, :now, :now2)"));
        q.bindValue(QStringLiteral(":id"), reservation);
        q.bindValue(QStringLiteral(":f"), form.id);
        q.bindValue(QStringLiteral(":pi"), form.stripePaymentIntentId);
        q.bindValue(QStringLiteral(":amt"), amount);
        q.bindValue(QStringLiteral(":r"), reason);
        q.bindValue(QStringLiteral(":n"), note ? QVariant(*note) : nullText());
        q.bindValue(QStringLiteral(":s"), call->staff.id);
        q.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
        q.bindValue(QStringLiteral(":now2"), Db::timestamp(ApiContext::now()));
        Db::exec(q);
        tx.commit();
    }

    QList<QPair<QString, QString>> fields{
            {QStringLiteral("payment_intent"), form.stripePaymentIntentId},
            {QStringLiteral("amount"), QString::number(amount)},
            // Stripe knows three reasons; "other" travels as requested_by_customer + metadata.
            {QStringLiteral("reason"), reason == QLatin1String("other") ? QStringLiteral("requested_by_customer") : reason},
            {QStringLiteral("metadata[compose_refund_id]"), reservation},
            {QStringLiteral("metadata[formId]"), form.id},
            {QStringLiteral("metadata[staff]"), call->staff.name},
            {QStringLiteral("metadata[compose_reason]"), reason},
    };
    if (note)
        fields.append({QStringLiteral("metadata[note]"), note->left(500)});
    QUrl url = m_ctx->stripeBase();
    url.setPath(url.path() + QStringLiteral("/v1/refunds"));
    m_ctx->outbound()->send(
            "POST", url,
            {{"Authorization", "Bearer " + m_ctx->stripeKey().toUtf8()},
             {"Content-Type", "application/x-www-form-urlencoded"},
             {"Idempotency-Key", reservation.toUtf8()}},
            Outbound::formEncode(fields), this,
            [this, call, reservation, amount, reason, note](const Outbound::Reply &r) {
        guarded(call, [&] {
            const QJsonObject o = QJsonDocument::fromJson(r.body).object();
            const QString refundId = o.value(QStringLiteral("id")).toString();
            QSqlDatabase db = m_ctx->db();
            Db::Transaction tx(db);
            m_ctx->setActor(call->staff.name);
            if (!r.ok() || !refundId.startsWith(QLatin1String("re_"))) {
                QSqlQuery f = Db::prepare(db, QStringLiteral("UPDATE compose_refunds SET status = 'failed', "
                                                             "updated_at = :now WHERE id = :id"));
                f.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
                f.bindValue(QStringLiteral(":id"), reservation);
                Db::exec(f);
                const QString msg = o.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
                const ApiError err(502, QStringLiteral("upstream_error"),
                                   QStringLiteral("Stripe refused the refund: %1")
                                           .arg(msg.isEmpty() ? (r.status ? QStringLiteral("HTTP %1").arg(r.status) : r.networkError) : msg),
                                   QJsonObject{{QStringLiteral("service"), QStringLiteral("Stripe")},
                                               {QStringLiteral("upstreamStatus"), r.status}});
                record(call, err.status(), err.body());
                tx.commit();
                call->ex->sendError(err);
                return;
            }
            const QString status = o.value(QStringLiteral("status")).toString(QStringLiteral("pending")).left(20);
            QSqlQuery u = Db::prepare(db, QStringLiteral("UPDATE compose_refunds SET id = :rid, status = :st, "
                                                         "updated_at = :now WHERE id = :id OR id = :rid2"));
            u.bindValue(QStringLiteral(":rid"), refundId);
            u.bindValue(QStringLiteral(":st"), status);
            u.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
            u.bindValue(QStringLiteral(":id"), reservation);
            u.bindValue(QStringLiteral(":rid2"), refundId);
            Db::exec(u);
            FormRecord form = m_ctx->requireForm(call->formId, true);
            if (m_ctx->fullyRefunded(form) && Status::canTransition(form.status(), FormStatus::Refunded)) {
                m_ctx->changeStatus(form, FormStatus::Refunded, call->staff.name);
                form = m_ctx->requireForm(call->formId);
            }
            const QJsonObject body{
                    {QStringLiteral("form"), ApiContext::formSummary(form)},
                    {QStringLiteral("refund"), QJsonObject{{QStringLiteral("id"), refundId},
                                                           {QStringLiteral("amount"), double(amount)},
                                                           {QStringLiteral("currency"), QStringLiteral("usd")},
                                                           {QStringLiteral("reason"), reason},
                                                           {QStringLiteral("note"), note ? QJsonValue(*note) : QJsonValue(QJsonValue::Null)},
                                                           {QStringLiteral("status"), status}}},
                    {QStringLiteral("refundable"), double(m_ctx->refundable(form))}};
            record(call, 200, body);
            tx.commit();
            qCInfo(lcApi) << "staff" << call->staff.name << "refunded" << amount << "cents of form" << call->formId;
            send(call, 200, body);
        });
    });
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
