#include "formlistview.h"

#include "keyhelp.h"
#include "stateitemdelegate.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QScrollBar>

#include <algorithm>

namespace compose {

FormListView::FormListView(FormListModel *model, QWidget *parent)
    : UniformTableView(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("formList"));
    setModel(model);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection); // several: export, bulk retry
    setAlternatingRowColors(true);
    setTextElideMode(Qt::ElideMiddle); // ids differ at the end: form_179…3f2a
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    auto *delegate = new StateItemDelegate(this);
    delegate->setInvalidRole(FormListModel::InvalidRole);
    setItemDelegate(delegate);
    setupColumns();
    KeyHelp::describe(this, tr("Up / Down"), tr("Move in the form list; the detail follows"));
    KeyHelp::describe(this, tr("Enter"), tr("From the list, go to the detail pane"));

    // The header flips its indicator on a click; the database sorts.
    connect(horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            &FormListView::onSortIndicatorChanged);
    // The selection, not the current index, is what the agent sees highlighted: a mouse press
    // moves the current index before it selects, and Ctrl+click can deselect the current row.
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FormListView::emitCurrent);
    // The model keeps only pages near the viewport: the selected forms are pinned so that
    // scrolling far away keeps them selected, and a row selected while still "Loading…" (after
    // Ctrl+End) becomes the current form when its page arrives.
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FormListView::pinSelection);
    connect(model, &FormListModel::rowsLoaded, this, [this](int first, int last) {
        const auto spans = selectedRowSpans();
        if (std::any_of(spans.cbegin(), spans.cend(), [first, last](const auto &span) {
                return span.first <= last && span.second >= first;
            })) {
            pinSelection();
            emitCurrent();
        }
    });
    // A re-sort or a reload of the same list keeps the selected form if it is still there.
    connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &FormListView::remember);
    // A new query empties the list at once; until its first page says whether the form is still
    // in it, the detail stays readable but nothing may be done to it.
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_endPendingRow = -1;
        m_reloading = true;
        emit reloadingChanged(true);
    });
    connect(model, &QAbstractItemModel::rowsRemoved, this, &FormListView::emitCurrent);
    connect(model, &FormListModel::loadFailed, this, [this] {
        m_reloading = false;
        emitCurrent();
    });
    // The selection settles as soon as the first rows are in (a search's count can take a second
    // at 10M forms); a scroll position to put back waits for the count, which sets the range.
    connect(model, &FormListModel::firstPageInserted, this, [this] {
        if (m_restoreScroll < 0)
            settleAfterReload();
    });
    connect(model, &FormListModel::firstPageLoaded, this, [this] {
        if (m_reloading)
            settleAfterReload();
        followEnd();
    });
}

void FormListView::setupColumns()
{
    QHeaderView *header = horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(m_sortColumn, m_sortOrder);
    header->setStretchLastSection(true);
    const QFontMetrics fm = fontMetrics();
    auto fit = [&fm](const char *sample, int padding) {
        return fm.horizontalAdvance(QLatin1String(sample)) + padding;
    };
    const int dateWidth = fit("2025-12-31 23:59", 16);
    const struct {
        int column;
        int width;
    } widths[] = {{FormListModel::IdColumn, fit("form_0000000000", 12)},
                  {FormListModel::RecipientColumn, 130},
                  {FormListModel::SenderColumn, 110},
                  {FormListModel::PackageColumn, fit("Holiday hamper", 16)},
                  {FormListModel::StatusColumn, fit("Variations generating", 12)},
                  {FormListModel::EmailColumn, 200},
                  {FormListModel::AmountColumn, fit("$99.99", 16)},
                  {FormListModel::CreatedColumn, dateWidth},
                  {FormListModel::UpdatedColumn, dateWidth},
                  {FormListModel::ExpiresColumn, dateWidth},
                  {FormListModel::FlagsColumn, fit("x failed - x preview expiring", 16)}};
    for (const auto &w : widths)
        setColumnWidth(w.column, w.width);
    // What an agent reads first comes first; the rest is a scroll away.
    const int order[] = {
        FormListModel::IdColumn,      FormListModel::RecipientColumn, FormListModel::StatusColumn,
        FormListModel::FlagsColumn,   FormListModel::EmailColumn,     FormListModel::UpdatedColumn,
        FormListModel::AmountColumn,  FormListModel::PackageColumn,   FormListModel::SenderColumn,
        FormListModel::CreatedColumn, FormListModel::ExpiresColumn};
    for (int visual = 0; visual < int(std::size(order)); ++visual)
        header->moveSection(header->visualIndex(order[visual]), visual);
}

