#include "findingroutes.h"

#include "apicontext.h"
#include "apierror.h"
#include "database.h"
#include "findingstore.h"
#include "jsoninput.h"
#include "paymentroutes.h"
#include "reconciler.h"
#include "staffroutes.h"

#include <QJsonArray>
#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

FindingRoutes::FindingRoutes(ApiContext *context, StaffRoutes *staff, PaymentRoutes *payments,
                             Reconciler *reconciler, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
    , m_staff(staff)
    , m_payments(payments)
    , m_reconciler(reconciler)
    , m_service(
          std::make_unique<FindingService>(context, payments->payments(), payments->refunds()))
{
}

FindingRoutes::~FindingRoutes() = default;

qint64 FindingRoutes::findingId(const HttpRequest &req)
{
    bool ok = false;
    const QString text = req.param(QStringLiteral("id"));
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0 || text.size() > 18)
        throw ApiError(404, QStringLiteral("not_found"),
                       QStringLiteral("\"%1\" is not a finding id.").arg(text.left(40)));
    return id;
}

void FindingRoutes::registerRoutes(HttpServer *server)
{
    using CallPtr = StaffRoutes::CallPtr;
    server->addRoute("GET", QStringLiteral("/api/admin/findings"),
                     [this](const HttpRequest &r, const Exchange &ex) { list(r, ex); });

    server->addRoute("POST", QStringLiteral("/api/admin/findings/{id}/apply"),
                     [this](const HttpRequest &r, const Exchange &ex) {
                         m_staff->action(
                             r, ex, QStringLiteral("apply_finding"),
                             [this](const CallPtr &call, const HttpRequest &req) {
                                 // The body first: bad text is 400 whatever the id.
                                 JsonInput::parse(req.body, true).allowOnly({});
                                 const qint64 id = findingId(req);
                                 call->formId = m_service->require(id, false).formId;
                                 Db::Transaction tx(m_ctx->db());
                                 const FindingService::Applied applied
                                     = m_service->apply(id, call->staff);
                                 m_staff->record(call, 200, applied.body);
                                 tx.commit();
                                 qCInfo(lcApi) << "staff" << call->staff.name << "applied finding"
                                               << id << applied.finding.kind;
                                 if (applied.recorded)
                                     emit m_payments->paymentRecorded(applied.recorded->formId,
                                                                      applied.recorded->orderId,
                                                                      applied.recorded->flag);
                                 m_staff->send(call, 200, applied.body);
                             });
                     });

    server->addRoute(
        "POST", QStringLiteral("/api/admin/findings/{id}/dismiss"),
        [this](const HttpRequest &r, const Exchange &ex) {
            m_staff->action(
                r, ex, QStringLiteral("dismiss_finding"),
                [this](const CallPtr &call, const HttpRequest &req) {
                    // The body first: a bad note is 400 whatever the id.
                    const JsonInput in = JsonInput::parse(req.body, true);
                    in.allowOnly({QStringLiteral("note")});
                    if (!in.has(QStringLiteral("note")))
                        throw ApiError(
                            400, QStringLiteral("missing_field"),
                            QStringLiteral("Dismissing a finding needs a note that "
                                           "says why."),
                            QJsonObject {{QStringLiteral("field"), QStringLiteral("note")}});
                    const QString note = in.requireString(QStringLiteral("note"), 2000).trimmed();
                    if (note.isEmpty())
                        JsonInput::fail(QStringLiteral("note"),
                                        QStringLiteral("The note must say why the finding is "
                                                       "dismissed."));
                    const qint64 id = findingId(req);
                    call->formId = m_service->require(id, false).formId;
                    Db::Transaction tx(m_ctx->db());
                    m_ctx->setActor(call->staff.name);
                    const QJsonObject body = m_service->dismiss(id, call->staff, note);
                    m_staff->record(call, 200, body);
                    tx.commit();
                    m_staff->send(call, 200, body);
                });
        });

    server->addRoute(
        "POST", QStringLiteral("/api/admin/reconcile"),
        [this](const HttpRequest &r, const Exchange &ex) {
            m_staff->action(
                r, ex, QStringLiteral("reconcile"),
                [this](const CallPtr &call, const HttpRequest &req) {
                    JsonInput::parse(req.body, true).allowOnly({});
                    m_reconciler->runPass(this, [this, call](const Reconciler::PassResult &res) {
                        m_staff->guarded(call, [&] {
                            if (!res.ran)
                                throw ApiError::conflict(
                                    QStringLiteral("reconcile_in_progress"),
                                    QStringLiteral("Another reconciliation pass is running "
                                                   "(here or in another compose-api); its "
                                                   "findings will be listed when it ends."));
                            const QJsonObject body {{QStringLiteral("pass"), res.json()}};
                            Db::Transaction tx(m_ctx->db());
                            m_staff->record(call, 200, body);
                            tx.commit();
                            m_staff->send(call, 200, body);
                        });
                    });
                });
        });
}

void FindingRoutes::list(const HttpRequest &req, const Exchange &ex)
{
    m_staff->authenticate(req);
    const QString state
        = req.query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded).isEmpty()
        ? QStringLiteral("open")
        : req.query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);
    if (state != QLatin1String("open") && state != QLatin1String("all"))
        JsonInput::fail(QStringLiteral("state"), QStringLiteral("state is open or all."));
    const QString formId = req.query.queryItemValue(QStringLiteral("formId"), QUrl::FullyDecoded);
    if (!formId.isEmpty() && !JsonInput::isSafeId(formId, 255))
        JsonInput::fail(QStringLiteral("formId"), QStringLiteral("formId is not a form id."));
    QJsonArray out;
    for (const Finding &f :
         FindingStore(m_ctx->db()).list(state == QLatin1String("open"), formId, 500))
        out.append(FindingService::json(f));
    ex->sendJson(200, QJsonObject {{QStringLiteral("findings"), out}});
}

} // namespace compose
