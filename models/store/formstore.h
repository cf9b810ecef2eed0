#pragma once

#include "connectionsettings.h"
#include "formrecord.h"

#include <QJsonValue>
#include <QSqlDatabase>

#include <optional>

class QSqlQuery;

namespace compose {

// compose_forms for compose-api: the table's one row reader (the dashboard's FormRepository
// reads its summaries through readScalars()) and the column updates the server makes. The
// row INSERT lives with form creation. Runs on the caller's connection and transaction;
// throws DbError.
class FormStore final {
public:
    explicit FormStore(QSqlDatabase db);

    // The columns readScalars() maps, qualified with `alias.`, in its order.
    static QString scalarColumns(const QString &alias);
    // Maps scalarColumns() starting at column `first` into `row`; returns the next column.
    static int readScalars(const QSqlQuery &q, int first, FormRecord &row);

    // forUpdate locks the row until the transaction ends (PostgreSQL; SQLite has one writer).
    std::optional<FormRecord> find(const QString &formId, bool forUpdate = false) const;

    // The form paid through this Checkout Session, if any.
    std::optional<QString> idForSession(const QString &sessionId) const;
    // Whether the shop's "user" table has this id (a form may name only an existing user).
    bool userExists(const QString &userId) const;

    // A customer's update of the form's columns; only the given ones change (updated_at always).
    struct Changes {
        std::optional<QJsonValue> variationTaskIds;
        std::optional<QJsonValue> variationAudioUrls;
        std::optional<QJsonValue> selectedVariations;
        std::optional<QString> stripeSessionId;
        std::optional<QJsonValue> generatedPrompts;
    };
    void update(const QString &formId, const Changes &changes, const QDateTime &now) const;

    void setStatus(const QString &formId, const QString &statusKey, const QDateTime &now) const;
    void setVariationTasks(const QString &formId, const QJsonValue &taskIds,
                           const QJsonValue &audioUrls, const QDateTime &now) const;
    void setVariationAudioUrls(const QString &formId, const QJsonValue &audioUrls,
                               const QDateTime &now) const;

    // Names the actor of the status events the PostgreSQL trigger writes in this transaction
    // (a no-op on SQLite, whose trigger cannot read a session setting).
    void setActor(const QString &actor) const;
    // SQLite: names the actor on the form's newest event row when it has none (no-op on PG).
    void labelLastEvent(const QString &formId, const QString &actor) const;

    // The form's refunds by what they mean for the money: counted = every refund that did not
    // fail or get canceled (pending ones hold their amount); succeeded; still open.
    struct RefundTotals {
        qint64 counted = 0;
        qint64 succeeded = 0;
        int open = 0;
    };
    // paymentIntent: only the refunds of that payment (the form's own, not a duplicate
    // payment's, which is refunded on its own); empty: every refund of the form.
    RefundTotals refundTotals(const QString &formId, const QString &paymentIntent = {}) const;

    // Every paid form with a payment intent, with what its refunds hold (RefundTotals::counted).
    struct Payment {
        QString paymentIntentId;
        qint64 amountPaid = 0;
        qint64 refunded = 0;
    };
    QList<Payment> payments() const;

    // Expires at most `limit` forms whose expires_at passed, oldest first, that are in one of
    // `fromStatuses`, naming "system" on their events (the caller's transaction also calls
    // setActor). PostgreSQL skips forms another transaction holds. Returns how many expired.
    int expireDue(const QStringList &fromStatuses, int limit, const QDateTime &now) const;

private:
    QSqlDatabase m_db;
    SqlDialect m_dialect;
};

} // namespace compose
