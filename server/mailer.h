#pragma once

#include "serverconfig.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QString>

#include <atomic>

class QThread;

namespace compose {

class MailerWorker;

// Sends compose_outbox over SMTP with libcurl. libcurl blocks, so the sending runs on a thread
// of its own with its own database connection, never on the request thread. Each message is
// claimed (state 'sending' + a lease) before it is sent, so two senders never send the same
// row; the Message-ID is the row's, the same on every attempt; a failed attempt is retried
// with exponential backoff until mailMaxAttempts, then the row is 'failed' with the reason.
class Mailer final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Mailer)
public:
    // smtpUrl: where to send (config.smtpUrl, or the loopback sink's URL in demo mode).
    Mailer(const ServerConfig &config, const QString &smtpUrl, QObject *parent = nullptr);
    ~Mailer() override;

    void start();
    // Look for due messages now (a delivery just committed one).
    void wake();

    struct Outgoing {
        qint64 id = 0;
        QString messageId;
        QString to;
        QString subject;
        QString text;
        QString html;
    };
    struct SmtpSettings {
        QString url;
        QString user;
        QString password;
        QString from;
        ServerConfig::SmtpTls tls = ServerConfig::SmtpTls::Try;
        int timeoutS = 60;
    };

    // The RFC 5322 message: multipart/alternative, text and HTML parts in base64, CRLF lines.
    static QByteArray buildMessage(const Outgoing &m, const QString &from, const QDateTime &date);
    // Blocking. Empty on success, else why it failed (never containing the password).
    static QString send(const SmtpSettings &smtp, const Outgoing &m, const std::atomic_bool *abort);
    static bool isSafeAddress(const QString &address);

private:
    QThread *m_thread = nullptr;
    MailerWorker *m_worker = nullptr;
    std::atomic_bool m_abort {false};
};

} // namespace compose
