#include "attentionstore.h"

#include "database.h"

#include <QHash>
#include <QSqlQuery>
#include <QStringList>

#include <algorithm>

namespace compose {

namespace {

// compose_attention and its triggers come with migration 012 (schema_migrations says so).
bool attentionTable(const Capabilities &caps)
{
    return caps.schemaVersion >= 12;
}

QString quoted(FormStatus s)
{
    return QLatin1Char('\'') + Status::key(s) + QLatin1Char('\'');
}

QString statusIn(std::initializer_list<FormStatus> statuses)
{
    QStringList keys;
    for (FormStatus s : statuses)
        keys << quoted(s);
    return QStringLiteral("f.status IN (") + keys.join(QStringLiteral(", ")) + QLatin1Char(')');
}

// Builds one condition; placeholder names get the caller's suffix so that a statement may hold
// several conditions (a name may be bound only once).
struct Builder {
    const Capabilities &caps;
    const AttentionThresholds &t;
    const QDateTime &now;
    QString sfx;
    bool useTable = false; // compose_attention (migration 012) instead of the conditions
    QList<QPair<QString, QVariant>> binds;

    QString bindTime(const char *name, const QDateTime &when)
    {
        const QString ph = QLatin1Char(':') + QLatin1String(name) + sfx;
        binds.append({ph, Db::timestamp(when)});
        return ph;
    }
    bool pg() const { return caps.dialect == SqlDialect::PostgreSQL; }

