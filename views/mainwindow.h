#pragma once

#include "dataservice.h"
#include "formlistview.h" // listView() is a QTableView to its users

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QAction;
class QSplitter;
class QVBoxLayout;
QT_END_NAMESPACE

namespace compose {

class AttentionModel;
class AttentionPanel;
class Banner;
class DatabaseStatus;
class FilterBar;
class FormDetailModel;
class FormDetailView;
class FunnelModel;
class FormClipboard;
class FunnelWidget;
class KeyboardNavigation;
class ListTools;
class PlayerBar;

// The dashboard's main window, a frame: it assembles the filters, the status funnel, the form
// list, the detail pane, the banners, the player bar and the menus over one DataService (not
// owned), keeps what it shows current (formsChanged), says when it is not (the database banner)
// and reloads when the connection returns. The detail follows the list's selection. Staff
// actions, audio and the funnel export are wired onto it by presenters in app/.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(DataService *data, QWidget *parent = nullptr);
    // Built in turns of the event loop (DashboardController::startInSteps, issue 14: no
    // stretch of the UI thread over 16 ms): the models, filters, funnel and list now, the
    // detail pane with addDetailPane() (or with finishBuilding()), menus, status and settings
    // with finishBuilding(), before the window is shown. Nothing else may be called between.
    struct InTurns { };
    MainWindow(DataService *data, InTurns, QWidget *parent = nullptr);
    void addDetailPane();
    void finishBuilding();
    ~MainWindow() override;

    FunnelModel *funnelModel() const { return m_funnelModel; }
    FormListModel *listModel() const { return m_listModel; }
    FormDetailModel *detailModel() const { return m_detailModel; }
    FunnelWidget *funnelWidget() const { return m_funnel; }
    FormListView *listView() const { return m_list; }
    FormDetailView *detailView() const { return m_detail; }
    FilterBar *filterBar() const { return m_filters; }
    AttentionModel *attentionModel() const { return m_attentionModel; }
    AttentionPanel *attentionPanel() const { return m_attention; }
    Banner *databaseBanner() const { return m_banner; }
    Banner *apiBanner() const { return m_apiBanner; } // hidden until staff actions say something
    KeyboardNavigation *keyboard() const { return m_keys; }
    FormClipboard *clipboard() const { return m_clipboard; }
    ListTools *listTools() const { return m_listTools; }
    DataService *dataService() const { return m_data; }

    // The form staff actions and Ctrl+P act on: selected in the list, its detail shown and the
    // list not between a reload and its first page. actionTargetChanged() says when it changes.
    QString actionTarget() const;

    // Puts the player bar at the bottom and an Audio menu (playForm, then the bar's keys)
    // before Help; playForm is also offered first in the list's context menu.
    void setPlayerBar(PlayerBar *bar, QAction *playForm);
    PlayerBar *playerBar() const { return m_playerBar; }
    QAction *playFormAction() const { return m_playForm; }

    void saveSettings() const;

public slots:
    void reloadAll();
    // Finds a form by anything the search box takes and opens it (now, or once connected).
    void showForm(const QString &idOrSearch);

signals:
    // The user asked to pick another database; the application shows its connection dialog.
    void connectRequested();
    // The user asked to enter a staff token for the API; the application asks and stores it.
    void apiTokenRequested();
    void exportFunnelRequested();
    void actionTargetChanged(const QString &formId);
    // The window is closing: nothing it showed may go on (the player stops).
    void closing();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildLayout();
    void buildMenus();
    void restoreSettings();
    void applyCohort();
    void applyListQuery();
    void onStageSelected(int row);
    // The detail pane follows the list: it shows the form selected there, or nothing.
    void followList(const QString &selected);
    void updateActionTarget();
    void onFormsChanged(const QStringList &ids);
    void onOpened();
    void showShortcuts();
    void showAbout();

    QPointer<DataService> m_data;
    FunnelModel *m_funnelModel = nullptr;
    FormListModel *m_listModel = nullptr;
    FormDetailModel *m_detailModel = nullptr;
    AttentionModel *m_attentionModel = nullptr;
    AttentionPanel *m_attention = nullptr;

    QVBoxLayout *m_centralLayout = nullptr;
    Banner *m_banner = nullptr;
    Banner *m_apiBanner = nullptr;
    FilterBar *m_filters = nullptr;
    FunnelWidget *m_funnel = nullptr;
    FormListView *m_list = nullptr;
    FormDetailView *m_detail = nullptr;
    QSplitter *m_vsplit = nullptr;
    QSplitter *m_hsplit = nullptr;
    PlayerBar *m_playerBar = nullptr;
    QAction *m_playForm = nullptr;

    DatabaseStatus *m_status = nullptr;
    QAction *m_showFunnel = nullptr;
    QAction *m_showDetail = nullptr;

    KeyboardNavigation *m_keys = nullptr; // tab order, tab keys, the palette
    FormClipboard *m_clipboard = nullptr; // Ctrl+C, copy id/e-mail/link/intent, Stripe
    ListTools *m_listTools = nullptr; // saved views, CSV export, column chooser
    QTimer m_reloadCoalesce; // several "reload everything" causes in a row make one reload
    QString m_pendingForm; // showForm() before the database was open
};

} // namespace compose
