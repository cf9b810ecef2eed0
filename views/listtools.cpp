#include "listtools.h"

#include "csvwriter.h"
#include "dataservice.h"
#include "filterbar.h"
#include "formlistmodel.h"
#include "formlistview.h"
#include "funnelwidget.h"
#include "mainwindow.h"

#include <QAction>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>

#include <algorithm>
#include <climits>

namespace compose {

namespace {
const QString Group = QStringLiteral("savedViews");
}

ListTools::ListTools(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    setObjectName(QStringLiteral("listTools"));
    QMenu *file = window->menuBar()->actions().constFirst()->menu();
    QAction *before = nullptr;
    for (QAction *a : file->actions()) {
        if (a->objectName() == QLatin1String("exportFunnelAction")) {
            const int i = int(file->actions().indexOf(a));
            before = file->actions().value(i + 1);
        }
    }
    auto *exportList = new QAction(tr("E&xport list as CSV…"), file);
    exportList->setObjectName(QStringLiteral("exportListAction"));
    exportList->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    exportList->setWhatsThis(
        tr("Export the list as CSV (the selected rows when several are selected)"));
    file->insertAction(before, exportList);
    connect(exportList, &QAction::triggered, this, &ListTools::askAndExport);

    // View menu: saved views and the columns.
    QMenu *view = nullptr;
    for (QAction *a : window->menuBar()->actions()) {
        if (a->menu()
            && a->menu()->actions().contains(
                window->findChild<QAction *>(QStringLiteral("findAction"))))
            view = a->menu();
    }
    if (!view)
        view = file;
    view->addSeparator();
    QAction *save = view->addAction(tr("&Save view as…"), this, &ListTools::askAndSave);
    save->setObjectName(QStringLiteral("saveViewAction"));
    save->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    save->setWhatsThis(tr("Save the filters, status, sort and search as a named view"));
    m_views = view->addMenu(tr("Saved &views"));
    m_views->setObjectName(QStringLiteral("savedViewsMenu"));
    m_columns = view->addMenu(tr("List &columns"));
    m_columns->setObjectName(QStringLiteral("columnsMenu"));
    connect(m_columns, &QMenu::aboutToShow, this, &ListTools::rebuildColumnMenu);
    rebuildViewsMenu();
    rebuildColumnMenu();

    // The header's own context menu is the column chooser too.
    QHeaderView *header = window->listView()->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QWidget::customContextMenuRequested, this, [this, header](const QPoint &p) {
        rebuildColumnMenu();
        m_columns->exec(header->mapToGlobal(p));
    });

    if (DataService *data = window->dataService()) {
        connect(data, &DataService::formsCsvReady, this,
                [this](quint64 id, const QByteArray &csv, int rows) {
                    if (id != m_request)
                        return;
                    m_request = 0;
                    auto *watcher = new QFutureWatcher<QString>(this);
                    const QString path = m_path;
                    connect(watcher, &QFutureWatcher<QString>::finished, this,
                            [this, watcher, path, rows] {
                                watcher->deleteLater();
                                const QString error = watcher->result();
                                if (error.isEmpty())
                                    emit exported(path, rows);
                                else
                                    emit exportFailed(error);
                            });
                    watcher->setFuture(CsvWriter::saveFile(path, csv));
                });
        connect(data, &DataService::requestFailed, this, [this](quint64 id, const QString &m) {
            if (id == m_request) {
                m_request = 0;
                emit exportFailed(m);
            }
        });
    }
    connect(this, &ListTools::exported, window, [window](const QString &path, int rows) {
        window->statusBar()->showMessage(tr("Exported %n form(s) to %1.", nullptr, rows).arg(path),
                                         10000);
    });
    connect(this, &ListTools::exportFailed, window, [window](const QString &m) {
        window->statusBar()->showMessage(tr("The export failed: %1").arg(m), 15000);
    });
}

QStringList ListTools::selectedIds() const
{
    return m_window->listView()->selectedFormIds();
}

void ListTools::exportTo(const QString &path)
{
    DataService *data = m_window->dataService();
    if (!data || !data->isOpen()) {
        emit exportFailed(tr("Not connected to a database."));
        return;
    }
    const FormListView *list = m_window->listView();
    const qint64 selected = list->selectedRowCount();
    // Every form selected (Ctrl+A) is the list; a part of it larger than a bulk action takes
    // cannot be listed by id (its rows are not all in memory): said, not exported partly.
    if (selected > FormListView::SelectionLimit && !list->isWholeListSelected()) {
        emit exportFailed(tr("%n forms are selected: export at most %1 selected forms, or "
                             "select one to export the whole list.",
                             nullptr, int(std::min<qint64>(selected, INT_MAX)))
                              .arg(FormListView::SelectionLimit));
        return;
    }
    const QStringList ids
        = selected > 1 && !list->isWholeListSelected() ? selectedIds() : QStringList();
    m_path = path;
    m_request = data->requestFormsCsv(m_window->listModel()->query(), ids);
}

