#include "formstore.h"

#include "cachedquery.h"
#include "database.h"
#include "jsoncolumn.h"

#include <QSqlQuery>

namespace compose {

namespace {
// readScalars() maps these in this order.
const char *const kScalarColumns[] = {"id",
                                      "package_type",
                                      "song_count",
                                      "status",
                                      "user_id",
                                      "guest_email",
                                      "amount_paid",
                                      "created_at",
                                      "updated_at",
                                      "expires_at",
                                      "paid_at",
                                      "stripe_session_id",
                                      "stripe_payment_intent_id"};
} // namespace

FormStore::FormStore(QSqlDatabase db)
    : m_db(std::move(db))
    , m_dialect(Db::dialect(m_db))
{
}

QString FormStore::scalarColumns(const QString &alias)
{
    QStringList out;
    for (const char *c : kScalarColumns)
        out << alias + QLatin1Char('.') + QLatin1String(c);
    return out.join(QStringLiteral(", "));
}

int FormStore::readScalars(const QSqlQuery &q, int first, FormRecord &row)
{
    int i = first;
    row.id = q.value(i++).toString();
    row.packageType = q.value(i++).toString();
    row.songCount = q.value(i++).toInt();
    row.statusKey = q.value(i++).toString();
    row.userId = q.value(i++).toString();
    row.guestEmail = q.value(i++).toString();
    const QVariant amount = q.value(i++);
    row.amountPaid = amount.isNull() ? std::nullopt : std::optional<qint64>(amount.toLongLong());
    row.createdAt = Db::readTimestamp(q.value(i++));
    row.updatedAt = Db::readTimestamp(q.value(i++));
    row.expiresAt = Db::readTimestamp(q.value(i++));
    row.paidAt = Db::readTimestamp(q.value(i++));
    row.stripeSessionId = q.value(i++).toString();
    row.stripePaymentIntentId = q.value(i++).toString();
    return i;
}

std::optional<FormRecord> FormStore::find(const QString &formId, bool forUpdate) const
{
    static const QString select = QStringLiteral("SELECT ") + scalarColumns(QStringLiteral("f"))
        + QStringLiteral(", f.form_data, f.generated_prompts, f.variation_task_ids, "
                         "f.variation_audio_urls, f.selected_variations "
                         "FROM compose_forms f WHERE f.id = :id");
    static const QString selectForUpdate = select + QStringLiteral(" FOR UPDATE");
    const QString &sql
        = forUpdate && m_dialect == SqlDialect::PostgreSQL ? selectForUpdate : select;
    // compose-api's most frequent read: prepared once per connection.
    Db::CachedQuery cached(m_db, sql);
    QSqlQuery &q = cached.query();
    q.bindValue(QStringLiteral(":id"), formId);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    FormRecord f;
    int i = readScalars(q, 0, f);
    f.formData = JsonColumn::read(q.value(i++));
    f.generatedPrompts = JsonColumn::read(q.value(i++));
    f.variationTaskIds = JsonColumn::read(q.value(i++));
    f.variationAudioUrls = JsonColumn::read(q.value(i++));
    f.selectedVariations = JsonColumn::read(q.value(i++));
    return f;
}

std::optional<QString> FormStore::idForSession(const QString &sessionId) const
{
    QSqlQuery q = Db::prepare(
        m_db, QStringLiteral("SELECT id FROM compose_forms WHERE stripe_session_id = :s"));
    q.bindValue(QStringLiteral(":s"), sessionId);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    return q.value(0).toString();
}

bool FormStore::userExists(const QString &userId) const
{
    QSqlQuery u = Db::prepare(m_db, QStringLiteral("SELECT 1 FROM \"user\" WHERE id = :id"));
    u.bindValue(QStringLiteral(":id"), userId);
    Db::exec(u);
    return u.next();
}

void FormStore::update(const QString &formId, const Changes &c, const QDateTime &now) const
{
    QStringList sets {QStringLiteral("updated_at = :now")};
    if (c.variationTaskIds)
        sets << QStringLiteral("variation_task_ids = :t");
    if (c.variationAudioUrls)
        sets << QStringLiteral("variation_audio_urls = :a");
    if (c.selectedVariations)
        sets << QStringLiteral("selected_variations = :sel");
    if (c.stripeSessionId)
        sets << QStringLiteral("stripe_session_id = :sid");
    if (c.generatedPrompts)
        sets << QStringLiteral("generated_prompts = :gp");
    QSqlQuery q
        = Db::prepare(m_db,
                      QStringLiteral("UPDATE compose_forms SET ") + sets.join(QStringLiteral(", "))
                          + QStringLiteral(" WHERE id = :id"));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    if (c.variationTaskIds)
        q.bindValue(QStringLiteral(":t"), JsonColumn::write(*c.variationTaskIds));
    if (c.variationAudioUrls)
        q.bindValue(QStringLiteral(":a"), JsonColumn::write(*c.variationAudioUrls));
    if (c.selectedVariations)
        q.bindValue(QStringLiteral(":sel"), JsonColumn::write(*c.selectedVariations));
    if (c.stripeSessionId)
        q.bindValue(QStringLiteral(":sid"), *c.stripeSessionId);
    if (c.generatedPrompts)
        q.bindValue(QStringLiteral(":gp"), JsonColumn::write(*c.generatedPrompts));
    q.bindValue(QStringLiteral(":id"), formId);
    Db::exec(q);
}

void FormStore::setStatus(const QString &formId, const QString &statusKey,
                          const QDateTime &now) const
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("UPDATE compose_forms SET status = :s, "
                                             "updated_at = :now WHERE id = :id"));
    q.bindValue(QStringLiteral(":s"), statusKey);
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":id"), formId);
    Db::exec(q);
}

