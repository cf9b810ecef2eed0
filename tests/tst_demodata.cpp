#include "apiharness.h"
#include "attentionstore.h"
#include "database.h"
#include "demodata.h"
#include "demoplan.h"
#include "formrepository.h"
#include "formstatus.h"
#include "testdatabase.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace compose;
using compose::test::TestDatabase;

namespace {

const QDateTime kNow = QDateTime(QDate(2025, 12, 16), QTime(18, 0), Qt::UTC);
const QString kAudioBase = QStringLiteral("http://127.0.0.1:9/audio");

DemoOptions options()
{
    DemoOptions o;
    o.now = kNow;
    o.audioBase = kAudioBase;
    return o;
}

QString jsonCol(SqlDialect d, const QString &column)
{
    return d == SqlDialect::PostgreSQL ? column + QStringLiteral("::text") : column;
}

// Runs a query expected to return exactly one value.
QVariant scalar(const QSqlDatabase &db, const QString &sql, const QVariantMap &binds = {})
{
    QSqlQuery q = Db::prepare(db, sql);
    for (auto it = binds.cbegin(); it != binds.cend(); ++it)
        q.bindValue(it.key(), it.value());
    Db::exec(q);
    if (!q.next())
        qFatal("no row for %s", qPrintable(sql));
    return q.value(0);
}

} // namespace

class tst_DemoData : public QObject {
    Q_OBJECT
private slots:
    void populate_data();
    void populate();
    void historyFollowsEachFormsLife_data();
    void historyFollowsEachFormsLife();
    void deterministic();
    void seedOnlySchema();
    void lostWebhooksAreFoundWhenTheApiStarts_data();
    void lostWebhooksAreFoundWhenTheApiStarts();
};

void tst_DemoData::populate_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addRow("sqlite") << SqlDialect::SQLite;
    QTest::addRow("postgresql") << SqlDialect::PostgreSQL;
}

