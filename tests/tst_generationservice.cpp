// GenerationService without HTTP: claims, recording a start, applying MusicGPT's results, the
// per-form call budget, on SQLite and PostgreSQL. Each state path is checked by counting the
// rows that really exist afterwards, including when the work fails half-way.
#include "apicontext.h"
#include "apierror.h"
#include "database.h"
#include "generationservice.h"
#include "seedrows.h"
#include "serverconfig.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace compose;
using compose::test::TestDatabase;

namespace {

// One migrated database and the service on its connection, as compose-api's thread has them.
struct Fixture {
    explicit Fixture(SqlDialect dialect)
        : db(dialect)
    {
    }
    bool start()
    {
        if (!db.isAvailable())
            return false;
        db.migrate();
        ServerConfig config;
        config.database = db.settings();
        ctx = std::make_unique<ApiContext>(config, db.connection().connectionName(), nullptr);
        service = std::make_unique<GenerationService>(ctx.get());
        return true;
    }
    int count(const QString &sql) { return db.count(sql); }
    QString text(const QString &sql) { return db.text(sql); }
    GenerationService::Started started(const QString &taskId) const
    {
        GenerationService::Started s;
        s.taskId = taskId;
        s.conversionId1 = taskId + QStringLiteral("_c1");
        s.conversionId2 = taskId + QStringLiteral("_c2");
        s.raw = QJsonObject {{QStringLiteral("task_id"), taskId}};
        return s;
    }
    // Claims the slot and records the start in one transaction, as the routes do.
    void startSlot(const QString &formId, int song, int variation, const QString &taskId)
    {
        {
            Db::Transaction tx(ctx->db());
            QVERIFY(service->claimSlot(formId, song, variation));
            tx.commit();
        }
        Db::Transaction tx(ctx->db());
        ctx->setActor(QStringLiteral("customer"));
        service->applyStarted(formId, song, variation, started(taskId), true,
                              QStringLiteral("customer"));
        tx.commit();
    }
    void deliver(const QString &taskId, int version)
    {
        Db::Transaction tx(ctx->db());
        ctx->setActor(QStringLiteral("system"));
        GenerationService::Version v;
        v.audioUrl = QStringLiteral("https://cdn.example/%1_%2.mp3").arg(taskId).arg(version);
        v.duration = 61.4;
        service->applyVersion(taskId, version, v);
        service->finishIfComplete(taskId);
        tx.commit();
    }

    TestDatabase db;
    std::unique_ptr<ApiContext> ctx;
    std::unique_ptr<GenerationService> service;
};

test::FormSpec promptedForm(const QString &id)
{
    test::FormSpec f;
    f.id = id;
    f.status = QStringLiteral("prompts_generated");
    return f;
}

void dialects()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::newRow("sqlite") << SqlDialect::SQLite;
    QTest::newRow("postgresql") << SqlDialect::PostgreSQL;
}

} // namespace

#define FIXTURE(name)                                                                              \
    QFETCH(SqlDialect, dialect);                                                                   \
    Fixture name(dialect);                                                                         \
    COMPOSE_REQUIRE_DB(name.db);                                                                   \
    QVERIFY(name.start())

class tst_GenerationService : public QObject {
    Q_OBJECT
private slots:
    void claims_data() { dialects(); }
    void claims();
    void startThenComplete_data() { dialects(); }
    void startThenComplete();
    void refusedStartWritesNothing_data() { dialects(); }
    void refusedStartWritesNothing();
    void abandonedStartLeavesOnlyTheClaim_data() { dialects(); }
    void abandonedStartLeavesOnlyTheClaim();
    void retryResetsTheSlotsRow_data() { dialects(); }
    void retryResetsTheSlotsRow();
    void lateResultsChangeNothing_data() { dialects(); }
    void lateResultsChangeNothing();
    void callBudgetStopsAtTheCap_data() { dialects(); }
    void callBudgetStopsAtTheCap();
};

void tst_GenerationService::claims()
{
    FIXTURE(f);
    test::insertForm(f.db.connection(), promptedForm(QStringLiteral("cf_claims")));
    const QString form = QStringLiteral("cf_claims");
    QVERIFY(f.service->claimSlot(form, 0, 1));
    QVERIFY(!f.service->claimSlot(form, 0, 1)); // held
    QVERIFY(f.service->claimSlot(form, 0, 2)); // another slot is free
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM compose_generation_claims")), 2);

    // A claim older than any outbound call belongs to a dead process: the next caller takes it.
    QSqlQuery age(f.db.connection());
    age.prepare(QStringLiteral("UPDATE compose_generation_claims SET claimed_at = :t "
                               "WHERE variation_index = 1"));
    age.bindValue(QStringLiteral(":t"),
                  Db::timestamp(QDateTime::currentDateTimeUtc().addSecs(
                      -GenerationService::ClaimStaleSeconds - 5)));
    QVERIFY(age.exec());
    QVERIFY(f.service->claimSlot(form, 0, 1));
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM compose_generation_claims")), 2);

    f.service->releaseClaim(form, 0, 1);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM compose_generation_claims")), 1);
    QVERIFY(f.service->claimSlot(form, 0, 1));
}

