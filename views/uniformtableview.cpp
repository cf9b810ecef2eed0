#include "uniformtableview.h"

#include "uniformtableaccessible.h"

#include <QApplication>
#include <QHeaderView>
#include <QHoverEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <limits>

namespace compose {

namespace {
// The padding this app gives a table row over its font's line height.
constexpr int RowPadding = 6;
} // namespace

UniformTableView::UniformTableView(QWidget *parent)
    : QAbstractItemView(parent)
    , m_header(new QHeaderView(Qt::Horizontal, this))
    , m_rowHeight(fontMetrics().height() + RowPadding)
{
    m_header->setObjectName(QStringLiteral("horizontalHeader"));
    m_header->setSectionsClickable(true);
    m_header->setFocusPolicy(Qt::NoFocus);
    // What QTableView does with its header: a column that moves or changes width is painted
    // again where it now is, and the sideways range follows the columns' total width.
    connect(m_header, &QHeaderView::sectionResized, this, [this] {
        updateGeometries();
        viewport()->update();
    });
    connect(m_header, &QHeaderView::sectionMoved, this, [this] {
        updateGeometries();
        viewport()->update();
    });
    connect(m_header, &QHeaderView::sectionCountChanged, this, [this] {
        updateGeometries();
        viewport()->update();
    });
    connect(m_header, &QHeaderView::geometriesChanged, this, &UniformTableView::updateGeometries);
    connect(m_header, &QHeaderView::sectionHandleDoubleClicked, this,
            &UniformTableView::resizeColumnToContents);
    viewport()->setAttribute(Qt::WA_Hover);
    setSelectionBehavior(SelectRows);
    UniformTableAccessible::install(); // a table to a screen reader, as a QTableView is
}

UniformTableView::~UniformTableView()
{
    // QWidget's destructor deletes the children (the header) while the connections to this
    // object still stand, and this class's part is gone by then: a header or model signal on the
    // way would call one of its members on what is no longer one (UBSan: a bad downcast).
    disconnect(m_header, nullptr, this, nullptr);
    if (QAbstractItemModel *current = model())
        disconnect(current, &QAbstractItemModel::rowsRemoved, this, &UniformTableView::rowsChanged);
}

void UniformTableView::setModel(QAbstractItemModel *model)
{
    if (model == this->model())
        return;
    if (QAbstractItemModel *old = this->model())
        disconnect(old, &QAbstractItemModel::rowsRemoved, this, &UniformTableView::rowsChanged);
    m_header->setModel(model); // first: the view's selection model is passed on to it
    QAbstractItemView::setModel(model);
    if (model) // rowsInserted() and reset() are QAbstractItemView's slots, overridden below
        connect(model, &QAbstractItemModel::rowsRemoved, this, &UniformTableView::rowsChanged);
    updateGeometries();
}

void UniformTableView::setSelectionModel(QItemSelectionModel *selectionModel)
{
    QAbstractItemView::setSelectionModel(selectionModel);
    m_header->setSelectionModel(selectionModel);
}

void UniformTableView::setRowHeight(int height)
{
    m_rowHeightSet = true;
    m_rowHeight = std::max(1, height);
    updateGeometries();
    viewport()->update();
}

int UniformTableView::columnWidth(int column) const
{
    return m_header->sectionSize(column);
}

void UniformTableView::setColumnWidth(int column, int width)
{
    m_header->resizeSection(column, width);
}

void UniformTableView::resizeColumnToContents(int column)
{
    const int contents = sizeHintForColumn(column);
    const int header = m_header->isHidden() ? 0 : m_header->sectionSizeHint(column);
    m_header->resizeSection(column, std::max(contents, header));
}

void UniformTableView::setShowGrid(bool show)
{
    if (m_showGrid == show)
        return;
    m_showGrid = show;
    viewport()->update();
}

int UniformTableView::rowCount() const
{
    return model() ? model()->rowCount(rootIndex()) : 0;
}

qint64 UniformTableView::pixelTop() const
{
    // As QTableView scrolling by rows: the scroll bar's value is the top row, except at its
    // end, where the last row sits on the viewport's bottom edge (the top row is then cut).
    const QScrollBar *bar = verticalScrollBar();
    if (bar->maximum() > 0 && bar->value() == bar->maximum())
        return std::max<qint64>(0, qint64(rowCount()) * m_rowHeight - viewport()->height());
    return qint64(bar->value()) * m_rowHeight;
}

int UniformTableView::topRow() const
{
    return int(pixelTop() / m_rowHeight);
}

int UniformTableView::rowsPerPage() const
{
    return std::max(1, viewport()->height() / m_rowHeight);
}

int UniformTableView::rowAt(int y) const
{
    if (y < 0)
        return -1;
    const qint64 row = (pixelTop() + y) / m_rowHeight;
    return row < rowCount() ? int(row) : -1;
}

int UniformTableView::clampedRowAt(int y) const
{
    const qint64 pixel = pixelTop() + y;
    const qint64 row = pixel >= 0 ? pixel / m_rowHeight : -1; // above the first row: clamped
    return int(std::clamp<qint64>(row, 0, std::max(0, rowCount() - 1)));
}

int UniformTableView::columnAt(int x) const
{
    return m_header->logicalIndexAt(x);
}

int UniformTableView::rowViewportPosition(int row) const
{
    // Clamped: a row millions of rows away is far outside the viewport, not an overflow.
    return int(std::clamp<qint64>(qint64(row) * m_rowHeight - pixelTop(), -(1 << 30), 1 << 30));
}

int UniformTableView::columnViewportPosition(int column) const
{
    return m_header->sectionViewportPosition(column);
}

int UniformTableView::nextVisualColumn(int visual, int step) const
{
    for (int v = visual + step; v >= 0 && v < m_header->count(); v += step) {
        if (!m_header->isSectionHidden(m_header->logicalIndex(v)))
            return v;
    }
    return -1;
}

int UniformTableView::firstVisualColumn() const
{
    return nextVisualColumn(-1, 1);
}

int UniformTableView::lastVisualColumn() const
{
    return nextVisualColumn(m_header->count(), -1);
}

QList<std::pair<int, int>> UniformTableView::selectedRowSpans() const
{
    QList<std::pair<int, int>> spans;
    if (!selectionModel())
        return spans;
    for (const QItemSelectionRange &range : selectionModel()->selection())
        spans.append({range.top(), range.bottom()});
    std::sort(spans.begin(), spans.end());
    // Ranges of one row may come once per column or overlap after Ctrl+clicks: merged, so each
    // row counts once.
    QList<std::pair<int, int>> merged;
    for (const auto &span : std::as_const(spans)) {
        if (!merged.isEmpty() && span.first <= merged.last().second + 1)
            merged.last().second = std::max(merged.last().second, span.second);
        else
            merged.append(span);
    }
    return merged;
}

qint64 UniformTableView::selectedRowCount() const
{
    qint64 count = 0;
    for (const auto &span : selectedRowSpans())
        count += span.second - span.first + 1;
    return count;
}

QRect UniformTableView::visualRect(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != model() || index.parent() != rootIndex()
        || isIndexHidden(index))
        return {};
    const int grid = m_showGrid ? 1 : 0;
    return QRect(columnViewportPosition(index.column()), rowViewportPosition(index.row()),
                 columnWidth(index.column()) - grid, m_rowHeight - grid);
}

