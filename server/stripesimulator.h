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
// to the API, refunds (POST /v1/refunds) with Stripe's Idempotency-Key replay rules, and
// charge.refunded events. The list endpoints (GET /v1/checkout/sessions, /v1/payment_intents,
// /v1/refunds) page as Stripe's do: newest first, created[gte]/created[lte], limit (1..100,
// default 10), starting_after, has_more. POST /v1/payment_intents with confirm=true makes a
// succeeded payment outside Checkout (as a payment taken in Stripe's Dashboard would be).
// Faults for tests: pay with ?webhook=drop pays the session without delivering its event (paying
// again delivers it late, as Stripe's retries would).
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
        qint64 created = 0;
        QJsonObject metadata;
        QList<QJsonObject> refunds;
        QJsonObject json() const;
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
    void listSessions(const HttpRequest &req, const Exchange &ex);
    void listIntents(const HttpRequest &req, const Exchange &ex);
    void createIntent(const HttpRequest &req, const Exchange &ex);
    // One page of a list (objects oldest first, as they were created) the way Stripe pages.
    static void sendPage(const HttpRequest &req, const Exchange &ex, const QString &url,
                         const QList<QJsonObject> &oldestFirst);
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
    QStringList m_sessionOrder; // ids, oldest first (the lists' order)
    QStringList m_intentOrder;
    QList<QJsonObject> m_refundLog; // every refund, oldest first
    QHash<QString, QJsonObject> m_sessionIntentMetadata; // payment_intent_data[metadata]
    QHash<QString, Replay> m_idempotency;
    int m_refundCount = 0;
};

} // namespace compose
