#pragma once

#include "serverconfig.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>

namespace compose {

class ApiContext;
class DeliveryService;
class FindingRoutes;
class Reconciler;
class Mailer;
class SharePage;
class SmtpSink;
class FormRoutes;
class GenerationRoutes;
class HttpServer;
class MusicGptSimulator;
class Outbound;
class PaymentRoutes;
class StaffRoutes;
class StripeSimulator;

// compose-api in one object: its database connection, the routes, the simulators when asked
// for, and the expiry job. Everything it owns lives in the thread that calls start().
class ApiServer : public QObject {
    Q_OBJECT
public:
    explicit ApiServer(ServerConfig config, QObject *parent = nullptr);
    ~ApiServer() override;

    // Opens the database, applies migrations (unless config.migrate is false), listens.
    bool start(QString *error);
    QUrl baseUrl() const;
    quint16 port() const { return m_port; }
    QStringList routeList() const; // every route of the router, "METHOD /pattern"

    // Creates the staff account or gives it a new token; returns the token. Throws DbError.
    QString addStaff(const QString &name, const QString &role);
    // Moves unpaid forms past expires_at to expired in batches of config.expiryBatchSize, one
    // transaction each, returning to the event loop between batches. Also runs on a timer.
    void expireForms();
    // Tells the delivery e-mail sender that mail was queued (by another worker).
    void wakeMailer();

private:
    void adoptKnownPayments();
    void expireNextBatch();
    bool holdsJobLease();
    bool m_heldJobLease = false;
    ServerConfig m_config;
    QString m_connectionName;
    quint16 m_port = 0;
    Outbound *m_outbound = nullptr;
    HttpServer *m_http = nullptr;
    std::unique_ptr<ApiContext> m_ctx;
    std::unique_ptr<FormRoutes> m_forms;
    GenerationRoutes *m_generation = nullptr;
    PaymentRoutes *m_payments = nullptr;
    StaffRoutes *m_staff = nullptr;
    Reconciler *m_reconciler = nullptr;
    FindingRoutes *m_findings = nullptr;
    MusicGptSimulator *m_musicGptSim = nullptr;
    StripeSimulator *m_stripeSim = nullptr;
    std::unique_ptr<DeliveryService> m_deliveries;
    std::unique_ptr<SharePage> m_sharePage;
    SmtpSink *m_sink = nullptr;
    Mailer *m_mailer = nullptr;
    void startMail();
    QTimer m_expiryTimer;
    QTimer m_sweepTimer;
    QTimer m_reconcileTimer;
    bool m_expiryRunning = false;
    qint64 m_expiredInRun = 0;
    int m_expiryBatch = 0; // current batch size, adapted to how long a batch takes
};

} // namespace compose
