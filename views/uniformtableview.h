#pragma once

#include <QAbstractItemView>
#include <QElapsedTimer>

class QHeaderView;

namespace compose {

// A table whose rows all have one height, for a model of any length. Where a row is, which row
// is under a point and the scroll range are arithmetic on the row number, so nothing is kept or
// counted per row. QTableView keeps a vertical QHeaderView with one 8-byte section per row (80 MB
// at ten million rows, twice that while the count grows) and, after the count changes, recounts
// the position of every row in one pass the first time anything asks where a row is: 16-18 ms of
// the UI thread at ten million rows, which no splitting into turns can shorten (issue 14: no
// stretch of the UI thread over 16 ms). The columns keep a real horizontal QHeaderView (moving,
// resizing, the sort indicator, saveState()/restoreState()).
//
// Scrolling is by whole rows (the scroll bar's value is the top row, as in QTableView's default
// ScrollPerItem), sideways by pixels. What is painted, hit-tested, sized or selected is asked of
// the model for the rows on screen only.
class UniformTableView : public QAbstractItemView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UniformTableView)
public:
    explicit UniformTableView(QWidget *parent = nullptr);
    ~UniformTableView() override;

    void setModel(QAbstractItemModel *model) override;
    void setSelectionModel(QItemSelectionModel *selectionModel) override;

    QHeaderView *horizontalHeader() const { return m_header; }
    // Follows the font (its line height plus padding) until set.
    int rowHeight() const { return m_rowHeight; }
    void setRowHeight(int height);
    int columnWidth(int column) const;
    void setColumnWidth(int column, int width);
    void resizeColumnToContents(int column);
    bool showGrid() const { return m_showGrid; }
    void setShowGrid(bool show);

    // The row at a viewport y, or -1 above the first and below the last row.
    int rowAt(int y) const;
    int columnAt(int x) const;
    int rowViewportPosition(int row) const;
    int columnViewportPosition(int column) const;
    // The selected rows as sorted, merged [first, last] spans (ranges that overlap or come once
    // per column count each row once), and how many rows that is: a Ctrl+A or a Shift+click over
    // ten million rows is one range, counted without visiting its rows.
    QList<std::pair<int, int>> selectedRowSpans() const;
    qint64 selectedRowCount() const;
    // Rows that fit whole in the viewport (at least one): a page for Page Up / Page Down.
    int rowsPerPage() const;

    QRect visualRect(const QModelIndex &index) const override;
    void scrollTo(const QModelIndex &index, ScrollHint hint = EnsureVisible) override;
    QModelIndex indexAt(const QPoint &point) const override;
    int sizeHintForRow(int row) const override;
    int sizeHintForColumn(int column) const override;
    void keyboardSearch(const QString &search) override;
    void reset() override;

protected slots:
    void rowsInserted(const QModelIndex &parent, int start, int end) override;

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    int horizontalOffset() const override;
    int verticalOffset() const override;
    bool isIndexHidden(const QModelIndex &index) const override;
    void setSelection(const QRect &rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection &selection) const override;
    void initViewItemOption(QStyleOptionViewItem *option) const override;
    void paintEvent(QPaintEvent *event) override;
    void updateGeometries() override;
    void scrollContentsBy(int dx, int dy) override;
    bool viewportEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    QSize viewportSizeHint() const override;

private:
    int rowCount() const;
    qint64 pixelTop() const; // the first pixel row on screen, counted over all rows
    int topRow() const; // the first row on screen, maybe cut
    // The row under a viewport y, kept within the rows (a drag above or below the viewport).
    int clampedRowAt(int y) const;
    int firstVisualColumn() const;
    int lastVisualColumn() const;
    int nextVisualColumn(int visual, int step) const; // -1 when there is none that way
    void rowsChanged(const QModelIndex &parent, int first, int last);
    void setHoverRow(int row);

    QHeaderView *m_header = nullptr;
    int m_rowHeight = 0;
    bool m_rowHeightSet = false;
    bool m_showGrid = true;
    int m_hoverRow = -1;
    qint64 m_paintedTop = 0; // pixelTop() of what the viewport shows
    QString m_typeAhead; // keyboardSearch()
    QElapsedTimer m_typed;
};

} // namespace compose
