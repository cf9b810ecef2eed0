#include "reconciliationstore.h"

#include "database.h"

namespace compose {

namespace {

const QString kLease = QStringLiteral("stripe");

QVariant textOrNull(const QString &v)
{
    return v.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(v);
}

} // namespace

bool ReconciliationStore::takeLease(const QString &owner, const QDateTime &now,
                                    const QDateTime &until)
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("UPDATE compose_reconciliation_lease SET owner = :o, lease_until = :u "
                       "WHERE name = :n AND (lease_until IS NULL OR lease_until < :now "
                       "OR owner = :o2)"));
    q.bindValue(QStringLiteral(":o"), owner);
    q.bindValue(QStringLiteral(":u"), Db::timestamp(until));
    q.bindValue(QStringLiteral(":n"), kLease);
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":o2"), owner);
    Db::exec(q);
    return q.numRowsAffected() == 1;
}

void ReconciliationStore::releaseLease(const QString &owner, const QDateTime &now)
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("UPDATE compose_reconciliation_lease SET owner = NULL, "
                       "lease_until = NULL, last_pass_at = :now WHERE name = :n AND owner = :o"));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":n"), kLease);
    q.bindValue(QStringLiteral(":o"), owner);
    Db::exec(q);
}

ReconciliationCursor ReconciliationStore::cursor(const QString &objectType) const
{
    ReconciliationCursor c;
    c.objectType = objectType;
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("SELECT created_gte, resume_after, high_water "
                                             "FROM compose_reconciliation_cursors "
                                             "WHERE object_type = :t"));
    q.bindValue(QStringLiteral(":t"), objectType);
    Db::exec(q);
    if (q.next()) {
        c.createdGte = q.value(0).toLongLong();
        c.resumeAfter = q.value(1).toString();
        c.highWater = q.value(2).toLongLong();
    }
    return c;
}

void ReconciliationStore::saveCursor(const ReconciliationCursor &c, const QDateTime &now)
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral(
            "INSERT INTO compose_reconciliation_cursors(object_type, created_gte, "
            "resume_after, high_water, updated_at) VALUES (:t, :g, :r, :h, :now) "
            "ON CONFLICT (object_type) DO UPDATE SET created_gte = excluded.created_gte, "
            "resume_after = excluded.resume_after, high_water = excluded.high_water, "
            "updated_at = excluded.updated_at"));
    q.bindValue(QStringLiteral(":t"), c.objectType);
    q.bindValue(QStringLiteral(":g"), c.createdGte);
    q.bindValue(QStringLiteral(":r"), textOrNull(c.resumeAfter));
    q.bindValue(QStringLiteral(":h"), c.highWater);
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    Db::exec(q);
}

bool ReconciliationStore::insertFinding(const Finding &f)
{
    QSqlQuery q
        = Db::prepare(m_db,
                      QStringLiteral("INSERT INTO compose_reconciliation_findings(kind, form_id, "
                                     "stripe_object_id, payment_intent, detail, found_at) "
                                     "VALUES (:k, :f, :o, :pi, :d, :at) "
                                     "ON CONFLICT (kind, stripe_object_id) DO NOTHING"));
    q.bindValue(QStringLiteral(":k"), f.kind);
    q.bindValue(QStringLiteral(":f"), textOrNull(f.formId));
    q.bindValue(QStringLiteral(":o"), f.stripeObjectId);
    q.bindValue(QStringLiteral(":pi"), textOrNull(f.paymentIntent));
    q.bindValue(QStringLiteral(":d"), f.detailJson);
    q.bindValue(QStringLiteral(":at"), Db::timestamp(f.foundAt));
    Db::exec(q);
    return q.numRowsAffected() == 1;
}

bool ReconciliationStore::resolve(qint64 id, const QString &resolution, const QString &by,
                                  const QString &note, const QDateTime &now)
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("UPDATE compose_reconciliation_findings SET resolved_at = :now, "
                       "resolution = :r, resolved_by = :by, note = :note "
                       "WHERE id = :id AND resolved_at IS NULL"));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":r"), resolution);
    q.bindValue(QStringLiteral(":by"), by);
    q.bindValue(QStringLiteral(":note"), textOrNull(note));
    q.bindValue(QStringLiteral(":id"), id);
    Db::exec(q);
    return q.numRowsAffected() == 1;
}

bool ReconciliationStore::formExists(const QString &formId) const
{
    if (formId.isEmpty())
        return false;
    QSqlQuery q = Db::prepare(m_db, QStringLiteral("SELECT 1 FROM compose_forms WHERE id = :f"));
    q.bindValue(QStringLiteral(":f"), formId);
    Db::exec(q);
    return q.next();
}

QString ReconciliationStore::formOfSession(const QString &sessionId) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("SELECT form_id FROM compose_checkout_sessions WHERE session_id = :s "
                       "UNION ALL SELECT id FROM compose_forms WHERE stripe_session_id = :s2"));
    q.bindValue(QStringLiteral(":s"), sessionId);
    q.bindValue(QStringLiteral(":s2"), sessionId);
    Db::exec(q);
    return q.next() ? q.value(0).toString() : QString();
}

std::optional<qint64> ReconciliationStore::orderAmountBySession(const QString &sessionId) const
{
    QSqlQuery q = Db::prepare(
        m_db, QStringLiteral("SELECT amount FROM orders WHERE stripe_session_id = :s LIMIT 1"));
    q.bindValue(QStringLiteral(":s"), sessionId);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

bool ReconciliationStore::intentKnown(const QString &intent) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral(
            "SELECT 1 FROM compose_forms WHERE stripe_payment_intent_id = :a "
            "UNION ALL SELECT 1 FROM compose_checkout_sessions WHERE payment_intent = :b "
            "UNION ALL SELECT 1 FROM compose_reconciliation_findings WHERE payment_intent = :c"));
    q.bindValue(QStringLiteral(":a"), intent);
    q.bindValue(QStringLiteral(":b"), intent);
    q.bindValue(QStringLiteral(":c"), intent);
    Db::exec(q);
    return q.next();
}

std::optional<KnownRefund> ReconciliationStore::refund(const QString &stripeId,
                                                       const QString &localId) const
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("SELECT id, form_id, status, amount FROM "
                                             "compose_refunds WHERE id = :a OR id = :b "
                                             "ORDER BY CASE WHEN id = :c THEN 0 ELSE 1 END"));
    q.bindValue(QStringLiteral(":a"), stripeId);
    q.bindValue(QStringLiteral(":b"), localId.isEmpty() ? stripeId : localId);
    q.bindValue(QStringLiteral(":c"), stripeId);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    return KnownRefund {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                        q.value(3).toLongLong()};
}

} // namespace compose
