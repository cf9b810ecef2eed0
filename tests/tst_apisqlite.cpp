// The same compose-api on SQLite (the dashboard's embedded demo mode): the customer flow end to
// end through the simulators, a staff refund, and the audit trail.
#include "apiharness.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace compose;
using compose::test::ApiHarness;

class tst_ApiSqlite : public QObject {
    Q_OBJECT
private slots:
    void customerFlowAndStaffActions();
};

void tst_ApiSqlite::customerFlowAndStaffActions()
{
    ApiHarness h(SqlDialect::SQLite);
    QString error;
    QVERIFY2(h.start(ApiHarness::simulatedConfig(200), &error), qPrintable(error));
    const QString id = QStringLiteral("form_sqlite");
    QCOMPARE(h.createForm(id, QStringLiteral("holiday-hamper")).status, 201);
    QVERIFY(h.generateAll(id, 3));
    QVERIFY(h.waitStatus(id, QStringLiteral("variations_ready")));
    QVERIFY(h.checkoutAndPay(id,
                             QJsonObject {{QStringLiteral("0"), 1},
                                          {QStringLiteral("1"), 2},
                                          {QStringLiteral("2"), 3}}));
    QCOMPARE(h.form(id).value(QStringLiteral("status")).toString(),
             QStringLiteral("payment_completed"));
    const auto admin = ApiHarness::bearer(h.adminToken());
    QCOMPARE(h.request("POST", QStringLiteral("/api/admin/forms/%1/deliver").arg(id), "{}", admin)
                 .status,
             200);
    auto r = h.request("POST", QStringLiteral("/api/admin/forms/%1/refund").arg(id),
                       R"({"amount":500,"reason":"duplicate"})", admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("refundable")).toInt(), 499);
    QCOMPARE(h.request("POST", QStringLiteral("/api/admin/forms/%1/refund").arg(id),
                       R"({"amount":500,"reason":"duplicate"})", admin)
                 .status,
             409);
    r = h.request("GET", QStringLiteral("/api/admin/forms/%1/audit").arg(id), {}, admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("audit")).toArray().size(), 3);
    QCOMPARE(r.json.value(QStringLiteral("deliveries")).toArray().size(), 1);
    const QJsonArray events = r.json.value(QStringLiteral("events")).toArray();
    QCOMPARE(events.at(0).toObject().value(QStringLiteral("to")).toString(),
             QStringLiteral("delivered"));
    QCOMPARE(events.at(0).toObject().value(QStringLiteral("actor")).toString(),
             QStringLiteral("test-admin"));
    QSqlQuery q(h.database().connection());
    QVERIFY(
        q.exec(QStringLiteral(
            "SELECT count(*) FROM music_generations WHERE form_id = 'form_sqlite' AND is_paid = 1"))
        && q.next());
    QCOMPARE(q.value(0).toInt(), 3);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM orders WHERE form_id = 'form_sqlite'"))
            && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    // Bad input on SQLite too: still serving afterwards.
    QCOMPARE(h.request("POST", QStringLiteral("/api/compose/forms"), "{oops").status, 400);
    QCOMPARE(h.request("GET", QStringLiteral("/api/compose/forms?formId=form_sqlite")).status, 200);
}

QTEST_MAIN(tst_ApiSqlite)
#include "tst_apisqlite.moc"
