#include "appsettings.h"
#include "connectionsettings.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace compose;

class tst_ConnectionSettings : public QObject {
    Q_OBJECT
private slots:
    void fromUrl_data();
    void fromUrl();
    void invalidUrl_data();
    void invalidUrl();
    void toUrlNeverHasPassword_data();
    void toUrlNeverHasPassword();
    void roundTrip_data();
    void roundTrip();
    void appSettingsWriteNoSecret();
    void appSettingsSqlitePathWithSpace();
    void appSettingsIgnoresPasswordInFile();
    void appSettingsSameConnectionWritesNothing();
};

void tst_ConnectionSettings::fromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("options");

    const auto pg = SqlDialect::PostgreSQL;
    QTest::addRow("full") << QStringLiteral("postgresql://agent:s3cret@db.example.com:6432/shop")
                          << pg << QStringLiteral("db.example.com") << 6432
                          << QStringLiteral("shop") << QStringLiteral("agent")
                          << QStringLiteral("s3cret") << QString();
    QTest::addRow("postgres scheme")
        << QStringLiteral("postgres://u@h/d") << pg << QStringLiteral("h") << -1
        << QStringLiteral("d") << QStringLiteral("u") << QString() << QString();
    QTest::addRow("no user, no port")
        << QStringLiteral("postgresql://localhost/shop") << pg << QStringLiteral("localhost") << -1
        << QStringLiteral("shop") << QString() << QString() << QString();
    QTest::addRow("only scheme: all from libpq")
        << QStringLiteral("postgresql://") << pg << QString() << -1 << QString() << QString()
        << QString() << QString();
    QTest::addRow("sslmode") << QStringLiteral("postgresql://u@h:5432/d?sslmode=require") << pg
                             << QStringLiteral("h") << 5432 << QStringLiteral("d")
                             << QStringLiteral("u") << QString()
                             << QStringLiteral("sslmode=require");
    QTest::addRow("two options") << QStringLiteral(
        "postgresql://h/d?sslmode=verify-full&connect_timeout=3")
                                 << pg << QStringLiteral("h") << -1 << QStringLiteral("d")
                                 << QString() << QString()
                                 << QStringLiteral("sslmode=verify-full;connect_timeout=3");
    QTest::addRow("percent-encoded password")
        << QStringLiteral("postgresql://agent:p%40ss%3Aw%2Fo%25rd@h/d") << pg << QStringLiteral("h")
        << -1 << QStringLiteral("d") << QStringLiteral("agent") << QStringLiteral("p@ss:w/o%rd")
        << QString();
    QTest::addRow("percent-encoded user")
        << QStringLiteral("postgresql://jos%C3%A9@h/d") << pg << QStringLiteral("h") << -1
        << QStringLiteral("d") << QStringLiteral("josé") << QString() << QString();
    QTest::addRow("ipv6 host") << QStringLiteral("postgresql://u@[::1]:5433/d") << pg
                               << QStringLiteral("::1") << 5433 << QStringLiteral("d")
                               << QStringLiteral("u") << QString() << QString();
    QTest::addRow("surrounding spaces")
        << QStringLiteral("  postgresql://h/d  ") << pg << QStringLiteral("h") << -1
        << QStringLiteral("d") << QString() << QString() << QString();
    QTest::addRow("sqlite absolute")
        << QStringLiteral("sqlite:///home/me/compose.db") << SqlDialect::SQLite << QString() << -1
        << QStringLiteral("/home/me/compose.db") << QString() << QString() << QString();
    QTest::addRow("sqlite uppercase scheme")
        << QStringLiteral("SQLITE:///tmp/x.db") << SqlDialect::SQLite << QString() << -1
        << QStringLiteral("/tmp/x.db") << QString() << QString() << QString();
}

void tst_ConnectionSettings::fromUrl()
{
    QFETCH(QString, url);
    QFETCH(SqlDialect, dialect);
    QString error;
    const auto s = ConnectionSettings::fromUrl(url, &error);
    QVERIFY2(s, qPrintable(error));
    QCOMPARE(s->dialect, dialect);
    QTEST(s->host, "host");
    QTEST(s->port, "port");
    QTEST(s->database, "database");
    QTEST(s->user, "user");
    QTEST(s->password, "password");
    QTEST(s->options, "options");
    QVERIFY(s->isValid());
}

