#pragma once

#include <QString>
#include <QStringList>

namespace compose::bench {

// The agent's search (issue 14), in a fresh process: DataService + FormListModel as the window
// wires them (default page size, sorted by updated desc), one term after the other, as Ctrl+F,
// the term and Return set it. For each term <i> it prints "key value" lines, every time from
// the setQuery() call unless said otherwise:
//   search-<i>-term <term, percent-encoded>
//   search-<i>-first-rows-ms    the first rows are in the model (what the view can paint)
//   search-<i>-count-ms, search-<i>-count   the exact count is known (firstPageLoaded)
//   search-<i>-anchors-ms       every anchor is known (anchorsCompleted)
//   search-<i>-detail-ms        from asking for the detail of the second row (the first row when
//                               there is one) as soon as the first rows are seen, to detailReady
//   search-<i>-detail300-ms     from asking for a detail 300 ms after setQuery(), whatever the
//                               model does then, to detailReady
//   search-<i>-jump-row, search-<i>-jump-ms  after the anchors: data() on the middle row, until
//                               that row is in memory
// and the worst of each over the terms: search-worst-first-rows-ms, -count-ms, -anchors-ms,
// -detail-ms, -detail300-ms, -jump-ms. Every wait is bounded (60 s); a term that times out or
// fails ends the run with a message on stderr and a non-zero status. Without terms it takes
// five from the database (searchTermOf() of frequent recipient names). PostgreSQL only.
int runSearchChild(const QString &url, const QStringList &terms);

// The substring an agent types for a recipient: four letters from inside the first name, or the
// first name itself when it is short (the benchmark's "search, recipient substring" as well).
QString searchTermOf(const QString &recipientName);

} // namespace compose::bench
