#include "reconciler.h"

#include "apicontext.h"
#include "database.h"
#include "paymentstore.h"
#include "reconciliationstore.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QUrlQuery>
#include <QUuid>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

namespace {

const QString kSessions = QStringLiteral("checkout_sessions");
const QString kIntents = QStringLiteral("payment_intents");
const QString kRefunds = QStringLiteral("refunds");

QString path(const QString &type)
{
    return type == kSessions ? QStringLiteral("/v1/checkout/sessions")
                             : QStringLiteral("/v1/") + type;
}

qint64 createdOf(const QJsonObject &o)
{
    return qint64(o.value(QStringLiteral("created")).toDouble());
}

} // namespace

struct Reconciler::Pass {
    QPointer<QObject> context;
    Done done;
    PassResult result;
    int listIndex = -1;
    ReconciliationCursor cursor; // of the list being read
    qint64 gte = 0; // created[gte] of the list being read
    int pages = 0; // pages of the list read in this pass
};

QJsonObject Reconciler::PassResult::json() const
{
    QJsonObject o {{QStringLiteral("ran"), ran},
                   {QStringLiteral("complete"), complete},
                   {QStringLiteral("listed"), listed},
                   {QStringLiteral("recorded"), recorded}};
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    return o;
}

Reconciler::Reconciler(ApiContext *context, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
    , m_owner(QStringLiteral("%1:%2:%3")
                  .arg(QHostInfo::localHostName())
                  .arg(QCoreApplication::applicationPid())
                  .arg(QUuid::createUuid().toString(QUuid::Id128).left(8)))
{
}

QStringList Reconciler::objectTypes()
{
    // Sessions first: a payment found through its session is not reported again by its intent.
    return {kSessions, kIntents, kRefunds};
}

int Reconciler::leaseSeconds() const
{
    // Renewed at every page; a page's call gives up after upstreamTimeoutMs, so a live pass
    // always renews in time and a dead one frees the lease soon after.
    return m_ctx->config().upstreamTimeoutMs / 1000 * 2 + 30;
}

void Reconciler::runScheduled()
{
    runPass(this, [](const PassResult &r) {
        if (!r.error.isEmpty())
            qCWarning(lcApi).noquote() << "reconciliation pass:" << r.error;
        else if (r.recorded > 0)
            qCInfo(lcApi) << "reconciliation found" << r.recorded << "new finding(s) in" << r.listed
                          << "Stripe object(s)";
    });
}

void Reconciler::runPass(QObject *context, Done done)
{
    auto pass = std::make_shared<Pass>();
    pass->context = context;
    pass->done = std::move(done);
    if (m_running) {
        pass->done(pass->result); // ran = false: this process is already reconciling
        return;
    }
    try {
        const QDateTime now = ApiContext::now();
        Db::Transaction tx(m_ctx->db());
        const bool mine
            = ReconciliationStore(m_ctx->db()).takeLease(m_owner, now, now.addSecs(leaseSeconds()));
        tx.commit();
        if (!mine) {
            pass->done(pass->result);
            return;
        }
    } catch (const DbError &e) {
        pass->result.complete = false;
        pass->result.error = e.message();
        pass->done(pass->result);
        return;
    }
    m_running = true;
    pass->result.ran = true;
    nextList(pass);
}

void Reconciler::nextList(const std::shared_ptr<Pass> &pass)
{
    ++pass->listIndex;
    if (pass->listIndex >= objectTypes().size()) {
        finish(pass);
        return;
    }
    try {
        pass->cursor = ReconciliationStore(m_ctx->db()).cursor(objectTypes().at(pass->listIndex));
    } catch (const DbError &e) {
        pass->result.complete = false;
        pass->result.error = e.message();
        finish(pass);
        return;
    }
    pass->gte = qMax<qint64>(0, pass->cursor.createdGte - overlapSeconds);
    pass->pages = 0;
    fetchPage(pass);
}

void Reconciler::fetchPage(const std::shared_ptr<Pass> &pass)
{
    const QString type = pass->cursor.objectType;
    QUrl url = m_ctx->stripeBase();
    url.setPath(url.path() + path(type));
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("limit"), QString::number(m_pageSize));
    q.addQueryItem(QStringLiteral("created[gte]"), QString::number(pass->gte));
    if (!pass->cursor.resumeAfter.isEmpty())
        q.addQueryItem(QStringLiteral("starting_after"), pass->cursor.resumeAfter);
    url.setQuery(q);
    m_ctx->outbound()->send(
        "GET", url, {{"Authorization", "Bearer " + m_ctx->stripeKey().toUtf8()}}, {}, this,
        [this, pass, type](const Outbound::Reply &r) {
            const QJsonObject page = QJsonDocument::fromJson(r.body).object();
            if (!r.ok() || !page.value(QStringLiteral("data")).isArray()) {
                // The cursor keeps the last page that was processed; the next pass goes on.
                pass->result.complete = false;
                if (pass->result.error.isEmpty())
                    pass->result.error = QStringLiteral("Stripe's %1 list: %2")
                                             .arg(type,
                                                  r.status ? QStringLiteral("HTTP %1").arg(r.status)
                                                           : r.networkError);
                nextList(pass);
                return;
            }
            bool leaseHeld = false;
            try {
                leaseHeld = processPage(*pass, page);
            } catch (const DbError &e) {
                pass->result.complete = false;
                if (pass->result.error.isEmpty())
                    pass->result.error = e.message();
                nextList(pass);
                return;
            }
            if (!leaseHeld) {
                pass->result.complete = false;
                pass->result.error = QStringLiteral("the lease was taken over by another pass");
                finish(pass);
                return;
            }
            if (!pass->cursor.resumeAfter.isEmpty()) {
                if (++pass->pages >= m_pageCap) {
                    pass->result.complete = false; // bounded: the next pass resumes here
                    nextList(pass);
                    return;
                }
                fetchPage(pass);
                return;
            }
            nextList(pass);
        },
        m_ctx->config().upstreamTimeoutMs);
}

