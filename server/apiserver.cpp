#include "apiserver.h"

#include "apicontext.h"
#include "database.h"
#include "deliveryservice.h"
#include "findingroutes.h"
#include "formroutes.h"
#include "generationroutes.h"
#include "httpserver.h"
#include "jobleasestore.h"
#include "logredact.h"
#include "lostwebhooks.h"
#include "mailboxstore.h"
#include "mailer.h"
#include "migrator.h"
#include "musicgptsimulator.h"
#include "orderrefundroutes.h"
#include "outbound.h"
#include "paymentroutes.h"
#include "reconciler.h"
#include "requestguard.h"
#include "sharepage.h"
#include "smtpsink.h"
#include "staffaccounts.h"
#include "staffroutes.h"
#include "stripesimulator.h"
#include "tlslistener.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTcpServer>
#include <QUuid>

Q_LOGGING_CATEGORY(lcApi, "compose.api")

namespace compose {

ApiServer::ApiServer(ServerConfig config, QObject *parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_connectionName(QStringLiteral("compose-api-")
                       + QUuid::createUuid().toString(QUuid::Id128).left(12))
{
}

ApiServer::~ApiServer()
{
    m_expiryTimer.stop();
    m_sweepTimer.stop();
    m_reconcileTimer.stop();
    delete m_mailer; // stops its thread and closes its connection before the database goes
    m_mailer = nullptr;
    delete m_http; // no request may reach the routes while they are torn down
    m_http = nullptr;
    m_ctx.reset();
    if (QSqlDatabase::contains(m_connectionName))
        Db::close(m_connectionName);
}

bool ApiServer::start(QString *error)
{
    // The simulators take fake payments and serve a test mailbox: never on a reachable address.
    if (m_config.simulate && !m_config.listenAddress.isLoopback()) {
        *error = tr("--simulate listens on loopback only (127.0.0.1 or ::1), not on %1.")
                     .arg(m_config.listenAddress.toString());
        return false;
    }
    try {
        QSqlDatabase db = Db::open(m_config.database, m_connectionName);
        if (m_config.migrate) {
            const QStringList applied = Migrator(db).migrate();
            if (!applied.isEmpty())
                qCInfo(lcApi) << "applied migrations:" << applied;
        }
        if (!Db::hasTable(db, QStringLiteral("compose_staff"))) {
            *error = tr("The database has no compose-api tables; start without --no-migrate once.");
            return false;
        }
    } catch (const DbError &e) {
        *error = e.message();
        return false;
    }

    m_outbound = new Outbound(this);
    m_http = new HttpServer(this);
    m_http->setMaxBodyBytes(m_config.maxBodyBytes);
    const std::shared_ptr<RequestGuard> guard
        = m_config.requestGuard ? m_config.requestGuard : std::make_shared<RequestGuard>(m_config);
    m_http->setRequestFilter(
        [guard](const HttpRequest &request, const Exchange &) { guard->check(request); });
    m_ctx = std::make_unique<ApiContext>(m_config, m_connectionName, m_outbound);
    m_deliveries = std::make_unique<DeliveryService>(m_ctx.get());
    m_ctx->setDeliveries(m_deliveries.get());
    m_sharePage = std::make_unique<SharePage>(m_ctx.get());
    m_forms = std::make_unique<FormRoutes>(m_ctx.get());
    m_generation = new GenerationRoutes(m_ctx.get(), this);
    m_payments = new PaymentRoutes(m_ctx.get(), this);
    m_staff = new StaffRoutes(m_ctx.get(), m_generation, m_payments, this);
    m_forms->registerRoutes(m_http);
    m_generation->registerRoutes(m_http);
    m_payments->registerRoutes(m_http);
    m_staff->registerRoutes(m_http);
    m_reconciler = new Reconciler(m_ctx.get(), this);
    m_reconciler->setPageSize(m_config.reconcilePageSize);
    m_reconciler->setPageCap(m_config.reconcilePageCap);
    m_findings = new FindingRoutes(m_ctx.get(), m_staff, m_payments, m_reconciler, this);
    m_findings->registerRoutes(m_http);
    (new OrderRefundRoutes(m_ctx.get(), m_staff, m_payments->refunds(), this))
        ->registerRoutes(m_http);
    m_sharePage->registerRoutes(m_http);
    if (m_config.simulate) {
        m_musicGptSim = new MusicGptSimulator(m_outbound, m_config.simDelayMs,
                                              m_config.simFailEvery, m_config.simAudioTtlS, this);
        m_stripeSim = new StripeSimulator(m_outbound, m_ctx->stripeWebhookSecret(), this);
        m_musicGptSim->registerRoutes(m_http);
        m_stripeSim->registerRoutes(m_http);
    }
    m_http->addRoute("GET", QStringLiteral("/api/health"),
                     [](const HttpRequest &, const Exchange &ex) {
                         ex->sendJson(200, QJsonObject {{QStringLiteral("ok"), true}});
                     });

    if (m_config.role != ServerConfig::Role::Jobs) {
        std::optional<QSslConfiguration> tls;
        if (!m_config.tlsCertFile.isEmpty() || !m_config.tlsKeyFile.isEmpty()) {
            QString tlsError;
            tls = TlsListener::loadServerConfiguration(m_config.tlsCertFile, m_config.tlsKeyFile,
                                                       &tlsError);
            if (!tls) {
                *error = tlsError;
                return false;
            }
            // HTTPS is served by QSslServer without the socket layer's guard and without
            // SO_REUSEPORT (main() runs one request worker then); behind a TLS-terminating
            // proxy compose-api keeps both.
            if (QTcpServer *listener
                = TlsListener::listen(m_http, m_config.listenAddress, m_config.port, tls)) {
                m_http->bind(listener);
                m_port = listener->serverPort();
            }
        } else {
            HttpServer::SocketOptions socket;
            socket.maxHeaderBytes = m_config.maxHeaderBytes;
            socket.headerTimeoutMs = m_config.headerTimeoutMs;
            socket.idleTimeoutMs = m_config.idleTimeoutMs;
            socket.maxConnections = m_config.maxConnections;
            socket.openConnections = m_config.openConnections;
            socket.reusePort = m_config.reusePort;
            m_port = m_http->listenGuarded(m_config.listenAddress, m_config.port, socket);
        }
        if (m_port == 0) {
            *error = tr("Cannot listen on %1:%2 (in use or not allowed).")
                         .arg(m_config.listenAddress.toString())
                         .arg(m_config.port);
            return false;
        }
        m_ctx->setPublicBase(baseUrl());
    }
    if (m_config.simulate) {
        adoptKnownPayments();
        m_musicGptSim->setBaseUrl(m_ctx->publicBase());
        m_stripeSim->setBaseUrl(m_ctx->publicBase());
        QUrl hook = m_ctx->publicBase();
        hook.setPath(hook.path() + QStringLiteral("/api/stripe/webhook"));
        m_stripeSim->setWebhookUrl(hook);
        if (!m_config.simLostWebhookForms.isEmpty()) {
            // From the event loop, once the server answers its own requests.
            auto *lost = new LostWebhooks(m_ctx.get(), m_reconciler, this);
            QTimer::singleShot(
                0, lost, [lost, forms = m_config.simLostWebhookForms] { lost->start(forms); });
        }
    }
    if (!m_config.simulate
        && (m_ctx->musicGptKey().isEmpty() || m_ctx->stripeKey().isEmpty()
            || m_ctx->stripeWebhookSecret().isEmpty()))
        qCWarning(lcApi) << "COMPOSE_MUSICGPT_KEY, COMPOSE_STRIPE_KEY or "
                            "COMPOSE_STRIPE_WEBHOOK_SECRET is not set;"
                            " calls to those services will be refused";
    if (m_config.role == ServerConfig::Role::Requests) {
        // The jobs worker sends the mail; tell it when a delivery has queued some.
        if (m_config.mailQueued)
            m_deliveries->setOnQueued(m_config.mailQueued);
        return true; // no jobs on the request path
    }
    if (m_config.role != ServerConfig::Role::Jobs) {
        // The address really listened on (0.0.0.0: every interface), not only where clients on
        // this machine reach it (baseUrl() says 127.0.0.1 for 0.0.0.0).
        QUrl listening = baseUrl();
        listening.setHost(m_config.listenAddress.toString());
        qCInfo(lcApi).noquote() << "compose-api listening on" << listening.toString()
                                << (listening == baseUrl()
                                        ? QString()
                                        : QStringLiteral("(here: %1)").arg(baseUrl().toString()))
                                << "database" << m_config.database.displayName()
                                << (m_config.simulate ? "(simulators on)" : "");
    }

    startMail();
    connect(&m_expiryTimer, &QTimer::timeout, this, &ApiServer::expireForms);
    m_expiryTimer.start(qMax(1, m_config.expiryIntervalS) * 1000);
    // Not before returning: the first batch runs from the event loop, after the server listens.
    QTimer::singleShot(0, this, &ApiServer::expireForms);
    connect(&m_sweepTimer, &QTimer::timeout, this, [this] {
        if (holdsJobLease())
            m_staff->sweepRefunds();
    });
    m_sweepTimer.start(qMax(1, m_config.refundSweepIntervalS) * 1000);
    if (m_config.reconcileIntervalS > 0) {
        connect(&m_reconcileTimer, &QTimer::timeout, m_reconciler, &Reconciler::runScheduled);
        m_reconcileTimer.start(m_config.reconcileIntervalS * 1000);
    }
    return true;
}

void ApiServer::adoptKnownPayments()
{
    // The simulator keeps payments in memory; paid forms already in the database (demo data,
    // or paid before this process started) must stay refundable as they would be at Stripe.
    try {
        int n = 0;
        for (const FormStore::Payment &p : m_ctx->forms().payments()) {
            m_stripeSim->adoptPayment(p.paymentIntentId, p.amountPaid, QStringLiteral("usd"),
                                      p.refunded);
            ++n;
        }
        qCInfo(lcApi) << "Stripe simulator knows" << n << "payments from the database";
    } catch (const DbError &e) {
        qCWarning(lcApi).noquote()
            << "could not load payments for the Stripe simulator:" << e.message();
    }
}

void ApiServer::startMail()
{
    QString smtpUrl = m_config.smtpUrl;
    if (smtpUrl.isEmpty() && m_config.simulate) {
        // Demo: the mail goes to a loopback SMTP sink through the real sender, and lands in
        // compose_mailbox for the dashboard's Mailbox window.
        m_sink = new SmtpSink(this);
        if (m_sink->listen()) {
            smtpUrl = m_sink->url();
            connect(m_sink, &SmtpSink::received, this, [this](const SmtpSink::Message &m) {
                try {
                    MailboxStore(m_ctx->db())
                        .append({m.messageId, m.from, m.to, m.subject, m.text, m.raw,
                                 ApiContext::now()});
                } catch (const DbError &e) {
                    qCWarning(lcApi).noquote()
                        << "demo mailbox:" << LogRedact::dbError(e.message());
                }
            });
        } else {
            qCWarning(lcApi) << "the demo mailbox could not listen on loopback";
        }
    }
    if (smtpUrl.isEmpty()) {
        qCWarning(lcApi)
            << "no SMTP server is configured (COMPOSE_SMTP_URL / --smtp-url): delivery e-mails stay"
               " queued in compose_outbox and nothing is sent";
        return;
    }
    m_mailer = new Mailer(m_config, smtpUrl, this);
    m_deliveries->setOnQueued([this] {
        // Queued to this thread's loop: runs after the request's transaction has committed.
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_mailer)
                    m_mailer->wake();
            },
            Qt::QueuedConnection);
    });
    m_mailer->start();
    qCInfo(lcApi).noquote() << "sending delivery e-mail through"
                            << QUrl(smtpUrl).toString(QUrl::RemoveUserInfo);
}

