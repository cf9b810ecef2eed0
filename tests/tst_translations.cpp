// The dashboard's translations: every embedded .qm loads (with Qt's own qtbase_*.qm beside it),
// every .ts entry is finished and keeps the source's placeholders, lupdate over today's sources
// finds no string the .ts files lack, and the German main window shows no English text.
//
// After adding strings: scripts/update-translations.sh, translate the unfinished entries
// (Qt Linguist, or by hand in translations/*.ts), build, run this test.
#include "dataservice.h"
#include "formdetailmodel.h"
#include "formdetailview.h"
#include "formlistmodel.h"
#include "formtypes.h"
#include "funnelmodel.h"
#include "guitestdata.h"
#include "languages.h"
#include "mainwindow.h"
#include "testdatabase.h"

#include <QAbstractButton>
#include <QAction>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace compose;
using compose::test::TestDatabase;

namespace {

constexpr int LoadTimeout = 15000;

struct TsMessage {
    QString context;
    QString source;
    QStringList translations; // one, or one per plural form
    QString type; // "", "unfinished", "vanished", "obsolete"
    bool numerus = false;
};

QString sourceDir()
{
    // Set by tests/CMakeLists.txt for every test.
    return qEnvironmentVariable("COMPOSE_SOURCE_DIR");
}

QString tsPath(const QString &lang)
{
    return sourceDir() + QStringLiteral("/translations/compose-desk_%1.ts").arg(lang);
}

QList<TsMessage> readAll(const QString &path, QString *error)
{
    QList<TsMessage> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + f.errorString();
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context;
    TsMessage m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                m = TsMessage {};
                m.context = context;
                m.numerus
                    = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (name == QLatin1String("source")) {
                m.source = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                m.type = xml.attributes().value(QLatin1String("type")).toString();
                if (!m.numerus)
                    m.translations << xml.readElementText();
            } else if (name == QLatin1String("numerusform")) {
                m.translations << xml.readElementText();
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            out << m;
        }
    }
    if (xml.hasError())
        *error = path + QStringLiteral(": ") + xml.errorString();
    return out;
}

QSet<QString> placeholders(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("%L?[1-9n]"));
    QSet<QString> found;
    for (auto it = re.globalMatch(s); it.hasNext();)
        found << it.next().captured().remove(QLatin1Char('L'));
    return found;
}

QString withoutMnemonic(QString s)
{
    // "&File" and "Form &detail" read as "File" and "Form detail"; "&&" is a literal "&".
    s.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    s.remove(QLatin1Char('&'));
    s.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return s.trimmed();
}

QString lupdatePath()
{
    const QString inQt
        = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
    return QFile::exists(inQt) ? inQt : QStringLiteral("lupdate");
}

} // namespace

class tst_Translations final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void qmLoads_data();
    void qmLoads();
    void tsComplete_data();
    void tsComplete();
    void sourcesHaveNoNewStrings_data();
    void sourcesHaveNoNewStrings();
    void englishPluralsRead();
    void moneyFollowsLocale();
    void germanWindowShowsNoEnglish();

private:
    QTemporaryDir m_settingsDir;
};

void tst_Translations::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("compose-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_translations"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void tst_Translations::qmLoads_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<bool>("qtOwn");
    QTest::addRow("de") << QStringLiteral("de") << QStringLiteral("&File")
                        << QStringLiteral("&Datei") << true;
    QTest::addRow("es") << QStringLiteral("es") << QStringLiteral("&File")
                        << QStringLiteral("&Archivo") << true;
    // English holds only the plural forms.
    QTest::addRow("en") << QStringLiteral("en") << QString() << QString() << false;
}

void tst_Translations::qmLoads()
{
    QFETCH(QString, lang);
    QFETCH(QString, source);
    QFETCH(QString, expected);
    QFETCH(bool, qtOwn);
    QTranslator t;
    const QString qm = QStringLiteral(":/i18n/compose-desk_%1.qm").arg(lang);
    QVERIFY2(t.load(qm), qPrintable(qm));
    QVERIFY(!t.isEmpty());
    if (!source.isEmpty())
        QCOMPARE(t.translate("compose::MainWindow", source.toUtf8().constData()), expected);
    if (qtOwn) {
        // Qt's own dialogs and buttons (Debian: qt6-translations-l10n).
        QTranslator qt;
        QVERIFY2(qt.load(QLocale(lang), QStringLiteral("qtbase"), QStringLiteral("_"),
                         QLibraryInfo::path(QLibraryInfo::TranslationsPath)),
                 qPrintable(QLibraryInfo::path(QLibraryInfo::TranslationsPath)));
    }
}

