#include "stripesimulator.h"

#include "outbound.h"
#include "stripesignature.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QTimer>

#include <limits>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

StripeSimulator::StripeSimulator(Outbound *outbound, QByteArray webhookSecret, QObject *parent)
    : QObject(parent)
    , m_outbound(outbound)
    , m_secret(std::move(webhookSecret))
{
}

void StripeSimulator::registerRoutes(HttpServer *server)
{
    server->addRoute("POST", QStringLiteral("/sim/stripe/v1/checkout/sessions"),
                     [this](const HttpRequest &r, const Exchange &ex) { createSession(r, ex); });
    server->addRoute("GET", QStringLiteral("/sim/stripe/v1/checkout/sessions/{id}"),
                     [this](const HttpRequest &r, const Exchange &ex) { getSession(r, ex); });
    server->addRoute("GET", QStringLiteral("/sim/stripe/checkout/{id}"),
                     [this](const HttpRequest &r, const Exchange &ex) { checkoutPage(r, ex); });
    server->addRoute("POST", QStringLiteral("/sim/stripe/sessions/{id}/pay"),
                     [this](const HttpRequest &r, const Exchange &ex) { pay(r, ex); });
    server->addRoute("POST", QStringLiteral("/sim/stripe/v1/refunds"),
                     [this](const HttpRequest &r, const Exchange &ex) { refund(r, ex); });
    server->addRoute("GET", QStringLiteral("/sim/stripe/v1/refunds"),
                     [this](const HttpRequest &r, const Exchange &ex) { listRefunds(r, ex); });
    server->addRoute("GET", QStringLiteral("/sim/stripe/v1/checkout/sessions"),
                     [this](const HttpRequest &r, const Exchange &ex) { listSessions(r, ex); });
    server->addRoute("GET", QStringLiteral("/sim/stripe/v1/payment_intents"),
                     [this](const HttpRequest &r, const Exchange &ex) { listIntents(r, ex); });
    server->addRoute("POST", QStringLiteral("/sim/stripe/v1/payment_intents"),
                     [this](const HttpRequest &r, const Exchange &ex) { createIntent(r, ex); });
}

QJsonObject StripeSimulator::Intent::json() const
{
    return QJsonObject {{QStringLiteral("id"), id},
                        {QStringLiteral("object"), QStringLiteral("payment_intent")},
                        {QStringLiteral("amount"), double(amount)},
                        {QStringLiteral("amount_received"), double(amount)},
                        {QStringLiteral("currency"), currency},
                        {QStringLiteral("status"), QStringLiteral("succeeded")},
                        {QStringLiteral("latest_charge"), charge},
                        {QStringLiteral("metadata"), metadata},
                        {QStringLiteral("created"), double(created)}};
}

QString StripeSimulator::randomId(const QString &prefix)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString s = prefix;
    for (int i = 0; i < 24; ++i)
        s += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(62)]);
    return s;
}

QJsonObject StripeSimulator::stripeError(const QString &type, const QString &message,
                                         const QString &code, const QString &param)
{
    QJsonObject e {{QStringLiteral("type"), type}, {QStringLiteral("message"), message}};
    if (!code.isEmpty())
        e.insert(QStringLiteral("code"), code);
    if (!param.isEmpty())
        e.insert(QStringLiteral("param"), param);
    return QJsonObject {{QStringLiteral("error"), e}};
}

bool StripeSimulator::authorised(const HttpRequest &req, const Exchange &ex) const
{
    if (!req.header("authorization").startsWith("Bearer sk_")) {
        ex->sendJson(401,
                     stripeError(QStringLiteral("invalid_request_error"),
                                 QStringLiteral("Invalid API Key provided.")));
        return false;
    }
    return true;
}

