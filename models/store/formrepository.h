#pragma once

#include "customertypes.h"
#include "deliverytypes.h"
#include "formjson.h"
#include "formtypes.h"

#include <QSqlDatabase>

#include <functional>

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
    std::optional<FormDetail> detail(const QString &formId);
    QList<FormSummary> summaries(const QStringList &ids); // current state of these forms
    // How many forms the query's search finds that its status, package and date filters hide
    // (the list's "N hidden by the filter" hint); 0 without a search or without a filter.
    // Each side is counted up to cap rows.
    int hiddenByFilters(const FormListQuery &query, int cap = 10000);
    // Streams every form matching the query in its sort order (export); stops when fn says false.
    void forEach(const FormListQuery &query, const std::function<bool(const FormSummary &)> &fn);
    void ping();

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
    struct ChangeMark {
        QString time;
        QString id;
    };
    ChangeMark newestChange();
    // Ids of forms changed past *mark, oldest first, at most pageSize * maxPages of them (the
    // rest on the next call); *mark moves to the last one returned.
    QStringList changedSince(ChangeMark *mark, int pageSize, int maxPages);

    // Exposed for the benchmark, which times exactly the SQL the dashboard runs.
    static QString summarySelect(SqlDialect d);

private:
    QString sortExpression(ListSort::Key key) const;
    QString jsonText(const QString &column) const;
    FormSummary readSummary(const class QSqlQuery &q) const;

    QSqlDatabase m_db;
    Capabilities m_caps;
};

} // namespace compose
