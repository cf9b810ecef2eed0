#include "paymentroutes.h"

#include "apicontext.h"
#include "jsoninput.h"
#include "stripeevent.h"
#include "stripesignature.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

PaymentRoutes::PaymentRoutes(ApiContext *context, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
    , m_refunds(new RefundService(context, this))
    , m_payments(std::make_unique<PaymentService>(context, m_refunds))
{
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
                       QJsonObject {{QStringLiteral("from"), form.statusKey},
                                    {QStringLiteral("to"), QStringLiteral("payment_initiated")}});
    m_payments->requireReadySelection(form, selections);

    const QString base = m_ctx->publicBase().toString();
    QList<QPair<QString, QString>> fields {
        {QStringLiteral("mode"), QStringLiteral("payment")},
        {QStringLiteral("success_url"),
         base + QStringLiteral("/compose/success?session_id={CHECKOUT_SESSION_ID}")},
        {QStringLiteral("cancel_url"),
         base + QStringLiteral("/compose/variations?formId=") + formId},
        {QStringLiteral("client_reference_id"), formId},
        {QStringLiteral("line_items[0][quantity]"), QStringLiteral("1")},
        {QStringLiteral("line_items[0][price_data][currency]"), QStringLiteral("usd")},
        {QStringLiteral("line_items[0][price_data][unit_amount]"),
         QString::number(PaymentService::priceCents(form.packageType))},
        {QStringLiteral("line_items[0][price_data][product_data][name]"),
         form.packageType == QLatin1String("holiday-hamper")
             ? QStringLiteral("Holiday Hamper (3 songs)")
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
        Outbound::formEncode(fields), this,
        [this, ex, formId, selections](const Outbound::Reply &r) {
            ex->guard([&] {
                const QJsonObject o = QJsonDocument::fromJson(r.body).object();
                const QString sessionId = o.value(QStringLiteral("id")).toString();
                if (!r.ok() || !sessionId.startsWith(QLatin1String("cs_"))) {
                    const QString msg = o.value(QStringLiteral("error"))
                                            .toObject()
                                            .value(QStringLiteral("message"))
                                            .toString();
                    throw ApiError(
                        502, QStringLiteral("upstream_error"),
                        QStringLiteral("Stripe did not create a Checkout Session: %1")
                            .arg(msg.isEmpty() ? (r.status ? QStringLiteral("HTTP %1").arg(r.status)
                                                           : r.networkError)
                                               : msg),
                        QJsonObject {{QStringLiteral("service"), QStringLiteral("Stripe")},
                                     {QStringLiteral("upstreamStatus"), r.status}});
                }
                m_payments->checkoutStarted(formId, selections, sessionId);
                ex->sendJson(200,
                             QJsonObject {{QStringLiteral("sessionId"), sessionId},
                                          {QStringLiteral("url"), o.value(QStringLiteral("url"))}});
            });
        });
}

void PaymentRoutes::webhook(const HttpRequest &req, const Exchange &ex)
{
    const QByteArray secret = m_ctx->stripeWebhookSecret();
    if (secret.isEmpty())
        throw ApiError(
            500, QStringLiteral("not_configured"),
            QStringLiteral(
                "No Stripe webhook secret is configured (COMPOSE_STRIPE_WEBHOOK_SECRET)."));
    const auto result = StripeSignature::verify(req.header("stripe-signature"), req.body, secret,
                                                QDateTime::currentSecsSinceEpoch());
    if (result != StripeSignature::Result::Ok) {
        qCWarning(lcApi) << "refused a Stripe webhook:" << StripeSignature::describe(result);
        throw ApiError(400, QStringLiteral("invalid_signature"), StripeSignature::describe(result));
    }
    const StripeEvent event = StripeEvent::parse(req.body);
    const PaymentService::EventOutcome outcome
        = m_payments->handleEvent(event.id, event.type, event.object);
    if (outcome.recorded)
        emit paymentRecorded(outcome.recorded->formId, outcome.recorded->orderId,
                             outcome.recorded->flag);
    ex->sendJson(200, outcome.answer);
}

} // namespace compose