void ListTools::askAndExport()
{
    const FormListView *list = m_window->listView();
    const qint64 selected = list->isWholeListSelected() ? 0 : list->selectedRowCount();
    const QString title = selected > 1
        ? tr("Export %n selected form(s)", nullptr, int(std::min<qint64>(selected, INT_MAX)))
        : tr("Export the list");
    const QString path = QFileDialog::getSaveFileName(m_window, title, QStringLiteral("forms.csv"),
                                                      tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportTo(path);
}

ListTools::View ListTools::current() const
{
    View v;
    const FilterBar *f = m_window->filterBar();
    v.range = int(f->range());
    if (f->range() == FilterBar::Custom) {
        v.from = f->from().toString(Qt::ISODate);
        v.to = f->to().toString(Qt::ISODate);
    }
    v.package = f->package();
    v.statusRow = m_window->funnelWidget()->selectedRow();
    v.search = f->search();
    const QHeaderView *h = m_window->listView()->horizontalHeader();
    v.sortColumn = h->sortIndicatorSection();
    v.sortOrder = int(h->sortIndicatorOrder());
    return v;
}

void ListTools::apply(const View &v)
{
    FilterBar *f = m_window->filterBar();
    if (v.range == int(FilterBar::Custom))
        f->setCustomRange(QDate::fromString(v.from, Qt::ISODate),
                          QDate::fromString(v.to, Qt::ISODate));
    else
        f->setRange(FilterBar::Range(qBound(0, v.range, int(FilterBar::AllTime))));
    f->setPackage(v.package);
    m_window->funnelWidget()->setSelectedRow(v.statusRow);
    if (v.sortColumn >= 0 && FormListModel::isSortable(v.sortColumn))
        m_window->listView()->horizontalHeader()->setSortIndicator(v.sortColumn,
                                                                   Qt::SortOrder(v.sortOrder));
    f->setSearchText(v.search);
}

void ListTools::saveView(const QString &name)
{
    const QString key = name.trimmed();
    if (key.isEmpty())
        return;
    const View v = current();
    QSettings s;
    s.beginGroup(Group);
    s.beginGroup(QString::fromLatin1(key.toUtf8().toBase64(QByteArray::Base64UrlEncoding)));
    s.setValue(QStringLiteral("name"), key);
    s.setValue(QStringLiteral("range"), v.range);
    s.setValue(QStringLiteral("from"), v.from);
    s.setValue(QStringLiteral("to"), v.to);
    s.setValue(QStringLiteral("package"), v.package);
    s.setValue(QStringLiteral("statusRow"), v.statusRow);
    s.setValue(QStringLiteral("search"), v.search);
    s.setValue(QStringLiteral("sortColumn"), v.sortColumn);
    s.setValue(QStringLiteral("sortOrder"), v.sortOrder);
    s.endGroup();
    s.endGroup();
    rebuildViewsMenu();
}

bool ListTools::openView(const QString &name)
{
    QSettings s;
    s.beginGroup(Group);
    const QString group
        = QString::fromLatin1(name.trimmed().toUtf8().toBase64(QByteArray::Base64UrlEncoding));
    if (!s.childGroups().contains(group))
        return false;
    s.beginGroup(group);
    View v;
    v.range = s.value(QStringLiteral("range"), v.range).toInt();
    v.from = s.value(QStringLiteral("from")).toString();
    v.to = s.value(QStringLiteral("to")).toString();
    v.package = s.value(QStringLiteral("package")).toString();
    v.statusRow = s.value(QStringLiteral("statusRow"), -1).toInt();
    v.search = s.value(QStringLiteral("search")).toString();
    v.sortColumn = s.value(QStringLiteral("sortColumn"), -1).toInt();
    v.sortOrder = s.value(QStringLiteral("sortOrder"), 1).toInt();
    apply(v);
    return true;
}

void ListTools::removeView(const QString &name)
{
    QSettings s;
    s.beginGroup(Group);
    s.remove(QString::fromLatin1(name.trimmed().toUtf8().toBase64(QByteArray::Base64UrlEncoding)));
    s.endGroup();
    rebuildViewsMenu();
}

QStringList ListTools::viewNames()
{
    QSettings s;
    s.beginGroup(Group);
    QStringList names;
    for (const QString &g : s.childGroups())
        names << s.value(g + QStringLiteral("/name")).toString();
    names.sort(Qt::CaseInsensitive);
    return names;
}

void ListTools::askAndSave()
{
    bool ok = false;
    const QString name = QInputDialog::getText(m_window, tr("Save view"),
                                               tr("Name of this view (filters, status, sort and "
                                                  "search):"),
                                               QLineEdit::Normal, QString(), &ok);
    if (ok && !name.trimmed().isEmpty())
        saveView(name);
}

void ListTools::rebuildViewsMenu()
{
    m_views->clear();
    const QStringList names = viewNames();
    for (const QString &name : names) {
        QAction *a = m_views->addAction(name, this, [this, name] { openView(name); });
        a->setObjectName(QStringLiteral("savedView"));
    }
    if (names.isEmpty())
        m_views->addAction(tr("No saved views yet"))->setEnabled(false);
}

void ListTools::rebuildColumnMenu()
{
    m_columns->clear();
    QHeaderView *header = m_window->listView()->horizontalHeader();
    const QAbstractItemModel *model = m_window->listModel();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        QAction *a = m_columns->addAction(
            model->headerData(logical, Qt::Horizontal, Qt::DisplayRole).toString());
        a->setCheckable(true);
        a->setChecked(!header->isSectionHidden(logical));
        a->setObjectName(QStringLiteral("column%1").arg(logical));
        connect(a, &QAction::toggled, header, [header, logical](bool on) {
            // The id column stays: without it no row can be told from another.
            if (logical != FormListModel::IdColumn)
                header->setSectionHidden(logical, !on);
        });
    }
}

} // namespace compose
