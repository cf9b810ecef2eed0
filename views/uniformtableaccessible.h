#pragma once

#include <QAccessibleWidget>
#include <QHash>
#include <QPersistentModelIndex>
#include <QPointer>

namespace compose {

class UniformTableView;

// What a screen reader sees of a UniformTableView: a table of rows and cells, as Qt gives a
// QTableView (Qt's own accessible table answers only for its own view classes; any other
// QAbstractItemView is a plain "client" area, so the form list would be mute). Rows and columns
// come from the model; a cell is made when asked for and kept in a small cache, which is dropped
// whenever the model changes shape (rows moved under a cell's id would be another form).
class UniformTableAccessible final : public QAccessibleWidget, public QAccessibleTableInterface {
public:
    explicit UniformTableAccessible(UniformTableView *view);
    ~UniformTableAccessible() override;

    // Makes every UniformTableView answer with this; once per process.
    static void install();

    QAccessible::Role role() const override { return QAccessible::Table; }
    int childCount() const override;
    QAccessibleInterface *child(int index) const override;
    int indexOfChild(const QAccessibleInterface *child) const override;
    QAccessibleInterface *childAt(int x, int y) const override;
    QAccessibleInterface *focusChild() const override;
    void *interface_cast(QAccessible::InterfaceType type) override;

    QAccessibleInterface *caption() const override { return nullptr; }
    QAccessibleInterface *summary() const override { return nullptr; }
    QAccessibleInterface *cellAt(int row, int column) const override;
    int selectedCellCount() const override;
    QList<QAccessibleInterface *> selectedCells() const override;
    QString columnDescription(int column) const override;
    QString rowDescription(int) const override { return {}; }
    int columnCount() const override;
    int rowCount() const override;
    int selectedColumnCount() const override { return 0; }
    int selectedRowCount() const override;
    QList<int> selectedColumns() const override { return {}; }
    QList<int> selectedRows() const override;
    bool isColumnSelected(int) const override { return false; }
    bool isRowSelected(int row) const override;
    bool selectRow(int row) override;
    bool selectColumn(int) override { return false; }
    bool unselectRow(int row) override;
    bool unselectColumn(int) override { return false; }
    void modelChange(QAccessibleTableModelChangeEvent *event) override;

private:
    UniformTableView *view() const;
    void dropCells() const;

    mutable QHash<qint64, QAccessible::Id> m_cells; // row * columns + column -> registered cell
};

} // namespace compose
