#include "deliverystore.h"

#include "database.h"

namespace compose {

namespace {
QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}
} // namespace

QString DeliveryStore::customerEmail(const QString &formId) const
{
    QSqlQuery q
        = Db::prepare(m_db,
                      QStringLiteral("SELECT COALESCE(f.guest_email, u.email) FROM compose_forms f "
                                     "LEFT JOIN \"user\" u ON u.id = f.user_id "
                                     "WHERE f.id = :id"));
    q.bindValue(QStringLiteral(":id"), formId);
    Db::exec(q);
    return q.next() ? q.value(0).toString() : QString();
}

qint64 DeliveryStore::insertDelivery(const DeliveryRecord &row, const QDateTime &now)
{
    QSqlQuery d = Db::prepare(m_db,
                              QStringLiteral("INSERT INTO compose_deliveries(form_id, email, "
                                             "share_url, kind, note, staff_id, created_at) "
                                             "VALUES (:f, :e, :u, :k, :n, :s, :now)"));
    d.bindValue(QStringLiteral(":f"), row.formId);
    d.bindValue(QStringLiteral(":e"), row.email);
    d.bindValue(QStringLiteral(":u"), row.shareUrl);
    d.bindValue(QStringLiteral(":k"), row.kind);
    d.bindValue(QStringLiteral(":n"), textOrNull(row.note));
    d.bindValue(QStringLiteral(":s"),
                row.staffId ? QVariant(*row.staffId) : QVariant(QMetaType::fromType<int>()));
    d.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    Db::exec(d);
    qint64 id = d.lastInsertId().toLongLong();
    if (id <= 0) { // the PostgreSQL driver may not report it
        QSqlQuery last = Db::prepare(
            m_db, QStringLiteral("SELECT MAX(id) FROM compose_deliveries WHERE form_id = :f"));
        last.bindValue(QStringLiteral(":f"), row.formId);
        Db::exec(last);
        id = last.next() ? last.value(0).toLongLong() : 0;
    }
    return id;
}

QList<DeliveryRecord> DeliveryStore::forForm(const QString &formId) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("SELECT d.id, d.created_at, d.kind, d.email, d.share_url, d.note, s.name, "
                       "d.staff_id FROM compose_deliveries d LEFT JOIN compose_staff s ON s.id = "
                       "d.staff_id WHERE d.form_id = :f ORDER BY d.id DESC"));
    q.bindValue(QStringLiteral(":f"), formId);
    Db::exec(q);
    QList<DeliveryRecord> rows;
    while (q.next()) {
        DeliveryRecord r;
        r.id = q.value(0).toLongLong();
        r.formId = formId;
        r.createdAt = Db::readTimestamp(q.value(1));
        r.kind = q.value(2).toString();
        r.email = q.value(3).toString();
        r.shareUrl = q.value(4).toString();
        r.note = q.value(5).toString();
        r.staffName = q.value(6).toString();
        if (!q.value(7).isNull())
            r.staffId = q.value(7).toInt();
        rows.append(r);
    }
    return rows;
}

DeliveryStore::Recent DeliveryStore::recentMessages(const QString &formId,
                                                    const QDateTime &since) const
{
    // idx_compose_outbox_form (form_id, id) finds the form's few rows.
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("SELECT COUNT(*), MIN(created_at) FROM "
                                             "compose_outbox WHERE form_id = :f "
                                             "AND created_at >= :since"));
    q.bindValue(QStringLiteral(":f"), formId);
    q.bindValue(QStringLiteral(":since"), Db::timestamp(since));
    Db::exec(q);
    Recent r;
    if (q.next()) {
        r.count = q.value(0).toInt();
        r.oldest = Db::readTimestamp(q.value(1));
    }
    return r;
}

qint64 DeliveryStore::queue(const OutboxMessage &message, const QDateTime &now)
{
    const QVariant at = Db::timestamp(now);
    QSqlQuery o
        = Db::prepare(m_db,
                      QStringLiteral("INSERT INTO compose_outbox(message_id, form_id, delivery_id, "
                                     "to_address, subject, body_text, body_html, "
                                     "state, attempts, next_attempt_at, created_at) VALUES (:m, "
                                     ":f, :d, :to, :subj, :txt, :html, 'queued', 0, "
                                     ":now, :now2)"));
    o.bindValue(QStringLiteral(":m"), message.messageId);
    o.bindValue(QStringLiteral(":f"), message.formId);
    o.bindValue(QStringLiteral(":d"), message.deliveryId);
    o.bindValue(QStringLiteral(":to"), message.to);
    o.bindValue(QStringLiteral(":subj"), message.subject);
    o.bindValue(QStringLiteral(":txt"), message.text);
    o.bindValue(QStringLiteral(":html"), message.html);
    o.bindValue(QStringLiteral(":now"), at);
    o.bindValue(QStringLiteral(":now2"), at);
    Db::exec(o);
    QSqlQuery id
        = Db::prepare(m_db, QStringLiteral("SELECT id FROM compose_outbox WHERE message_id = :m"));
    id.bindValue(QStringLiteral(":m"), message.messageId);
    Db::exec(id);
    return id.next() ? id.value(0).toLongLong() : 0;
}

