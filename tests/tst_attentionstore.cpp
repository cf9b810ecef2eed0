#include "attentionstore.h"
#include "database.h"
#include "formrepository.h"
#include "seedrows.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>
#include <QTest>

#include <map>

using namespace compose;
using namespace compose::test;

namespace {

using Ids = QSet<QString>;

// One song, three variations: rows for the given statuses (task ids <form>_t1..3), and the
// JSON naming jsonTasks (the same ids unless a test wants them to disagree).
void formWithGrid(const QSqlDatabase &db, FormSpec f, const QStringList &statuses,
                  const QString &ext, const QDateTime &made, QStringList jsonTasks = {})
{
    QStringList tasks;
    for (int v = 1; v <= 3; ++v)
        tasks << QStringLiteral("%1_t%2").arg(f.id).arg(v);
    if (jsonTasks.isEmpty())
        jsonTasks = tasks;
    QJsonObject json;
    json.insert(QStringLiteral("0"), QJsonArray::fromStringList(jsonTasks));
    f.variationTaskIds = QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
    insertForm(db, f);
    for (int v = 1; v <= 3; ++v) {
        if (statuses.value(v - 1).isEmpty())
            continue; // no row for this slot
        GenerationSpec g;
        g.id = QStringLiteral("g_") + tasks.at(v - 1);
        g.taskId = tasks.at(v - 1);
        g.formId = f.id;
        g.songIndex = 0;
        g.variationIndex = v;
        g.status = statuses.at(v - 1);
        g.createdAt = made;
        if (g.status == QLatin1String("completed")) {
            g.completedAt = made;
            g.audioUrl1 = QStringLiteral("https://cdn.example.com/%1.%2").arg(g.taskId, ext);
        }
        insertGeneration(db, g);
    }
}

FormSpec spec(const QString &id, const QString &status, const QDateTime &created)
{
    FormSpec f;
    f.id = id;
    f.status = status;
    f.createdAt = created;
    f.updatedAt = created;
    return f;
}

} // namespace

// Needs attention: every queue's condition made by a fixture, detected and counted once, forms
// just outside each condition not counted, the list filtered to exactly the queue's forms, the
// row flags, and the thresholds from the settings moving the counts. PostgreSQL migrated,
// PostgreSQL with the shop's schema only (our queues unavailable there) and SQLite.
class tst_AttentionStore : public QObject {
    Q_OBJECT
private slots:
    void initTestCase_data();
    void init();
    void cleanupTestCase();

    void eachQueueCountsItsFormsOnce();
    void listFilterShowsExactlyTheQueue();
    void rowFlags();
    void thresholdsChangeTheCounts();
    void matchingDropsFormsThatLeft();
    void largeQueuesAreCountedToTheCap();
    void tableEqualsTheDefinitions();

private:
    std::map<QString, std::pair<std::unique_ptr<TestDatabase>, std::unique_ptr<FormRepository>>>
        m_cache;
    TestDatabase *m_tdb = nullptr;
    FormRepository *m_repo = nullptr;
    bool m_migrated = true;
    void fill(QSqlDatabase db, bool migrated);
    std::map<Queue, Ids> expected() const;
    Ids listed(const QString &attention);
};

void tst_AttentionStore::initTestCase_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<bool>("migrated");
    QTest::addRow("postgresql-migrated") << SqlDialect::PostgreSQL << true;
    QTest::addRow("postgresql-seed-only") << SqlDialect::PostgreSQL << false;
    QTest::addRow("sqlite") << SqlDialect::SQLite << true;
}

