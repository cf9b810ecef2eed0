#include "formrepository.h"

#include "findingstore.h"

#include "attentionstore.h"
#include "database.h"
#include "formstore.h"
#include "generationstore.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>

#include <algorithm>

namespace compose {

namespace {

// Column positions of summarySelect() after FormStore's scalar columns (which come first);
// readSummary() depends on them.
constexpr int kScalarCount = 13;
enum SummaryColumn { SRecipient = kScalarCount, SSender, SKind, SUserEmail, SSortValue };

QString likePattern(const QString &needle)
{
    QString s = needle.toLower();
    s.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    s.replace(QLatin1Char('%'), QLatin1String("\\%"));
    s.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + s + QLatin1Char('%');
}

} // namespace

FormRepository::FormRepository(QSqlDatabase db)
    : m_db(std::move(db))
{
    m_caps.dialect = Db::dialect(m_db);
}

Capabilities FormRepository::detect()
{
    Capabilities c;
    c.dialect = Db::dialect(m_db);
    if (!Db::hasTable(m_db, QStringLiteral("compose_forms")))
        throw DbError(QCoreApplication::translate(
            "FormRepository",
            "This database has no compose_forms table. Is it the shop's database? An empty "
            "database can be prepared with: compose-dashboard --database-url URL --migrate"));
    if (Db::hasTable(m_db, QStringLiteral("schema_migrations"))) {
        QSqlQuery q = Db::prepare(
            m_db, QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
        Db::exec(q);
        c.schemaVersion = q.next() ? q.value(0).toInt() : 0;
    }
    c.hasEvents = Db::hasTable(m_db, QStringLiteral("compose_form_events"));
    c.hasAudit = Db::hasTable(m_db, QStringLiteral("compose_audit"));
    c.hasRefunds = Db::hasTable(m_db, QStringLiteral("compose_refunds"))
        && Db::hasTable(m_db, QStringLiteral("compose_staff"));
    c.hasFindings = Db::hasTable(m_db, QStringLiteral("compose_reconciliation_findings"));
    // orders.payment_flag is ours (005); the seed's orders table has no such column.
    c.hasPaymentFlag = c.schemaVersion >= 5;
    c.hasFunnelRollup = c.dialect == SqlDialect::PostgreSQL
        && Db::hasTable(m_db, QStringLiteral("compose_funnel_daily"));
    c.hasSearchCopy = c.dialect == SqlDialect::PostgreSQL
        && Db::hasTable(m_db, QStringLiteral("compose_form_search"));
    if (c.dialect == SqlDialect::PostgreSQL) {
        QSqlQuery q = Db::prepare(
            m_db,
            QStringLiteral(
                "SELECT current_setting('server_version'), "
                "EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'compose_forms_notify'), "
                "pg_is_in_recovery()"));
        Db::exec(q);
        if (q.next()) {
            c.serverVersion = QStringLiteral("PostgreSQL ") + q.value(0).toString();
            c.standby = q.value(2).toBool();
            // The trigger's NOTIFY is sent on the primary and not replicated: a standby
            // (which cannot even LISTEN) is polled.
            c.notifications = q.value(1).toBool() && !c.standby;
        }
    } else {
        QSqlQuery q = Db::prepare(m_db, QStringLiteral("SELECT sqlite_version()"));
        Db::exec(q);
        if (q.next())
            c.serverVersion = QStringLiteral("SQLite ") + q.value(0).toString();
    }
    m_caps = c;
    return c;
}

QString FormRepository::jsonText(const QString &column) const
{
    return m_caps.dialect == SqlDialect::PostgreSQL ? column + QStringLiteral("::text") : column;
}

QString FormRepository::summarySelect(SqlDialect d)
{
    // Recipient/sender come back as JSON fragments so that "missing" and "wrong type" can be
    // told apart; the document's own type says whether form_data is an object at all.
    const bool pg = d == SqlDialect::PostgreSQL;
    const QString recipient = pg
        ? QStringLiteral("(f.form_data -> 'recipientName')::text")
        : QStringLiteral(
            "CASE WHEN json_valid(f.form_data) THEN f.form_data -> '$.recipientName' END");
    const QString sender = pg
        ? QStringLiteral("(f.form_data -> 'senderName')::text")
        : QStringLiteral(
            "CASE WHEN json_valid(f.form_data) THEN f.form_data -> '$.senderName' END");
    const QString kind = pg
        ? QStringLiteral("jsonb_typeof(f.form_data)")
        : QStringLiteral(
            "CASE WHEN json_valid(f.form_data) THEN json_type(f.form_data) ELSE 'malformed' END");
    return QStringLiteral("SELECT ") + FormStore::scalarColumns(QStringLiteral("f"))
        + QStringLiteral(", ") + recipient + QStringLiteral(", ") + sender + QStringLiteral(", ")
        + kind
        // The account e-mail per row, not a join: with a join the planner, misled by the
        // search's OR estimate (~1,400 rows at 10M forms for one match), hashed all of "user"
        // (52 ms) for a one-row answer; a subquery runs once per row returned.
        + QStringLiteral(", (SELECT ue.email FROM \"user\" ue WHERE ue.id = f.user_id)");
}

QString FormRepository::sortExpression(ListSort::Key key) const
{
    const bool pg = m_caps.dialect == SqlDialect::PostgreSQL;
    switch (key) {
    case ListSort::Id:
        return QStringLiteral("f.id");
    case ListSort::Recipient:
        return pg
            ? QStringLiteral("lower(f.form_data->>'recipientName')")
            : QStringLiteral(
                "lower(CASE WHEN json_valid(f.form_data) AND json_type(f.form_data) = 'object' "
                "THEN json_extract(f.form_data, '$.recipientName') END)");
    case ListSort::Package:
        return QStringLiteral("f.package_type");
    case ListSort::Status:
        return QStringLiteral("f.status");
    case ListSort::Amount:
        return QStringLiteral("f.amount_paid");
    case ListSort::Created:
        return QStringLiteral("f.created_at");
    case ListSort::Updated:
        return QStringLiteral("f.updated_at");
    case ListSort::Expires:
        return QStringLiteral("f.expires_at");
    }
    return QStringLiteral("f.updated_at");
}

FormSummary FormRepository::readSummary(const QSqlQuery &q) const
{
    // compose_forms' own columns come through the table's one row mapper.
    FormRecord row;
    [[maybe_unused]] const int next = FormStore::readScalars(q, 0, row);
    Q_ASSERT(next == kScalarCount);
    FormSummary s;
    s.id = row.id;
    s.packageType = row.packageType;
    s.songCount = row.songCount;
    s.statusKey = row.statusKey;
    s.status = row.status();
    const QString kind = q.value(SKind).toString();
    if (kind == QLatin1String("object")) {
        s.recipient = FormJson::fragment(q.value(SRecipient));
        s.sender = FormJson::fragment(q.value(SSender));
    } else {
        const QString what = kind == QLatin1String("malformed")
            ? QCoreApplication::translate("FormRepository", "form data is not JSON")
            : QCoreApplication::translate("FormRepository", "form data is %1").arg(kind);
        s.recipient = JsonText::invalid(what);
        s.sender = JsonText::invalid(what);
    }
    s.userId = row.userId;
    s.isGuest = s.userId.isEmpty();
    s.email = !row.guestEmail.isEmpty() ? row.guestEmail : q.value(SUserEmail).toString();
    s.amountPaidCents = row.amountPaid;
    s.createdAt = row.createdAt;
    s.updatedAt = row.updatedAt;
    s.expiresAt = row.expiresAt;
    s.paidAt = row.paidAt;
    s.stripeSessionId = row.stripeSessionId;
    s.paymentIntentId = row.stripePaymentIntentId;
    return s;
}

FunnelCounts FormRepository::funnel(const FunnelQuery &query)
{
    FunnelCounts out;
    out.query = query;
    QStringList where;
    QString sql;
    if (m_caps.hasFunnelRollup) {
        if (query.from.isValid())
            where << QStringLiteral("day >= CAST(:from AS date)");
        if (query.to.isValid())
            where << QStringLiteral("day <= CAST(:to AS date)");
        // Forms without created_at are kept under -infinity for "all time"; any date bound
        // excludes them, as created_at < :to does on the seed-only schema.
        if (query.to.isValid() && !query.from.isValid())
            where << QStringLiteral("day > '-infinity'::date");
        if (!query.package.isEmpty())
            where << QStringLiteral("package_type = :pkg");
        sql = QStringLiteral("SELECT status, SUM(forms) FROM compose_funnel_daily")
            + (where.isEmpty() ? QString()
                               : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")))
            + QStringLiteral(" GROUP BY status HAVING SUM(forms) <> 0");
    } else {
        if (query.from.isValid())
            where << QStringLiteral("created_at >= :from");
        if (query.to.isValid())
            where << QStringLiteral("created_at < :to");
        if (!query.package.isEmpty())
            where << QStringLiteral("package_type = :pkg");
        sql = QStringLiteral("SELECT status, COUNT(*) FROM compose_forms")
            + (where.isEmpty() ? QString()
                               : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")))
            + QStringLiteral(" GROUP BY status");
    }
    QSqlQuery q = Db::prepare(m_db, sql);
    if (m_caps.hasFunnelRollup) {
        if (query.from.isValid())
            q.bindValue(QStringLiteral(":from"), query.from.toString(Qt::ISODate));
        if (query.to.isValid())
            q.bindValue(QStringLiteral(":to"), query.to.toString(Qt::ISODate));
    } else {
        if (query.from.isValid())
            q.bindValue(QStringLiteral(":from"), Db::timestamp(query.from.startOfDay(Qt::UTC)));
        if (query.to.isValid())
            q.bindValue(QStringLiteral(":to"),
                        Db::timestamp(query.to.addDays(1).startOfDay(Qt::UTC)));
    }
    if (!query.package.isEmpty())
        q.bindValue(QStringLiteral(":pkg"), query.package);
    Db::exec(q);
    while (q.next())
        out.counts.append({q.value(0).toString(), q.value(1).toLongLong()});
    return out;
}

namespace {

struct Where {
    QStringList clauses;
    QList<QPair<QString, QVariant>> binds;
    void add(const QString &clause) { clauses << clause; }
    void bind(const QString &name, const QVariant &v) { binds.append({name, v}); }
    QString sql() const
    {
        return clauses.isEmpty()
            ? QString()
            : QStringLiteral(" WHERE ") + clauses.join(QStringLiteral(" AND "));
    }
    void apply(QSqlQuery &q) const
    {
        for (const auto &[name, v] : binds)
            q.bindValue(name, v);
    }
};

// Which alternatives of the search a statement asks (see page()): all of them in one OR, or
// the two halves that page() asks as separate branches.
enum class SearchArms : quint8 {
    All,
    Exact, // id, e-mails, Stripe ids, share slug, order id
    Recipient, // the recipient-name substring
};

// Placeholder names carry `sfx` so the same filters can appear in several branches of one
// statement (a name may be bound only once).
Where filters(const FormListQuery &query, const Capabilities &caps, const AttentionThresholds &t,
              const QDateTime &now, const QString &sfx = QString(),
              SearchArms arms = SearchArms::All)
{
    const SqlDialect d = caps.dialect;
    Where w;
    if (!query.attention.isEmpty()) {
        const AttentionStore::Clause c
            = AttentionStore::condition(query.attention, caps, t, now, QStringLiteral("_a") + sfx);
        w.add(c.sql);
        for (const auto &[name, v] : c.binds)
            w.bind(name, v);
    }
    auto ph = [&sfx](const char *name) -> QString {
        return QLatin1Char(':') + QLatin1String(name) + sfx;
    };
    if (query.statusKey == FormListQuery::otherStatuses()) {
        QStringList known;
        for (FormStatus s : Status::all())
            known << QLatin1Char('\'') + Status::key(s) + QLatin1Char('\'');
        w.add(QStringLiteral("f.status NOT IN (") + known.join(QLatin1Char(','))
              + QLatin1Char(')'));
    } else if (!query.statusKey.isEmpty()) {
        w.add(QStringLiteral("f.status = ") + ph("status"));
        w.bind(ph("status"), query.statusKey);
    }
    if (!query.package.isEmpty()) {
        w.add(QStringLiteral("f.package_type = ") + ph("pkg"));
        w.bind(ph("pkg"), query.package);
    }
    if (query.from.isValid()) {
        w.add(QStringLiteral("f.created_at >= ") + ph("from"));
        w.bind(ph("from"), Db::timestamp(query.from.startOfDay(Qt::UTC)));
    }
    if (query.to.isValid()) {
        w.add(QStringLiteral("f.created_at < ") + ph("to"));
        w.bind(ph("to"), Db::timestamp(query.to.addDays(1).startOfDay(Qt::UTC)));
    }
    const QString s = query.search.trimmed();
    if (!s.isEmpty()) {
        // Each alternative matches an index of migration 003 so PostgreSQL can OR bitmaps. The
        // account e-mail is an ARRAY(...) init plan on PostgreSQL, not an IN (subquery): a
        // sub-plan inside OR cannot be an index condition and forces a scan of every form.
        const bool pg = d == SqlDialect::PostgreSQL;
        const QString recipient = pg
            ? QStringLiteral("lower(f.form_data->>'recipientName')")
            : QStringLiteral(
                "lower(CASE WHEN json_valid(f.form_data) AND json_type(f.form_data) = 'object' "
                "THEN json_extract(f.form_data, '$.recipientName') END)");
        const QString users
            = QStringLiteral("SELECT id FROM \"user\" WHERE lower(email) = ") + ph("q5");
        // A share slug (or a pasted share link) and an order id find their form through the
        // seed's own unique keys (music_generations.share_slug_v1/_v2, orders.id).
        const QString slugs = QStringLiteral("SELECT form_id FROM music_generations WHERE "
                                             "share_slug_v1 = ")
            + ph("q7") + QStringLiteral(" OR share_slug_v2 = ") + ph("q8");
        const QString orders = QStringLiteral("SELECT form_id FROM orders WHERE id = ") + ph("q9");
        auto in = [pg](const QString &column, const QString &sub) {
            return pg ? QString(QStringLiteral(" OR ") + column + QStringLiteral(" = ANY (ARRAY(")
                                + sub + QStringLiteral("))"))
                      : QString(QStringLiteral(" OR ") + column + QStringLiteral(" IN (") + sub
                                + QLatin1Char(')'));
        };
        const QString exact = QStringLiteral("f.id = ") + ph("q1")
            + QStringLiteral(" OR lower(f.guest_email) = ") + ph("q2")
            + QStringLiteral(" OR f.stripe_session_id = ") + ph("q3")
            + QStringLiteral(" OR f.stripe_payment_intent_id = ") + ph("q4")
            + in(QStringLiteral("f.user_id"), users) + in(QStringLiteral("f.id"), slugs)
            + in(QStringLiteral("f.id"), orders);
        const QString like
            = recipient + QStringLiteral(" LIKE ") + ph("q6") + QStringLiteral(" ESCAPE '\\'");
        switch (arms) {
        case SearchArms::All:
            w.add(QLatin1Char('(') + exact + QStringLiteral(" OR ") + like + QLatin1Char(')'));
            break;
        case SearchArms::Exact:
            w.add(QLatin1Char('(') + exact + QLatin1Char(')'));
            break;
        case SearchArms::Recipient:
            w.add(like);
            break;
        }
        const qsizetype shareAt = s.lastIndexOf(QLatin1String("/s/"));
        QString slug = shareAt >= 0 ? s.mid(shareAt + 3) : s;
        slug = slug.section(QLatin1Char('?'), 0, 0).section(QLatin1Char('#'), 0, 0);
        if (arms != SearchArms::Exact)
            w.bind(ph("q6"), likePattern(s));
        if (arms != SearchArms::Recipient) {
            w.bind(ph("q7"), slug);
            w.bind(ph("q8"), slug);
            w.bind(ph("q9"), s);
            w.bind(ph("q1"), s);
            w.bind(ph("q2"), s.toLower());
            w.bind(ph("q3"), s);
            w.bind(ph("q4"), s);
            w.bind(ph("q5"), s.toLower());
        }
    }
    return w;
}

// A search page() asks as two arms: a piece of a name, with no digit, '@' or '/' in it.
bool searchesInTwoArms(const QString &term)
{
    return !term.isEmpty() && std::none_of(term.cbegin(), term.cend(), [](QChar c) {
        return c.isDigit() || c == QLatin1Char('@') || c == QLatin1Char('/');
    });
}

// The copy's rows (compose_form_search, migration 013) of a name search in one keyset part of
// the updated order past `after` (part 0: rows with updated_at; 1: without, by id), and the
// order its index runs for `desc`.
Where copyRows(const QString &term, const ListCursor &after, bool desc, int part,
               const QString &sfx)
{
    Where w;
    w.add(QStringLiteral("s.recipient LIKE :q6") + sfx + QStringLiteral(" ESCAPE '\\'"));
    w.bind(QStringLiteral(":q6") + sfx, likePattern(term));
    const QString cmp = desc ? QStringLiteral(" < ") : QStringLiteral(" > ");
    if (part == 0) {
        w.add(QStringLiteral("s.updated_at IS NOT NULL"));
        if (after.isValid()) {
            w.add(QStringLiteral("(s.updated_at, s.form_id)") + cmp + QStringLiteral("(:cv") + sfx
                  + QStringLiteral(", :cid") + sfx + QLatin1Char(')'));
            w.bind(QStringLiteral(":cv") + sfx, after.sortValue);
            w.bind(QStringLiteral(":cid") + sfx, after.id);
        }
    } else {
        w.add(QStringLiteral("s.updated_at IS NULL"));
        if (after.isValid() && after.sortValue.isNull()) {
            w.add(QStringLiteral("s.form_id") + cmp + QStringLiteral(":cid") + sfx);
            w.bind(QStringLiteral(":cid") + sfx, after.id);
        }
    }
    return w;
}

QString copyOrder(bool desc)
{
    return desc ? QStringLiteral(" ORDER BY s.updated_at DESC NULLS LAST, s.form_id DESC")
                : QStringLiteral(" ORDER BY s.updated_at ASC NULLS FIRST, s.form_id ASC");
}

// The recipient arm of one keyset branch of page() in the updated order, walked index only in
// the copy: the ids of its first `rows` forms, then those forms by primary key. The copy's
// updated_at is the form's own (the triggers write both in one transaction), so the branch's
// outer ORDER BY on compose_forms puts them in the same order.
Where recipientFromCopy(const QString &term, const ListCursor &after, bool desc, int part,
                        const QString &sfx, int rows)
{
    const Where inner = copyRows(term, after, desc, part, sfx);
    Where w;
    w.add(QStringLiteral("f.id = ANY (ARRAY(SELECT s.form_id FROM compose_form_search s")
          + inner.sql() + copyOrder(desc) + QStringLiteral(" LIMIT :rows") + sfx
          + QStringLiteral("))"));
    w.binds = inner.binds;
    w.bind(QStringLiteral(":rows") + sfx, rows);
    return w;
}

} // namespace

// The recipient arm reads compose_form_search (migration 013) where that copy holds all the arm
// asks: the updated order and the name, with no other filter.
bool FormRepository::readsSearchCopy(const FormListQuery &query) const
{
    return m_caps.hasSearchCopy && searchesInTwoArms(query.search.trimmed())
        && query.sort.key == ListSort::Updated && query.statusKey.isEmpty()
        && query.package.isEmpty() && !query.from.isValid() && !query.to.isValid()
        && query.attention.isEmpty();
}

FormPage FormRepository::page(const FormListQuery &query, const ListCursor &after, int limit)
{
    const bool pg = m_caps.dialect == SqlDialect::PostgreSQL;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString expr = sortExpression(query.sort.key);
    const bool desc = query.sort.order == Qt::DescendingOrder;
    const QString cmp = desc ? QStringLiteral("<") : QStringLiteral(">");
    const QString dir = desc ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    // PostgreSQL hands the sort value back as text so it binds back exactly (microseconds).
    const QString sortOut = pg ? QLatin1Char('(') + expr + QStringLiteral(")::text") : expr;
    const QString from = QStringLiteral(" FROM compose_forms f");
    QString sql;
    QList<Where> parts;
    // A search for a piece of a name is asked as two arms, each its own branch with its own
    // ORDER BY and LIMIT, merged by the outer ORDER BY: the exact keys (a handful of rows through
    // their indexes) and the recipient substring. In one OR the substring's many matches (~80,000
    // of 10M forms for four letters of a first name) made every row the order index walked pay
    // for all eight alternatives; alone, it walks the order index with one LIKE, or takes the
    // trigram index when it is rare. Each arm's first limit+1 rows in the list order hold the
    // first limit+1 of their union, so the merged page is the same rows in the same order. A form
    // both arms find comes back from both as the same row, and UNION (not ALL) keeps one: cheaper
    // than a "NOT recipient LIKE" in the exact arm, as the planner estimates a LIKE once per
    // branch it appears in. A term with a digit, '@' or '/' (a form id, an e-mail, a Stripe id, a
    // share link) stays the one OR: the names it can be part of are few, the trigram index finds
    // them in the same BitmapOr, and two arms would only add parsing and planning (~0.4 ms of
    // server CPU at 10M forms). Either way the page is the same; only the plan differs.
    const QString term = query.search.trimmed();
    const bool twoArms = searchesInTwoArms(term);
    const QList<SearchArms> arms = twoArms
        ? QList<SearchArms> {SearchArms::Exact, SearchArms::Recipient}
        : QList<SearchArms> {SearchArms::All};
    const bool searchCopy = readsSearchCopy(query);
    const QString unite = twoArms ? QStringLiteral(" UNION ") : QStringLiteral(" UNION ALL ");
    auto armTag = [](SearchArms a) {
        return a == SearchArms::Exact
            ? QStringLiteral("e")
            : (a == SearchArms::Recipient ? QStringLiteral("r") : QString());
    };

    if (query.sort.key == ListSort::Id && !twoArms) {
        // The primary key is never NULL: one index range in either direction.
        Where w = filters(query, m_caps, m_thresholds, now);
        if (after.isValid()) {
            w.add(QStringLiteral("f.id ") + cmp + QStringLiteral(" :cid"));
            w.bind(QStringLiteral(":cid"), after.id);
        }
        sql = summarySelect(m_caps.dialect) + QStringLiteral(", ") + sortOut + from + w.sql()
            + QStringLiteral(" ORDER BY f.id") + dir + QStringLiteral(" LIMIT :limit");
        parts << w;
    } else if (query.sort.key == ListSort::Id) {
        QStringList branches;
        for (const SearchArms a : arms) {
            const QString sfx = QStringLiteral("_") + armTag(a);
            Where w = filters(query, m_caps, m_thresholds, now, sfx, a);
            if (after.isValid()) {
                w.add(QStringLiteral("f.id ") + cmp + QStringLiteral(" :cid") + sfx);
                w.bind(QStringLiteral(":cid") + sfx, after.id);
            }
            branches << QStringLiteral("SELECT * FROM (") + summarySelect(m_caps.dialect)
                    + QStringLiteral(", ") + sortOut + QStringLiteral(", f.id AS sort_id") + from
                    + w.sql() + QStringLiteral(" ORDER BY f.id") + dir
                    + QStringLiteral(" LIMIT :limit") + sfx + QStringLiteral(") b") + armTag(a);
            w.bind(QStringLiteral(":limit") + sfx, limit + 1);
            parts << w;
        }
        sql = QStringLiteral("SELECT * FROM (") + branches.join(unite)
            + QStringLiteral(") t ORDER BY sort_id") + dir + QStringLiteral(" LIMIT :limit");
    } else {
        // Order: expr <dir> NULLS LAST, id <dir>. Asked as two keyset branches, the rows with a
        // value (a row-value range: one index range scan) and then the rows without, so that one
        // index (expr DESC NULLS LAST, id DESC) of migrations 003/004 serves both directions and
        // every depth; within a branch the NULLS placement is moot, so it is spelled the way the
        // index runs (forwards for DESC, backwards for ASC). Each branch reads at most one page;
        // the outer ORDER BY only merges those few rows.
        const QString branchOrder = QStringLiteral(" ORDER BY ") + expr
            + (desc ? QStringLiteral(" DESC NULLS LAST, f.id DESC")
                    : QStringLiteral(" ASC NULLS FIRST, f.id ASC"));
        const bool inNullPart = after.isValid() && after.sortValue.isNull();
        QStringList branches;
        for (int part = inNullPart ? 1 : 0; part < 2; ++part) {
            for (const SearchArms a : arms) {
                const QString sfx = QStringLiteral("_%1").arg(part) + armTag(a);
                Where w;
                if (a == SearchArms::Recipient && searchCopy) {
                    w = recipientFromCopy(term, after, desc, part, sfx, limit + 1);
                } else {
                    w = filters(query, m_caps, m_thresholds, now, sfx, a);
                    if (part == 0) {
                        w.add(expr + QStringLiteral(" IS NOT NULL"));
                        if (after.isValid()) {
                            w.add(QLatin1Char('(') + expr + QStringLiteral(", f.id) ") + cmp
                                  + QStringLiteral(" (:cv") + sfx + QStringLiteral(", :cid") + sfx
                                  + QLatin1Char(')'));
                            w.bind(QStringLiteral(":cv") + sfx, after.sortValue);
                            w.bind(QStringLiteral(":cid") + sfx, after.id);
                        }
                    } else {
                        w.add(expr + QStringLiteral(" IS NULL"));
                        if (inNullPart) {
                            w.add(QStringLiteral("f.id ") + cmp + QStringLiteral(" :cid") + sfx);
                            w.bind(QStringLiteral(":cid") + sfx, after.id);
                        }
                    }
                }
                branches << QStringLiteral("SELECT * FROM (") + summarySelect(m_caps.dialect)
                        + QStringLiteral(", ") + sortOut + QStringLiteral(", ") + expr
                        + QStringLiteral(" AS sort_key, f.id AS sort_id, ") + QString::number(part)
                        + QStringLiteral(" AS sort_part") + from + w.sql() + branchOrder
                        + QStringLiteral(" LIMIT :limit") + sfx + QStringLiteral(") b") + sfx;
                w.bind(QStringLiteral(":limit") + sfx, limit + 1);
                parts << w;
            }
        }
        sql = QStringLiteral("SELECT * FROM (") + branches.join(unite)
            + QStringLiteral(") t ORDER BY sort_part, sort_key") + dir + QStringLiteral(", sort_id")
            + dir + QStringLiteral(" LIMIT :limit");
    }
    QSqlQuery q = Db::prepare(m_db, sql);
    for (const Where &w : std::as_const(parts))
        w.apply(q);
    q.bindValue(QStringLiteral(":limit"), limit + 1);
    Db::exec(q);
    FormPage page;
    QVariant lastSort;
    while (q.next()) {
        if (page.rows.size() == limit) {
            page.next = {lastSort, page.rows.last().id};
            break;
        }
        page.rows.append(readSummary(q));
        lastSort = q.value(SSortValue);
    }
    q.finish();
    AttentionStore(m_db, m_caps).applyFlags(page.rows, m_thresholds, now);
    return page;
}

void FormRepository::forEach(const FormListQuery &query,
                             const std::function<bool(const FormSummary &)> &fn)
{
    ListCursor cursor;
    do {
        const FormPage p = page(query, cursor, 1000);
        for (const FormSummary &s : p.rows) {
            if (!fn(s))
                return;
        }
        cursor = p.next;
    } while (cursor.isValid());
}

QList<FormSummary> FormRepository::summaries(const QStringList &ids)
{
    QList<FormSummary> out;
    if (ids.isEmpty())
        return out;
    QStringList marks;
    for (int i = 0; i < ids.size(); ++i)
        marks << QStringLiteral(":id%1").arg(i);
    QSqlQuery q = Db::prepare(m_db,
                              summarySelect(m_caps.dialect)
                                  + QStringLiteral(" FROM compose_forms f WHERE f.id IN (")
                                  + marks.join(QLatin1Char(',')) + QLatin1Char(')'));
    for (int i = 0; i < ids.size(); ++i)
        q.bindValue(marks.at(i), ids.at(i));
    Db::exec(q);
    while (q.next())
        out.append(readSummary(q));
    q.finish();
    AttentionStore(m_db, m_caps).applyFlags(out, m_thresholds, QDateTime::currentDateTimeUtc());
    return out;
}

AttentionCounts FormRepository::attention()
{
    return AttentionStore(m_db, m_caps).counts(m_thresholds, QDateTime::currentDateTimeUtc());
}

QStringList FormRepository::matching(const FormListQuery &query, const QStringList &ids)
{
    QStringList out;
    if (ids.isEmpty())
        return out;
    Where w = filters(query, m_caps, m_thresholds, QDateTime::currentDateTimeUtc());
    QStringList marks;
    for (int i = 0; i < ids.size(); ++i) {
        marks << QStringLiteral(":mid%1").arg(i);
        w.bind(marks.last(), ids.at(i));
    }
    w.add(QStringLiteral("f.id IN (") + marks.join(QLatin1Char(',')) + QLatin1Char(')'));
    QSqlQuery q = Db::prepare(m_db, QStringLiteral("SELECT f.id FROM compose_forms f") + w.sql());
    w.apply(q);
    Db::exec(q);
    while (q.next())
        out << q.value(0).toString();
    return out;
}

std::optional<FormDetail> FormRepository::detail(const QString &formId)
{
    QSqlQuery q = Db::prepare(
        m_db,
        summarySelect(m_caps.dialect) + QStringLiteral(", ")
            + jsonText(QStringLiteral("f.form_data")) + QStringLiteral(", ")
            + jsonText(QStringLiteral("f.generated_prompts")) + QStringLiteral(", ")
            + jsonText(QStringLiteral("f.variation_task_ids")) + QStringLiteral(", ")
            + jsonText(QStringLiteral("f.variation_audio_urls")) + QStringLiteral(", ")
            + jsonText(QStringLiteral("f.selected_variations"))
            + QStringLiteral(", u.name, u.credits, u.id"
                             " FROM compose_forms f LEFT JOIN \"user\" u ON u.id = f.user_id"
                             " WHERE f.id = :id"));
    q.bindValue(QStringLiteral(":id"), formId);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    FormDetail d;
    d.summary = readSummary(q);
    const int base = SSortValue; // first column after the summary
    FormJson::parseFormData(q.value(base).toString(), d);
    d.prompts = FormJson::parsePrompts(q.value(base + 1).toString(), &d.promptsProblem);
    const QString taskIds = q.value(base + 2).isNull() ? QString() : q.value(base + 2).toString();
    const QString urls = q.value(base + 3).isNull() ? QString() : q.value(base + 3).toString();
    const QString selections
        = q.value(base + 4).isNull() ? QString() : q.value(base + 4).toString();
    d.customer.userId = d.summary.userId;
    if (!d.summary.userId.isEmpty()) {
        d.customer.userMissing = q.value(base + 7).isNull();
        d.customer.name = q.value(base + 5).toString();
        if (!q.value(base + 6).isNull())
            d.customer.credits = q.value(base + 6).toInt();
    }
    d.customer.email = d.summary.email;
    q.finish();

    const QList<GenerationRecord> gens = GenerationStore(m_db).forForm(formId);
    d.variations = FormJson::mergeVariations(d.summary.songCount, taskIds, urls, selections, gens,
                                             &d.variationsProblem);

    QSqlQuery o = Db::prepare(
        m_db,
        QStringLiteral(
            "SELECT id, amount, currency, status, stripe_session_id, package_id, user_id, "
            "guest_email, created_at, %1 FROM orders WHERE form_id = :id ORDER BY created_at")
            .arg(m_caps.schemaVersion >= 5 ? QStringLiteral("payment_flag")
                                           : QStringLiteral("NULL")));
    o.bindValue(QStringLiteral(":id"), formId);
    Db::exec(o);
    while (o.next()) {
        OrderRow r;
        r.id = o.value(0).toString();
        r.amount = {o.value(1).toLongLong(),
                    o.value(2).isNull() ? QStringLiteral("usd") : o.value(2).toString()};
        r.status = o.value(3).toString();
        r.stripeSessionId = o.value(4).toString();
        r.packageId = o.value(5).toString();
        r.userId = o.value(6).toString();
        r.guestEmail = o.value(7).toString();
        r.createdAt = Db::readTimestamp(o.value(8));
        r.paymentFlag = o.value(9).toString();
        d.orders << r;
    }

    d.hasEventTable = m_caps.hasEvents;
    if (m_caps.hasEvents) {
        QSqlQuery e = Db::prepare(
            m_db,
            QStringLiteral(
                "SELECT id, old_status, new_status, actor, changed_at FROM compose_form_events "
                "WHERE form_id = :id ORDER BY id DESC"));
        e.bindValue(QStringLiteral(":id"), formId);
        Db::exec(e);
        while (e.next())
            d.events.append({e.value(0).toLongLong(), e.value(1).toString(), e.value(2).toString(),
                             e.value(3).toString(), Db::readTimestamp(e.value(4))});
    }

    // Refunds are ours (migration 002); a seed-only database cannot know them.
    d.hasRefundTable = m_caps.hasRefunds;
    if (m_caps.hasRefunds) {
        QSqlQuery r = Db::prepare(
            m_db,
            QStringLiteral("SELECT r.id, r.amount, r.currency, r.reason, r.note, r.status, "
                           "r.created_at, s.name "
                           "FROM compose_refunds r LEFT JOIN compose_staff s ON s.id = r.staff_id "
                           "WHERE r.form_id = :id ORDER BY r.created_at DESC, r.id DESC"));
        r.bindValue(QStringLiteral(":id"), formId);
        Db::exec(r);
        while (r.next()) {
            RefundRecord x;
            x.id = r.value(0).toString();
            x.amountCents = r.value(1).toLongLong();
            x.currency = r.value(2).isNull() ? QStringLiteral("usd") : r.value(2).toString();
            x.reason = r.value(3).toString();
            x.note = r.value(4).toString();
            x.status = r.value(5).toString();
            x.at = Db::readTimestamp(r.value(6));
            x.staff = r.value(7).toString();
            d.refunds << x;
        }
    }
    // Findings are compose-api's (migration 008): none to show before it.
    if (m_caps.hasFindings)
        d.findings = FindingStore(m_db).openForForm(formId);
    return d;
}

int FormRepository::hiddenByFilters(const FormListQuery &query, int cap)
{
    const bool filtered = !query.statusKey.isEmpty() || !query.package.isEmpty()
        || query.from.isValid() || query.to.isValid();
    if (query.search.trimmed().isEmpty() || !filtered)
        return 0;
    auto count = [this, cap](const FormListQuery &q) {
        const Where w = filters(q, m_caps, m_thresholds, QDateTime::currentDateTimeUtc());
        QSqlQuery sq = Db::prepare(m_db,
                                   QStringLiteral("SELECT count(*) FROM (SELECT 1 FROM "
                                                  "compose_forms f")
                                       + w.sql() + QStringLiteral(" LIMIT :cap) c"));
        w.apply(sq);
        sq.bindValue(QStringLiteral(":cap"), cap);
        Db::exec(sq);
        return sq.next() ? sq.value(0).toInt() : 0;
    };
    FormListQuery searchOnly;
    searchOnly.search = query.search;
    return qMax(0, count(searchOnly) - count(query));
}

QList<CustomerForm> FormRepository::customerForms(const CustomerKey &key, int limit)
{
    QList<CustomerForm> out;
    if (key.isEmpty())
        return out;
    const bool pg = m_caps.dialect == SqlDialect::PostgreSQL;
    const bool money = Db::hasTable(m_db, QStringLiteral("compose_refunds"))
        && Db::hasTable(m_db, QStringLiteral("compose_deliveries"));
    const QString extra = money
        ? QStringLiteral(", (SELECT COALESCE(SUM(r.amount), 0) FROM compose_refunds r WHERE "
                         "r.form_id = f.id AND r.status NOT IN ('failed', 'canceled')), "
                         "(SELECT count(*) FROM compose_deliveries d WHERE d.form_id = f.id)")
        : QStringLiteral(", 0, 0");
    // One OR of index conditions (user_id; lower(guest_email); lower("user".email) as an
    // init plan on PostgreSQL, as in the list's search).
    const QString users = QStringLiteral("SELECT id FROM \"user\" WHERE lower(email) = :em2");
    const QString sql = summarySelect(m_caps.dialect) + extra
        + QStringLiteral(" FROM compose_forms f WHERE "
                         "f.user_id = :uid OR lower(f.guest_email) = :em OR f.user_id ")
        + (pg ? QString(QStringLiteral("= ANY (ARRAY(") + users + QStringLiteral("))"))
              : QString(QStringLiteral("IN (") + users + QLatin1Char(')')))
        + QStringLiteral(" ORDER BY f.created_at DESC, f.id DESC LIMIT :limit");
    QSqlQuery q = Db::prepare(m_db, sql);
    const QString email = key.email.trimmed().toLower();
    // An empty key part must match nothing, not every row with an empty value.
    q.bindValue(QStringLiteral(":uid"), key.userId.isEmpty() ? QVariant() : QVariant(key.userId));
    q.bindValue(QStringLiteral(":em"), email.isEmpty() ? QVariant() : QVariant(email));
    q.bindValue(QStringLiteral(":em2"), email.isEmpty() ? QVariant() : QVariant(email));
    q.bindValue(QStringLiteral(":limit"), limit);
    Db::exec(q);
    while (q.next()) {
        CustomerForm c;
        c.summary = readSummary(q);
        c.refundedCents = q.value(SSortValue).toLongLong();
        c.deliveries = q.value(SSortValue + 1).toInt();
        c.knowsRefunds = money;
        out.append(c);
    }
    return out;
}

QList<GenerationText> FormRepository::generationTexts(const QString &formId)
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("SELECT song_index, variation_index, title_1, title_2, lyrics_1, "
                       "lyrics_2 FROM music_generations WHERE form_id = :id "
                       "ORDER BY song_index, variation_index, id"));
    q.bindValue(QStringLiteral(":id"), formId);
    Db::exec(q);
    QList<GenerationText> out;
    while (q.next()) {
        GenerationText t;
        t.songIndex = q.value(0).isNull() ? -1 : q.value(0).toInt();
        t.variationIndex = q.value(1).isNull() ? -1 : q.value(1).toInt();
        for (int v = 0; v < 2; ++v) {
            t.titles[v] = q.value(2 + v).toString();
            t.lyrics[v] = q.value(4 + v).toString();
        }
        out.append(t);
    }
    return out;
}

void FormRepository::ping()
{
    Db::execSql(m_db, QStringLiteral("SELECT 1"));
}

std::optional<qint64> FormRepository::replicaLagMs()
{
    if (Db::dialect(m_db) != SqlDialect::PostgreSQL)
        return std::nullopt;
    // Caught up (replayed everything received): no lag, however long ago the primary last
    // wrote. Otherwise the age of the last replayed transaction.
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral(
            "SELECT pg_is_in_recovery(), CASE WHEN pg_last_wal_receive_lsn() = "
            "pg_last_wal_replay_lsn() THEN 0 ELSE (EXTRACT(EPOCH FROM clock_timestamp() - "
            "pg_last_xact_replay_timestamp()) * 1000)::bigint END"));
    Db::exec(q);
    if (!q.next() || !q.value(0).toBool())
        return std::nullopt;
    return q.value(1).isNull() ? 0 : qMax<qint64>(0, q.value(1).toLongLong());
}

QList<DeliveryRow> FormRepository::deliveries(const QString &formId)
{
    QList<DeliveryRow> rows;
    if (!Db::hasTable(m_db, QStringLiteral("compose_deliveries")))
        return rows;
    const bool outbox = Db::hasTable(m_db, QStringLiteral("compose_outbox"));
    // The newest e-mail of each delivery (one per delivery today; a resend is a new delivery).
    QSqlQuery q = Db::prepare(
        m_db,
        outbox ? QStringLiteral(
            "SELECT d.id, d.created_at, d.kind, d.email, d.share_url, s.name, o.state, o.attempts, "
            "o.last_error, o.next_attempt_at, o.sent_at FROM compose_deliveries d "
            "LEFT JOIN compose_staff s ON s.id = d.staff_id "
            "LEFT JOIN compose_outbox o ON o.id = (SELECT MAX(x.id) FROM compose_outbox x "
            "WHERE x.delivery_id = d.id) WHERE d.form_id = :f ORDER BY d.id DESC")
               : QStringLiteral("SELECT d.id, d.created_at, d.kind, d.email, d.share_url, s.name "
                                "FROM compose_deliveries d "
                                "LEFT JOIN compose_staff s ON s.id = d.staff_id WHERE d.form_id = "
                                ":f ORDER BY d.id DESC"));
    q.bindValue(QStringLiteral(":f"), formId);
    Db::exec(q);
    while (q.next()) {
        DeliveryRow r;
        r.id = q.value(0).toLongLong();
        r.at = Db::readTimestamp(q.value(1));
        r.kind = q.value(2).toString();
        r.email = q.value(3).toString();
        r.shareUrl = q.value(4).toString();
        r.staff = q.value(5).toString();
        if (outbox) {
            r.mailState = q.value(6).toString();
            r.attempts = q.value(7).toInt();
            r.lastError = q.value(8).toString();
            r.nextAttemptAt = Db::readTimestamp(q.value(9));
            r.sentAt = Db::readTimestamp(q.value(10));
        }
        rows.append(r);
    }
    return rows;
}

QList<MailboxMessage> FormRepository::mailbox(int limit)
{
    QList<MailboxMessage> rows;
    if (!Db::hasTable(m_db, QStringLiteral("compose_mailbox")))
        return rows;
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("SELECT id, received_at, rcpt_to, subject, body_text FROM compose_mailbox "
                       "ORDER BY id DESC LIMIT :n"));
    q.bindValue(QStringLiteral(":n"), qBound(1, limit, 10000));
    Db::exec(q);
    while (q.next())
        rows.append({q.value(0).toLongLong(), Db::readTimestamp(q.value(1)), q.value(2).toString(),
                     q.value(3).toString(), q.value(4).toString()});
    return rows;
}