void StripeSimulator::createSession(const HttpRequest &req, const Exchange &ex)
{
    if (!authorised(req, ex))
        return;
    QHash<QString, QString> p;
    QJsonObject metadata;
    QJsonObject intentMetadata;
    for (const auto &kv : Outbound::formDecode(req.body)) {
        p.insert(kv.first, kv.second);
        if (kv.first.startsWith(QLatin1String("metadata[")) && kv.first.endsWith(QLatin1Char(']')))
            metadata.insert(kv.first.mid(9, kv.first.size() - 10), kv.second);
        static const QLatin1String intentMeta("payment_intent_data[metadata][");
        if (kv.first.startsWith(intentMeta) && kv.first.endsWith(QLatin1Char(']')))
            intentMetadata.insert(
                kv.first.mid(intentMeta.size(), kv.first.size() - intentMeta.size() - 1),
                kv.second);
    }
    bool ok = false;
    const qint64 unit
        = p.value(QStringLiteral("line_items[0][price_data][unit_amount]")).toLongLong(&ok);
    const qint64 quantity
        = p.value(QStringLiteral("line_items[0][quantity]"), QStringLiteral("1")).toLongLong();
    if (p.value(QStringLiteral("mode")) != QLatin1String("payment") || !ok || unit <= 0
        || quantity <= 0) {
        ex->sendJson(
            400,
            stripeError(
                QStringLiteral("invalid_request_error"),
                QStringLiteral("mode=payment and a line item with unit_amount are required."),
                QStringLiteral("parameter_missing"), QStringLiteral("line_items")));
        return;
    }
    const QString id = randomId(QStringLiteral("cs_test_"));
    QUrl url = m_base;
    url.setPath(url.path() + QStringLiteral("/sim/stripe/checkout/") + id);
    const QString email = p.value(QStringLiteral("customer_email"));
    QJsonObject session {
        {QStringLiteral("id"), id},
        {QStringLiteral("object"), QStringLiteral("checkout.session")},
        {QStringLiteral("mode"), QStringLiteral("payment")},
        {QStringLiteral("amount_total"), double(unit * quantity)},
        {QStringLiteral("currency"),
         p.value(QStringLiteral("line_items[0][price_data][currency]"), QStringLiteral("usd"))},
        {QStringLiteral("client_reference_id"), p.value(QStringLiteral("client_reference_id"))},
        {QStringLiteral("customer_details"),
         email.isEmpty() ? QJsonValue(QJsonValue::Null)
                         : QJsonValue(QJsonObject {{QStringLiteral("email"), email}})},
        {QStringLiteral("metadata"), metadata},
        {QStringLiteral("payment_intent"), QJsonValue::Null},
        {QStringLiteral("payment_status"), QStringLiteral("unpaid")},
        {QStringLiteral("status"), QStringLiteral("open")},
        {QStringLiteral("success_url"), p.value(QStringLiteral("success_url"))},
        {QStringLiteral("url"), url.toString()},
        {QStringLiteral("created"), double(QDateTime::currentSecsSinceEpoch())},
    };
    m_sessions.insert(id, session);
    m_sessionOrder.append(id);
    m_sessionIntentMetadata.insert(id, intentMetadata);
    ex->sendJson(200, session);
}

void StripeSimulator::getSession(const HttpRequest &req, const Exchange &ex)
{
    if (!authorised(req, ex))
        return;
    const auto it = m_sessions.constFind(req.param(QStringLiteral("id")));
    if (it == m_sessions.constEnd()) {
        ex->sendJson(404,
                     stripeError(QStringLiteral("invalid_request_error"),
                                 QStringLiteral("No such checkout.session"),
                                 QStringLiteral("resource_missing"), QStringLiteral("id")));
        return;
    }
    ex->sendJson(200, *it);
}

void StripeSimulator::checkoutPage(const HttpRequest &req, const Exchange &ex)
{
    const QString id = req.param(QStringLiteral("id"));
    if (!m_sessions.contains(id)) {
        ex->send(404, QByteArrayLiteral("No such checkout session.\n"),
                 QByteArrayLiteral("text/plain; charset=utf-8"));
        return;
    }
    const QString page = QStringLiteral("<!doctype html><title>Simulated Stripe Checkout</title>"
                                        "<h1>Simulated Stripe Checkout</h1><p>Session %1</p>"
                                        "<form method=post action=\"/sim/stripe/sessions/%1/pay\">"
                                        "<button>Pay</button></form>")
                             .arg(id.toHtmlEscaped());
    ex->send(200, page.toUtf8(), QByteArrayLiteral("text/html; charset=utf-8"));
}

