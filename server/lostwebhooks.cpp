#include "lostwebhooks.h"

#include "apicontext.h"
#include "formrecord.h"
#include "outbound.h"
#include "reconciler.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

LostWebhooks::LostWebhooks(ApiContext *context, Reconciler *reconciler, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
    , m_reconciler(reconciler)
{
}

void LostWebhooks::start(const QStringList &formIds)
{
    m_pending = formIds;
    m_paid = 0;
    next();
}

void LostWebhooks::next()
{
    if (m_pending.isEmpty()) {
        reconcile();
        return;
    }
    checkout(m_pending.takeFirst());
}

void LostWebhooks::checkout(const QString &formId, int attempt)
{
    // The customer's own request: the selection the form already has.
    QJsonValue selections;
    try {
        selections = m_ctx->requireForm(formId).selectedVariations;
    } catch (const std::exception &) {
        next(); // gone, or the database failed: nothing to pay
        return;
    }
    if (!selections.isObject()) {
        next();
        return;
    }
    QUrl url = m_ctx->publicBase();
    url.setPath(url.path() + QStringLiteral("/api/stripe/checkout"));
    const QByteArray body
        = QJsonDocument(QJsonObject {{QStringLiteral("formId"), formId},
                                     {QStringLiteral("selectedVariations"), selections}})
              .toJson(QJsonDocument::Compact);
    m_ctx->outbound()->send(
        "POST", url, {{"Content-Type", "application/json"}}, body, this,
        [this, formId, attempt](const Outbound::Reply &r) {
            const QString session = QJsonDocument::fromJson(r.body)
                                        .object()
                                        .value(QStringLiteral("sessionId"))
                                        .toString();
            if ((r.status >= 500 || r.status == 0) && attempt < 3) {
                // The demo's SQLite file has one writer: the dashboard may be rewriting the
                // preview links at this moment ("database is locked"). Try again shortly.
                QTimer::singleShot(1000 * (attempt + 1), this,
                                   [this, formId, attempt] { checkout(formId, attempt + 1); });
                return;
            }
            if (!r.ok() || session.isEmpty()) {
                qCWarning(lcApi) << "demo: no checkout for" << formId << "HTTP" << r.status;
                next();
                return;
            }
            QUrl pay = m_ctx->publicBase();
            pay.setPath(pay.path() + QStringLiteral("/sim/stripe/sessions/%1/pay").arg(session));
            pay.setQuery(QStringLiteral("webhook=drop"));
            m_ctx->outbound()->send("POST", pay, {}, {}, this, [this](const Outbound::Reply &p) {
                if (p.ok())
                    ++m_paid;
                next();
            });
        });
}

void LostWebhooks::reconcile()
{
    if (m_paid == 0) {
        emit finished(0, 0);
        return;
    }
    m_reconciler->runPass(this, [this](const Reconciler::PassResult &r) {
        qCInfo(lcApi) << "demo:" << m_paid << "checkouts paid without a webhook;" << r.recorded
                      << "findings";
        emit finished(m_paid, r.recorded);
    });
}

} // namespace compose
