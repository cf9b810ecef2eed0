#pragma once

#include "httpserver.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

namespace compose {

class Outbound;

// Stripe on loopback under /sim/stripe: Checkout Sessions (form-encoded, cs_…), a "pay" step
// (POST /sim/stripe/sessions/{id}/pay) that sends a correctly signed checkout.session.completed
// to the API, refunds (POST /v1/refunds) with Stripe's Idempotency-Key replay rules, the list of
// a payment's refunds (GET /v1/refunds?payment_intent=), and charge.refunded events.
class StripeSimulator : public QObject {
    Q_OBJECT
public:
    StripeSimulator(Outbound *outbound, QByteArray webhookSecret, QObject *parent = nullptr);
    void registerRoutes(HttpServer *server);
    void setBaseUrl(const QUrl &url) { m_base = url; } // the server's base, without /sim/stripe
    void setWebhookUrl(const QUrl &url) { m_webhook = url; } // where events go
    int refundCount() const { return m_refundCount; }
    // A payment the simulator did not see happen (demo data, or one made before a restart of
    // an in-memory simulator): known from the database so that refunds of it behave like Stripe's.
    void adoptPayment(const QString &intentId, qint64 amount, const QString &currency,
                      qint64 refunded);

private:
    struct Intent {
        QString id;
        QString charge;
        QString currency;
        qint64 amount = 0;
        qint64 refunded = 0;
        QList<QJsonObject> refunds;
    };
    struct Replay {
        QByteArray paramsHash;
        int status = 0;
        QJsonObject body;
    };
    void createSession(const HttpRequest &req, const Exchange &ex);
    void getSession(const HttpRequest &req, const Exchange &ex);
    void checkoutPage(const HttpRequest &req, const Exchange &ex);
    void pay(const HttpRequest &req, const Exchange &ex);
    void refund(const HttpRequest &req, const Exchange &ex);
    void listRefunds(const HttpRequest &req, const Exchange &ex);
    void sendEvent(const QString &type, const QJsonObject &object, const Exchange &ex);
    bool authorised(const HttpRequest &req, const Exchange &ex) const;
    static QJsonObject stripeError(const QString &type, const QString &message,
                                   const QString &code = {}, const QString &param = {});
    static QString randomId(const QString &prefix);

    Outbound *m_outbound = nullptr;
    QByteArray m_secret;
    QUrl m_base;
    QUrl m_webhook;
    QHash<QString, QJsonObject> m_sessions;
    QHash<QString, QJsonObject> m_paidEvents; // session id → its completed event (for redelivery)
    QHash<QString, Intent> m_intents;
    QHash<QString, Replay> m_idempotency;
    int m_refundCount = 0;
};

} // namespace compose
