#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>

namespace compose {

class ApiContext;

// Compares what Stripe knows with the books: lists Checkout Sessions, payment intents and refunds
// created since the last pass (Stripe's list endpoints, created[gte] less a small overlap,
// starting_after paging) and writes a finding for each difference. It never changes a payment:
// staff apply or dismiss findings (FindingService). A pass is bounded (pages of pageSize, at most
// pageCap pages per list; a capped list resumes where it stopped next time), runs its HTTP
// asynchronously off the request path, and takes a lease row first, so several compose-api
// processes never run passes at once; UNIQUE (kind, stripe_object_id) is the last guard.
class Reconciler final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Reconciler)
public:
    explicit Reconciler(ApiContext *context, QObject *parent = nullptr);

    struct PassResult {
        bool ran = false; // false: another pass (here or in another process) holds the lease
        bool complete = true; // every list was read to its end (not capped, no error)
        int listed = 0; // Stripe objects looked at
        int recorded = 0; // new findings
        QString error; // the first error (Stripe unreachable, database), if any
        QJsonObject json() const;
    };
    using Done = std::function<void(const PassResult &)>;

    // Starts one pass; done (bound to context) is called when it ends.
    void runPass(QObject *context, Done done);
    // For the timer: a pass whose result is only logged.
    void runScheduled();

    void setPageSize(int n) { m_pageSize = qBound(1, n, 100); }
    void setPageCap(int n) { m_pageCap = qMax(1, n); }
    // Seconds before a cursor that a fresh pass lists again: objects created in the same second
    // as the last pass, or committed at Stripe a little late, are not missed.
    static constexpr qint64 overlapSeconds = 300;
    static QStringList objectTypes();

signals:
    void passFinished(const compose::Reconciler::PassResult &result);

private:
    struct Pass;
    void nextList(const std::shared_ptr<Pass> &pass);
    void fetchPage(const std::shared_ptr<Pass> &pass);
    // In one transaction: findings of the page's objects, the cursor, the lease renewed.
    // Returns false when the lease was lost (another process took it over).
    bool processPage(Pass &pass, const QJsonObject &page);
    void finish(const std::shared_ptr<Pass> &pass);

    void checkSession(Pass &pass, const QJsonObject &session);
    void checkIntent(Pass &pass, const QJsonObject &intent);
    void checkRefund(Pass &pass, const QJsonObject &refund);
    void record(Pass &pass, const QString &kind, const QString &formId, const QString &objectId,
                const QString &intent, const QJsonObject &detail);

    int leaseSeconds() const;

    ApiContext *m_ctx = nullptr;
    QString m_owner; // this process's name on the lease row
    int m_pageSize = 100;
    int m_pageCap = 10;
    bool m_running = false;
};

} // namespace compose