OutboxHealth FormRepository::outboxHealth()
{
    OutboxHealth h;
    if (!Db::hasTable(m_db, QStringLiteral("compose_outbox")))
        return h;
    h.available = true;
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral(
            "SELECT COUNT(CASE WHEN state IN ('queued', 'sending', 'retrying') THEN 1 END), "
            "COUNT(CASE WHEN state = 'failed' THEN 1 END), "
            "MIN(CASE WHEN state IN ('queued', 'sending', 'retrying') THEN created_at END), "
            "MAX(sent_at) "
            "FROM compose_outbox"));
    Db::exec(q);
    if (q.next()) {
        h.waiting = q.value(0).toInt();
        h.failed = q.value(1).toInt();
        h.oldestWaiting = Db::readTimestamp(q.value(2));
        h.lastSent = Db::readTimestamp(q.value(3));
    }
    return h;
}

FormRepository::ChangeMark FormRepository::newestChange()
{
    // Spelled as the (updated_at DESC NULLS LAST, id DESC) index of migration 003 runs.
    QSqlQuery q
        = Db::prepare(m_db,
                      QStringLiteral("SELECT CAST(updated_at AS TEXT), id FROM compose_forms "
                                     "WHERE updated_at IS NOT NULL "
                                     "ORDER BY updated_at DESC NULLS LAST, id DESC LIMIT 1"));
    Db::exec(q);
    ChangeMark mark = q.next() ? ChangeMark {q.value(0).toString(), q.value(1).toString(), {}}
                               : ChangeMark {QStringLiteral("0001-01-01 00:00:00"), QString(), {}};
    recheckBehind(&mark); // what is there now is not news
    return mark;
}

