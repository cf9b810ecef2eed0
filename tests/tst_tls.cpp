// TLS end to end (issue 16, item 7): compose-api serves HTTPS with a certificate from a CA the
// test makes; the dashboard's ApiClient trusts that CA only when told to and checks the host name;
// the dashboard's database connection runs with sslmode=verify-full against a PostgreSQL that
// serves a certificate from the same CA.
#include "apiclient.h"
#include "apiharness.h"
#include "commandline.h"
#include "database.h"
#include "dataservice.h"
#include "testca.h"
#include "testdatabase.h"
#include "tlslistener.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

#include <unistd.h>

using namespace compose;
using namespace compose::test;

class tst_Tls : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void apiServesHttpsToClientsThatTrustTheCa();
    void apiRefusesBadCertificateFiles();
    void dashboardTakesTheCaFromTheCommandLine();
    void dashboardReadsPostgresWithVerifyFull();

private:
    static QUrl withHost(QUrl url, const QString &host)
    {
        url.setHost(host);
        return url;
    }
    // whoAmI through ApiClient: the staff name, or "error:<kind>" when it failed.
    static QString whoAmI(const QUrl &base, const QString &token, const QByteArray &caPem);
    std::unique_ptr<TestCa> m_ca; // certificate for DNS:localhost only: 127.0.0.1 must fail
    std::unique_ptr<TestCa> m_otherCa; // a CA that signed nothing the servers use
};

void tst_Tls::initTestCase()
{
    m_ca = std::make_unique<TestCa>(QStringList {QStringLiteral("DNS:localhost")});
    QVERIFY2(m_ca->isValid(), qPrintable(m_ca->error()));
    m_otherCa = std::make_unique<TestCa>(QStringList {QStringLiteral("DNS:localhost")});
    QVERIFY2(m_otherCa->isValid(), qPrintable(m_otherCa->error()));
}

static QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString tst_Tls::whoAmI(const QUrl &base, const QString &token, const QByteArray &caPem)
{
    ApiClient api;
    api.setBaseUrl(base);
    api.setToken(token);
    api.setTimeout(10000);
    if (!caPem.isEmpty() && !api.setCaCertificates(caPem))
        return QStringLiteral("error:ca");
    QSignalSpy ok(&api, &ApiClient::identityReady);
    QSignalSpy failed(&api, &ApiClient::identityFailed);
    api.whoAmI();
    if (!QTest::qWaitFor([&] { return !ok.isEmpty() || !failed.isEmpty(); }, 15000))
        return QStringLiteral("error:no answer");
    if (!ok.isEmpty())
        return ok.first().first().value<StaffIdentity>().name;
    const auto e = failed.first().first().value<compose::ApiError>();
    return QStringLiteral("error:%1").arg(int(e.kind));
}

void tst_Tls::apiServesHttpsToClientsThatTrustTheCa()
{
    ApiHarness h(SqlDialect::SQLite);
    ServerConfig config = ApiHarness::simulatedConfig();
    config.tlsCertFile = m_ca->certFile();
    config.tlsKeyFile = m_ca->keyFile();
    QString error;
    QVERIFY2(h.start(config, &error), qPrintable(error));
    QCOMPARE(h.baseUrl().scheme(), QStringLiteral("https"));
    const QUrl base = withHost(h.baseUrl(), QStringLiteral("localhost"));
    const QByteArray ca = readAll(m_ca->caFile());
    QVERIFY(!ca.isEmpty());
    const QString tlsError = QStringLiteral("error:%1").arg(int(compose::ApiError::Kind::Tls));

    // The CA that signed the certificate, the right name: the staff member answers.
    QCOMPARE(whoAmI(base, h.adminToken(), ca), QStringLiteral("test-admin"));
    // The system's CAs do not know the test CA; another CA did not sign it; the certificate
    // does not name 127.0.0.1. Each is a TLS error, never an answer.
    QCOMPARE(whoAmI(base, h.adminToken(), {}), tlsError);
    QCOMPARE(whoAmI(base, h.adminToken(), readAll(m_otherCa->caFile())), tlsError);
    QCOMPARE(whoAmI(withHost(base, QStringLiteral("127.0.0.1")), h.adminToken(), ca), tlsError);
    // Plain HTTP to the HTTPS port gets no HTTP answer.
    QUrl plain = base;
    plain.setScheme(QStringLiteral("http"));
    QVERIFY(whoAmI(plain, h.adminToken(), {}).startsWith(QLatin1String("error:")));
    // A client that connects and never starts TLS is dropped after the handshake timeout.
    QTcpSocket idle;
    idle.connectToHost(QHostAddress::LocalHost, h.baseUrl().port());
    QVERIFY(idle.waitForConnected(5000));
    QElapsedTimer held;
    held.start();
    QVERIFY(QTest::qWaitFor([&] { return idle.state() == QAbstractSocket::UnconnectedState; },
                            TlsListener::HandshakeTimeoutMs + 10000));
    QVERIFY2(held.elapsed() >= TlsListener::HandshakeTimeoutMs - 1000,
             qPrintable(QString::number(held.elapsed())));
    // A CA "file" without a certificate is refused, not taken as "trust nothing special".
    ApiClient api;
    QVERIFY(!api.setCaCertificates("not a certificate"));
}

