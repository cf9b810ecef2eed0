#include "mainwindow.h"

#include "actionbar.h"
#include "playbuttondelegate.h"
#include "playerbar.h"
#include "previewplayer.h"
#include "audittrailmodel.h"
#include "audittrailview.h"
#include "staffactions.h"

#include "csvwriter.h"
#include "filterbar.h"
#include "formdetailmodel.h"
#include "formdetailview.h"
#include "formlistmodel.h"
#include "funnelmodel.h"
#include "funnelwidget.h"
#include "plaintext.h"
#include "stateitemdelegate.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QFrame>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace compose {

namespace {

const QString SettingsGroup = QStringLiteral("mainWindow");

QString fraction(const QVariant &v)
{
    return v.isValid() && !v.isNull() ? QString::number(v.toDouble(), 'f', 4) : QString();
}

} // namespace

MainWindow::MainWindow(DataService *data, QWidget *parent) : QMainWindow(parent), m_data(data)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Compose Desk"));
    m_funnelModel = new FunnelModel(data, this);
    m_listModel = new FormListModel(data, this);
    m_detailModel = new FormDetailModel(data, this);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_centralLayout = layout;
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    // Banner: hidden unless the database is unreachable.
    m_banner = new QFrame(central);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setStyleSheet(QStringLiteral("#banner { background: #fff1c7; border-bottom: 1px solid #d9b44a; }"
                                           " #banner QLabel { color: #4a3500; }"));
    auto *bl = new QHBoxLayout(m_banner);
    bl->setContentsMargins(10, 6, 10, 6);
    m_bannerText = new QLabel(m_banner);
    m_bannerText->setObjectName(QStringLiteral("bannerText"));
    PlainText::prepare(m_bannerText);
    m_bannerText->setWordWrap(true);
    m_bannerRetry = new QPushButton(tr("Try again"), m_banner);
    m_bannerRetry->setObjectName(QStringLiteral("bannerRetry"));
    m_bannerConnect = new QPushButton(tr("Connect…"), m_banner);
    m_bannerConnect->setObjectName(QStringLiteral("bannerConnect"));
    bl->addWidget(m_bannerText, 1);
    bl->addWidget(m_bannerRetry);
    bl->addWidget(m_bannerConnect);
    m_banner->setVisible(false);
    layout->addWidget(m_banner);

    m_filters = new FilterBar(central);
    layout->addWidget(m_filters);

    m_vsplit = new QSplitter(Qt::Vertical, central);
    m_vsplit->setObjectName(QStringLiteral("verticalSplitter"));
    m_vsplit->setChildrenCollapsible(false);
    m_funnel = new FunnelWidget(m_funnelModel, m_vsplit);
    m_vsplit->addWidget(m_funnel);

    m_hsplit = new QSplitter(Qt::Horizontal, m_vsplit);
    m_hsplit->setObjectName(QStringLiteral("horizontalSplitter"));
    m_hsplit->setChildrenCollapsible(false);
    m_list = new QTableView(m_hsplit);
    m_list->setObjectName(QStringLiteral("formList"));
    m_list->setModel(m_listModel);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setAlternatingRowColors(true);
    m_list->setWordWrap(false);
    m_list->setTextElideMode(Qt::ElideRight);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_list->verticalHeader()->setVisible(false);
    m_list->verticalHeader()->setDefaultSectionSize(m_list->fontMetrics().height() + 6);
    auto *delegate = new StateItemDelegate(m_list);
    delegate->setInvalidRole(FormListModel::InvalidRole);
    m_list->setItemDelegate(delegate);
    QHeaderView *header = m_list->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setSectionsClickable(true);
    header->setSortIndicatorShown(true);
    header->setSortIndicator(FormListModel::UpdatedColumn, Qt::DescendingOrder);
    header->setStretchLastSection(true);
    const QFontMetrics fm = m_list->fontMetrics();
    const int dateWidth = fm.horizontalAdvance(QStringLiteral("2025-12-31 23:59")) + 16;
    const struct { int column; int width; } widths[] = {
        {FormListModel::IdColumn, fm.horizontalAdvance(QStringLiteral("form_0000000000")) + 12},
        {FormListModel::RecipientColumn, 130}, {FormListModel::SenderColumn, 110},
        {FormListModel::PackageColumn, fm.horizontalAdvance(QStringLiteral("Holiday hamper")) + 16},
        {FormListModel::StatusColumn, fm.horizontalAdvance(QStringLiteral("Variations generating")) + 12},
        {FormListModel::EmailColumn, 200}, {FormListModel::AmountColumn, fm.horizontalAdvance(QStringLiteral("$99.99")) + 16},
        {FormListModel::CreatedColumn, dateWidth}, {FormListModel::UpdatedColumn, dateWidth},
        {FormListModel::ExpiresColumn, dateWidth}};
    for (const auto &w : widths)
        m_list->setColumnWidth(w.column, w.width);
    // What an agent reads first comes first; the rest is a scroll away.
    const int order[] = {FormListModel::IdColumn, FormListModel::RecipientColumn, FormListModel::StatusColumn,
                         FormListModel::EmailColumn, FormListModel::UpdatedColumn, FormListModel::AmountColumn,
                         FormListModel::PackageColumn, FormListModel::SenderColumn, FormListModel::CreatedColumn,
                         FormListModel::ExpiresColumn};
    for (int visual = 0; visual < int(std::size(order)); ++visual)
        header->moveSection(header->visualIndex(order[visual]), visual);
    m_list->installEventFilter(this);
    m_hsplit->addWidget(m_list);

    m_detail = new FormDetailView(m_detailModel, m_hsplit);
    m_hsplit->addWidget(m_detail);
    m_hsplit->setStretchFactor(0, 5);
    m_hsplit->setStretchFactor(1, 6);
    m_vsplit->addWidget(m_hsplit);
    m_vsplit->setStretchFactor(0, 0);
    m_vsplit->setStretchFactor(1, 1);
    layout->addWidget(m_vsplit, 1);
    setCentralWidget(central);

    buildMenus();
    buildStatusBar();

    m_reloadCoalesce.setSingleShot(true);
    m_reloadCoalesce.setInterval(0);
    connect(&m_reloadCoalesce, &QTimer::timeout, this, &MainWindow::reloadAll);

    connect(m_filters, &FilterBar::cohortChanged, this, [this] {
        applyCohort();
        applyListQuery();
    });
    connect(m_filters, &FilterBar::searchChanged, this, &MainWindow::applyListQuery);
    connect(m_filters, &FilterBar::statusChipCleared, this, [this] { m_funnel->setSelectedRow(-1); });
    connect(m_funnel, &FunnelWidget::selectedRowChanged, this, &MainWindow::onStageSelected);
    // The header flips its indicator on a click; the database sorts. A column the database
    // cannot sort by gets its click undone.
    connect(header, &QHeaderView::sortIndicatorChanged, this, [this](int column, Qt::SortOrder order) {
        if (FormListModel::isSortable(column)) {
            m_sortColumn = column;
            m_sortOrder = order;
            m_listModel->sort(column, order);
            return;
        }
        QHeaderView *h = m_list->horizontalHeader();
        const QSignalBlocker block(h);
        h->setSortIndicator(m_sortColumn, m_sortOrder);
    });

    // The selection, not the current index, is what the agent sees highlighted: a mouse press
    // moves the current index before it selects, and Ctrl+click can deselect the current row.
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::followList);
    // A new query empties the list at once; until its first page says whether the form is still
    // in it, the detail stays readable but nothing may be done to it.
    connect(m_listModel, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        // A re-sort or a reload of the same list keeps the selected form if it is still there.
        if (m_restoreId.isEmpty()) {
            m_restoreId = selectedFormId();
            m_restoreScroll = -1;
        }
    });
    connect(m_listModel, &QAbstractItemModel::modelReset, this, [this] {
        m_listReloading = true;
        updateActionTarget();
    });
    connect(m_listModel, &QAbstractItemModel::rowsRemoved, this, &MainWindow::followList);
    connect(m_listModel, &FormListModel::loadFailed, this, [this] {
        m_listReloading = false;
        followList();
    });
    connect(m_detailModel, &FormDetailModel::stateChanged, this, &MainWindow::updateActionTarget);
    connect(m_listModel, &FormListModel::firstPageLoaded, this, &MainWindow::onFirstPageLoaded);
    connect(m_listModel, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateRowCount);
    connect(m_listModel, &QAbstractItemModel::modelReset, this, &MainWindow::updateRowCount);
    connect(m_listModel, &FormListModel::loadingChanged, this, &MainWindow::updateRowCount);
    connect(m_listModel, &FormListModel::loadFailed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Could not load the form list: %1").arg(message), 10000);
    });

    connect(m_bannerRetry, &QPushButton::clicked, this, [this] {
        if (m_data) {
            m_bannerText->setText(tr("Connecting to %1…").arg(m_data->settings().displayName()));
            m_data->open(m_data->settings());
        }
    });
    connect(m_bannerConnect, &QPushButton::clicked, this, &MainWindow::connectRequested);

    if (m_data) {
        connect(m_data, &DataService::opened, this, &MainWindow::onOpened);
        connect(m_data, &DataService::openFailed, this, [this](const QString &message) {
            setStale(m_listModel->rowCount() > 0);
            showBanner(tr("Could not open the database %1: %2").arg(m_data->settings().displayName(), message));
            updateStatusBar();
        });
        connect(m_data, &DataService::connectionLost, this, [this](const QString &message) {
            setStale(true);
            QString text = tr("Connection to the database lost (%1).").arg(message) + QLatin1Char(' ');
            text += m_lastFresh.isValid()
                    ? tr("Showing data from %1 — reconnecting…").arg(QLocale().toString(m_lastFresh.time(), QStringLiteral("HH:mm")))
                    : tr("Reconnecting…");
            showBanner(text);
            updateStatusBar();
        });
        connect(m_data, &DataService::connectionRestored, this, [this] {
            hideBanner();
            setStale(false);
            updateStatusBar();
            m_reloadCoalesce.start();
        });
        connect(m_data, &DataService::liveModeChanged, this, &MainWindow::updateStatusBar);
        connect(m_data, &DataService::formsChanged, this, &MainWindow::onFormsChanged);
    }

    restoreSettings();
    applyCohort();
    updateStatusBar();
    updateRowCount();
    if (m_data && m_data->isOpen())
        onOpened();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connectAction = file->addAction(tr("&Connect…"), this, &MainWindow::connectRequested);
    connectAction->setObjectName(QStringLiteral("connectAction"));
    connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    QAction *refresh = file->addAction(tr("&Refresh"), this, &MainWindow::reloadAll);
    refresh->setObjectName(QStringLiteral("refreshAction"));
    refresh->setShortcut(QKeySequence::Refresh);
    QAction *exportAction = file->addAction(tr("&Export funnel as CSV…"), this, &MainWindow::exportFunnel);
    exportAction->setObjectName(QStringLiteral("exportFunnelAction"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *find = view->addAction(tr("&Find form…"), m_filters, &FilterBar::focusSearch);
    find->setObjectName(QStringLiteral("findAction"));
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WindowShortcut);
    view->addSeparator();
    m_showFunnel = view->addAction(tr("Status f&unnel"));
    m_showFunnel->setObjectName(QStringLiteral("showFunnelAction"));
    m_showFunnel->setCheckable(true);
    m_showFunnel->setChecked(true);
    m_showFunnel->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    connect(m_showFunnel, &QAction::toggled, m_funnel, &QWidget::setVisible);
    m_showDetail = view->addAction(tr("Form &detail"));
    m_showDetail->setObjectName(QStringLiteral("showDetailAction"));
    m_showDetail->setCheckable(true);
    m_showDetail->setChecked(true);
    m_showDetail->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    connect(m_showDetail, &QAction::toggled, m_detail, &QWidget::setVisible);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts…"), this, &MainWindow::showShortcuts);
    QAction *about = help->addAction(tr("&About Compose Desk"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::buildStatusBar()
{
    m_connLabel = new QLabel(this);
    m_connLabel->setObjectName(QStringLiteral("connectionStatus"));
    m_schemaLabel = new QLabel(this);
    m_schemaLabel->setObjectName(QStringLiteral("schemaStatus"));
    m_liveLabel = new QLabel(this);
    m_liveLabel->setObjectName(QStringLiteral("liveStatus"));
    m_rowsLabel = new QLabel(this);
    m_rowsLabel->setObjectName(QStringLiteral("rowsStatus"));
    for (QLabel *l : {m_connLabel, m_schemaLabel, m_liveLabel, m_rowsLabel})
        l->setTextFormat(Qt::PlainText);
    statusBar()->addWidget(m_connLabel, 1);
    statusBar()->addPermanentWidget(m_schemaLabel);
    statusBar()->addPermanentWidget(m_liveLabel);
    statusBar()->addPermanentWidget(m_rowsLabel);
}

void MainWindow::updateStatusBar()
{
    if (!m_data) {
        m_connLabel->setText(tr("No database"));
        return;
    }
    const QString where = m_data->settings().displayName();
    if (m_data->isOpen())
        m_connLabel->setText(tr("Connected to %1").arg(where));
    else if (m_stale)
        m_connLabel->setText(tr("Disconnected from %1").arg(where));
    else
        m_connLabel->setText(where.isEmpty() ? tr("Not connected") : tr("Not connected (%1)").arg(where));

    if (m_data->isOpen() || m_stale) {
        const Capabilities &caps = m_data->capabilities();
        QString schema;
        if (caps.schemaVersion == 0)
            schema = tr("seed-only schema: read-only, polling");
        else {
            QStringList parts{tr("schema v%1").arg(caps.schemaVersion)};
            parts << (caps.hasEvents ? tr("status history") : tr("no history"));
            if (caps.hasFunnelRollup)
                parts << tr("funnel rollup");
            schema = parts.join(QStringLiteral(", "));
        }
        m_schemaLabel->setText(schema);
        m_schemaLabel->setToolTip(caps.serverVersion.isEmpty() ? QString()
                                                               : PlainText::toolTip(caps.serverVersion));
    } else {
        m_schemaLabel->clear();
    }

    switch (m_data->liveMode()) {
    case DataService::LiveMode::Notifications: m_liveLabel->setText(tr("● Live (notifications)")); break;
    case DataService::LiveMode::Polling: m_liveLabel->setText(tr("● Live (polling every few seconds)")); break;
    case DataService::LiveMode::Offline: m_liveLabel->setText(tr("○ Offline")); break;
    }
}

void MainWindow::updateRowCount()
{
    const int rows = m_listModel->rowCount();
    QString text = rows == 1 ? tr("1 form loaded") : tr("%1 forms loaded").arg(QLocale().toString(rows));
    if (m_listModel->isLoading())
        text += QStringLiteral(" · ") + tr("loading…");
    else if (m_listModel->canFetchMore({}))
        text += QStringLiteral(" · ") + tr("more below");
    m_rowsLabel->setText(text);
}

void MainWindow::restoreSettings()
{
    QSettings s;
    s.beginGroup(SettingsGroup);
    if (!restoreGeometry(s.value(QStringLiteral("geometry")).toByteArray()))
        resize(1300, 720);
    const int funnelHeight = m_funnel->sizeHint().height();
    if (!m_vsplit->restoreState(s.value(QStringLiteral("verticalSplitter")).toByteArray()))
        m_vsplit->setSizes({funnelHeight, 1000});
    if (!m_hsplit->restoreState(s.value(QStringLiteral("horizontalSplitter")).toByteArray()))
        m_hsplit->setSizes({560, 740});
    {
        const QSignalBlocker block(m_list->horizontalHeader());
        m_list->horizontalHeader()->restoreState(s.value(QStringLiteral("listHeader")).toByteArray());
        // Sorting is the query's, not the header's: put the indicator back where the model sorts.
        m_list->horizontalHeader()->setSortIndicator(m_sortColumn, m_sortOrder);
    }
    m_showFunnel->setChecked(s.value(QStringLiteral("showFunnel"), true).toBool());
    m_showDetail->setChecked(s.value(QStringLiteral("showDetail"), true).toBool());
    const int range = s.value(QStringLiteral("range"), int(FilterBar::AllTime)).toInt();
    if (range != int(FilterBar::Custom)) {
        const QSignalBlocker block(m_filters);
        m_filters->setRange(FilterBar::Range(qBound(0, range, int(FilterBar::AllTime))));
    }
    s.endGroup();
}

void MainWindow::saveSettings() const
{
    QSettings s;
    s.beginGroup(SettingsGroup);
    s.setValue(QStringLiteral("geometry"), saveGeometry());
    s.setValue(QStringLiteral("verticalSplitter"), m_vsplit->saveState());
    s.setValue(QStringLiteral("horizontalSplitter"), m_hsplit->saveState());
    s.setValue(QStringLiteral("listHeader"), m_list->horizontalHeader()->saveState());
    s.setValue(QStringLiteral("showFunnel"), m_showFunnel->isChecked());
    s.setValue(QStringLiteral("showDetail"), m_showDetail->isChecked());
    s.setValue(QStringLiteral("range"), int(m_filters->range()));
    s.endGroup();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_player)
        m_player->stop(); // release the media with the window
    saveSettings();
    QMainWindow::closeEvent(event);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && m_detail->isVisible()) {
            m_detail->tabs()->setFocus(Qt::TabFocusReason);
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::onOpened()
{
    hideBanner();
    setStale(false);
    updateStatusBar();
    m_reloadCoalesce.start();
    if (!m_pendingForm.isEmpty())
        showForm(std::exchange(m_pendingForm, QString()));
}

void MainWindow::showForm(const QString &idOrSearch)
{
    if (!m_data || !m_data->isOpen()) {
        m_pendingForm = idOrSearch;
        return;
    }
    m_pendingSelect = idOrSearch;
    m_filters->setSearchText(idOrSearch);
}

void MainWindow::reloadAll()
{
    if (!m_data || !m_data->isOpen())
        return;
    m_reloadCoalesce.stop();
    const QString selected = selectedFormId();
    m_restoreId = selected.isEmpty() ? m_detailModel->formId() : selected;
    m_restoreScroll = m_list->verticalScrollBar()->value();
    m_funnelModel->reload();
    applyListQuery();
    if (!m_detailModel->formId().isEmpty())
        m_detailModel->reload();
    m_lastFresh = QDateTime::currentDateTime();
}

void MainWindow::applyCohort()
{
    FunnelQuery q;
    q.from = m_filters->from();
    q.to = m_filters->to();
    q.package = m_filters->package();
    if (m_data && m_data->isOpen())
        m_funnelModel->setQuery(q);
}

void MainWindow::applyListQuery()
{
    if (m_restoreId.isEmpty()) {
        m_restoreId = selectedFormId();
        m_restoreScroll = -1;
    }
    FormListQuery q = m_listModel->query();
    q.from = m_filters->from();
    q.to = m_filters->to();
    q.package = m_filters->package();
    q.search = m_filters->search();
    const int row = m_funnel->selectedRow();
    q.statusKey = row >= 0 ? m_funnelModel->filterKeyForRow(row) : QString();
    if (m_data && m_data->isOpen())
        m_listModel->setQuery(q);
}

void MainWindow::onStageSelected(int row)
{
    m_filters->setStatusChip(row >= 0 ? m_funnelModel->index(row, FunnelModel::StageColumn).data().toString()
                                      : QString());
    applyListQuery();
}

QString MainWindow::selectedFormId() const
{
    const QModelIndexList rows = m_list->selectionModel()->selectedRows();
    return rows.size() == 1 ? rows.first().data(FormListModel::FormIdRole).toString() : QString();
}

void MainWindow::followList()
{
    const QString selected = selectedFormId();
    if (!selected.isEmpty()) {
        if (selected != m_detailModel->formId())
            m_detailModel->setFormId(selected);
    } else if (!m_listReloading && !m_detailModel->formId().isEmpty()) {
        // Cleared rather than kept under a warning: a form that is not in the list cannot be
        // mistaken for the one the agent is looking at if it is simply not there.
        m_detailModel->setFormId({});
    }
    updateActionTarget();
}

void MainWindow::updateActionTarget()
{
    if (!m_actionBar)
        return;
    const QString selected = m_listReloading ? QString() : selectedFormId();
    m_actionBar->setFormSelected(!selected.isEmpty() && selected == m_detailModel->formId());
}

void MainWindow::onFirstPageLoaded()
{
    m_listReloading = false;
    QString id = std::exchange(m_restoreId, QString());
    int scroll = std::exchange(m_restoreScroll, -1);
    updateRowCount();
    if (!m_pendingSelect.isEmpty() && m_filters->search() == m_pendingSelect) {
        // showForm(): open that form, or the first match of what was searched for.
        const QString wanted = std::exchange(m_pendingSelect, QString());
        id = m_listModel->rowOf(wanted) >= 0 ? wanted : m_listModel->summaryAt(0).id;
        scroll = -1;
    }
    const int row = id.isEmpty() ? -1 : m_listModel->rowOf(id);
    if (row < 0) {
        followList(); // the form shown before is not in this list: the detail goes
        return;
    }
    const QModelIndex idx = m_listModel->index(row, FormListModel::IdColumn);
    m_list->selectionModel()->setCurrentIndex(idx, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (scroll >= 0)
        m_list->verticalScrollBar()->setValue(scroll);
    else
        m_list->scrollTo(idx);
    followList();
}

void MainWindow::onFormsChanged(const QStringList &ids)
{
    if (ids.isEmpty()) {
        m_reloadCoalesce.start();
        return;
    }
    m_funnelModel->reload();
    m_listModel->refreshForms(ids);
    if (ids.contains(m_detailModel->formId()))
        m_detailModel->reload();
    m_lastFresh = QDateTime::currentDateTime();
}

void MainWindow::showBanner(const QString &text)
{
    m_bannerText->setText(text);
    m_banner->setVisible(true);
}

void MainWindow::hideBanner()
{
    m_banner->setVisible(false);
}

void MainWindow::setStale(bool stale)
{
    m_stale = stale;
    m_funnel->setStale(stale);
}

QString MainWindow::funnelCsv(const QAbstractItemModel *funnel)
{
    QByteArray csv = CsvWriter::record(
        {QStringLiteral("stage"), QStringLiteral("status"), QStringLiteral("now"),
         QStringLiteral("reached"), QStringLiteral("share_of_first"),
         QStringLiteral("conversion_from_previous"), QStringLiteral("details")});
    for (int r = 0; r < funnel->rowCount(); ++r) {
        const QModelIndex idx = funnel->index(r, 0);
        csv += CsvWriter::record(
            {idx.data().toString(), idx.data(FunnelModel::StatusKeyRole).toString(),
             QString::number(idx.data(FunnelModel::NowRole).toLongLong()),
             QString::number(idx.data(FunnelModel::ReachedRole).toLongLong()),
             fraction(idx.data(FunnelModel::ShareRole)),
             fraction(idx.data(FunnelModel::ConversionRole)),
             idx.data(FunnelModel::OtherBreakdownRole).toStringList().join(QStringLiteral("; "))});
    }
    return QString::fromUtf8(csv);
}

QFuture<QString> MainWindow::exportFunnelCsv(const QString &path) const
{
    return CsvWriter::saveFile(path, funnelCsv(m_funnelModel).toUtf8());
}

void MainWindow::exportFunnel()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested = dir + QStringLiteral("/funnel-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export funnel as CSV"), suggested,
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const QString error = watcher->result();
        if (error.isEmpty()) {
            statusBar()->showMessage(tr("Funnel written to %1").arg(path), 5000);
            return;
        }
        QMessageBox box(QMessageBox::Warning, tr("Export failed"),
                        tr("Could not write %1:\n%2").arg(path, error), QMessageBox::Ok, this);
        box.setTextFormat(Qt::PlainText);
        box.exec();
    });
    watcher->setFuture(exportFunnelCsv(path));
}

void MainWindow::showShortcuts()
{
    QString text = tr("Ctrl+F\tFind a form (id, e-mail, recipient, cs_…, pi_…)\n"
                            "F5\tRefresh everything\n"
                            "Up / Down\tMove in the form list; the detail follows\n"
                            "Enter\tFrom the list, go to the detail pane\n"
                            "Tab\tMove between the filters, the funnel, the list and the detail\n"
                            "Funnel: arrows, Enter\tChoose a stage to list only its forms (again to clear)\n"
                            "Esc (funnel)\tClear the stage filter\n"
                            "Ctrl+1 / Ctrl+2\tShow or hide the funnel / the detail pane\n"
                            "Ctrl+Shift+O\tConnect to another database");
    if (m_playerBar) {
        QString audio = tr("\n\nPreviews\nCtrl+P\tPlay the selected form's chosen variation\n"
                           "Enter (variation table)\tPlay that variation");
        for (QAction *a : m_playerBar->shortcutActions())
            audio += QLatin1Char('\n') + a->shortcut().toString(QKeySequence::NativeText) + QLatin1Char('\t')
                     + a->text().remove(QLatin1Char('&'));
        text += audio;
    }
    QMessageBox box(QMessageBox::Information, tr("Keyboard shortcuts"), text, QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

void MainWindow::showAbout()
{
    QMessageBox box(QMessageBox::Information, tr("About Compose Desk"),
                    tr("Compose Desk %1\nThe support dashboard for personalised song gifts: see where every form "
                       "is in its flow and look into any one of them.")
                            .arg(QCoreApplication::applicationVersion()),
                    QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

void MainWindow::setStaffActions(StaffActions *actions)
{
    Q_ASSERT(!m_actions);
    m_actions = actions;
    m_audit = new AuditTrailModel(actions->client(), this);
    m_actionBar = new ActionBar(actions, m_detailModel, m_audit, m_detail);
    m_detail->setActionBar(m_actionBar);
    m_detail->tabs()->addTab(new AuditTrailView(m_audit, m_detail->tabs()), tr("&Audit"));

    // The API banner sits under the database banner: the two problems are independent.
    m_apiBanner = new QFrame(centralWidget());
    m_apiBanner->setObjectName(QStringLiteral("apiBanner"));
    m_apiBanner->setStyleSheet(QStringLiteral("#apiBanner { background: #e8f0fb; border-bottom: 1px solid #9db7d9; }"));
    auto *al = new QHBoxLayout(m_apiBanner);
    al->setContentsMargins(10, 4, 10, 4);
    m_apiBannerText = new QLabel(m_apiBanner);
    m_apiBannerText->setObjectName(QStringLiteral("apiBannerText"));
    PlainText::prepare(m_apiBannerText);
    m_apiBannerText->setWordWrap(true);
    m_apiRetry = new QPushButton(tr("Check again"), m_apiBanner);
    m_apiRetry->setObjectName(QStringLiteral("apiRetry"));
    auto *token = new QPushButton(tr("Staff token…"), m_apiBanner);
    token->setObjectName(QStringLiteral("apiToken"));
    al->addWidget(m_apiBannerText, 1);
    al->addWidget(m_apiRetry);
    al->addWidget(token);
    m_centralLayout->insertWidget(m_centralLayout->indexOf(m_banner) + 1, m_apiBanner);
    connect(m_apiRetry, &QPushButton::clicked, actions, &StaffActions::recheck);
    connect(token, &QPushButton::clicked, this, &MainWindow::apiTokenRequested);

    m_whoLabel = new QLabel(this);
    m_whoLabel->setObjectName(QStringLiteral("whoStatus"));
    m_whoLabel->setTextFormat(Qt::PlainText);
    statusBar()->insertPermanentWidget(0, m_whoLabel);

    connect(actions, &StaffActions::apiStateChanged, this, &MainWindow::updateApiStatus);
    connect(actions, &StaffActions::identityChanged, this, &MainWindow::updateApiStatus);
    connect(m_detailModel, &FormDetailModel::detailChanged, this, [this](const FormDetail &d) {
        if (m_audit->trail().formId != d.summary.id)
            m_audit->setFormId(d.summary.id);
    });
    connect(actions, &StaffActions::apiStateChanged, this, [this](StaffActions::ApiState s) {
        if (s == StaffActions::ApiState::Ready && !m_detailModel->formId().isEmpty())
            m_audit->setFormId(m_detailModel->formId());
    });
    // After an action (or a refusal that means the form moved on) show the form as it is now;
    // NOTIFY would bring it too, but polling databases are slower and the agent is waiting.
    connect(actions, &StaffActions::formChanged, this, [this](const QString &id) {
        if (id == m_detailModel->formId()) {
            m_detailModel->reload();
            m_audit->reload();
        }
        m_listModel->refreshForms({id});
        m_funnelModel->reload();
    });

    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_list, &QWidget::customContextMenuRequested, this, &MainWindow::showListContextMenu);
    m_detail->variationsView()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_detail->variationsView(), &QWidget::customContextMenuRequested, this, &MainWindow::showVariationContextMenu);
    updateApiStatus();
}

void MainWindow::updateApiStatus()
{
    if (!m_actions)
        return;
    const bool ready = m_actions->apiState() == StaffActions::ApiState::Ready;
    m_apiBanner->setVisible(!ready);
    m_apiBannerText->setText(m_actions->apiProblem());
    m_apiRetry->setVisible(m_actions->apiState() != StaffActions::ApiState::NotConfigured);
    const StaffIdentity &who = m_actions->identity();
    m_whoLabel->setText(ready ? tr("Signed in as %1 (%2)").arg(who.name, who.role) : tr("Read-only"));
    m_whoLabel->setToolTip(ready ? m_actions->client()->baseUrl().toDisplayString() : m_actions->apiProblem());
}

void MainWindow::showListContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_list->indexAt(pos);
    if (!index.isValid() || !m_actionBar)
        return;
    const QPoint global = m_list->viewport()->mapToGlobal(pos);
    const QString id = index.data(FormListModel::FormIdRole).toString();
    auto popup = [this, global] {
        QMenu menu(this);
        menu.setObjectName(QStringLiteral("listContextMenu"));
        if (m_playForm) {
            menu.addAction(m_playForm);
            menu.addSeparator();
        }
        m_actionBar->fillMenu(&menu);
        menu.exec(global);
    };
    m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    // The actions depend on the form's full state: open the menu once its detail is here.
    whenDetailLoaded(id, popup);
}

void MainWindow::whenDetailLoaded(const QString &formId, const std::function<void()> &fn)
{
    if (m_detailModel->formId() == formId && m_detailModel->state() == FormDetailModel::State::Loaded) {
        fn();
        return;
    }
    auto *once = new QObject(this);
    connect(m_detailModel, &FormDetailModel::stateChanged, once, [this, once, formId, fn](FormDetailModel::State s) {
        if (s == FormDetailModel::State::Loading)
            return;
        once->deleteLater();
        if (s == FormDetailModel::State::Loaded && m_detailModel->formId() == formId)
            fn();
    });
}

void MainWindow::showVariationContextMenu(const QPoint &pos)
{
    QTableView *table = m_detail->variationsView();
    const QModelIndex index = table->indexAt(pos);
    if (!index.isValid() || !m_actionBar)
        return;
    const int song = index.data(VariationTableModel::SongIndexRole).toInt();
    const int variation = index.data(VariationTableModel::VariationIndexRole).toInt();
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("variationContextMenu"));
    if (m_player) {
        menu.addAction(tr("Play song %1, variation %2").arg(song + 1).arg(variation), this,
                       [this, row = index.row()] { playVariationRow(row); });
        menu.addSeparator();
    }
    QAction *retry = menu.addAction(tr("Retry song %1, variation %2…").arg(song + 1).arg(variation), this,
                                    [this, song, variation] { m_actionBar->open(StaffAction::RetryGeneration, song, variation); });
    QString why = m_actionBar->blockedReason(StaffAction::RetryGeneration);
    if (why.isEmpty() && !index.data(VariationTableModel::IsFailedRole).toBool())
        why = tr("Song %1, variation %2 did not fail: there is nothing to retry.")
                  .arg(song + 1)
                  .arg(variation);
    retry->setEnabled(why.isEmpty() && song >= 0 && variation >= 1);
    retry->setToolTip(why);
    menu.setToolTipsVisible(true);
    menu.exec(table->viewport()->mapToGlobal(pos));
}

void MainWindow::setPreviewPlayer(PreviewPlayer *player)
{
    Q_ASSERT(!m_player);
    m_player = player;
    m_playerBar = new PlayerBar(player, centralWidget());
    m_playerBar->setObjectName(QStringLiteral("playerBar"));
    m_centralLayout->addWidget(m_playerBar);

    QTableView *table = m_detail->variationsView();
    auto *delegate = new PlayButtonDelegate(table);
    table->setItemDelegateForColumn(VariationTableModel::SongColumn, delegate);
    connect(delegate, &PlayButtonDelegate::playClicked, this, [this](const QModelIndex &index) {
        playVariationRow(index.row());
    });
    // Enter on a row plays it (Space is the player's play/pause everywhere in the window).
    connect(table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) { playVariationRow(index.row()); });

    m_playForm = new QAction(tr("Play the form's chosen variation"), this);
    m_playForm->setObjectName(QStringLiteral("playFormAction"));
    m_playForm->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(m_playForm, &QAction::triggered, this, &MainWindow::playSelectedForm);
    addAction(m_playForm);

    auto *audio = new QMenu(tr("&Audio"), this);
    audio->setObjectName(QStringLiteral("audioMenu"));
    audio->addAction(m_playForm);
    audio->addSeparator();
    audio->addActions(m_playerBar->shortcutActions());
    menuBar()->insertMenu(menuBar()->actions().constLast(), audio); // before Help

    // The table marks what is playing and which previews failed, on the form they belong to.
    connect(player, &PreviewPlayer::currentChanged, this, [this](const PreviewItem &item) {
        if (item.formId == m_detailModel->formId())
            m_detailModel->variations()->setPlaying(item.songIndex, item.variationIndex);
        else
            m_detailModel->variations()->setPlaying(-1, -1);
    });
    connect(player, &PreviewPlayer::errorOccurred, this, [this](const PreviewItem &item, const QString &message) {
        if (item.formId == m_detailModel->formId())
            m_detailModel->variations()->setPlaybackError(item.songIndex, item.variationIndex, message);
    });
    // The Length column shows the length the player measured (music_generations may disagree).
    connect(player, &PreviewPlayer::lengthMeasured, this, [this](const PreviewItem &item, qint64 ms) {
        if (item.formId != m_detailModel->formId())
            return;
        m_detailModel->variations()->setMeasuredLength(item.url, ms);
        m_detail->variationsView()->resizeColumnToContents(VariationTableModel::DurationColumn);
    });
    // Switching forms releases the media: nothing keeps playing a form that is no longer shown.
    connect(m_detailModel, &FormDetailModel::detailChanged, this, [this](const FormDetail &d) {
        if (m_player && !m_player->current().isNull() && m_player->current().formId != d.summary.id)
            m_player->stop();
        else if (m_player && !m_player->current().isNull())
            m_detailModel->variations()->setPlaying(m_player->current().songIndex, m_player->current().variationIndex);
    });
}