void StripeSimulator::pay(const HttpRequest &req, const Exchange &ex)
{
    const QString id = req.param(QStringLiteral("id"));
    auto it = m_sessions.find(id);
    if (it == m_sessions.end()) {
        ex->sendJson(404,
                     stripeError(QStringLiteral("invalid_request_error"),
                                 QStringLiteral("No such checkout.session"),
                                 QStringLiteral("resource_missing"), QStringLiteral("id")));
        return;
    }
    if (m_paidEvents.contains(id)) {
        // Paying twice is not possible; the same event is delivered again, as Stripe retries do.
        const QJsonObject event = m_paidEvents.value(id);
        sendEvent(event.value(QStringLiteral("type")).toString(), event, ex);
        return;
    }
    Intent intent;
    intent.id = randomId(QStringLiteral("pi_"));
    intent.charge = randomId(QStringLiteral("ch_"));
    intent.amount = qint64(it->value(QStringLiteral("amount_total")).toDouble());
    intent.currency = it->value(QStringLiteral("currency")).toString();
    intent.created = QDateTime::currentSecsSinceEpoch();
    intent.metadata = m_sessionIntentMetadata.value(id);
    m_intents.insert(intent.id, intent);
    m_intentOrder.append(intent.id);
    it->insert(QStringLiteral("payment_intent"), intent.id);
    it->insert(QStringLiteral("payment_status"), QStringLiteral("paid"));
    it->insert(QStringLiteral("status"), QStringLiteral("complete"));
    const QJsonObject event {
        {QStringLiteral("id"), randomId(QStringLiteral("evt_"))},
        {QStringLiteral("object"), QStringLiteral("event")},
        {QStringLiteral("type"), QStringLiteral("checkout.session.completed")},
        {QStringLiteral("created"), double(QDateTime::currentSecsSinceEpoch())},
        {QStringLiteral("data"), QJsonObject {{QStringLiteral("object"), *it}}}};
    m_paidEvents.insert(id, event);
    if (req.query.queryItemValue(QStringLiteral("webhook")) == QLatin1String("drop")) {
        // The fault a reconciliation exists for: Stripe took the money, the API never heard.
        ex->sendJson(200,
                     QJsonObject {{QStringLiteral("event"), event},
                                  {QStringLiteral("webhookStatus"), QJsonValue::Null},
                                  {QStringLiteral("dropped"), true}});
        return;
    }
    sendEvent(event.value(QStringLiteral("type")).toString(), event, ex);
}

void StripeSimulator::sendEvent(const QString &type, const QJsonObject &event, const Exchange &ex)
{
    const QByteArray payload = QJsonDocument(event).toJson(QJsonDocument::Compact);
    const QByteArray signature
        = StripeSignature::sign(payload, m_secret, QDateTime::currentSecsSinceEpoch());
    m_outbound->send(
        "POST", m_webhook, {{"Content-Type", "application/json"}, {"Stripe-Signature", signature}},
        payload, this, [ex, type, event](const Outbound::Reply &r) {
            if (!r.ok())
                qCWarning(lcApi) << "simulated Stripe event" << type << "got HTTP" << r.status;
            if (!ex)
                return;
            ex->sendJson(200,
                         QJsonObject {{QStringLiteral("event"), event},
                                      {QStringLiteral("webhookStatus"), r.status},
                                      {QStringLiteral("webhookResponse"),
                                       QJsonDocument::fromJson(r.body).object()}});
        });
}

