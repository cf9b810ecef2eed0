#include "dashboardcontroller.h"

#include "appsettings.h"
#include "attentionpresenter.h"
#include "deeplink.h"
#include "singleinstance.h"

#include "audiopresenter.h"
#include "audiourl.h"
#include "backgroundpool.h"

#include "connectiondialog.h"
#include "connectionprobe.h"
#include "database.h"
#include "deliveriesview.h"
#include "firstpaintprobe.h"
#include "formdetailview.h"
#include "formlistmodel.h"
#include "funnelexport.h"
#include "mailboxdialog.h"
#include "mainwindow.h"
#include "mediawarmup.h"
#include "outboxindicator.h"
#include "staffactionspresenter.h"
#include "theme.h"
#include "zoom.h"

#include <QApplication>
#include <QComboBox>
#include <QIcon>
#include <QImage>
#include <QInputDialog>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace compose {

namespace {
// The embedded API waits for the first list page, but no longer than this.
constexpr int EmbeddedApiLatestStartMs = 2000;
// After the first page: past the start-up work and the first-paint probe's 2.5 s (issue 14).
constexpr int MediaWarmupAfterFirstPageMs = 3000;
} // namespace

int DashboardController::run(const QStringList &arguments)
{
    QString error;
    const auto options = CommandLine::parse(arguments, &error);
    if (!options) {
        CommandLine::printError(error);
        return CommandLine::UsageError;
    }
    QApplication::setApplicationDisplayName(QStringLiteral("Compose Desk"));
    // Previews: loopback in demo mode (the embedded API serves them there); loopback, private
    // and link-local addresses otherwise only when the setting allows (issue 16).
    const bool allowPrivate = AppSettings().allowPrivateAudioHosts();
    AudioUrl::setPreviewPolicy({options->demo || allowPrivate, allowPrivate});
    // A link (or --form) given to a second launch goes to the window already open.
    SingleInstance instance;
    if (!options->form.isEmpty() && instance.sendToRunning(options->form))
        return 0;
    instance.listen();
    if (!options->palette.isEmpty()) {
        // Fusion draws with the palette it is given; the platform style may not.
        QApplication::setStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(options->palette == QLatin1String("dark")
                                     ? Theme::darkPalette()
                                     : QApplication::style()->standardPalette());
    }
    DashboardController controller(*options);
    connect(&instance, &SingleInstance::messageReceived, &controller,
            [&controller](const QString &form) { controller.openForm(form); });
    controller.startInSteps();
    return QApplication::exec();
}

