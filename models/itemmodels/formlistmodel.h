#pragma once

#include "formtypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QMap>
#include <QTimer>

#include <algorithm>

namespace compose {

class DataService;

// The form list, windowed (issue 14): rowCount() is the exact number of forms the query matches
// (the funnel rollup, or one scan on the second connection that also gives every anchor), and
// only pages of rows near what is looked at are kept. The first page goes in as soon as it is
// here, before the count (firstPageInserted); firstPageLoaded() follows with the count. data() on a
// row not in memory answers a placeholder ("Loading…") and asks for its page; the page arrives from
// the worker and dataChanged() repaints it. A page is found without OFFSET over whole rows: from
// the cursor that ends the page before it when that page is in memory, else from the nearest anchor
// (a cursor every anchorStep() rows, collected off the UI thread after the first page) with a short
// index-only seek. At most maxResidentPages() pages stay; the least recently used go first. Rows
// pinned by the view (its selection) keep their form across eviction. Sorted and filtered by the
// database (sort() reloads); live updates refresh the rows in memory in place and the count.
class FormListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        RecipientColumn,
        SenderColumn,
        PackageColumn,
        StatusColumn,
        EmailColumn,
        AmountColumn,
        CreatedColumn,
        UpdatedColumn,
        ExpiresColumn,
        FlagsColumn, // failed, stuck, refunded, paid twice, preview expiring (attention.h)
        ColumnCount
    };
    enum Role {
        RawValueRole = Qt::UserRole, // sortable raw value of the cell
        FormIdRole,
        StatusKeyRole,
        SummaryRole, // QVariant::fromValue(FormSummary)
        InvalidRole, // bool: the cell shows missing/invalid data
        LoadedRole, // bool: the row's form is in memory (false: a placeholder)
    };

    explicit FormListModel(DataService *service, QObject *parent = nullptr);

    void setQuery(const FormListQuery &query); // reloads from the first page
    FormListQuery query() const { return m_query; }
    void reload();
    // Rows per page: enough for a tall list's screen. Each row costs: at 10M forms a 200-row
    // page of the plain list took 18-23 ms where 50 rows take ~6 ms (the heap visits, the
    // summaries, the transfer), and a search's page walks the list's order until it has a page
    // of matches (~6,000 forms for 50 rows of a common name piece). The benchmark's questions
    // ask this same size.
    static constexpr int PageSize = 50;
    void setPageSize(int rows) { m_pageSize = std::max(1, rows); }
    int pageSize() const { return m_pageSize; }
    // The first load's count still grows in chunks (its first page is in, firstPageLoaded() has
    // not come yet).
    bool isGrowing() const { return m_growTo > 0; }
    // Rows added per turn of the event loop after the first page (tests set it small).
    void setGrowChunk(int rows) { m_growChunk = std::max(1, rows); }
    void setMaxResidentPages(int pages) { m_maxPages = std::max(2, pages); }
    int maxResidentPages() const { return m_maxPages; }
    void setAnchorStep(int rows) { m_anchorStep = std::max(1, rows); }
    int anchorStep() const { return m_anchorStep; }
    // Where counting is a scan (a search), the anchors come from that scan, this many rows apart:
    // a jump inside a search seeks through matches one filtered row at a time (at 10M forms
    // ~0.5 s for 4,096 of a common name piece), and closer anchors cost only their cursors.
    void setScanAnchorStep(int rows) { m_scanAnchorStep = std::max(1, rows); }
    int scanAnchorStep() const { return m_scanAnchorStep; }
    int anchorCount() const { return int(m_anchors.size()); } // row 0's included
    // Loading the first page (with the count) or a page asked for; anchors do not count.
    bool isLoading() const { return m_countRequest != 0 || !m_inFlight.isEmpty(); }
    // -1 when the form's row is not in memory.
    int rowOf(const QString &formId) const { return m_rowById.value(formId, -1); }
    FormSummary summaryAt(int row) const; // empty when not in memory
    bool isRowLoaded(int row) const;
    int residentPages() const { return int(m_pages.size()); }
    int residentRows() const;
    bool anchorsComplete() const { return m_anchorsDone; }
    // Asks for the pages covering these rows (what a view does by painting them).
    void requestRows(int first, int last);
    // The forms on these rows stay known across eviction (the view's selection); replaces the
    // rows pinned before.
    void setPinnedRows(const QList<int> &rows);
    static bool isSortable(int column);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Refreshes the rows in memory among these forms and the count (live updates); an empty list
    // reloads.
    void refreshForms(const QStringList &formIds);

