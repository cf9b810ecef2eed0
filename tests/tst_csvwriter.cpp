// The one CSV writer behind `--export` and the window's funnel export: RFC 4180 quoting, "\n"
// records, and spreadsheet formulas turned into text.
#include "csvwriter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace compose;

class tst_CsvWriter final : public QObject {
    Q_OBJECT
private slots:
    void field_data();
    void field();
    void record();
    void saveFile();
    void saveFileFails();
};

void tst_CsvWriter::field_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("csv");
    QTest::addRow("plain") << QStringLiteral("Cyril Samuel") << QByteArray("Cyril Samuel");
    QTest::addRow("empty") << QString() << QByteArray();
    QTest::addRow("comma") << QStringLiteral("Smith, Jr.") << QByteArray("\"Smith, Jr.\"");
    QTest::addRow("quotes doubled")
        << QStringLiteral("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
    QTest::addRow("newline") << QStringLiteral("line one\nline two")
                             << QByteArray("\"line one\nline two\"");
    QTest::addRow("carriage return inside") << QStringLiteral("a\rb") << QByteArray("\"a\rb\"");
    QTest::addRow("utf-8") << QStringLiteral("Zoë 🎵") << QString(QStringLiteral("Zoë 🎵")).toUtf8();
    QTest::addRow("apostrophe alone is no reason to quote")
        << QStringLiteral("O'Brien") << QByteArray("O'Brien");
    // Formula triggers: the cell becomes text.
    QTest::addRow("hyperlink") << QStringLiteral("=HYPERLINK(\"http://x\",\"y\")")
                               << QByteArray("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    QTest::addRow("equals") << QStringLiteral("=1+2") << QByteArray("'=1+2");
    QTest::addRow("plus") << QStringLiteral("+cmd|' /C calc'!A0")
                          << QByteArray("'+cmd|' /C calc'!A0");
    QTest::addRow("minus") << QStringLiteral("-2+3") << QByteArray("'-2+3");
    QTest::addRow("at") << QStringLiteral("@SUM(A1)") << QByteArray("'@SUM(A1)");
    QTest::addRow("tab") << QStringLiteral("\t=1") << QByteArray("'\t=1");
    QTest::addRow("carriage return first") << QStringLiteral("\r=1") << QByteArray("\"'\r=1\"");
    QTest::addRow("formula with comma")
        << QStringLiteral("=SUM(1,2)") << QByteArray("\"'=SUM(1,2)\"");
    QTest::addRow("formula sign later is fine") << QStringLiteral("a=b") << QByteArray("a=b");
    // Numbers stay numbers.
    QTest::addRow("negative number") << QStringLiteral("-500") << QByteArray("-500");
    QTest::addRow("negative decimal") << QStringLiteral("-0.2500") << QByteArray("-0.2500");
    QTest::addRow("plus number") << QStringLiteral("+12") << QByteArray("+12");
    QTest::addRow("minus alone") << QStringLiteral("-") << QByteArray("'-");
    QTest::addRow("number then text") << QStringLiteral("-5 apples") << QByteArray("'-5 apples");
}

void tst_CsvWriter::field()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, csv);
    QCOMPARE(CsvWriter::field(text), csv);
}

void tst_CsvWriter::record()
{
    QCOMPARE(CsvWriter::record({}), QByteArray("\n"));
    QCOMPARE(CsvWriter::record({QStringLiteral("status"), QStringLiteral("forms")}),
             QByteArray("status,forms\n"));
    QCOMPARE(CsvWriter::record(
                 {QStringLiteral("a"), QString(), QStringLiteral("=b"), QStringLiteral("c,d")}),
             QByteArray("a,,'=b,\"c,d\"\n"));
}

void tst_CsvWriter::saveFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.csv"));
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old content that is longer than the new one\n");
    old.close();

    const QByteArray bytes = CsvWriter::record({QStringLiteral("x"), QStringLiteral("=1")});
    QFuture<QString> written = CsvWriter::saveFile(path, bytes);
    written.waitForFinished();
    QCOMPARE(written.result(), QString());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("x,'=1\n"));
}

void tst_CsvWriter::saveFileFails()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("no/such/folder/out.csv"));
    QFuture<QString> written = CsvWriter::saveFile(path, "a\n");
    written.waitForFinished();
    QVERIFY(!written.result().isEmpty());
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(tst_CsvWriter)
#include "tst_csvwriter.moc"
