// The dashboard side of delivery: a form's deliveries with each e-mail's state read on the
// worker thread and shown in the Deliveries tab, the demo Mailbox, the status-bar note when
// nothing is being sent, and a seed-only database that has none of our tables.
#include "apiclient.h"
#include "apiharness.h"
#include "database.h"
#include "dataservice.h"
#include "deliveriesview.h"
#include "formrepository.h"
#include "mailboxdialog.h"
#include "outboxindicator.h"
#include "seedrows.h"
#include "staffactions.h"
#include "testdatabase.h"

#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTest>

using namespace compose;
using namespace compose::test;

class tst_DeliveriesView : public QObject {
    Q_OBJECT
private slots:
    void showsEachMailState_data();
    void showsEachMailState();
    void seedOnlySchemaHasNoDeliveries();
    void mailboxListsPlainText();
    void indicatorSaysNothingIsSent();
    void resendGoesThroughTheApi();

private:
    static void addDelivery(TestDatabase &db, qint64 id, const QString &email, const QString &state,
                            int attempts, const QString &error, const QDateTime &created);
};

void tst_DeliveriesView::addDelivery(TestDatabase &db, qint64 id, const QString &email,
                                     const QString &state, int attempts, const QString &error,
                                     const QDateTime &created)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral(
        "INSERT INTO compose_deliveries(id, form_id, email, share_url, kind, created_at) "
        "VALUES (:id, 'form_d', :e, 'https://x.test/s/a', 'deliver', :c)"));
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":e"), email);
    q.bindValue(QStringLiteral(":c"), Db::timestamp(created));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
    q.prepare(QStringLiteral(
        "INSERT INTO compose_outbox(message_id, form_id, delivery_id, to_address, subject, "
        "body_text, "
        "body_html, state, attempts, last_error, next_attempt_at, sent_at, created_at) VALUES "
        "(:m, 'form_d', :d, :e, 's', 't', 'h', :st, :a, :err, :next, :sent, :c)"));
    q.bindValue(QStringLiteral(":m"), QStringLiteral("<m%1@x>").arg(id));
    q.bindValue(QStringLiteral(":d"), id);
    q.bindValue(QStringLiteral(":e"), email);
    q.bindValue(QStringLiteral(":st"), state);
    q.bindValue(QStringLiteral(":a"), attempts);
    q.bindValue(QStringLiteral(":err"),
                error.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(error));
    q.bindValue(QStringLiteral(":next"), Db::timestamp(created.addSecs(60)));
    q.bindValue(QStringLiteral(":sent"),
                state == QLatin1String("sent") ? Db::timestamp(created.addSecs(1))
                                               : QVariant(QMetaType::fromType<QString>()));
    q.bindValue(QStringLiteral(":c"), Db::timestamp(created));
    QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
}

void tst_DeliveriesView::showsEachMailState_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addRow("sqlite") << SqlDialect::SQLite;
    QTest::addRow("postgresql") << SqlDialect::PostgreSQL;
}