void tst_Tls::apiRefusesBadCertificateFiles()
{
    // In process: a missing key file stops start() with the file named.
    {
        ApiHarness h(SqlDialect::SQLite);
        ServerConfig config = ApiHarness::simulatedConfig();
        config.tlsCertFile = m_ca->certFile();
        config.tlsKeyFile = m_ca->dir() + QStringLiteral("/missing.key");
        QString error;
        QVERIFY(!h.start(config, &error));
        QVERIFY2(error.contains(QLatin1String("missing.key")), qPrintable(error));
    }
    {
        ApiHarness h(SqlDialect::SQLite);
        ServerConfig config = ApiHarness::simulatedConfig();
        config.tlsCertFile = m_ca->keyFile(); // a key is not a certificate
        config.tlsKeyFile = m_ca->keyFile();
        QString error;
        QVERIFY(!h.start(config, &error));
        QVERIFY2(error.contains(QLatin1String("no PEM certificate")), qPrintable(error));
    }
    // The binary: one of the pair alone is a usage error (exit 2), before anything listens.
    const QString api
        = QCoreApplication::applicationDirPath() + QStringLiteral("/../server/compose-api");
    QVERIFY2(QFileInfo::exists(api), qPrintable(api));
    QProcess p;
    p.start(api,
            {QStringLiteral("--database-url"), QStringLiteral("sqlite:///nonexistent/x.db"),
             QStringLiteral("--tls-cert"), m_ca->certFile()});
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(p.readAllStandardError().contains("--tls-cert and --tls-key go together"));
}

void tst_Tls::dashboardTakesTheCaFromTheCommandLine()
{
    auto parse = [](const QString &file, QString *error) {
        return CommandLine::parse({QStringLiteral("compose-dashboard"), QStringLiteral("--api-url"),
                                   QStringLiteral("https://localhost:8443"),
                                   QStringLiteral("--api-ca"), file},
                                  error);
    };
    QString error;
    const auto ok = parse(m_ca->caFile(), &error);
    QVERIFY2(ok, qPrintable(error));
    QCOMPARE(ok->apiCaPem, readAll(m_ca->caFile()));
    // A file that cannot be read, or holds no certificate (a key), is a usage error, never
    // "no special CA".
    QVERIFY(!parse(m_ca->dir() + QStringLiteral("/absent.pem"), &error));
    QVERIFY2(error.contains(QLatin1String("--api-ca")), qPrintable(error));
    error.clear();
    QVERIFY(!parse(m_ca->keyFile(), &error));
    QVERIFY2(error.contains(QLatin1String("no PEM certificate")), qPrintable(error));
}