void DashboardController::openForm(const QString &formOrLink)
{
    const QString form
        = DeepLink::isLink(formOrLink) ? DeepLink::formId(formOrLink) : formOrLink.trimmed();
    if (form.isEmpty() || !m_window)
        return;
    m_window->showForm(form);
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

DashboardController::DashboardController(CommandLineOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_demo(m_options.demo)
{
    connect(&m_data, &DataService::opened, this, &DashboardController::onOpened);
    connect(&m_data, &DataService::openFailed, this, &DashboardController::onOpenFailed);
    connect(&m_demoWatcher, &QFutureWatcher<DemoOutcome>::finished, this, [this] {
        if (m_shown) // else showWindow() takes it from here
            onDemoPrepared();
    });
    connect(&m_followWatcher, &QFutureWatcher<QString>::finished, this, [this] {
        const QString error = m_followWatcher.result();
        if (!error.isEmpty())
            m_window->statusBar()->showMessage(
                tr("The demo's previews may not play: their links could not be updated (%1).")
                    .arg(error),
                15000);
        if (m_data.isOpen() && m_current.database == m_demoDatabase.database)
            m_window->reloadAll(); // the rows now name the API's port
        else
            connectTo(m_demoDatabase);
        emit demoReady();
    });
    connect(&m_tokens, &TokenStore::loaded, this,
            [this](const QString &token) { m_actions.connectToApi(m_settings.apiUrl(), token); });
    connect(&m_tokens, &TokenStore::failed, this, [this](const QString &message) {
        if (m_window)
            m_window->statusBar()->showMessage(message, 10000);
        if (!m_api.hasToken())
            m_actions.connectToApi(m_settings.apiUrl(), {});
    });
}

DashboardController::~DashboardController()
{
    if (m_dialog)
        delete m_dialog;
    m_window.reset();
}

void DashboardController::start()
{
    // Tests: everything at once, the window built and shown when this returns.
    prepare();
    loadIcon();
    setWindowIcon();
    buildWindow();
    finishWindow();
    wireWindow();
    showWindow();
}

void DashboardController::startInSteps()
{
    // main(): the same steps, each in its own turn of the event loop, so that the UI thread is
    // never held for long from QApplication on (issue 14: no stretch over 16 ms). The demo
    // database is prepared on a worker meanwhile. Each next step is a zero timer, not a queued
    // call: queued calls posted from a queued call run in the same pass of the loop, before any
    // timer or window-system event; a zero timer runs in the next pass, after them. (A 1 ms
    // timer left the thread idle for a millisecond before each of the ten steps: 9-10 ms of the
    // first paint, measured as "asleep 1.0 ms, 1 voluntary switch" in every step's gap.)
    m_stepTimer.setSingleShot(true);
    m_stepTimer.setInterval(0);
    connect(&m_stepTimer, &QTimer::timeout, this, &DashboardController::nextStep,
            Qt::UniqueConnection);
    prepare();
    // 3-9 ms of the UI thread's CPU each on this machine (first-paint.py prints them); fewer,
    // fuller turns keep the first paint early (each turn waits for a timer and, under load,
    // for a core).
    m_steps = {{"step-load-icon", {&DashboardController::loadIcon}},
               {"step-window-icon", {&DashboardController::setWindowIcon}},
               // The first widgets load the font database too (fontconfig): before any text.
               {"step-warm-up", {&DashboardController::warmUp}},
               {"step-build-window",
                {&DashboardController::warmUpText, &DashboardController::buildWindow}},
               {"step-detail-pane", {&DashboardController::addDetailPane}},
               {"step-wire-window",
                {&DashboardController::finishWindow, &DashboardController::wireWindow,
                 &DashboardController::layOutWindow}},
               {"step-paint-top", {&DashboardController::warmUpPaint}},
               {"step-paint-middle",
                {&DashboardController::warmUpPaint, &DashboardController::createWindow}},
               {"step-paint-bottom", {&DashboardController::warmUpPaint}},
               {"step-show-window", {&DashboardController::showWindow}}};
    m_stepTimer.start();
}

void DashboardController::nextStep()
{
    if (m_steps.isEmpty())
        return;
    const Step step = m_steps.takeFirst();
    FirstPaintProbe::stage(step.name);
    for (auto run : step.run)
        (this->*run)();
    FirstPaintProbe::mark(step.name); // its end, with the UI thread's CPU so far
    if (!m_steps.isEmpty()) {
        // Before show() a 1 ms timer still: after a zero timer, the window's first expose (its
        // first paint, 6-9 ms of CPU) ran in the same stretch as show() itself (measured: one
        // 10-13 ms CPU stretch instead of two, first-paint.py --gaps).
        m_stepTimer.setInterval(m_steps.size() == 1 ? 1 : 0);
        m_stepTimer.start();
    }
}

void DashboardController::prepare()
{
    if (!m_options.apiUrl.isEmpty())
        m_settings.setApiUrl(m_options.apiUrl);
    if (!m_options.apiCaPem.isEmpty())
        m_api.setCaCertificates(m_options.apiCaPem); // checked for a certificate by CommandLine
    FirstPaintProbe::mark("app-ready-ms"); // QApplication exists, the window does not yet
    m_data.setAttentionThresholds(m_settings.attentionThresholds());
    if (m_demo)
        startDemo(); // on a worker while the window is built; opened once it is shown
}

void DashboardController::loadIcon()
{
    // The embedded icon, for a build that is not installed: decoding the PNGs' headers is
    // 2-3 ms of CPU, the theme lookup (setWindowIcon) another 6-10: two turns.
    m_icon = QIcon(QStringLiteral(":/icons/app/org.composedesk.Dashboard-256.png"));
    m_icon.addFile(QStringLiteral(":/icons/app/org.composedesk.Dashboard-32.png"));
}

void DashboardController::setWindowIcon()
{
    // The installed theme icon, else the embedded one.
    QApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral("org.composedesk.Dashboard"), m_icon));
}

void DashboardController::warmUp()
{
    // The first line edit, combo box and button of the process pay for the style's polish, the
    // palette and the font's first text layout (5 ms of CPU here); paid in a turn of its own,
    // the window's construction stays a short step too.
    QLineEdit edit;
    edit.ensurePolished();
    (void)edit.sizeHint();
    QComboBox combo;
    combo.addItem(QStringLiteral("All time")); // never shown: no translation
    combo.ensurePolished();
    (void)combo.sizeHint();
    QPushButton button(QStringLiteral("Connect"));
    button.ensurePolished();
    (void)button.sizeHint();
}

