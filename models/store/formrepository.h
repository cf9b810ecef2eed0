#pragma once

#include "attention.h"
#include "customertypes.h"
#include "deliverytypes.h"
#include "formjson.h"
#include "formtypes.h"

#include <QHash>
#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace compose {

// Every read the dashboard makes, in both SQL dialects, on a connection owned by the calling
// thread. Works on the seed-only schema (schema version 0) and uses our migrations' indexes,
// rollup and event table when detect() finds them. Throws DbError.
class FormRepository {
public:
    explicit FormRepository(QSqlDatabase db);

    Capabilities detect(); // also remembered for the queries below
    const Capabilities &capabilities() const { return m_caps; }

    FunnelCounts funnel(const FunnelQuery &query);
    FormPage page(const FormListQuery &query, const ListCursor &after, int limit);

    // The windowed list (issue 14). count() is exact: the funnel rollup when the query's filters
    // are all ones the rollup has (status, package, creation days), else COUNT(*). seek() finds
    // the row `skip` rows past `after` (skip >= 1) reading only the sort key and id (an
    // index-only range where an index of migrations 003/004 matches), nullopt past the end.
    // window() is page() starting `skip` rows past `after`. anchors() walks the list in steps
    // of `step` rows from `after`: the cursors of rows step, 2*step, ... (at most maxCount),
    // fewer at the end; the list model keeps them so a jump seeks at most one step.
    qint64 count(const FormListQuery &query);
    std::optional<ListCursor> seek(const FormListQuery &query, const ListCursor &after,
                                   qint64 skip);
    FormPage window(const FormListQuery &query, const ListCursor &after, qint64 skip, int limit);
    QList<ListCursor> anchors(const FormListQuery &query, const ListCursor &after, int step,
                              int maxCount);
    // count() and, when counting is a scan anyway (a search, a filter the rollup has no column
    // for), every anchor from the start in that same one scan: at 10M forms a search for a common
    // name piece is one ~0.8 s statement, where its COUNT(*) and then an OFFSET seek per anchor
    // were ~0.6 s each. Where the rollup counts, the anchors are left to anchors(), whose seeks
    // are index-only ranges.
    ListSpan span(const FormListQuery &query, int step);
    std::optional<FormDetail> detail(const QString &formId);
    QList<FormSummary> summaries(const QStringList &ids); // current state of these forms
    // How many forms the query's search finds that its status, package and date filters hide
    // (the list's "N hidden by the filter" hint); 0 without a search or without a filter.
    // Each side is counted up to cap rows.
    int hiddenByFilters(const FormListQuery &query, int cap = 10000);
    // Streams every form matching the query in its sort order (export); stops when fn says false.
    void forEach(const FormListQuery &query, const std::function<bool(const FormSummary &)> &fn);
    void ping();
    // How far a hot standby is behind its primary, in milliseconds: 0 when it has replayed
    // all it received, else the age of the last replayed transaction. nullopt: not a standby
    // (or SQLite).
    std::optional<qint64> replicaLagMs();

    // Needs attention (issue 12): the thresholds the queue filter, the row flags and the counts
    // use; the counts of every queue (AttentionStore); which of these forms still match the
    // query's filters (a form worked off a queue leaves the list without a reload).
    void setThresholds(const AttentionThresholds &t) { m_thresholds = t; }
    AttentionCounts attention();
    QStringList matching(const FormListQuery &query, const QStringList &ids);

    // Every form of a customer, newest first, at most limit: the account's, the e-mail's as a
    // guest and those of any account with that e-mail (case-insensitive; indexes of 001/003).
    QList<CustomerForm> customerForms(const CustomerKey &key, int limit = 500);
    // Titles and lyrics MusicGPT returned for a form's variations (music_generations).
    QList<GenerationText> generationTexts(const QString &formId);

    // Delivery (issue 17). Each works on any schema: empty / unavailable without our tables.
    QList<DeliveryRow> deliveries(const QString &formId); // newest first
    QList<MailboxMessage> mailbox(int limit); // newest first
    OutboxHealth outboxHealth();

    // Polling (SQLite, or a schema without our trigger). A mark is the newest (updated_at, id)
    // seen, the time as the database's own text: PostgreSQL keeps microseconds, SQLite compares
    // text, and a reformatted mark would skip or repeat rows.
    //
    // updated_at is written when a transaction STARTS (PostgreSQL's now(), compose-api's
    // clock before it commits), so a transaction that began earlier but committed later than a
    // row already seen lands behind the mark. Each call therefore also re-reads the rows of the
    // last OverlapSeconds behind the mark and reports those it has not seen with that
    // updated_at (recent: id -> updated_at, only for rows inside that window).
    struct ChangeMark {
        QString time;
        QString id;
        QHash<QString, QString> recent;
    };
    static constexpr int OverlapSeconds = 60; // longer than any writer's transaction
    // Rows re-read behind the mark per call, newest first; an older part of a larger window
    // (a bulk UPDATE of more rows within the last minute) is not re-checked.
    static constexpr int OverlapRows = 5000;
    ChangeMark newestChange(); // with the window behind it already seen
    // Ids of forms changed past *mark, oldest first, at most pageSize * maxPages of them (the
    // rest on the next call), then those committed late behind it; *mark moves to the last one
    // returned past it.
    QStringList changedSince(ChangeMark *mark, int pageSize, int maxPages);

    // Exposed for the benchmark, which times exactly the SQL the dashboard runs.
    static QString summarySelect(SqlDialect d);

private:
    // The late rows behind mark (see ChangeMark), oldest first; remembers the window.
    QStringList recheckBehind(ChangeMark *mark);
    QString sortExpression(ListSort::Key key) const;
    bool readsSearchCopy(const FormListQuery &query) const; // compose_form_search (013)
    std::optional<ListCursor> seekThroughCopy(const FormListQuery &query, const ListCursor &after,
                                              qint64 skip);
    std::optional<qint64> rollupCount(const FormListQuery &query); // nullopt: not rollup's
    QString jsonText(const QString &column) const;
    FormSummary readSummary(const class QSqlQuery &q) const;

    QSqlDatabase m_db;
    Capabilities m_caps;
    AttentionThresholds m_thresholds;
};

} // namespace compose