bool Reconciler::processPage(Pass &pass, const QJsonObject &page)
{
    const QJsonArray data = page.value(QStringLiteral("data")).toArray();
    const bool more = page.value(QStringLiteral("has_more")).toBool() && !data.isEmpty();
    const QDateTime now = ApiContext::now();
    Db::Transaction tx(m_ctx->db());
    ReconciliationStore store(m_ctx->db());
    if (!store.takeLease(m_owner, now, now.addSecs(leaseSeconds())))
        return false; // renewal refused: we stalled past the lease and someone took over
    ReconciliationCursor &c = pass.cursor;
    for (const QJsonValue &v : data) {
        const QJsonObject o = v.toObject();
        ++pass.result.listed;
        c.highWater = qMax(c.highWater, createdOf(o));
        if (c.objectType == kSessions)
            checkSession(pass, o);
        else if (c.objectType == kIntents)
            checkIntent(pass, o);
        else
            checkRefund(pass, o);
    }
    if (more) {
        c.resumeAfter = data.last().toObject().value(QStringLiteral("id")).toString();
    } else {
        // The list is read to its end: the next pass starts from the newest object seen.
        c.createdGte = qMax(c.createdGte, c.highWater);
        c.resumeAfter.clear();
        c.highWater = 0;
    }
    store.saveCursor(c, now);
    tx.commit();
    return true;
}

void Reconciler::record(Pass &pass, const QString &kind, const QString &formId,
                        const QString &objectId, const QString &intent, const QJsonObject &detail)
{
    Finding f;
    f.kind = kind;
    f.formId = formId;
    f.stripeObjectId = objectId;
    f.paymentIntent = intent;
    f.detailJson = QString::fromUtf8(QJsonDocument(detail).toJson(QJsonDocument::Compact));
    f.foundAt = ApiContext::now();
    if (ReconciliationStore(m_ctx->db()).insertFinding(f)) {
        ++pass.result.recorded;
        qCInfo(lcApi).noquote() << "reconciliation:" << kind << objectId
                                << (formId.isEmpty() ? QString()
                                                     : QStringLiteral("form ") + formId);
    }
}

void Reconciler::checkSession(Pass &pass, const QJsonObject &session)
{
    const QString paid = session.value(QStringLiteral("payment_status")).toString();
    if (paid != QLatin1String("paid") && paid != QLatin1String("no_payment_required"))
        return;
    const QString id = session.value(QStringLiteral("id")).toString();
    const QString intent = session.value(QStringLiteral("payment_intent")).toString();
    if (id.isEmpty())
        return;
    const ReconciliationStore store(m_ctx->db());
    QString formId = store.formOfSession(id);
    if (formId.isEmpty()) {
        // As the webhook does: our own record first, then Stripe's metadata.
        const QString named = session.value(QStringLiteral("metadata"))
                                  .toObject()
                                  .value(QStringLiteral("formId"))
                                  .toString();
        const QString reference = session.value(QStringLiteral("client_reference_id")).toString();
        formId = store.formExists(named)  ? named
            : store.formExists(reference) ? reference
                                          : QString();
    }
    const qint64 amount = qint64(session.value(QStringLiteral("amount_total")).toDouble());
    if (formId.isEmpty()) {
        record(pass, FindingKind::paymentWithoutForm(), {}, intent.isEmpty() ? id : intent, intent,
               {{QStringLiteral("sessionId"), id},
                {QStringLiteral("paymentIntent"), intent},
                {QStringLiteral("amount"), double(amount)},
                {QStringLiteral("currency"), session.value(QStringLiteral("currency"))},
                {QStringLiteral("metadata"), session.value(QStringLiteral("metadata"))}});
        return;
    }
    const std::optional<qint64> ordered = store.orderAmountBySession(id);
    if (!ordered) {
        record(pass, FindingKind::paidWithoutWebhook(), formId, id, intent,
               {{QStringLiteral("sessionId"), id},
                {QStringLiteral("paymentIntent"), intent},
                {QStringLiteral("amount"), double(amount)},
                {QStringLiteral("currency"), session.value(QStringLiteral("currency"))},
                // What apply hands to the webhook's code path, as Stripe listed it.
                {QStringLiteral("session"), session}});
    } else if (*ordered != amount) {
        record(pass, FindingKind::amountMismatch(), formId, id, intent,
               {{QStringLiteral("sessionId"), id},
                {QStringLiteral("paymentIntent"), intent},
                {QStringLiteral("stripeAmount"), double(amount)},
                {QStringLiteral("orderAmount"), double(*ordered)},
                {QStringLiteral("currency"), session.value(QStringLiteral("currency"))}});
    }
}