void tst_GenerationService::startThenComplete()
{
    FIXTURE(f);
    const QString form = QStringLiteral("cf_full");
    test::insertForm(f.db.connection(), promptedForm(form));
    for (int v = 1; v <= 3; ++v)
        f.startSlot(form, 0, v, QStringLiteral("task_%1").arg(v));
    QCOMPARE(
        f.count(QStringLiteral("SELECT COUNT(*) FROM music_generations WHERE form_id = 'cf_full'")),
        3);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM compose_generation_claims")), 0);
    QCOMPARE(f.ctx->requireForm(form).statusKey, QStringLiteral("variations_generating"));
    QCOMPARE(
        f.ctx->requireForm(form).variationTaskIds.toObject().value(QStringLiteral("0")).toArray(),
        (QJsonArray {QStringLiteral("task_1"), QStringLiteral("task_2"),
                     QStringLiteral("task_3")}));
    QVERIFY(f.service->existingGeneration(form, 0, 2).has_value());

    // One version is not a finished generation; both are.
    f.deliver(QStringLiteral("task_1"), 1);
    QCOMPARE(f.service->requireByTask(QStringLiteral("task_1")).status,
             QStringLiteral("in_progress"));
    f.deliver(QStringLiteral("task_1"), 2);
    const GenerationRecord g = f.service->requireByTask(QStringLiteral("task_1"));
    QCOMPARE(g.status, QStringLiteral("completed"));
    QCOMPARE(g.duration1, std::optional<int>(61));
    QVERIFY(g.completedAt.isValid());
    QCOMPARE(f.ctx->requireForm(form)
                 .variationAudioUrls.toObject()
                 .value(QStringLiteral("0"))
                 .toObject()
                 .value(QStringLiteral("1"))
                 .toString(),
             QStringLiteral("https://cdn.example/task_1_1.mp3"));
    QCOMPARE(f.ctx->requireForm(form).statusKey, QStringLiteral("variations_generating"));

    for (const QString t : {QStringLiteral("task_2"), QStringLiteral("task_3")}) {
        f.deliver(t, 1);
        f.deliver(t, 2);
    }
    QCOMPARE(f.ctx->requireForm(form).statusKey, QStringLiteral("variations_ready"));
    QCOMPARE(f.count(QStringLiteral(
                 "SELECT COUNT(*) FROM music_generations WHERE status = 'completed'")),
             3);
}

void tst_GenerationService::refusedStartWritesNothing()
{
    FIXTURE(f);
    // A paid form cannot go back to generating: the start fails after the claim and before
    // any row; the transaction takes nothing with it but leaves the claim it did not reach.
    test::FormSpec spec = promptedForm(QStringLiteral("cf_paid"));
    spec.status = QStringLiteral("payment_completed");
    spec.amountPaid = 999;
    test::insertForm(f.db.connection(), spec);
    {
        Db::Transaction tx(f.ctx->db());
        QVERIFY(f.service->claimSlot(spec.id, 0, 1));
        tx.commit();
    }
    bool refused = false;
    try {
        Db::Transaction tx(f.ctx->db());
        f.service->applyStarted(spec.id, 0, 1, f.started(QStringLiteral("task_x")), true,
                                QStringLiteral("customer"));
        tx.commit();
    } catch (const ApiError &e) {
        refused = e.status() == 409;
    }
    QVERIFY(refused);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM music_generations")), 0);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM compose_generation_claims")), 1);
    QCOMPARE(f.text(QStringLiteral("SELECT status FROM compose_forms WHERE id = 'cf_paid'")),
             QStringLiteral("payment_completed"));
    QVERIFY(f.ctx->requireForm(spec.id).variationTaskIds.isNull());
}