void tst_AttentionStore::init()
{
    QFETCH_GLOBAL(SqlDialect, dialect);
    QFETCH_GLOBAL(bool, migrated);
    m_migrated = migrated;
    const QString tag = QStringLiteral("%1-%2").arg(int(dialect)).arg(migrated);
    if (!m_cache.count(tag)) {
        auto &slot = m_cache[tag];
        slot.first = std::make_unique<TestDatabase>(dialect);
        COMPOSE_REQUIRE_DB(*slot.first);
        if (migrated) {
            slot.first->migrate();
            // Reconciliation's table (another branch's migration 008), exactly as agreed.
            slot.first->exec(
                QStringLiteral(
                    "CREATE TABLE IF NOT EXISTS compose_reconciliation_findings (id %1 PRIMARY "
                    "KEY, "
                    "kind TEXT NOT NULL, form_id TEXT, stripe_object_id TEXT, detail TEXT, "
                    "found_at TIMESTAMP NOT NULL, resolved_at TIMESTAMP, resolution TEXT, "
                    "resolved_by TEXT, note TEXT)")
                    .arg(dialect == SqlDialect::PostgreSQL ? QStringLiteral("BIGSERIAL")
                                                           : QStringLiteral("INTEGER")));
        } else {
            slot.first->createSeedOnlySchema();
        }
        fill(slot.first->connection(), migrated);
        slot.second = std::make_unique<FormRepository>(slot.first->connection());
        slot.second->detect();
    }
    auto &[tdb, repo] = m_cache.at(tag);
    m_tdb = tdb.get();
    COMPOSE_REQUIRE_DB(*m_tdb);
    m_repo = repo.get();
    m_repo->setThresholds(AttentionThresholds());
}

void tst_AttentionStore::cleanupTestCase()
{
    m_cache.clear();
}