void tst_DemoData::populate()
{
    QFETCH(SqlDialect, dialect);
    TestDatabase tdb(dialect);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    QSqlDatabase db = tdb.connection();
    QVERIFY(!DemoData::hasForms(db));
    const DemoResult r = DemoData::populate(db, options());
    QVERIFY(DemoData::hasForms(db));

    // Counts agree with the database.
    QCOMPARE(r.forms, 600);
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM compose_forms")).toInt(), r.forms);
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM music_generations")).toInt(),
             r.generations);
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM orders")).toInt(), r.orders);
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM compose_refunds")).toInt(), r.refunds);
    QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM \"user\"")).toInt(), r.users);
    QVERIFY(r.generations > 1500);
    QVERIFY(r.refunds >= r.statusCounts.value(QStringLiteral("refunded")));
    QVERIFY(r.deliveries > 0);

    // Every status, plus statuses the product does not know.
    QMap<QString, int> inDb;
    {
        QSqlQuery q = Db::prepare(
            db, QStringLiteral("SELECT status, COUNT(*) FROM compose_forms GROUP BY status"));
        Db::exec(q);
        while (q.next())
            inDb.insert(q.value(0).toString(), q.value(1).toInt());
    }
    QCOMPARE(inDb, r.statusCounts);
    for (FormStatus s : Status::all())
        QVERIFY2(inDb.value(Status::key(s)) > 0, qPrintable(Status::key(s)));
    QVERIFY(inDb.value(QStringLiteral("on_hold")) >= 2);
    QVERIFY(inDb.value(QStringLiteral("delivered")) > inDb.value(QStringLiteral("refunded")));

    // Guests and account holders; solo and bundle.
    QVERIFY(
        scalar(db, QStringLiteral("SELECT COUNT(*) FROM compose_forms WHERE user_id IS NOT NULL"))
            .toInt()
        > 100);
    QVERIFY(
        scalar(db,
               QStringLiteral("SELECT COUNT(*) FROM compose_forms WHERE guest_email IS NOT NULL"))
            .toInt()
        > 100);
    QVERIFY(scalar(db,
                   QStringLiteral("SELECT COUNT(*) FROM compose_forms WHERE package_type = "
                                  "'holiday-hamper' AND song_count = 3"))
                .toInt()
            > 100);
    QCOMPARE(scalar(db,
                    QStringLiteral("SELECT COUNT(*) FROM compose_forms WHERE package_type NOT IN "
                                   "('holiday-hamper', 'solo-serenade')"))
                 .toInt(),
             0);

    // Generations per form: 3 per song once submitted; bundles therefore 9.
    int bundlesWithNine = 0;
    {
        QSqlQuery q
            = Db::prepare(db,
                          QStringLiteral("SELECT f.id, f.song_count, COUNT(g.id), "
                                         "f.variation_task_ids IS NULL FROM compose_forms f "
                                         "LEFT JOIN music_generations g ON g.form_id = f.id GROUP "
                                         "BY f.id, f.song_count, f.variation_task_ids"));
        Db::exec(q);
        while (q.next()) {
            const QString id = q.value(0).toString();
            const int songs = q.value(1).toInt();
            const int gens = q.value(2).toInt();
            const bool noTasks = q.value(3).toBool();
            if (id == r.messyForms.value(QStringLiteral("orphanTaskId"))) {
                QCOMPARE(gens, 2);
                continue;
            }
            QCOMPARE(gens, noTasks ? 0 : songs * 3);
            if (songs == 3 && gens == 9)
                ++bundlesWithNine;
        }
    }
    QVERIFY(bundlesWithNine > 50);

    // Generations: completed ones playable from the simulator, some failed, some in flight.
    QCOMPARE(
        scalar(db,
               QStringLiteral("SELECT COUNT(*) FROM music_generations WHERE status = 'completed' "
                              "AND (duration_1 IS NULL OR audio_url_1 IS NULL OR audio_url_1 <> "
                              ":base || '/' || conversion_id_1 || '.wav')"),
               {{QStringLiteral(":base"), kAudioBase}})
            .toInt(),
        1);
    // ... the one exception being the deliberately expired preview, which the simulator 404s.
    QCOMPARE(scalar(db,
                    QStringLiteral(
                        "SELECT COUNT(*) FROM music_generations WHERE status = 'completed' "
                        "AND audio_url_1 = :base || '/expired-' || conversion_id_1 || '.wav'"),
                    {{QStringLiteral(":base"), kAudioBase}})
                 .toInt(),
             1);
    QVERIFY(
        scalar(db, QStringLiteral("SELECT COUNT(*) FROM music_generations WHERE status = 'failed'"))
            .toInt()
        > 0);
    QVERIFY(
        scalar(
            db,
            QStringLiteral(
                "SELECT COUNT(*) FROM music_generations WHERE status IN ('pending', 'processing')"))
            .toInt()
        > 0);

    // Time: the 60 days before now, updated after created, 7-day expiry, paid_at for paid forms.
    QCOMPARE(
        scalar(db,
               QStringLiteral("SELECT COUNT(*) FROM compose_forms WHERE updated_at < created_at"))
            .toInt(),
        0);
    QCOMPARE(
        scalar(
            db,
            QStringLiteral(
                "SELECT COUNT(*) FROM compose_forms WHERE created_at < :from OR updated_at > :now"),
            {{QStringLiteral(":from"), Db::timestamp(kNow.addDays(-61))},
             {QStringLiteral(":now"), Db::timestamp(kNow)}})
            .toInt(),
        0);
    {
        QSqlQuery q
            = Db::prepare(db, QStringLiteral("SELECT created_at, expires_at FROM compose_forms"));
        Db::exec(q);
        while (q.next())
            QCOMPARE(Db::readTimestamp(q.value(1)), Db::readTimestamp(q.value(0)).addDays(7));
    }
    QCOMPARE(
        scalar(db,
               QStringLiteral(
                   "SELECT COUNT(*) FROM compose_forms WHERE status IN ('payment_completed', "
                   "'delivered', 'refunded') AND id <> :noorder "
                   "AND (paid_at IS NULL OR amount_paid <> 999 OR stripe_payment_intent_id IS NULL "
                   "OR NOT EXISTS (SELECT 1 FROM orders o WHERE o.form_id = compose_forms.id AND "
                   "o.amount = 999 AND o.currency = 'usd'))"),
               {{QStringLiteral(":noorder"),
                 r.attentionForms.value(QStringLiteral("paidWithoutOrder"))}})
            .toInt(),
        0);
    QCOMPARE(scalar(db,
                    QStringLiteral("SELECT COUNT(*) FROM compose_forms WHERE status IN ('created', "
                                   "'prompts_generated', "
                                   "'variations_generating', 'variations_ready', "
                                   "'payment_initiated') AND paid_at IS NOT NULL"))
                 .toInt(),
             0);
    QCOMPARE(
        scalar(db,
               QStringLiteral(
                   "SELECT COUNT(*) FROM compose_forms f WHERE f.status = 'refunded' AND "
                   "(SELECT SUM(amount) FROM compose_refunds r WHERE r.form_id = f.id) <> 999"))
            .toInt(),
        0);

    // Needs attention: each money case on its own form, so the demo's queues are not empty.
    for (const QString &kind : demo::attentionKinds())
        QVERIFY2(r.attentionForms.contains(kind), qPrintable(kind));
    QCOMPARE(
        scalar(db, QStringLiteral("SELECT COUNT(*) FROM orders WHERE form_id IS NULL")).toInt(), 1);
    QCOMPARE(scalar(db,
                    QStringLiteral("SELECT COUNT(*) FROM orders WHERE payment_flag = "
                                   "'duplicate' AND status = 'paid'"))
                 .toInt(),
             1);

    // A new user sees every queue the demo database can know with forms in it. Reconciliation's
    // findings are compose-api's to find against Stripe: until the demo's API has started (and
    // paid the lost-webhook checkouts, lostWebhooksAreFoundWhenTheApiStarts) that queue is
    // there (the table exists) and empty.
    {
        FormRepository repo(db);
        repo.detect();
        const AttentionCounts counts = repo.attention();
        for (const QueueCountValue &v : counts.queues) {
            if (v.queue == Queue::PaidWithoutWebhook) {
                QVERIFY(v.available);
                QCOMPARE(v.forms, 0);
                continue;
            }
            QVERIFY2(v.available && v.forms > 0, qPrintable(Attention::key(v.queue)));
        }
        QCOMPARE(counts.ordersWithoutForm, 1);
    }

    // The messy rows.
    for (const QString &kind : DemoData::messyKinds())
        QVERIFY2(r.messyForms.contains(kind), qPrintable(kind));
    auto formData = [&](const QString &kind) {
        return scalar(db,
                      QStringLiteral("SELECT ") + jsonCol(dialect, QStringLiteral("form_data"))
                          + QStringLiteral(" FROM compose_forms WHERE id = :id"),
                      {{QStringLiteral(":id"), r.messyForms.value(kind)}})
            .toString();
    };
    QJsonParseError err {};
    const QJsonDocument malformed
        = QJsonDocument::fromJson(formData(QStringLiteral("malformedFormData")).toUtf8(), &err);
    if (dialect == SqlDialect::SQLite)
        QVERIFY(err.error != QJsonParseError::NoError); // really broken
    else
        QVERIFY(err.error != QJsonParseError::NoError
                || !malformed.isObject()); // a double-encoded string
    QVERIFY(QJsonDocument::fromJson(formData(QStringLiteral("formDataArray")).toUtf8()).isArray());
    QVERIFY(QJsonDocument::fromJson(formData(QStringLiteral("recipientNumber")).toUtf8())
                .object()
                .value(QStringLiteral("recipientName"))
                .isDouble());
    QVERIFY(QJsonDocument::fromJson(formData(QStringLiteral("hugeSpecialMoment")).toUtf8())
                .object()
                .value(QStringLiteral("specialMoment"))
                .toString()
                .size()
            >= 100 * 1024);
    const QJsonObject markup
        = QJsonDocument::fromJson(formData(QStringLiteral("markupNames")).toUtf8()).object();
    QCOMPARE(markup.value(QStringLiteral("recipientName")).toString(),
             QStringLiteral("<b>Bob</b>"));
    QVERIFY(markup.value(QStringLiteral("senderName"))
                .toString()
                .contains(QLatin1String("javascript:")));
    QVERIFY(
        scalar(db,
               QStringLiteral("SELECT ") + jsonCol(dialect, QStringLiteral("variation_audio_urls"))
                   + QStringLiteral(" FROM compose_forms WHERE id = :id"),
               {{QStringLiteral(":id"), r.messyForms.value(QStringLiteral("javascriptAudioUrl"))}})
            .toString()
            .contains(QLatin1String("javascript:")));
    {
        // selected_variations says one thing, music_generations.is_selected another.
        const QString id = r.messyForms.value(QStringLiteral("selectionConflict"));
        const QJsonObject sel
            = QJsonDocument::fromJson(
                  scalar(db,
                         QStringLiteral("SELECT ")
                             + jsonCol(dialect, QStringLiteral("selected_variations"))
                             + QStringLiteral(" FROM compose_forms WHERE id = :id"),
                         {{QStringLiteral(":id"), id}})
                      .toString()
                      .toUtf8())
                  .object();
        const int chosen = sel.value(QStringLiteral("0")).toInt();
        QVERIFY(chosen >= 1 && chosen <= 3);
        QCOMPARE(
            scalar(db,
                   QStringLiteral("SELECT COUNT(*) FROM music_generations WHERE form_id = :id AND "
                                  "song_index = 0 AND is_selected AND variation_index <> :v"),
                   {{QStringLiteral(":id"), id}, {QStringLiteral(":v"), chosen}})
                .toInt(),
            1);
    }

    // The dashboard's repository reads every form, messy or not.
    FormRepository repo(db);
    const Capabilities caps = repo.detect();
    QCOMPARE(caps.dialect, dialect);
    QStringList ids;
    repo.forEach(FormListQuery {}, [&](const FormSummary &s) {
        ids << s.id;
        return true;
    });
    QCOMPARE(ids.size(), 600);
    int withVariations = 0;
    for (const QString &id : std::as_const(ids)) {
        std::optional<FormDetail> d;
        try {
            d = repo.detail(id);
        } catch (const DbError &e) {
            QFAIL(qPrintable(id + QStringLiteral(": ") + e.message()));
        }
        QVERIFY2(d, qPrintable(id));
        QCOMPARE(d->summary.id, id);
        if (!d->variations.isEmpty())
            ++withVariations;
    }
    QVERIFY(withVariations > 300);
    const auto markupDetail = repo.detail(r.messyForms.value(QStringLiteral("markupNames")));
    QVERIFY(markupDetail);
    QCOMPARE(markupDetail->summary.recipient.value, QStringLiteral("<b>Bob</b>"));
    const auto arrayDetail = repo.detail(r.messyForms.value(QStringLiteral("formDataArray")));
    QVERIFY(arrayDetail);
    QVERIFY(!arrayDetail->formDataProblem.isEmpty());
    QVERIFY(!arrayDetail->summary.recipient.ok());
}

