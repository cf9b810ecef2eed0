#include "refundstore.h"

#include "database.h"

namespace compose {

namespace {

QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}

// The one column list of a RefundRow, joined with the staff member who asked for it.
QString selectRefunds(const QString &where)
{
    return QStringLiteral("SELECT r.id, r.form_id, r.payment_intent, r.amount, r.reason, r.note, "
                          "r.status, r.staff_id, s.name, r.stripe_idem_key, r.last_error, "
                          "r.currency, r.created_at FROM compose_refunds r "
                          "LEFT JOIN compose_staff s ON s.id = r.staff_id WHERE ")
        + where;
}

RefundRow refundFrom(const QSqlQuery &q)
{
    RefundRow r;
    r.id = q.value(0).toString();
    r.formId = q.value(1).toString();
    r.paymentIntent = q.value(2).toString();
    r.amount = q.value(3).toLongLong();
    r.reason = q.value(4).toString();
    r.note = q.value(5).toString();
    r.status = q.value(6).toString();
    r.staffId = q.value(7).toInt();
    r.staffName = q.value(8).toString();
    // Reservations made before keys were derived were sent under their own id.
    r.stripeKey = q.value(9).isNull() ? r.id : q.value(9).toString();
    r.lastError = q.value(10).toString();
    r.currency = q.value(11).toString();
    r.createdAt = Db::readTimestamp(q.value(12));
    return r;
}

} // namespace

qint64 RefundStore::countedForIntent(const QString &paymentIntent) const
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM "
                                             "compose_refunds WHERE payment_intent = :pi "
                                             "AND status NOT IN ('failed', 'canceled')"));
    q.bindValue(QStringLiteral(":pi"), paymentIntent);
    Db::exec(q);
    return q.next() ? q.value(0).toLongLong() : 0;
}

std::optional<RefundRow> RefundStore::findByStripeKey(const QString &stripeKey) const
{
    QSqlQuery q = Db::prepare(m_db, selectRefunds(QStringLiteral("r.stripe_idem_key = :k")));
    q.bindValue(QStringLiteral(":k"), stripeKey);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    return refundFrom(q);
}

QList<RefundRow> RefundStore::forForm(const QString &formId) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        selectRefunds(QStringLiteral("r.form_id = :f ORDER BY r.created_at DESC, r.id DESC")));
    q.bindValue(QStringLiteral(":f"), formId);
    Db::exec(q);
    QList<RefundRow> rows;
    while (q.next())
        rows.append(refundFrom(q));
    return rows;
}

QList<RefundRow> RefundStore::due(const QDateTime &cutoff, int limit) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        selectRefunds(QStringLiteral("r.status = 'pending' AND substr(r.id, 1, 3) = 'cr_' AND "
                                     "r.updated_at < :cutoff ORDER BY r.updated_at LIMIT %1")
                          .arg(qMax(1, limit))));
    q.bindValue(QStringLiteral(":cutoff"), Db::timestamp(cutoff));
    Db::exec(q);
    QList<RefundRow> rows;
    while (q.next())
        rows.append(refundFrom(q));
    return rows;
}

void RefundStore::insert(const RefundRow &row, const QDateTime &now)
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("INSERT INTO compose_refunds(id, form_id, payment_intent, amount, currency, "
                       "reason, note, status, staff_id, created_at, updated_at, stripe_idem_key) "
                       "VALUES (:id, :f, :pi, :amt, :cur, :r, :n, :st, :s, :now, :now2, :k)"));
    q.bindValue(QStringLiteral(":id"), row.id);
    q.bindValue(QStringLiteral(":f"), row.formId);
    q.bindValue(QStringLiteral(":pi"), row.paymentIntent);
    q.bindValue(QStringLiteral(":amt"), row.amount);
    q.bindValue(QStringLiteral(":cur"),
                row.currency.isEmpty() ? QStringLiteral("usd") : row.currency);
    q.bindValue(QStringLiteral(":r"), row.reason);
    q.bindValue(QStringLiteral(":n"), row.note.isEmpty() ? nullText() : QVariant(row.note));
    q.bindValue(QStringLiteral(":st"), row.status.left(20));
    q.bindValue(QStringLiteral(":s"),
                row.staffId > 0 ? QVariant(row.staffId) : QVariant(QMetaType::fromType<int>()));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":now2"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":k"),
                row.stripeKey.isEmpty() ? nullText() : QVariant(row.stripeKey));
    Db::exec(q);
}

void RefundStore::markAttempt(const QString &id, const QDateTime &now)
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("UPDATE compose_refunds SET attempts = attempts + 1, "
                                             "updated_at = :now WHERE id = :id"));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":id"), id);
    Db::exec(q);
}

bool RefundStore::claimDue(const QString &id, const QDateTime &now, const QDateTime &cutoff)
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("UPDATE compose_refunds SET attempts = attempts + 1, updated_at = :now "
                       "WHERE id = :id AND status = 'pending' AND updated_at < :cutoff"));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":cutoff"), Db::timestamp(cutoff));
    Db::exec(q);
    return q.numRowsAffected() == 1;
}

void RefundStore::settle(const QString &reservationId, const QString &stripeId,
                         const QString &status, const QDateTime &now)
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("UPDATE compose_refunds SET id = :rid, status = :st, "
                       "last_error = NULL, updated_at = :now WHERE id = :id OR id = :rid2"));
    q.bindValue(QStringLiteral(":rid"), stripeId);
    q.bindValue(QStringLiteral(":st"), status);
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":id"), reservationId);
    q.bindValue(QStringLiteral(":rid2"), stripeId);
    Db::exec(q);
}

void RefundStore::noteFailure(const QString &id, const QString &error, bool failed,
                              const QDateTime &now)
{
    QSqlQuery q = Db::prepare(
        m_db,
        failed ? QStringLiteral("UPDATE compose_refunds SET status = 'failed', last_error = :e, "
                                "updated_at = :now WHERE id = :id AND status = 'pending'")
               : QStringLiteral("UPDATE compose_refunds SET last_error = :e, updated_at = :now "
                                "WHERE id = :id AND status = 'pending'"));
    q.bindValue(QStringLiteral(":e"), error.left(500));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":id"), id);
    Db::exec(q);
}

std::optional<QString> RefundStore::syncFromStripe(const QString &stripeId, const QString &localId,
                                                   const QString &status, const QDateTime &now)
{
    QSqlQuery u = Db::prepare(m_db,
                              QStringLiteral("UPDATE compose_refunds SET id = :id, status = :st, "
                                             "updated_at = :now WHERE id = :id2 OR id = :local"));
    u.bindValue(QStringLiteral(":id"), stripeId);
    u.bindValue(QStringLiteral(":st"), status.left(20));
    u.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    u.bindValue(QStringLiteral(":id2"), stripeId);
    u.bindValue(QStringLiteral(":local"), localId.isEmpty() ? stripeId : localId);
    Db::exec(u);
    QSqlQuery f
        = Db::prepare(m_db, QStringLiteral("SELECT form_id FROM compose_refunds WHERE id = :id"));
    f.bindValue(QStringLiteral(":id"), stripeId);
    Db::exec(f);
    if (!f.next())
        return std::nullopt;
    return f.value(0).toString();
}

} // namespace compose