void FormStore::setVariationTasks(const QString &formId, const QJsonValue &taskIds,
                                  const QJsonValue &audioUrls, const QDateTime &now) const
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("UPDATE compose_forms SET variation_task_ids = :t, "
                                             "variation_audio_urls = :a, updated_at = :now "
                                             "WHERE id = :id"));
    q.bindValue(QStringLiteral(":t"), JsonColumn::write(taskIds));
    q.bindValue(QStringLiteral(":a"), JsonColumn::write(audioUrls));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":id"), formId);
    Db::exec(q);
}

void FormStore::setVariationAudioUrls(const QString &formId, const QJsonValue &audioUrls,
                                      const QDateTime &now) const
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("UPDATE compose_forms SET variation_audio_urls = :a, "
                                             "updated_at = :now WHERE id = :id"));
    q.bindValue(QStringLiteral(":a"), JsonColumn::write(audioUrls));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":id"), formId);
    Db::exec(q);
}

void FormStore::setActor(const QString &actor) const
{
    if (m_dialect != SqlDialect::PostgreSQL)
        return;
    // set_config(..., true) is SET LOCAL with a bound value.
    QSqlQuery q = Db::prepare(m_db, QStringLiteral("SELECT set_config('compose.actor', :a, true)"));
    q.bindValue(QStringLiteral(":a"), actor);
    Db::exec(q);
}

void FormStore::labelLastEvent(const QString &formId, const QString &actor) const
{
    if (m_dialect != SqlDialect::SQLite)
        return;
    QSqlQuery a = Db::prepare(
        m_db,
        QStringLiteral("UPDATE compose_form_events SET actor = :a WHERE id = (SELECT MAX(id) FROM "
                       "compose_form_events WHERE form_id = :id) AND actor IS NULL"));
    a.bindValue(QStringLiteral(":a"), actor);
    a.bindValue(QStringLiteral(":id"), formId);
    Db::exec(a);
}

