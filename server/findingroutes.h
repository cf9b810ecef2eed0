#pragma once

#include "findingservice.h"
#include "httpserver.h"

#include <QObject>

#include <memory>

namespace compose {

class ApiContext;
class PaymentRoutes;
class Reconciler;
class StaffRoutes;

// The staff routes of reconciliation: GET /api/admin/findings, POST
// /api/admin/findings/{id}/apply and …/dismiss, POST /api/admin/reconcile. Authentication, the
// audit row and the Idempotency-Key rule are StaffRoutes' (the same as every staff action); the
// work is FindingService's and the Reconciler's.
class FindingRoutes final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingRoutes)
public:
    FindingRoutes(ApiContext *context, StaffRoutes *staff, PaymentRoutes *payments,
                  Reconciler *reconciler, QObject *parent = nullptr);
    ~FindingRoutes() override;
    void registerRoutes(HttpServer *server);

private:
    void list(const HttpRequest &req, const Exchange &ex);
    static qint64 findingId(const HttpRequest &req);

    ApiContext *m_ctx = nullptr;
    StaffRoutes *m_staff = nullptr;
    PaymentRoutes *m_payments = nullptr;
    Reconciler *m_reconciler = nullptr;
    std::unique_ptr<FindingService> m_service;
};

} // namespace compose
