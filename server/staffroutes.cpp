#include "staffroutes.h"

#include "apicontext.h"
#include "auditstore.h"
#include "database.h"
#include "deliveryservice.h"
#include "deliverystore.h"
#include "generationroutes.h"
#include "idempotentaction.h"
#include "jsoninput.h"
#include "logredact.h"
#include "maillimit.h"
#include "notestore.h"
#include "paymentroutes.h"
#include "refundstore.h"
#include "selectionstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

namespace {

QString maskEmail(const QString &email)
{
    const qsizetype at = email.indexOf(QLatin1Char('@'));
    if (at <= 0)
        return QStringLiteral("***");
    return email.left(1) + QStringLiteral("***") + email.mid(at);
}

ApiError blocked(StaffAction a, const FormRecord &form)
{
    return ApiError::conflict(QStringLiteral("action_not_allowed"),
                              Status::actionBlockedReason(a, form.status()),
                              QJsonObject {{QStringLiteral("status"), form.statusKey},
                                           {QStringLiteral("action"), Status::actionKey(a)}});
}

} // namespace

StaffRoutes::StaffRoutes(ApiContext *context, GenerationRoutes *generation, PaymentRoutes *payments,
                         QObject *parent)
    : QObject(parent)
    , m_ctx(context)
    , m_generation(generation)
    , m_payments(payments)
    , m_refunds(payments->refunds())
{
}

