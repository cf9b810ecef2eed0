#include "staffactions.h"

#include <QUuid>

#include <algorithm>

namespace compose {

namespace {

// What the in-flight rule keys a finding's action by: its form, or the finding itself.
QString findingKey(const Finding &f)
{
    return f.formId.isEmpty() ? QStringLiteral("finding:%1").arg(f.id) : f.formId;
}

} // namespace

StaffActions::StaffActions(ApiClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_problem
        = tr("No API is configured: the dashboard is read-only. Start it with --api-url and a "
             "staff token (COMPOSE_API_TOKEN) to act on forms.");
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_state == ApiState::Ready || m_state == ApiState::Unreachable)
            m_client->whoAmI(); // no state change to Checking: the banner should not flicker
    });
    connect(m_client, &ApiClient::identityReady, this, [this](const StaffIdentity &who) {
        m_identity = who;
        emit identityChanged(who);
        setState(ApiState::Ready, {});
    });
    connect(m_client, &ApiClient::identityFailed, this, [this](const ApiError &e) {
        m_identity = {};
        emit identityChanged(m_identity);
        const bool rejected
            = e.kind == ApiError::Kind::Unauthorized || e.kind == ApiError::Kind::Forbidden;
        setState(rejected ? ApiState::Rejected : ApiState::Unreachable,
                 tr("Read-only: %1").arg(e.message));
    });
    connect(m_client, &ApiClient::actionFinished, this, [this](quint64, const ActionResult &r) {
        m_inFlight.remove(r.request.formId);
        // A dropped API during an action puts the whole dashboard in read-only mode until the
        // next successful check: safer than offering buttons that cannot work.
        if (r.error.kind == ApiError::Kind::Network)
            setState(ApiState::Unreachable, tr("Read-only: %1").arg(r.error.message));
        else if (r.error.kind == ApiError::Kind::Unauthorized)
            setState(ApiState::Rejected, tr("Read-only: %1").arg(r.error.message));
        emit actionFinished(r);
        if (r.ok() || r.error.kind == ApiError::Kind::Conflict)
            emit formChanged(r.request.formId);
    });
}

void StaffActions::connectToApi(const QUrl &baseUrl, const QString &token)
{
    m_client->setBaseUrl(baseUrl);
    m_client->setToken(token);
    recheck();
}

void StaffActions::recheck()
{
    if (m_client->baseUrl().isEmpty()) {
        setState(
            ApiState::NotConfigured,
            tr("No API is configured: the dashboard is read-only. Start it with --api-url and a "
               "staff token (COMPOSE_API_TOKEN) to act on forms."));
        return;
    }
    if (!m_client->hasToken()) {
        setState(ApiState::Rejected,
                 tr("Read-only: no staff token. Enter one with the \"Staff token…\" button at the "
                    "top of the window."));
        return;
    }
    setState(ApiState::Checking,
             tr("Checking the API at %1…").arg(m_client->baseUrl().toDisplayString()));
    m_client->whoAmI();
}

void StaffActions::setState(ApiState s, const QString &problem)
{
    if (s == ApiState::Ready) {
        m_backoffMs = 1000;
        m_timer.start(m_heartbeatMs);
    } else if (s == ApiState::Unreachable) {
        m_timer.start(m_backoffMs);
        m_backoffMs = std::min(m_backoffMs * 2, 15000);
    } else {
        m_timer.stop();
    }
    if (s == m_state && problem == m_problem)
        return;
    m_state = s;
    m_problem = problem;
    emit apiStateChanged(s, problem);
}

QString StaffActions::blockedReason(StaffAction action, const FormSummary &form) const
{
    if (m_state != ApiState::Ready)
        return m_problem.isEmpty() ? tr("The API is not available.") : m_problem;
    if (action == StaffAction::Refund && !m_identity.isAdmin())
        return tr("Refunds need the admin role; you are signed in as %1 (%2).")
            .arg(m_identity.name, m_identity.role);
    if (m_inFlight.contains(form.id))
        return tr("An action on this form is in progress.");
    return Status::actionBlockedReason(action, form.status);
}

QString StaffActions::blockedReason(StaffAction action, const FormDetail &form) const
{
    QString why = blockedReason(action, form.summary);
    if (!why.isEmpty())
        return why;
    if (action == StaffAction::RetryGeneration
        && std::none_of(form.variations.cbegin(), form.variations.cend(),
                        [](const VariationRow &v) { return v.isFailed(); }))
        return tr("No variation of this form has failed (a failed one that was retried counts by "
                  "its new attempt): there is nothing to retry.");
    if (action == StaffAction::Refund
        && (!form.summary.amountPaidCents || *form.summary.amountPaidCents <= 0))
        return tr("The form has no recorded payment amount to refund.");
    if (action == StaffAction::Refund && form.summary.paymentIntentId.isEmpty())
        return tr("The form has no Stripe payment intent to refund.");
    return {};
}

ActionRequest StaffActions::applyFindingRequest(const Finding &f)
{
    ActionRequest r;
    r.formId = findingKey(f);
    r.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.description = tr("Apply finding %1 (%2)").arg(f.id).arg(f.kind);
    r.path = QStringLiteral("/api/admin/findings/%1/apply").arg(f.id);
    return r;
}

ActionRequest StaffActions::dismissFindingRequest(const Finding &f, const QString &note)
{
    ActionRequest r;
    r.formId = findingKey(f);
    r.body = {{QStringLiteral("note"), note}};
    r.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    r.description = tr("Dismiss finding %1 (%2)").arg(f.id).arg(f.kind);
    r.path = QStringLiteral("/api/admin/findings/%1/dismiss").arg(f.id);
    return r;
}

ActionRequest StaffActions::refundOrderRequest(const QString &formId, const OrderRow &order)
{
    ActionRequest r
        = ActionRequest::make(formId, StaffAction::Refund,
                              QJsonObject {{QStringLiteral("reason"), QStringLiteral("duplicate")}},
                              tr("Refund the duplicate payment %1 (order %2) of form %3")
                                  .arg(order.amount.display(), order.id, formId));
    r.path = QStringLiteral("/api/admin/forms/%1/orders/%2/refund")
                 .arg(QString::fromUtf8(QUrl::toPercentEncoding(formId)),
                      QString::fromUtf8(QUrl::toPercentEncoding(order.id)));
    return r;
}

QString StaffActions::findingBlockedReason(const Finding &f, bool apply) const
{
    if (m_state != ApiState::Ready)
        return m_problem.isEmpty() ? tr("The API is not available.") : m_problem;
    if (m_inFlight.contains(findingKey(f)))
        return tr("An action on this form is in progress.");
    if (!f.isOpen())
        return tr("This finding was already resolved.");
    if (apply && f.kind != FindingKind::paidWithoutWebhook()
        && f.kind != FindingKind::refundMismatch())
        return tr("There is nothing to apply for this kind of finding: deal with it at Stripe, "
                  "then dismiss it with a note.");
    return {};
}

bool StaffActions::perform(const ActionRequest &request)
{
    if (m_inFlight.contains(request.formId) || m_state != ApiState::Ready)
        return false;
    m_inFlight.insert(request.formId, request);
    emit actionStarted(request);
    m_client->perform(request);
    return true;
}

} // namespace compose
