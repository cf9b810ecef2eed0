#include "funnelmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace compose;

class tst_FunnelModel : public QObject {
    Q_OBJECT
private slots:
    void numbers();
    void emptyDatabase();
};

void tst_FunnelModel::numbers()
{
    FunnelModel model(nullptr);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FunnelCounts c;
    c.counts = {{QStringLiteral("created"), 10},
                {QStringLiteral("prompts_generated"), 5},
                {QStringLiteral("variations_generating"), 5},
                {QStringLiteral("variations_ready"), 20},
                {QStringLiteral("payment_initiated"), 10},
                {QStringLiteral("payment_completed"), 20},
                {QStringLiteral("delivered"), 20},
                {QStringLiteral("refunded"), 10},
                {QStringLiteral("expired"), 30},
                {QStringLiteral("on_hold"), 2},
                {QStringLiteral("weird"), 1}};
    model.setCounts(c);
    QCOMPARE(model.rowCount(), FunnelModel::RowCount);
    QCOMPARE(model.total(), 133);
    auto reached = [&](int row) {
        return model.index(row, 0).data(FunnelModel::ReachedRole).toLongLong();
    };
    // Delivered 20; paid = 20 + 20 delivered + 10 refunded = 50; checkout = 60; ready = 80;
    // generating = 85; prompts = 90; created = 100 + 30 expired = 130.
    QCOMPARE(reached(6), 20);
    QCOMPARE(reached(5), 50);
    QCOMPARE(reached(4), 60);
    QCOMPARE(reached(3), 80);
    QCOMPARE(reached(0), 130);
    QCOMPARE(model.index(5, 0).data(FunnelModel::NowRole).toLongLong(), 20);
    QCOMPARE(model.index(5, 0).data(FunnelModel::ConversionRole).toDouble(), 50.0 / 60.0);
    QCOMPARE(model.index(5, 0).data(FunnelModel::ShareRole).toDouble(), 50.0 / 130.0);
    QVERIFY(!model.index(0, 0).data(FunnelModel::ConversionRole).isValid());
    QCOMPARE(model.index(FunnelModel::OtherRow, 0).data(FunnelModel::NowRole).toLongLong(), 3);
    QCOMPARE(
        model.index(FunnelModel::OtherRow, 0).data(FunnelModel::OtherBreakdownRole).toStringList(),
        (QStringList {QStringLiteral("on_hold: 2"), QStringLiteral("weird: 1")}));
    QCOMPARE(model.filterKeyForRow(FunnelModel::OtherRow), FormListQuery::otherStatuses());
    QCOMPARE(model.filterKeyForRow(2), QStringLiteral("variations_generating"));
    QCOMPARE(model.index(5, FunnelModel::ConversionColumn).data().toString(),
             QStringLiteral("83.3%"));
}

void tst_FunnelModel::emptyDatabase()
{
    FunnelModel model(nullptr);
    model.setCounts({});
    QCOMPARE(model.total(), 0);
    QVERIFY(!model.index(3, 0).data(FunnelModel::ShareRole).isValid()); // no division by zero
    QCOMPARE(model.index(3, FunnelModel::ShareColumn).data().toString(), QString());
}

QTEST_GUILESS_MAIN(tst_FunnelModel)
#include "tst_funnelmodel.moc"