signals:
    void loadingChanged(bool loading);
    void loadFailed(const QString &message);
    // The first page's rows are in the model (the view can paint them); the rest of the exact
    // count still follows in chunks, and firstPageLoaded() comes once it is all in.
    void firstPageInserted();
    void firstPageLoaded();
    void rowsLoaded(int first, int last); // a page arrived (after dataChanged)
    void anchorsCompleted(); // every anchor is known: any jump seeks at most anchorStep() rows

private:
    struct Page {
        QList<FormSummary> rows;
        ListCursor next; // the cursor after the page's last row (invalid at the end)
        quint64 used = 0;
    };
    void want(int page) const;
    void prefetch(int page) const; // wanted only when nothing looked at is
    void queueFlush() const;
    void flushWanted();
    void requestPageAt(int page);
    void onPage(quint64 id, const FormPage &page);
    void onSpan(quint64 id, const ListSpan &span);
    void takeAnchors(const ListSpan &span);
    void applyCount(int n); // a recount: rows go in at the end or come off it
    void onAnchors(quint64 id, const QList<ListCursor> &anchors);
    void requestAnchors();
    void evict();
    void dropPage(int page);
    void finishFirstLoad();
    void growFirstLoad();
    void completeFirstLoad();
    const FormSummary *find(int row) const;
    void removeForms(const QStringList &formIds);

    DataService *m_service = nullptr;
    FormListQuery m_query;
    int m_count = 0;
    mutable QHash<int, Page> m_pages; // data() marks a page used (LRU)
    QMap<int, ListCursor> m_anchors; // row -> the cursor before that row; 0 -> start
    QHash<QString, int> m_rowById; // rows in memory, pinned ones included
    QHash<int, FormSummary> m_pinned;
    QHash<quint64, int> m_inFlight; // request -> page
    mutable QList<int> m_wanted; // pages data() missed, newest last
    mutable quint64 m_clock = 0; // LRU
    mutable bool m_flushQueued = false;
    quint64 m_countRequest = 0;
    quint64 m_anchorRequest = 0;
    int m_anchorChunk = 32; // anchors asked by m_anchorRequest
    quint64 m_refreshRequest = 0;
    quint64 m_recountRequest = 0;
    bool m_firstPending = false; // the first page and the count of a new query
    FormPage m_firstPage;
    bool m_haveFirstPage = false;
    bool m_firstRowsIn = false; // the first page is in the model, its count maybe not yet
    bool m_firstIsLast = false; // ... and it was the whole list
    bool m_spanAnchors = false; // the anchors come with every count (a search: one scan)
    qint64 m_firstCount = -1;
    bool m_anchorsDone = false;
    QTimer *m_rebuild = nullptr; // anchors again after live changes, coalesced
    // The first load puts the first page's rows in at once and the rest of the count in chunks,
    // a turn of the event loop each: inserting a million rows is 15 ms of the view's header
    // alone, which must not share a stretch with painting the first page (issue 14: < 16 ms).
    QTimer *m_grow = nullptr;
    int m_growTo = 0; // the first load's row count while it grows, else 0
    int m_growChunk = 250000; // a quarter of 1M rows: 4-9 ms of the view's work each
    quint64 m_matchRequest = 0; // which refreshed forms still pass an attention filter
    int m_pageSize = PageSize;
    int m_maxPages = 8;
    int m_anchorStep = 4096;
    int m_scanAnchorStep = 256;
};

} // namespace compose