void tst_DeliveriesView::showsEachMailState()
{
    QFETCH(SqlDialect, dialect);
    TestDatabase db(dialect);
    COMPOSE_REQUIRE_DB(db);
    db.migrate();
    FormSpec f;
    f.id = QStringLiteral("form_d");
    f.status = QStringLiteral("delivered");
    insertForm(db.connection(), f);
    const QDateTime t = QDateTime::currentDateTimeUtc().addSecs(-600);
    addDelivery(db, 1, QStringLiteral("a@example.com"), QStringLiteral("sent"), 1, {}, t);
    addDelivery(db, 2, QStringLiteral("b@example.com"), QStringLiteral("retrying"), 3,
                QStringLiteral("Couldn't connect to server"), t.addSecs(10));
    addDelivery(db, 3, QStringLiteral("<b>c</b>@example.com"), QStringLiteral("failed"), 12,
                QStringLiteral("550 mailbox unavailable"), t.addSecs(20));
    addDelivery(db, 4, QStringLiteral("d@example.com"), QStringLiteral("queued"), 0, {},
                t.addSecs(30));

    DataService data;
    QSignalSpy opened(&data, &DataService::opened);
    data.open(db.settings());
    QVERIFY(opened.wait(10000));
    DeliveriesView view(&data, nullptr);
    view.setFormId(QStringLiteral("form_d"));
    QTRY_COMPARE_WITH_TIMEOUT(view.table()->rowCount(), 4, 10000);
    // Newest first; each row says what happened to its e-mail.
    auto mail = [&](int row) {
        return view.table()->item(row, 3)->text();
    };
    QCOMPARE(mail(0), QStringLiteral("queued"));
    QVERIFY2(
        mail(1).startsWith(QLatin1String("failed after 12 attempt(s): 550 mailbox unavailable")),
        qPrintable(mail(1)));
    QVERIFY2(mail(2).startsWith(QLatin1String("failed, retrying"))
                 && mail(2).contains(QLatin1String("Couldn't connect")),
             qPrintable(mail(2)));
    QVERIFY2(mail(3).startsWith(QLatin1String("sent ")), qPrintable(mail(3)));
    QCOMPARE(view.table()->item(1, 2)->text(),
             QStringLiteral("<b>c</b>@example.com")); // shown as typed
    QCOMPARE(view.table()->item(0, 4)->text(), QStringLiteral("on payment"));
    if (const QString dir = qEnvironmentVariable("COMPOSE_SCREENSHOT_DIR");
        !dir.isEmpty()) { // to look at it
        view.resize(900, 260);
        view.grab().save(dir + QStringLiteral("/deliveries.png"));
    }
    // Without the API there is no resend, and the button says why.
    view.table()->selectRow(1);
    QVERIFY(!view.resendButton()->isEnabled());
    QVERIFY(view.resendButton()->toolTip().contains(QLatin1String("API")));
    QVERIFY(view.openButton()->isEnabled()); // an https share link opens in the browser

    // The outbox has a waiting message older than any sent one: nothing is being sent.
    FormRepository repo(db.connection());
    repo.detect();
    const OutboxHealth h = repo.outboxHealth();
    QVERIFY(h.available);
    QCOMPARE(h.waiting, 2);
    QCOMPARE(h.failed, 1);
    QVERIFY(h.stalled(QDateTime::currentDateTimeUtc()));
}

void tst_DeliveriesView::seedOnlySchemaHasNoDeliveries()
{
    TestDatabase db(SqlDialect::SQLite);
    db.createSeedOnlySchema();
    FormSpec f;
    f.id = QStringLiteral("form_seed");
    insertForm(db.connection(), f);
    FormRepository repo(db.connection());
    repo.detect();
    QVERIFY(repo.deliveries(QStringLiteral("form_seed")).isEmpty());
    QVERIFY(repo.mailbox(10).isEmpty());
    QVERIFY(!repo.outboxHealth().available);
    QCOMPARE(OutboxIndicator::describe(repo.outboxHealth(), QDateTime::currentDateTimeUtc()),
             QString());

    DataService data;
    QSignalSpy opened(&data, &DataService::opened);
    data.open(db.settings());
    QVERIFY(opened.wait(10000));
    DeliveriesView view(&data, nullptr);
    QSignalSpy ready(&data, &DataService::deliveriesReady);
    view.setFormId(QStringLiteral("form_seed"));
    QVERIFY(ready.wait(10000));
    QCOMPARE(view.table()->rowCount(), 0);
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("deliveriesEmpty"))->isVisibleTo(&view));
}

void tst_DeliveriesView::mailboxListsPlainText()
{
    TestDatabase db(SqlDialect::SQLite);
    db.migrate();
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral(
        "INSERT INTO compose_mailbox(message_id, mail_from, rcpt_to, subject, body_text, raw) "
        "VALUES ('<1@x>', 'songs@x', 'guest@example.com', 'Your song for <i>Ann</i> is ready', "
        "'Listen: http://127.0.0.1/s/abc', 'raw')")));
    DataService data;
    QSignalSpy opened(&data, &DataService::opened);
    data.open(db.settings());
    QVERIFY(opened.wait(10000));
    MailboxDialog dialog(&data);
    dialog.show();
    QTRY_COMPARE_WITH_TIMEOUT(dialog.list()->count(), 1, 10000);
    QCOMPARE(dialog.list()->item(0)->text(),
             QStringLiteral("guest@example.com — Your song for <i>Ann</i> is ready"));
    QVERIFY(dialog.body()->isReadOnly());
    QVERIFY(dialog.body()->toPlainText().contains(QLatin1String("http://127.0.0.1/s/abc")));
    QVERIFY(dialog.body()->toPlainText().contains(QLatin1String("<i>Ann</i>")));
    if (const QString dir = qEnvironmentVariable("COMPOSE_SCREENSHOT_DIR"); !dir.isEmpty())
        dialog.grab().save(dir + QStringLiteral("/mailbox.png"));
}

