#pragma once

#include "apiclient.h"
#include "formtypes.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace compose {

// What the dashboard may do through compose-api right now, and doing it safely: one place
// that knows the API's state (not configured, unreachable, token rejected, ready), the agent's
// role, and the form's status rules, so buttons and menus all say the same thing about why an
// action is disabled. Each confirmed action is sent once; "Try again" resends the SAME request
// (same Idempotency-Key), so a retry after a timeout can never act twice.
class StaffActions : public QObject {
    Q_OBJECT
public:
    enum class ApiState : quint8 { NotConfigured, Checking, Ready, Unreachable, Rejected };
    Q_ENUM(ApiState)

    explicit StaffActions(ApiClient *client, QObject *parent = nullptr);

    ApiClient *client() const { return m_client; }
    ApiState apiState() const { return m_state; }
    QString apiProblem() const { return m_problem; } // why actions are off (banner text)
    const StaffIdentity &identity() const { return m_identity; }
    bool isReadOnly() const { return m_state != ApiState::Ready; }

    // (Re)checks the API: who am I. Call after changing the URL or token.
    void connectToApi(const QUrl &baseUrl, const QString &token);
    void recheck();

    // Empty when the action can be offered for this form; otherwise the sentence for a tooltip.
    QString blockedReason(StaffAction action, const FormDetail &form) const;
    QString blockedReason(StaffAction action, const FormSummary &form) const;
    bool isBusy(const QString &formId) const { return m_inFlight.contains(formId); }

    // Sends a confirmed action. Returns false (and emits nothing) if an action on this form is
    // already in flight: a double click can never send two.
    bool perform(const ActionRequest &request);

    // Reconciliation findings (compose-api's /api/admin/findings/{id}/…): the request a
    // confirmation sends, with its Idempotency-Key made once, and sending it. A finding without
    // a form is keyed by its id for the in-flight rule.
    static ActionRequest applyFindingRequest(const Finding &finding);
    static ActionRequest dismissFindingRequest(const Finding &finding, const QString &note);
    bool applyFinding(const Finding &finding) { return perform(applyFindingRequest(finding)); }
    bool dismissFinding(const Finding &finding, const QString &note)
    {
        return perform(dismissFindingRequest(finding, note));
    }
    // Refunds one order of a form by its own payment intent (a duplicate payment), in full,
    // reason "duplicate" (admins).
    static ActionRequest refundOrderRequest(const QString &formId, const OrderRow &order);
    bool refundOrder(const QString &formId, const OrderRow &order)
    {
        return perform(refundOrderRequest(formId, order));
    }
    // Empty when a finding can be applied now; otherwise the sentence for a tooltip.
    QString findingBlockedReason(const Finding &finding, bool apply) const;

    // While Ready the API is asked "who am I" every heartbeat so that an API that went away is
    // noticed before an agent clicks; while Unreachable it is retried with backoff.
    void setHeartbeatInterval(int ms) { m_heartbeatMs = ms; }

signals:
    void apiStateChanged(compose::StaffActions::ApiState state, const QString &problem);
    void identityChanged(const compose::StaffIdentity &who);
    void actionStarted(const compose::ActionRequest &request);
    void actionFinished(const compose::ActionResult &result);
    void formChanged(const QString &formId); // after a successful action: reload it

private:
    void setState(ApiState s, const QString &problem);

    ApiClient *m_client = nullptr;
    ApiState m_state = ApiState::NotConfigured;
    QString m_problem;
    StaffIdentity m_identity;
    QHash<QString, ActionRequest> m_inFlight; // form id -> request
    QTimer m_timer;
    int m_heartbeatMs = 15000;
    int m_backoffMs = 1000;
};

} // namespace compose