bool FormListView::isWholeListSelected() const
{
    const int rows = m_model->rowCount();
    return rows > 0 && selectedRowCount() == rows;
}

QString FormListView::selectedFormId() const
{
    const auto spans = selectedRowSpans();
    if (spans.size() != 1 || spans.first().first != spans.first().second)
        return {};
    return m_model->index(spans.first().first, 0).data(FormListModel::FormIdRole).toString();
}

QStringList FormListView::selectedFormIds() const
{
    QStringList ids;
    if (selectedRowCount() > SelectionLimit)
        return ids;
    for (const auto &span : selectedRowSpans()) {
        for (int row = span.first; row <= span.second; ++row) {
            // A row whose page never arrived has no form to name (pinning keeps those seen).
            const QString id = m_model->index(row, 0).data(FormListModel::FormIdRole).toString();
            if (!id.isEmpty())
                ids << id;
        }
    }
    return ids;
}

void FormListView::remember()
{
    if (m_restoreId.isEmpty()) {
        m_restoreId = selectedFormId();
        m_restoreScroll = -1;
    }
}

void FormListView::keepAcrossReload(const QString &formId, int scroll)
{
    m_restoreId = formId;
    m_restoreScroll = scroll;
}

void FormListView::pickOnFirstPage(const QString &search)
{
    m_pick = search;
}

void FormListView::openFirstMatch(const QString &search)
{
    setFocus(Qt::OtherFocusReason);
    if (m_reloading || m_model->query().search != search) {
        m_pick = search;
        return;
    }
    const int exact = m_model->rowOf(search);
    const int row = exact >= 0 ? exact : (m_model->rowCount() > 0 ? 0 : -1);
    if (row < 0)
        return;
    const QModelIndex idx = m_model->index(row, FormListModel::IdColumn);
    selectionModel()->setCurrentIndex(
        idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(idx);
}

void FormListView::enterFromSearch()
{
    setFocus(Qt::OtherFocusReason);
    if (!m_reloading && selectedFormId().isEmpty() && m_model->rowCount() > 0) {
        const QModelIndex idx = m_model->index(0, FormListModel::IdColumn);
        selectionModel()->setCurrentIndex(
            idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    } else if (m_reloading && selectedFormId().isEmpty()) {
        m_pick = m_model->query().search; // the first row of what is on its way
    }
}

void FormListView::setContextMenuEnabled(bool enabled)
{
    if (enabled == (contextMenuPolicy() == Qt::CustomContextMenu))
        return;
    setContextMenuPolicy(enabled ? Qt::CustomContextMenu : Qt::DefaultContextMenu);
    if (enabled)
        connect(this, &QWidget::customContextMenuRequested, this, &FormListView::onContextMenu);
    else
        disconnect(this, &QWidget::customContextMenuRequested, this, &FormListView::onContextMenu);
}

QByteArray FormListView::saveHeaderState() const
{
    return horizontalHeader()->saveState();
}

void FormListView::restoreHeaderState(const QByteArray &state)
{
    const QSignalBlocker block(horizontalHeader());
    horizontalHeader()->restoreState(state);
    // Sorting is the query's, not the header's: put the indicator back where the model sorts.
    horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
}

void FormListView::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && m_enterTarget
        && m_enterTarget->isVisible()) {
        m_enterTarget->setFocus(Qt::TabFocusReason);
        return;
    }
    m_endPendingRow = -1; // any other key after it leaves the selection where the agent put it
    UniformTableView::keyPressEvent(event);
    // At 10M forms a search counts for a second or two after its first rows are shown. Ctrl+End
    // in that time can only reach the last row loaded; the end the agent asked for is the list's.
    if (event->key() == Qt::Key_End && event->modifiers() == Qt::ControlModifier
        && m_model->isLoading() && currentIndex().isValid())
        m_endPendingRow = currentIndex().row();
}

