#pragma once

#include "formstatus.h"
#include "formtypes.h" // RefundRecord

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;
class QSslConfiguration;

namespace compose {

// What went wrong with an API call, in words an agent understands. `retryable` means trying
// again (with the same Idempotency-Key) is safe and may succeed.
struct ApiError {
    enum class Kind : quint8 {
        None,
        Network,
        Timeout,
        Tls,
        Unauthorized,
        Forbidden,
        NotFound,
        Conflict,
        Invalid,
        Server,
        BadReply
    };
    Kind kind = Kind::None;
    int httpStatus = 0;
    QString code; // the server's error.code, when it sent one
    QString message; // a full sentence
    bool retryable = false;
    bool isError() const { return kind != Kind::None; }
};

struct StaffIdentity {
    QString name;
    QString role; // "agent" | "admin"
    bool isAdmin() const { return role == QLatin1String("admin"); }
};

// One staff action as sent. The key is made once, when the agent confirms, and reused by every
// retry of that same action, so a retry after a timeout can never act twice.
struct ActionRequest {
    QString formId;
    StaffAction action = StaffAction::RetryGeneration;
    QJsonObject body;
    QString idempotencyKey;
    QString description; // "Refund $4.00 of form_…", for messages and the log
    // Actions that are not one of a form's (a reconciliation finding, one order of a form): the
    // path under the API's base; empty: /api/admin/forms/{formId}/{action}.
    QString path;
    static ActionRequest make(const QString &formId, StaffAction action, const QJsonObject &body,
                              const QString &description);
};

struct ActionResult {
    ActionRequest request;
    int httpStatus = 0;
    QJsonObject body;
    ApiError error;
    bool ok() const { return !error.isError(); }
};

struct AuditEntry {
    qint64 id = 0;
    QDateTime at;
    QString staff;
    QString action;
    QJsonObject request;
    QJsonObject result;
    int httpStatus = 0;
};

struct AuditTrail {
    QString formId;
    QList<AuditEntry> audit; // newest first
    QJsonArray events;
    QList<RefundRecord> refunds;
    QJsonArray deliveries;
    std::optional<qint64> refundableCents;
};

// compose-api's staff endpoints over HTTP(S). Lives on the UI thread but never blocks it:
// QNetworkAccessManager is asynchronous, results come back as signals.
class ApiClient : public QObject {
    Q_OBJECT
public:
    explicit ApiClient(QObject *parent = nullptr);

    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_base; }
    void setToken(const QString &token); // kept in memory only
    bool hasToken() const { return !m_token.isEmpty(); }
    bool isConfigured() const { return m_base.isValid() && !m_base.isEmpty() && hasToken(); }
    void setTimeout(int ms) { m_timeoutMs = ms; }
    // HTTPS to an API whose certificate comes from the shop's own certificate authority: pem
    // holds that CA's certificate(s), which then replace the system's CAs for this client. The
    // certificate is still verified, host name included; false (and *error) when pem holds none.
    bool setCaCertificates(const QByteArray &pem, QString *error = nullptr);

    void whoAmI();
    quint64 perform(const ActionRequest &request);
    quint64 fetchAudit(const QString &formId);
    // POST /api/admin/forms/{formId}/notes {text} under this Idempotency-Key (noteFinished).
    quint64 addNote(const QString &formId, const QString &text, const QString &idempotencyKey);

    static QString endpoint(StaffAction action);
    static ApiError errorFrom(QNetworkReply *reply, const QByteArray &body);

signals:
    void identityReady(const compose::StaffIdentity &who);
    void identityFailed(const compose::ApiError &error);
    void actionFinished(quint64 requestId, const compose::ActionResult &result);
    void auditReady(quint64 requestId, const compose::AuditTrail &trail);
    void auditFailed(quint64 requestId, const compose::ApiError &error);
    void noteFinished(quint64 requestId, const compose::ApiError &error); // kind None: saved

private:
    QNetworkReply *send(const QByteArray &verb, const QString &path, const QJsonObject *body,
                        const QString &idempotencyKey);

    QNetworkAccessManager *m_nam = nullptr; // owned; kept out of this header for the views
    std::shared_ptr<const QSslConfiguration> m_tls; // null: the system's CAs
    QUrl m_base;
    QString m_token;
    int m_timeoutMs = 15000;
    quint64 m_lastId = 0;
};

} // namespace compose

Q_DECLARE_METATYPE(compose::ApiError)
Q_DECLARE_METATYPE(compose::StaffIdentity)
Q_DECLARE_METATYPE(compose::ActionResult)
Q_DECLARE_METATYPE(compose::AuditTrail)