void UniformTableView::scrollTo(const QModelIndex &index, ScrollHint hint)
{
    if (!index.isValid() || index.model() != model() || index.parent() != rootIndex())
        return;
    const int row = index.row();
    const int page = rowsPerPage();
    int top = verticalScrollBar()->value();
    switch (hint) {
    case EnsureVisible:
        if (row < top)
            top = row;
        else if (row >= top + page)
            top = row - page + 1;
        break;
    case PositionAtTop:
        top = row;
        break;
    case PositionAtBottom:
        top = row - page + 1;
        break;
    case PositionAtCenter:
        top = row - page / 2;
        break;
    }
    verticalScrollBar()->setValue(top); // the scroll bar keeps it within its range

    if (!isIndexHidden(index)) {
        const int x = m_header->sectionPosition(index.column());
        const int width = columnWidth(index.column());
        const int shown = viewport()->width();
        int left = horizontalScrollBar()->value();
        if (x < left || width > shown)
            left = x;
        else if (x + width > left + shown)
            left = x + width - shown;
        horizontalScrollBar()->setValue(left);
    }
    update(index);
}

QModelIndex UniformTableView::indexAt(const QPoint &point) const
{
    const int row = rowAt(point.y());
    const int column = columnAt(point.x());
    if (row < 0 || column < 0)
        return {};
    return model()->index(row, column, rootIndex());
}

int UniformTableView::sizeHintForRow(int) const
{
    return m_rowHeight;
}

int UniformTableView::sizeHintForColumn(int column) const
{
    // The rows on screen only: QAbstractItemView's own asks every row of the model.
    if (!model())
        return -1;
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    const int last = std::min(rowCount() - 1, topRow() + rowsPerPage());
    int hint = 0;
    for (int row = topRow(); row <= last; ++row) {
        const QModelIndex index = model()->index(row, column, rootIndex());
        hint = std::max(hint, itemDelegateForIndex(index)->sizeHint(option, index).width());
    }
    return hint + (m_showGrid ? 1 : 0);
}