    QString paidNotDelivered()
    {
        // Spelled as the partial index idx_cf_attn_paid of migration 009.
        return QStringLiteral("(f.status = 'payment_completed' AND COALESCE(f.paid_at, "
                              "f.updated_at) < ")
            + bindTime("pnd", now.addSecs(-60LL * t.paidUndeliveredMinutes)) + QLatin1Char(')');
    }
    QString failedGeneration()
    {
        // A retry is a new row in the same slot (GenerationService); once one exists that did not
        // fail, the failure is being dealt with (if it hangs, "generating too long" shows it).
        // Only where a retry is allowed: after checkout an old failure needs nothing.
        return QLatin1Char('(')
            + statusIn({FormStatus::PromptsGenerated, FormStatus::VariationsGenerating,
                        FormStatus::VariationsReady})
            + QStringLiteral(
                   " AND EXISTS (SELECT 1 FROM music_generations g WHERE g.form_id = f.id"
                   " AND g.status = 'failed' AND NOT EXISTS (SELECT 1 FROM music_generations r"
                   " WHERE r.form_id = g.form_id AND r.song_index = g.song_index"
                   " AND r.variation_index = g.variation_index AND r.status <> 'failed')))");
    }
    QString stuckGenerating()
    {
        return QStringLiteral("(f.status = 'variations_generating' AND f.updated_at < ")
            + bindTime("stk", now.addSecs(-60LL * t.generatingMinutes)) + QLatin1Char(')');
    }
    QString paidWithoutWebhook()
    {
        return QStringLiteral(
            "EXISTS (SELECT 1 FROM compose_reconciliation_findings x WHERE x.form_id = f.id"
            " AND x.kind = 'paid_without_webhook' AND x.resolved_at IS NULL)");
    }
    QString duplicatePayment()
    {
        // The second payment is another order (PaymentService); it leaves the queue once that
        // order is refunded itself.
        return QStringLiteral("EXISTS (SELECT 1 FROM orders o WHERE o.form_id = f.id"
                              " AND o.payment_flag = 'duplicate' AND o.status = 'paid')");
    }
    QString refundProblem()
    {
        return QStringLiteral(
            "EXISTS (SELECT 1 FROM compose_refunds r WHERE r.form_id = f.id AND"
            " r.status IN ('pending', 'requires_action', 'failed') AND (r.status <> 'failed' OR"
            " NOT EXISTS (SELECT 1 FROM compose_refunds r2 WHERE r2.form_id = r.form_id"
            " AND r2.created_at > r.created_at AND r2.status NOT IN ('failed', 'canceled'))))");
    }
    QString previewExpiring()
    {
        // A preview lapses `retention` after MusicGPT made it (WAV 7 days, MP3 90). Before
        // payment every preview may still be chosen; once paid, the paid/selected ones matter.
        const PreviewCuts cuts = previewCuts();
        // PostgreSQL types untyped parameters in a CASE as text: say they are timestamps.
        auto typed = [this](const QString &ph) {
            return pg() ? QStringLiteral("CAST(") + ph + QStringLiteral(" AS TIMESTAMP)") : ph;
        };
        const QString wav = typed(bindTime("pvw", cuts.wav));
        const QString mp3 = typed(bindTime("pvm", cuts.mp3));
        return QLatin1Char('(')
            + statusIn({FormStatus::VariationsReady, FormStatus::PaymentInitiated,
                        FormStatus::PaymentCompleted})
            + QStringLiteral(
                   " AND EXISTS (SELECT 1 FROM music_generations g WHERE g.form_id = f.id"
                   " AND g.status = 'completed' AND (g.is_selected OR g.is_paid OR f.status <>"
                   " 'payment_completed') AND COALESCE(g.completed_at, g.created_at) < CASE WHEN"
                   " lower(g.audio_url_1) LIKE '%.wav' THEN ")
            + wav + QStringLiteral(" ELSE ") + mp3 + QStringLiteral(" END))");
    }
    QString jsonMismatch()
    {
        // The newest row of a slot must be the task the JSON names there, and every task the
        // JSON names must have a row (music_generations.task_id is UNIQUE: an index lookup).
        const QString latest = QStringLiteral(
            "NOT EXISTS (SELECT 1 FROM music_generations n WHERE n.form_id = g.form_id"
            " AND n.song_index = g.song_index AND n.variation_index = g.variation_index"
            " AND (n.created_at > g.created_at OR (n.created_at = g.created_at AND n.id > g.id)))");
        QString slot, orphan;
        if (pg()) {
            slot = QStringLiteral("(CASE WHEN jsonb_typeof(f.variation_task_ids) = 'object' THEN "
                                  "f.variation_task_ids -> CAST(g.song_index AS TEXT) ->> "
                                  "(g.variation_index - 1) END) IS DISTINCT FROM g.task_id");
            orphan = QStringLiteral(
                "EXISTS (SELECT 1 FROM jsonb_each(CASE WHEN jsonb_typeof(f.variation_task_ids) ="
                " 'object' THEN f.variation_task_ids ELSE '{}'::jsonb END) e CROSS JOIN LATERAL"
                " jsonb_array_elements_text(CASE WHEN jsonb_typeof(e.value) = 'array' THEN e.value"
                " ELSE '[]'::jsonb END) t(task) WHERE NOT EXISTS (SELECT 1 FROM music_generations"
                " m WHERE m.task_id = t.task AND m.form_id = f.id))");
        } else {
            const QString object = QStringLiteral(
                "json_valid(f.variation_task_ids) AND json_type(f.variation_task_ids) = 'object'");
            slot = QStringLiteral("(CASE WHEN ") + object
                + QStringLiteral(" THEN json_extract(f.variation_task_ids, '$.\"' || g.song_index"
                                 " || '\"[' || (g.variation_index - 1) || ']') END) IS NOT "
                                 "g.task_id");
            orphan = QStringLiteral("EXISTS (SELECT 1 FROM json_each(CASE WHEN ") + object
                + QStringLiteral(
                         " THEN f.variation_task_ids ELSE '{}' END) e, json_each(CASE WHEN e.type ="
                         " 'array' THEN e.value ELSE '[]' END) t WHERE NOT EXISTS (SELECT 1 FROM"
                         " music_generations m WHERE m.task_id = t.value AND m.form_id ="
                         " f.id))");
        }
        return QLatin1Char('(')
            + statusIn({FormStatus::VariationsGenerating, FormStatus::VariationsReady,
                        FormStatus::PaymentInitiated, FormStatus::PaymentCompleted})
            + QStringLiteral(" AND (EXISTS (SELECT 1 FROM music_generations g WHERE g.form_id ="
                             " f.id AND ")
            + latest + QStringLiteral(" AND ") + slot + QStringLiteral(") OR ") + orphan
            + QStringLiteral("))");
    }
    QString orderMismatch()
    {
        return QLatin1Char('(') + statusIn({FormStatus::PaymentCompleted, FormStatus::Delivered})
            + QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.form_id = f.id))");
    }
    QString unknownStatus()
    {
        QStringList known;
        for (FormStatus s : Status::all())
            known << quoted(s);
        return QStringLiteral("f.status NOT IN (") + known.join(QStringLiteral(", "))
            + QLatin1Char(')');
    }
    QString refunded()
    {
        return caps.hasRefunds
            ? QStringLiteral("(f.status = 'refunded' OR EXISTS (SELECT 1 FROM compose_refunds rf"
                             " WHERE rf.form_id = f.id AND rf.status = 'succeeded'))")
            : QStringLiteral("f.status = 'refunded'");
    }

