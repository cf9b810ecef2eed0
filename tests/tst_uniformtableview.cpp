#include "uniformtableview.h"

#include <QAbstractTableModel>
#include <QAccessible>
#include <QApplication>
#include <QHeaderView>
#include <QScrollBar>
#include <QSet>
#include <QTest>

using namespace compose;

namespace {

// Ten million rows that cost nothing to hold; it notes which rows the view asks about, which is
// what a view that keeps only pages near the screen (FormListModel) must never see go wide.
class CountingModel final : public QAbstractTableModel {
public:
    explicit CountingModel(int rows)
        : m_rows(rows)
    {
    }
    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : m_rows;
    }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : 4;
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        m_asked.insert(index.row());
        if (role != Qt::DisplayRole)
            return {};
        // Column 1 begins with a letter that changes every row: something to type-ahead for.
        if (index.column() == 1)
            return QString(QChar(u'a' + index.row() % 26) + QString::number(index.row()));
        return QStringLiteral("r%1c%2").arg(index.row()).arg(index.column());
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
            return QStringLiteral("Column %1").arg(section);
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    void forget() { m_asked.clear(); }
    int lowest() const
    {
        return m_asked.isEmpty() ? -1 : *std::min_element(m_asked.begin(), m_asked.end());
    }
    int highest() const
    {
        return m_asked.isEmpty() ? -1 : *std::max_element(m_asked.begin(), m_asked.end());
    }
    qsizetype askedRows() const { return m_asked.size(); }

private:
    int m_rows;
    mutable QSet<int> m_asked;
};

} // namespace

// UniformTableView (the form list's view, issue 14): at ten million rows, everything it does asks
// the model about the rows on screen only, and keys, the mouse and the scroll bar land on the
// right rows.
class tst_UniformTableView : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void asksOnlyRowsOnScreen();
    void lastRowSitsOnTheBottomEdge();
    void keysMoveByRowsAndPages();
    void mouseSelectsRows();
    void movedColumnsAreHitWhereShown();
    void isATableToAssistiveTechnology();

private:
    // The rows the view asked about since the last forget() lie within [first, last].
    void expectAskedWithin(int first, int last);

    CountingModel *m_model = nullptr;
    UniformTableView *m_view = nullptr;
};

static constexpr int Rows = 10'000'000;

void tst_UniformTableView::init()
{
    m_model = new CountingModel(Rows);
    m_view = new UniformTableView;
    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->resize(640, 400);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view));
    QCoreApplication::processEvents();
}

void tst_UniformTableView::cleanup()
{
    delete m_view;
    delete m_model;
}

void tst_UniformTableView::expectAskedWithin(int first, int last)
{
    QVERIFY2(m_model->askedRows() > 0, "nothing was asked: nothing was painted");
    QVERIFY2(m_model->lowest() >= first && m_model->highest() <= last,
             qPrintable(QStringLiteral("asked rows %1-%2 (%3 rows), expected within %4-%5")
                            .arg(m_model->lowest())
                            .arg(m_model->highest())
                            .arg(m_model->askedRows())
                            .arg(first)
                            .arg(last)));
}

void tst_UniformTableView::asksOnlyRowsOnScreen()
{
    const int page = m_view->rowsPerPage();
    QVERIFY(page > 5 && page < 40);
    QCOMPARE(m_view->verticalScrollBar()->maximum() + m_view->verticalScrollBar()->pageStep(),
             Rows);

    // The scroll bar dragged to the middle.
    m_model->forget();
    m_view->verticalScrollBar()->setValue(Rows / 2);
    m_view->viewport()->repaint();
    QCOMPARE(m_view->indexAt(QPoint(5, 2)).row(), Rows / 2);
    expectAskedWithin(Rows / 2, Rows / 2 + page + 1);

    // Resizing a column to its contents (a double click on its edge) measures what is on screen.
    m_model->forget();
    m_view->resizeColumnToContents(1);
    expectAskedWithin(Rows / 2, Rows / 2 + page + 1);

    // Select every row: one range, and painting it asks about the rows on screen only.
    m_model->forget();
    m_view->selectAll();
    QCOMPARE(m_view->selectionModel()->selection().size(), 1);
    QCOMPARE(m_view->selectedRowCount(), Rows); // from the one range, not row by row
    m_view->viewport()->repaint();
    expectAskedWithin(Rows / 2, Rows / 2 + page + 1);
    QVERIFY(m_view->selectionModel()->isSelected(m_model->index(Rows / 2 + 1, 2)));

    // Typing looks among the rows on screen, not through ten million from the current one.
    m_view->clearSelection();
    m_view->setCurrentIndex(m_model->index(Rows / 2, 1));
    m_model->forget();
    const int wanted = Rows / 2 + 3; // its text starts with the letter typed
    QTest::keyClicks(m_view, QString(QChar(u'a' + wanted % 26)));
    QCOMPARE(m_view->currentIndex().row(), wanted);
    expectAskedWithin(Rows / 2, Rows / 2 + page + 1);
    // A letter no row on screen starts with: nothing moves.
    QTest::qWait(QApplication::keyboardInputInterval() + 50);
    m_model->forget();
    QTest::keyClicks(m_view, QStringLiteral("!"));
    QCOMPARE(m_view->currentIndex().row(), wanted);
    expectAskedWithin(Rows / 2, Rows / 2 + page + 1);
}

