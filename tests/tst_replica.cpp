// Past one machine (issue 14, item 5): the dashboard reads from a PostgreSQL hot standby while
// staff actions go to compose-api on the primary. The test makes the standby itself
// (pg_basebackup -R of the test cluster, streaming on loopback, removed afterwards). The
// dashboard's DataService sees a standby (pg_is_in_recovery()), polls instead of listening
// (NOTIFY is not replicated), reads forms, sees a staff action made through compose-api
// arrive by polling, and the status bar shows the replica's lag.
#include "apiharness.h"
#include "banner.h"
#include "databasestatus.h"
#include "dataservice.h"
#include "formlistmodel.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace compose;
using namespace compose::test;

namespace {

// A streaming hot standby of the test cluster, in a temporary folder, on a free port.
class Standby {
public:
    ~Standby() { stop(); }
    // maxConnections: a hot standby needs at least the primary's.
    bool start(const ConnectionSettings &primary, int maxConnections, QString *error)
    {
        const QString bin
            = qEnvironmentVariable("COMPOSE_PG_BIN", QStringLiteral("/usr/lib/postgresql/15/bin"));
        // initdb and postgres refuse root; the cluster's own folder belongs to its user.
        m_root = ::geteuid() == 0;
        const QString parent = qEnvironmentVariable("COMPOSE_PG_DIR", QDir::tempPath());
        m_dir = parent + QStringLiteral("/standby-")
            + QString::number(QCoreApplication::applicationPid());
        QTcpServer probe;
        if (!probe.listen(QHostAddress::LocalHost, 0)) {
            *error = QStringLiteral("no free port");
            return false;
        }
        m_port = probe.serverPort();
        probe.close();
        const QString data = m_dir + QStringLiteral("/data");
        const QString script
            = QStringLiteral("set -e; mkdir -p '%1'; chmod 700 '%1'; "
                             "'%2/pg_basebackup' -h 127.0.0.1 -p %3 -U postgres -D '%4' -R "
                             "-X stream -c fast; "
                             "'%2/pg_ctl' -D '%4' -l '%1/server.log' -w -t 60 start -o "
                             "\"-p %5 -k '%1' -c listen_addresses=127.0.0.1 -c hot_standby=on "
                             "-c max_connections=%6\"")
                  .arg(m_dir, bin)
                  .arg(primary.port)
                  .arg(data)
                  .arg(m_port)
                  .arg(maxConnections);
        m_bin = bin;
        m_started = true;
        return run(script, error);
    }
    void stop()
    {
        if (!m_started)
            return;
        m_started = false;
        QString ignored;
        run(QStringLiteral("'%1/pg_ctl' -D '%2/data' -m immediate stop >/dev/null 2>&1; "
                           "rm -rf '%2'")
                .arg(m_bin, m_dir),
            &ignored);
    }
    quint16 port() const { return m_port; }

private:
    bool run(const QString &script, QString *error) const
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        if (m_root)
            p.start(QStringLiteral("su"),
                    {QStringLiteral("postgres"), QStringLiteral("-s"), QStringLiteral("/bin/bash"),
                     QStringLiteral("-c"), script});
        else
            p.start(QStringLiteral("/bin/bash"), {QStringLiteral("-c"), script});
        if (!p.waitForFinished(120000) || p.exitCode() != 0) {
            *error = QString::fromLocal8Bit(p.readAll());
            return false;
        }
        return true;
    }
    bool m_root = false;
    bool m_started = false;
    QString m_bin;
    QString m_dir;
    quint16 m_port = 0;
};

} // namespace

class tst_Replica : public QObject {
    Q_OBJECT
private slots:
    void dashboardOnStandbyApiOnPrimary();
};