    // A member of one kind of compose_attention (migration 012) whose clock, if `ph` is given,
    // started before `before`: a primary-key probe per form.
    QString member(const char *kind, const char *ph = nullptr, const QDateTime &before = {})
    {
        QString sql = QStringLiteral("EXISTS (SELECT 1 FROM compose_attention a WHERE a.kind = '")
            + QLatin1String(kind) + QStringLiteral("' AND a.subject_id = f.id");
        if (ph)
            sql += QStringLiteral(" AND a.since < ") + bindTime(ph, before);
        return sql + QLatin1Char(')');
    }
    QString tableQueue(Queue q)
    {
        switch (q) {
        case Queue::PaidNotDelivered:
            return member("paid_not_delivered", "pnd",
                          now.addSecs(-60LL * t.paidUndeliveredMinutes));
        case Queue::StuckGenerating:
            return member("stuck_generating", "stk", now.addSecs(-60LL * t.generatingMinutes));
        case Queue::PreviewExpiring: {
            const PreviewCuts c = previewCuts();
            return QLatin1Char('(') + member("preview_wav", "pvw", c.wav) + QStringLiteral(" OR ")
                + member("preview_mp3", "pvm", c.mp3) + QLatin1Char(')');
        }
        case Queue::UnknownStatus:
            return unknownStatus(); // the status column itself (the rollup counts it)
        default:
            break;
        }
        return member(Attention::key(q).toLatin1().constData());
    }
    struct PreviewCuts {
        QDateTime wav, mp3;
    };
    // A preview lapses `retention` after it was made; "expiring" means within the warning time.
    PreviewCuts previewCuts() const
    {
        const QDateTime horizon = now.addSecs(3600LL * t.previewWarningHours);
        return {horizon.addDays(-t.wavRetentionDays), horizon.addDays(-t.mp3RetentionDays)};
    }

    QString queue(Queue q)
    {
        if (!AttentionStore::isAvailable(q, caps))
            return QStringLiteral("1 = 0");
        if (useTable)
            return tableQueue(q);
        switch (q) {
        case Queue::PaidNotDelivered:
            return paidNotDelivered();
        case Queue::FailedGeneration:
            return failedGeneration();
        case Queue::StuckGenerating:
            return stuckGenerating();
        case Queue::PaidWithoutWebhook:
            return paidWithoutWebhook();
        case Queue::DuplicatePayment:
            return duplicatePayment();
        case Queue::RefundProblem:
            return refundProblem();
        case Queue::PreviewExpiring:
            return previewExpiring();
        case Queue::JsonMismatch:
            return jsonMismatch();
        case Queue::OrderMismatch:
            return orderMismatch();
        case Queue::UnknownStatus:
            return unknownStatus();
        }
        return QStringLiteral("1 = 0");
    }

    QString key(const QString &key)
    {
        if (key == Attention::refundedKey())
            return refunded();
        if (key == Attention::stuckKey())
            return QLatin1Char('(') + queue(Queue::StuckGenerating) + QStringLiteral(" OR ")
                + queue(Queue::PaidNotDelivered) + QLatin1Char(')');
        if (const auto q = Attention::fromKey(key))
            return queue(*q);
        return QStringLiteral("1 = 0");
    }
};

} // namespace

