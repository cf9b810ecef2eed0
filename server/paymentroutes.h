#pragma once

#include "formrecord.h"
#include "httpserver.h"

#include <QJsonObject>
#include <QObject>

namespace compose {

class ApiContext;

// POST /api/stripe/checkout (Checkout Session, form-encoded to Stripe) and POST
// /api/stripe/webhook (signature on the raw bytes, dedupe on the event id, the seed's step 6
// in one transaction, refunds kept in step with Stripe).
class PaymentRoutes : public QObject
{
    Q_OBJECT
public:
    explicit PaymentRoutes(ApiContext *context, QObject *parent = nullptr);
    void registerRoutes(HttpServer *server);

    static qint64 priceCents(const QString &packageType);
    // Updates (or, for refunds made outside compose-api, inserts) a compose_refunds row from a
    // Stripe refund object; moves the form to refunded when nothing remains. In a transaction.
    void syncRefund(const QJsonObject &refund, const QString &actor);

private:
    void checkout(const HttpRequest &req, const Exchange &ex);
    void webhook(const HttpRequest &req, const Exchange &ex);
    QJsonObject checkoutCompleted(const QJsonObject &session);

    ApiContext *m_ctx = nullptr;
};

} // namespace compose