void ApiServer::wakeMailer()
{
    if (m_mailer)
        m_mailer->wake();
}

QUrl ApiServer::baseUrl() const
{
    QUrl u;
    u.setScheme(m_config.tlsCertFile.isEmpty() ? QStringLiteral("http") : QStringLiteral("https"));
    QHostAddress host = m_config.listenAddress;
    if (host == QHostAddress::Any || host == QHostAddress::AnyIPv4)
        host = QHostAddress::LocalHost;
    u.setHost(host.toString());
    u.setPort(m_port);
    return u;
}

QStringList ApiServer::routeList() const
{
    return m_http ? m_http->routeList() : QStringList();
}

QString ApiServer::addStaff(const QString &name, const QString &role)
{
    return StaffAccounts::createOrRekey(m_ctx->db(), name, role);
}

void ApiServer::expireForms()
{
    if (m_expiryRunning)
        return; // the running job continues until nothing is left
    if (!holdsJobLease())
        return;
    m_expiryRunning = true;
    m_expiredInRun = 0;
    expireNextBatch();
}

bool ApiServer::holdsJobLease()
{
    // Several compose-api processes on one database: the one holding the lease runs the jobs,
    // the others try again at their next tick (and take over when its connection is gone).
    if (m_config.role != ServerConfig::Role::Jobs)
        return true;
    try {
        const bool held = JobLeaseStore(m_ctx->db()).holdOrTake();
        if (held != m_heldJobLease)
            qCInfo(lcApi) << (held ? "this process runs the background jobs"
                                   : "another process runs the background jobs");
        m_heldJobLease = held;
    } catch (const DbError &e) {
        qCWarning(lcApi).noquote() << "job lease:" << e.message();
        m_heldJobLease = false;
    }
    return m_heldJobLease;
}

