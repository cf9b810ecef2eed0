#pragma once

#include "attention.h"
#include "connectionsettings.h"
#include "customertypes.h"
#include "deliverytypes.h"
#include "formnote.h"
#include "formtypes.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <atomic>

namespace compose {

class DatabaseWorker;

// The dashboard's only way to the database. One worker thread owns the connection (a
// QSqlDatabase belongs to the thread that opened it); requests go in queued and value-type
// results come back as signals tagged with the request id, so the UI thread never waits on
// SQL. On PostgreSQL a second worker with its own connection takes the statements that scan
// (counts and anchors of a search, hidden counts, exports): at 10M forms they take a second,
// and a form the agent opens meanwhile must not wait behind them. The worker also keeps the
// connection alive and current: it subscribes to the NOTIFY channel where the schema has our
// trigger, polls otherwise, notices a dropped connection, reconnects with backoff and says so.
class DataService : public QObject {
    Q_OBJECT
public:
    enum class LiveMode : quint8 { Offline, Notifications, Polling };
    Q_ENUM(LiveMode)

    explicit DataService(QObject *parent = nullptr);
    ~DataService() override;

    void open(const ConnectionSettings &settings);
    void close();
    bool isOpen() const { return m_open; }
    const Capabilities &capabilities() const { return m_caps; }
    const ConnectionSettings &settings() const { return m_settings; }
    LiveMode liveMode() const { return m_liveMode; }
    // Reading a hot standby: how far it is behind the primary (ms); -1 when not known or not
    // a standby. Refreshed with every keep-alive.
    qint64 replicaLagMs() const { return m_replicaLagMs; }

    quint64 requestFunnel(const FunnelQuery &query);
    quint64 requestPage(const FormListQuery &query, const ListCursor &after, int limit);
    // The windowed list: the exact count and, where counting is a scan, every anchor in the same
    // statement (spanReady, FormRepository::span), a page `skip` rows past a cursor (pageReady)
    // and cursors every `step` rows (anchorsReady). See FormRepository.
    quint64 requestSpan(const FormListQuery &query, int step);
    quint64 requestWindow(const FormListQuery &query, const ListCursor &after, qint64 skip,
                          int limit);
    quint64 requestAnchors(const FormListQuery &query, const ListCursor &after, int step,
                           int maxCount);
    quint64 requestDetail(const QString &formId);
    quint64 requestSummaries(const QStringList &ids);
    // How many forms the query's search finds that its filters hide (hiddenCountReady).
    quint64 requestHiddenCount(const FormListQuery &query);
    quint64 requestCustomerForms(const CustomerKey &key);
    quint64 requestGenerationTexts(const QString &formId);
    // The form's internal notes, newest first (notesReady; available false without the table).
    quint64 requestNotes(const QString &formId);
    // The forms of the query (ids empty), or exactly these forms in this order, as the CSV of
    // --export forms (formsCsvReady); the file is written by the caller (CsvWriter::saveFile).
    quint64 requestFormsCsv(const FormListQuery &query, const QStringList &ids = {});
    quint64 requestDeliveries(const QString &formId);
    quint64 requestMailbox(int limit = 200);
    quint64 requestOutboxHealth();
    // Needs attention: every queue's count, and which of these forms still match a list query.
    quint64 requestAttention();
    quint64 requestMatching(const FormListQuery &query, const QStringList &ids);
    // The thresholds the queues, the list's attention filter and the row flags use.
    void setAttentionThresholds(const AttentionThresholds &t);
    const AttentionThresholds &attentionThresholds() const { return m_thresholds; }

    // Whether a span, anchors or hidden count for `query` would be served on the second
    // connection (open, opening, or opened by that request), not on the one pages and forms
    // use. FormListModel asks fewer anchors per request when they would share it.
    bool scansApart(const FormListQuery &query) const;

    // Tuning for tests and the benchmark.
    void setPollInterval(int ms);
    // How long after opening the second connection follows (default 3 s) unless a scan needs
    // it first; and whether it is open (its requests are served there).
    void setScanConnectionDelay(int ms);
    bool scanConnectionOpen() const { return m_bulkState == BulkState::Open; }
    void setKeepAliveInterval(int ms);

signals:
    void opened(const compose::Capabilities &caps);
    void openFailed(const QString &message);
    void funnelReady(quint64 requestId, const compose::FunnelCounts &counts);
    void pageReady(quint64 requestId, const compose::FormPage &page);
    void spanReady(quint64 requestId, const compose::ListSpan &span);
    void anchorsReady(quint64 requestId, const QList<compose::ListCursor> &anchors);
    void detailReady(quint64 requestId, const compose::FormDetail &detail);
    void detailNotFound(quint64 requestId, const QString &formId);
    void summariesReady(quint64 requestId, const QList<compose::FormSummary> &rows);
    void hiddenCountReady(quint64 requestId, int hidden);
    void customerFormsReady(quint64 requestId, const QList<compose::CustomerForm> &forms);
    void formsCsvReady(quint64 requestId, const QByteArray &csv, int rows);
    void notesReady(quint64 requestId, const QString &formId, const QList<compose::FormNote> &notes,
                    bool available);
    void generationTextsReady(quint64 requestId, const QString &formId,
                              const QList<compose::GenerationText> &texts);
    void requestFailed(quint64 requestId, const QString &message);
    void deliveriesReady(quint64 requestId, const QString &formId,
                         const QList<compose::DeliveryRow> &rows);
    void mailboxReady(quint64 requestId, const QList<compose::MailboxMessage> &messages);
    void outboxHealthReady(quint64 requestId, const compose::OutboxHealth &health);
    void attentionReady(quint64 requestId, const compose::AttentionCounts &counts);
    void matchingReady(quint64 requestId, const QStringList &asked, const QStringList &matching);
    // Forms changed by someone (NOTIFY or polling), coalesced. Empty list: "reload everything"
    // (after a reconnect, when what happened meanwhile is unknown).
    void formsChanged(const QStringList &formIds);
    void connectionLost(const QString &message);
    void connectionRestored();
    void liveModeChanged(compose::DataService::LiveMode mode);
    void replicaLagChanged(qint64 ms);

private:
    quint64 nextId() { return ++m_lastId; }
    void setOpen(const Capabilities &caps);

    // Where counts, anchors, hidden counts and exports go: the second connection while it opens
    // or is open, else (SQLite, not open yet, or it could not connect or was lost) the live one.
    // query: what is asked (nullptr: an export, which scans).
    DatabaseWorker *scanWorker(const FormListQuery *query = nullptr);
    void openBulk();
    enum class BulkState : quint8 { None, Later, Opening, Open, Down };
    // Requests sent now are served by the second connection (queued behind its open if need be).
    bool bulkServes() const
    {
        return m_bulkState == BulkState::Opening || m_bulkState == BulkState::Open;
    }

    QThread m_thread;
    QPointer<DatabaseWorker> m_worker;
    QThread m_bulkThread; // the second connection (PostgreSQL only): statements that scan
    QPointer<DatabaseWorker> m_bulk;
    BulkState m_bulkState = BulkState::None;
    QTimer *m_bulkTimer = nullptr;
    ConnectionSettings m_settings;
    Capabilities m_caps;
    bool m_open = false;
    LiveMode m_liveMode = LiveMode::Offline;
    qint64 m_replicaLagMs = -1;
    AttentionThresholds m_thresholds;
    std::atomic<quint64> m_lastId {0};
};

} // namespace compose