void tst_AttentionStore::fill(QSqlDatabase db, bool migrated)
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString completed = QStringLiteral("completed");
    const QStringList done {completed, completed, completed};
    const QStringList pending {QStringLiteral("pending"), QStringLiteral("processing"),
                               QStringLiteral("pending")};
    auto paid = [&](const QString &id, const QString &status, const QDateTime &paidAt,
                    bool order = true) {
        FormSpec f = spec(id, status, paidAt.addSecs(-3600));
        f.paidAt = paidAt;
        f.updatedAt = paidAt;
        f.amountPaid = 999;
        f.stripePaymentIntentId = QStringLiteral("pi_") + id;
        insertForm(db, f);
        if (order)
            insertOrder(db, QStringLiteral("ord_") + id, id, 999, std::nullopt,
                        QStringLiteral("guest@example.com"));
    };

    // Paid and not delivered: 2 h ago (in), 10 min ago (not yet), delivered (never).
    paid(QStringLiteral("q_paid"), QStringLiteral("payment_completed"), now.addSecs(-2 * 3600));
    paid(QStringLiteral("n_paid"), QStringLiteral("payment_completed"), now.addSecs(-600));
    paid(QStringLiteral("n_deliv"), QStringLiteral("delivered"), now.addDays(-3));
    // A failed variation never retried (in); one retried with a newer row (out).
    formWithGrid(
        db,
        spec(QStringLiteral("q_failed"), QStringLiteral("variations_ready"), now.addSecs(-3600)),
        {QStringLiteral("failed"), completed, completed}, QStringLiteral("mp3"),
        now.addSecs(-3500));
    {
        formWithGrid(db,
                     spec(QStringLiteral("n_retried"), QStringLiteral("variations_ready"),
                          now.addSecs(-3600)),
                     {QStringLiteral("failed"), completed, completed}, QStringLiteral("mp3"),
                     now.addSecs(-3500),
                     {QStringLiteral("n_retried_new"), QStringLiteral("n_retried_t2"),
                      QStringLiteral("n_retried_t3")});
        GenerationSpec g;
        g.id = QStringLiteral("g_n_retried_new");
        g.taskId = QStringLiteral("n_retried_new");
        g.formId = QStringLiteral("n_retried");
        g.songIndex = 0;
        g.variationIndex = 1;
        g.createdAt = now.addSecs(-1800);
        g.completedAt = g.createdAt;
        g.audioUrl1 = QStringLiteral("https://cdn.example.com/new.mp3");
        insertGeneration(db, g);
    }
    // Generating for 30 min (in) and for 5 min (out).
    formWithGrid(db,
                 spec(QStringLiteral("q_stuck"), QStringLiteral("variations_generating"),
                      now.addSecs(-1800)),
                 pending, QStringLiteral("mp3"), now.addSecs(-1800));
    formWithGrid(
        db,
        spec(QStringLiteral("n_gen"), QStringLiteral("variations_generating"), now.addSecs(-300)),
        pending, QStringLiteral("mp3"), now.addSecs(-300));
    // WAV previews made 6 days ago: gone within 48 h (in); MP3 ones keep 90 days (out).
    formWithGrid(db,
                 spec(QStringLiteral("q_preview"), QStringLiteral("variations_ready"),
                      now.addDays(-6).addSecs(-60)),
                 done, QStringLiteral("wav"), now.addDays(-6));
    formWithGrid(db,
                 spec(QStringLiteral("n_preview"), QStringLiteral("variations_ready"),
                      now.addDays(-6).addSecs(-60)),
                 done, QStringLiteral("mp3"), now.addDays(-6));
    // The JSON names another task for a slot; the JSON names a task with no row.
    formWithGrid(
        db, spec(QStringLiteral("q_json"), QStringLiteral("variations_ready"), now.addSecs(-3600)),
        done, QStringLiteral("mp3"), now.addSecs(-3500),
        {QStringLiteral("q_json_t1"), QStringLiteral("q_json_t2"),
         QStringLiteral("somebody_else")});
    formWithGrid(db,
                 spec(QStringLiteral("q_json_orphan"), QStringLiteral("variations_ready"),
                      now.addSecs(-3600)),
                 {completed, completed, QString()}, QStringLiteral("mp3"), now.addSecs(-3500));
    // Delivered without an order; an order without a form.
    paid(QStringLiteral("q_noorder"), QStringLiteral("delivered"), now.addDays(-2), false);
    Db::execSql(db,
                QStringLiteral("INSERT INTO orders(id, amount, currency, status, credits, "
                               "form_id, guest_email) VALUES ('ord_orphan', 999, 'usd', "
                               "'paid', 0, NULL, 'lost@example.com')"));
    // A status the workflow does not know; an ordinary new form.
    insertForm(db, spec(QStringLiteral("q_unknown"), QStringLiteral("on_hold"), now.addDays(-1)));
    insertForm(db, spec(QStringLiteral("n_created"), QStringLiteral("created"), now));

    if (!migrated)
        return; // refunds, payment flags and findings are our tables
    // Paid twice, the second payment still paid (in) or refunded itself (out).
    paid(QStringLiteral("q_dup"), QStringLiteral("delivered"), now.addDays(-4));
    paid(QStringLiteral("n_dup"), QStringLiteral("delivered"), now.addDays(-4));
    Db::execSql(db,
                QStringLiteral("INSERT INTO orders(id, amount, currency, status, credits, "
                               "form_id, guest_email, payment_flag) VALUES ('ord_dup', 999, "
                               "'usd', 'paid', 0, 'q_dup', 'g@example.com', 'duplicate'), "
                               "('ord_dup2', 999, 'usd', 'refunded', 0, 'n_dup', "
                               "'g@example.com', 'duplicate')"));
    // A pending and a failed refund on one form (in, once); failed then refunded (out).
    paid(QStringLiteral("q_refund"), QStringLiteral("delivered"), now.addDays(-5));
    paid(QStringLiteral("n_refund"), QStringLiteral("delivered"), now.addDays(-5));
    auto refund
        = [&](const QString &id, const QString &form, const QString &status, const QDateTime &at) {
              QSqlQuery q = Db::prepare(
                  db,
                  QStringLiteral("INSERT INTO compose_refunds(id, form_id, payment_intent, amount, "
                                 "reason, status, created_at, updated_at) VALUES (:id, :f, :pi, "
                                 "300, 'requested_by_customer', :s, :t, :t2)"));
              q.bindValue(QStringLiteral(":id"), id);
              q.bindValue(QStringLiteral(":f"), form);
              q.bindValue(QStringLiteral(":pi"), QString(QStringLiteral("pi_") + form));
              q.bindValue(QStringLiteral(":s"), status);
              q.bindValue(QStringLiteral(":t"), Db::timestamp(at));
              q.bindValue(QStringLiteral(":t2"), Db::timestamp(at));
              Db::exec(q);
          };
    refund(QStringLiteral("re_1"), QStringLiteral("q_refund"), QStringLiteral("pending"),
           now.addDays(-1));
    refund(QStringLiteral("re_2"), QStringLiteral("q_refund"), QStringLiteral("failed"),
           now.addDays(-2));
    refund(QStringLiteral("re_3"), QStringLiteral("n_refund"), QStringLiteral("failed"),
           now.addDays(-2));
    refund(QStringLiteral("re_4"), QStringLiteral("n_refund"), QStringLiteral("succeeded"),
           now.addDays(-1));
    // Stripe says paid, no webhook: an open finding (in) and a resolved one (out).
    insertForm(
        db,
        spec(QStringLiteral("q_webhook"), QStringLiteral("payment_initiated"), now.addDays(-1)));
    insertForm(
        db,
        spec(QStringLiteral("n_webhook"), QStringLiteral("payment_initiated"), now.addDays(-1)));
    const QString t = Db::timestamp(now.addSecs(-600)).toString();
    Db::execSql(db,
                QStringLiteral("INSERT INTO compose_reconciliation_findings(kind, form_id, "
                               "stripe_object_id, detail, found_at, resolved_at) VALUES "
                               "('paid_without_webhook', 'q_webhook', 'cs_1', 'paid', '%1', "
                               "NULL), ('paid_without_webhook', 'n_webhook', 'cs_2', 'paid', "
                               "'%1', '%1'), ('amount_mismatch', 'n_created', 'cs_3', 'x', "
                               "'%1', NULL)")
                    .arg(t));
}

