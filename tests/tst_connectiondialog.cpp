#include "connectiondialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace compose;

class tst_ConnectionDialog : public QObject {
    Q_OBJECT
private slots:
    void fillServerFieldsAndAccept();
    void keyboardOnly();
    void pasteUrl();
    void badUrlKeepsDialogOpen();
    void sqliteFile();
    void missingSqliteFileRefused();
    void prefilledFromSettings();
    void testConnectionRunsOffTheUiThread();
    void noTesterNoButton();

private:
    template<typename T> static T *child(ConnectionDialog &d, const char *name)
    {
        auto *w = d.findChild<T *>(QLatin1String(name));
        if (!w)
            qFatal("no child %s", name);
        return w;
    }
};

void tst_ConnectionDialog::fillServerFieldsAndAccept()
{
    ConnectionDialog d;
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    child<QLineEdit>(d, "host")->setText(QStringLiteral("db.example.com"));
    child<QSpinBox>(d, "port")->setValue(6432);
    child<QLineEdit>(d, "database")->setText(QStringLiteral("shop"));
    child<QLineEdit>(d, "user")->setText(QStringLiteral("agent"));
    auto *password = child<QLineEdit>(d, "password");
    QCOMPARE(password->echoMode(), QLineEdit::Password);
    password->setText(QStringLiteral("s3cret"));
    child<QComboBox>(d, "sslMode")->setCurrentText(QStringLiteral("verify-full"));

    QSignalSpy accepted(&d, &QDialog::accepted);
    d.accept();
    QCOMPARE(accepted.size(), 1);
    QCOMPARE(d.result(), int(QDialog::Accepted));
    const auto s = d.settings();
    QVERIFY(s);
    QCOMPARE(s->dialect, SqlDialect::PostgreSQL);
    QCOMPARE(s->host, QStringLiteral("db.example.com"));
    QCOMPARE(s->port, 6432);
    QCOMPARE(s->database, QStringLiteral("shop"));
    QCOMPARE(s->user, QStringLiteral("agent"));
    QCOMPARE(s->password, QStringLiteral("s3cret"));
    QCOMPARE(s->options, QStringLiteral("sslmode=verify-full"));
    QVERIFY(!s->toUrl().toString().contains(QLatin1String("s3cret")));
}

void tst_ConnectionDialog::keyboardOnly()
{
    ConnectionDialog d;
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QApplication::setActiveWindow(&d);
    QVERIFY(QTest::qWaitForWindowActive(&d));
    auto *host = child<QLineEdit>(d, "host");
    host->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), host);
    QTest::keyClicks(host, QStringLiteral("localhost"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab); // port
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab); // database
    QCOMPARE(QApplication::focusWidget(), child<QLineEdit>(d, "database"));
    QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("shop"));
    QSignalSpy accepted(&d, &QDialog::accepted);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return); // Connect is the default button
    QCOMPARE(accepted.size(), 1);
    const auto s = d.settings();
    QVERIFY(s);
    QCOMPARE(s->host, QStringLiteral("localhost"));
    QCOMPARE(s->database, QStringLiteral("shop"));
    QCOMPARE(s->port, -1);
}

void tst_ConnectionDialog::pasteUrl()
{
    ConnectionDialog d;
    child<QTabWidget>(d, "tabs")->setCurrentIndex(ConnectionDialog::UrlPage);
    child<QLineEdit>(d, "url")->setText(
        QStringLiteral("postgresql://agent:p%40ss@h:5433/shop?sslmode=require"));
    d.accept();
    QCOMPARE(d.result(), int(QDialog::Accepted));
    const auto s = d.settings();
    QVERIFY(s);
    QCOMPARE(s->host, QStringLiteral("h"));
    QCOMPARE(s->port, 5433);
    QCOMPARE(s->password, QStringLiteral("p@ss"));
    QCOMPARE(s->options, QStringLiteral("sslmode=require"));
}

void tst_ConnectionDialog::badUrlKeepsDialogOpen()
{
    ConnectionDialog d;
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    child<QTabWidget>(d, "tabs")->setCurrentIndex(ConnectionDialog::UrlPage);
    child<QLineEdit>(d, "url")->setText(QStringLiteral("mysql://root@h/shop"));
    QSignalSpy accepted(&d, &QDialog::accepted);
    d.accept();
    QCOMPARE(accepted.size(), 0);
    QVERIFY(d.isVisible());
    auto *message = child<QLabel>(d, "message");
    QVERIFY(message->isVisible());
    QVERIFY2(message->text().contains(QLatin1String("mysql")), qPrintable(message->text()));
    QCOMPARE(message->textFormat(), Qt::PlainText);
}

