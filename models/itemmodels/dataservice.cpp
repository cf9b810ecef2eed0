#include "dataservice.h"

#include "csvwriter.h"
#include "database.h"
#include "formexporter.h"
#include "formrepository.h"
#include "notestore.h"

#include <QBuffer>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlDriver>
#include <QTimer>

#include <memory>
#include <optional>

Q_LOGGING_CATEGORY(lcData, "compose.data")

namespace compose {

namespace {
const QString kChannel = QStringLiteral("compose_forms");
}

// Lives in DataService's thread; owns the connection and everything that touches it.
class DatabaseWorker : public QObject {
    Q_OBJECT
public:
    // Live: the dashboard's connection, with NOTIFY or polling, the standby's lag and the
    // "connection lost/restored" the window shows. Bulk: a second, quiet connection for the
    // statements that scan (a search's count and anchors, an export), so that an agent opening a
    // form never queues behind one; it reconnects on demand and asks a read again once.
    enum class Role : quint8 { Live, Bulk };
    DatabaseWorker(QString connectionName, Role role)
        : m_connectionName(std::move(connectionName))
        , m_role(role)
    {
    }

    void start(); // in the worker thread: creates the timers
    void open(const ConnectionSettings &settings);
    void close();
    void funnel(quint64 id, const FunnelQuery &q)
    {
        run(id, [&] { emit funnelReady(id, m_repo->funnel(q)); });
    }
    void page(quint64 id, const FormListQuery &q, const ListCursor &after, int limit)
    {
        run(id, [&] { emit pageReady(id, m_repo->page(q, after, limit)); });
    }
    void span(quint64 id, const FormListQuery &q, int step)
    {
        run(id, [&] { emit spanReady(id, m_repo->span(q, step)); });
    }
    void window(quint64 id, const FormListQuery &q, const ListCursor &after, qint64 skip, int limit)
    {
        run(id, [&] { emit pageReady(id, m_repo->window(q, after, skip, limit)); });
    }
    void anchors(quint64 id, const FormListQuery &q, const ListCursor &after, int step,
                 int maxCount)
    {
        run(id, [&] { emit anchorsReady(id, m_repo->anchors(q, after, step, maxCount)); });
    }
    void detail(quint64 id, const QString &formId)
    {
        run(id, [&] {
            if (auto d = m_repo->detail(formId))
                emit detailReady(id, *d);
            else
                emit detailNotFound(id, formId);
        });
    }
    void summaries(quint64 id, const QStringList &ids)
    {
        run(id, [&] { emit summariesReady(id, m_repo->summaries(ids)); });
    }
    void hiddenCount(quint64 id, const FormListQuery &q)
    {
        run(id, [&] { emit hiddenCountReady(id, m_repo->hiddenByFilters(q)); });
    }
    void customerForms(quint64 id, const CustomerKey &key)
    {
        run(id, [&] { emit customerFormsReady(id, m_repo->customerForms(key)); });
    }
    void formsCsv(quint64 id, const FormListQuery &q, const QStringList &ids)
    {
        run(id, [&] {
            QByteArray csv = CsvWriter::record(FormExporter::formColumns());
            int rows = 0;
            if (ids.isEmpty()) {
                QBuffer buffer;
                buffer.open(QIODevice::WriteOnly);
                FormExporter exporter(QSqlDatabase::database(m_connectionName, false));
                rows = int(exporter.exportForms(q, FormExporter::Format::Csv, &buffer));
                csv = buffer.data();
            } else {
                const QList<FormSummary> found = m_repo->summaries(ids);
                for (const QString &formId : ids) {
                    for (const FormSummary &s : found) {
                        if (s.id == formId) {
                            csv += FormExporter::csvRecord(s);
                            ++rows;
                        }
                    }
                }
            }
            emit formsCsvReady(id, csv, rows);
        });
    }
    void notes(quint64 id, const QString &formId)
    {
        run(id, [&] {
            NoteStore store(QSqlDatabase::database(m_connectionName, false));
            const bool available = store.available();
            emit notesReady(id, formId, available ? store.forForm(formId) : QList<FormNote>(),
                            available);
        });
    }
    void generationTexts(quint64 id, const QString &formId)
    {
        run(id, [&] { emit generationTextsReady(id, formId, m_repo->generationTexts(formId)); });
    }
    void deliveries(quint64 id, const QString &formId)
    {
        run(id, [&] { emit deliveriesReady(id, formId, m_repo->deliveries(formId)); });
    }
    void mailbox(quint64 id, int limit)
    {
        run(id, [&] { emit mailboxReady(id, m_repo->mailbox(limit)); });
    }
    void outboxHealth(quint64 id)
    {
        run(id, [&] { emit outboxHealthReady(id, m_repo->outboxHealth()); });
    }
    void attention(quint64 id)
    {
        run(id, [&] { emit attentionReady(id, m_repo->attention()); });
    }
    void matching(quint64 id, const FormListQuery &q, const QStringList &ids)
    {
        run(id, [&] { emit matchingReady(id, ids, m_repo->matching(q, ids)); });
    }
    void setThresholds(const AttentionThresholds &t)
    {
        m_thresholds = t;
        if (m_repo)
            m_repo->setThresholds(t);
    }
    void setPollInterval(int ms)
    {
        m_pollMs = ms;
        if (m_poll)
            m_poll->setInterval(ms);
    }
    void setKeepAliveInterval(int ms)
    {
        m_keepAliveMs = ms;
        if (m_keepAlive)
            m_keepAlive->setInterval(ms);
    }

signals:
    void opened(const compose::Capabilities &caps, compose::DataService::LiveMode mode);
    void openFailed(const QString &message);
    void funnelReady(quint64 id, const compose::FunnelCounts &counts);
    void pageReady(quint64 id, const compose::FormPage &page);
    void spanReady(quint64 id, const compose::ListSpan &span);
    void anchorsReady(quint64 id, const QList<compose::ListCursor> &anchors);
    void detailReady(quint64 id, const compose::FormDetail &detail);
    void detailNotFound(quint64 id, const QString &formId);
    void summariesReady(quint64 id, const QList<compose::FormSummary> &rows);
    void hiddenCountReady(quint64 id, int hidden);
    void customerFormsReady(quint64 id, const QList<compose::CustomerForm> &forms);
    void formsCsvReady(quint64 id, const QByteArray &csv, int rows);
    void notesReady(quint64 id, const QString &formId, const QList<compose::FormNote> &notes,
                    bool available);
    void generationTextsReady(quint64 id, const QString &formId,
                              const QList<compose::GenerationText> &texts);
    void requestFailed(quint64 id, const QString &message);
    void deliveriesReady(quint64 id, const QString &formId,
                         const QList<compose::DeliveryRow> &rows);
    void mailboxReady(quint64 id, const QList<compose::MailboxMessage> &messages);
    void outboxHealthReady(quint64 id, const compose::OutboxHealth &health);
    void attentionReady(quint64 id, const compose::AttentionCounts &counts);
    void matchingReady(quint64 id, const QStringList &asked, const QStringList &matching);
    void formsChanged(const QStringList &ids);
    void connectionLost(const QString &message);
    void connectionRestored(const compose::Capabilities &caps, compose::DataService::LiveMode mode);
    void replicaLag(qint64 ms);

private:
    template<typename F> void run(quint64 id, F &&f)
    {
        if (!m_repo && m_role == Role::Bulk && !m_lostMessage.isEmpty())
            reopenQuietly(); // lost, not closed: try now rather than after the backoff
        if (!m_repo) {
            emit requestFailed(
                id, m_lostMessage.isEmpty() ? tr("Not connected to a database.") : m_lostMessage);
            return;
        }
        try {
            f();
        } catch (const DbError &e) {
            const bool lost = e.connectionLost() || !stillAlive();
            // Every request here is a read, so the bulk connection may ask once more on a fresh
            // connection: a count must not fail because the server dropped an idle connection.
            if (lost && m_role == Role::Bulk && reopenQuietly()) {
                try {
                    f();
                    return;
                } catch (const DbError &again) {
                    emit requestFailed(id, again.message());
                    if (again.connectionLost() || !stillAlive())
                        lose(again.message());
                    return;
                }
            }
            emit requestFailed(id, e.message());
            if (lost)
                lose(e.message());
        }
    }
    bool reopenQuietly();
    QSqlDatabase openConnection(Capabilities *caps, DataService::LiveMode *mode); // throws
    bool stillAlive();
    void lose(const QString &message);
    void tryReconnect();
    void onNotification(const QString &name, QSqlDriver::NotificationSource,
                        const QVariant &payload);
    void poll();
    void flushChanged();
    void measureLag();