void StripeSimulator::refund(const HttpRequest &req, const Exchange &ex)
{
    if (!authorised(req, ex))
        return;
    QList<QPair<QString, QString>> params = Outbound::formDecode(req.body);
    std::sort(params.begin(), params.end());
    QByteArray canonical;
    for (const auto &kv : std::as_const(params))
        canonical += kv.first.toUtf8() + '=' + kv.second.toUtf8() + '&';
    const QByteArray hash = QCryptographicHash::hash(canonical, QCryptographicHash::Sha256);
    const QString key = QString::fromUtf8(req.header("idempotency-key"));
    if (!key.isEmpty()) {
        const auto prior = m_idempotency.constFind(key);
        if (prior != m_idempotency.constEnd()) {
            if (prior->paramsHash != hash) {
                ex->sendJson(
                    400,
                    stripeError(
                        QStringLiteral("idempotency_error"),
                        QStringLiteral("Keys for idempotent requests can only be used with the "
                                       "same parameters they were first used with.")));
                return;
            }
            ex->sendJson(prior->status, prior->body, {{"Idempotent-Replayed", "true"}});
            return;
        }
    }
    auto answer = [&](int status, const QJsonObject &body) {
        if (!key.isEmpty())
            m_idempotency.insert(key, Replay {hash, status, body});
        ex->sendJson(status, body);
    };
    QHash<QString, QString> p;
    QJsonObject metadata;
    for (const auto &kv : std::as_const(params)) {
        p.insert(kv.first, kv.second);
        if (kv.first.startsWith(QLatin1String("metadata[")) && kv.first.endsWith(QLatin1Char(']')))
            metadata.insert(kv.first.mid(9, kv.first.size() - 10), kv.second);
    }
    auto intent = m_intents.find(p.value(QStringLiteral("payment_intent")));
    if (intent == m_intents.end()) {
        answer(400,
               stripeError(QStringLiteral("invalid_request_error"),
                           QStringLiteral("No such payment_intent"),
                           QStringLiteral("resource_missing"), QStringLiteral("payment_intent")));
        return;
    }
    const QString reason = p.value(QStringLiteral("reason"));
    if (!reason.isEmpty() && reason != QLatin1String("duplicate")
        && reason != QLatin1String("fraudulent")
        && reason != QLatin1String("requested_by_customer")) {
        answer(400,
               stripeError(QStringLiteral("invalid_request_error"),
                           QStringLiteral("Invalid reason"),
                           QStringLiteral("parameter_invalid_string"), QStringLiteral("reason")));
        return;
    }
    const qint64 remaining = intent->amount - intent->refunded;
    bool ok = true;
    const qint64 amount = p.contains(QStringLiteral("amount"))
        ? p.value(QStringLiteral("amount")).toLongLong(&ok)
        : remaining;
    if (remaining <= 0) {
        answer(
            400,
            stripeError(QStringLiteral("invalid_request_error"),
                        QStringLiteral("Charge %1 has already been refunded.").arg(intent->charge),
                        QStringLiteral("charge_already_refunded")));
        return;
    }
    if (!ok || amount <= 0 || amount > remaining) {
        answer(
            400,
            stripeError(QStringLiteral("invalid_request_error"),
                        QStringLiteral(
                            "Refund amount (%1) is greater than unrefunded amount on charge (%2).")
                            .arg(amount)
                            .arg(remaining),
                        QStringLiteral("amount_too_large"), QStringLiteral("amount")));
        return;
    }
    intent->refunded += amount;
    ++m_refundCount;
    const QJsonObject refund {
        {QStringLiteral("id"), randomId(QStringLiteral("re_"))},
        {QStringLiteral("object"), QStringLiteral("refund")},
        {QStringLiteral("amount"), double(amount)},
        {QStringLiteral("currency"), intent->currency},
        {QStringLiteral("charge"), intent->charge},
        {QStringLiteral("payment_intent"), intent->id},
        {QStringLiteral("reason"),
         reason.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(reason)},
        {QStringLiteral("metadata"), metadata},
        {QStringLiteral("status"), QStringLiteral("succeeded")},
        {QStringLiteral("created"), double(QDateTime::currentSecsSinceEpoch())}};
    intent->refunds.prepend(refund);
    m_refundLog.append(refund);
    answer(200, refund);

    QJsonArray refunds;
    for (const QJsonObject &r : std::as_const(intent->refunds))
        refunds.append(r);
    const QJsonObject charge {{QStringLiteral("id"), intent->charge},
                              {QStringLiteral("object"), QStringLiteral("charge")},
                              {QStringLiteral("amount"), double(intent->amount)},
                              {QStringLiteral("amount_refunded"), double(intent->refunded)},
                              {QStringLiteral("currency"), intent->currency},
                              {QStringLiteral("payment_intent"), intent->id},
                              {QStringLiteral("refunded"), intent->refunded >= intent->amount},
                              {QStringLiteral("refunds"),
                               QJsonObject {{QStringLiteral("object"), QStringLiteral("list")},
                                            {QStringLiteral("data"), refunds}}}};
    const QJsonObject event {
        {QStringLiteral("id"), randomId(QStringLiteral("evt_"))},
        {QStringLiteral("object"), QStringLiteral("event")},
        {QStringLiteral("type"), QStringLiteral("charge.refunded")},
        {QStringLiteral("created"), double(QDateTime::currentSecsSinceEpoch())},
        {QStringLiteral("data"), QJsonObject {{QStringLiteral("object"), charge}}}};
    // After the reply, as Stripe does: the event may reach the API before or after the answer.
    QTimer::singleShot(
        0, this, [this, event] { sendEvent(QStringLiteral("charge.refunded"), event, nullptr); });
}

