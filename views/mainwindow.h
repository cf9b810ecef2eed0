#pragma once

#include "dataservice.h"
#include "formlistmodel.h"
#include "staffactions.h"

#include <QDateTime>
#include <QFuture>
#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include <functional>

QT_BEGIN_NAMESPACE
class QAbstractItemModel;
class QAction;
class QFrame;
class QLabel;
class QPushButton;
class QSplitter;
class QTableView;
class QVBoxLayout;
QT_END_NAMESPACE

namespace compose {

class ActionBar;
class AuditTrailModel;
class PlayerBar;
class PreviewPlayer;
class FilterBar;
class FormDetailModel;
class FormDetailView;
class FunnelModel;
class FunnelWidget;

// The dashboard's main window: filters, the status funnel, the form list and the detail pane
// over one DataService (not owned). It keeps what it shows current (formsChanged), says when it
// is not (banner on a failed open or a lost connection) and reloads when the connection returns.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(DataService *data, QWidget *parent = nullptr);
    ~MainWindow() override;

    FunnelModel *funnelModel() const { return m_funnelModel; }
    FormListModel *listModel() const { return m_listModel; }
    FormDetailModel *detailModel() const { return m_detailModel; }
    FunnelWidget *funnelWidget() const { return m_funnel; }
    QTableView *listView() const { return m_list; }
    FormDetailView *detailView() const { return m_detail; }
    FilterBar *filterBar() const { return m_filters; }

    // The funnel as CSV (stage, status key, now, reached, share, conversion, details), written by
    // models' CsvWriter; the file is written on a worker thread. Result: empty, or the reason.
    static QString funnelCsv(const QAbstractItemModel *funnel);
    QFuture<QString> exportFunnelCsv(const QString &path) const;

    void saveSettings() const;

    // Turns on staff actions: the action bar in the detail pane, the list's and the variation
    // table's context menus, the Audit tab, the API banner and who is signed in. Not owned.
    void setStaffActions(StaffActions *actions);
    StaffActions *staffActions() const { return m_actions; }
    ActionBar *actionBar() const { return m_actionBar; }
    AuditTrailModel *auditModel() const { return m_audit; }
    QFrame *apiBanner() const { return m_apiBanner; }

    // Turns on preview audio: the player bar at the bottom, play buttons in the variation table,
    // compare keys. The player is not owned; it is stopped when the form changes or the window closes.
    void setPreviewPlayer(PreviewPlayer *player);
    PlayerBar *playerBar() const { return m_playerBar; }
    // Plays one row of the variation table (with its song's variations for compare).
    void playVariationRow(int row);
    // Plays the chosen (else the first) variation of the form selected in the list.
    void playSelectedForm();

public slots:
    void reloadAll();
    // Finds a form by anything the search box takes and opens it (now, or once connected).
    void showForm(const QString &idOrSearch);

signals:
    // The user asked to pick another database; the application shows its connection dialog.
    void connectRequested();
    // The user asked to enter a staff token for the API; the application asks and stores it.
    void apiTokenRequested();

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildMenus();
    void buildStatusBar();
    void restoreSettings();
    void applyCohort();
    void applyListQuery();
    void onStageSelected(int row);
    // The detail pane follows the list: it shows the form selected there, or nothing. Called
    // whenever the selection or the list's contents change.
    void followList();
    // The form selected (highlighted) in the list, or empty.
    QString selectedFormId() const;
    void updateActionTarget();
    void onFirstPageLoaded();
    void onFormsChanged(const QStringList &ids);
    void onOpened();
    void showBanner(const QString &text);
    void hideBanner();
    void setStale(bool stale);
    void updateStatusBar();
    void updateRowCount();
    void exportFunnel();
    void showShortcuts();
    void showAbout();
    void showListContextMenu(const QPoint &pos);
    void showVariationContextMenu(const QPoint &pos);
    void updateApiStatus();
    // Runs fn now if this form's detail is loaded, else once it has loaded (not if it fails).
    void whenDetailLoaded(const QString &formId, const std::function<void()> &fn);

    QPointer<DataService> m_data;
    FunnelModel *m_funnelModel = nullptr;
    FormListModel *m_listModel = nullptr;
    FormDetailModel *m_detailModel = nullptr;

    FilterBar *m_filters = nullptr;
    FunnelWidget *m_funnel = nullptr;
    QTableView *m_list = nullptr;
    FormDetailView *m_detail = nullptr;
    QSplitter *m_vsplit = nullptr;
    QSplitter *m_hsplit = nullptr;

    QFrame *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    QPushButton *m_bannerRetry = nullptr;
    QPushButton *m_bannerConnect = nullptr;

    QPointer<StaffActions> m_actions;
    AuditTrailModel *m_audit = nullptr;
    ActionBar *m_actionBar = nullptr;
    QFrame *m_apiBanner = nullptr;
    QLabel *m_apiBannerText = nullptr;
    QPushButton *m_apiRetry = nullptr;
    QLabel *m_whoLabel = nullptr;
    QVBoxLayout *m_centralLayout = nullptr;
    QPointer<PreviewPlayer> m_player;
    PlayerBar *m_playerBar = nullptr;
    QAction *m_playForm = nullptr;

    QLabel *m_connLabel = nullptr;
    QLabel *m_schemaLabel = nullptr;
    QLabel *m_liveLabel = nullptr;
    QLabel *m_rowsLabel = nullptr;

    QAction *m_showFunnel = nullptr;
    QAction *m_showDetail = nullptr;

    int m_sortColumn = FormListModel::UpdatedColumn; // the model's default sort
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    QTimer m_reloadCoalesce; // several "reload everything" causes in a row make one reload
    QString m_restoreId;     // the selection to put back after a reload
    int m_restoreScroll = -1;
    QDateTime m_lastFresh;   // when the data on screen was last known current
    bool m_stale = false;
    QString m_pendingForm;   // showForm() before the database was open
    QString m_pendingSelect; // showForm(): select this (or the first match) when the list arrives
    // Between a list reset and its first page: which form is selected is not known yet.
    bool m_listReloading = false;
};

} // namespace compose