QStringList FormRepository::recheckBehind(ChangeMark *mark)
{
    QStringList ids;
    const QDateTime newest = Db::readTimestamp(mark->time);
    if (mark->id.isEmpty() || !newest.isValid())
        return ids; // nothing seen yet: every row is past the mark
    const QDateTime floor = newest.addSecs(-OverlapSeconds);
    // The same index, read backwards from the mark: the rows of the last minute behind it.
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("SELECT id, CAST(updated_at AS TEXT) FROM compose_forms "
                       "WHERE updated_at >= :floor AND (updated_at, id) <= (:time, :id) "
                       "ORDER BY updated_at DESC NULLS LAST, id DESC LIMIT %1")
            .arg(OverlapRows));
    q.bindValue(QStringLiteral(":floor"), Db::timestamp(floor));
    q.bindValue(QStringLiteral(":time"), mark->time);
    q.bindValue(QStringLiteral(":id"), mark->id);
    Db::exec(q);
    QHash<QString, QString> window;
    while (q.next()) {
        const QString id = q.value(0).toString();
        const QString time = q.value(1).toString();
        const auto seen = mark->recent.constFind(id);
        if (seen == mark->recent.constEnd() || *seen != time)
            ids << id; // committed after the row that moved the mark, or changed again
        window.insert(id, time);
    }
    // The mark is the newest row seen, so nothing seen lies past it: what is remembered is
    // exactly the window (older rows drop out of it here).
    mark->recent = std::move(window);
    std::reverse(ids.begin(), ids.end()); // oldest first, as changedSince reports
    return ids;
}

