#pragma once

#include "formrecord.h"
#include "formstore.h"
#include "generationstore.h"
#include "outbound.h"
#include "serverconfig.h"
#include "staffaccounts.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

namespace compose {

// What every route of compose-api shares: the settings, the one database connection of the
// server's thread, the outbound HTTP client, and the few data rules used by several routes
// (status changes through Status::canTransition, the audit row, the refundable amount).
class DeliveryService;

class ApiContext {
public:
    ApiContext(ServerConfig config, QString connectionName, Outbound *outbound);

    const ServerConfig &config() const { return m_config; }
    QSqlDatabase db() const;
    SqlDialect dialect() const { return m_config.database.dialect; }
    // The store's tables on this thread's connection (the caller's transaction).
    FormStore forms() const;
    GenerationStore generations() const;
    Outbound *outbound() const { return m_outbound; }
    // Delivery (share links, outbox e-mail, refunds closing the books), set by ApiServer.
    DeliveryService *deliveries() const { return m_deliveries; }
    void setDeliveries(DeliveryService *service) { m_deliveries = service; }

    QUrl publicBase() const; // where webhooks reach this server
    void setPublicBase(const QUrl &url) { m_publicBase = url; }
    QUrl musicGptBase() const;
    QUrl stripeBase() const;
    QString musicGptKey() const;
    QString stripeKey() const;
    QByteArray stripeWebhookSecret() const;

    // Reads a form; forUpdate locks the row until the transaction ends (PostgreSQL; SQLite has
    // one writer anyway). Throws ApiError 404 when required and absent.
    std::optional<FormRecord> findForm(const QString &formId, bool forUpdate = false) const;
    FormRecord requireForm(const QString &formId, bool forUpdate = false) const;

    // Names the actor of the status events the trigger writes in the current transaction.
    void setActor(const QString &actor) const;
    // Moves the form to `to`, refusing with 409 what Status::canTransition refuses. Must run in
    // a transaction that called setActor(). A self-transition that the table allows is a no-op.
    void changeStatus(const FormRecord &form, FormStatus to, const QString &actor) const;

    // SQLite's trigger cannot read a session setting: names the actor on the form's newest
    // event row when it has none.
    void labelLastEvent(const QString &formId, const QString &actor) const;

    // The form's music_generations rows, oldest first, as the API shows them.
    QJsonArray generationsJson(const QString &formId) const;
    static QJsonObject generationJson(const GenerationRecord &generation);

    // amount_paid minus every refund that did not fail (pending ones hold their amount).
    qint64 refundable(const FormRecord &form) const;

    // True when the succeeded refunds cover amount_paid and none is still pending.
    bool fullyRefunded(const FormRecord &form) const;

    void audit(const StaffMember &staff, const QString &formId, const QString &action,
               const QJsonObject &request, const QJsonObject &result, int httpStatus) const;

    static QJsonObject formJson(const FormRecord &form);
    static QJsonObject formSummary(const FormRecord &form);
    static QJsonValue readJson(const QVariant &v);
    static QString writeJson(const QJsonValue &v);
    static QJsonValue isoTime(const QDateTime &dt);
    static QString newId(const QString &prefix);
    static QDateTime now() { return QDateTime::currentDateTimeUtc(); }

private:
    ServerConfig m_config;
    QString m_connectionName;
    Outbound *m_outbound = nullptr;
    DeliveryService *m_deliveries = nullptr;
    QUrl m_publicBase;
};

} // namespace compose