void tst_DemoData::historyFollowsEachFormsLife_data()
{
    populate_data();
}

// The status history carries each form's own dates, in workflow order, not the time the demo
// database was built (the insert trigger's default).
void tst_DemoData::historyFollowsEachFormsLife()
{
    QFETCH(SqlDialect, dialect);
    TestDatabase tdb(dialect);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    QSqlDatabase db = tdb.connection();
    DemoOptions o = options();
    o.forms = 200;
    const DemoResult r = DemoData::populate(db, o);

    struct Form {
        QString status;
        QDateTime created, updated, paid;
    };
    QHash<QString, Form> forms;
    QSqlQuery fq = Db::prepare(
        db,
        QStringLiteral("SELECT id, status, created_at, updated_at, paid_at FROM compose_forms"));
    Db::exec(fq);
    while (fq.next())
        forms.insert(fq.value(0).toString(),
                     {fq.value(1).toString(), Db::readTimestamp(fq.value(2)),
                      Db::readTimestamp(fq.value(3)), Db::readTimestamp(fq.value(4))});
    QCOMPARE(forms.size(), r.forms);

    struct Event {
        QString oldStatus, newStatus;
        QDateTime at;
    };
    QHash<QString, QList<Event>> history;
    QSqlQuery eq = Db::prepare(db,
                               QStringLiteral("SELECT form_id, old_status, new_status, changed_at "
                                              "FROM compose_form_events ORDER BY id"));
    Db::exec(eq);
    while (eq.next())
        history[eq.value(0).toString()].append(
            {eq.value(1).toString(), eq.value(2).toString(), Db::readTimestamp(eq.value(3))});
    QCOMPARE(history.size(), forms.size());

    QStringList workflow;
    for (FormStatus s : Status::workflow())
        workflow << Status::key(s);
    int paidChecked = 0;
    int multiStep = 0;
    for (auto it = forms.cbegin(); it != forms.cend(); ++it) {
        const Form &f = it.value();
        const QList<Event> events = history.value(it.key());
        const QByteArray where = it.key().toUtf8();
        QVERIFY2(!events.isEmpty(), where.constData());
        // Born "created" at created_at, ends in the form's status at updated_at at the latest.
        QVERIFY2(events.first().oldStatus.isEmpty(), where.constData());
        QCOMPARE(events.first().newStatus, QStringLiteral("created"));
        QCOMPARE(events.first().at, f.created);
        QCOMPARE(events.last().newStatus, f.status);
        if (events.size() > 1) {
            ++multiStep;
            QCOMPARE(events.last().at, f.updated);
        }
        for (qsizetype i = 1; i < events.size(); ++i) {
            const Event &e = events.at(i);
            QCOMPARE(e.oldStatus, events.at(i - 1).newStatus);
            QVERIFY2(e.at >= events.at(i - 1).at, where.constData());
            QVERIFY2(e.at <= f.updated && e.at <= kNow, where.constData());
            // Workflow steps one by one, in order; an off-workflow status only at the end.
            const qsizetype step = workflow.indexOf(e.newStatus);
            if (step >= 0)
                QCOMPARE(step, workflow.indexOf(e.oldStatus) + 1);
            else
                QCOMPARE(i, events.size() - 1);
            if (e.newStatus == QLatin1String("payment_completed") && i + 1 < events.size()) {
                QCOMPARE(e.at, f.paid);
                ++paidChecked;
            }
        }
    }
    QVERIFY(multiStep > r.forms / 2);
    QVERIFY(paidChecked > 10);
}