QStringList FormRepository::changedSince(ChangeMark *mark, int pageSize, int maxPages)
{
    // updated_at alone is not unique (one UPDATE stamps a thousand rows with the same time), so
    // the mark is a keyset and pages continue exactly where they stopped. NULL never passes.
    QSqlQuery q
        = Db::prepare(m_db,
                      QStringLiteral("SELECT id, CAST(updated_at AS TEXT) FROM compose_forms "
                                     "WHERE (updated_at, id) > (:time, :id) "
                                     "ORDER BY updated_at ASC NULLS FIRST, id ASC LIMIT %1")
                          .arg(pageSize));
    QStringList ids;
    for (int page = 0; page < maxPages; ++page) {
        q.bindValue(QStringLiteral(":time"), mark->time);
        q.bindValue(QStringLiteral(":id"), mark->id);
        Db::exec(q);
        int rows = 0;
        while (q.next()) {
            const QString id = q.value(0).toString();
            const QString time = q.value(1).toString();
            ids << id;
            mark->recent.insert(id, time);
            mark->id = id;
            mark->time = time;
            ++rows;
        }
        if (rows < pageSize)
            break;
    }
    // After the pages: a row committed late while they were read is found on the next call.
    // A form both past the old mark and re-read behind the new one is reported once.
    const QSet<QString> reported(ids.cbegin(), ids.cend());
    for (const QString &id : recheckBehind(mark)) {
        if (!reported.contains(id))
            ids << id;
    }
    return ids;
}