void DashboardController::warmUpText()
{
    // The window's first paint rasterises every glyph it shows (FreeType) into the font
    // engine's glyph cache: 30 ms of CPU in one stretch here. Drawing the printable ASCII
    // characters of the window's fonts once, into an image of the window's format, fills that
    // cache in a turn of its own; the first paint then only shapes and blits.
    QImage image(QSize(1200, 64), QImage::Format_RGB32);
    image.fill(Qt::white);
    QString ascii;
    for (char16_t c = 0x20; c < 0x7f; ++c)
        ascii += QChar(c);
    QPainter painter(&image);
    QFont font = QApplication::font();
    painter.setFont(font);
    painter.drawText(QPointF(2, 20), ascii);
    font.setBold(true);
    painter.setFont(font);
    painter.drawText(QPointF(2, 44), ascii);
}

void DashboardController::buildWindow()
{
    // Two turns (11-17 ms of CPU in one): the frame, filters, funnel and list first.
    m_window = std::make_unique<MainWindow>(&m_data, MainWindow::InTurns {});
    if (auto *probe = FirstPaintProbe::instance())
        probe->attach(m_window.get()); // tests/bench/first-paint.py
    connect(m_window.get(), &MainWindow::connectRequested, this,
            &DashboardController::showConnectionDialog);
}

void DashboardController::addDetailPane()
{
    m_window->addDetailPane(); // 5-7 ms of CPU, the most of finishing the window
}

void DashboardController::finishWindow()
{
    m_window->finishBuilding(); // menus, status, keys and the saved layout
}

void DashboardController::layOutWindow()
{
    // show() polishes every widget and lays the window out (6 ms of CPU), then makes the native
    // window (6 ms, createWindow()) and shows it: the first two are done in earlier turns, so
    // show() finds them done.
    m_window->ensurePolished();
    if (QLayout *layout = m_window->layout())
        layout->activate();
}

void DashboardController::warmUpPaint()
{
    // The window's first expose paints every widget at once (12-16 ms of CPU): the style's
    // pixmap cache (buttons, frames, the slider's groove), the fonts' glyphs beyond ASCII and
    // each widget's first text layouts are paid there. Painting a third of the hidden window
    // into an image per turn pays them here; the expose then finds them cached (6-8 ms).
    const QRect all = m_window->rect();
    const int third = (all.height() + 2) / 3;
    const QRect band(0, m_paintedBands * third, all.width(), third);
    ++m_paintedBands;
    QImage image(band.size(), QImage::Format_ARGB32_Premultiplied);
    m_window->render(&image, QPoint(), QRegion(band));
}

void DashboardController::createWindow()
{
    (void)m_window->winId(); // the X11 window, made before show() maps it
}

void DashboardController::wireWindow()
{
    // The window is a frame; what it does with staff actions, audio and the export is wired here.
    auto *staff = new StaffActionsPresenter(m_window.get(), &m_actions);
    new AttentionPresenter(m_window.get(), staff->actionBar());
    new AudioPresenter(m_window.get(), &m_player);
    // The first preview's QMediaPlayer is made on the UI thread; GStreamer and QtMultimedia's
    // plugin load on a pool thread once the first page is in and the start-up work is over.
    // Once: firstPageLoaded comes again with every reload and filter change.
    // Then the player is made (without a source) in a turn of its own, not in the first key press.
    connect(
        m_window->listModel(), &FormListModel::firstPageLoaded, this,
        [this] {
            QTimer::singleShot(MediaWarmupAfterFirstPageMs, this, [this] {
                MediaWarmup::start(&m_player, [this] { m_player.prepare(); });
            });
        },
        Qt::SingleShotConnection);
    new FunnelExport(m_window.get());
    new Zoom(m_window.get(), &m_settings);
    // Delivery: the form's e-mails with a resend, and a status-bar note when nothing is sent.
    auto *deliveries = new DeliveriesView(&m_data, &m_actions, m_window->detailView()->tabs());
    deliveries->setObjectName(QStringLiteral("deliveriesView"));
    m_window->detailView()->tabs()->addTab(deliveries, tr("Deliveries"));
    connect(m_window->detailModel(), &FormDetailModel::detailChanged, deliveries,
            [deliveries](const FormDetail &d) { deliveries->setFormId(d.summary.id); });
    m_window->statusBar()->addPermanentWidget(new OutboxIndicator(&m_data, m_window.get()));
    if (!m_options.form.isEmpty())
        m_window->showForm(m_options.form);
    connect(m_window.get(), &MainWindow::apiTokenRequested, this,
            &DashboardController::askForToken);
    if (m_demo) {
        m_window->setWindowTitle(tr("Compose Desk — Demo"));
        auto *badge = new QLabel(tr("Demo data"), m_window.get());
        badge->setObjectName(QStringLiteral("demoBadge"));
        badge->setTextFormat(Qt::PlainText);
        badge->setToolTip(tr("Generated demo data in %1").arg(DemoDatabase::defaultPath()));
        m_window->statusBar()->addPermanentWidget(badge);
        // The demo's e-mail lands in compose-api's loopback mailbox, shown here.
        auto *mailbox = new MailboxDialog(&m_data, m_window.get());
        QAction *open = m_window->menuBar()->addMenu(tr("De&mo"))->addAction(tr("&Mailbox…"));
        open->setObjectName(QStringLiteral("openMailbox"));
        connect(open, &QAction::triggered, mailbox, [mailbox] {
            mailbox->show();
            mailbox->raise();
        });
    }
}