void tst_Translations::tsComplete_data()
{
    QTest::addColumn<QString>("lang");
    for (const QString &l : Languages::available())
        QTest::addRow("%s", qPrintable(l)) << l;
}

void tst_Translations::tsComplete()
{
    QFETCH(QString, lang);
    QString error;
    const QList<TsMessage> messages = readAll(tsPath(lang), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!messages.isEmpty());
    QStringList problems;
    for (const TsMessage &m : messages) {
        const QString where = m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
        if (!m.type.isEmpty()) {
            problems << m.type + QStringLiteral(" ") + where;
            continue;
        }
        const int forms = m.numerus ? 2 : 1; // de, es and en all have two plural forms
        if (m.translations.size() != forms) {
            problems
                << QStringLiteral("%1 forms instead of %2: ").arg(m.translations.size()).arg(forms)
                    + where;
            continue;
        }
        for (const QString &t : m.translations) {
            if (t.trimmed().isEmpty() && !m.source.trimmed().isEmpty())
                problems << QStringLiteral("empty: ") + where;
            else if (placeholders(t) != placeholders(m.source))
                problems << QStringLiteral("placeholders differ in \"%1\": ").arg(t) + where;
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void tst_Translations::sourcesHaveNoNewStrings_data()
{
    tsComplete_data();
}

// lupdate over today's sources into a copy of the .ts: a tr() string that the file lacks comes
// out unfinished. This is what fails when someone adds text and forgets to translate it.
void tst_Translations::sourcesHaveNoNewStrings()
{
    QFETCH(QString, lang);
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("copy_%1.ts").arg(lang));
    QVERIFY(QFile::copy(tsPath(lang), copy));
    QStringList args {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"),
                      QStringLiteral("none"), QStringLiteral("-silent")};
    if (lang == QLatin1String("en"))
        args << QStringLiteral("-pluralonly");
    const QDir src(sourceDir());
    args << src.filePath(QStringLiteral("app")) << src.filePath(QStringLiteral("views"))
         << src.filePath(QStringLiteral("models")) << QStringLiteral("-ts") << copy;
    QProcess lupdate;
    lupdate.start(lupdatePath(), args);
    QVERIFY2(lupdate.waitForFinished(120000), qPrintable(lupdate.errorString()));
    QCOMPARE(lupdate.exitCode(), 0);
    QString error;
    QStringList fresh;
    for (const TsMessage &m : readAll(copy, &error)) {
        if (m.type == QLatin1String("unfinished"))
            fresh << m.context + QStringLiteral(": ") + m.source;
    }
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY2(fresh.isEmpty(),
             qPrintable(QStringLiteral("Not in translations/compose-desk_%1.ts (run "
                                       "scripts/update-translations.sh and translate):\n")
                            .arg(lang)
                        + fresh.join(QLatin1Char('\n'))));
}

void tst_Translations::englishPluralsRead()
{
    QTranslator en;
    QVERIFY(en.load(QStringLiteral(":/i18n/compose-desk_en.qm")));
    QCOMPARE(en.translate("compose::FormDetailView", "%1 · %n song(s)", "package · song count", 1),
             QStringLiteral("%1 · %n song"));
    QCOMPARE(en.translate("compose::FormDetailView", "%1 · %n song(s)", "package · song count", 3),
             QStringLiteral("%1 · %n songs"));
}

// Money: the order's currency gives the symbol, the locale its place and separators.
void tst_Translations::moneyFollowsLocale()
{
    const QLocale before;
    QLocale::setDefault(QLocale(QStringLiteral("de")));
    const QString de = Money {123456, QStringLiteral("eur")}.display();
    const QString deUsd = Money {999, QStringLiteral("usd")}.display();
    QLocale::setDefault(QLocale(QStringLiteral("es")));
    const QString es = Money {999, QStringLiteral("gbp")}.display();
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QString en = Money {-999, QStringLiteral("usd")}.display();
    const QString other = Money {1250, QStringLiteral("chf")}.display();
    QLocale::setDefault(QLocale::c()); // no LANG: read as US English
    const QString c = Money {999, QStringLiteral("usd")}.display();
    QLocale::setDefault(before);
    QCOMPARE(de, QStringLiteral("1.234,56\u00a0€"));
    QCOMPARE(deUsd, QStringLiteral("9,99\u00a0$"));
    QCOMPARE(es, QStringLiteral("9,99\u00a0£"));
    QCOMPARE(en, QStringLiteral("($9.99)")); // US accounting style for a negative amount
    QCOMPARE(other, QStringLiteral("CHF12.50"));
    QCOMPARE(c, QStringLiteral("$9.99"));
}

// With German loaded, every text the main window shows (labels, buttons, actions and menus, tab
// titles, table headers, placeholders) is compared with the English sources: one that equals
// an English source whose German differs is an untranslated string on screen.
void tst_Translations::germanWindowShowsNoEnglish()
{
    QVERIFY(Languages::install(QStringLiteral("de")));
    QString error;
    QHash<QString, QString> english; // English text without mnemonic -> its German
    for (const TsMessage &m : readAll(tsPath(QStringLiteral("de")), &error)) {
        if (m.numerus || m.source.contains(QLatin1Char('%')))
            continue;
        const QString en = withoutMnemonic(m.source);
        const QString de = withoutMnemonic(m.translations.value(0));
        if (!en.isEmpty() && en != de)
            english.insert(en, de);
    }
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(english.size() > 300);

    TestDatabase tdb(SqlDialect::SQLite);
    tdb.migrate();
    const auto seed = test::seedDashboard(tdb.connection());
    DataService data;
    MainWindow w(&data);
    w.resize(1366, 768);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    data.open(tdb.settings());
    QTRY_VERIFY_WITH_TIMEOUT(
        !w.funnelModel()->isLoading() && w.funnelModel()->total() == seed.total, LoadTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(!w.listModel()->isLoading() && w.listModel()->rowCount() == seed.total,
                             LoadTimeout);
    w.showForm(seed.bundleFormId);
    QTRY_COMPARE_WITH_TIMEOUT(w.detailModel()->state(), FormDetailModel::State::Loaded,
                              LoadTimeout);

    QStringList shown;
    for (const QLabel *l : w.findChildren<QLabel *>()) {
        if (l->isVisibleTo(&w))
            shown << l->text();
    }
    for (const QAbstractButton *b : w.findChildren<QAbstractButton *>()) {
        if (b->isVisibleTo(&w))
            shown << b->text() << b->toolTip();
    }
    for (const QAction *a : w.findChildren<QAction *>())
        shown << a->text() << a->toolTip();
    for (const QMenu *m : w.menuBar()->findChildren<QMenu *>())
        shown << m->title();
    for (const QTabWidget *t : w.findChildren<QTabWidget *>()) {
        for (int i = 0; i < t->count(); ++i)
            shown << t->tabText(i);
    }
    for (const QGroupBox *g : w.findChildren<QGroupBox *>())
        shown << g->title();
    for (const QLineEdit *e : w.findChildren<QLineEdit *>())
        shown << e->placeholderText() << e->toolTip();
    for (const QTableView *v : w.findChildren<QTableView *>()) {
        if (!v->model())
            continue;
        for (int c = 0; c < v->model()->columnCount(); ++c)
            shown << v->model()->headerData(c, Qt::Horizontal).toString();
    }
    shown << w.windowTitle();

    QStringList englishOnScreen;
    int german = 0;
    for (const QString &raw : std::as_const(shown)) {
        const QString text = withoutMnemonic(raw);
        if (text.isEmpty())
            continue;
        if (english.contains(text))
            englishOnScreen
                << QStringLiteral("\"%1\" (German: \"%2\")").arg(text, english.value(text));
        else
            ++german;
    }
    QVERIFY2(englishOnScreen.isEmpty(), qPrintable(englishOnScreen.join(QLatin1Char('\n'))));
    // The check saw a real window, not an empty one.
    QVERIFY2(german > 40, qPrintable(QString::number(german)));
    QVERIFY(shown.contains(QStringLiteral("&Datei")));
}

QTEST_MAIN(tst_Translations)
#include "tst_translations.moc"