namespace {

// Turns TLS on in the test cluster with the CA's server certificate (cluster-wide settings,
// reloaded without a restart) and back off when it goes out of scope. Other tests' connections
// meanwhile negotiate TLS by libpq's default sslmode=prefer, which changes nothing for them.
class ClusterTls {
public:
    ClusterTls(TestDatabase &db, const TestCa &ca)
        : m_db(db)
    {
        // The server runs as its own user (postgres when the tests run as root): it must be able
        // to read the files, and it refuses a key that is not its own (or root's) and private.
        const QString dataDir = db.text(QStringLiteral("SHOW data_directory"));
        const QFileInfo owner(dataDir);
        if (!owner.exists()) {
            m_error = QStringLiteral("the test cluster's data directory %1 is not on this "
                                     "machine; TLS cannot be configured from here")
                          .arg(dataDir);
            return;
        }
        if (::geteuid() == 0 && owner.ownerId() != 0) {
            for (const QString &f : {ca.dir(), ca.certFile(), ca.keyFile()}) {
                if (::chown(QFile::encodeName(f).constData(), owner.ownerId(), owner.groupId())
                    != 0) {
                    m_error = QStringLiteral("cannot hand %1 to the server's user").arg(f);
                    return;
                }
            }
        }
        db.exec(QStringLiteral("ALTER SYSTEM SET ssl_cert_file = '%1'").arg(ca.certFile()));
        db.exec(QStringLiteral("ALTER SYSTEM SET ssl_key_file = '%1'").arg(ca.keyFile()));
        db.exec(QStringLiteral("ALTER SYSTEM SET ssl = on"));
        db.exec(QStringLiteral("SELECT pg_reload_conf()"));
        m_on = true;
    }
    ~ClusterTls()
    {
        if (!m_on)
            return;
        m_db.exec(QStringLiteral("ALTER SYSTEM RESET ssl"));
        m_db.exec(QStringLiteral("ALTER SYSTEM RESET ssl_cert_file"));
        m_db.exec(QStringLiteral("ALTER SYSTEM RESET ssl_key_file"));
        m_db.exec(QStringLiteral("SELECT pg_reload_conf()"));
    }
    Q_DISABLE_COPY_MOVE(ClusterTls)
    QString error() const { return m_error; }

private:
    TestDatabase &m_db;
    QString m_error;
    bool m_on = false;
};

// Opens a store connection with these settings: "" when it worked and the session is encrypted,
// else why not.
QString tryConnect(const ConnectionSettings &s)
{
    const QString name = QStringLiteral("tls-probe");
    QString result;
    try {
        QSqlDatabase db = Db::open(s, name);
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
            || !q.next())
            result = QStringLiteral("pg_stat_ssl has no row");
        else if (!q.value(0).toBool())
            result = QStringLiteral("connected without TLS");
    } catch (const DbError &e) {
        result = e.message();
        if (result.isEmpty())
            result = QStringLiteral("failed");
    }
    Db::close(name);
    return result;
}

} // namespace

void tst_Tls::dashboardReadsPostgresWithVerifyFull()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    const ClusterTls tls(tdb, *m_ca);
    QVERIFY2(tls.error().isEmpty(), qPrintable(tls.error()));

    ConnectionSettings good = tdb.settings();
    good.host = QStringLiteral("localhost");
    good.options = QStringLiteral("sslmode=verify-full;sslrootcert=") + m_ca->caFile();
    // The reload is asynchronous: wait, bounded, for the first verified connection.
    QString why;
    QVERIFY2(QTest::qWaitFor([&] { return (why = tryConnect(good)).isEmpty(); }, 15000),
             qPrintable(why));

    // verify-full checks the CA and the name: another CA, or an address the certificate does not
    // name, is refused.
    ConnectionSettings otherCa = good;
    otherCa.options = QStringLiteral("sslmode=verify-full;sslrootcert=") + m_otherCa->caFile();
    QVERIFY(!tryConnect(otherCa).isEmpty());
    ConnectionSettings wrongName = good;
    wrongName.host = QStringLiteral("127.0.0.1");
    QVERIFY(!tryConnect(wrongName).isEmpty());

    // The dashboard's own reading path (DataService on its worker thread), from a URL as an agent
    // types it.
    QString urlError;
    const auto fromUrl = ConnectionSettings::fromUrl(
        QStringLiteral("postgresql://%1@localhost:%2/%3?sslmode=verify-full&sslrootcert=%4")
            .arg(good.user)
            .arg(good.port)
            .arg(good.database, m_ca->caFile()),
        &urlError);
    QVERIFY2(fromUrl, qPrintable(urlError));
    DataService data;
    QSignalSpy opened(&data, &DataService::opened);
    QSignalSpy openFailed(&data, &DataService::openFailed);
    data.open(*fromUrl);
    QVERIFY(QTest::qWaitFor([&] { return !opened.isEmpty() || !openFailed.isEmpty(); }, 15000));
    QVERIFY2(openFailed.isEmpty(),
             qPrintable(openFailed.isEmpty() ? QString() : openFailed.first().first().toString()));
    QSignalSpy funnel(&data, &DataService::funnelReady);
    QSignalSpy failed(&data, &DataService::requestFailed);
    data.requestFunnel({});
    QVERIFY(QTest::qWaitFor([&] { return !funnel.isEmpty() || !failed.isEmpty(); }, 15000));
    QVERIFY(failed.isEmpty());

    // The same URL with the other CA: the dashboard says it cannot connect.
    DataService refused;
    QSignalSpy refusedFailed(&refused, &DataService::openFailed);
    ConnectionSettings bad = *fromUrl;
    bad.options = otherCa.options;
    refused.open(bad);
    QVERIFY(refusedFailed.wait(15000));
}

QTEST_MAIN(tst_Tls)
#include "tst_tls.moc"