void DashboardController::showWindow()
{
    m_window->show();
    FirstPaintProbe::mark("window-shown-ms");
    m_shown = true;
    if (m_demo) {
        if (m_demoWatcher.isFinished())
            onDemoPrepared();
        else
            m_window->statusBar()->showMessage(tr("Preparing the demo database…"));
        return;
    }
    startApi();
    if (m_options.connection) {
        connectTo(*m_options.connection);
    } else if (auto env = CommandLine::environmentConnection()) {
        connectTo(*env);
    } else if (auto last = m_settings.lastConnection()) {
        connectTo(*last);
    } else {
        showConnectionDialog();
    }
}

void DashboardController::startDemo()
{
    // Creating and filling the file takes a moment on first start: off the UI thread, and off
    // the global pool, whose threads the window's first paints use (backgroundpool.h).
    m_demoWatcher.setFuture(QtConcurrent::run(backgroundPool(), [] {
        DemoOutcome outcome;
        try {
            outcome.prepared = DemoDatabase::prepare();
        } catch (const DbError &e) {
            outcome.error = e.message();
        }
        return outcome;
    }));
}

void DashboardController::onDemoPrepared()
{
    // Once: the future may be finished before its signal is delivered.
    if (std::exchange(m_demoHandled, true))
        return;
    const DemoOutcome outcome = m_demoWatcher.result();
    if (!outcome.error.isEmpty()) {
        m_window->statusBar()->clearMessage();
        QMessageBox::critical(
            m_window.get(), tr("Demo database"),
            tr("The demo database could not be prepared:\n%1").arg(outcome.error));
        return;
    }
    // The funnel and the list need no API: they are read while it starts (first paint).
    // The preview links are rewritten to name the API's port once it listens (openDemo),
    // and the window reloads then, so the first preview an agent plays is one that can play.
    connectTo(outcome.prepared.settings);
    m_lostWebhookForms = outcome.prepared.data.lostWebhookForms; // first start only
    startEmbeddedApiAfterFirstPage(outcome.prepared.settings);
}

void DashboardController::connectTo(const ConnectionSettings &settings)
{
    m_current = settings;
    m_lastError.clear();
    m_data.open(settings);
}

void DashboardController::onOpened()
{
    if (m_demo)
        m_window->statusBar()->clearMessage();
    else
        m_settings.setLastConnection(m_current); // toUrl(): never the password
}

void DashboardController::onOpenFailed(const QString &message)
{
    // The window shows the banner; the dialog, when asked for, repeats why.
    m_lastError = message;
    if (m_dialog)
        m_dialog->setMessage(message);
}

void DashboardController::showConnectionDialog()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    m_dialog = new ConnectionDialog(m_window.get());
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog->setTester(&ConnectionProbe::test);
    if (!m_current.database.isEmpty() || !m_current.host.isEmpty() || !m_current.user.isEmpty())
        m_dialog->setSettings(m_current);
    else if (auto last = m_settings.lastConnection())
        m_dialog->setSettings(*last);
    m_dialog->setMessage(m_lastError);
    connect(m_dialog, &QDialog::accepted, this, [this] {
        if (const auto s = m_dialog->settings()) {
            m_demo = false;
            m_window->setWindowTitle(tr("Compose Desk"));
            if (auto *badge = m_window->findChild<QLabel *>(QStringLiteral("demoBadge")))
                badge->hide();
            if (m_embedded) { // the demo's API acts on the demo database only
                m_embedded.reset();
                startApi();
            }
            connectTo(*s);
        }
    });
    m_dialog->open();
}

