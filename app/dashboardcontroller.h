#pragma once

#include "apiclient.h"
#include "appsettings.h"
#include "commandline.h"
#include "dataservice.h"
#include "demodatabase.h"
#include "embeddedapi.h"
#include "previewplayer.h"
#include "staffactions.h"
#include "tokenstore.h"

#include <QFutureWatcher>
#include <QIcon>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace compose {

class ConnectionDialog;
class MainWindow;

// The dashboard's wiring: which database to open, the main window over one DataService, the
// connection dialog behind File → Connect… and the banner's "Connect…", and demo mode.
class DashboardController final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardController)
public:
    static int run(const QStringList &arguments); // runs the event loop; the exit code

    explicit DashboardController(CommandLineOptions options, QObject *parent = nullptr);
    ~DashboardController() override;

    void start(); // builds and shows the window before it returns
    void startInSteps(); // the same from the event loop, one short step per turn (main())
    // A form id or compose-desk:// link handed over by a second launch: shown and raised.
    void openForm(const QString &formOrLink);

    // What the wiring built, for tests that drive the app as main() starts it.
    MainWindow *window() const { return m_window.get(); }
    PreviewPlayer *previewPlayer() { return &m_player; }
    StaffActions *staffActions() { return &m_actions; }
    QUrl embeddedApiUrl() const { return m_embeddedUrl; } // demo mode, once the API listens

signals:
    // Demo mode: the database is ready, its preview links point at the running API and the
    // window is opening it.
    void demoReady();

private:
    void connectTo(const ConnectionSettings &settings);
    void showConnectionDialog();
    void prepare();
    void nextStep();
    void loadIcon();
    void setWindowIcon();
    void warmUp();
    void warmUpText();
    void buildWindow();
    void addDetailPane();
    void finishWindow();
    void wireWindow();
    void layOutWindow();
    void warmUpPaint();
    void createWindow();
    void showWindow();
    void startDemo();
    void onDemoPrepared();
    void onOpened();
    void onOpenFailed(const QString &message);
    void startApi();
    void startEmbeddedApiAfterFirstPage(const ConnectionSettings &database);
    void startEmbeddedApi(const ConnectionSettings &database);
    void openDemo(const ConnectionSettings &database, const QUrl &apiBase);
    void askForToken();

    CommandLineOptions m_options;
    AppSettings m_settings;
    DataService m_data; // declared before the window: the window is destroyed first
    ApiClient m_api;
    StaffActions m_actions {&m_api};
    TokenStore m_tokens;
    PreviewPlayer m_player;
    std::unique_ptr<EmbeddedApi> m_embedded; // demo mode: compose-api with its simulators
    std::unique_ptr<MainWindow> m_window;
    int m_paintedBands = 0; // warmUpPaint()
    QIcon m_icon; // the embedded window icon (startInSteps loads it a turn before it is set)
    QPointer<ConnectionDialog> m_dialog;
    ConnectionSettings m_current; // the last settings tried, password included (memory only)
    QString m_lastError;
    bool m_demo = false;
    struct Step {
        const char *name; // FirstPaintProbe: what a long stretch was, and each step's CPU
        QList<void (DashboardController::*)()> run;
    };
    QList<Step> m_steps; // startInSteps(): what is left to do
    QTimer m_stepTimer; // a zero timer: the next step in the event loop's next pass
    bool m_shown = false; // showWindow() ran: the demo database may be opened
    bool m_demoHandled = false;
    struct DemoOutcome {
        DemoDatabase::Prepared prepared;
        QString error;
    };
    QFutureWatcher<DemoOutcome> m_demoWatcher;
    QFutureWatcher<QString> m_followWatcher; // DemoDatabase::followApi: an error message or empty
    ConnectionSettings m_demoDatabase;
    QStringList m_lostWebhookForms; // DemoResult::lostWebhookForms of a freshly filled demo
    QUrl m_embeddedUrl;
};

} // namespace compose
