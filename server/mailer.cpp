#include "mailer.h"

#include "database.h"
#include "deliverystore.h"
#include "logredact.h"

#include <QLocale>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>
#include <QUuid>

#include <curl/curl.h>

#include <mutex>
#include <optional>

Q_LOGGING_CATEGORY(lcMail, "compose.mail")

namespace compose {

namespace {

QByteArray base64Lines(const QByteArray &data)
{
    const QByteArray b = data.toBase64();
    QByteArray out;
    out.reserve(b.size() + b.size() / 76 * 2 + 2);
    for (qsizetype i = 0; i < b.size(); i += 76)
        out += b.mid(i, 76) + "\r\n";
    return out;
}

QByteArray encodedWord(const QString &text)
{
    // RFC 2047, so any language reaches the Subject line intact.
    return "=?UTF-8?B?" + text.toUtf8().toBase64() + "?=";
}

struct Upload {
    QByteArray data;
    qsizetype pos = 0;
};

size_t readChunk(char *buffer, size_t size, size_t nitems, void *userdata)
{
    auto *u = static_cast<Upload *>(userdata);
    const size_t n = qMin(size * nitems, size_t(u->data.size() - u->pos));
    memcpy(buffer, u->data.constData() + u->pos, n);
    u->pos += qsizetype(n);
    return n;
}

int progress(void *clientp, curl_off_t, curl_off_t, curl_off_t, curl_off_t)
{
    const auto *abort = static_cast<const std::atomic_bool *>(clientp);
    return abort && abort->load() ? 1 : 0; // non-zero aborts the transfer (shutdown)
}

} // namespace

// Lives on the mailer's thread; owns that thread's database connection.
class MailerWorker : public QObject {
public:
    MailerWorker(const ServerConfig &config, Mailer::SmtpSettings smtp,
                 const std::atomic_bool *abort)
        : m_config(config)
        , m_smtp(std::move(smtp))
        , m_abort(abort)
        , m_owner(QStringLiteral("mailer-") + QUuid::createUuid().toString(QUuid::Id128).left(12))
        , m_connection(m_owner)
    {
    }

    void start()
    {
        m_timer = new QTimer(this);
        m_timer->setInterval(qMax(50, m_config.mailPollMs));
        QObject::connect(m_timer, &QTimer::timeout, this, &MailerWorker::processDue);
        m_timer->start();
        processDue();
    }

    void stop()
    {
        if (m_timer)
            m_timer->stop();
        if (QSqlDatabase::contains(m_connection))
            Db::close(m_connection);
    }

    void processDue()
    {
        if (m_busy)
            return;
        m_busy = true;
        try {
            if (!QSqlDatabase::contains(m_connection))
                Db::open(m_config.database, m_connection);
            for (int i = 0; i < 50 && !m_abort->load(); ++i) { // bounded; the timer comes back
                const auto m = claim();
                if (!m)
                    break;
                const QString error = Mailer::send(m_smtp, *m, m_abort);
                if (m_abort->load())
                    break; // shutting down: the lease runs out and the row is due again
                record(*m, error);
            }
        } catch (const DbError &e) {
            qCWarning(lcMail).noquote() << "outbox:" << LogRedact::dbError(e.message());
            if (e.connectionLost() && QSqlDatabase::contains(m_connection))
                Db::close(m_connection);
        }
        m_busy = false;
    }

private:
    QSqlDatabase db() const { return QSqlDatabase::database(m_connection, false); }

    std::optional<Mailer::Outgoing> claim()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const auto m = DeliveryStore(db()).claimNext(m_owner, now,
                                                     now.addSecs(qMax(1, m_config.mailLeaseS)));
        if (!m)
            return std::nullopt;
        return Mailer::Outgoing {m->id, m->messageId, m->to, m->subject, m->text, m->html};
    }

    void record(const Mailer::Outgoing &m, const QString &error)
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        DeliveryStore store(db());
        if (error.isEmpty()) {
            store.markSent(m.id, m_owner, now);
            qCInfo(lcMail) << "sent outbox message" << m.id;
            return;
        }
        const int attempts = store.attempts(m.id);
        const bool final = attempts >= m_config.mailMaxAttempts;
        const qint64 delayMs = qMin<qint64>(
            qint64(qMax(1, m_config.mailRetryBaseMs)) << qMin(attempts - 1, 20), 3600 * 1000);
        store.markFailedAttempt(m.id, m_owner, error, final, now.addMSecs(delayMs));
        qCWarning(lcMail).noquote()
            << "outbox message" << m.id << "attempt" << attempts << "failed:" << error
            << (final ? QStringLiteral("(giving up)") : QStringLiteral("(will retry)"));
    }

    ServerConfig m_config;
    Mailer::SmtpSettings m_smtp;
    const std::atomic_bool *m_abort = nullptr;
    QString m_owner;
    QString m_connection;
    QTimer *m_timer = nullptr;
    bool m_busy = false;
};