// --- The windowed list (issue 14) ------------------------------------------------------------

std::optional<qint64> FormRepository::rollupCount(const FormListQuery &query)
{
    const Where w = filters(query, m_caps, m_thresholds, QDateTime::currentDateTimeUtc());
    // The rollup answers only for filters it has columns for. Counting the clauses filters()
    // made keeps that true when a filter is added there: a clause the rollup does not know
    // makes the count take COUNT(*) instead of silently ignoring it.
    int known = 0;
    known += query.statusKey.isEmpty() ? 0 : 1;
    known += query.package.isEmpty() ? 0 : 1;
    known += query.from.isValid() ? 1 : 0;
    known += query.to.isValid() ? 1 : 0;
    if (m_caps.hasFunnelRollup && query.search.trimmed().isEmpty() && w.clauses.size() == known) {
        Where r;
        if (query.statusKey == FormListQuery::otherStatuses()) {
            QStringList statuses;
            for (FormStatus s : Status::all())
                statuses << QLatin1Char('\'') + Status::key(s) + QLatin1Char('\'');
            r.add(QStringLiteral("status NOT IN (") + statuses.join(QLatin1Char(','))
                  + QLatin1Char(')'));
        } else if (!query.statusKey.isEmpty()) {
            r.add(QStringLiteral("status = :status"));
            r.bind(QStringLiteral(":status"), query.statusKey);
        }
        if (!query.package.isEmpty()) {
            r.add(QStringLiteral("package_type = :pkg"));
            r.bind(QStringLiteral(":pkg"), query.package);
        }
        // created_at is a UTC TIMESTAMP, so its ::date (the rollup's day) is the UTC day the
        // list's created_at bounds use; forms without created_at (-infinity) match no bound.
        if (query.from.isValid()) {
            r.add(QStringLiteral("day >= CAST(:from AS date)"));
            r.bind(QStringLiteral(":from"), query.from.toString(Qt::ISODate));
        }
        if (query.to.isValid()) {
            r.add(QStringLiteral("day <= CAST(:to AS date) AND day > '-infinity'::date"));
            r.bind(QStringLiteral(":to"), query.to.toString(Qt::ISODate));
        }
        QSqlQuery q = Db::prepare(
            m_db,
            QStringLiteral("SELECT COALESCE(SUM(forms), 0) FROM compose_funnel_daily") + r.sql());
        r.apply(q);
        Db::exec(q);
        return q.next() ? q.value(0).toLongLong() : 0;
    }
    return std::nullopt;
}