void Reconciler::checkIntent(Pass &pass, const QJsonObject &intent)
{
    if (intent.value(QStringLiteral("status")).toString() != QLatin1String("succeeded"))
        return;
    const QString id = intent.value(QStringLiteral("id")).toString();
    const ReconciliationStore store(m_ctx->db());
    if (id.isEmpty() || store.intentKnown(id))
        return;
    const QString formId = intent.value(QStringLiteral("metadata"))
                               .toObject()
                               .value(QStringLiteral("formId"))
                               .toString();
    if (store.formExists(formId))
        return; // a Checkout payment of a known form: its session is checked (and reported)
    record(pass, FindingKind::paymentWithoutForm(), {}, id, id,
           {{QStringLiteral("paymentIntent"), id},
            {QStringLiteral("amount"), intent.value(QStringLiteral("amount_received"))},
            {QStringLiteral("currency"), intent.value(QStringLiteral("currency"))},
            {QStringLiteral("metadata"), intent.value(QStringLiteral("metadata"))}});
}

void Reconciler::checkRefund(Pass &pass, const QJsonObject &refund)
{
    const QString id = refund.value(QStringLiteral("id")).toString();
    if (id.isEmpty())
        return;
    const QJsonObject metadata = refund.value(QStringLiteral("metadata")).toObject();
    const QString local = metadata.value(QStringLiteral("compose_refund_id")).toString();
    const QString intent = refund.value(QStringLiteral("payment_intent")).toString();
    const QString status = refund.value(QStringLiteral("status")).toString();
    const qint64 amount = qint64(refund.value(QStringLiteral("amount")).toDouble());
    const ReconciliationStore store(m_ctx->db());
    const std::optional<KnownRefund> ours = store.refund(id, local);
    if (ours && ours->status == status && ours->amount == amount)
        return;
    if (ours && ours->status == QLatin1String("pending")
        && ours->id.startsWith(QLatin1String("cr_")))
        return; // our reservation whose answer is on its way: the refund sweep settles it
    QString formId = ours ? ours->formId : QString();
    if (formId.isEmpty())
        formId = PaymentStore(m_ctx->db()).formIdByIntent(intent);
    if (formId.isEmpty() && store.formExists(metadata.value(QStringLiteral("formId")).toString()))
        formId = metadata.value(QStringLiteral("formId")).toString();
    QJsonObject detail {{QStringLiteral("refundId"), id},
                        {QStringLiteral("paymentIntent"), intent},
                        {QStringLiteral("stripeStatus"), status},
                        {QStringLiteral("stripeAmount"), double(amount)},
                        {QStringLiteral("refund"), refund}};
    if (ours) {
        detail.insert(QStringLiteral("ourStatus"), ours->status);
        detail.insert(QStringLiteral("ourAmount"), double(ours->amount));
    } else {
        detail.insert(QStringLiteral("ourStatus"), QJsonValue::Null);
    }
    record(pass, FindingKind::refundMismatch(), formId, id, intent, detail);
}

void Reconciler::finish(const std::shared_ptr<Pass> &pass)
{
    try {
        Db::Transaction tx(m_ctx->db());
        ReconciliationStore(m_ctx->db()).releaseLease(m_owner, ApiContext::now());
        tx.commit();
    } catch (const DbError &e) {
        // The lease lapses by itself.
        qCWarning(lcApi).noquote() << "reconciliation could not release its lease:" << e.message();
    }
    m_running = false;
    emit passFinished(pass->result);
    if (pass->context)
        pass->done(pass->result);
}

} // namespace compose
