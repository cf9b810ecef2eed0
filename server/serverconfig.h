#pragma once

#include "connectionsettings.h"

#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <atomic>
#include <functional>
#include <memory>

namespace compose {

class RequestGuard;

// Every setting of compose-api in one plain value, filled from the command line by main() or
// by the dashboard's demo mode. Keys and the webhook secret live here in memory only; nothing
// logs this struct.
struct ServerConfig {
    ConnectionSettings database;
    bool migrate = true;

    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 8080; // 0: any free port
    // HTTPS: PEM certificate (chain) and private key files; both empty: plain HTTP (behind a
    // TLS-terminating proxy, README "HTTPS").
    QString tlsCertFile;
    QString tlsKeyFile;

    // Where the outside services are. Empty while simulate is on: the in-process simulators.
    QUrl musicGptBaseUrl;
    QString musicGptKey;
    QUrl stripeBaseUrl;
    QString stripeKey;
    QString stripeWebhookSecret;

    // The address MusicGPT and Stripe should call back (webhooks) and that Checkout returns to.
    // Empty: http://<listen address>:<port>.
    QUrl publicBaseUrl;
    // Base of the customers' share links: {shareBase}/s/{slug}. Empty: the public base URL.
    QUrl shareBase;

    bool simulate = false;
    int simDelayMs = 2000;
    int simFailEvery = 0; // every Nth generation fails; 0 = never
    int simAudioTtlS = 0; // simulated audio files answer 404 this long after creation; 0 = never
    // Demo (with simulate): these forms' checkouts are paid at the Stripe simulator with their
    // webhooks dropped once the server listens, then one reconciliation pass finds them
    // (LostWebhooks), so the "paid at Stripe, no webhook" queue has forms to work.
    QStringList simLostWebhookForms;

    // Delivery (issue 17). holdDeliveries: a paid form waits for staff instead of being
    // delivered by the webhook. SMTP: smtp://host:587 (STARTTLS as smtpTls says) or
    // smtps://host:465; user and password come from the environment only. Empty smtpUrl: the
    // outbox fills and nothing is sent, except with simulate (demo): then a loopback SMTP sink
    // in compose-api receives the mail into compose_mailbox, through the real sending code.
    bool holdDeliveries = false;
    QString smtpUrl;
    QString smtpUser;
    QString smtpPassword;
    QString mailFrom = QStringLiteral("songs@compose.example");
    enum class SmtpTls { Try, Require, Off };
    SmtpTls smtpTls = SmtpTls::Try;
    int mailPollMs = 1000; // how often the sender looks for due messages besides its wake-ups
    int mailRetryBaseMs = 30000; // first retry; doubles per attempt, at most an hour
    int mailMaxAttempts = 12; // then the message is failed and waits for staff (Resend)
    int mailLeaseS = 120; // a claimed message is due again this long after a sender vanished

    int expiryIntervalS = 300;
    int expiryBatchSize = 500; // forms per transaction; the server answers requests between batches

    // Outbound calls to MusicGPT/Stripe give up after this long (the outcome is then unknown).
    int upstreamTimeoutMs = 20000;
    // An Idempotency-Key claim or a refund reservation without an answer for this long belongs to
    // a request that died; longer than upstreamTimeoutMs so a live call is never taken over.
    int idempotencyLeaseS = 60;
    int refundSweepIntervalS = 60;
    // Reconciliation with Stripe's lists (Reconciler): a pass every this many seconds; 0 = off
    // (POST /api/admin/reconcile still runs one).
    int reconcileIntervalS = 300;
    int reconcilePageSize = 100; // objects per list call (Stripe allows 1..100)
    int reconcilePageCap = 10; // pages per list and pass; a capped list resumes next pass
    qint64 maxBodyBytes = 1024 * 1024;

    // Rate limits (issue 16; RequestGuard): token buckets per client address on every route but
    // the webhooks, and per staff token on /api/admin/. 0 per minute turns one off. Behind a
    // reverse proxy every client has the proxy's address: raise the client limit there.
    int rateLimitClientPerMinute = 1200;
    int rateLimitClientBurst = 300;
    int rateLimitStaffPerMinute = 300;
    int rateLimitStaffBurst = 60;
    int rateLimitMaxKeys = 10000; // buckets kept in memory per limit
    // Delivery e-mails per form and hour (deliver + redeliver), counted in compose_outbox so the
    // limit holds across compose-api processes. 0: no limit.
    int mailPerFormPerHour = 10;
    // The socket layer (issue 16): a request whose headers are not complete this long after its
    // first byte is closed (slowloris); a connection with no request in flight and nothing
    // received for idleTimeoutMs is closed; headers above maxHeaderBytes get 431; above
    // maxConnections open connections a new one gets 503 and is closed (0: no cap).
    int headerTimeoutMs = 10000;
    int idleTimeoutMs = 30000;
    qint64 maxHeaderBytes = 64 * 1024;
    int maxConnections = 4096;
    // Shared by the worker threads of one process so that the cap is per process; empty: the
    // server counts its own connections.
    std::shared_ptr<std::atomic<int>> openConnections;
    // The same for the rate limits: one RequestGuard (its buckets) for every worker thread of a
    // process, so a client gets the limit once and not once per worker; empty: the server
    // makes its own.
    std::shared_ptr<RequestGuard> requestGuard;

    // The process model (issue 14). All: one ApiServer does everything (the dashboard's demo,
    // tests). Requests: serves HTTP only; the jobs (expiry, refund sweep, delivery e-mail) run
    // elsewhere. Jobs: runs the jobs and does not listen. reusePort: the listening socket has
    // SO_REUSEPORT so several workers (threads or processes) share one port.
    enum class Role { All, Requests, Jobs };
    Role role = Role::All;
    bool reusePort = false;
    // Requests role: called (on the worker's thread) when a delivery queued e-mail, so the jobs
    // worker's sender wakes at once instead of at its next poll.
    std::function<void()> mailQueued;
};

} // namespace compose