QModelIndex UniformTableView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers)
{
    const int rows = rowCount();
    const int first = firstVisualColumn();
    if (rows == 0 || first < 0)
        return {};
    const QModelIndex current = currentIndex();
    if (!current.isValid())
        return model()->index(0, m_header->logicalIndex(first), rootIndex());
    if (isRightToLeft()) {
        if (cursorAction == MoveLeft)
            cursorAction = MoveRight;
        else if (cursorAction == MoveRight)
            cursorAction = MoveLeft;
    }
    int row = current.row();
    int visual = m_header->visualIndex(current.column());
    switch (cursorAction) {
    case MoveUp:
        row = std::max(0, row - 1);
        break;
    case MoveDown:
        row = std::min(rows - 1, row + 1);
        break;
    case MovePageUp:
        row = std::max(0, row - rowsPerPage());
        break;
    case MovePageDown:
        row = std::min(rows - 1, row + rowsPerPage());
        break;
    case MoveHome:
    case MoveEnd:
        // Ctrl: the first / last row; a list that selects whole rows keeps its column there
        // (no sideways scroll to the last column). Without Ctrl: the row's first / last cell.
        if (modifiers & Qt::ControlModifier) {
            row = cursorAction == MoveHome ? 0 : rows - 1;
            if (selectionBehavior() == SelectRows)
                break;
        }
        visual = cursorAction == MoveHome ? first : lastVisualColumn();
        break;
    case MoveLeft:
    case MoveRight: {
        const int next = nextVisualColumn(visual, cursorAction == MoveLeft ? -1 : 1);
        if (next >= 0)
            visual = next;
        break;
    }
    case MoveNext:
    case MovePrevious: {
        // Tab walks the cells and wraps into the next / previous row, as in QTableView.
        const bool forward = cursorAction == MoveNext;
        const int next = nextVisualColumn(visual, forward ? 1 : -1);
        if (next >= 0) {
            visual = next;
        } else {
            visual = forward ? first : lastVisualColumn();
            row = forward ? (row + 1) % rows : (row + rows - 1) % rows;
        }
        break;
    }
    }
    return model()->index(row, m_header->logicalIndex(visual), rootIndex());
}

int UniformTableView::horizontalOffset() const
{
    return m_header->offset();
}

int UniformTableView::verticalOffset() const
{
    return int(std::min<qint64>(pixelTop(), std::numeric_limits<int>::max()));
}

bool UniformTableView::isIndexHidden(const QModelIndex &index) const
{
    return m_header->isSectionHidden(index.column());
}

void UniformTableView::setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command)
{
    if (!selectionModel() || rowCount() == 0 || firstVisualColumn() < 0)
        return;
    const QRect r = rect.normalized();
    const int top = clampedRowAt(r.top());
    const int bottom = clampedRowAt(r.bottom());
    auto visualAt = [this](int x) {
        const int v = m_header->visualIndexAt(x);
        return v >= 0 ? v
                      : (x < m_header->sectionViewportPosition(m_header->logicalIndex(0))
                             ? firstVisualColumn()
                             : lastVisualColumn());
    };
    int left = visualAt(r.left());
    int right = visualAt(r.right());
    if (left > right)
        std::swap(left, right);
    QItemSelection selection;
    if (selectionBehavior() == SelectRows) {
        selection.select(model()->index(top, 0, rootIndex()),
                         model()->index(bottom, m_header->count() - 1, rootIndex()));
    } else {
        // Columns may be moved: one range per column between the two visual positions.
        for (int v = left; v <= right; ++v) {
            const int column = m_header->logicalIndex(v);
            if (!m_header->isSectionHidden(column))
                selection.select(model()->index(top, column, rootIndex()),
                                 model()->index(bottom, column, rootIndex()));
        }
    }
    selectionModel()->select(selection, command);
}

QRegion UniformTableView::visualRegionForSelection(const QItemSelection &selection) const
{
    // Clipped to the rows on screen first: a selection of every row is one range, and its
    // region must not be built row by row.
    const int firstShown = topRow();
    const int lastShown = firstShown + rowsPerPage() + 1; // a row cut at either edge
    QRegion region;
    for (const QItemSelectionRange &range : selection) {
        if (!range.isValid() || range.parent() != rootIndex() || range.model() != model())
            continue;
        const int top = std::max(range.top(), firstShown);
        const int bottom = std::min(range.bottom(), lastShown);
        if (top > bottom)
            continue;
        const int y = rowViewportPosition(top);
        const int height = (bottom - top + 1) * m_rowHeight;
        for (int column = range.left(); column <= range.right(); ++column) {
            if (!m_header->isSectionHidden(column))
                region += QRect(columnViewportPosition(column), y, columnWidth(column), height);
        }
    }
    return region;
}

