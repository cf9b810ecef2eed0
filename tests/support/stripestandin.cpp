#include "stripestandin.h"

#include "outbound.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTimer>

namespace compose::test {

StripeStandIn::StripeStandIn(QObject *parent)
    : QObject(parent)
{
    m_server.addRoute("POST", QStringLiteral("/v1/refunds"),
                      [this](const HttpRequest &r, const Exchange &ex) { refund(r, ex); });
    m_server.addRoute("GET", QStringLiteral("/v1/refunds"),
                      [this](const HttpRequest &r, const Exchange &ex) { list(r, ex); });
    const quint16 port = m_server.listenPlain(QHostAddress::LocalHost);
    m_base = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
}

void StripeStandIn::addPayment(const QString &intentId, qint64 amount)
{
    m_paid.insert(intentId, amount);
}

void StripeStandIn::setFault(Fault fault, int count, int slowMs)
{
    m_fault = fault;
    m_faultCount = count;
    m_slowMs = slowMs;
}

void StripeStandIn::refund(const HttpRequest &req, const Exchange &ex)
{
    ++m_requests;
    Fault fault = Fault::None;
    if (m_faultCount > 0) {
        fault = m_fault;
        --m_faultCount;
    }
    if (fault == Fault::Unavailable) {
        ex->sendJson(
            502,
            QJsonObject {
                {QStringLiteral("error"),
                 QJsonObject {{QStringLiteral("type"), QStringLiteral("api_error")},
                              {QStringLiteral("message"), QStringLiteral("Bad gateway")}}}});
        return;
    }
    if (fault == Fault::HangBefore) {
        m_hung.append(ex);
        return;
    }
    auto params = Outbound::formDecode(req.body);
    std::sort(params.begin(), params.end());
    QByteArray canonical;
    for (const auto &kv : std::as_const(params))
        canonical += kv.first.toUtf8() + '=' + kv.second.toUtf8() + '&';
    const QByteArray hash = QCryptographicHash::hash(canonical, QCryptographicHash::Sha256);
    const QString key = QString::fromUtf8(req.header("idempotency-key"));
    m_keys << key;
    auto answer = [this, ex, fault](int status, const QJsonObject &body, bool replayed = false) {
        const HttpExchange::Headers headers = replayed
            ? HttpExchange::Headers {{QByteArrayLiteral("Idempotent-Replayed"),
                                      QByteArrayLiteral("true")}}
            : HttpExchange::Headers {};
        if (fault == Fault::HangAfter) {
            m_hung.append(ex);
        } else if (fault == Fault::Slow) {
            QTimer::singleShot(m_slowMs, this, [ex, status, body, headers] {
                ex->sendJson(status, body, headers);
            });
        } else {
            ex->sendJson(status, body, headers);
        }
    };
    const QJsonObject serverError {
        {QStringLiteral("error"),
         QJsonObject {{QStringLiteral("type"), QStringLiteral("api_error")},
                      {QStringLiteral("message"), QStringLiteral("An unknown error occurred")}}}};
    if (!key.isEmpty() && m_byKey.contains(key)) {
        const Stored s = m_byKey.value(key);
        if (s.paramsHash != hash) {
            answer(400,
                   QJsonObject {
                       {QStringLiteral("error"),
                        QJsonObject {{QStringLiteral("type"), QStringLiteral("idempotency_error")},
                                     {QStringLiteral("message"),
                                      QStringLiteral("Keys for idempotent requests can only be "
                                                     "used with the same parameters.")}}}});
            return;
        }
        answer(s.status, s.body, true);
        return;
    }
    if (fault == Fault::ServerError) {
        if (!key.isEmpty())
            m_byKey.insert(key, Stored {hash, 500, serverError});
        answer(500, serverError);
        return;
    }
    QHash<QString, QString> p;
    for (const auto &kv : std::as_const(params))
        p.insert(kv.first, kv.second);
    const QString intent = p.value(QStringLiteral("payment_intent"));
    const qint64 amount = p.value(QStringLiteral("amount")).toLongLong();
    int status = 200;
    QJsonObject body;
    if (!m_paid.contains(intent) || amount <= 0
        || amount > m_paid.value(intent) - m_refunded.value(intent)) {
        status = 400;
        body = QJsonObject {
            {QStringLiteral("error"),
             QJsonObject {{QStringLiteral("type"), QStringLiteral("invalid_request_error")},
                          {QStringLiteral("message"),
                           QStringLiteral("Refund amount is greater than unrefunded amount.")}}}};
    } else {
        ++m_performed;
        m_refunded[intent] += amount;
        body
            = QJsonObject {{QStringLiteral("id"), QStringLiteral("re_standin_%1").arg(m_performed)},
                           {QStringLiteral("object"), QStringLiteral("refund")},
                           {QStringLiteral("amount"), double(amount)},
                           {QStringLiteral("currency"), QStringLiteral("usd")},
                           {QStringLiteral("payment_intent"), intent},
                           {QStringLiteral("status"), QStringLiteral("succeeded")}};
    }
    if (status == 200) {
        QJsonObject metadata;
        for (const auto &kv : std::as_const(params)) {
            if (kv.first.startsWith(QLatin1String("metadata[")))
                metadata.insert(kv.first.mid(9, kv.first.size() - 10), kv.second);
        }
        body.insert(QStringLiteral("metadata"), metadata);
        m_refunds.append(body);
    }
    if (fault == Fault::ErrorAfter) {
        status = 500;
        body = serverError;
    }
    if (!key.isEmpty())
        m_byKey.insert(key, Stored {hash, status, body});
    answer(status, body);
}

void StripeStandIn::list(const HttpRequest &req, const Exchange &ex)
{
    const QString intent = req.query.queryItemValue(QStringLiteral("payment_intent"));
    QJsonArray data;
    for (auto it = m_refunds.crbegin(); it != m_refunds.crend(); ++it) { // newest first
        if (it->value(QStringLiteral("payment_intent")).toString() == intent)
            data.append(*it);
    }
    ex->sendJson(200,
                 QJsonObject {{QStringLiteral("object"), QStringLiteral("list")},
                              {QStringLiteral("data"), data},
                              {QStringLiteral("has_more"), false}});
}

} // namespace compose::test