void StripeSimulator::sendPage(const HttpRequest &req, const Exchange &ex, const QString &url,
                               const QList<QJsonObject> &oldestFirst)
{
    // Stripe's query keys are bracketed (created[gte]); compare them decoded.
    QHash<QString, QString> q;
    for (const auto &item : req.query.queryItems(QUrl::FullyDecoded))
        q.insert(item.first, item.second);
    bool ok = true;
    const int limit
        = q.contains(QStringLiteral("limit")) ? q.value(QStringLiteral("limit")).toInt(&ok) : 10;
    if (!ok || limit < 1 || limit > 100) {
        ex->sendJson(400,
                     stripeError(QStringLiteral("invalid_request_error"),
                                 QStringLiteral("This value must be between 1 and 100."),
                                 QStringLiteral("parameter_invalid_integer"),
                                 QStringLiteral("limit")));
        return;
    }
    auto bound = [&](const QString &key, qint64 fallback) {
        bool valid = true;
        const qint64 v = q.contains(key) ? q.value(key).toLongLong(&valid) : fallback;
        if (!valid)
            ok = false;
        return v;
    };
    const qint64 gte = bound(QStringLiteral("created[gte]"), 0);
    const qint64 lte = bound(QStringLiteral("created[lte]"), std::numeric_limits<qint64>::max());
    if (!ok) {
        ex->sendJson(400,
                     stripeError(QStringLiteral("invalid_request_error"),
                                 QStringLiteral("Invalid integer for created."),
                                 QStringLiteral("parameter_invalid_integer"),
                                 QStringLiteral("created")));
        return;
    }
    const QString after = q.value(QStringLiteral("starting_after"));
    const QString intent = q.value(QStringLiteral("payment_intent"));
    QJsonArray data;
    bool started = after.isEmpty();
    bool more = false;
    bool afterFound = after.isEmpty();
    for (auto it = oldestFirst.crbegin(); it != oldestFirst.crend(); ++it) {
        const QJsonObject &o = *it;
        if (!started) {
            if (o.value(QStringLiteral("id")).toString() == after)
                started = afterFound = true;
            continue;
        }
        const qint64 created = qint64(o.value(QStringLiteral("created")).toDouble());
        if (created < gte || created > lte)
            continue;
        if (!intent.isEmpty() && o.value(QStringLiteral("payment_intent")).toString() != intent)
            continue;
        if (data.size() == limit) {
            more = true;
            break;
        }
        data.append(o);
    }
    if (!afterFound) {
        ex->sendJson(400,
                     stripeError(QStringLiteral("invalid_request_error"),
                                 QStringLiteral("No such object: '%1'").arg(after),
                                 QStringLiteral("resource_missing"),
                                 QStringLiteral("starting_after")));
        return;
    }
    ex->sendJson(200,
                 QJsonObject {{QStringLiteral("object"), QStringLiteral("list")},
                              {QStringLiteral("url"), url},
                              {QStringLiteral("data"), data},
                              {QStringLiteral("has_more"), more}});
}