void StaffRoutes::registerRoutes(HttpServer *server)
{
    server->addRoute("GET", QStringLiteral("/api/admin/me"),
                     [this](const HttpRequest &r, const Exchange &ex) {
                         const StaffMember s = authenticate(r);
                         ex->sendJson(200,
                                      QJsonObject {{QStringLiteral("name"), s.name},
                                                   {QStringLiteral("role"), s.role}});
                     });
    const QString base = QStringLiteral("/api/admin/forms/{formId}/");
    server->addRoute("POST", base + QStringLiteral("retry"),
                     [this](const HttpRequest &r, const Exchange &ex) {
                         action(r, ex, Status::actionKey(StaffAction::RetryGeneration),
                                [this](const CallPtr &c, const HttpRequest &rq) { retry(c, rq); });
                     });
    server->addRoute(
        "POST", base + QStringLiteral("deliver"), [this](const HttpRequest &r, const Exchange &ex) {
            action(r, ex, Status::actionKey(StaffAction::MarkDelivered),
                   [this](const CallPtr &c, const HttpRequest &rq) { deliver(c, rq, false); });
        });
    server->addRoute(
        "POST", base + QStringLiteral("redeliver"),
        [this](const HttpRequest &r, const Exchange &ex) {
            action(r, ex, Status::actionKey(StaffAction::Redeliver),
                   [this](const CallPtr &c, const HttpRequest &rq) { deliver(c, rq, true); });
        });
    server->addRoute("POST", base + QStringLiteral("refund"),
                     [this](const HttpRequest &r, const Exchange &ex) {
                         action(r, ex, Status::actionKey(StaffAction::Refund),
                                [this](const CallPtr &c, const HttpRequest &rq) { refund(c, rq); });
                     });
    server->addRoute("POST", base + QStringLiteral("notes"),
                     [this](const HttpRequest &r, const Exchange &ex) {
                         action(r, ex, QStringLiteral("note"),
                                [this](const CallPtr &c, const HttpRequest &rq) { note(c, rq); });
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
                       header.isEmpty()
                           ? QStringLiteral("Staff endpoints need Authorization: Bearer <token>.")
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
    // Scrubbed: the audit row of a refused body must be storable whatever the body held (a NUL
    // would make the audit INSERT fail and the refusal a 500).
    call->request
        = JsonInput::scrubbed(
              doc.isObject()
                  ? QJsonValue(doc.object())
                  : QJsonObject {{QStringLiteral("raw"), QString::fromUtf8(req.body.left(1000))}})
              .toObject();

    const QByteArray key = req.header("idempotency-key").trimmed();
    if (!key.isEmpty()) {
        if (const QString problem = IdempotentAction::keyProblem(key); !problem.isEmpty()) {
            refuse(call,
                   ApiError(
                       400, QStringLiteral("invalid_field"), problem,
                       QJsonObject {{QStringLiteral("field"), QStringLiteral("Idempotency-Key")}}));
            return;
        }
        IdempotentAction idem(m_ctx, call->staff.id, key);
        const IdempotentAction::Outcome claimed
            = idem.claim(req.method, req.path, req.body, ApiContext::now());
        switch (claimed.claim) {
        case IdempotentAction::Claim::Fresh:
            break;
        case IdempotentAction::Claim::TakenOver:
            qCInfo(lcApi) << "staff" << call->staff.name << call->action << call->formId
                          << "re-drives an Idempotency-Key that has no final answer";
            break;
        case IdempotentAction::Claim::KeyReused:
            refuse(call,
                   ApiError(422, QStringLiteral("idempotency_key_reused"),
                            QStringLiteral("This Idempotency-Key was used with another request; "
                                           "use a new key for a new request.")));
            return;
        case IdempotentAction::Claim::InProgress:
            // Audited (it is an attempt) but never stored: the key stays open.
            refuse(call,
                   ApiError::conflict(QStringLiteral("idempotency_in_progress"),
                                      QStringLiteral("A request with this Idempotency-Key is still "
                                                     "being processed; retry shortly.")));
            return;
        case IdempotentAction::Claim::Replay:
            ex->send(claimed.status, claimed.body, QByteArrayLiteral("application/json"),
                     {{QByteArrayLiteral("Idempotent-Replayed"), QByteArrayLiteral("true")}});
            return;
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
        qCWarning(lcApi).noquote() << "database error in staff action" << call->action << ":"
                                   << LogRedact::dbError(e.message());
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
    IdempotentAction(m_ctx, call->staff.id, call->idemKey).finish(status, body);
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
    qCInfo(lcApi) << "staff" << call->staff.name << call->action << call->formId
                  << "refused:" << error.status() << error.code();
    call->ex->sendError(error);
}

void StaffRoutes::note(const CallPtr &call, const HttpRequest &req)
{
    const JsonInput in = JsonInput::parse(req.body);
    in.allowOnly({QStringLiteral("text")});
    const QString text = in.requireString(QStringLiteral("text"), FormNote::MaxLength).trimmed();
    // Plain text: line breaks and tabs, no other control characters (they would hide text in
    // a log or a table cell).
    for (const QChar c : text) {
        if ((c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            && c != QLatin1Char('\n') && c != QLatin1Char('\r') && c != QLatin1Char('\t'))
            JsonInput::fail(QStringLiteral("text"),
                            QStringLiteral("The note may hold text, line breaks and tabs only."));
    }
    QSqlDatabase db = m_ctx->db();
    Db::Transaction tx(db);
    const FormRecord form = m_ctx->requireForm(call->formId);
    const QDateTime at = ApiContext::now();
    const qint64 id = NoteStore(db).add(form.id, call->staff.id, call->staff.name, text, at);
    const QJsonObject body {
        {QStringLiteral("note"),
         QJsonObject {{QStringLiteral("id"), id},
                      {QStringLiteral("formId"), form.id},
                      {QStringLiteral("staff"), call->staff.name},
                      {QStringLiteral("text"), text},
                      {QStringLiteral("createdAt"), at.toString(Qt::ISODateWithMs)}}}};
    record(call, 201, body);
    tx.commit();
    send(call, 201, body);
}

void StaffRoutes::deliver(const CallPtr &call, const HttpRequest &req, bool redeliver)
{
    const JsonInput in = JsonInput::parse(req.body, true);
    in.allowOnly(redeliver ? QStringList {QStringLiteral("email")}
                           : QStringList {QStringLiteral("note")});
    const auto note = redeliver ? std::nullopt : in.optionalString(QStringLiteral("note"), 2000);
    const auto email = redeliver ? in.optionalString(QStringLiteral("email"), 254) : std::nullopt;
    if (email && !JsonInput::isEmail(*email))
        JsonInput::fail(QStringLiteral("email"),
                        QStringLiteral("\"%1\" is not an e-mail address.").arg(*email));

    QSqlDatabase db = m_ctx->db();
    Db::Transaction tx(db);
    m_ctx->setActor(call->staff.name);
    const FormRecord form = m_ctx->requireForm(call->formId, true);
    const StaffAction act = redeliver ? StaffAction::Redeliver : StaffAction::MarkDelivered;
    if (!Status::actionBlockedReason(act, form.status()).isEmpty())
        throw blocked(act, form);
    MailLimit::require(m_ctx, form);
    const QString to = email.value_or(m_ctx->deliveries()->customerEmail(form.id));
    if (to.isEmpty())
        throw ApiError::conflict(QStringLiteral("no_email"),
                                 QStringLiteral("The form has no customer e-mail; give one."));
    const DeliveryService::Result sent = m_ctx->deliveries()->deliver(
        form, redeliver ? DeliveryService::Kind::Redeliver : DeliveryService::Kind::Deliver, to,
        call->staff.name, call->staff.id, note.value_or(QString()));
    QStringList urls;
    for (const auto &link : sent.links)
        urls << link.url;
    const FormRecord updated = m_ctx->requireForm(form.id);
    const QJsonObject body {
        {QStringLiteral("form"), ApiContext::formSummary(updated)},
        {QStringLiteral("delivery"),
         QJsonObject {
             {QStringLiteral("id"), sent.deliveryId},
             {QStringLiteral("kind"),
              redeliver ? QStringLiteral("redeliver") : QStringLiteral("deliver")},
             {QStringLiteral("email"), to},
             {QStringLiteral("shareUrl"), sent.primaryUrl()},
             {QStringLiteral("shareUrls"), QJsonArray::fromStringList(urls)},
             {QStringLiteral("note"), note ? QJsonValue(*note) : QJsonValue(QJsonValue::Null)},
             {QStringLiteral("outboxId"), sent.outboxId},
             {QStringLiteral("messageState"), QStringLiteral("queued")}}}};
    record(call, 200, body);
    tx.commit();
    qCInfo(lcApi).noquote() << "e-mail queued: share link(s) for form" << form.id << "to"
                            << maskEmail(to) << "(" << urls.size() << "link(s),"
                            << (redeliver ? "redelivery)" : "delivery)");
    send(call, 200, body);
}

void StaffRoutes::retry(const CallPtr &call, const HttpRequest &req)
{
    const JsonInput in = JsonInput::parse(req.body);
    in.allowOnly({QStringLiteral("songIndex"), QStringLiteral("variationIndex"),
                  QStringLiteral("failedOnly")});
    const bool failedOnly = in.optionalBool(QStringLiteral("failedOnly")).value_or(false);
    const auto song = in.optionalInt(QStringLiteral("songIndex"), 0, 2);
    const auto variation = in.optionalInt(QStringLiteral("variationIndex"), 1, 3);
    if (failedOnly == (song.has_value() || variation.has_value())
        || song.has_value() != variation.has_value())
        throw ApiError::badRequest(QStringLiteral(
            "Give either {\"songIndex\", \"variationIndex\"} or {\"failedOnly\": true}."));
    const FormRecord form = m_ctx->requireForm(call->formId);
    if (!Status::actionBlockedReason(StaffAction::RetryGeneration, form.status()).isEmpty())
        throw blocked(StaffAction::RetryGeneration, form);
    QList<QPair<int, int>> targets;
    if (failedOnly) {
        targets = SelectionStore(m_ctx->db()).failedVariations(form.id);
        if (targets.isEmpty())
            throw ApiError::conflict(QStringLiteral("nothing_to_retry"),
                                     QStringLiteral("The form has no failed variations."));
    } else {
        if (*song >= form.songCount)
            JsonInput::fail(
                QStringLiteral("songIndex"),
                QStringLiteral("songIndex must be 0..%1 for this form.").arg(form.songCount - 1));
        targets.append({int(*song), int(*variation)});
    }

    struct Pending {
        int remaining = 0;
        QList<std::tuple<int, int, GenerationRoutes::Started>> started;
        QJsonArray failures;
    };
    auto pending = std::make_shared<Pending>();
    pending->remaining = int(targets.size());
    for (const auto &[s, v] : std::as_const(targets)) {
        m_generation->requestGeneration(
            form, s, v, this,
            [this, call, pending, s = s, v = v](const std::optional<GenerationRoutes::Started> &st,
                                                const std::optional<ApiError> &err) {
                if (st)
                    pending->started.append({s, v, *st});
                else
                    pending->failures.append(QJsonObject {
                        {QStringLiteral("songIndex"), s},
                        {QStringLiteral("variationIndex"), v},
                        {QStringLiteral("message"), err ? err->message() : QString()}});
                if (--pending->remaining > 0)
                    return;
                guarded(call, [&] {
                    if (pending->started.isEmpty())
                        throw ApiError(
                            502, QStringLiteral("upstream_error"),
                            QStringLiteral("MusicGPT did not start any of the generations."),
                            QJsonObject {{QStringLiteral("failed"), pending->failures}});
                    Db::Transaction tx(m_ctx->db());
                    m_ctx->setActor(call->staff.name);
                    QJsonArray retried;
                    for (const auto &[song, variation, started] : std::as_const(pending->started)) {
                        m_generation->applyStarted(call->formId, song, variation, started, true,
                                                   call->staff.name);
                        retried.append(QJsonObject {{QStringLiteral("songIndex"), song},
                                                    {QStringLiteral("variationIndex"), variation},
                                                    {QStringLiteral("taskId"), started.taskId}});
                    }
                    QJsonObject body {{QStringLiteral("form"),
                                       ApiContext::formSummary(m_ctx->requireForm(call->formId))},
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
        throw ApiError(403, QStringLiteral("forbidden"),
                       QStringLiteral("Only an admin may refund; %1 is an %2.")
                           .arg(call->staff.name, call->staff.role));
    const RefundService::Request request
        = RefundService::staffRequest(call->staff, req.body, call->idemKey);

    RefundRow reservation;
    {
        Db::Transaction tx(m_ctx->db());
        m_ctx->setActor(call->staff.name);
        const FormRecord form = m_ctx->requireForm(call->formId, true);
        const RefundService::Reserved reserved = m_refunds->reserve(request, form);
        if (reserved.answer) { // an earlier attempt of this request succeeded
            record(call, 200, *reserved.answer);
            tx.commit();
            send(call, 200, *reserved.answer);
            return;
        }
        reservation = reserved.reservation;
        tx.commit();
    }
    m_refunds->askStripe(reservation, this,
                         [this, call, reservation](const RefundService::Settlement &outcome) {
                             guarded(call, [&] { answerRefund(call, reservation, outcome); });
                         });
}

void StaffRoutes::answerRefund(const CallPtr &call, const RefundRow &reservation,
                               const RefundService::Settlement &outcome)
{
    switch (outcome.kind) {
    case RefundService::Settlement::Kind::Succeeded: {
        const QJsonObject body
            = m_refunds->answer(outcome.refund, m_ctx->requireForm(call->formId));
        Db::Transaction tx(m_ctx->db());
        record(call, 200, body);
        tx.commit();
        qCInfo(lcApi) << "staff" << call->staff.name << "refunded" << reservation.amount
                      << "cents of form" << call->formId;
        send(call, 200, body);
        return;
    }
    case RefundService::Settlement::Kind::Refused:
        // Final at Stripe (it replays the same refusal for the key): stored as the answer.
        throw RefundService::refused(outcome.message, outcome.upstreamStatus);
    case RefundService::Settlement::Kind::Unknown:
        // Not stored: "Try again" with the same key asks Stripe again under the same Stripe
        // key, and the sweep settles it if nobody does.
        throw ApiError(
            502, QStringLiteral("upstream_error"),
            QStringLiteral("Stripe did not confirm the refund (%1). %2 cents stay reserved until "
                           "Stripe's answer is known; trying again with the same request is safe "
                           "and never refunds twice.")
                .arg(outcome.message)
                .arg(reservation.amount),
            QJsonObject {{QStringLiteral("service"), QStringLiteral("Stripe")},
                         {QStringLiteral("upstreamStatus"), outcome.upstreamStatus},
                         {QStringLiteral("refundId"), reservation.id}});
    }
}

int StaffRoutes::sweepRefunds()
{
    return m_refunds->sweep();
}

void StaffRoutes::audit(const HttpRequest &req, const Exchange &ex)
{
    authenticate(req);
    const FormRecord form = m_ctx->requireForm(req.param(QStringLiteral("formId")));
    auto time = [](const QDateTime &at) {
        return ApiContext::isoTime(at);
    };
    auto text = [](const QString &v) {
        return v.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(v);
    };

    const AuditStore trail(m_ctx->db());
    QJsonArray audit;
    for (const AuditRecord &a : trail.entries(form.id))
        audit.append(QJsonObject {{QStringLiteral("id"), a.id},
                                  {QStringLiteral("at"), time(a.at)},
                                  {QStringLiteral("staff"), a.staffName},
                                  {QStringLiteral("action"), a.action},
                                  {QStringLiteral("request"), ApiContext::readJson(a.requestJson)},
                                  {QStringLiteral("result"), ApiContext::readJson(a.resultJson)},
                                  {QStringLiteral("httpStatus"), a.httpStatus}});
    QJsonArray events;
    for (const StatusEvent &e : trail.statusEvents(form.id))
        events.append(QJsonObject {{QStringLiteral("at"), time(e.at)},
                                   {QStringLiteral("from"), text(e.fromStatus)},
                                   {QStringLiteral("to"), e.toStatus},
                                   {QStringLiteral("actor"), text(e.actor)}});
    QJsonArray refunds;
    for (const RefundRow &r : RefundStore(m_ctx->db()).forForm(form.id))
        refunds.append(QJsonObject {{QStringLiteral("id"), r.id},
                                    {QStringLiteral("amount"), r.amount},
                                    {QStringLiteral("currency"), r.currency},
                                    {QStringLiteral("reason"), r.reason},
                                    {QStringLiteral("note"), text(r.note)},
                                    {QStringLiteral("status"), r.status},
                                    {QStringLiteral("at"), time(r.createdAt)},
                                    {QStringLiteral("staff"), text(r.staffName)}});
    QJsonArray deliveries;
    for (const DeliveryRecord &d : DeliveryStore(m_ctx->db()).forForm(form.id))
        deliveries.append(QJsonObject {{QStringLiteral("id"), d.id},
                                       {QStringLiteral("at"), time(d.createdAt)},
                                       {QStringLiteral("kind"), d.kind},
                                       {QStringLiteral("email"), d.email},
                                       {QStringLiteral("shareUrl"), d.shareUrl},
                                       {QStringLiteral("note"), text(d.note)},
                                       {QStringLiteral("staff"), text(d.staffName)}});
    ex->sendJson(200,
                 QJsonObject {{QStringLiteral("form"), ApiContext::formSummary(form)},
                              {QStringLiteral("audit"), audit},
                              {QStringLiteral("events"), events},
                              {QStringLiteral("refunds"), refunds},
                              {QStringLiteral("deliveries"), deliveries},
                              {QStringLiteral("refundable"), double(m_ctx->refundable(form))}});
}

} // namespace compose
