#include "mainwindow.h"

#include "attentionmodel.h"
#include "attentionpanel.h"
#include "banner.h"
#include "databasestatus.h"
#include "filterbar.h"
#include "formclipboard.h"
#include "formdetailmodel.h"
#include "formdetailview.h"
#include "formlistmodel.h"
#include "formlistview.h"
#include "funnelmodel.h"
#include "funnelwidget.h"
#include "keyboardnavigation.h"
#include "keyhelp.h"
#include "listhint.h"
#include "listtools.h"
#include "lyricspanel.h"
#include "playerbar.h"
#include "windowlayout.h"

#include <QAction>
#include <QCloseEvent>
#include <QDateTime>
#include <QHBoxLayout>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace compose {

namespace {

// Names an action (tests find it by name) and gives it its key and what the key help says.
QAction *keyed(QAction *action, const char *name, const QKeySequence &key, const QString &what)
{
    action->setObjectName(QLatin1String(name));
    action->setShortcut(key);
    action->setWhatsThis(what);
    return action;
}

} // namespace

MainWindow::MainWindow(DataService *data, QWidget *parent)
    : MainWindow(data, InTurns {}, parent)
{
    finishBuilding();
}

MainWindow::MainWindow(DataService *data, InTurns, QWidget *parent)
    : QMainWindow(parent)
    , m_data(data)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Compose Desk"));
    m_funnelModel = new FunnelModel(data, this);
    m_listModel = new FormListModel(data, this);
    m_detailModel = new FormDetailModel(data, this);
    m_attentionModel = new AttentionModel(data, this);
    buildLayout();
}

void MainWindow::finishBuilding()
{
    Q_ASSERT(!m_status);
    addDetailPane();
    DataService *data = m_data;
    buildMenus();
    // The status comes first: it says what happened before the window acts on it.
    m_status = new DatabaseStatus(statusBar(), m_banner, data, m_listModel, this);
    connect(m_status, &DatabaseStatus::staleChanged, m_funnel, &FunnelWidget::setStale);
    QPushButton *connectButton
        = m_banner->addButton(tr("Connect…"), QStringLiteral("bannerConnect"));
    connect(connectButton, &QPushButton::clicked, this, &MainWindow::connectRequested);

    m_reloadCoalesce.setSingleShot(true);
    m_reloadCoalesce.setInterval(0);
    connect(&m_reloadCoalesce, &QTimer::timeout, this, &MainWindow::reloadAll);

    connect(m_filters, &FilterBar::cohortChanged, this, [this] {
        applyCohort();
        applyListQuery();
    });
    connect(m_filters, &FilterBar::searchChanged, this, &MainWindow::applyListQuery);
    // Needs attention: a queue chosen in the panel is the filter bar's; the list follows it.
    connect(m_attention, &AttentionPanel::queueChosen, m_filters, &FilterBar::setAttention);
    connect(m_filters, &FilterBar::attentionChanged, this, [this](const QString &key) {
        m_attention->setActiveKey(key);
        applyListQuery();
    });
    connect(m_filters, &FilterBar::searchAccepted, this,
            [this] { m_list->openFirstMatch(m_filters->search()); });
    connect(m_filters, &FilterBar::moveIntoListRequested, m_list, &FormListView::enterFromSearch);
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
        connect(m_data, &DataService::connectionRestored, &m_reloadCoalesce,
                qOverload<>(&QTimer::start));
        connect(m_data, &DataService::formsChanged, this, &MainWindow::onFormsChanged);
    }

    m_clipboard = new FormClipboard(this, data);
    m_keys = new KeyboardNavigation(this);
    m_listTools = new ListTools(this);
    restoreSettings();
    applyCohort();
    m_filters->focusSearch(); // a cold start begins with the ticket's first datum
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
    m_centralLayout->addWidget(m_banner);
    m_apiBanner = new Banner(QStringLiteral("apiBanner"), Banner::Severity::Information, central);
    m_centralLayout->addWidget(m_apiBanner);

    m_filters = new FilterBar(central);
    m_centralLayout->addWidget(m_filters);

    m_vsplit = new QSplitter(Qt::Vertical, central);
    m_vsplit->setObjectName(QStringLiteral("verticalSplitter"));
    m_vsplit->setChildrenCollapsible(false);
    // The funnel and the Needs attention queues side by side: where forms are, what needs doing.
    auto *top = new QWidget(m_vsplit);
    auto *topRow = new QHBoxLayout(top);
    topRow->setContentsMargins(0, 0, 0, 0);
    m_funnel = new FunnelWidget(m_funnelModel, top);
    m_attention = new AttentionPanel(m_attentionModel, top);
    topRow->addWidget(m_funnel, 1);
    topRow->addWidget(m_attention, 0); // as wide as its counts need; the funnel takes the rest
    m_vsplit->addWidget(top);

    m_hsplit = new QSplitter(Qt::Horizontal, m_vsplit);
    m_hsplit->setObjectName(QStringLiteral("horizontalSplitter"));
    m_hsplit->setChildrenCollapsible(false);
    // The list with the line that says why it shows less than expected (ListHint) above it.
    auto *listPane = new QWidget(m_hsplit);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(0);
    m_list = new FormListView(m_listModel, listPane);
    listLayout->addWidget(new ListHint(m_data, m_listModel, listPane));
    listLayout->addWidget(m_list, 1);
    m_hsplit->addWidget(listPane);
    m_vsplit->addWidget(m_hsplit);
    m_vsplit->setStretchFactor(0, 0);
    m_vsplit->setStretchFactor(1, 1);
    m_centralLayout->addWidget(m_vsplit, 1);
    setCentralWidget(central);
    KeyHelp::describe(central, tr("Tab"),
                      tr("Move between the filters, the funnel, the list and the detail"));
}