qint64 FormRepository::count(const FormListQuery &query)
{
    if (const auto n = rollupCount(query))
        return *n;
    const Where w = filters(query, m_caps, m_thresholds, QDateTime::currentDateTimeUtc());
    QSqlQuery q
        = Db::prepare(m_db, QStringLiteral("SELECT COUNT(*) FROM compose_forms f") + w.sql());
    w.apply(q);
    Db::exec(q);
    return q.next() ? q.value(0).toLongLong() : 0;
}

ListSpan FormRepository::span(const FormListQuery &query, int step)
{
    ListSpan out;
    if (const auto n = rollupCount(query)) {
        out.count = *n;
        return out;
    }
    step = std::max(1, step);
    out.step = step;
    const bool pg = m_caps.dialect == SqlDialect::PostgreSQL;
    const Where w = filters(query, m_caps, m_thresholds, QDateTime::currentDateTimeUtc());
    const bool desc = query.sort.order == Qt::DescendingOrder;
    const QString dir = desc ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    // The list's own order (page()): the rows with a sort value by (value, id), then the rows
    // without one by id. An anchor is the cursor of the step-th, 2*step-th, ... row, exactly as
    // seek() would find it; row 1 comes along too so an empty-handed scan still says the count.
    const bool byId = query.sort.key == ListSort::Id;
    const QString expr = sortExpression(query.sort.key);
    QString order = QStringLiteral("f.id") + dir;
    QString value = QStringLiteral("f.id");
    QString noValue = QStringLiteral("0");
    if (!byId) {
        order = QLatin1Char('(') + expr + QStringLiteral(") IS NULL, ") + expr + dir
            + QStringLiteral(", f.id") + dir;
        value = pg ? QString(QLatin1Char('(') + expr + QStringLiteral(")::text")) : expr;
        noValue
            = QStringLiteral("CASE WHEN ") + expr + QStringLiteral(" IS NULL THEN 1 ELSE 0 END");
    }
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("SELECT sv, nv, id, rn, n FROM (SELECT ") + value
            + QStringLiteral(" AS sv, ") + noValue
            + QStringLiteral(" AS nv, f.id AS id, row_number() OVER (ORDER BY ") + order
            + QStringLiteral(") AS rn, count(*) OVER () AS n FROM compose_forms f") + w.sql()
            + QStringLiteral(") t WHERE rn = 1 OR rn % :step = 0 ORDER BY rn"));
    w.apply(q);
    q.bindValue(QStringLiteral(":step"), step);
    Db::exec(q);
    while (q.next()) {
        out.count = q.value(4).toLongLong();
        if (q.value(3).toLongLong() % step != 0)
            continue;
        const QString id = q.value(2).toString();
        out.anchors << (q.value(1).toInt() != 0 ? ListCursor {QVariant(), id}
                                                : ListCursor {q.value(0), id});
    }
    out.anchorsComplete = true;
    return out;
}