AttentionStore::AttentionStore(QSqlDatabase db, const Capabilities &caps)
    : m_db(std::move(db))
    , m_caps(caps)
{
}

bool AttentionStore::isAvailable(Queue q, const Capabilities &caps)
{
    switch (q) {
    case Queue::PaidWithoutWebhook:
        return caps.hasFindings;
    case Queue::DuplicatePayment:
        return caps.hasPaymentFlag;
    case Queue::RefundProblem:
        return caps.hasRefunds;
    default:
        return true;
    }
}

AttentionStore::Clause AttentionStore::condition(const QString &key, const Capabilities &caps,
                                                 const AttentionThresholds &t, const QDateTime &now,
                                                 const QString &sfx)
{
    Builder b {caps, t, now, sfx, attentionTable(caps), {}};
    Clause c;
    c.sql = b.key(key);
    c.binds = b.binds;
    return c;
}

AttentionStore::Clause AttentionStore::definition(const QString &key, const Capabilities &caps,
                                                  const AttentionThresholds &t,
                                                  const QDateTime &now, const QString &sfx)
{
    Builder b {caps, t, now, sfx, false, {}};
    Clause c;
    c.sql = b.key(key);
    c.binds = b.binds;
    return c;
}

qint64 AttentionStore::count(Queue q, const AttentionThresholds &t, const QDateTime &now)
{
    if (!isAvailable(q, m_caps))
        return 0;
    QString sql;
    Clause c;
    // Bounded work however large the queue: at most Cap + 1 members are visited.
    const QString cap = QStringLiteral(" LIMIT %1) c").arg(QueueCountValue::Cap + 1);
    if (q == Queue::UnknownStatus && m_caps.hasFunnelRollup) {
        // The rollup already counts forms per status: a few hundred rows instead of a scan.
        QStringList known;
        for (FormStatus s : Status::all())
            known << quoted(s);
        sql = QStringLiteral("SELECT COALESCE(SUM(forms), 0) FROM compose_funnel_daily WHERE "
                             "status NOT IN (")
            + known.join(QStringLiteral(", ")) + QLatin1Char(')');
    } else if (attentionTable(m_caps) && q != Queue::UnknownStatus) {
        // The queue's own rows of compose_attention: a range of (kind, since) read in index
        // order (so the planner walks the index and stops at the cap), index only.
        Builder b {m_caps, t, now, QString(), true, {}};
        const QString limit
            = QStringLiteral(" ORDER BY a.since LIMIT %1) ").arg(QueueCountValue::Cap + 1);
        auto range = [&b, &limit](const char *kind, const char *ph, const QDateTime &before,
                                  const QString &alias, const QString &extra = {}) -> QString {
            QString r = QStringLiteral("SELECT 1 AS one FROM (SELECT a.since FROM "
                                       "compose_attention a WHERE a.kind = '")
                + QLatin1String(kind) + QLatin1Char('\'');
            if (ph)
                r += QStringLiteral(" AND a.since < ") + b.bindTime(ph, before);
            return r + extra + limit + alias;
        };
        QString members;
        switch (q) {
        case Queue::PaidNotDelivered:
            members = range("paid_not_delivered", "pnd",
                            now.addSecs(-60LL * t.paidUndeliveredMinutes), QStringLiteral("r"));
            break;
        case Queue::StuckGenerating:
            members = range("stuck_generating", "stk", now.addSecs(-60LL * t.generatingMinutes),
                            QStringLiteral("r"));
            break;
        case Queue::PreviewExpiring: {
            // A form with both kinds of preview counts once: its MP3 row only when its WAV row
            // does not count already. Each part stops at the cap, so the sum is right up to it.
            const auto cuts = b.previewCuts();
            members = range("preview_wav", "pvw", cuts.wav, QStringLiteral("w"))
                + QStringLiteral(" UNION ALL ")
                + range("preview_mp3", "pvm", cuts.mp3, QStringLiteral("m"),
                        QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM compose_attention x WHERE "
                                       "x.kind = 'preview_wav' AND x.subject_id = a.subject_id AND "
                                       "x.since < ")
                            + b.bindTime("pvw2", cuts.wav) + QLatin1Char(')'));
            break;
        }
        default:
            members
                = range(Attention::key(q).toLatin1().constData(), nullptr, {}, QStringLiteral("r"));
            break;
        }
        sql = QStringLiteral("SELECT COUNT(*) FROM (") + members + QStringLiteral(") c");
        c.binds = b.binds;
    } else {
        c = condition(Attention::key(q), m_caps, t, now);
        sql = QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM compose_forms f WHERE ") + c.sql
            + cap;
    }
    QSqlQuery query = Db::prepare(m_db, sql);
    for (const auto &[name, v] : std::as_const(c.binds))
        query.bindValue(name, v);
    Db::exec(query);
    return query.next() ? std::min(query.value(0).toLongLong(), QueueCountValue::Cap + 1) : 0;
}