void tst_UniformTableView::lastRowSitsOnTheBottomEdge()
{
    // As QTableView: at the end of the range the last row is whole, on the bottom edge.
    QScrollBar *bar = m_view->verticalScrollBar();
    bar->setValue(bar->maximum());
    const QModelIndex last = m_model->index(Rows - 1, 0);
    const int grid = m_view->showGrid() ? 1 : 0;
    QCOMPARE(m_view->visualRect(last).bottom() + grid, m_view->viewport()->height() - 1);
    QCOMPARE(m_view->indexAt(QPoint(5, m_view->viewport()->height() - 2)), last);
    // A row above the screen is not there, nor below the last row.
    QCOMPARE(m_view->rowAt(-1), -1);
    bar->setValue(0);
    QCOMPARE(m_view->visualRect(m_model->index(0, 0)).top(), 0);
}

void tst_UniformTableView::keysMoveByRowsAndPages()
{
    m_view->setFocus();
    m_view->setCurrentIndex(m_model->index(0, 1));
    const int page = m_view->rowsPerPage();
    QTest::keyClick(m_view, Qt::Key_Down);
    QCOMPARE(m_view->currentIndex().row(), 1);
    QTest::keyClick(m_view, Qt::Key_PageDown);
    QCOMPARE(m_view->currentIndex().row(), 1 + page);
    QCOMPARE(m_view->currentIndex().column(), 1);

    m_model->forget();
    QTest::keyClick(m_view, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(m_view->currentIndex().row(), Rows - 1);
    QCOMPARE(m_view->currentIndex().column(), 1); // whole rows are selected: the column stays
    m_view->viewport()->repaint();
    QVERIFY(m_view->viewport()->rect().contains(m_view->visualRect(m_view->currentIndex())));
    expectAskedWithin(Rows - page - 2, Rows - 1);

    QTest::keyClick(m_view, Qt::Key_PageUp);
    QCOMPARE(m_view->currentIndex().row(), Rows - 1 - page);
    QVERIFY(m_view->viewport()->rect().contains(m_view->visualRect(m_view->currentIndex())));
    QTest::keyClick(m_view, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(m_view->currentIndex().row(), 0);
    QCOMPARE(m_view->verticalScrollBar()->value(), 0);
    QTest::keyClick(m_view, Qt::Key_Up); // at the first row: stays
    QCOMPARE(m_view->currentIndex().row(), 0);
    // Home / End without Ctrl: the row's first / last cell.
    QTest::keyClick(m_view, Qt::Key_End);
    QCOMPARE(m_view->currentIndex(), m_model->index(0, 3));
    QTest::keyClick(m_view, Qt::Key_Left);
    QCOMPARE(m_view->currentIndex(), m_model->index(0, 2));
}

void tst_UniformTableView::mouseSelectsRows()
{
    const int h = m_view->rowHeight();
    m_view->verticalScrollBar()->setValue(4'000'000);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, QPoint(20, 3 * h + h / 2));
    QCOMPARE(m_view->currentIndex().row(), 4'000'003);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, Qt::ShiftModifier,
                      QPoint(20, 6 * h + h / 2));
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    QCOMPARE(rows.size(), 4);
    QCOMPARE(rows.first().row(), 4'000'003);
    QCOMPARE(rows.last().row(), 4'000'006);
    // A click under the last row selects nothing new and does not crash.
    m_view->verticalScrollBar()->setValue(m_view->verticalScrollBar()->maximum());
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {},
                      QPoint(20, m_view->viewport()->height() - 2));
    QCOMPARE(m_view->currentIndex().row(), Rows - 1);
}

void tst_UniformTableView::movedColumnsAreHitWhereShown()
{
    QHeaderView *header = m_view->horizontalHeader();
    for (int c = 0; c < 4; ++c)
        m_view->setColumnWidth(c, 100);
    header->moveSection(3, 0); // column 3 shown first
    QCOMPARE(m_view->indexAt(QPoint(50, 5)).column(), 3);
    QCOMPARE(m_view->indexAt(QPoint(150, 5)).column(), 0);
    QCOMPARE(m_view->visualRect(m_model->index(0, 3)).left(), 0);
    // Wider than the viewport: scrolling sideways moves the header with the cells.
    m_view->setColumnWidth(2, 900);
    QVERIFY(m_view->horizontalScrollBar()->maximum() > 0);
    m_view->horizontalScrollBar()->setValue(200);
    QCOMPARE(header->offset(), 200);
    QCOMPARE(m_view->indexAt(QPoint(5, 5)).column(), 1); // 200-299: column 1, the third shown
    QCOMPARE(m_view->visualRect(m_model->index(0, 1)).left(), 0);
    // Keyboard to a column off screen scrolls it into view.
    m_view->setCurrentIndex(m_model->index(0, 2));
    QVERIFY(m_view->visualRect(m_model->index(0, 2)).intersects(m_view->viewport()->rect()));
}

void tst_UniformTableView::isATableToAssistiveTechnology()
{
    // Qt's accessibility answers for any QAbstractItemView that is not a tree or a list with a
    // table interface: a screen reader reads rows and cells, and the current cell.
    QAccessibleInterface *table = QAccessible::queryAccessibleInterface(m_view);
    QVERIFY(table);
    QCOMPARE(table->role(), QAccessible::Table);
    QAccessibleTableInterface *cells = table->tableInterface();
    QVERIFY(cells);
    QCOMPARE(cells->rowCount(), Rows);
    QCOMPARE(cells->columnCount(), 4);
    m_view->verticalScrollBar()->setValue(7'000'000);
    QAccessibleInterface *cell = cells->cellAt(7'000'001, 2);
    QVERIFY(cell);
    QCOMPARE(cell->text(QAccessible::Name), QStringLiteral("r7000001c2"));
    QVERIFY(m_view->viewport()->rect().contains(
        m_view->viewport()->mapFromGlobal(cell->rect().center())));
}

QTEST_MAIN(tst_UniformTableView)
#include "tst_uniformtableview.moc"