    QString m_connectionName;
    Role m_role = Role::Live;
    ConnectionSettings m_settings;
    std::unique_ptr<FormRepository> m_repo;
    AttentionThresholds m_thresholds; // kept here: the repository is new after a reconnect
    QString m_lostMessage;
    QTimer *m_keepAlive = nullptr;
    QTimer *m_poll = nullptr;
    QTimer *m_reconnect = nullptr;
    QTimer *m_coalesce = nullptr;
    int m_pollMs = 5000;
    int m_keepAliveMs = 5000;
    int m_backoffMs = 500;
    QSet<QString> m_changed;
    std::optional<FormRepository::ChangeMark> m_pollMark; // newest (updated_at, id) polling saw
    bool m_standby = false;
};

void DatabaseWorker::start()
{
    m_keepAlive = new QTimer(this);
    m_keepAlive->setInterval(m_keepAliveMs);
    connect(m_keepAlive, &QTimer::timeout, this, [this] {
        // QPSQL does not report a dropped connection by itself: a cheap query finds out.
        if (m_repo && !stillAlive())
            lose(tr("The connection to the database was lost."));
        else
            measureLag();
    });
    m_poll = new QTimer(this);
    m_poll->setInterval(m_pollMs);
    connect(m_poll, &QTimer::timeout, this, &DatabaseWorker::poll);
    m_reconnect = new QTimer(this);
    m_reconnect->setSingleShot(true);
    connect(m_reconnect, &QTimer::timeout, this, &DatabaseWorker::tryReconnect);
    m_coalesce = new QTimer(this);
    m_coalesce->setSingleShot(true);
    m_coalesce->setInterval(150); // bursts of webhooks become one refresh
    connect(m_coalesce, &QTimer::timeout, this, &DatabaseWorker::flushChanged);
}

QSqlDatabase DatabaseWorker::openConnection(Capabilities *caps, DataService::LiveMode *mode)
{
    QSqlDatabase db = Db::open(m_settings, m_connectionName);
    m_repo = std::make_unique<FormRepository>(db);
    m_repo->setThresholds(m_thresholds);
    try {
        *caps = m_repo->detect();
    } catch (...) {
        m_repo.reset();
        throw;
    }
    m_keepAlive->start();
    if (m_role == Role::Bulk) {
        *mode = DataService::LiveMode::Offline; // says nothing about live updates
        return db;
    }
    *mode = DataService::LiveMode::Polling;
    if (caps->notifications && db.driver()->hasFeature(QSqlDriver::EventNotifications)) {
        QObject::connect(db.driver(), &QSqlDriver::notification, this,
                         &DatabaseWorker::onNotification, Qt::UniqueConnection);
        if (db.driver()->subscribeToNotification(kChannel))
            *mode = DataService::LiveMode::Notifications;
    }
    m_pollMark.reset();
    if (*mode == DataService::LiveMode::Polling) {
        poll(); // sets the mark without reporting
        m_poll->start();
    } else {
        m_poll->stop();
    }
    m_standby = caps->standby;
    return db;
}

bool DatabaseWorker::reopenQuietly()
{
    m_repo.reset();
    Db::close(m_connectionName);
    try {
        Capabilities caps;
        DataService::LiveMode mode;
        openConnection(&caps, &mode);
        m_lostMessage.clear();
        m_reconnect->stop();
        return true;
    } catch (const DbError &) {
        m_repo.reset();
        Db::close(m_connectionName);
        return false;
    }
}

void DatabaseWorker::measureLag()
{
    if (!m_repo || !m_standby)
        return;
    try {
        if (const auto lag = m_repo->replicaLagMs())
            emit replicaLag(*lag);
    } catch (const DbError &e) {
        if (e.connectionLost() || !stillAlive())
            lose(e.message());
    }
}

void DatabaseWorker::open(const ConnectionSettings &settings)
{
    close();
    m_settings = settings;
    try {
        Capabilities caps;
        DataService::LiveMode mode;
        openConnection(&caps, &mode);
        m_lostMessage.clear();
        emit opened(caps, mode);
        measureLag();
    } catch (const DbError &e) {
        m_repo.reset();
        Db::close(m_connectionName);
        emit openFailed(e.message());
    }
}

void DatabaseWorker::close()
{
    m_lostMessage.clear();
    if (m_keepAlive) {
        m_keepAlive->stop();
        m_poll->stop();
        m_reconnect->stop();
    }
    m_repo.reset();
    if (QSqlDatabase::contains(m_connectionName))
        Db::close(m_connectionName);
}

bool DatabaseWorker::stillAlive()
{
    if (!m_repo)
        return false;
    try {
        m_repo->ping();
        return true;
    } catch (const DbError &) {
        return false;
    }
}

void DatabaseWorker::lose(const QString &message)
{
    if (!m_repo)
        return;
    qCWarning(lcData) << "connection lost:" << message;
    m_keepAlive->stop();
    m_poll->stop();
    m_repo.reset();
    Db::close(m_connectionName);
    m_lostMessage = tr("The database connection was lost: %1").arg(message);
    m_backoffMs = 500;
    emit connectionLost(message);
    m_reconnect->start(m_backoffMs);
}

void DatabaseWorker::tryReconnect()
{
    try {
        Capabilities caps;
        DataService::LiveMode mode;
        openConnection(&caps, &mode);
        m_lostMessage.clear();
        qCInfo(lcData) << "reconnected";
        // NOTIFY is not stored: whatever changed while we were away must be reloaded.
        emit connectionRestored(caps, mode);
        if (m_role == Role::Live)
            emit formsChanged({});
    } catch (const DbError &e) {
        m_repo.reset();
        Db::close(m_connectionName);
        m_backoffMs = std::min(m_backoffMs * 2, 15000);
        m_reconnect->start(m_backoffMs);
    }
}

void DatabaseWorker::onNotification(const QString &name, QSqlDriver::NotificationSource,
                                    const QVariant &payload)
{
    if (name != kChannel)
        return;
    m_changed.insert(payload.toString());
    if (!m_coalesce->isActive())
        m_coalesce->start();
}

void DatabaseWorker::flushChanged()
{
    if (m_changed.isEmpty())
        return;
    QStringList ids(m_changed.begin(), m_changed.end());
    m_changed.clear();
    emit formsChanged(ids);
}

void DatabaseWorker::poll()
{
    if (!m_repo)
        return;
    // Polling fallback (SQLite, or a schema without our trigger, a standby): forms past the
    // newest (updated_at, id) seen, and those committed late behind it within a minute
    // (FormRepository::changedSince). Writers that don't bump updated_at are only seen on reload.
    constexpr int PageSize = 500;
    constexpr int MaxPagesPerPoll = 40; // bounded work per tick; the rest comes on the next one
    try {
        if (!m_pollMark) {
            m_pollMark = m_repo->newestChange();
            return;
        }
        const QStringList ids = m_repo->changedSince(&*m_pollMark, PageSize, MaxPagesPerPoll);
        if (!ids.isEmpty())
            emit formsChanged(ids);
    } catch (const DbError &e) {
        if (e.connectionLost() || !stillAlive())
            lose(e.message());
    }
}

DataService::DataService(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<Capabilities>();
    qRegisterMetaType<FunnelCounts>();
    qRegisterMetaType<FormPage>();
    qRegisterMetaType<ListSpan>();
    qRegisterMetaType<QList<ListCursor>>();
    qRegisterMetaType<FormDetail>();
    qRegisterMetaType<QList<FormSummary>>();
    qRegisterMetaType<ConnectionSettings>();
    qRegisterMetaType<QList<DeliveryRow>>();
    qRegisterMetaType<QList<MailboxMessage>>();
    qRegisterMetaType<OutboxHealth>();
    qRegisterMetaType<AttentionCounts>();
    static std::atomic<int> serial {0};
    const int n = ++serial;
    auto *worker = new DatabaseWorker(QStringLiteral("compose-dashboard-%1").arg(n),
                                      DatabaseWorker::Role::Live);
    m_worker = worker;
    auto *bulk = new DatabaseWorker(QStringLiteral("compose-dashboard-%1-bulk").arg(n),
                                    DatabaseWorker::Role::Bulk);
    m_bulk = bulk;
    worker->moveToThread(&m_thread);
    bulk->moveToThread(&m_bulkThread);
    m_thread.setObjectName(QStringLiteral("compose-db"));
    m_bulkThread.setObjectName(QStringLiteral("compose-db-bulk"));
    connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    connect(&m_bulkThread, &QThread::finished, bulk, &QObject::deleteLater);
    connect(worker, &DatabaseWorker::opened, this, [this](const Capabilities &caps, LiveMode mode) {
        setOpen(caps);
        m_liveMode = mode;
        emit liveModeChanged(mode);
        emit opened(caps);
    });
    connect(worker, &DatabaseWorker::openFailed, this, [this](const QString &message) {
        m_open = false;
        m_liveMode = LiveMode::Offline;
        emit liveModeChanged(m_liveMode);
        emit openFailed(message);
    });
    connect(worker, &DatabaseWorker::connectionLost, this, [this](const QString &message) {
        m_open = false;
        m_liveMode = LiveMode::Offline;
        emit liveModeChanged(m_liveMode);
        emit connectionLost(message);
    });
    connect(worker, &DatabaseWorker::connectionRestored, this,
            [this](const Capabilities &caps, LiveMode mode) {
                setOpen(caps);
                m_liveMode = mode;
                emit liveModeChanged(mode);
                emit connectionRestored();
            });
    // The bulk connection's state only decides where its requests go: while it is down they
    // take the live one (slower for the agent, never lost).
    connect(bulk, &DatabaseWorker::opened, this, [this] { m_bulkState = BulkState::Open; });
    connect(bulk, &DatabaseWorker::connectionRestored, this,
            [this] { m_bulkState = BulkState::Open; });
    connect(bulk, &DatabaseWorker::openFailed, this, [this](const QString &message) {
        m_bulkState = BulkState::Down;
        qCWarning(lcData) << "second connection for long reads not open:" << message;
    });
    connect(bulk, &DatabaseWorker::connectionLost, this, [this] { m_bulkState = BulkState::Down; });
    // Opened after the start-up, not with the live one: its backend starting and its first
    // queries took the second core while the window painted for the first time (5-11 ms of
    // the UI thread waiting for a core at 1M forms). A scan asked for before then opens it.
    m_bulkTimer = new QTimer(this);
    m_bulkTimer->setSingleShot(true);
    m_bulkTimer->setInterval(3000);
    connect(m_bulkTimer, &QTimer::timeout, this, &DataService::openBulk);
    connect(this, &DataService::opened, m_bulkTimer, qOverload<>(&QTimer::start));
    for (DatabaseWorker *w : {worker, bulk}) {
        connect(w, &DatabaseWorker::funnelReady, this, &DataService::funnelReady);
        connect(w, &DatabaseWorker::pageReady, this, &DataService::pageReady);
        connect(w, &DatabaseWorker::spanReady, this, &DataService::spanReady);
        connect(w, &DatabaseWorker::anchorsReady, this, &DataService::anchorsReady);
        connect(w, &DatabaseWorker::detailReady, this, &DataService::detailReady);
        connect(w, &DatabaseWorker::detailNotFound, this, &DataService::detailNotFound);
        connect(w, &DatabaseWorker::summariesReady, this, &DataService::summariesReady);
        connect(w, &DatabaseWorker::hiddenCountReady, this, &DataService::hiddenCountReady);
        connect(w, &DatabaseWorker::customerFormsReady, this, &DataService::customerFormsReady);
        connect(w, &DatabaseWorker::formsCsvReady, this, &DataService::formsCsvReady);
        connect(w, &DatabaseWorker::notesReady, this, &DataService::notesReady);
        connect(w, &DatabaseWorker::generationTextsReady, this, &DataService::generationTextsReady);
        connect(w, &DatabaseWorker::requestFailed, this, &DataService::requestFailed);
        connect(w, &DatabaseWorker::deliveriesReady, this, &DataService::deliveriesReady);
        connect(w, &DatabaseWorker::mailboxReady, this, &DataService::mailboxReady);
        connect(w, &DatabaseWorker::outboxHealthReady, this, &DataService::outboxHealthReady);
        connect(w, &DatabaseWorker::attentionReady, this, &DataService::attentionReady);
        connect(w, &DatabaseWorker::matchingReady, this, &DataService::matchingReady);
    }
    connect(worker, &DatabaseWorker::formsChanged, this, &DataService::formsChanged);
    connect(worker, &DatabaseWorker::replicaLag, this, [this](qint64 ms) {
        m_replicaLagMs = ms;
        emit replicaLagChanged(ms);
    });
    m_thread.start();
    m_bulkThread.start();
    for (DatabaseWorker *w : {worker, bulk})
        QMetaObject::invokeMethod(
            w, [w] { w->start(); }, Qt::QueuedConnection);
}

DataService::~DataService()
{
    for (DatabaseWorker *w : {m_worker.data(), m_bulk.data()}) {
        if (w)
            QMetaObject::invokeMethod(
                w, [w] { w->close(); }, Qt::BlockingQueuedConnection);
    }
    m_thread.quit();
    m_bulkThread.quit();
    m_thread.wait();
    m_bulkThread.wait();
}

void DataService::setOpen(const Capabilities &caps)
{
    m_caps = caps;
    m_open = true;
}

void DataService::open(const ConnectionSettings &settings)
{
    m_settings = settings;
    DatabaseWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, settings] { w->open(settings); }, Qt::QueuedConnection);
    // SQLite is the demo's small file (or a test's); a second connection to ":memory:" would
    // be another, empty database.
    m_bulkTimer->stop();
    m_bulkState = settings.dialect == SqlDialect::PostgreSQL ? BulkState::Later : BulkState::None;
    DatabaseWorker *b = m_bulk;
    QMetaObject::invokeMethod(
        b, [b] { b->close(); }, Qt::QueuedConnection);
}