void MainWindow::addDetailPane()
{
    if (m_detail)
        return;
    m_detail = new FormDetailView(m_detailModel, m_hsplit);
    m_hsplit->addWidget(m_detail);
    m_list->setEnterTarget(m_detail->tabs());
    // Beside Variations: the "wrong name" check reads the same songs' titles and lyrics.
    m_detail->tabs()->insertTab(3, new LyricsPanel(m_data, m_detailModel, m_detail->tabs()),
                                tr("Lyrics"));
    m_hsplit->setStretchFactor(0, 5);
    m_hsplit->setStretchFactor(1, 6);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    keyed(file->addAction(tr("&Connect…"), this, &MainWindow::connectRequested), "connectAction",
          QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), tr("Connect to another database"));
    keyed(file->addAction(tr("&Refresh"), this, &MainWindow::reloadAll), "refreshAction",
          QKeySequence::Refresh, tr("Refresh everything"));
    file->addAction(tr("&Export funnel as CSV…"), this, &MainWindow::exportFunnelRequested)
        ->setObjectName(QStringLiteral("exportFunnelAction"));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    keyed(view->addAction(tr("&Find form…"), m_filters, &FilterBar::focusSearch), "findAction",
          QKeySequence::Find, tr("Find a form (id, e-mail, recipient, cs_…, pi_…)"))
        ->setShortcutContext(Qt::WindowShortcut);
    view->addSeparator();
    auto pane = [view](const QString &text, const char *name, Qt::Key key, const QString &what,
                       QWidget *widget) {
        QAction *a = keyed(view->addAction(text), name, QKeySequence(Qt::CTRL | key), what);
        a->setCheckable(true);
        a->setChecked(true);
        connect(a, &QAction::toggled, widget, &QWidget::setVisible);
        return a;
    };
    m_showFunnel = pane(tr("Status f&unnel"), "showFunnelAction", Qt::Key_1,
                        tr("Show or hide the funnel"), m_funnel);
    m_showDetail = pane(tr("Form &detail"), "showDetailAction", Qt::Key_2,
                        tr("Show or hide the detail pane"), m_detail);

    menuBar()->addMenu(m_attention->menu());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts…"), this, &MainWindow::showShortcuts)
        ->setObjectName(QStringLiteral("shortcutsAction"));
    help->addAction(tr("&About Compose Desk"), this, &MainWindow::showAbout)
        ->setMenuRole(QAction::AboutRole);
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
    if (!restoreGeometry(l.geometry)) {
        // First start: the whole of a small screen (1024×600 is usable), most of a large one.
        const QSize avail = screen() ? screen()->availableGeometry().size() : QSize(1300, 720);
        resize(avail.width() <= 1366 ? avail : avail * 0.9);
    }
    if (!m_vsplit->restoreState(l.verticalSplitter))
        m_vsplit->setSizes({m_vsplit->widget(0)->sizeHint().height(), 1000});
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
    m_status->setLastFresh(QDateTime::currentDateTime());
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
    q.attention = m_filters->attention();
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
    m_status->setLastFresh(QDateTime::currentDateTime());
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