void FormListView::mousePressEvent(QMouseEvent *event)
{
    m_endPendingRow = -1; // a click chose a place too
    UniformTableView::mousePressEvent(event);
}

void FormListView::followEnd()
{
    const int row = std::exchange(m_endPendingRow, -1);
    if (row < 0 || currentIndex().row() != row || m_model->rowCount() - 1 <= row)
        return;
    const QModelIndex last = m_model->index(m_model->rowCount() - 1, currentIndex().column());
    selectionModel()->setCurrentIndex(
        last, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(last);
}

QItemSelectionModel::SelectionFlags FormListView::selectionCommand(const QModelIndex &index,
                                                                   const QEvent *event) const
{
    // Ctrl+Home / Ctrl+End go to the first / last form and select it, as in a one-row list: with
    // several rows selectable, Qt's extended selection would move only the cursor. Through Qt's
    // own key handling, so a Shift+arrow after it extends from that form.
    if (event && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<const QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Home || key->key() == Qt::Key_End)
            && key->modifiers() == Qt::ControlModifier)
            return QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows;
    }
    return UniformTableView::selectionCommand(index, event);
}

void FormListView::onSortIndicatorChanged(int column, Qt::SortOrder order)
{
    if (FormListModel::isSortable(column)) {
        m_sortColumn = column;
        m_sortOrder = order;
        m_model->sort(column, order);
        return;
    }
    // A column the database cannot sort by gets its click undone.
    const QSignalBlocker block(horizontalHeader());
    horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
}

void FormListView::settleAfterReload()
{
    m_reloading = false;
    QString id = std::exchange(m_restoreId, QString());
    int scroll = std::exchange(m_restoreScroll, -1);
    if (!m_pick.isEmpty() && m_model->query().search == m_pick) {
        // The form searched for, or the first match of what was searched for.
        const QString wanted = std::exchange(m_pick, QString());
        id = m_model->rowOf(wanted) >= 0 ? wanted : m_model->summaryAt(0).id;
        scroll = -1;
    }
    const int row = id.isEmpty() ? -1 : m_model->rowOf(id);
    if (row >= 0) {
        const QModelIndex idx = m_model->index(row, FormListModel::IdColumn);
        selectionModel()->setCurrentIndex(
            idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        if (scroll >= 0)
            verticalScrollBar()->setValue(scroll);
        else
            scrollTo(idx);
    }
    // Also when the form shown before is not in this list: then the detail goes.
    emitCurrent();
}

void FormListView::onContextMenu(const QPoint &pos)
{
    const QModelIndex index = indexAt(pos);
    if (!index.isValid())
        return;
    selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    emit contextMenuRequested(index.data(FormListModel::FormIdRole).toString(),
                              viewport()->mapToGlobal(pos));
}

void FormListView::pinSelection()
{
    // What a bulk action can take is pinned; a larger selection (every form) is not held.
    QList<int> rows;
    if (selectedRowCount() <= SelectionLimit) {
        for (const auto &span : selectedRowSpans()) {
            for (int row = span.first; row <= span.second; ++row)
                rows << row;
        }
    }
    m_model->setPinnedRows(rows);
}

void FormListView::emitCurrent()
{
    emit currentFormChanged(selectedFormId());
}

} // namespace compose