void DataService::openBulk()
{
    if (m_bulkState != BulkState::Later)
        return;
    m_bulkTimer->stop();
    // Requests sent while it opens wait in its queue behind the open.
    m_bulkState = BulkState::Opening;
    DatabaseWorker *b = m_bulk;
    const ConnectionSettings settings = m_settings;
    QMetaObject::invokeMethod(
        b, [b, settings] { b->open(settings); }, Qt::QueuedConnection);
}

void DataService::setScanConnectionDelay(int ms)
{
    m_bulkTimer->setInterval(ms);
}

void DataService::close()
{
    m_open = false;
    m_bulkTimer->stop();
    m_bulkState = BulkState::None;
    for (DatabaseWorker *w : {m_worker.data(), m_bulk.data()})
        QMetaObject::invokeMethod(
            w, [w] { w->close(); }, Qt::QueuedConnection);
}

namespace {
// A search or a queue filter scans: that opens the second connection now if it waits for later.
// A plain list's count is the rollup's and its anchors index ranges: cheap on either.
bool opensSecondConnection(const FormListQuery *query)
{
    return !query || !query->search.trimmed().isEmpty() || !query->attention.isEmpty();
}
} // namespace

bool DataService::scansApart(const FormListQuery &query) const
{
    return bulkServes() || (m_bulkState == BulkState::Later && opensSecondConnection(&query));
}