void tst_DemoData::deterministic()
{
    QList<QStringList> runs;
    for (quint32 seed : {7u, 7u, 8u}) {
        TestDatabase tdb(SqlDialect::SQLite);
        tdb.migrate();
        DemoOptions o = options();
        o.seed = seed;
        o.forms = 120;
        const DemoResult r = DemoData::populate(tdb.connection(), o);
        QCOMPARE(r.forms, 120);
        for (FormStatus s : Status::all())
            QVERIFY2(r.statusCounts.value(Status::key(s)) > 0, qPrintable(Status::key(s)));
        QCOMPARE(r.messyForms.size(), DemoData::messyKinds().size());
        QStringList rows;
        QSqlQuery q = Db::prepare(
            tdb.connection(),
            QStringLiteral(
                "SELECT id, status, form_data, updated_at FROM compose_forms ORDER BY id"));
        Db::exec(q);
        while (q.next())
            rows << q.value(0).toString() + q.value(1).toString() + q.value(2).toString()
                    + q.value(3).toString();
        runs << rows;
    }
    QCOMPARE(runs.at(0), runs.at(1));
    QVERIFY(runs.at(0) != runs.at(2));
}

void tst_DemoData::seedOnlySchema()
{
    // A shop's database without our tables: populate fills what exists and skips the rest.
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.createSeedOnlySchema();
    DemoOptions o = options();
    o.forms = 80;
    const DemoResult r = DemoData::populate(tdb.connection(), o);
    QCOMPARE(r.forms, 80);
    QCOMPARE(r.refunds, 0);
    QCOMPARE(r.deliveries, 0);
    QVERIFY(r.orders > 0);
    FormRepository repo(tdb.connection());
    QCOMPARE(repo.detect().schemaVersion, 0);
    qint64 total = 0;
    for (const StatusCount &c : repo.funnel(FunnelQuery {}).counts)
        total += c.forms;
    QCOMPARE(total, 80);
}

