#include "uniformtableaccessible.h"

#include "uniformtableview.h"

#include <QItemSelectionModel>
#include <QScrollBar>

#include <algorithm>
#include <climits>

namespace compose {

namespace {

// Cells kept registered at once: a screen reader walks the rows near the cursor, not millions.
constexpr int CellCacheLimit = 4096;
// Selected rows or cells listed at most (Ctrl+A over ten million rows is one range).
constexpr int SelectionListLimit = 1000;

class UniformTableCell final : public QAccessibleInterface, public QAccessibleTableCellInterface {
public:
    UniformTableCell(UniformTableView *view, const QModelIndex &index)
        : m_view(view)
        , m_index(index)
    {
    }

    bool isValid() const override { return m_view && m_index.isValid(); }
    QObject *object() const override { return nullptr; }
    QWindow *window() const override { return m_view ? m_view->window()->windowHandle() : nullptr; }
    QAccessibleInterface *parent() const override
    {
        return QAccessible::queryAccessibleInterface(m_view);
    }
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }

    QString text(QAccessible::Text t) const override
    {
        if (!isValid())
            return {};
        switch (t) {
        case QAccessible::Name: {
            const QString name = m_index.data(Qt::AccessibleTextRole).toString();
            return name.isEmpty() ? m_index.data(Qt::DisplayRole).toString() : name;
        }
        case QAccessible::Description:
            return m_index.data(Qt::AccessibleDescriptionRole).toString();
        default:
            return {};
        }
    }
    void setText(QAccessible::Text, const QString &) override { }

    QRect rect() const override
    {
        if (!isValid())
            return {};
        const QRect r = m_view->visualRect(m_index);
        if (!m_view->viewport()->rect().intersects(r))
            return {};
        return QRect(m_view->viewport()->mapToGlobal(r.topLeft()), r.size());
    }
    QAccessible::Role role() const override { return QAccessible::Cell; }
    QAccessible::State state() const override
    {
        QAccessible::State st;
        if (!isValid())
            return st;
        st.selectable = true;
        st.focusable = true;
        st.selected = isSelected();
        st.focused = m_view->hasFocus() && m_view->currentIndex() == m_index;
        st.invisible = rect().isEmpty();
        return st;
    }
    void *interface_cast(QAccessible::InterfaceType type) override
    {
        return type == QAccessible::TableCellInterface
            ? static_cast<QAccessibleTableCellInterface *>(this)
            : nullptr;
    }

    int columnExtent() const override { return 1; }
    int rowExtent() const override { return 1; }
    QList<QAccessibleInterface *> columnHeaderCells() const override { return {}; }
    QList<QAccessibleInterface *> rowHeaderCells() const override { return {}; }
    int columnIndex() const override { return m_index.column(); }
    int rowIndex() const override { return m_index.row(); }
    bool isSelected() const override
    {
        return isValid() && m_view->selectionModel()
            && m_view->selectionModel()->isSelected(m_index);
    }
    QAccessibleInterface *table() const override { return parent(); }

private:
    QPointer<UniformTableView> m_view;
    QPersistentModelIndex m_index;
};

QAccessibleInterface *factory(const QString &classname, QObject *object)
{
    if (classname == QLatin1String(UniformTableView::staticMetaObject.className()))
        return new UniformTableAccessible(static_cast<UniformTableView *>(object));
    return nullptr;
}

} // namespace

UniformTableAccessible::UniformTableAccessible(UniformTableView *view)
    : QAccessibleWidget(view, QAccessible::Table)
{
}

UniformTableAccessible::~UniformTableAccessible()
{
    dropCells();
}

void UniformTableAccessible::install()
{
    static const bool installed = [] {
        QAccessible::installFactory(&factory);
        return true;
    }();
    Q_UNUSED(installed);
}

UniformTableView *UniformTableAccessible::view() const
{
    return static_cast<UniformTableView *>(widget());
}

void UniformTableAccessible::dropCells() const
{
    for (const QAccessible::Id id : std::as_const(m_cells))
        QAccessible::deleteAccessibleInterface(id);
    m_cells.clear();
}

int UniformTableAccessible::rowCount() const
{
    const QAbstractItemModel *model = view()->model();
    return model ? model->rowCount(view()->rootIndex()) : 0;
}

int UniformTableAccessible::columnCount() const
{
    const QAbstractItemModel *model = view()->model();
    return model ? model->columnCount(view()->rootIndex()) : 0;
}

int UniformTableAccessible::childCount() const
{
    return int(std::min<qint64>(qint64(rowCount()) * columnCount(), INT_MAX));
}