void MainWindow::playVariationRow(int row)
{
    if (!m_player)
        return;
    const FormDetail &d = m_detailModel->detail();
    const VariationRow r = m_detailModel->variations()->rowAt(row);
    if (r.songIndex < 0 || r.variationIndex < 1)
        return;
    const QString label = d.summary.recipient.ok() ? tr("for %1").arg(d.summary.recipient.value.left(60)) : QString();
    auto itemFor = [&](const VariationRow &v) {
        PreviewItem item;
        item.formId = d.summary.id;
        item.songIndex = v.songIndex;
        item.variationIndex = v.variationIndex;
        item.url = v.audioUrl();
        item.label = label;
        item.createdAt = d.summary.createdAt;
        return item;
    };
    QList<PreviewItem> song;
    for (const VariationRow &v : m_detailModel->variations()->rows()) {
        if (v.songIndex == r.songIndex && v.variationIndex >= 1)
            song << itemFor(v);
    }
    m_detailModel->variations()->setPlaybackError(r.songIndex, r.variationIndex, {});
    m_player->play(itemFor(r), song);
}

void MainWindow::playSelectedForm()
{
    if (!m_player)
        return;
    const QString id = selectedFormId();
    if (id.isEmpty()) {
        statusBar()->showMessage(tr("Select a form in the list first."), 5000);
        return;
    }
    auto play = [this] {
        const auto &rows = m_detailModel->variations()->rows();
        int pick = -1;
        for (int i = 0; i < rows.size() && pick < 0; ++i) {
            if (rows.at(i).selectedJson)
                pick = i;
        }
        for (int i = 0; i < rows.size() && pick < 0; ++i) {
            if (!rows.at(i).audioUrl().isEmpty())
                pick = i;
        }
        if (pick < 0) {
            statusBar()->showMessage(tr("This form has no preview to play yet."), 5000);
            return;
        }
        m_detail->variationsView()->selectRow(pick);
        playVariationRow(pick);
    };
    whenDetailLoaded(id, play);
}

} // namespace compose
