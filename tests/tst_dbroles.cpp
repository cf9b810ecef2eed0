// Least privilege (issue 16, item 8): migration 011's roles. A login user in compose_dashboard
// runs the dashboard's real reading code and the window, gets live notifications, and cannot
// write; a login user in compose_api runs the whole API (form, generation, payment, delivery,
// refund) and cannot do more than those writes.
#include "apiharness.h"
#include "database.h"
#include "dataservice.h"
#include "formdetailmodel.h"
#include "formlistmodel.h"
#include "funnelmodel.h"
#include "guitestdata.h"
#include "mainwindow.h"
#include "testdatabase.h"

#include <QSettings>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace compose;
using namespace compose::test;

namespace {
constexpr int Timeout = 20000;

// Login users for one test run, members of the group roles, dropped again at the end (the
// roles themselves belong to the cluster and stay: other databases use them).
class LoginUsers {
public:
    explicit LoginUsers(TestDatabase &db)
        : m_db(db)
    {
        const QString tag = QUuid::createUuid().toString(QUuid::Id128).left(10);
        reader = QStringLiteral("dash_%1").arg(tag);
        writer = QStringLiteral("api_%1").arg(tag);
        db.exec(QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE compose_dashboard").arg(reader));
        db.exec(QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE compose_api").arg(writer));
    }
    ~LoginUsers()
    {
        // A user's sessions must end before it can be dropped; the tests close theirs first.
        m_db.exec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(reader));
        m_db.exec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(writer));
    }
    Q_DISABLE_COPY_MOVE(LoginUsers)
    QString reader;
    QString writer;

private:
    TestDatabase &m_db;
};

// Runs sql as user; "" when it worked, else the database's message.
QString runAs(const TestDatabase &db, const QString &user, const QString &sql)
{
    ConnectionSettings s = db.settings();
    s.user = user;
    const QString name = QStringLiteral("roles-probe");
    QString result;
    try {
        QSqlDatabase c = Db::open(s, name);
        QSqlQuery q(c);
        if (!q.exec(sql))
            result = q.lastError().text();
    } catch (const DbError &e) {
        result = QStringLiteral("cannot connect: ") + e.message();
    }
    Db::close(name);
    return result;
}

bool denied(const QString &error)
{
    return error.contains(QLatin1String("permission denied"));
}
} // namespace

class tst_DbRoles : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void migrationCreatesNologinRoles();
    void readOnlyUserRunsTheDashboardAndCannotWrite();
    void apiUserRunsTheWholeApi();

private:
    QTemporaryDir m_settingsDir;
};

void tst_DbRoles::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("compose-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_dbroles"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void tst_DbRoles::migrationCreatesNologinRoles()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    QCOMPARE(tdb.count(QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname IN "
                                      "('compose_dashboard', 'compose_api') AND NOT rolcanlogin "
                                      "AND NOT rolsuper AND NOT rolcreaterole AND NOT rolcreatedb "
                                      "AND NOT rolbypassrls AND NOT EXISTS (SELECT 1 FROM "
                                      "pg_auth_members m WHERE m.member = pg_roles.oid)")),
             2);
    // Migrating a second database of the same cluster finds the roles and only grants.
    TestDatabase second(SqlDialect::PostgreSQL);
    second.migrate();
    QCOMPARE(
        second.count(QStringLiteral("SELECT count(*) FROM information_schema.role_table_grants "
                                    "WHERE grantee = 'compose_dashboard' AND table_name = "
                                    "'compose_forms' AND privilege_type = 'SELECT'")),
        1);
    // The dashboard's role may read no token hash; the API's role may truncate nothing.
    QCOMPARE(
        second.count(QStringLiteral("SELECT count(*) FROM information_schema.column_privileges "
                                    "WHERE grantee = 'compose_dashboard' AND table_name = "
                                    "'compose_staff' AND column_name = 'token_hash'")),
        0);
    QCOMPARE(
        second.count(QStringLiteral("SELECT count(*) FROM information_schema.role_table_grants "
                                    "WHERE grantee IN ('compose_dashboard', 'compose_api') "
                                    "AND privilege_type IN ('TRUNCATE', 'REFERENCES', "
                                    "'TRIGGER')")),
        0);
    QCOMPARE(
        second.count(QStringLiteral("SELECT count(*) FROM information_schema.role_table_grants "
                                    "WHERE grantee = 'compose_dashboard' AND privilege_type "
                                    "<> 'SELECT'")),
        0);
}