std::optional<ListCursor> FormRepository::seek(const FormListQuery &query, const ListCursor &after,
                                               qint64 skip)
{
    if (skip < 1)
        return after;
    if (readsSearchCopy(query))
        return seekThroughCopy(query, after, skip);
    const bool pg = m_caps.dialect == SqlDialect::PostgreSQL;
    const QString expr = sortExpression(query.sort.key);
    const bool desc = query.sort.order == Qt::DescendingOrder;
    const QString cmp = desc ? QStringLiteral("<") : QStringLiteral(">");
    const QString dir = desc ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    const QString from = QStringLiteral(" FROM compose_forms f");
    // OFFSET over the sort key and id only: on PostgreSQL an index-only scan of the same index
    // page() reads, so skipping a few thousand rows costs about a millisecond.
    auto idPart = [&](const QString &nullClause, const ListCursor &c) -> std::optional<QString> {
        Where w = filters(query, m_caps, m_thresholds, QDateTime::currentDateTimeUtc());
        if (!nullClause.isEmpty())
            w.add(nullClause);
        if (c.isValid()) {
            w.add(QStringLiteral("f.id ") + cmp + QStringLiteral(" :cid"));
            w.bind(QStringLiteral(":cid"), c.id);
        }
        QSqlQuery q = Db::prepare(m_db,
                                  QStringLiteral("SELECT f.id") + from + w.sql()
                                      + QStringLiteral(" ORDER BY f.id") + dir
                                      + QStringLiteral(" LIMIT 1 OFFSET :skip"));
        w.apply(q);
        q.bindValue(QStringLiteral(":skip"), skip - 1);
        Db::exec(q);
        if (q.next())
            return q.value(0).toString();
        return std::nullopt;
    };
    if (query.sort.key == ListSort::Id) {
        if (const auto id = idPart(QString(), after))
            return ListCursor {*id, *id};
        return std::nullopt;
    }
    // The same two parts as page(): rows with a sort value, then rows without it (by id).
    const bool inNullPart = after.isValid() && after.sortValue.isNull();
    if (!inNullPart) {
        Where w = filters(query, m_caps, m_thresholds, QDateTime::currentDateTimeUtc());
        w.add(expr + QStringLiteral(" IS NOT NULL"));
        if (after.isValid()) {
            w.add(QLatin1Char('(') + expr + QStringLiteral(", f.id) ") + cmp
                  + QStringLiteral(" (:cv, :cid)"));
            w.bind(QStringLiteral(":cv"), after.sortValue);
            w.bind(QStringLiteral(":cid"), after.id);
        }
        const QString order = QStringLiteral(" ORDER BY ") + expr
            + (desc ? QStringLiteral(" DESC NULLS LAST, f.id DESC")
                    : QStringLiteral(" ASC NULLS FIRST, f.id ASC"));
        const QString sortOut = pg ? QLatin1Char('(') + expr + QStringLiteral(")::text") : expr;
        QSqlQuery q
            = Db::prepare(m_db,
                          QStringLiteral("SELECT ") + sortOut + QStringLiteral(", f.id") + from
                              + w.sql() + order + QStringLiteral(" LIMIT 1 OFFSET :skip"));
        w.apply(q);
        q.bindValue(QStringLiteral(":skip"), skip - 1);
        Db::exec(q);
        if (q.next())
            return ListCursor {q.value(0), q.value(1).toString()};
        // Past the rows with a value: fewer than `skip` of them are left, so counting them
        // reads no more than the OFFSET did.
        QSqlQuery c = Db::prepare(m_db,
                                  QStringLiteral("SELECT COUNT(*) FROM (SELECT 1") + from + w.sql()
                                      + QStringLiteral(") c"));
        w.apply(c);
        Db::exec(c);
        skip -= c.next() ? c.value(0).toLongLong() : 0;
        if (skip < 1)
            return std::nullopt; // cannot happen: the OFFSET found nothing
    }
    if (const auto id
        = idPart(expr + QStringLiteral(" IS NULL"), inNullPart ? after : ListCursor {}))
        return ListCursor {QVariant(), *id};
    return std::nullopt;
}

