#include "apiserver.h"
#include "connectionsettings.h"
#include "database.h"
#include "limitoptions.h"
#include "migrator.h"
#include "staffaccounts.h"
#include "workerpool.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <QThread>

#include <csignal>

using namespace compose;

namespace {
void onSignal(int)
{
    QCoreApplication::quit();
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("compose-api"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "The shop's HTTP API (seed endpoints + staff endpoints). Keys come from the environment: "
        "COMPOSE_MUSICGPT_KEY, COMPOSE_STRIPE_KEY, COMPOSE_STRIPE_WEBHOOK_SECRET; delivery e-mail: "
        "COMPOSE_SMTP_URL, COMPOSE_SMTP_USER, COMPOSE_SMTP_PASSWORD, COMPOSE_MAIL_FROM."));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption dbOpt(
        QStringLiteral("database-url"),
        QStringLiteral("postgresql://user@host:port/db or sqlite:///path/file.db "
                       "(default: $COMPOSE_DATABASE_URL)."),
        QStringLiteral("url"), qEnvironmentVariable("COMPOSE_DATABASE_URL"));
    const QCommandLineOption listenOpt(QStringLiteral("listen"),
                                       QStringLiteral("Address to listen on."),
                                       QStringLiteral("address"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption portOpt(QStringLiteral("port"),
                                     QStringLiteral("Port (0: any free port)."),
                                     QStringLiteral("port"), QStringLiteral("8080"));
    const QCommandLineOption tlsCertOpt(
        QStringLiteral("tls-cert"),
        QStringLiteral("Serve HTTPS with this PEM certificate (its chain may follow it)."),
        QStringLiteral("file"), qEnvironmentVariable("COMPOSE_TLS_CERT"));
    const QCommandLineOption tlsKeyOpt(
        QStringLiteral("tls-key"),
        QStringLiteral("The unencrypted PEM private key of --tls-cert (keep it 0600)."),
        QStringLiteral("file"), qEnvironmentVariable("COMPOSE_TLS_KEY"));
    const QCommandLineOption noMigrateOpt(QStringLiteral("no-migrate"),
                                          QStringLiteral("Do not apply migrations."));
    const QCommandLineOption simOpt(
        QStringLiteral("simulate"),
        QStringLiteral("Serve MusicGPT and Stripe simulators under /sim/ and use them."));
    const QCommandLineOption delayOpt(QStringLiteral("sim-delay-ms"),
                                      QStringLiteral("Simulated generation time."),
                                      QStringLiteral("ms"), QStringLiteral("2000"));
    const QCommandLineOption failOpt(
        QStringLiteral("sim-fail-every"),
        QStringLiteral("Every Nth simulated generation fails (0: none)."), QStringLiteral("n"),
        QStringLiteral("0"));
    const QCommandLineOption ttlOpt(
        QStringLiteral("sim-audio-ttl-s"),
        QStringLiteral("Simulated audio answers 404 this long after it is ready (0: never)."),
        QStringLiteral("s"), QStringLiteral("0"));
    const QCommandLineOption musicOpt(QStringLiteral("musicgpt-url"),
                                      QStringLiteral("MusicGPT base URL."), QStringLiteral("url"),
                                      qEnvironmentVariable("COMPOSE_MUSICGPT_URL"));
    const QCommandLineOption stripeOpt(
        QStringLiteral("stripe-url"), QStringLiteral("Stripe API base URL."), QStringLiteral("url"),
        qEnvironmentVariable("COMPOSE_STRIPE_URL"));
    const QCommandLineOption publicOpt(
        QStringLiteral("public-url"),
        QStringLiteral("Base URL the services call back (default: the listen address)."),
        QStringLiteral("url"));
    const QCommandLineOption shareOpt(
        QStringLiteral("share-base"),
        QStringLiteral("Base of share links ({base}/s/{slug}; default: the public URL)."),
        QStringLiteral("url"), qEnvironmentVariable("COMPOSE_SHARE_BASE"));
    const QCommandLineOption holdOpt(
        QStringLiteral("hold-deliveries"),
        QStringLiteral("Do not deliver on payment; paid forms wait for staff "
                       "(also COMPOSE_HOLD_DELIVERIES=1)."));
    const QCommandLineOption smtpOpt(
        QStringLiteral("smtp-url"),
        QStringLiteral("SMTP server: smtp://host:587 (STARTTLS) or smtps://host:465 "
                       "(default: $COMPOSE_SMTP_URL; user and password only from "
                       "COMPOSE_SMTP_USER / COMPOSE_SMTP_PASSWORD)."),
        QStringLiteral("url"), qEnvironmentVariable("COMPOSE_SMTP_URL"));
    const QCommandLineOption tlsOpt(
        QStringLiteral("smtp-tls"),
        QStringLiteral("STARTTLS on smtp://: try (if offered), require, off."),
        QStringLiteral("mode"), QStringLiteral("try"));
    const QCommandLineOption fromOpt(
        QStringLiteral("mail-from"), QStringLiteral("Sender address of delivery e-mail."),
        QStringLiteral("address"),
        qEnvironmentVariable("COMPOSE_MAIL_FROM", QStringLiteral("songs@compose.example")));
    const QCommandLineOption retryOpt(
        QStringLiteral("mail-retry-ms"),
        QStringLiteral("First retry of a failed e-mail; doubles per attempt."),
        QStringLiteral("ms"), QStringLiteral("30000"));
    const QCommandLineOption attemptsOpt(
        QStringLiteral("mail-max-attempts"),
        QStringLiteral("Attempts before an e-mail is marked failed."), QStringLiteral("n"),
        QStringLiteral("12"));
    const QCommandLineOption mailLeaseOpt(
        QStringLiteral("mail-lease-s"),
        QStringLiteral("A claimed e-mail is retried this long after its sender vanished."),
        QStringLiteral("s"), QStringLiteral("120"));
    const QCommandLineOption pollOpt(QStringLiteral("mail-poll-ms"),
                                     QStringLiteral("How often the outbox is checked."),
                                     QStringLiteral("ms"), QStringLiteral("1000"));
    const QCommandLineOption expiryOpt(
        QStringLiteral("expiry-interval-s"),
        QStringLiteral("How often unpaid forms past expires_at are expired."), QStringLiteral("s"),
        QStringLiteral("300"));
    const QCommandLineOption timeoutOpt(
        QStringLiteral("upstream-timeout-ms"),
        QStringLiteral("How long a call to MusicGPT or Stripe may take."), QStringLiteral("ms"),
        QStringLiteral("20000"));
    const QCommandLineOption leaseOpt(
        QStringLiteral("idempotency-lease-s"),
        QStringLiteral("After this long without an answer, a staff request's Idempotency-Key "
                       "may be re-driven by a retry and its refund settled by the sweep "
                       "(longer than --upstream-timeout-ms)."),
        QStringLiteral("s"), QStringLiteral("60"));
    const QCommandLineOption sweepOpt(
        QStringLiteral("refund-sweep-interval-s"),
        QStringLiteral("How often refunds with an unknown outcome are settled with Stripe."),
        QStringLiteral("s"), QStringLiteral("60"));
    const QCommandLineOption reconcileOpt(
        QStringLiteral("reconcile-interval"),
        QStringLiteral("How often (seconds) Stripe's lists are compared with the database; 0 = "
                       "off."),
        QStringLiteral("s"), QStringLiteral("300"));
    const QCommandLineOption staffOpt(
        QStringLiteral("add-staff"),
        QStringLiteral("Create (or re-key) a staff account, print its token once, exit."),
        QStringLiteral("name"));
    const QCommandLineOption roleOpt(QStringLiteral("role"),
                                     QStringLiteral("Role for --add-staff: agent or admin."),
                                     QStringLiteral("role"), QStringLiteral("agent"));
    const QCommandLineOption workersOpt(
        QStringLiteral("workers"),
        QStringLiteral("Request workers (threads sharing the port); the jobs run on one more "
                       "(default: four per core, at least 4; 1 with --simulate). Each has its own "
                       "database connection."),
        QStringLiteral("n"));
    const QCommandLineOption maxConnOpt(
        QStringLiteral("max-connections"),
        QStringLiteral("Open connections above which a new one gets 503 (0: no cap)."),
        QStringLiteral("n"), QStringLiteral("4096"));
    const QCommandLineOption headerTimeoutOpt(
        QStringLiteral("header-timeout-ms"),
        QStringLiteral("A request's headers must arrive within this long of its first byte."),
        QStringLiteral("ms"), QStringLiteral("10000"));
    const QCommandLineOption idleTimeoutOpt(
        QStringLiteral("idle-timeout-ms"),
        QStringLiteral("A connection with nothing to do is closed after this long."),
        QStringLiteral("ms"), QStringLiteral("30000"));
    p.addOptions({workersOpt, maxConnOpt, headerTimeoutOpt, idleTimeoutOpt});
    p.addOptions({dbOpt,    listenOpt, portOpt,     noMigrateOpt, simOpt,   delayOpt,    failOpt,
                  ttlOpt,   musicOpt,  stripeOpt,   publicOpt,    shareOpt, expiryOpt,   timeoutOpt,
                  leaseOpt, sweepOpt,  staffOpt,    roleOpt,      holdOpt,  smtpOpt,     tlsOpt,
                  fromOpt,  retryOpt,  attemptsOpt, mailLeaseOpt, pollOpt,  reconcileOpt});
    const LimitOptions limits;
    limits.addTo(p);
    p.addOptions({tlsCertOpt, tlsKeyOpt});
    p.process(app);

    QTextStream err(stderr);
    auto fail = [&](const QString &message) {
        err << "compose-api: " << message << Qt::endl;
        return 2;
    };
    QString dbError;
    const auto settings = ConnectionSettings::fromUrl(p.value(dbOpt), &dbError);
    if (p.value(dbOpt).isEmpty() || !settings || !settings->isValid())
        return fail(p.value(dbOpt).isEmpty()
                        ? QStringLiteral("give --database-url (or COMPOSE_DATABASE_URL)")
                        : QStringLiteral("bad --database-url: %1").arg(dbError));
    auto intOption = [&](const QCommandLineOption &o, int min, int max, bool *ok) {
        bool parsed = false;
        const int v = p.value(o).toInt(&parsed);
        if (!parsed || v < min || v > max) {
            *ok = false;
            fail(QStringLiteral("--%1 must be a number from %2 to %3")
                     .arg(o.names().first())
                     .arg(min)
                     .arg(max));
        }
        return v;
    };
    bool ok = true;
    ServerConfig config;
    config.database = *settings;
    config.migrate = !p.isSet(noMigrateOpt);
    config.listenAddress = QHostAddress(p.value(listenOpt));
    if (config.listenAddress.isNull())
        return fail(QStringLiteral("--listen must be an IP address"));
    config.port = quint16(intOption(portOpt, 0, 65535, &ok));
    config.tlsCertFile = p.value(tlsCertOpt);
    config.tlsKeyFile = p.value(tlsKeyOpt);
    if (config.tlsCertFile.isEmpty() != config.tlsKeyFile.isEmpty())
        return fail(QStringLiteral("--tls-cert and --tls-key go together"));
    config.simulate = p.isSet(simOpt);
    config.simDelayMs = intOption(delayOpt, 0, 600000, &ok);
    config.simFailEvery = intOption(failOpt, 0, 1000000, &ok);
    config.simAudioTtlS = intOption(ttlOpt, 0, 100000000, &ok);
    config.expiryIntervalS = intOption(expiryOpt, 1, 86400 * 7, &ok);
    config.upstreamTimeoutMs = intOption(timeoutOpt, 100, 600000, &ok);
    config.idempotencyLeaseS = intOption(leaseOpt, 1, 86400, &ok);
    config.refundSweepIntervalS = intOption(sweepOpt, 1, 86400, &ok);
    config.reconcileIntervalS = intOption(reconcileOpt, 0, 86400 * 7, &ok);
    config.mailRetryBaseMs = intOption(retryOpt, 10, 86400 * 1000, &ok);
    config.mailMaxAttempts = intOption(attemptsOpt, 1, 1000, &ok);
    config.mailLeaseS = intOption(mailLeaseOpt, 1, 86400, &ok);
    config.mailPollMs = intOption(pollOpt, 50, 3600 * 1000, &ok);
    config.maxConnections = intOption(maxConnOpt, 0, 1000000, &ok);
    config.headerTimeoutMs = intOption(headerTimeoutOpt, 100, 600000, &ok);
    config.idleTimeoutMs = intOption(idleTimeoutOpt, 100, 3600000, &ok);
    // A request worker spends most of its time waiting for PostgreSQL (synchronous queries),
    // so more workers than cores keep the cores busy: four per core by default.
    // HTTPS is served by one QSslServer (no SO_REUSEPORT listener): one request worker.
    const bool tlsOn = !config.tlsCertFile.isEmpty();
    int workers = config.simulate || tlsOn ? 1 : qBound(4, 4 * QThread::idealThreadCount(), 64);
    if (p.isSet(workersOpt))
        workers = intOption(workersOpt, 1, 256, &ok);
    if (tlsOn && workers > 1)
        return fail(QStringLiteral(
            "--tls-cert serves HTTPS with one worker (--workers 1); for several workers put a "
            "TLS-terminating proxy in front"));
    if (!ok)
        return 2;
    if (QString limitError; !limits.apply(p, config, &limitError))
        return fail(limitError);
    if (config.simulate && workers > 1)
        // The simulators keep checkout sessions and payments in memory: a refund must reach
        // the worker that took the payment.
        return fail(QStringLiteral("--simulate runs with one worker (--workers 1)"));
    config.musicGptBaseUrl = QUrl(p.value(musicOpt));
    config.stripeBaseUrl = QUrl(p.value(stripeOpt));
    config.publicBaseUrl = QUrl(p.value(publicOpt));
    config.shareBase = QUrl(p.value(shareOpt));
    config.musicGptKey = qEnvironmentVariable("COMPOSE_MUSICGPT_KEY");
    config.stripeKey = qEnvironmentVariable("COMPOSE_STRIPE_KEY");
    config.stripeWebhookSecret = qEnvironmentVariable("COMPOSE_STRIPE_WEBHOOK_SECRET");
    const QString hold = qEnvironmentVariable("COMPOSE_HOLD_DELIVERIES");
    config.holdDeliveries = p.isSet(holdOpt) || (!hold.isEmpty() && hold != QLatin1String("0"));
    const QUrl smtp(p.value(smtpOpt));
    if (!smtp.isEmpty()) {
        if (!smtp.isValid() || smtp.host().isEmpty()
            || (smtp.scheme() != QLatin1String("smtp") && smtp.scheme() != QLatin1String("smtps")))
            return fail(
                QStringLiteral("--smtp-url must be smtp://host[:port] or smtps://host[:port]"));
        if (!smtp.userInfo().isEmpty())
            return fail(QStringLiteral(
                "--smtp-url must not carry a user or password; use COMPOSE_SMTP_USER and "
                "COMPOSE_SMTP_PASSWORD"));
        config.smtpUrl = smtp.toString();
    }
    config.smtpUser = qEnvironmentVariable("COMPOSE_SMTP_USER");
    config.smtpPassword = qEnvironmentVariable("COMPOSE_SMTP_PASSWORD");
    config.mailFrom = p.value(fromOpt);
    const QString tls = p.value(tlsOpt);
    if (tls == QLatin1String("try"))
        config.smtpTls = ServerConfig::SmtpTls::Try;
    else if (tls == QLatin1String("require"))
        config.smtpTls = ServerConfig::SmtpTls::Require;
    else if (tls == QLatin1String("off"))
        config.smtpTls = ServerConfig::SmtpTls::Off;
    else
        return fail(QStringLiteral("--smtp-tls must be try, require or off"));

    if (p.isSet(staffOpt)) {
        const QString role = p.value(roleOpt);
        if (!StaffAccounts::isValidRole(role))
            return fail(QStringLiteral("--role must be agent or admin"));
        try {
            QSqlDatabase db = Db::open(config.database, QStringLiteral("compose-api-admin"));
            if (config.migrate)
                Migrator(db).migrate();
            const QString token = StaffAccounts::createOrRekey(db, p.value(staffOpt), role);
            QTextStream(stdout) << token << Qt::endl;
        } catch (const DbError &e) {
            return fail(e.message());
        }
        Db::close(QStringLiteral("compose-api-admin"));
        return 0;
    }

    QString error;
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    if (config.simulate) {
        // The demo set-up: one ApiServer with the simulators and the jobs on one thread.
        ApiServer server(config);
        if (!server.start(&error))
            return fail(error);
        return app.exec();
    }
    WorkerPool pool(config, workers);
    if (!pool.start(&error))
        return fail(error);
    return app.exec();
}
