#include "formlistmodel.h"

#include "attention.h"
#include "dataservice.h"

#include <QFont>
#include <QLocale>

#include <limits>

namespace compose {

namespace {

QString shortTime(const QDateTime &dt)
{
    return dt.isValid() ? QLocale().toString(dt.toLocalTime(), QLocale::ShortFormat) : QString();
}

ListSort::Key sortKeyFor(int column)
{
    switch (column) {
    case FormListModel::IdColumn:
        return ListSort::Id;
    case FormListModel::RecipientColumn:
        return ListSort::Recipient;
    case FormListModel::PackageColumn:
        return ListSort::Package;
    case FormListModel::StatusColumn:
        return ListSort::Status;
    case FormListModel::AmountColumn:
        return ListSort::Amount;
    case FormListModel::CreatedColumn:
        return ListSort::Created;
    case FormListModel::ExpiresColumn:
        return ListSort::Expires;
    default:
        break;
    }
    return ListSort::Updated;
}

} // namespace

FormListModel::FormListModel(DataService *service, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(service)
{
    m_rebuild = new QTimer(this);
    m_rebuild->setSingleShot(true);
    // Live changes shift positions by a few rows; anchors stay usable cursors meanwhile, so they
    // are rebuilt at most this often rather than after every change.
    m_rebuild->setInterval(10000);
    connect(m_rebuild, &QTimer::timeout, this, [this] {
        if (m_spanAnchors)
            return; // every recount brought the anchors of that moment along
        const ListCursor start = m_anchors.value(0);
        m_anchors.clear();
        m_anchors.insert(0, start);
        m_anchorRequest = 0;
        m_anchorsDone = false;
        requestAnchors();
    });
    m_grow = new QTimer(this);
    m_grow->setSingleShot(true);
    // 1 ms, not 0: the window paints the rows already in before the next chunk comes.
    m_grow->setInterval(1);
    connect(m_grow, &QTimer::timeout, this, &FormListModel::growFirstLoad);
    if (!m_service)
        return;
    connect(m_service, &DataService::pageReady, this, &FormListModel::onPage);
    connect(m_service, &DataService::spanReady, this, &FormListModel::onSpan);
    connect(m_service, &DataService::anchorsReady, this, &FormListModel::onAnchors);
    connect(m_service, &DataService::summariesReady, this,
            [this](quint64 id, const QList<FormSummary> &rows) {
                if (id != m_refreshRequest)
                    return;
                m_refreshRequest = 0;
                for (const FormSummary &s : rows) {
                    const int row = m_rowById.value(s.id, -1);
                    if (row < 0)
                        continue;
                    const auto page = m_pages.find(row / m_pageSize);
                    const int i = row % m_pageSize;
                    if (page != m_pages.end() && i < page->rows.size()
                        && page->rows.at(i).id == s.id)
                        page->rows[i] = s;
                    if (m_pinned.contains(row))
                        m_pinned[row] = s;
                    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
                }
            });
    connect(m_service, &DataService::matchingReady, this,
            [this](quint64 id, const QStringList &asked, const QStringList &matching) {
                if (id != m_matchRequest)
                    return;
                m_matchRequest = 0;
                QStringList gone;
                for (const QString &formId : asked) {
                    if (!matching.contains(formId))
                        gone << formId;
                }
                removeForms(gone);
            });
    connect(m_service, &DataService::requestFailed, this,
            [this](quint64 id, const QString &message) {
                if (id == m_matchRequest)
                    m_matchRequest = 0;
                if (id == m_refreshRequest)
                    m_refreshRequest = 0;
                if (id == m_recountRequest)
                    m_recountRequest = 0;
                if (id == m_anchorRequest)
                    m_anchorRequest = 0; // jumps seek from the anchors there are
                const bool page = m_inFlight.remove(id) > 0;
                const bool count = id == m_countRequest;
                if (!page && !count)
                    return;
                if (!page && !m_firstPending) {
                    // The list's last page came first and said how long it is; only its span
                    // (anchors it does not need) failed.
                    m_countRequest = 0;
                    if (!isLoading())
                        emit loadingChanged(false);
                    return;
                }
                if (count)
                    m_countRequest = 0;
                if (m_firstPending) {
                    // The new query failed as a whole: nothing half-loaded stays pending.
                    m_firstPending = false;
                    m_countRequest = 0;
                    m_inFlight.clear();
                }
                if (!isLoading())
                    emit loadingChanged(false);
                emit loadFailed(message);
            });
}

bool FormListModel::isSortable(int column)
{
    // Flags are filtered (the filter bar's Needs attention), not sorted: a sort by a computed
    // flag would read every form.
    return column != SenderColumn && column != EmailColumn && column != FlagsColumn;
}

void FormListModel::setQuery(const FormListQuery &query)
{
    m_query = query;
    reload();
}

void FormListModel::reload()
{
    beginResetModel();
    m_count = 0;
    m_pages.clear();
    m_anchors.clear();
    m_rowById.clear();
    m_pinned.clear();
    m_inFlight.clear();
    m_wanted.clear();
    m_countRequest = m_anchorRequest = m_refreshRequest = m_recountRequest = 0;
    m_firstPending = false;
    m_haveFirstPage = false;
    m_firstRowsIn = false;
    m_firstIsLast = false;
    m_firstPage = {};
    m_firstCount = -1;
    m_anchorsDone = false;
    m_spanAnchors = false;
    m_rebuild->stop();
    m_grow->stop();
    m_growTo = 0;
    m_matchRequest = 0;
    endResetModel();
    if (!m_service)
        return;
    m_anchors.insert(0, ListCursor {});
    m_firstPending = true;
    // The first page on the live connection, the count (from the rollup where it can, else with
    // every anchor in the same scan) on the second one: neither waits for the other.
    m_inFlight.insert(m_service->requestWindow(m_query, {}, 0, m_pageSize), 0);
    m_countRequest = m_service->requestSpan(m_query, m_scanAnchorStep);
    emit loadingChanged(true);
}

void FormListModel::onSpan(quint64 id, const ListSpan &span)
{
    const int n = int(std::min<qint64>(span.count, std::numeric_limits<int>::max()));
    if (id == m_countRequest) {
        m_countRequest = 0;
        takeAnchors(span);
        if (m_firstPending) {
            m_firstCount = n;
            finishFirstLoad();
        } else {
            applyCount(n); // the first page was the last one and is in already
            if (!isLoading())
                emit loadingChanged(false);
        }
        return;
    }
    if (id != m_recountRequest || m_firstPending)
        return;
    m_recountRequest = 0;
    takeAnchors(span);
    applyCount(n);
}

void FormListModel::takeAnchors(const ListSpan &span)
{
    if (!span.anchorsComplete)
        return;
    m_spanAnchors = true;
    const ListCursor start = m_anchors.value(0);
    m_anchors.clear();
    m_anchors.insert(0, start);
    for (int i = 0; i < span.anchors.size(); ++i)
        m_anchors.insert((i + 1) * span.step, span.anchors.at(i));
    m_anchorRequest = 0;
    m_anchorsDone = true;
    if (!m_firstPending)
        emit anchorsCompleted();
}

void FormListModel::applyCount(int n)
{
    if (n == m_count)
        return;
    if (n > m_count) {
        beginInsertRows({}, m_count, n - 1);
        m_count = n;
        endInsertRows();
        return;
    }
    beginRemoveRows({}, n, m_count - 1);
    const QList<int> pages = m_pages.keys();
    for (int p : pages) {
        if (p * m_pageSize >= n) {
            dropPage(p);
        } else if ((p + 1) * m_pageSize > n) {
            Page &pg = m_pages[p];
            while (p * m_pageSize + pg.rows.size() > n) {
                const QString gone = pg.rows.takeLast().id;
                if (m_rowById.value(gone, -1) >= n)
                    m_rowById.remove(gone);
            }
        }
    }
    for (auto it = m_pinned.begin(); it != m_pinned.end();) {
        if (it.key() >= n) {
            m_rowById.remove(it->id);
            it = m_pinned.erase(it);
        } else {
            ++it;
        }
    }
    m_count = n;
    endRemoveRows();
}

void FormListModel::finishFirstLoad()
{
    if (!m_firstPending || !m_haveFirstPage || m_growTo > 0)
        return;
    if (!m_firstRowsIn) {
        // The first page goes in as soon as it is here, before the count: a search's count is a
        // scan that takes a second at 10M forms, and the agent reads and opens the first rows
        // meanwhile.
        m_firstRowsIn = true;
        const FormPage page = std::exchange(m_firstPage, {});
        // A last page says exactly how long the list is.
        m_firstIsLast = !page.next.isValid();
        if (!page.rows.isEmpty()) {
            beginInsertRows({}, 0, int(page.rows.size()) - 1);
            m_count = int(page.rows.size());
            Page pg {page.rows, page.next, ++m_clock};
            for (int i = 0; i < pg.rows.size(); ++i)
                m_rowById.insert(pg.rows.at(i).id, i);
            m_pages.insert(0, pg);
            endInsertRows();
        }
        emit firstPageInserted();
    }
    if (!m_firstIsLast && m_firstCount < 0)
        return; // the count is on its way
    // The count and the page are two statements: a form added between them must not leave the
    // page longer than the list.
    const int n = m_firstIsLast ? m_count : int(std::max<qint64>(m_firstCount, m_count));
    // The load stays pending (no recount, anchors or other pages) until the count is in.
    m_growTo = n;
    if (m_count < m_growTo)
        m_grow->start();
    else
        completeFirstLoad();
}

void FormListModel::growFirstLoad()
{
    if (!m_firstPending || m_growTo <= m_count)
        return;
    const int last = int(std::min<qint64>(m_growTo, qint64(m_count) + m_growChunk)) - 1;
    beginInsertRows({}, m_count, last);
    m_count = last + 1;
    endInsertRows();
    if (m_count < m_growTo)
        m_grow->start();
    else
        completeFirstLoad();
}

void FormListModel::completeFirstLoad()
{
    m_growTo = 0;
    m_firstPending = false;
    if (!isLoading())
        emit loadingChanged(false);
    emit firstPageLoaded();
    if (m_anchorsDone)
        emit anchorsCompleted(); // they came with the count
    else
        requestAnchors();
    flushWanted();
}

void FormListModel::onPage(quint64 id, const FormPage &page)
{
    const auto it = m_inFlight.find(id);
    if (it == m_inFlight.end())
        return;
    const int p = it.value();
    m_inFlight.erase(it);
    if (m_firstPending && p == 0) {
        m_firstPage = page;
        m_haveFirstPage = true;
        finishFirstLoad();
        return;
    }
    const int first = p * m_pageSize;
    if (first < m_count && !page.rows.isEmpty()) {
        Page pg {page.rows, page.next, ++m_clock};
        while (first + pg.rows.size() > m_count)
            pg.rows.removeLast();
        for (int i = 0; i < pg.rows.size(); ++i) {
            const int row = first + i;
            m_rowById.insert(pg.rows.at(i).id, row);
            const auto pin = m_pinned.find(row);
            if (pin != m_pinned.end() && pin->id == pg.rows.at(i).id)
                *pin = pg.rows.at(i);
        }
        const int last = first + int(pg.rows.size()) - 1;
        m_pages.insert(p, pg);
        evict();
        emit dataChanged(index(first, 0), index(last, ColumnCount - 1));
        emit rowsLoaded(first, last);
    }
    if (!isLoading())
        emit loadingChanged(false);
    flushWanted();
}

void FormListModel::requestAnchors()
{
    if (!m_service || m_anchorsDone || m_anchorRequest || m_firstPending)
        return;
    if (m_count <= m_anchorStep) {
        m_anchorsDone = true;
        emit anchorsCompleted();
        return;
    }
    // In chunks, each one statement per anchor: a page request queued behind one waits for a
    // few hundred thousand index entries at most, not for the whole list. On the connection that
    // pages and forms use (the second one not open yet, or SQLite's only one) a chunk is what a
    // search's first page or a form opened meanwhile waits behind: 4 seeks, not 32 (at 10M
    // forms 10-20 ms against 50-90 ms).
    m_anchorChunk = m_service->scansApart(m_query) ? 32 : 4;
    m_anchorRequest
        = m_service->requestAnchors(m_query, m_anchors.last(), m_anchorStep, m_anchorChunk);
}

void FormListModel::onAnchors(quint64 id, const QList<ListCursor> &anchors)
{
    if (id != m_anchorRequest)
        return;
    m_anchorRequest = 0;
    const int base = m_anchors.lastKey();
    for (int i = 0; i < anchors.size(); ++i)
        m_anchors.insert(base + (i + 1) * m_anchorStep, anchors.at(i));
    if (anchors.size() < m_anchorChunk) {
        m_anchorsDone = true;
        emit anchorsCompleted();
        return;
    }
    requestAnchors();
}

void FormListModel::want(int page) const
{
    if (page < 0 || page * m_pageSize >= m_count || m_pages.contains(page))
        return;
    m_wanted.removeOne(page);
    m_wanted.append(page);
    queueFlush();
}

void FormListModel::prefetch(int page) const
{
    if (page < 0 || page * m_pageSize >= m_count || m_pages.contains(page)
        || m_wanted.contains(page))
        return;
    for (int q : std::as_const(m_inFlight))
        if (q == page)
            return;
    // First in line is last served, and first dropped when the wishes pile up.
    m_wanted.prepend(page);
    queueFlush();
}

void FormListModel::queueFlush() const
{
    // A dragged scrollbar passes many pages: only the last few it showed are still wanted.
    while (m_wanted.size() > std::max(2, m_maxPages / 2))
        m_wanted.removeFirst();
    if (!m_flushQueued) {
        m_flushQueued = true;
        auto *self = const_cast<FormListModel *>(this);
        QMetaObject::invokeMethod(self, &FormListModel::flushWanted, Qt::QueuedConnection);
    }
}

void FormListModel::flushWanted()
{
    m_flushQueued = false;
    if (m_firstPending || !m_service)
        return;
    const bool wasLoading = isLoading();
    // Two requests in flight keep the worker busy without queueing pages nobody looks at any
    // more; the newest wish goes first.
    while (!m_wanted.isEmpty() && m_inFlight.size() < 2) {
        const int p = m_wanted.takeLast();
        if (m_pages.contains(p) || p * m_pageSize >= m_count)
            continue;
        bool flying = false;
        for (int q : std::as_const(m_inFlight))
            flying = flying || q == p;
        if (!flying)
            requestPageAt(p);
    }
    if (!wasLoading && isLoading())
        emit loadingChanged(true);
}

void FormListModel::requestPageAt(int page)
{
    const int first = page * m_pageSize;
    ListCursor from;
    qint64 skip = 0;
    const auto before = m_pages.constFind(page - 1);
    if (page > 0 && before != m_pages.cend() && before->rows.size() == m_pageSize
        && before->next.isValid()) {
        from = before->next; // the page before ends exactly where this one starts
    } else {
        auto it = m_anchors.upperBound(first);
        --it; // row 0's anchor is always there
        from = it.value();
        skip = first - it.key();
    }
    m_inFlight.insert(m_service->requestWindow(m_query, from, skip, m_pageSize), page);
}

void FormListModel::evict()
{
    while (m_pages.size() > m_maxPages) {
        int oldest = -1;
        quint64 used = std::numeric_limits<quint64>::max();
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
            if (it->used < used) {
                used = it->used;
                oldest = it.key();
            }
        }
        dropPage(oldest);
    }
}

void FormListModel::dropPage(int page)
{
    const auto it = m_pages.find(page);
    if (it == m_pages.end())
        return;
    for (int i = 0; i < it->rows.size(); ++i) {
        const int row = page * m_pageSize + i;
        const QString &id = it->rows.at(i).id;
        if (!m_pinned.contains(row) && m_rowById.value(id, -1) == row)
            m_rowById.remove(id);
    }
    m_pages.erase(it);
}

const FormSummary *FormListModel::find(int row) const
{
    if (row < 0 || row >= m_count)
        return nullptr;
    const auto it = m_pages.find(row / m_pageSize);
    if (it != m_pages.end()) {
        const int i = row % m_pageSize;
        if (i < it->rows.size()) {
            it->used = ++m_clock;
            return &it->rows.at(i);
        }
    }
    const auto pin = m_pinned.constFind(row);
    return pin != m_pinned.cend() ? &pin.value() : nullptr;
}

FormSummary FormListModel::summaryAt(int row) const
{
    const FormSummary *s = find(row);
    return s ? *s : FormSummary {};
}

bool FormListModel::isRowLoaded(int row) const
{
    if (row < 0 || row >= m_count)
        return false;
    const auto it = m_pages.constFind(row / m_pageSize);
    return it != m_pages.cend() && row % m_pageSize < it->rows.size();
}

int FormListModel::residentRows() const
{
    int n = 0;
    for (const Page &p : std::as_const(m_pages))
        n += int(p.rows.size());
    return n;
}

void FormListModel::requestRows(int first, int last)
{
    first = std::max(0, first);
    last = std::min(last, m_count - 1);
    for (int p = first / m_pageSize; first <= last && p <= last / m_pageSize; ++p)
        want(p);
}

void FormListModel::setPinnedRows(const QList<int> &rows)
{
    QHash<int, FormSummary> pinned;
    for (int row : rows) {
        if (const FormSummary *s = find(row))
            pinned.insert(row, *s);
    }
    for (auto it = m_pinned.cbegin(); it != m_pinned.cend(); ++it) {
        if (!pinned.contains(it.key()) && !isRowLoaded(it.key())
            && m_rowById.value(it->id, -1) == it.key())
            m_rowById.remove(it->id);
    }
    m_pinned = pinned;
    for (auto it = m_pinned.cbegin(); it != m_pinned.cend(); ++it)
        m_rowById.insert(it->id, it.key());
}

void FormListModel::refreshForms(const QStringList &formIds)
{
    if (!m_service)
        return;
    if (formIds.isEmpty()) {
        reload();
        return;
    }
    QStringList loaded;
    for (const QString &id : formIds) {
        if (m_rowById.contains(id))
            loaded << id;
    }
    if (!loaded.isEmpty())
        m_refreshRequest = m_service->requestSummaries(loaded);
    // A list of a queue: a form worked off it leaves the list at once, without a reload.
    if (!loaded.isEmpty() && !m_query.attention.isEmpty())
        m_matchRequest = m_service->requestMatching(m_query, loaded);
    if (!m_firstPending) {
        m_recountRequest = m_service->requestSpan(m_query, m_scanAnchorStep);
        if (!m_spanAnchors && !m_rebuild->isActive())
            m_rebuild->start();
    }
}

void FormListModel::removeForms(const QStringList &formIds)
{
    // From the bottom, so the rows above keep their numbers while rows go.
    QList<int> rows;
    for (const QString &id : formIds) {
        const int row = m_rowById.value(id, -1);
        if (row >= 0)
            rows << row;
    }
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (const int row : std::as_const(rows)) {
        beginRemoveRows({}, row, row);
        // The rows after it move up by one: the loaded pages from its own on no longer hold what
        // their numbers say. They are dropped (and fetched again when seen); a page request in
        // flight for them would land shifted, so its answer is ignored.
        const int page = row / m_pageSize;
        const QList<int> pages = m_pages.keys();
        for (const int p : pages) {
            if (p >= page)
                dropPage(p);
        }
        for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
            if (it.value() >= page)
                it = m_inFlight.erase(it);
            else
                ++it;
        }
        QHash<int, FormSummary> pinned;
        for (auto it = m_pinned.cbegin(); it != m_pinned.cend(); ++it) {
            if (it.key() < row)
                pinned.insert(it.key(), it.value());
            else if (it.key() > row)
                pinned.insert(it.key() - 1, it.value());
        }
        m_pinned = pinned;
        for (auto it = m_rowById.begin(); it != m_rowById.end();) {
            if (it.value() == row) {
                it = m_rowById.erase(it);
                continue;
            }
            if (it.value() > row)
                it.value() -= 1;
            ++it;
        }
        --m_count;
        if (m_growTo > 0) // still growing: the list it grows to is one shorter too
            --m_growTo;
        endRemoveRows();
    }
}

int FormListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_count;
}

int FormListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void FormListModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column))
        return;
    const ListSort s {sortKeyFor(column), order};
    if (s.key == m_query.sort.key && s.order == m_query.sort.order)
        return;
    m_query.sort = s;
    reload();
}

QVariant FormListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const FormSummary *loaded = find(index.row());
    if (!loaded) {
        // Not in memory: a placeholder now, the row itself when its page arrives.
        want(index.row() / m_pageSize);
        if (role == LoadedRole)
            return false;
        if (role == Qt::DisplayRole && index.column() == IdColumn)
            return tr("Loading…");
        return {};
    }
    if (role == Qt::DisplayRole && index.column() == IdColumn) {
        // A row in the last or first quarter of its page: the page next to it comes before the
        // keys get there (pages are small, see PageSize).
        const int i = index.row() % m_pageSize;
        if (i >= m_pageSize - m_pageSize / 4)
            prefetch(index.row() / m_pageSize + 1);
        else if (i < m_pageSize / 4)
            prefetch(index.row() / m_pageSize - 1);
    }
    const FormSummary &s = *loaded;
    const int col = index.column();
    switch (role) {
    case LoadedRole:
        return true;
    case Qt::DisplayRole:
        switch (col) {
        case IdColumn:
            return s.id;
        case RecipientColumn:
            return s.recipient.display().left(200);
        case SenderColumn:
            return s.sender.display().left(200);
        case PackageColumn:
            return packageLabel(s.packageType);
        case StatusColumn:
            return s.status == FormStatus::Unknown ? tr("%1 (unknown)").arg(s.statusKey)
                                                   : Status::label(s.status);
        case EmailColumn:
            if (s.email.isEmpty())
                return tr("— none —");
            return s.isGuest ? tr("%1 (guest)").arg(s.email) : s.email;
        case AmountColumn:
            return s.amountPaidCents ? Money {*s.amountPaidCents}.display() : QString();
        case CreatedColumn:
            return shortTime(s.createdAt);
        case UpdatedColumn:
            return shortTime(s.updatedAt);
        case ExpiresColumn:
            return shortTime(s.expiresAt);
        case FlagsColumn:
            return Attention::flagsText(s.flags);
        }
        return {};
    case Qt::ToolTipRole:
        switch (col) {
        case RecipientColumn:
            return s.recipient.display().left(1000);
        case SenderColumn:
            return s.sender.display().left(1000);
        case EmailColumn:
            return s.isGuest ? tr("Guest checkout") : tr("Account %1").arg(s.userId);
        case StatusColumn:
            return s.statusKey;
        case FlagsColumn:
            return Attention::flagsTooltip(s.flags);
        case ExpiresColumn:
            if (s.expiresAt.isValid() && !Status::isPaid(s.status))
                return s.expiresAt < QDateTime::currentDateTimeUtc() ? tr("Past its expiry")
                                                                     : tr("Expires if unpaid");
            return {};
        }
        return {};
    case Qt::TextAlignmentRole:
        if (col == AmountColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case InvalidRole:
        return (col == RecipientColumn && !s.recipient.ok())
            || (col == SenderColumn && !s.sender.ok())
            || (col == StatusColumn && s.status == FormStatus::Unknown);
    case Qt::FontRole:
        if (data(index, InvalidRole).toBool()) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case RawValueRole:
        switch (col) {
        case IdColumn:
            return s.id;
        case RecipientColumn:
            return s.recipient.value;
        case SenderColumn:
            return s.sender.value;
        case PackageColumn:
            return s.packageType;
        case StatusColumn:
            return s.statusKey;
        case EmailColumn:
            return s.email;
        case AmountColumn:
            return s.amountPaidCents ? QVariant(*s.amountPaidCents) : QVariant();
        case CreatedColumn:
            return s.createdAt;
        case UpdatedColumn:
            return s.updatedAt;
        case ExpiresColumn:
            return s.expiresAt;
        case FlagsColumn:
            return s.flags;
        }
        return {};
    case FormIdRole:
        return s.id;
    case StatusKeyRole:
        return s.statusKey;
    case SummaryRole:
        return QVariant::fromValue(s);
    }
    return {};
}

QVariant FormListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == FlagsColumn)
        return tr("Failed, stuck, refunded, paid twice, preview expiring. Show only one kind with "
                  "Needs attention in the filter bar.");
    if (role == Qt::ToolTipRole && !isSortable(section))
        return tr("This column cannot be sorted: it is not indexed in the shop's database.");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Form");
    case RecipientColumn:
        return tr("Recipient");
    case SenderColumn:
        return tr("Sender");
    case PackageColumn:
        return tr("Package");
    case StatusColumn:
        return tr("Status");
    case EmailColumn:
        return tr("E-mail");
    case AmountColumn:
        return tr("Paid");
    case CreatedColumn:
        return tr("Created");
    case UpdatedColumn:
        return tr("Updated");
    case ExpiresColumn:
        return tr("Expires");
    case FlagsColumn:
        return tr("Flags");
    }
    return {};
}

} // namespace compose