void DashboardController::startApi()
{
    const QUrl url = m_settings.apiUrl();
    if (url.isEmpty()) {
        m_actions.recheck(); // "no API configured": read-only, and the banner says how to fix it
        return;
    }
    m_api.setBaseUrl(url);
    m_tokens.load(url.toString()); // COMPOSE_API_TOKEN first, then the keychain
}

void DashboardController::startEmbeddedApiAfterFirstPage(const ConnectionSettings &database)
{
    // First paint (issue 14): starting compose-api (its threads, its database connection, the
    // staff row) competes for the same two cores as reading the funnel and the first page, so
    // it starts once the first page is in; at the latest after a moment, should the read fail.
    auto *once = new QObject(this);
    const auto go = [this, once, database, started = std::make_shared<bool>(false)] {
        if (std::exchange(*started, true))
            return;
        once->deleteLater(); // drops the other trigger
        startEmbeddedApi(database);
    };
    connect(m_window->listModel(), &FormListModel::firstPageLoaded, once, go);
    QTimer::singleShot(EmbeddedApiLatestStartMs, once, go);
}

void DashboardController::startEmbeddedApi(const ConnectionSettings &database)
{
    // Demo mode: compose-api with its MusicGPT and Stripe simulators on loopback, on the demo
    // database, so every action works end to end. It prefers the demo's well-known port 47811
    // and takes any free port when that one is busy (another demo, a test); the demo data's
    // preview links then follow it (openDemo).
    ServerConfig config;
    config.database = database;
    config.migrate = false; // DemoDatabase::prepare() migrated it
    config.simulate = true;
    config.simDelayMs = 4000;
    config.simFailEvery = 4;
    // Checkouts paid at Stripe whose webhooks were lost, found by a reconciliation pass on the
    // API's thread: the "paid at Stripe, no webhook" queue has forms from the first start.
    config.simLostWebhookForms = m_lostWebhookForms;
    // shareBase stays empty: share links name the port the embedded API really got.
    config.expiryIntervalS = 60;
    m_demoDatabase = database;
    m_embedded = std::make_unique<EmbeddedApi>();
    m_embedded->setPreferredPort(DemoDatabase::ApiPort);
    connect(m_embedded.get(), &EmbeddedApi::ready, this,
            [this](const QUrl &base, const QString &token) {
                m_embeddedUrl = base;
                m_actions.connectToApi(base, token); // the demo's token lives in memory only
                openDemo(m_demoDatabase, base);
            });
    connect(m_embedded.get(), &EmbeddedApi::failed, this, [this](const QString &message) {
        m_actions.connectToApi({}, {});
        m_window->statusBar()->showMessage(tr("The built-in API did not start: %1").arg(message),
                                           15000);
        connectTo(m_demoDatabase); // the data can still be read
        emit demoReady();
    });
    m_embedded->start(config, QStringLiteral("demo-agent"), QStringLiteral("admin"));
}

void DashboardController::openDemo(const ConnectionSettings &database, const QUrl &apiBase)
{
    // Rewriting a few thousand links takes a moment on a slow disk: off the UI thread.
    m_followWatcher.setFuture(QtConcurrent::run(backgroundPool(), [database, apiBase] {
        try {
            DemoDatabase::followApi(database, apiBase);
        } catch (const DbError &e) {
            return e.message();
        }
        return QString();
    }));
}

void DashboardController::askForToken()
{
    QUrl url = m_api.baseUrl().isEmpty() ? m_settings.apiUrl() : m_api.baseUrl();
    bool ok = false;
    if (url.isEmpty()) {
        const QString text
            = QInputDialog::getText(m_window.get(), tr("compose-api"),
                                    tr("Address of compose-api (e.g. https://api.example.com):"),
                                    QLineEdit::Normal, QString(), &ok);
        if (!ok || text.trimmed().isEmpty())
            return;
        url = QUrl::fromUserInput(text.trimmed());
        m_settings.setApiUrl(url);
    }
    const QString token = QInputDialog::getText(
        m_window.get(), tr("Staff token"),
        tr("Your staff token for %1\n(ask an admin: compose-api --add-staff NAME --role agent). "
           "It is kept in the system keychain, never in a settings file.")
            .arg(url.toDisplayString()),
        QLineEdit::Password, QString(), &ok);
    if (!ok || token.trimmed().isEmpty())
        return;
    m_tokens.save(url.toString(), token.trimmed());
    m_actions.connectToApi(url, token.trimmed());
}

} // namespace compose