void tst_ConnectionSettings::invalidUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("mysql") << QStringLiteral("mysql://u@h/d") << QStringLiteral("mysql");
    QTest::addRow("http") << QStringLiteral("http://example.com/") << QStringLiteral("http");
    QTest::addRow("no scheme") << QStringLiteral("localhost:5432/shop") << QStringLiteral("scheme");
    QTest::addRow("unknown option")
        << QStringLiteral("postgresql://h/d?sslmode=require&foo=bar") << QStringLiteral("foo");
    QTest::addRow("password as option")
        << QStringLiteral("postgresql://h/d?password=x") << QStringLiteral("password");
    QTest::addRow("sqlite without path") << QStringLiteral("sqlite://") << QStringLiteral("path");
    QTest::addRow("bad port") << QStringLiteral("postgresql://h:99999/d") << QString();
    QTest::addRow("bad percent") << QStringLiteral("postgresql://u:%zz@h/d") << QString();
}

void tst_ConnectionSettings::invalidUrl()
{
    QFETCH(QString, url);
    QFETCH(QString, mentions);
    QString error;
    const auto s = ConnectionSettings::fromUrl(url, &error);
    QVERIFY(!s);
    QVERIFY(!error.isEmpty());
    if (!mentions.isEmpty())
        QVERIFY2(error.contains(mentions, Qt::CaseInsensitive), qPrintable(error));
}

void tst_ConnectionSettings::toUrlNeverHasPassword_data()
{
    QTest::addColumn<QString>("url");
    QTest::addRow("plain") << QStringLiteral("postgresql://agent:hunter2@db:5432/shop");
    QTest::addRow("options") << QStringLiteral(
        "postgresql://agent:hunter2@db/shop?sslmode=require");
    QTest::addRow("encoded") << QStringLiteral("postgresql://agent:hun%40ter2@db/shop");
}

void tst_ConnectionSettings::toUrlNeverHasPassword()
{
    QFETCH(QString, url);
    const auto s = ConnectionSettings::fromUrl(url);
    QVERIFY(s);
    QVERIFY(!s->password.isEmpty());
    const QString out = s->toUrl().toString();
    const QString display = s->displayName();
    for (const QString &form :
         {s->password, QString::fromUtf8(QUrl::toPercentEncoding(s->password))}) {
        QVERIFY2(!out.contains(form), qPrintable(out));
        QVERIFY2(!display.contains(form), qPrintable(display));
    }
    QVERIFY(s->toUrl().password().isEmpty());
    QVERIFY(out.contains(QLatin1String("agent@db")));
}

void tst_ConnectionSettings::roundTrip_data()
{
    QTest::addColumn<QString>("url");
    QTest::addRow("pg") << QStringLiteral(
        "postgresql://agent@db.example.com:6432/shop?sslmode=require");
    QTest::addRow("pg minimal") << QStringLiteral("postgresql://db/shop");
    QTest::addRow("sqlite") << QStringLiteral("sqlite:///tmp/some%20dir/demo.db");
}

void tst_ConnectionSettings::roundTrip()
{
    QFETCH(QString, url);
    const auto a = ConnectionSettings::fromUrl(url);
    QVERIFY(a);
    // Fully encoded, as AppSettings stores it: a path with a space must survive.
    const QString text = a->toUrl().toString(QUrl::FullyEncoded);
    const auto b = ConnectionSettings::fromUrl(text);
    QVERIFY2(b, qPrintable(text));
    QCOMPARE(b->dialect, a->dialect);
    QCOMPARE(b->host, a->host);
    QCOMPARE(b->port, a->port);
    QCOMPARE(b->database, a->database);
    QCOMPARE(b->user, a->user);
    QCOMPARE(b->options, a->options);
}