void StripeSimulator::listRefunds(const HttpRequest &req, const Exchange &ex)
{
    // GET /v1/refunds[?payment_intent=…]: newest first, as Stripe lists them.
    if (!authorised(req, ex))
        return;
    sendPage(req, ex, QStringLiteral("/v1/refunds"), m_refundLog);
}

void StripeSimulator::listSessions(const HttpRequest &req, const Exchange &ex)
{
    if (!authorised(req, ex))
        return;
    QList<QJsonObject> all;
    all.reserve(m_sessionOrder.size());
    for (const QString &id : std::as_const(m_sessionOrder))
        all.append(m_sessions.value(id));
    sendPage(req, ex, QStringLiteral("/v1/checkout/sessions"), all);
}

void StripeSimulator::listIntents(const HttpRequest &req, const Exchange &ex)
{
    if (!authorised(req, ex))
        return;
    QList<QJsonObject> all;
    all.reserve(m_intentOrder.size());
    for (const QString &id : std::as_const(m_intentOrder))
        all.append(m_intents.value(id).json());
    sendPage(req, ex, QStringLiteral("/v1/payment_intents"), all);
}

void StripeSimulator::createIntent(const HttpRequest &req, const Exchange &ex)
{
    // Only what a payment taken outside Checkout needs: amount, currency, metadata, and
    // confirm=true (test mode's card always succeeds).
    if (!authorised(req, ex))
        return;
    QHash<QString, QString> p;
    QJsonObject metadata;
    for (const auto &kv : Outbound::formDecode(req.body)) {
        p.insert(kv.first, kv.second);
        if (kv.first.startsWith(QLatin1String("metadata[")) && kv.first.endsWith(QLatin1Char(']')))
            metadata.insert(kv.first.mid(9, kv.first.size() - 10), kv.second);
    }
    bool ok = false;
    const qint64 amount = p.value(QStringLiteral("amount")).toLongLong(&ok);
    if (!ok || amount <= 0 || p.value(QStringLiteral("confirm")) != QLatin1String("true")) {
        ex->sendJson(400,
                     stripeError(QStringLiteral("invalid_request_error"),
                                 QStringLiteral("amount and confirm=true are required."),
                                 QStringLiteral("parameter_missing"), QStringLiteral("amount")));
        return;
    }
    Intent intent;
    intent.id = randomId(QStringLiteral("pi_"));
    intent.charge = randomId(QStringLiteral("ch_"));
    intent.amount = amount;
    intent.currency = p.value(QStringLiteral("currency"), QStringLiteral("usd"));
    intent.created = QDateTime::currentSecsSinceEpoch();
    intent.metadata = metadata;
    m_intents.insert(intent.id, intent);
    m_intentOrder.append(intent.id);
    ex->sendJson(200, intent.json());
}

void StripeSimulator::adoptPayment(const QString &intentId, qint64 amount, const QString &currency,
                                   qint64 refunded)
{
    if (intentId.isEmpty() || m_intents.contains(intentId))
        return;
    Intent intent;
    intent.id = intentId;
    intent.charge = randomId(QStringLiteral("ch_"));
    intent.currency = currency.isEmpty() ? QStringLiteral("usd") : currency;
    intent.amount = amount;
    intent.refunded = refunded;
    // Not listed (m_intentOrder): Stripe's lists are what happened at Stripe since the
    // simulator started, and an adopted payment is already in the books.
    m_intents.insert(intentId, intent);
}

} // namespace compose