void UniformTableView::initViewItemOption(QStyleOptionViewItem *option) const
{
    QAbstractItemView::initViewItemOption(option);
    option->showDecorationSelected = true; // as QTableView: a selected cell is selected whole
}

void UniformTableView::paintEvent(QPaintEvent *event)
{
    const int rows = rowCount();
    const int firstVisual = firstVisualColumn();
    if (rows == 0 || firstVisual < 0)
        return;
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    QPainter painter(viewport());
    const QRect area = event->rect();
    const int firstRow = clampedRowAt(area.top());
    const int lastRow = clampedRowAt(area.bottom());
    if (rowViewportPosition(firstRow) > area.bottom())
        return; // the area is below the last row
    int left = m_header->visualIndexAt(area.left());
    int right = m_header->visualIndexAt(area.right());
    if (left < 0)
        left = firstVisual;
    if (right < 0)
        right = lastVisualColumn();
    if (isRightToLeft())
        std::swap(left, right);

    const QItemSelectionModel *selection = selectionModel();
    const QModelIndex current = currentIndex();
    const bool focus = (hasFocus() || viewport()->hasFocus()) && current.isValid();
    const int grid = m_showGrid ? 1 : 0;
    const QPen gridPen(QColor::fromRgba(static_cast<QRgb>(
                           style()->styleHint(QStyle::SH_Table_GridLineColor, &option, this))),
                       1, Qt::SolidLine);

    for (int row = firstRow; row <= lastRow; ++row) {
        const int y = rowViewportPosition(row);
        if (alternatingRowColors() && (row & 1))
            option.features |= QStyleOptionViewItem::Alternate;
        else
            option.features &= ~QStyleOptionViewItem::Alternate;
        for (int visual = left; visual <= right; ++visual) {
            const int column = m_header->logicalIndex(visual);
            if (m_header->isSectionHidden(column))
                continue;
            const QModelIndex index = model()->index(row, column, rootIndex());
            QStyleOptionViewItem cell = option;
            cell.rect = QRect(columnViewportPosition(column), y, columnWidth(column) - grid,
                              m_rowHeight - grid);
            if (selection && selection->isSelected(index))
                cell.state |= QStyle::State_Selected;
            if (row == m_hoverRow)
                cell.state |= QStyle::State_MouseOver;
            if (option.state & QStyle::State_Enabled) {
                const bool enabled = model()->flags(index) & Qt::ItemIsEnabled;
                if (!enabled)
                    cell.state &= ~QStyle::State_Enabled;
                cell.palette.setCurrentColorGroup(enabled ? QPalette::Normal : QPalette::Disabled);
            }
            if (focus && index == current)
                cell.state |= QStyle::State_HasFocus;
            style()->drawPrimitive(QStyle::PE_PanelItemViewRow, &cell, &painter, this);
            itemDelegateForIndex(index)->paint(&painter, cell, index);
            if (grid) {
                painter.save();
                painter.setPen(gridPen);
                const QRect &r = cell.rect;
                painter.drawLine(r.left(), r.bottom() + 1, r.right() + 1, r.bottom() + 1);
                painter.drawLine(r.right() + 1, r.top(), r.right() + 1, r.bottom() + 1);
                painter.restore();
            }
        }
    }
}

void UniformTableView::updateGeometries()
{
    if (!m_header)
        return;
    const int headerHeight = m_header->isHidden()
        ? 0
        : std::clamp(m_header->sizeHint().height(), m_header->minimumHeight(),
                     m_header->maximumHeight());
    if (viewportMargins().top() != headerHeight)
        setViewportMargins(0, headerHeight, 0, 0); // resizes the viewport: comes back here
    const QRect vg = viewport()->geometry();
    m_header->setGeometry(vg.left(), vg.top() - headerHeight, vg.width(), headerHeight);

    const int page = rowsPerPage();
    QScrollBar *vertical = verticalScrollBar();
    vertical->setSingleStep(1);
    vertical->setPageStep(page);
    vertical->setRange(0, std::max(0, rowCount() - page));

    const int shown = viewport()->width();
    QScrollBar *horizontal = horizontalScrollBar();
    horizontal->setSingleStep(std::max(1, m_rowHeight));
    horizontal->setPageStep(shown);
    horizontal->setRange(0, std::max(0, m_header->length() - shown));
    // A new range can move the rows without a scroll (the end of the range, where the last row
    // sits on the bottom edge, moved with the count or the height).
    if (const qint64 top = pixelTop(); top != m_paintedTop) {
        m_paintedTop = top;
        viewport()->update();
    }
    QAbstractItemView::updateGeometries();
}