Mailer::Mailer(const ServerConfig &config, const QString &smtpUrl, QObject *parent)
    : QObject(parent)
{
    static std::once_flag curlInit;
    std::call_once(curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    SmtpSettings smtp;
    smtp.url = smtpUrl;
    smtp.user = config.smtpUser;
    smtp.password = config.smtpPassword;
    smtp.from = config.mailFrom;
    smtp.tls = config.smtpTls;
    // Credentials never travel in clear text by accident: with a user, "try" becomes "require"
    // (--smtp-tls off is the explicit way to allow it, e.g. for a relay on loopback).
    if (!smtp.user.isEmpty() && smtp.tls == ServerConfig::SmtpTls::Try)
        smtp.tls = ServerConfig::SmtpTls::Require;
    // A send must end well before its lease does, or a second sender could take the row over.
    smtp.timeoutS = qBound(1, config.mailLeaseS * 3 / 4, 120);
    m_worker = new MailerWorker(config, smtp, &m_abort);
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("compose-mailer"));
    m_worker->moveToThread(m_thread);
}

Mailer::~Mailer()
{
    m_abort = true;
    if (m_thread->isRunning()) {
        QMetaObject::invokeMethod(
            m_worker, [w = m_worker] { w->stop(); }, Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
    }
    delete m_worker;
}

void Mailer::start()
{
    m_thread->start();
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->start(); }, Qt::QueuedConnection);
}

void Mailer::wake()
{
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->processDue(); }, Qt::QueuedConnection);
}

bool Mailer::isSafeAddress(const QString &address)
{
    static const QRegularExpression re(QStringLiteral(
        "^[^\\s<>()\\[\\],;:\"@]+@[^\\s<>()\\[\\],;:\"@]+\\.[^\\s<>()\\[\\],;:\"@]+$"));
    return address.size() <= 254 && re.match(address).hasMatch();
}

QByteArray Mailer::buildMessage(const Outgoing &m, const QString &from, const QDateTime &date)
{
    const QByteArray boundary
        = "=_compose_" + QUuid::createUuid().toString(QUuid::Id128).toLatin1();
    QByteArray out;
    out += "Date: "
        + QLocale::c()
              .toString(date.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"))
              .toLatin1()
        + " +0000\r\n";
    out += "From: <" + from.toUtf8() + ">\r\n";
    out += "To: <" + m.to.toUtf8() + ">\r\n";
    out += "Subject: " + encodedWord(m.subject) + "\r\n";
    out += "Message-ID: " + m.messageId.toUtf8() + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
    out += "--" + boundary
        + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: "
          "base64\r\n\r\n";
    out += base64Lines(m.text.toUtf8());
    out += "--" + boundary
        + "\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    out += base64Lines(m.html.toUtf8());
    out += "--" + boundary + "--\r\n";
    return out;
}

QString Mailer::send(const SmtpSettings &smtp, const Outgoing &m, const std::atomic_bool *abort)
{
    if (!isSafeAddress(m.to))
        return QStringLiteral("\"%1\" is not an address mail can be sent to.").arg(m.to.left(100));
    if (!isSafeAddress(smtp.from))
        return QStringLiteral("The sender address (COMPOSE_MAIL_FROM) is not valid.");
    CURL *curl = curl_easy_init();
    if (!curl)
        return QStringLiteral("libcurl could not start.");
    Upload upload {buildMessage(m, smtp.from, QDateTime::currentDateTimeUtc()), 0};
    const QByteArray url = smtp.url.toUtf8();
    const QByteArray from = "<" + smtp.from.toUtf8() + ">";
    const QByteArray to = "<" + m.to.toUtf8() + ">";
    const QByteArray user = smtp.user.toUtf8();
    const QByteArray password = smtp.password.toUtf8();
    curl_slist *rcpt = curl_slist_append(nullptr, to.constData());
    char errorBuffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, readChunk);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, long(qMin(smtp.timeoutS, 20)));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, long(smtp.timeoutS));
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, abort);
    const long useSsl = smtp.tls == ServerConfig::SmtpTls::Require ? long(CURLUSESSL_ALL)
        : smtp.tls == ServerConfig::SmtpTls::Off                   ? long(CURLUSESSL_NONE)
                                                                   : long(CURLUSESSL_TRY);
    curl_easy_setopt(curl, CURLOPT_USE_SSL, useSsl);
    if (!user.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password.constData());
    }
    const CURLcode rc = curl_easy_perform(curl);
    long smtpCode = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &smtpCode);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    if (rc == CURLE_OK)
        return {};
    QString reason = QString::fromUtf8(errorBuffer).trimmed();
    if (reason.isEmpty())
        reason = QString::fromUtf8(curl_easy_strerror(rc));
    if (smtpCode > 0)
        reason += QStringLiteral(" (SMTP %1)").arg(smtpCode);
    if (!password.isEmpty())
        reason.replace(smtp.password, QStringLiteral("***")); // never in a log or the outbox
    return reason;
}

} // namespace compose