// seek() for a search page() asks through compose_form_search: the same two arms, each its first
// `skip` rows past the cursor in the list order (they hold the first `skip` of the union), the
// recipient's walked index only in the copy. A name piece's jump within its matches at 10M forms
// walked ~120 forms per match through the forms' heap with the search's whole OR on each.
std::optional<ListCursor> FormRepository::seekThroughCopy(const FormListQuery &query,
                                                          const ListCursor &after, qint64 skip)
{
    const bool desc = query.sort.order == Qt::DescendingOrder;
    const QString cmp = desc ? QStringLiteral(" < ") : QStringLiteral(" > ");
    const QString dir = desc ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    const QString nulls
        = desc ? QStringLiteral(" DESC NULLS LAST") : QStringLiteral(" ASC NULLS FIRST");
    const bool inNullPart = after.isValid() && after.sortValue.isNull();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int part = inNullPart ? 1 : 0; part < 2; ++part) {
        const Where copy = copyRows(query.search.trimmed(), after, desc, part, QString());
        Where exact
            = filters(query, m_caps, m_thresholds, now, QStringLiteral("_x"), SearchArms::Exact);
        if (part == 0) {
            exact.add(QStringLiteral("f.updated_at IS NOT NULL"));
            if (after.isValid()) {
                exact.add(QStringLiteral("(f.updated_at, f.id)") + cmp
                          + QStringLiteral("(:cv_x, :cid_x)"));
                exact.bind(QStringLiteral(":cv_x"), after.sortValue);
                exact.bind(QStringLiteral(":cid_x"), after.id);
            }
        } else {
            exact.add(QStringLiteral("f.updated_at IS NULL"));
            if (inNullPart) {
                exact.add(QStringLiteral("f.id") + cmp + QStringLiteral(":cid_x"));
                exact.bind(QStringLiteral(":cid_x"), after.id);
            }
        }
        const QString matches = QStringLiteral("(SELECT s.updated_at AS sv, s.form_id AS id "
                                               "FROM compose_form_search s")
            + copy.sql() + copyOrder(desc)
            + QStringLiteral(" LIMIT :n) UNION (SELECT f.updated_at, f.id FROM compose_forms f")
            + exact.sql() + QStringLiteral(" ORDER BY f.updated_at") + nulls
            + QStringLiteral(", f.id") + dir + QStringLiteral(" LIMIT :n_x)");
        const auto bindAll = [&](QSqlQuery &q) {
            copy.apply(q);
            exact.apply(q);
            q.bindValue(QStringLiteral(":n"), skip);
            q.bindValue(QStringLiteral(":n_x"), skip);
        };
        QSqlQuery q
            = Db::prepare(m_db,
                          QStringLiteral("SELECT sv::text, id FROM (") + matches
                              + QStringLiteral(") u ORDER BY sv") + nulls + QStringLiteral(", id")
                              + dir + QStringLiteral(" OFFSET :off LIMIT 1"));
        bindAll(q);
        q.bindValue(QStringLiteral(":off"), skip - 1);
        Db::exec(q);
        if (q.next())
            return ListCursor {part == 0 ? q.value(0) : QVariant(), q.value(1).toString()};
        // Fewer than `skip` left in this part, so each arm's LIMIT kept all its rows: their
        // union's size is what this part had.
        QSqlQuery c = Db::prepare(
            m_db, QStringLiteral("SELECT COUNT(*) FROM (") + matches + QStringLiteral(") u"));
        bindAll(c);
        Db::exec(c);
        skip -= c.next() ? c.value(0).toLongLong() : 0;
        if (skip < 1)
            return std::nullopt; // cannot happen: the OFFSET found nothing
    }
    return std::nullopt;
}

FormPage FormRepository::window(const FormListQuery &query, const ListCursor &after, qint64 skip,
                                int limit)
{
    if (skip < 1)
        return page(query, after, limit);
    const std::optional<ListCursor> start = seek(query, after, skip);
    if (!start)
        return {};
    return page(query, *start, limit);
}

QList<ListCursor> FormRepository::anchors(const FormListQuery &query, const ListCursor &after,
                                          int step, int maxCount)
{
    QList<ListCursor> out;
    ListCursor c = after;
    while (out.size() < maxCount) {
        const std::optional<ListCursor> next = seek(query, c, step);
        if (!next)
            break;
        out << *next;
        c = *next;
    }
    return out;
}

} // namespace compose
