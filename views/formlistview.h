#pragma once

#include "formlistmodel.h"
#include "uniformtableview.h"

#include <QPointer>

namespace compose {

// The form list: its columns (widths and the order an agent reads them in), the header whose
// clicks sort in the database, the selection an agent sees highlighted and keeping it across a
// reload, Enter to go on to the detail, and the row's context menu request. A UniformTableView,
// not a QTableView: nothing is kept or counted per row, at ten million rows too (issue 14).
class FormListView final : public UniformTableView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FormListView)
public:
    explicit FormListView(FormListModel *model, QWidget *parent = nullptr);

    // Forms a bulk action (export of the selection, bulk retry) takes at once.
    static constexpr int SelectionLimit = 1000;

    FormListModel *formModel() const { return m_model; }
    // The form selected (highlighted), or empty: what the detail shows and actions act on.
    QString selectedFormId() const;
    // Every row selected (counted from the selection's ranges: selectedRowCount()).
    bool isWholeListSelected() const;
    // The selected forms' ids in list order, at most SelectionLimit; empty when more are selected.
    QStringList selectedFormIds() const;
    // Between a new query's reset and its first page: which form is selected is not known yet.
    bool isReloading() const { return m_reloading; }

    // What to select again once the next query's first page arrives: remember() keeps the
    // selection unless something is remembered already; keepAcrossReload() says which form and
    // where the list was scrolled (a refresh keeps both).
    void remember();
    void keepAcrossReload(const QString &formId, int scroll);
    // The next first page for this search selects that form, or the first match.
    void pickOnFirstPage(const QString &search);

    // The search box's Enter: selects the form searched for (or the first match) now, or when
    // the first page of this search arrives, and puts the focus in the list.
    void openFirstMatch(const QString &search);
    // The search box's Down: the focus goes to the list, on its first row if none is selected.
    void enterFromSearch();

    // Enter in the list moves the focus here while it is visible.
    void setEnterTarget(QWidget *target) { m_enterTarget = target; }
    // Right-click selects the row and asks for its menu (contextMenuRequested).
    void setContextMenuEnabled(bool enabled);

    QByteArray saveHeaderState() const;
    void restoreHeaderState(const QByteArray &state);

signals:
    // The selection or the list's contents changed; formId is the selected form, or empty.
    void currentFormChanged(const QString &formId);
    // A reset or its first page changed isReloading().
    void reloadingChanged(bool reloading);
    void contextMenuRequested(const QString &formId, const QPoint &globalPos);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    QItemSelectionModel::SelectionFlags selectionCommand(const QModelIndex &index,
                                                         const QEvent *event) const override;

private:
    void setupColumns();
    void onSortIndicatorChanged(int column, Qt::SortOrder order);
    void settleAfterReload();
    void followEnd(); // see m_endPendingRow
    void onContextMenu(const QPoint &pos);
    void emitCurrent();
    void pinSelection();

    FormListModel *m_model = nullptr;
    QPointer<QWidget> m_enterTarget;
    int m_sortColumn = FormListModel::UpdatedColumn; // the model's default sort
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    QString m_restoreId; // the selection to put back after a reload
    int m_restoreScroll = -1;
    QString m_pick; // pickOnFirstPage()
    bool m_reloading = false;
    // Ctrl+End pressed while the list was still counting: the row it went to (the last one
    // loaded then), so the count's arrival can take the selection on to the real last form.
    int m_endPendingRow = -1;
};

} // namespace compose