void ApiServer::expireNextBatch()
{
    // One bounded UPDATE per batch, then back to the event loop: a million expirable forms
    // must not keep the thread that serves requests (it is the same thread) for minutes.
    // SKIP LOCKED leaves forms that another process (or a payment) holds to them.
    // The batch adapts to what a batch costs here (triggers, load): about 100 ms each, so a
    // request waits at most about that long; never more than expiryBatchSize forms.
    const int maxBatch = qMax(1, m_config.expiryBatchSize);
    if (m_expiryBatch <= 0 || m_expiryBatch > maxBatch)
        m_expiryBatch = maxBatch;
    const int batch = m_expiryBatch;
    QElapsedTimer took;
    took.start();
    int expired = 0;
    try {
        QStringList from;
        for (const FormStatus s : Status::all()) {
            if (s != FormStatus::Expired && Status::canTransition(s, FormStatus::Expired))
                from << Status::key(s);
        }
        Db::Transaction tx(m_ctx->db());
        m_ctx->setActor(QStringLiteral("system"));
        expired = m_ctx->forms().expireDue(from, batch, ApiContext::now());
        tx.commit();
    } catch (const DbError &e) {
        qCWarning(lcApi).noquote() << "expiry job failed:" << LogRedact::dbError(e.message());
        expired = 0;
    }
    m_expiredInRun += expired;
    if (took.elapsed() > 150)
        m_expiryBatch = qMax(20, batch / 2);
    else if (took.elapsed() < 50)
        m_expiryBatch = qMin(maxBatch, batch * 2);
    if (expired >= batch) {
        QTimer::singleShot(0, this, &ApiServer::expireNextBatch);
        return;
    }
    m_expiryRunning = false;
    if (m_expiredInRun > 0)
        qCInfo(lcApi) << "expired" << m_expiredInRun << "unpaid form(s)";
}

} // namespace compose