void tst_ConnectionDialog::sqliteFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shop.db"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    ConnectionDialog d;
    child<QTabWidget>(d, "tabs")->setCurrentIndex(ConnectionDialog::SqlitePage);
    child<QLineEdit>(d, "sqlitePath")->setText(path);
    d.accept();
    QCOMPARE(d.result(), int(QDialog::Accepted));
    const auto s = d.settings();
    QVERIFY(s);
    QCOMPARE(s->dialect, SqlDialect::SQLite);
    QCOMPARE(s->database, path);
}

void tst_ConnectionDialog::missingSqliteFileRefused()
{
    QTemporaryDir dir;
    ConnectionDialog d;
    child<QTabWidget>(d, "tabs")->setCurrentIndex(ConnectionDialog::SqlitePage);
    child<QLineEdit>(d, "sqlitePath")->setText(dir.filePath(QStringLiteral("nope.db")));
    QSignalSpy accepted(&d, &QDialog::accepted);
    d.accept();
    QCOMPARE(accepted.size(), 0);
    QString error;
    QVERIFY(!d.settings(&error));
    QVERIFY(error.contains(QLatin1String("nope.db")));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("nope.db")))); // nothing created
}

void tst_ConnectionDialog::prefilledFromSettings()
{
    const auto s = ConnectionSettings::fromUrl(
        QStringLiteral("postgresql://agent@db:5440/shop?sslmode=disable&connect_timeout=3"));
    QVERIFY(s);
    ConnectionDialog d;
    d.setSettings(*s);
    d.setMessage(QStringLiteral("The database refused the user name or password."));
    QCOMPARE(child<QLineEdit>(d, "host")->text(), QStringLiteral("db"));
    QCOMPARE(child<QSpinBox>(d, "port")->value(), 5440);
    QCOMPARE(child<QLineEdit>(d, "database")->text(), QStringLiteral("shop"));
    QCOMPARE(child<QLineEdit>(d, "user")->text(), QStringLiteral("agent"));
    QVERIFY(child<QLineEdit>(d, "password")->text().isEmpty());
    QCOMPARE(child<QComboBox>(d, "sslMode")->currentText(), QStringLiteral("disable"));
    QCOMPARE(child<QLabel>(d, "message")->text(),
             QStringLiteral("The database refused the user name or password."));
    const auto back = d.settings();
    QVERIFY(back);
    QCOMPARE(back->options,
             QStringLiteral("sslmode=disable;connect_timeout=3")); // extra option kept

    ConnectionSettings sqlite;
    sqlite.dialect = SqlDialect::SQLite;
    sqlite.database = QStringLiteral("/tmp/demo.db");
    ConnectionDialog d2;
    d2.setSettings(sqlite);
    QCOMPARE(child<QTabWidget>(d2, "tabs")->currentIndex(), int(ConnectionDialog::SqlitePage));
    QCOMPARE(child<QLineEdit>(d2, "sqlitePath")->text(), QStringLiteral("/tmp/demo.db"));
}

void tst_ConnectionDialog::testConnectionRunsOffTheUiThread()
{
    ConnectionDialog d;
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    std::atomic<bool> onUiThread {true};
    std::atomic<int> calls {0};
    QThread *ui = QThread::currentThread();
    d.setTester([&](const ConnectionSettings &s) {
        onUiThread = QThread::currentThread() == ui;
        ++calls;
        QThread::msleep(200); // a slow server: the dialog must stay responsive meanwhile
        return s.host == QLatin1String("good")
            ? QString()
            : QStringLiteral("The database server cannot be reached.");
    });
    auto *button = child<QPushButton>(d, "testButton");
    QVERIFY(button->isVisible());
    child<QLineEdit>(d, "host")->setText(QStringLiteral("bad"));

    QSignalSpy finished(&d, &ConnectionDialog::testFinished);
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(!button->isEnabled()); // returned at once, test still running
    QVERIFY(finished.wait(5000));
    QVERIFY(!onUiThread);
    QCOMPARE(finished.at(0).at(0).toString(),
             QStringLiteral("The database server cannot be reached."));
    QCOMPARE(child<QLabel>(d, "message")->text(),
             QStringLiteral("The database server cannot be reached."));
    QVERIFY(button->isEnabled());

    child<QLineEdit>(d, "host")->setText(QStringLiteral("good"));
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(finished.wait(5000));
    QVERIFY(finished.at(1).at(0).toString().isEmpty());
    QCOMPARE(calls.load(), 2);
    QVERIFY(d.isVisible()); // testing never closes the dialog
}

void tst_ConnectionDialog::noTesterNoButton()
{
    ConnectionDialog d;
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    QVERIFY(!child<QPushButton>(d, "testButton")->isVisible());
}

QTEST_MAIN(tst_ConnectionDialog)
#include "tst_connectiondialog.moc"