void tst_DbRoles::readOnlyUserRunsTheDashboardAndCannotWrite()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    const DashboardSeed seed = seedDashboard(tdb.connection());
    LoginUsers users(tdb);
    ConnectionSettings asReader = tdb.settings();
    asReader.user = users.reader;

    {
        // The window over the real DataService, connected as the read-only user.
        DataService data;
        data.setPollInterval(250);
        MainWindow w(&data);
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy opened(&data, &DataService::opened);
        QSignalSpy openFailed(&data, &DataService::openFailed);
        QSignalSpy failed(&data, &DataService::requestFailed);
        data.open(asReader);
        QVERIFY(
            QTest::qWaitFor([&] { return !opened.isEmpty() || !openFailed.isEmpty(); }, Timeout));
        QVERIFY2(
            openFailed.isEmpty(),
            qPrintable(openFailed.isEmpty() ? QString() : openFailed.first().first().toString()));
        // LISTEN needs no grant: the role gets live notifications, not polling.
        QCOMPARE(data.liveMode(), DataService::LiveMode::Notifications);
        QTRY_VERIFY_WITH_TIMEOUT(
            !w.funnelModel()->isLoading() && w.funnelModel()->total() == seed.total, Timeout);
        QTRY_VERIFY_WITH_TIMEOUT(
            !w.listModel()->isLoading() && w.listModel()->rowCount() == seed.total, Timeout);
        // Every kind of form's detail (variations, payment and refunds, staff names, events).
        for (const QString &id : {seed.bundleFormId, seed.intentFormId, seed.userFormId}) {
            const int row = w.listModel()->rowOf(id);
            QVERIFY2(row >= 0, qPrintable(id));
            FormListView *list = w.listView();
            const QModelIndex idx = w.listModel()->index(row, FormListModel::IdColumn);
            list->scrollTo(idx);
            QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(idx).center());
            QTRY_COMPARE_WITH_TIMEOUT(w.detailModel()->state(), FormDetailModel::State::Loaded,
                                      Timeout);
        }
        // The other readers: deliveries, the demo mailbox, the outbox's health.
        QSignalSpy deliveries(&data, &DataService::deliveriesReady);
        QSignalSpy mailbox(&data, &DataService::mailboxReady);
        QSignalSpy outbox(&data, &DataService::outboxHealthReady);
        data.requestDeliveries(seed.intentFormId);
        data.requestMailbox();
        data.requestOutboxHealth();
        QVERIFY(QTest::qWaitFor(
            [&] {
                return !failed.isEmpty()
                    || (!deliveries.isEmpty() && !mailbox.isEmpty() && !outbox.isEmpty());
            },
            Timeout));
        QVERIFY2(failed.isEmpty(),
                 qPrintable(failed.isEmpty() ? QString() : failed.first().at(1).toString()));

        // A change by someone else arrives as a notification.
        QSignalSpy changed(&data, &DataService::formsChanged);
        tdb.exec(QStringLiteral("UPDATE compose_forms SET updated_at = updated_at WHERE id = '%1'")
                     .arg(seed.userFormId));
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (const auto &args : std::as_const(changed))
                    if (args.first().toStringList().contains(seed.userFormId))
                        return true;
                return false;
            },
            Timeout));
        data.close();
    }

    // The same user cannot change anything, nor read the staff's token hashes.
    const QString id = seed.userFormId;
    const QString status
        = tdb.text(QStringLiteral("SELECT status FROM compose_forms WHERE id = '%1'").arg(id));
    for (const QString &sql :
         {QStringLiteral("UPDATE compose_forms SET status = 'delivered' WHERE id = '%1'").arg(id),
          QStringLiteral("DELETE FROM compose_forms WHERE id = '%1'").arg(id),
          QStringLiteral("INSERT INTO compose_audit(form_id, action) VALUES ('%1', 'x')").arg(id),
          QStringLiteral("UPDATE orders SET amount = 0"),
          QStringLiteral("TRUNCATE compose_refunds"), QStringLiteral("CREATE TABLE sneaky(id INT)"),
          QStringLiteral("SELECT token_hash FROM compose_staff"),
          QStringLiteral("SELECT * FROM compose_idempotency"),
          QStringLiteral("SELECT * FROM compose_secrets")}) {
        const QString error = runAs(tdb, users.reader, sql);
        QVERIFY2(denied(error), qPrintable(sql + QStringLiteral(" -> ") + error));
    }
    QCOMPARE(tdb.text(QStringLiteral("SELECT status FROM compose_forms WHERE id = '%1'").arg(id)),
             status);
    QCOMPARE(tdb.count(QStringLiteral("SELECT count(*) FROM compose_forms")), seed.total);
    // What it may do, it can: read the staff's names.
    QCOMPARE(runAs(tdb, users.reader, QStringLiteral("SELECT id, name, role FROM compose_staff")),
             QString());
}