void tst_DeliveriesView::indicatorSaysNothingIsSent()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    OutboxHealth h;
    h.available = true;
    h.waiting = 3;
    h.oldestWaiting = now.addSecs(-600);
    QCOMPARE(OutboxIndicator::describe(h, now),
             QStringLiteral("3 delivery e-mail(s) waiting: nothing is being sent."));
    h.lastSent = now.addSecs(-5); // mail is leaving: only a backlog
    QCOMPARE(OutboxIndicator::describe(h, now), QString());
    h.lastSent = {};
    h.oldestWaiting = now.addSecs(-10); // just queued: the sender has not had its chance yet
    QCOMPARE(OutboxIndicator::describe(h, now), QString());
}

void tst_DeliveriesView::resendGoesThroughTheApi()
{
    // A real compose-api: "Resend…" is a redelivery through the staff route, audited, with its
    // own e-mail in the outbox.
    ApiHarness h(SqlDialect::SQLite);
    QString error;
    QVERIFY2(h.start(ApiHarness::simulatedConfig(100), &error), qPrintable(error));
    const QString id = QStringLiteral("form_resend");
    QCOMPARE(
        h.createForm(id, QStringLiteral("solo-serenade"), QStringLiteral("r@example.com")).status,
        201);
    QVERIFY(h.generateAll(id, 1) && h.waitStatus(id, QStringLiteral("variations_ready")));
    QVERIFY(h.checkoutAndPay(id, QJsonObject {{QStringLiteral("0"), 1}}));
    QCOMPARE(h.request("POST", QStringLiteral("/api/admin/forms/%1/deliver").arg(id), {},
                       ApiHarness::bearer(h.adminToken()))
                 .status,
             200);

    ApiClient client;
    StaffActions actions(&client);
    actions.connectToApi(h.baseUrl(), h.adminToken());
    QTRY_VERIFY_WITH_TIMEOUT(!actions.isReadOnly(), 10000);
    DataService data;
    QSignalSpy opened(&data, &DataService::opened);
    data.open(h.database().settings());
    QVERIFY(opened.wait(10000));
    DeliveriesView view(&data, &actions);
    view.setFormId(id);
    QTRY_COMPARE_WITH_TIMEOUT(view.table()->rowCount(), 1, 10000);
    view.table()->selectRow(0);
    QVERIFY(view.resendButton()->isEnabled());
    QSignalSpy finished(&actions, &StaffActions::actionFinished);
    QVERIFY(view.resendSelected());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.first().first().value<ActionResult>().httpStatus, 200);
    QTRY_COMPARE_WITH_TIMEOUT(view.table()->rowCount(), 2, 10000);
    QCOMPARE(view.table()->item(0, 1)->text(), QStringLiteral("redelivery"));
    // The demo sink receives it; the tab follows the e-mail to "sent".
    QTRY_VERIFY_WITH_TIMEOUT(view.table()->item(0, 3)->text().startsWith(QLatin1String("sent ")),
                             15000);
    QSqlQuery q(h.database().connection());
    QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM compose_audit WHERE form_id = "
                                  "'form_resend' AND action = 'redeliver' "
                                  "AND http_status = 200"))
            && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(
        [&] {
            QSqlQuery c(h.database().connection());
            return c.exec(QStringLiteral(
                       "SELECT COUNT(*) FROM compose_mailbox WHERE rcpt_to = 'r@example.com'"))
                    && c.next()
                ? c.value(0).toInt()
                : -1;
        }(),
        2, 10000);
}

QTEST_MAIN(tst_DeliveriesView)
#include "tst_deliveriesview.moc"