FormStore::RefundTotals FormStore::refundTotals(const QString &formId,
                                                const QString &paymentIntent) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral(
            "SELECT COALESCE(SUM(CASE WHEN status NOT IN ('failed', 'canceled') THEN amount ELSE 0 "
            "END), 0), "
            "COALESCE(SUM(CASE WHEN status = 'succeeded' THEN amount ELSE 0 END), 0), "
            "COUNT(CASE WHEN status NOT IN ('succeeded', 'failed', 'canceled') THEN 1 END) "
            "FROM compose_refunds WHERE form_id = :id")
            + (paymentIntent.isEmpty() ? QString() : QStringLiteral(" AND payment_intent = :pi")));
    q.bindValue(QStringLiteral(":id"), formId);
    if (!paymentIntent.isEmpty())
        q.bindValue(QStringLiteral(":pi"), paymentIntent);
    Db::exec(q);
    RefundTotals t;
    if (q.next()) {
        t.counted = q.value(0).toLongLong();
        t.succeeded = q.value(1).toLongLong();
        t.open = q.value(2).toInt();
    }
    return t;
}

QList<FormStore::Payment> FormStore::payments() const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral(
            "SELECT f.stripe_payment_intent_id, f.amount_paid, "
            "(SELECT COALESCE(SUM(r.amount), 0) FROM compose_refunds r WHERE r.form_id = f.id "
            " AND r.status NOT IN ('failed', 'canceled')) "
            "FROM compose_forms f WHERE f.stripe_payment_intent_id IS NOT NULL AND f.amount_paid > "
            "0"
            // A second payment of a form is its own intent, refunded as an order of its own.
            " UNION ALL SELECT s.payment_intent, o.amount, CASE WHEN o.status = 'refunded' THEN "
            "o.amount ELSE 0 END FROM orders o JOIN compose_checkout_sessions s ON s.session_id = "
            "o.stripe_session_id WHERE o.payment_flag = 'duplicate' AND s.payment_intent IS NOT "
            "NULL"));
    Db::exec(q);
    QList<Payment> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong()});
    return out;
}

int FormStore::expireDue(const QStringList &fromStatuses, int limit, const QDateTime &now) const
{
    QStringList quoted;
    for (const QString &s : fromStatuses)
        quoted << QLatin1Char('\'') + s + QLatin1Char('\'');
    const QString statuses = quoted.join(QLatin1Char(','));
    const bool pg = m_dialect == SqlDialect::PostgreSQL;
    qint64 lastEvent = 0;
    if (!pg) {
        QSqlQuery e = Db::prepare(
            m_db, QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM compose_form_events"));
        Db::exec(e);
        lastEvent = e.next() ? e.value(0).toLongLong() : 0;
    }
    QSqlQuery q
        = Db::prepare(m_db,
                      QStringLiteral("UPDATE compose_forms SET status = 'expired', updated_at "
                                     "= :now WHERE status IN (%1) AND id IN ("
                                     "SELECT id FROM compose_forms WHERE expires_at IS NOT "
                                     "NULL AND expires_at < :now2 AND status IN (%1) "
                                     "ORDER BY expires_at LIMIT %2%3)")
                          .arg(statuses)
                          .arg(limit)
                          .arg(pg ? QStringLiteral(" FOR UPDATE SKIP LOCKED") : QString()));
    const QVariant at = Db::timestamp(now);
    q.bindValue(QStringLiteral(":now"), at);
    q.bindValue(QStringLiteral(":now2"), at);
    Db::exec(q);
    const int expired = q.numRowsAffected();
    if (!pg && expired > 0) {
        // SQLite's trigger cannot read the actor setting: name it on this batch's events.
        QSqlQuery a = Db::prepare(
            m_db,
            QStringLiteral("UPDATE compose_form_events SET actor = 'system' "
                           "WHERE id > :last AND actor IS NULL AND new_status = 'expired'"));
        a.bindValue(QStringLiteral(":last"), lastEvent);
        Db::exec(a);
    }
    return expired;
}

} // namespace compose