std::map<Queue, Ids> tst_AttentionStore::expected() const
{
    std::map<Queue, Ids> e {
        {Queue::PaidNotDelivered, {QStringLiteral("q_paid")}},
        {Queue::FailedGeneration, {QStringLiteral("q_failed")}},
        {Queue::StuckGenerating, {QStringLiteral("q_stuck")}},
        {Queue::PaidWithoutWebhook, {}},
        {Queue::DuplicatePayment, {}},
        {Queue::RefundProblem, {}},
        {Queue::PreviewExpiring, {QStringLiteral("q_preview")}},
        {Queue::JsonMismatch, {QStringLiteral("q_json"), QStringLiteral("q_json_orphan")}},
        {Queue::OrderMismatch, {QStringLiteral("q_noorder")}},
        {Queue::UnknownStatus, {QStringLiteral("q_unknown")}},
    };
    if (m_migrated) {
        e[Queue::PaidWithoutWebhook] = {QStringLiteral("q_webhook")};
        e[Queue::DuplicatePayment] = {QStringLiteral("q_dup")};
        e[Queue::RefundProblem] = {QStringLiteral("q_refund")};
    }
    return e;
}

Ids tst_AttentionStore::listed(const QString &attention)
{
    FormListQuery q;
    q.attention = attention;
    Ids ids;
    m_repo->forEach(q, [&ids](const FormSummary &s) {
        ids.insert(s.id);
        return true;
    });
    return ids;
}