void tst_Replica::dashboardOnStandbyApiOnPrimary()
{
    ApiHarness h(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(h);
    QString error;
    QVERIFY2(h.start(ApiHarness::simulatedConfig(), &error), qPrintable(error));
    const QString before = QStringLiteral("form_replica_before");
    QCOMPARE(h.createForm(before, QStringLiteral("solo-serenade")).status, 201);

    Standby standby;
    const int maxConnections = h.database().text(QStringLiteral("SHOW max_connections")).toInt();
    QVERIFY(maxConnections > 0);
    QVERIFY2(standby.start(h.database().settings(), maxConnections, &error), qPrintable(error));
    ConnectionSettings onStandby = h.database().settings();
    onStandby.host = QStringLiteral("127.0.0.1");
    onStandby.port = standby.port();

    DataService data;
    data.setPollInterval(200);
    data.setKeepAliveInterval(200);
    QStatusBar bar;
    Banner banner(QStringLiteral("databaseBanner"), Banner::Severity::Warning);
    FormListModel list(&data);
    DatabaseStatus status(&bar, &banner, &data, &list);
    QSignalSpy opened(&data, &DataService::opened);
    QSignalSpy failed(&data, &DataService::openFailed);
    data.open(onStandby);
    QVERIFY(opened.wait(20000) || !failed.isEmpty());
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QVERIFY(data.capabilities().standby);
    QVERIFY(!data.capabilities().notifications);
    QCOMPARE(data.liveMode(), DataService::LiveMode::Polling);

    // Reads work on the standby: the form made before the backup.
    QSignalSpy details(&data, &DataService::detailReady);
    data.requestDetail(before);
    QVERIFY(details.wait(10000));
    QCOMPARE(details.last().at(1).value<FormDetail>().summary.id, before);

    // The status bar says where the dashboard reads and how far behind it is.
    auto *live = bar.findChild<QLabel *>(QStringLiteral("liveStatus"));
    QVERIFY(live);
    QVERIFY2(QTest::qWaitFor([&] { return live->text().contains(QLatin1String("behind")); }, 10000),
             qPrintable(live->text()));
    QVERIFY(data.replicaLagMs() >= 0);

    // A form made on the primary through compose-api, moved to paid (set-up), then a staff
    // action through compose-api: both arrive on the standby and the dashboard hears of them
    // by polling.
    const QString id = QStringLiteral("form_replica_after");
    QSignalSpy changed(&data, &DataService::formsChanged);
    QCOMPARE(h.createForm(id, QStringLiteral("solo-serenade")).status, 201);
    h.database().exec(
        QStringLiteral("UPDATE compose_forms SET status = 'payment_completed', amount_paid = 999, "
                       "updated_at = now() WHERE id = '%1'")
            .arg(id));
    auto heardSince = [&](qsizetype from) {
        return [&changed, &id, from] {
            for (qsizetype i = from; i < changed.size(); ++i) {
                if (changed.at(i).at(0).toStringList().contains(id))
                    return true;
            }
            return false;
        };
    };
    auto statusOnStandby = [&] {
        details.clear();
        data.requestDetail(id);
        return details.wait(5000) ? details.last().at(1).value<FormDetail>().summary.statusKey
                                  : QString();
    };
    QVERIFY(QTest::qWaitFor(heardSince(0), 15000));
    // The set-up has fully arrived before the action (a later report is the action's).
    QVERIFY(QTest::qWaitFor([&] { return statusOnStandby() == QLatin1String("payment_completed"); },
                            15000));
    const qsizetype beforeAction = changed.size();
    const ApiHarness::Reply r
        = h.request("POST", QStringLiteral("/api/admin/forms/%1/deliver").arg(id), "{}",
                    ApiHarness::bearer(h.adminToken(), "replica-deliver-1")
                        + ApiHarness::Headers {{"Content-Type", "application/json"}});
    QVERIFY2(r.status == 200, r.body.constData());
    // Polling hears of it (the standby has replayed it); the detail read there shows it.
    // A late report of the set-up may come first; the action's own report follows once the
    // standby has replayed it, and the read after it shows the new status. Bounded at 15 s.
    QDeadlineTimer deadline(15000);
    qsizetype from = beforeAction;
    QString seen;
    while (seen != QLatin1String("delivered") && !deadline.hasExpired()) {
        if (!QTest::qWaitFor(heardSince(from), int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
        from = changed.size();
        seen = statusOnStandby();
    }
    QCOMPARE(seen, QStringLiteral("delivered"));
    QVERIFY(live->text().contains(QLatin1String("standby")));
}

QTEST_MAIN(tst_Replica)
#include "tst_replica.moc"
