#include "mainwindow.h"

#include "banner.h"
#include "databasestatus.h"
#include "filterbar.h"
#include "formdetailmodel.h"
#include "formdetailview.h"
#include "formlistmodel.h"
#include "formlistview.h"
#include "funnelmodel.h"
#include "funnelwidget.h"
#include "keyhelp.h"
#include "playerbar.h"
#include "windowlayout.h"

#include <QAction>
#include <QCloseEvent>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace compose {

MainWindow::MainWindow(DataService *data, QWidget *parent)
    : QMainWindow(parent)
    , m_data(data)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Compose Desk"));
    m_funnelModel = new FunnelModel(data, this);
    m_listModel = new FormListModel(data, this);
    m_detailModel = new FormDetailModel(data, this);
    buildLayout();
    buildMenus();
    m_status = new DatabaseStatus(statusBar(), data, m_listModel, this);

    m_reloadCoalesce.setSingleShot(true);
    m_reloadCoalesce.setInterval(0);
    connect(&m_reloadCoalesce, &QTimer::timeout, this, &MainWindow::reloadAll);

    connect(m_filters, &FilterBar::cohortChanged, this, [this] {
        applyCohort();
        applyListQuery();
    });
    connect(m_filters, &FilterBar::searchChanged, this, &MainWindow::applyListQuery);
    connect(m_filters, &FilterBar::statusChipCleared, this,
            [this] { m_funnel->setSelectedRow(-1); });
    connect(m_funnel, &FunnelWidget::selectedRowChanged, this, &MainWindow::onStageSelected);
    connect(m_list, &FormListView::currentFormChanged, this, &MainWindow::followList);
    connect(m_list, &FormListView::reloadingChanged, this, &MainWindow::updateActionTarget);
    connect(m_detailModel, &FormDetailModel::stateChanged, this, &MainWindow::updateActionTarget);
    connect(m_listModel, &FormListModel::loadFailed, this, [this](const QString &message) {
        statusBar()->showMessage(tr("Could not load the form list: %1").arg(message), 10000);
    });

    if (m_data) {
        connect(m_data, &DataService::opened, this, &MainWindow::onOpened);
        connect(m_data, &DataService::openFailed, this, [this](const QString &message) {
            setStale(m_listModel->rowCount() > 0);
            showDatabaseProblem(tr("Could not open the database %1: %2")
                                    .arg(m_data->settings().displayName(), message));
        });
        connect(m_data, &DataService::connectionLost, this, [this](const QString &message) {
            setStale(true);
            QString text
                = tr("Connection to the database lost (%1).").arg(message) + QLatin1Char(' ');
            text += m_lastFresh.isValid()
                ? tr("Showing data from %1 — reconnecting…")
                      .arg(QLocale().toString(m_lastFresh.time(), QStringLiteral("HH:mm")))
                : tr("Reconnecting…");
            showDatabaseProblem(text);
        });
        connect(m_data, &DataService::connectionRestored, this, [this] {
            m_banner->setVisible(false);
            setStale(false);
            m_reloadCoalesce.start();
        });
        connect(m_data, &DataService::formsChanged, this, &MainWindow::onFormsChanged);
    }

    restoreSettings();
    applyCohort();
    if (m_data && m_data->isOpen())
        onOpened();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildLayout()
{
    auto *central = new QWidget(this);
    m_centralLayout = new QVBoxLayout(central);
    m_centralLayout->setContentsMargins(0, 0, 0, 0);
    m_centralLayout->setSpacing(0);

    // The two problems are independent: no database stops everything, no API only the actions.
    m_banner = new Banner(QStringLiteral("banner"), Banner::Severity::Warning, central);
    QPushButton *retry = m_banner->addButton(tr("Try again"), QStringLiteral("bannerRetry"));
    QPushButton *connectButton
        = m_banner->addButton(tr("Connect…"), QStringLiteral("bannerConnect"));
    connect(retry, &QPushButton::clicked, this, [this] {
        if (m_data) {
            m_banner->setMessage(tr("Connecting to %1…").arg(m_data->settings().displayName()));
            m_data->open(m_data->settings());
        }
    });
    connect(connectButton, &QPushButton::clicked, this, &MainWindow::connectRequested);
    m_centralLayout->addWidget(m_banner);
    m_apiBanner = new Banner(QStringLiteral("apiBanner"), Banner::Severity::Information, central);
    m_centralLayout->addWidget(m_apiBanner);

    m_filters = new FilterBar(central);
    m_centralLayout->addWidget(m_filters);

    m_vsplit = new QSplitter(Qt::Vertical, central);
    m_vsplit->setObjectName(QStringLiteral("verticalSplitter"));
    m_vsplit->setChildrenCollapsible(false);
    m_funnel = new FunnelWidget(m_funnelModel, m_vsplit);
    m_vsplit->addWidget(m_funnel);

    m_hsplit = new QSplitter(Qt::Horizontal, m_vsplit);
    m_hsplit->setObjectName(QStringLiteral("horizontalSplitter"));
    m_hsplit->setChildrenCollapsible(false);
    m_list = new FormListView(m_listModel, m_hsplit);
    m_hsplit->addWidget(m_list);
    m_detail = new FormDetailView(m_detailModel, m_hsplit);
    m_hsplit->addWidget(m_detail);
    m_list->setEnterTarget(m_detail->tabs());
    m_hsplit->setStretchFactor(0, 5);
    m_hsplit->setStretchFactor(1, 6);
    m_vsplit->addWidget(m_hsplit);
    m_vsplit->setStretchFactor(0, 0);
    m_vsplit->setStretchFactor(1, 1);
    m_centralLayout->addWidget(m_vsplit, 1);
    setCentralWidget(central);
    KeyHelp::describe(central, tr("Tab"),
                      tr("Move between the filters, the funnel, the list and the detail"));
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *connectAction = file->addAction(tr("&Connect…"), this, &MainWindow::connectRequested);
    connectAction->setObjectName(QStringLiteral("connectAction"));
    connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    connectAction->setWhatsThis(tr("Connect to another database"));
    QAction *refresh = file->addAction(tr("&Refresh"), this, &MainWindow::reloadAll);
    refresh->setObjectName(QStringLiteral("refreshAction"));
    refresh->setShortcut(QKeySequence::Refresh);
    refresh->setWhatsThis(tr("Refresh everything"));
    QAction *exportAction
        = file->addAction(tr("&Export funnel as CSV…"), this, &MainWindow::exportFunnelRequested);
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
    find->setWhatsThis(tr("Find a form (id, e-mail, recipient, cs_…, pi_…)"));
    view->addSeparator();
    m_showFunnel = view->addAction(tr("Status f&unnel"));
    m_showFunnel->setObjectName(QStringLiteral("showFunnelAction"));
    m_showFunnel->setCheckable(true);
    m_showFunnel->setChecked(true);
    m_showFunnel->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    m_showFunnel->setWhatsThis(tr("Show or hide the funnel"));
    connect(m_showFunnel, &QAction::toggled, m_funnel, &QWidget::setVisible);
    m_showDetail = view->addAction(tr("Form &detail"));
    m_showDetail->setObjectName(QStringLiteral("showDetailAction"));
    m_showDetail->setCheckable(true);
    m_showDetail->setChecked(true);
    m_showDetail->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    m_showDetail->setWhatsThis(tr("Show or hide the detail pane"));
    connect(m_showDetail, &QAction::toggled, m_detail, &QWidget::setVisible);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts…"), this, &MainWindow::showShortcuts)
        ->setObjectName(QStringLiteral("shortcutsAction"));
    QAction *about = help->addAction(tr("&About Compose Desk"), this, &MainWindow::showAbout);
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::setPlayerBar(PlayerBar *bar, QAction *playForm)
{
    Q_ASSERT(!m_playerBar);
    m_playerBar = bar;
    m_playForm = playForm;
    bar->setObjectName(QStringLiteral("playerBar"));
    m_centralLayout->addWidget(bar);
    addAction(playForm);
    auto *audio = new QMenu(tr("&Audio"), this);
    audio->setObjectName(QStringLiteral("audioMenu"));
    audio->addAction(playForm);
    audio->addSeparator();
    audio->addActions(bar->shortcutActions());
    menuBar()->insertMenu(menuBar()->actions().constLast(), audio); // before Help
}

void MainWindow::restoreSettings()
{
    const WindowLayout l = WindowLayout::load();
    if (!restoreGeometry(l.geometry))
        resize(1300, 720);
    if (!m_vsplit->restoreState(l.verticalSplitter))
        m_vsplit->setSizes({m_funnel->sizeHint().height(), 1000});
    if (!m_hsplit->restoreState(l.horizontalSplitter))
        m_hsplit->setSizes({560, 740});
    m_list->restoreHeaderState(l.listHeader);
    m_showFunnel->setChecked(l.showFunnel);
    m_showDetail->setChecked(l.showDetail);
    const int range = l.range < 0 ? int(FilterBar::AllTime) : l.range;
    if (range != int(FilterBar::Custom)) {
        const QSignalBlocker block(m_filters);
        m_filters->setRange(FilterBar::Range(qBound(0, range, int(FilterBar::AllTime))));
    }
}

void MainWindow::saveSettings() const
{
    WindowLayout l;
    l.geometry = saveGeometry();
    l.verticalSplitter = m_vsplit->saveState();
    l.horizontalSplitter = m_hsplit->saveState();
    l.listHeader = m_list->saveHeaderState();
    l.showFunnel = m_showFunnel->isChecked();
    l.showDetail = m_showDetail->isChecked();
    l.range = int(m_filters->range());
    l.save();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    emit closing();
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::onOpened()
{
    m_banner->setVisible(false);
    setStale(false);
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
    m_list->pickOnFirstPage(idOrSearch);
    m_filters->setSearchText(idOrSearch);
}

void MainWindow::reloadAll()
{
    if (!m_data || !m_data->isOpen())
        return;
    m_reloadCoalesce.stop();
    const QString selected = m_list->selectedFormId();
    m_list->keepAcrossReload(selected.isEmpty() ? m_detailModel->formId() : selected,
                             m_list->verticalScrollBar()->value());
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
    m_list->remember();
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
    m_filters->setStatusChip(
        row >= 0 ? m_funnelModel->index(row, FunnelModel::StageColumn).data().toString()
                 : QString());
    applyListQuery();
}

void MainWindow::followList(const QString &selected)
{
    if (!selected.isEmpty()) {
        if (selected != m_detailModel->formId())
            m_detailModel->setFormId(selected);
    } else if (!m_list->isReloading() && !m_detailModel->formId().isEmpty()) {
        // Cleared rather than kept under a warning: a form that is not in the list cannot be
        // mistaken for the one the agent is looking at if it is simply not there.
        m_detailModel->setFormId({});
    }
    updateActionTarget();
}

QString MainWindow::actionTarget() const
{
    const QString selected = m_list->isReloading() ? QString() : m_list->selectedFormId();
    return selected == m_detailModel->formId() ? selected : QString();
}

void MainWindow::updateActionTarget()
{
    emit actionTargetChanged(actionTarget());
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

void MainWindow::showDatabaseProblem(const QString &text)
{
    m_banner->setMessage(text);
    m_banner->setVisible(true);
}

void MainWindow::setStale(bool stale)
{
    m_funnel->setStale(stale);
    m_status->setStale(stale);
}

void MainWindow::showShortcuts()
{
    QMessageBox box(QMessageBox::Information, tr("Keyboard shortcuts"), KeyHelp::text(this),
                    QMessageBox::Ok, this);
    box.setObjectName(QStringLiteral("shortcutsBox"));
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

void MainWindow::showAbout()
{
    QMessageBox box(
        QMessageBox::Information, tr("About Compose Desk"),
        tr("Compose Desk %1\nThe support dashboard for personalised song gifts: see where "
           "every form is in its flow and look into any one of them.")
            .arg(QCoreApplication::applicationVersion()),
        QMessageBox::Ok, this);
    box.setTextFormat(Qt::PlainText);
    box.exec();
}

} // namespace compose