void tst_AttentionStore::eachQueueCountsItsFormsOnce()
{
    const AttentionCounts counts = m_repo->attention();
    QCOMPARE(counts.queues.size(), QueueCount);
    for (const auto &[queue, ids] : expected()) {
        const auto v = counts.find(queue);
        QVERIFY(v);
        const bool ours = queue == Queue::PaidWithoutWebhook || queue == Queue::DuplicatePayment
            || queue == Queue::RefundProblem;
        QCOMPARE(v->available, m_migrated || !ours);
        QVERIFY2(v->forms == ids.size(),
                 qPrintable(QStringLiteral("%1: %2 counted, %3 expected")
                                .arg(Attention::key(queue))
                                .arg(v->forms)
                                .arg(ids.size())));
    }
    QCOMPARE(counts.ordersWithoutForm, 1);
}

void tst_AttentionStore::listFilterShowsExactlyTheQueue()
{
    for (const auto &[queue, ids] : expected())
        QCOMPARE(listed(Attention::key(queue)), ids);
    // The flags that are not a queue of their own.
    QCOMPARE(listed(Attention::stuckKey()),
             (Ids {QStringLiteral("q_stuck"), QStringLiteral("q_paid")}));
    if (m_migrated)
        QCOMPARE(listed(Attention::refundedKey()), (Ids {QStringLiteral("n_refund")}));
    // Filters combine with the others: the status filter and the search.
    FormListQuery q;
    q.attention = Attention::key(Queue::JsonMismatch);
    q.search = QStringLiteral("q_json_orphan");
    QCOMPARE(m_repo->page(q, {}, 10).rows.size(), 1);
    QVERIFY(listed(QStringLiteral("no_such_queue")).isEmpty());
}

void tst_AttentionStore::rowFlags()
{
    FormListQuery q;
    q.sort.key = ListSort::Id;
    std::map<QString, int> flags;
    m_repo->forEach(q, [&flags](const FormSummary &s) {
        flags[s.id] = s.flags;
        return true;
    });
    QCOMPARE(flags.at(QStringLiteral("q_failed")), int(RowFlag::Failed));
    QCOMPARE(flags.at(QStringLiteral("q_stuck")), int(RowFlag::Stuck));
    QCOMPARE(flags.at(QStringLiteral("q_paid")), int(RowFlag::Stuck));
    QCOMPARE(flags.at(QStringLiteral("q_preview")), int(RowFlag::ExpiredPreview));
    QCOMPARE(flags.at(QStringLiteral("n_created")), 0);
    QCOMPARE(flags.at(QStringLiteral("n_retried")), 0);
    if (m_migrated) {
        QCOMPARE(flags.at(QStringLiteral("q_dup")), int(RowFlag::DuplicatePayment));
        QCOMPARE(flags.at(QStringLiteral("n_refund")), int(RowFlag::Refunded));
    }
    // The live refresh path carries the flags too.
    const QList<FormSummary> rows = m_repo->summaries({QStringLiteral("q_failed")});
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().flags, int(RowFlag::Failed));
    QVERIFY(Attention::flagsText(rows.first().flags).contains(QStringLiteral("failed")));
}

void tst_AttentionStore::thresholdsChangeTheCounts()
{
    auto count = [this](Queue q) {
        return m_repo->attention().find(q)->forms;
    };
    AttentionThresholds t;
    t.paidUndeliveredMinutes = 180; // q_paid was paid 2 h ago
    t.generatingMinutes = 60; // q_stuck has been generating 30 min
    t.previewWarningHours = 12; // q_preview's WAV lapses in about 24 h
    m_repo->setThresholds(t);
    QCOMPARE(count(Queue::PaidNotDelivered), 0);
    QCOMPARE(count(Queue::StuckGenerating), 0);
    QCOMPARE(count(Queue::PreviewExpiring), 0);
    t.paidUndeliveredMinutes = 5; // n_paid, 10 min ago, too
    t.generatingMinutes = 1; // n_gen, 5 min, too
    t.previewWarningHours = 48;
    t.mp3RetentionDays = 6; // n_preview's MP3 files as well
    m_repo->setThresholds(t);
    QCOMPARE(count(Queue::PaidNotDelivered), 2);
    QCOMPARE(count(Queue::StuckGenerating), 2);
    QCOMPARE(count(Queue::PreviewExpiring), 2);
    // The list filter uses the same thresholds.
    QCOMPARE(listed(Attention::key(Queue::PaidNotDelivered)),
             (Ids {QStringLiteral("q_paid"), QStringLiteral("n_paid")}));
}

