// The demo data planner is pure: these checks run without any database.
#include "demoplan.h"
#include "formstatus.h"

#include <QSet>
#include <QTest>

using namespace compose;

class tst_DemoPlan final : public QObject {
    Q_OBJECT

private slots:
    void sameSeedSamePlan();
    void otherSeedOtherPlan();
    void countsAndStatuses_data();
    void countsAndStatuses();
    void everyMessyCaseOnce();
    void generationsFollowTheStage();
    void moneyOnlyOnPaidForms();
    void historyIsAChainEndingInTheStatus();
    void everyTimeInThePlannedPast();

private:
    static DemoOptions options(int forms = 600, quint32 seed = 20251216)
    {
        DemoOptions o;
        o.forms = forms;
        o.seed = seed;
        o.now = QDateTime(QDate(2025, 12, 16), QTime(12, 30, 45, 678), Qt::UTC);
        return o;
    }
};

void tst_DemoPlan::sameSeedSamePlan()
{
    const demo::Plan a = demo::plan(options());
    const demo::Plan b = demo::plan(options());
    QCOMPARE(a.now, b.now);
    QCOMPARE(a.users.size(), b.users.size());
    QCOMPARE(a.forms.size(), b.forms.size());
    for (qsizetype i = 0; i < a.forms.size(); ++i) {
        const demo::FormPlan &x = a.forms.at(i), &y = b.forms.at(i);
        QCOMPARE(x.id, y.id);
        QCOMPARE(x.status, y.status);
        QCOMPARE(x.fields, y.fields);
        QCOMPARE(x.created, y.created);
        QCOMPARE(x.updated, y.updated);
        QCOMPARE(x.gens.size(), y.gens.size());
        for (qsizetype g = 0; g < x.gens.size(); ++g)
            QCOMPARE(x.gens.at(g).taskId, y.gens.at(g).taskId);
        QCOMPARE(x.history.size(), y.history.size());
    }
}

void tst_DemoPlan::otherSeedOtherPlan()
{
    const demo::Plan a = demo::plan(options(600, 1));
    const demo::Plan b = demo::plan(options(600, 2));
    QSet<QString> idsA;
    for (const demo::FormPlan &f : a.forms)
        idsA.insert(f.id);
    int shared = 0;
    for (const demo::FormPlan &f : b.forms)
        shared += idsA.contains(f.id) ? 1 : 0;
    QCOMPARE(shared, 0);
}

void tst_DemoPlan::countsAndStatuses_data()
{
    QTest::addColumn<int>("forms");
    QTest::addColumn<int>("expectedForms");
    QTest::newRow("default") << 600 << 600;
    QTest::newRow("smallest") << 40 << 40;
    QTest::newRow("below the minimum") << 5 << 40;
    QTest::newRow("large") << 2000 << 2000;
}

void tst_DemoPlan::countsAndStatuses()
{
    QFETCH(int, forms);
    QFETCH(int, expectedForms);
    const demo::Plan p = demo::plan(options(forms));
    QCOMPARE(p.forms.size(), expectedForms);
    QVERIFY(p.users.size() >= 10);

    QMap<QString, int> counts;
    QSet<QString> formIds, taskIds, userIds;
    for (const demo::UserPlan &u : p.users)
        userIds.insert(u.id);
    QCOMPARE(userIds.size(), p.users.size());
    for (const demo::FormPlan &f : p.forms) {
        ++counts[f.status];
        QVERIFY2(!formIds.contains(f.id), qPrintable(f.id));
        formIds.insert(f.id);
        for (const demo::GenPlan &g : f.gens) {
            QVERIFY2(!taskIds.contains(g.taskId), qPrintable(g.taskId));
            taskIds.insert(g.taskId);
        }
        // A form belongs to an account holder of the plan or to a guest, never to both.
        QVERIFY(f.userId.isEmpty() != f.guestEmail.isEmpty());
        QVERIFY(f.userId.isEmpty() || userIds.contains(f.userId));
        QVERIFY(f.songs == 1 || f.songs == 3);
        QCOMPARE(f.package,
                 f.songs == 3 ? QStringLiteral("holiday-hamper") : QStringLiteral("solo-serenade"));
    }
    for (FormStatus s : Status::all())
        QVERIFY2(counts.value(Status::key(s)) > 0, qPrintable(Status::key(s)));
    // Statuses the dashboard does not know, as real data has them.
    QCOMPARE(counts.value(QStringLiteral("on_hold")), 2);
    QCOMPARE(counts.value(QStringLiteral("awaiting_review")), 1);
    QCOMPARE(counts.size(), Status::all().size() + 2);
}