void tst_DbRoles::apiUserRunsTheWholeApi()
{
    ApiHarness h(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(h);
    h.database().migrate(); // as the owner: the API's role may not change the schema
    LoginUsers users(h.database());
    {
        h.setServerUser(users.writer);
        ServerConfig config = ApiHarness::simulatedConfig(100);
        config.holdDeliveries = true; // "Mark delivered" by staff, below
        QString error;
        QVERIFY2(h.start(config, &error), qPrintable(error));
        TestDatabase &db = h.database();
        QCOMPARE(db.text(QStringLiteral("SELECT usename FROM pg_stat_activity WHERE usename = '%1' "
                                        "LIMIT 1")
                             .arg(users.writer)),
                 users.writer);

        const QString id = QStringLiteral("form_roles_smoke");
        QCOMPARE(h.createForm(id, QStringLiteral("solo-serenade"), QStringLiteral("a@example.com"))
                     .status,
                 201);
        QVERIFY(h.generateAll(id, 1));
        QVERIFY(h.waitStatus(id, QStringLiteral("variations_ready")));
        QVERIFY(h.checkoutAndPay(id, QJsonObject {{QStringLiteral("0"), 1}}));
        const auto admin = ApiHarness::bearer(h.adminToken(), "roles-deliver-1");
        auto r
            = h.request("POST", QStringLiteral("/api/admin/forms/%1/deliver").arg(id), {}, admin);
        QVERIFY2(r.status == 200, r.body.constData());
        r = h.json("POST", QStringLiteral("/api/admin/forms/%1/refund").arg(id),
                   QJsonObject {{QStringLiteral("reason"), QStringLiteral("requested_by_customer")},
                                {QStringLiteral("amount"), 300}},
                   ApiHarness::bearer(h.adminToken(), "roles-refund-1"));
        QVERIFY2(r.status == 200, r.body.constData());
        // What happened, counted in the database (as the owner).
        QCOMPARE(
            db.text(QStringLiteral("SELECT status FROM compose_forms WHERE id = '%1'").arg(id)),
            QStringLiteral("delivered"));
        QCOMPARE(
            db.count(QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1'").arg(id)),
            1);
        QCOMPARE(db.count(QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM compose_refunds "
                                         "WHERE form_id = '%1'")
                              .arg(id)),
                 300);
        QCOMPARE(db.count(QStringLiteral("SELECT count(*) FROM compose_deliveries WHERE form_id = "
                                         "'%1'")
                              .arg(id)),
                 1);
        QVERIFY(db.count(QStringLiteral("SELECT count(*) FROM compose_form_events WHERE form_id = "
                                        "'%1'")
                             .arg(id))
                >= 6);
        QCOMPARE(
            db.count(
                QStringLiteral("SELECT count(*) FROM compose_audit WHERE form_id = '%1'").arg(id)),
            2);
    }
    // Beyond its writes, the API's role is refused.
    for (const QString &sql :
         {QStringLiteral("DELETE FROM compose_forms"), QStringLiteral("DELETE FROM orders"),
          QStringLiteral("DELETE FROM compose_audit"),
          QStringLiteral("UPDATE compose_audit SET "
                         "action = 'x'"),
          QStringLiteral("TRUNCATE compose_refunds"), QStringLiteral("DROP TABLE compose_outbox"),
          QStringLiteral("CREATE TABLE sneaky(id INT)"),
          QStringLiteral("ALTER TABLE compose_forms ADD COLUMN x INT")}) {
        const QString error = runAs(h.database(), users.writer, sql);
        QVERIFY2(!error.isEmpty() && (denied(error) || error.contains(QLatin1String("owner"))),
                 qPrintable(sql + QStringLiteral(" -> ") + error));
    }
}

QTEST_MAIN(tst_DbRoles)
#include "tst_dbroles.moc"