QAccessibleInterface *UniformTableAccessible::cellAt(int row, int column) const
{
    const QAbstractItemModel *model = view()->model();
    if (!model || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return nullptr;
    const qint64 key = qint64(row) * columnCount() + column;
    if (const auto it = m_cells.constFind(key); it != m_cells.cend())
        return QAccessible::accessibleInterface(*it);
    if (m_cells.size() >= CellCacheLimit)
        dropCells();
    auto *cell = new UniformTableCell(view(), model->index(row, column, view()->rootIndex()));
    m_cells.insert(key, QAccessible::registerAccessibleInterface(cell));
    return cell;
}

QAccessibleInterface *UniformTableAccessible::child(int index) const
{
    const int columns = columnCount();
    return columns > 0 && index >= 0 ? cellAt(index / columns, index % columns) : nullptr;
}

int UniformTableAccessible::indexOfChild(const QAccessibleInterface *child) const
{
    if (!child || child->role() != QAccessible::Cell)
        return -1;
    auto *cell = const_cast<QAccessibleInterface *>(child)->tableCellInterface();
    if (!cell || cell->table() != this)
        return -1;
    const qint64 index = qint64(cell->rowIndex()) * columnCount() + cell->columnIndex();
    return index <= INT_MAX ? int(index) : -1;
}

QAccessibleInterface *UniformTableAccessible::childAt(int x, int y) const
{
    const QPoint local = view()->viewport()->mapFromGlobal(QPoint(x, y));
    const QModelIndex index = view()->indexAt(local);
    return index.isValid() ? cellAt(index.row(), index.column()) : nullptr;
}

QAccessibleInterface *UniformTableAccessible::focusChild() const
{
    const QModelIndex current = view()->currentIndex();
    return current.isValid() ? cellAt(current.row(), current.column()) : nullptr;
}

void *UniformTableAccessible::interface_cast(QAccessible::InterfaceType type)
{
    if (type == QAccessible::TableInterface)
        return static_cast<QAccessibleTableInterface *>(this);
    return QAccessibleWidget::interface_cast(type);
}

QString UniformTableAccessible::columnDescription(int column) const
{
    const QAbstractItemModel *model = view()->model();
    return model ? model->headerData(column, Qt::Horizontal).toString() : QString();
}

int UniformTableAccessible::selectedRowCount() const
{
    return int(std::min<qint64>(view()->selectedRowCount(), INT_MAX));
}

QList<int> UniformTableAccessible::selectedRows() const
{
    QList<int> rows;
    for (const auto &span : view()->selectedRowSpans()) {
        for (int row = span.first; row <= span.second && rows.size() < SelectionListLimit; ++row)
            rows << row;
    }
    return rows;
}

int UniformTableAccessible::selectedCellCount() const
{
    return int(std::min<qint64>(qint64(selectedRowCount()) * columnCount(), INT_MAX));
}

QList<QAccessibleInterface *> UniformTableAccessible::selectedCells() const
{
    QList<QAccessibleInterface *> cells;
    const int columns = columnCount();
    for (const int row : selectedRows()) {
        for (int column = 0; column < columns && cells.size() < SelectionListLimit; ++column) {
            if (QAccessibleInterface *cell = cellAt(row, column))
                cells << cell;
        }
    }
    return cells;
}

bool UniformTableAccessible::isRowSelected(int row) const
{
    const QItemSelectionModel *selection = view()->selectionModel();
    return selection && selection->isRowSelected(row, view()->rootIndex());
}

bool UniformTableAccessible::selectRow(int row)
{
    QItemSelectionModel *selection = view()->selectionModel();
    if (!selection || row < 0 || row >= rowCount())
        return false;
    const QModelIndex index = view()->model()->index(row, 0, view()->rootIndex());
    const auto mode = view()->selectionMode();
    if (mode == QAbstractItemView::NoSelection)
        return false;
    const auto command = mode == QAbstractItemView::SingleSelection
        ? QItemSelectionModel::ClearAndSelect
        : QItemSelectionModel::Select;
    selection->select(index, command | QItemSelectionModel::Rows);
    return true;
}

bool UniformTableAccessible::unselectRow(int row)
{
    QItemSelectionModel *selection = view()->selectionModel();
    if (!selection || row < 0 || row >= rowCount())
        return false;
    selection->select(view()->model()->index(row, 0, view()->rootIndex()),
                      QItemSelectionModel::Deselect | QItemSelectionModel::Rows);
    return true;
}

void UniformTableAccessible::modelChange(QAccessibleTableModelChangeEvent *)
{
    // Rows added, removed or reset: a cached cell's row may now be another form's.
    dropCells();
}

} // namespace compose