qint64 AttentionStore::ordersWithoutForm()
{
    if (attentionTable(m_caps)) {
        // Kept by the triggers of migration 012: a range of the primary key.
        QSqlQuery q = Db::prepare(m_db,
                                  QStringLiteral("SELECT COUNT(*) FROM compose_attention "
                                                 "WHERE kind = 'order_without_form'"));
        Db::exec(q);
        return q.next() ? q.value(0).toLongLong() : 0;
    }
    // orders.form_id references compose_forms, but a shop's SQLite or an older import may not
    // enforce it; a NULL form_id is the common case and the partial index of 009 finds it.
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("SELECT COUNT(*) FROM orders o WHERE o.form_id IS NULL OR NOT EXISTS "
                       "(SELECT 1 FROM compose_forms f WHERE f.id = o.form_id)"));
    Db::exec(q);
    return q.next() ? q.value(0).toLongLong() : 0;
}

AttentionCounts AttentionStore::counts(const AttentionThresholds &t, const QDateTime &now)
{
    AttentionCounts out;
    out.thresholds = t;
    out.at = now;
    for (Queue q : Attention::all())
        out.queues.append({q, count(q, t, now), isAvailable(q, m_caps)});
    out.ordersWithoutForm = ordersWithoutForm();
    return out;
}

void AttentionStore::applyFlags(QList<FormSummary> &rows, const AttentionThresholds &t,
                                const QDateTime &now)
{
    if (rows.isEmpty())
        return;
    const QList<RowFlag> flags = Attention::allFlags();
    QStringList columns;
    QList<QPair<QString, QVariant>> binds;
    for (int i = 0; i < flags.size(); ++i) {
        const Clause c = condition(Attention::flagKey(flags.at(i)), m_caps, t, now,
                                   QStringLiteral("_f%1").arg(i));
        columns << QStringLiteral("CASE WHEN ") + c.sql + QStringLiteral(" THEN 1 ELSE 0 END");
        binds += c.binds;
    }
    QStringList marks;
    for (int i = 0; i < rows.size(); ++i) {
        marks << QStringLiteral(":fid%1").arg(i);
        binds.append({marks.last(), rows.at(i).id});
    }
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("SELECT f.id, ") + columns.join(QStringLiteral(", "))
                                  + QStringLiteral(" FROM compose_forms f WHERE f.id IN (")
                                  + marks.join(QLatin1Char(',')) + QLatin1Char(')'));
    for (const auto &[name, v] : std::as_const(binds))
        q.bindValue(name, v);
    Db::exec(q);
    QHash<QString, int> byId;
    while (q.next()) {
        int bits = 0;
        for (int i = 0; i < flags.size(); ++i) {
            if (q.value(i + 1).toInt() != 0)
                bits |= int(flags.at(i));
        }
        byId.insert(q.value(0).toString(), bits);
    }
    for (FormSummary &s : rows)
        s.flags = byId.value(s.id, 0);
}

} // namespace compose