void tst_AttentionStore::matchingDropsFormsThatLeft()
{
    FormListQuery q;
    q.attention = Attention::key(Queue::JsonMismatch);
    const QStringList asked {QStringLiteral("q_json"), QStringLiteral("n_created"),
                             QStringLiteral("q_json_orphan")};
    QStringList got = m_repo->matching(q, asked);
    got.sort();
    QCOMPARE(got, (QStringList {QStringLiteral("q_json"), QStringLiteral("q_json_orphan")}));
}

void tst_AttentionStore::largeQueuesAreCountedToTheCap()
{
    // Once per run (SQLite), on a database of its own: a queue past the cap reads "1000+".
    QFETCH_GLOBAL(SqlDialect, dialect);
    QFETCH_GLOBAL(bool, migrated);
    if (dialect != SqlDialect::SQLite || !migrated)
        return;
    TestDatabase big(SqlDialect::SQLite);
    big.migrate();
    QSqlDatabase db = big.connection();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    {
        Db::Transaction tx(db);
        for (int i = 0; i < QueueCountValue::Cap + 5; ++i)
            insertForm(db,
                       spec(QStringLiteral("stuck_%1").arg(i),
                            QStringLiteral("variations_generating"), now.addDays(-1)));
        tx.commit();
    }
    FormRepository repo(db);
    repo.detect();
    const auto v = repo.attention().find(Queue::StuckGenerating);
    QVERIFY(v);
    QCOMPARE(v->forms, QueueCountValue::Cap + 1);
    QVERIFY(v->capped());
}

void tst_AttentionStore::tableEqualsTheDefinitions()
{
    // compose_attention (migration 012), kept by triggers while the fixture was written, holds
    // exactly what the queue definitions over the shop's tables say, with the same clocks.
    if (!m_migrated)
        return; // no table: the definitions are what is counted
    const Capabilities caps = m_repo->detect();
    QVERIFY(caps.schemaVersion >= 12);
    QVERIFY(m_tdb->count(QStringLiteral("SELECT COUNT(*) FROM compose_attention")) > 0);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const AttentionThresholds t;
    for (Queue q : Attention::all()) {
        const AttentionStore::Clause def
            = AttentionStore::definition(Attention::key(q), caps, t, now);
        QSqlQuery query
            = Db::prepare(m_tdb->connection(),
                          QStringLiteral("SELECT f.id FROM compose_forms f WHERE ") + def.sql);
        for (const auto &[name, v] : def.binds)
            query.bindValue(name, v);
        Db::exec(query);
        Ids defined;
        while (query.next())
            defined.insert(query.value(0).toString());
        QCOMPARE(defined, expected().at(q));
        QCOMPARE(listed(Attention::key(q)), defined);
    }
    QCOMPARE(m_tdb->count(QStringLiteral(
                 "SELECT COUNT(*) FROM (SELECT kind, subject_id, since FROM compose_attention "
                 "EXCEPT SELECT kind, subject_id, since FROM compose_attention_due) x")),
             0);
    QCOMPARE(m_tdb->count(
                 QStringLiteral("SELECT COUNT(*) FROM (SELECT kind, subject_id, since FROM "
                                "compose_attention_due EXCEPT SELECT kind, subject_id, since FROM "
                                "compose_attention) x")),
             0);
    QCOMPARE(m_tdb->count(QStringLiteral(
                 "SELECT COUNT(*) FROM compose_attention WHERE kind = 'order_without_form'")),
             1);
}

QTEST_GUILESS_MAIN(tst_AttentionStore)
#include "tst_attentionstore.moc"
