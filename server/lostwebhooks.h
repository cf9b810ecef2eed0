#pragma once

#include <QObject>
#include <QStringList>
#include <QUrl>

namespace compose {

class ApiContext;
class Reconciler;

// The demo's lost webhooks: for each form, a checkout through the API's own route, paid at the
// Stripe simulator with its webhook dropped (POST /sim/stripe/sessions/{id}/pay?webhook=drop),
// then one reconciliation pass, which finds them ("paid at Stripe, no webhook"). It runs on the
// server's thread with asynchronous HTTP to itself, so the server answers meanwhile; nothing in
// it changes a payment (that stays the staff's Apply). A form that cannot be checked out (its
// status moved on, e.g. a reused demo database) is skipped.
class LostWebhooks final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LostWebhooks)
public:
    LostWebhooks(ApiContext *context, Reconciler *reconciler, QObject *parent = nullptr);
    void start(const QStringList &formIds);

signals:
    void finished(int paid, int findings);

private:
    void next();
    void checkout(const QString &formId, int attempt = 0);
    void reconcile();

    ApiContext *m_ctx = nullptr;
    Reconciler *m_reconciler = nullptr;
    QStringList m_pending;
    int m_paid = 0;
};

} // namespace compose