DatabaseWorker *DataService::scanWorker(const FormListQuery *query)
{
    if (m_bulkState == BulkState::Later && opensSecondConnection(query))
        openBulk();
    return bulkServes() ? m_bulk.data() : m_worker.data();
}

quint64 DataService::requestFunnel(const FunnelQuery &query)
{
    const quint64 id = nextId();
    DatabaseWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, id, query] { w->funnel(id, query); }, Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestPage(const FormListQuery &query, const ListCursor &after, int limit)
{
    const quint64 id = nextId();
    DatabaseWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, id, query, after, limit] { w->page(id, query, after, limit); },
        Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestSpan(const FormListQuery &query, int step)
{
    const quint64 id = nextId();
    DatabaseWorker *w = scanWorker(&query);
    QMetaObject::invokeMethod(
        w, [w, id, query, step] { w->span(id, query, step); }, Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestWindow(const FormListQuery &query, const ListCursor &after, qint64 skip,
                                   int limit)
{
    const quint64 id = nextId();
    DatabaseWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, id, query, after, skip, limit] { w->window(id, query, after, skip, limit); },
        Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestAnchors(const FormListQuery &query, const ListCursor &after, int step,
                                    int maxCount)
{
    const quint64 id = nextId();
    DatabaseWorker *w = scanWorker(&query);
    QMetaObject::invokeMethod(
        w, [w, id, query, after, step, maxCount] { w->anchors(id, query, after, step, maxCount); },
        Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestDetail(const QString &formId)
{
    const quint64 id = nextId();
    DatabaseWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, id, formId] { w->detail(id, formId); }, Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestSummaries(const QStringList &ids)
{
    const quint64 id = nextId();
    DatabaseWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, id, ids] { w->summaries(id, ids); }, Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestHiddenCount(const FormListQuery &query)
{
    const quint64 id = nextId();
    DatabaseWorker *w = scanWorker(&query);
    QMetaObject::invokeMethod(
        w, [w, id, query] { w->hiddenCount(id, query); }, Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestCustomerForms(const CustomerKey &key)
{
    const quint64 id = nextId();
    DatabaseWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, id, key] { w->customerForms(id, key); }, Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestFormsCsv(const FormListQuery &query, const QStringList &ids)
{
    const quint64 id = nextId();
    DatabaseWorker *w = scanWorker();
    QMetaObject::invokeMethod(
        w, [w, id, query, ids] { w->formsCsv(id, query, ids); }, Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestNotes(const QString &formId)
{
    const quint64 id = nextId();
    DatabaseWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, id, formId] { w->notes(id, formId); }, Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestGenerationTexts(const QString &formId)
{
    const quint64 id = nextId();
    DatabaseWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, id, formId] { w->generationTexts(id, formId); }, Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestDeliveries(const QString &formId)
{
    const quint64 id = nextId();
    DatabaseWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, id, formId] { w->deliveries(id, formId); }, Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestMailbox(int limit)
{
    const quint64 id = nextId();
    DatabaseWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, id, limit] { w->mailbox(id, limit); }, Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestOutboxHealth()
{
    const quint64 id = nextId();
    DatabaseWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, id] { w->outboxHealth(id); }, Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestAttention()
{
    const quint64 id = nextId();
    DatabaseWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, id] { w->attention(id); }, Qt::QueuedConnection);
    return id;
}

quint64 DataService::requestMatching(const FormListQuery &query, const QStringList &ids)
{
    const quint64 id = nextId();
    DatabaseWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, id, query, ids] { w->matching(id, query, ids); }, Qt::QueuedConnection);
    return id;
}

void DataService::setAttentionThresholds(const AttentionThresholds &t)
{
    m_thresholds = t;
    for (DatabaseWorker *w : {m_worker.data(), m_bulk.data()})
        QMetaObject::invokeMethod(
            w, [w, t] { w->setThresholds(t); }, Qt::QueuedConnection);
}

void DataService::setPollInterval(int ms)
{
    DatabaseWorker *w = m_worker;
    QMetaObject::invokeMethod(
        w, [w, ms] { w->setPollInterval(ms); }, Qt::QueuedConnection);
}

void DataService::setKeepAliveInterval(int ms)
{
    for (DatabaseWorker *w : {m_worker.data(), m_bulk.data()})
        QMetaObject::invokeMethod(
            w, [w, ms] { w->setKeepAliveInterval(ms); }, Qt::QueuedConnection);
}

} // namespace compose

#include "dataservice.moc"