void tst_GenerationService::abandonedStartLeavesOnlyTheClaim()
{
    FIXTURE(f);
    // MusicGPT started the task, but the transaction recording it fails after every write
    // (here: it is never committed). Nothing of the start may remain; the claim stays until
    // the caller releases it (or it goes stale), so no second caller starts the slot twice.
    const QString form = QStringLiteral("cf_abandon");
    test::insertForm(f.db.connection(), promptedForm(form));
    {
        Db::Transaction tx(f.ctx->db());
        QVERIFY(f.service->claimSlot(form, 0, 1));
        tx.commit();
    }
    {
        Db::Transaction tx(f.ctx->db());
        f.ctx->setActor(QStringLiteral("customer"));
        f.service->applyStarted(form, 0, 1, f.started(QStringLiteral("task_gone")), true,
                                QStringLiteral("customer"));
        QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM music_generations")), 1);
    } // rolled back
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM music_generations")), 0);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM compose_generation_claims")), 1);
    QCOMPARE(f.text(QStringLiteral("SELECT status FROM compose_forms WHERE id = 'cf_abandon'")),
             QStringLiteral("prompts_generated"));
    QCOMPARE(f.count(QStringLiteral(
                 "SELECT COUNT(*) FROM compose_form_events "
                 "WHERE form_id = 'cf_abandon' AND new_status = 'variations_generating'")),
             0);
    QVERIFY(!f.service->claimSlot(form, 0, 1));
    f.service->releaseClaimQuietly(form, 0, 1);
    QVERIFY(f.service->claimSlot(form, 0, 1));
}

void tst_GenerationService::retryResetsTheSlotsRow()
{
    FIXTURE(f);
    const QString form = QStringLiteral("cf_retry");
    test::insertForm(f.db.connection(), promptedForm(form));
    f.startSlot(form, 0, 1, QStringLiteral("task_a"));
    f.deliver(QStringLiteral("task_a"), 1);
    {
        Db::Transaction tx(f.ctx->db());
        f.service->applyFailure(QStringLiteral("task_a"), QStringLiteral("boom"));
        tx.commit();
    }
    QCOMPARE(f.service->requireByTask(QStringLiteral("task_a")).status, QStringLiteral("failed"));
    QVERIFY(!f.service->existingGeneration(form, 0, 1)); // a failed slot may start again
    const QString rowId = f.service->requireByTask(QStringLiteral("task_a")).id;

    f.startSlot(form, 0, 1, QStringLiteral("task_b"));
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM music_generations")), 1);
    const GenerationRecord g = f.service->requireByTask(QStringLiteral("task_b"));
    QCOMPARE(g.id, rowId);
    QCOMPARE(g.status, QStringLiteral("pending"));
    QVERIFY(g.audioUrl1.isNull());
    QCOMPARE(g.conversionId1, QStringLiteral("task_b_c1"));
}

void tst_GenerationService::lateResultsChangeNothing()
{
    FIXTURE(f);
    const QString form = QStringLiteral("cf_late");
    test::insertForm(f.db.connection(), promptedForm(form));
    f.startSlot(form, 0, 1, QStringLiteral("task_l"));
    f.deliver(QStringLiteral("task_l"), 1);
    f.deliver(QStringLiteral("task_l"), 2);
    const GenerationRecord before = f.service->requireByTask(QStringLiteral("task_l"));
    QCOMPARE(before.status, QStringLiteral("completed"));

    // Repeated deliveries, a late failure and a late "in progress" for a finished song.
    Db::Transaction tx(f.ctx->db());
    GenerationService::Version other;
    other.audioUrl = QStringLiteral("https://cdn.example/other.mp3");
    f.service->applyVersion(QStringLiteral("task_l"), 1, other);
    f.service->applyFailure(QStringLiteral("task_l"), QStringLiteral("late"));
    f.service->applyInProgress(QStringLiteral("task_l"));
    f.service->finishIfComplete(QStringLiteral("task_l"));
    tx.commit();
    const GenerationRecord after = f.service->requireByTask(QStringLiteral("task_l"));
    QCOMPARE(after.status, QStringLiteral("completed"));
    QCOMPARE(after.audioUrl1, before.audioUrl1);
    QCOMPARE(after.completedAt, before.completedAt);
    QCOMPARE(f.count(QStringLiteral("SELECT COUNT(*) FROM music_generations "
                                    "WHERE status_response IS NOT NULL")),
             0);
}

void tst_GenerationService::callBudgetStopsAtTheCap()
{
    FIXTURE(f);
    const QString form = QStringLiteral("cf_budget");
    test::insertForm(f.db.connection(), promptedForm(form));
    int spent = 0;
    int refused = 0;
    for (int i = 0; i < GenerationService::MaxCallsPerForm + 3; ++i) {
        try {
            Db::Transaction tx(f.ctx->db());
            f.service->spendCall(form);
            tx.commit();
            ++spent;
        } catch (const ApiError &e) {
            QCOMPARE(e.status(), 429);
            ++refused;
        }
    }
    QCOMPARE(spent, GenerationService::MaxCallsPerForm);
    QCOMPARE(refused, 3);
    QCOMPARE(f.count(QStringLiteral("SELECT calls FROM compose_generation_budget "
                                    "WHERE form_id = 'cf_budget'")),
             GenerationService::MaxCallsPerForm);
}

QTEST_GUILESS_MAIN(tst_GenerationService)
#include "tst_generationservice.moc"