void tst_DemoData::lostWebhooksAreFoundWhenTheApiStarts_data()
{
    populate_data();
}

void tst_DemoData::lostWebhooksAreFoundWhenTheApiStarts()
{
    // The demo's API as the dashboard starts it: the lost-webhook forms of a fresh demo are
    // checked out and paid at the Stripe simulator without their webhooks, and one
    // reconciliation pass puts each in "paid at Stripe, no webhook", once.
    QFETCH(SqlDialect, dialect);
    compose::test::ApiHarness h(dialect);
    COMPOSE_REQUIRE_API(h);
    h.database().migrate();
    const DemoResult r = DemoData::populate(h.database().connection());
    QCOMPARE(r.lostWebhookForms.size(), DemoData::LostWebhookForms);
    ServerConfig config = compose::test::ApiHarness::simulatedConfig(50);
    config.reconcileIntervalS = 0; // the start's own pass only
    config.simLostWebhookForms = r.lostWebhookForms;
    QString error;
    QVERIFY2(h.start(config, &error), qPrintable(error));
    QSqlDatabase db = h.database().connection();
    FormRepository repo(db);
    repo.detect();
    auto queue = [&repo] {
        return repo.attention().find(Queue::PaidWithoutWebhook)->forms;
    };
    QVERIFY(h.waitFor([&] { return queue() == DemoData::LostWebhookForms; }, 30000));
    FormListQuery q;
    q.attention = Attention::key(Queue::PaidWithoutWebhook);
    QStringList listed;
    repo.forEach(q, [&listed](const FormSummary &s) {
        listed << s.id;
        return true;
    });
    listed.sort();
    QStringList expected = r.lostWebhookForms;
    expected.sort();
    QCOMPARE(listed, expected);
    // Nothing was recorded as paid: that stays the staff's Apply.
    for (const QString &id : expected)
        QCOMPARE(scalar(db, QStringLiteral("SELECT status FROM compose_forms WHERE id = :id"),
                        {{QStringLiteral(":id"), id}})
                     .toString(),
                 QStringLiteral("payment_initiated"));
    QCOMPARE(scalar(db,
                    QStringLiteral("SELECT COUNT(*) FROM compose_reconciliation_findings "
                                   "WHERE kind = 'paid_without_webhook'"))
                 .toInt(),
             DemoData::LostWebhookForms);
}

QTEST_GUILESS_MAIN(tst_DemoData)
#include "tst_demodata.moc"