std::optional<OutboxMessage> DeliveryStore::claimNext(const QString &owner, const QDateTime &now,
                                                      const QDateTime &leaseUntil)
{
    const QString due
        = QStringLiteral("((state IN ('queued', 'retrying') AND next_attempt_at <= :now) "
                         "OR (state = 'sending' AND lease_until < :now2))");
    for (int tries = 0; tries < 5; ++tries) {
        QSqlQuery pick = Db::prepare(m_db,
                                     QStringLiteral("SELECT id FROM compose_outbox WHERE ") + due
                                         + QStringLiteral(" ORDER BY next_attempt_at, id LIMIT 1"));
        pick.bindValue(QStringLiteral(":now"), Db::timestamp(now));
        pick.bindValue(QStringLiteral(":now2"), Db::timestamp(now));
        Db::exec(pick);
        if (!pick.next())
            return std::nullopt;
        const qint64 id = pick.value(0).toLongLong();
        // The condition is evaluated again under the row lock: of two senders that picked the
        // same row, exactly one changes it.
        QSqlQuery take = Db::prepare(m_db,
                                     QStringLiteral("UPDATE compose_outbox SET state = 'sending', "
                                                    "attempts = attempts + 1, lease_owner = :o, "
                                                    "lease_until = :lu WHERE id = :id AND ")
                                         + due);
        take.bindValue(QStringLiteral(":o"), owner);
        take.bindValue(QStringLiteral(":lu"), Db::timestamp(leaseUntil));
        take.bindValue(QStringLiteral(":id"), id);
        take.bindValue(QStringLiteral(":now"), Db::timestamp(now));
        take.bindValue(QStringLiteral(":now2"), Db::timestamp(now));
        Db::exec(take);
        if (take.numRowsAffected() != 1)
            continue;
        QSqlQuery row = Db::prepare(
            m_db,
            QStringLiteral("SELECT message_id, to_address, subject, body_text, body_html, form_id, "
                           "delivery_id FROM compose_outbox WHERE id = :id"));
        row.bindValue(QStringLiteral(":id"), id);
        Db::exec(row);
        if (!row.next())
            continue;
        OutboxMessage m;
        m.id = id;
        m.messageId = row.value(0).toString();
        m.to = row.value(1).toString();
        m.subject = row.value(2).toString();
        m.text = row.value(3).toString();
        m.html = row.value(4).toString();
        m.formId = row.value(5).toString();
        m.deliveryId = row.value(6).toLongLong();
        return m;
    }
    return std::nullopt;
}

void DeliveryStore::markSent(qint64 id, const QString &owner, const QDateTime &now)
{
    QSqlQuery q
        = Db::prepare(m_db,
                      QStringLiteral("UPDATE compose_outbox SET state = 'sent', sent_at = :now, "
                                     "last_error = NULL, lease_owner = NULL, "
                                     "lease_until = NULL WHERE id = :id AND lease_owner = :o"));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":o"), owner);
    Db::exec(q);
}

int DeliveryStore::attempts(qint64 id) const
{
    QSqlQuery a
        = Db::prepare(m_db, QStringLiteral("SELECT attempts FROM compose_outbox WHERE id = :id"));
    a.bindValue(QStringLiteral(":id"), id);
    Db::exec(a);
    return a.next() ? a.value(0).toInt() : 1;
}

void DeliveryStore::markFailedAttempt(qint64 id, const QString &owner, const QString &error,
                                      bool final, const QDateTime &nextAttempt)
{
    QSqlQuery q
        = Db::prepare(m_db,
                      QStringLiteral("UPDATE compose_outbox SET state = :st, last_error = :e, "
                                     "next_attempt_at = :next, lease_owner = NULL, "
                                     "lease_until = NULL WHERE id = :id AND lease_owner = :o"));
    q.bindValue(QStringLiteral(":st"),
                final ? QStringLiteral("failed") : QStringLiteral("retrying"));
    q.bindValue(QStringLiteral(":e"), error.left(500));
    q.bindValue(QStringLiteral(":next"), Db::timestamp(nextAttempt));
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":o"), owner);
    Db::exec(q);
}

} // namespace compose