void tst_DemoPlan::everyMessyCaseOnce()
{
    // The default size; at 40 forms a seed may have no spare 3-song form for "expiredPreview".
    const demo::Plan p = demo::plan(options());
    QMap<QString, int> messy;
    for (const demo::FormPlan &f : p.forms)
        if (!f.messy.isEmpty())
            ++messy[f.messy];
    const QStringList kinds = demo::messyKinds();
    for (const QString &k : kinds)
        QVERIFY2(messy.value(k) == 1, qPrintable(k));
    QCOMPARE(messy.size(), kinds.size());
    for (const demo::FormPlan &f : p.forms) {
        if (f.messy == QLatin1String("orphanTaskId")) {
            int unwritten = 0;
            for (const demo::GenPlan &g : f.gens)
                unwritten += g.written ? 0 : 1;
            QCOMPARE(unwritten, f.songs); // variation 3 of each song
        }
        if (f.messy == QLatin1String("malformedFormData")
            || f.messy == QLatin1String("formDataArray"))
            QVERIFY(f.formDataRaw.has_value());
        if (f.messy == QLatin1String("taskIdsWrongShape"))
            QVERIFY(f.taskIdsRaw.has_value());
        if (f.messy == QLatin1String("javascriptAudioUrl"))
            QVERIFY(f.audioUrlOverride.value(QStringLiteral("0/2"))
                        .startsWith(QLatin1String("javascript:")));
    }
}

void tst_DemoPlan::generationsFollowTheStage()
{
    const demo::Plan p = demo::plan(options());
    for (const demo::FormPlan &f : p.forms) {
        const bool generated = int(f.stage) >= int(FormStatus::VariationsGenerating);
        QCOMPARE(f.gens.size(), generated ? 3 * f.songs : 0);
        QCOMPARE(f.prompts.size(), int(f.stage) >= int(FormStatus::PromptsGenerated) ? f.songs : 0);
        for (const demo::GenPlan &g : f.gens) {
            QVERIFY(g.song >= 0 && g.song < f.songs);
            QVERIFY(g.variation >= 1 && g.variation <= 3);
            const bool completed = g.status == QLatin1String("completed");
            QVERIFY2(completed || f.stage == FormStatus::VariationsGenerating
                         || g.status == QLatin1String("failed"),
                     qPrintable(f.id));
            QCOMPARE(g.completed.isValid(), completed && !g.title.isEmpty());
            // Only a paid form's chosen variation is paid, and only a delivered one is shared.
            QVERIFY(!g.paid || int(f.stage) >= int(FormStatus::PaymentCompleted));
            QVERIFY(!g.share || f.stage == FormStatus::Delivered);
        }
    }
}

void tst_DemoPlan::moneyOnlyOnPaidForms()
{
    const demo::Plan p = demo::plan(options());
    int refunded = 0;
    for (const demo::FormPlan &f : p.forms) {
        if (!f.attention.isEmpty())
            continue; // a money case shown on purpose (Needs attention)
        const bool paid = int(f.stage) >= int(FormStatus::PaymentCompleted);
        QCOMPARE(f.amount.has_value(), paid);
        QCOMPARE(f.orderId.isEmpty(), !paid);
        QCOMPARE(f.intent.isEmpty(), !paid);
        QCOMPARE(f.paid.isValid(), paid);
        if (paid)
            QCOMPARE(*f.amount, 999);
        QCOMPARE(f.session.isEmpty(), int(f.stage) < int(FormStatus::PaymentInitiated));
        int refundedCents = 0;
        for (const demo::RefundPlan &r : f.refunds)
            refundedCents += r.amount;
        if (f.status == QLatin1String("refunded")) {
            ++refunded;
            QCOMPARE(refundedCents, 999);
            QCOMPARE(f.orderStatus, QStringLiteral("refunded"));
        } else {
            QVERIFY(f.refunds.isEmpty());
        }
    }
    QVERIFY(refunded > 0);
}

void tst_DemoPlan::historyIsAChainEndingInTheStatus()
{
    const demo::Plan p = demo::plan(options());
    for (const demo::FormPlan &f : p.forms) {
        QVERIFY(!f.history.isEmpty());
        QVERIFY(f.history.first().oldStatus.isEmpty());
        QCOMPARE(f.history.first().newStatus, QStringLiteral("created"));
        QCOMPARE(f.history.first().at, f.created);
        QCOMPARE(f.history.last().newStatus, f.status);
        for (qsizetype i = 1; i < f.history.size(); ++i) {
            QCOMPARE(f.history.at(i).oldStatus, f.history.at(i - 1).newStatus);
            QVERIFY2(f.history.at(i).at >= f.history.at(i - 1).at, qPrintable(f.id));
        }
        QVERIFY(f.history.last().at <= p.now);
    }
}

void tst_DemoPlan::everyTimeInThePlannedPast()
{
    const demo::Plan p = demo::plan(options());
    QCOMPARE(p.now, QDateTime(QDate(2025, 12, 16), QTime(12, 30, 45), Qt::UTC));
    const QDateTime earliest = p.now.addDays(-60);
    for (const demo::FormPlan &f : p.forms) {
        QVERIFY(f.created >= earliest && f.created <= p.now);
        QVERIFY(f.updated >= f.created && f.updated <= p.now);
        QCOMPARE(f.expires, f.created.addDays(7));
        if (f.status == QLatin1String("expired"))
            QVERIFY(f.expires < p.now);
        for (const demo::GenPlan &g : f.gens) {
            QVERIFY(g.created >= f.created);
            QVERIFY(g.updated <= p.now);
            QVERIFY(!g.completed.isValid() || g.completed <= p.now);
        }
    }
}

QTEST_GUILESS_MAIN(tst_DemoPlan)
#include "tst_demoplan.moc"
