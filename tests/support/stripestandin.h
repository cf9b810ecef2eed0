#pragma once

#include "httpserver.h"

#include <QHash>
#include <QObject>
#include <QUrl>

namespace compose::test {

// Stripe's POST /v1/refunds on loopback for fault tests: keeps Stripe's Idempotency-Key replay
// rule, and COUNTS the refunds it really performed, so a test can tell "answered twice" from
// "refunded twice". Faults apply to the next `count` refund requests.
class StripeStandIn final : public QObject {
    Q_OBJECT
public:
    enum class Fault {
        None,
        Unavailable, // 502 from "a proxy in front of Stripe": nothing done, nothing stored
        HangBefore, // never answers, nothing done
        HangAfter, // performs the refund (stored under its key), then never answers
        Slow, // performs the refund and answers after slowMs
        ServerError, // 500, stored under the key as Stripe does (replayed forever), nothing done
        ErrorAfter, // performs the refund, but answers 500 and stores that under the key
    };
    explicit StripeStandIn(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(StripeStandIn)

    QUrl baseUrl() const { return m_base; }
    void addPayment(const QString &intentId, qint64 amount);
    void setFault(Fault fault, int count = 1, int slowMs = 0);

    int refundsPerformed() const { return m_performed; }
    int requestsSeen() const { return m_requests; }
    qint64 refunded(const QString &intentId) const { return m_refunded.value(intentId); }
    QStringList keysSeen() const { return m_keys; }

private:
    struct Stored {
        QByteArray paramsHash;
        int status = 0;
        QJsonObject body;
    };
    void refund(const HttpRequest &req, const Exchange &ex);
    void list(const HttpRequest &req, const Exchange &ex); // GET /v1/refunds?payment_intent=

    HttpServer m_server;
    QUrl m_base;
    QHash<QString, qint64> m_paid;
    QHash<QString, qint64> m_refunded;
    QHash<QString, Stored> m_byKey;
    QList<QJsonObject> m_refunds; // performed, oldest first
    QList<Exchange> m_hung; // kept open until the stand-in goes
    QStringList m_keys;
    Fault m_fault = Fault::None;
    int m_faultCount = 0;
    int m_slowMs = 0;
    int m_performed = 0;
    int m_requests = 0;
};

} // namespace compose::test