void UniformTableView::scrollContentsBy(int dx, int dy)
{
    if (dx) {
        m_header->setOffset(horizontalScrollBar()->value());
        if (isRightToLeft())
            dx = -dx;
    }
    // The vertical scroll bar counts rows; the viewport moves by pixels. A jump of more than a
    // page repaints the viewport instead of moving it.
    const qint64 top = pixelTop();
    const qint64 pixels = dy ? m_paintedTop - top : 0;
    m_paintedTop = top;
    if (std::abs(pixels) > viewport()->height()) {
        QAbstractItemView::scrollContentsBy(dx, 0);
        viewport()->update();
        return;
    }
    QAbstractItemView::scrollContentsBy(dx, int(pixels));
}

bool UniformTableView::viewportEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::HoverEnter:
    case QEvent::HoverMove:
        setHoverRow(rowAt(static_cast<QHoverEvent *>(event)->position().toPoint().y()));
        break;
    case QEvent::HoverLeave:
        setHoverRow(-1);
        break;
    default:
        break;
    }
    return QAbstractItemView::viewportEvent(event);
}

void UniformTableView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange && !m_rowHeightSet) {
        m_rowHeight = fontMetrics().height() + RowPadding;
        updateGeometries();
        viewport()->update();
    }
    QAbstractItemView::changeEvent(event);
}

QSize UniformTableView::viewportSizeHint() const
{
    return QSize(m_header->length(), m_rowHeight * std::min(rowCount(), 10));
}

void UniformTableView::rowsInserted(const QModelIndex &parent, int start, int end)
{
    QAbstractItemView::rowsInserted(parent, start, end);
    rowsChanged(parent, start, end);
}

void UniformTableView::reset()
{
    QAbstractItemView::reset();
    updateGeometries();
    viewport()->update();
}

void UniformTableView::rowsChanged(const QModelIndex &parent, int first, int)
{
    // A count that changes moves the scroll range, nothing else: no per-row work to redo. Rows
    // added or removed below the screen (the first load's count growing in chunks) leave what is
    // on screen as it was, so it is not painted again.
    updateGeometries();
    if (parent == rootIndex() && first <= topRow() + rowsPerPage() + 1)
        viewport()->update();
}

void UniformTableView::keyboardSearch(const QString &search)
{
    // QAbstractItemView's own walks the model from the current row until a row matches: in a
    // list of a million forms kept in pages, one key would ask for every page. Typing here
    // finds among the rows on screen, from the current one on, as a prefix of the current
    // column (what one sees).
    if (search.isEmpty() || !model() || rowCount() == 0 || firstVisualColumn() < 0)
        return;
    if (!m_typed.isValid() || m_typed.elapsed() > QApplication::keyboardInputInterval())
        m_typeAhead.clear();
    m_typed.start();
    const bool repeat = m_typeAhead.size() == 1 && search == m_typeAhead;
    if (!repeat)
        m_typeAhead += search;
    const QModelIndex current = currentIndex();
    const int column
        = current.isValid() ? current.column() : m_header->logicalIndex(firstVisualColumn());
    const int first = topRow();
    const int count = std::min(rowCount() - first, rowsPerPage());
    int start = current.isValid() && current.row() >= first && current.row() < first + count
        ? current.row() - first
        : 0;
    if (repeat || m_typeAhead.size() == 1)
        start = (start + 1) % count; // a new first letter, or the same again: the next match
    for (int i = 0; i < count; ++i) {
        const QModelIndex index = model()->index(first + (start + i) % count, column, rootIndex());
        if (index.data().toString().startsWith(m_typeAhead, Qt::CaseInsensitive)) {
            setCurrentIndex(index);
            return;
        }
    }
}

void UniformTableView::setHoverRow(int row)
{
    if (row == m_hoverRow)
        return;
    const int width = viewport()->width();
    if (m_hoverRow >= 0)
        viewport()->update(QRect(0, rowViewportPosition(m_hoverRow), width, m_rowHeight));
    m_hoverRow = row;
    if (m_hoverRow >= 0)
        viewport()->update(QRect(0, rowViewportPosition(m_hoverRow), width, m_rowHeight));
}

} // namespace compose