void tst_ConnectionSettings::appSettingsWriteNoSecret()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("settings.ini"));
    const QString password = QStringLiteral("Tr0ub4dor&3-very-secret");
    {
        AppSettings settings(ini);
        const auto s = ConnectionSettings::fromUrl(
            QStringLiteral("postgresql://agent:%1@db.example.com:5432/shop?sslmode=require")
                .arg(QString::fromUtf8(QUrl::toPercentEncoding(password))));
        QVERIFY(s);
        QCOMPARE(s->password, password);
        settings.setLastConnection(*s);
        settings.setApiUrl(QUrl(QStringLiteral("https://staff:%1@api.example.com/")
                                    .arg(QStringLiteral("apitoken123"))));
        settings.setWindowGeometry(QByteArray("geometry"));
        settings.sync();
    }
    QFile f(ini);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QVERIFY(text.contains("db.example.com")); // something was written
    QVERIFY2(!text.contains(password.toUtf8()), text.constData());
    QVERIFY2(!text.contains(QUrl::toPercentEncoding(password)), text.constData());
    QVERIFY2(!text.contains("Tr0ub4dor"), text.constData());
    QVERIFY2(!text.contains("apitoken123"), text.constData());
    QVERIFY2(!text.contains("staff"), text.constData());

    AppSettings again(ini);
    const auto last = again.lastConnection();
    QVERIFY(last);
    QCOMPARE(last->host, QStringLiteral("db.example.com"));
    QCOMPARE(last->user, QStringLiteral("agent"));
    QCOMPARE(last->database, QStringLiteral("shop"));
    QCOMPARE(last->options, QStringLiteral("sslmode=require"));
    QVERIFY(last->password.isEmpty());
    QCOMPARE(again.apiUrl(), QUrl(QStringLiteral("https://api.example.com/")));
    QCOMPARE(again.windowGeometry(), QByteArray("geometry"));
}

void tst_ConnectionSettings::appSettingsSqlitePathWithSpace()
{
    QTemporaryDir dir;
    AppSettings settings(dir.filePath(QStringLiteral("settings.ini")));
    ConnectionSettings s;
    s.dialect = SqlDialect::SQLite;
    s.database = dir.filePath(QStringLiteral("my shop/ünïcode #1.db"));
    settings.setLastConnection(s);
    const auto last = settings.lastConnection();
    QVERIFY(last);
    QCOMPARE(last->dialect, SqlDialect::SQLite);
    QCOMPARE(last->database, s.database);
}

void tst_ConnectionSettings::appSettingsIgnoresPasswordInFile()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("settings.ini"));
    {
        QFile f(ini);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[connection]\nlastUrl=\"postgresql://agent:planted@db/shop\"\n");
    }
    AppSettings settings(ini);
    const auto last = settings.lastConnection();
    QVERIFY(last);
    QCOMPARE(last->user, QStringLiteral("agent"));
    QVERIFY(last->password.isEmpty());
}

void tst_ConnectionSettings::appSettingsSameConnectionWritesNothing()
{
    // Every start connects to the database of the day before and remembers it again: the same
    // value must not rewrite the file (QSettings replaces it, with a lock file and fdatasync, on
    // the UI thread). A changed value still does.
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("settings.ini"));
    const auto shop = ConnectionSettings::fromUrl(QStringLiteral("postgresql://agent@db/shop"));
    const auto other = ConnectionSettings::fromUrl(QStringLiteral("postgresql://agent@db/other"));
    QVERIFY(shop && other);
    const QUrl api(QStringLiteral("https://api.example.com/"));
    {
        AppSettings settings(ini);
        settings.setLastConnection(*shop);
        settings.setApiUrl(api);
        settings.sync();
    }
    // QSettings writes a new file and renames it over the old one: a rewrite changes its ctime.
    const auto changed = [&ini] {
        return QFileInfo(ini).fileTime(QFileDevice::FileMetadataChangeTime);
    };
    const QByteArray written = [&ini] {
        QFile f(ini);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QVERIFY(written.contains("db/shop"));
    // Replace the file by hand with the same text: a rewrite by QSettings would replace it again.
    QVERIFY(QFile::remove(ini));
    {
        QFile f(ini);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(written);
        f.write("; kept\n"); // a comment QSettings would not write back
    }
    const auto before = changed();
    {
        AppSettings settings(ini);
        settings.setLastConnection(*shop);
        settings.setApiUrl(api);
        settings.sync();
    }
    QFile kept(ini);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QVERIFY2(kept.readAll().contains("; kept"), "the same values rewrote the file");
    QCOMPARE(changed(), before);
    kept.close();
    {
        AppSettings settings(ini);
        settings.setLastConnection(*other);
        settings.sync();
    }
    AppSettings again(ini);
    QCOMPARE(again.lastConnection()->database, QStringLiteral("other"));
}

QTEST_GUILESS_MAIN(tst_ConnectionSettings)
#include "tst_connectionsettings.moc"
