#include "formjson.h"

#include <QTest>

using namespace compose;

// Defensive parsing of the JSON columns: every shape real rows can have gets a defined display.
class tst_FormJson : public QObject {
    Q_OBJECT
private slots:
    void fragment_data();
    void fragment();
    void formData_data();
    void formData();
    void hugeStringsAreCutForDisplayOnly();
    void mergeToleratesShapes_data();
    void mergeToleratesShapes();
};

void tst_FormJson::fragment_data()
{
    QTest::addColumn<QVariant>("input");
    QTest::addColumn<int>("state");
    QTest::addColumn<QString>("display");
    QTest::addRow("text") << QVariant(QStringLiteral("\"Ada\"")) << int(JsonText::State::Ok)
                          << QStringLiteral("Ada");
    QTest::addRow("sql null") << QVariant() << int(JsonText::State::Missing)
                              << QStringLiteral("— missing —");
    QTest::addRow("json null") << QVariant(QStringLiteral("null")) << int(JsonText::State::Missing)
                               << QStringLiteral("— missing —");
    QTest::addRow("number") << QVariant(QStringLiteral("42")) << int(JsonText::State::Invalid)
                            << QStringLiteral("⚠ invalid (number 42)");
    QTest::addRow("object") << QVariant(QStringLiteral("{\"a\":1}"))
                            << int(JsonText::State::Invalid)
                            << QStringLiteral("⚠ invalid (an object)");
    QTest::addRow("garbage") << QVariant(QStringLiteral("{nope")) << int(JsonText::State::Invalid)
                             << QStringLiteral("⚠ invalid (not JSON)");
    QTest::addRow("markup stays text") << QVariant(QStringLiteral("\"<b>x</b>\""))
                                       << int(JsonText::State::Ok) << QStringLiteral("<b>x</b>");
}

void tst_FormJson::fragment()
{
    QFETCH(QVariant, input);
    QFETCH(int, state);
    QFETCH(QString, display);
    const JsonText t = FormJson::fragment(input);
    QCOMPARE(int(t.state), state);
    QCOMPARE(t.display(), display);
}

void tst_FormJson::formData_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("recipient");
    QTest::addRow("seed shape") << QStringLiteral(
        R"({"recipientName":"Cyril Samuel","relationship":"ok","theme":"merry-christmas"})")
                                << QString() << QStringLiteral("Cyril Samuel");
    QTest::addRow("not json") << QStringLiteral("{broken")
                              << QStringLiteral("The form data is not valid JSON")
                              << QStringLiteral("— missing —");
    QTest::addRow("array") << QStringLiteral("[1,2]")
                           << QStringLiteral("The form data is a list, not an object")
                           << QStringLiteral("— missing —");
    QTest::addRow("string") << QStringLiteral("\"hello\"")
                            << QStringLiteral("The form data is text, not an object")
                            << QStringLiteral("— missing —");
    QTest::addRow("wrong type") << QStringLiteral(R"({"recipientName":true})") << QString()
                                << QStringLiteral("⚠ invalid (true)");
    QTest::addRow("empty") << QString() << QStringLiteral("The form data is missing")
                           << QStringLiteral("— missing —");
}

void tst_FormJson::formData()
{
    QFETCH(QString, raw);
    QFETCH(QString, problem);
    QFETCH(QString, recipient);
    FormDetail d;
    FormJson::parseFormData(raw, d);
    QCOMPARE(d.formDataProblem, problem);
    QVERIFY(d.fields.size() >= 7);
    QCOMPARE(d.fields.first().key, QStringLiteral("recipientName"));
    QCOMPARE(d.fields.first().value.display(), recipient);
}

void tst_FormJson::hugeStringsAreCutForDisplayOnly()
{
    const QString huge(100000, QLatin1Char('x'));
    FormDetail d;
    FormJson::parseFormData(QStringLiteral(R"({"specialMoment":"%1"})").arg(huge), d);
    const auto it = std::find_if(d.fields.cbegin(), d.fields.cend(), [](const FormField &f) {
        return f.key == QLatin1String("specialMoment");
    });
    QVERIFY(it != d.fields.cend());
    QCOMPARE(it->value.value.size(), huge.size());
    QVERIFY(it->value.display().size() < 2100);
    QVERIFY(it->value.display().contains(QLatin1String("100000")));
}

void tst_FormJson::mergeToleratesShapes_data()
{
    QTest::addColumn<int>("songs");
    QTest::addColumn<QString>("tasks");
    QTest::addColumn<QString>("urls");
    QTest::addColumn<QString>("selections");
    QTest::addColumn<int>("rows");
    QTest::addColumn<bool>("problem");
    QTest::addRow("seed bundle")
        << 3 << QStringLiteral(R"({"0":["a","b","c"],"1":["d","e","f"],"2":["g","h","i"]})")
        << QStringLiteral(R"({"0":{"1":"u1","2":"u2","3":"u3"}})")
        << QStringLiteral(R"({"0":2,"1":1,"2":3})") << 9 << false;
    QTest::addRow("array of arrays")
        << 1 << QStringLiteral(R"([["a","b","c"]])") << QString() << QString() << 3 << false;
    QTest::addRow("nothing yet") << 1 << QString() << QString() << QString() << 3 << false;
    QTest::addRow("scalar tasks") << 1 << QStringLiteral("42") << QString() << QString() << 3
                                  << true;
    QTest::addRow("malformed urls")
        << 1 << QString() << QStringLiteral("{oops") << QString() << 3 << true;
    QTest::addRow("text selection")
        << 1 << QString() << QString() << QStringLiteral(R"({"0":"2"})") << 3 << true;
    QTest::addRow("more songs than song_count")
        << 1 << QStringLiteral(R"({"0":["a"],"1":["b"]})") << QString() << QString() << 6 << false;
    QTest::addRow("bad song_count") << 0 << QString() << QString() << QString() << 3 << false;
}

void tst_FormJson::mergeToleratesShapes()
{
    QFETCH(int, songs);
    QFETCH(QString, tasks);
    QFETCH(QString, urls);
    QFETCH(QString, selections);
    QFETCH(int, rows);
    QFETCH(bool, problem);
    QString why;
    const auto merged = FormJson::mergeVariations(songs, tasks, urls, selections, {}, &why);
    QCOMPARE(merged.size(), rows);
    QCOMPARE(!why.isEmpty(), problem);
}

QTEST_GUILESS_MAIN(tst_FormJson)
#include "tst_formjson.moc"
