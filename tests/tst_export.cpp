// Runs the real compose-dashboard binary the way a script would: no display, stdout parsed,
// exit status and stderr checked.
#include "database.h"
#include "formrows.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace compose;
using compose::test::TestDatabase;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// One seed-shaped row and what the export must say about it.
struct Row {
    QString id;
    QString package;
    QString status;
    QString formData; // written verbatim
    QString recipient; // expected export value; empty = missing/invalid
    QString sender;
    QString guestEmail; // empty: the form belongs to user u1
    std::optional<int> amount;
    QString created; // UTC
    bool nullUpdated = false;
};

const QStringList kWorkflow {QStringLiteral("created"),
                             QStringLiteral("prompts_generated"),
                             QStringLiteral("variations_generating"),
                             QStringLiteral("variations_ready"),
                             QStringLiteral("payment_initiated"),
                             QStringLiteral("payment_completed"),
                             QStringLiteral("delivered")};

QList<Row> rows(SqlDialect dialect)
{
    const auto fd = [](const QString &r, const QString &s) {
        return QString::fromUtf8(
            QJsonDocument(QJsonObject {{QStringLiteral("recipientName"), r},
                                       {QStringLiteral("senderName"), s},
                                       {QStringLiteral("theme"), QStringLiteral("birthday")}})
                .toJson(QJsonDocument::Compact));
    };
    QList<Row> out {
        {QStringLiteral("form_01"),
         QStringLiteral("solo-serenade"),
         QStringLiteral("created"),
         fd(QStringLiteral("Cyril Samuel"), QStringLiteral("my mom")),
         QStringLiteral("Cyril Samuel"),
         QStringLiteral("my mom"),
         QStringLiteral("a@example.com"),
         {},
         QStringLiteral("2025-12-01 10:00:00")},
        {QStringLiteral("form_02"),
         QStringLiteral("solo-serenade"),
         QStringLiteral("variations_ready"),
         fd(QStringLiteral("Smith, \"Jr.\""), QStringLiteral("line one\nline two")),
         QStringLiteral("Smith, \"Jr.\""),
         QStringLiteral("line one\nline two"),
         QStringLiteral("b@example.com"),
         {},
         QStringLiteral("2025-12-02 10:00:00")},
        {QStringLiteral("form_03"),
         QStringLiteral("holiday-hamper"),
         QStringLiteral("variations_ready"),
         QStringLiteral("[\"Grace\", \"mom\"]"),
         QString(),
         QString(),
         QStringLiteral("c@example.com"),
         {},
         QStringLiteral("2025-12-03 10:00:00")},
        {QStringLiteral("form_04"),
         QStringLiteral("solo-serenade"),
         QStringLiteral("variations_ready"),
         QStringLiteral("{\"recipientName\": 42, \"senderName\": null}"),
         QString(),
         QString(),
         QStringLiteral("d@example.com"),
         {},
         QStringLiteral("2025-12-04 10:00:00")},
        {QStringLiteral("form_05"),
         QStringLiteral("solo-serenade"),
         QStringLiteral("variations_ready"),
         QStringLiteral("{}"),
         QString(),
         QString(),
         QString(),
         {},
         QStringLiteral("2025-12-05 10:00:00"),
         true},
        {QStringLiteral("form_06"),
         QStringLiteral("solo-serenade"),
         QStringLiteral("variations_ready"),
         fd(QStringLiteral("Zoë 🎵 <b>Bob</b>"),
            QStringLiteral("<a href=\"javascript:alert(1)\">x</a>")),
         QStringLiteral("Zoë 🎵 <b>Bob</b>"),
         QStringLiteral("<a href=\"javascript:alert(1)\">x</a>"),
         QStringLiteral("e@example.com"),
         {},
         QStringLiteral("2025-12-06 10:00:00")},
        {QStringLiteral("form_07"), QStringLiteral("solo-serenade"),
         QStringLiteral("payment_completed"), fd(QStringLiteral("Ann"), QStringLiteral("Bo")),
         QStringLiteral("Ann"), QStringLiteral("Bo"), QStringLiteral("f@example.com"), 999,
         QStringLiteral("2025-12-07 10:00:00")},
        {QStringLiteral("form_08"), QStringLiteral("holiday-hamper"), QStringLiteral("delivered"),
         fd(QStringLiteral("Cy"), QStringLiteral("Di")), QStringLiteral("Cy"), QStringLiteral("Di"),
         QString(), 999, QStringLiteral("2025-12-08 10:00:00")},
        {QStringLiteral("form_09"), QStringLiteral("holiday-hamper"), QStringLiteral("delivered"),
         fd(QStringLiteral("Ed"), QStringLiteral("Fi")), QStringLiteral("Ed"), QStringLiteral("Fi"),
         QStringLiteral("g@example.com"), 999, QStringLiteral("2025-12-09 10:00:00")},
        {QStringLiteral("form_10"), QStringLiteral("solo-serenade"), QStringLiteral("on_hold"),
         fd(QStringLiteral("Gus"), QStringLiteral("Hal")), QStringLiteral("Gus"),
         QStringLiteral("Hal"), QStringLiteral("h@example.com"), 999,
         QStringLiteral("2025-12-10 10:00:00")},
        {QStringLiteral("form_11"), QStringLiteral("solo-serenade"), QStringLiteral("Delivered"),
         fd(QStringLiteral("Ivy"), QStringLiteral("Jo")), QStringLiteral("Ivy"),
         QStringLiteral("Jo"), QStringLiteral("i@example.com"), 999,
         QStringLiteral("2025-12-11 10:00:00")},
        {QStringLiteral("form_12"),
         QStringLiteral("solo-serenade"),
         QStringLiteral("expired"),
         fd(QStringLiteral("Kim"), QStringLiteral("Lu")),
         QStringLiteral("Kim"),
         QStringLiteral("Lu"),
         QStringLiteral("j@example.com"),
         {},
         QStringLiteral("2025-11-01 10:00:00")},
    };
    // JSONB cannot hold broken JSON: there the same mistake arrives double-encoded.
    out << Row {QStringLiteral("form_13"),
                QStringLiteral("solo-serenade"),
                QStringLiteral("variations_ready"),
                dialect == SqlDialect::SQLite
                    ? QStringLiteral("{\"recipientName\": \"Gra")
                    : QStringLiteral("\"{\\\"recipientName\\\": \\\"Gra\""),
                QString(),
                QString(),
                QStringLiteral("k@example.com"),
                {},
                QStringLiteral("2025-12-13 10:00:00")};
    return out;
}

void insertRows(TestDatabase &tdb, const QList<Row> &data)
{
    QSqlDatabase db = tdb.connection();
    tdb.exec(QStringLiteral("INSERT INTO \"user\"(id, email, name, credits) VALUES ('u1', "
                            "'user1@example.com', 'User One', 5)"));
    FormRowWriter forms(db);
    for (const Row &r : data) {
        const QDateTime created
            = QDateTime::fromString(r.created, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        FormRow row;
        row.id = r.id;
        row.packageType = r.package;
        row.songCount = r.package == QLatin1String("holiday-hamper") ? 3 : 1;
        row.formData = r.formData;
        row.generatedPrompts = QStringLiteral("[]");
        row.status = r.status;
        row.amountPaid = r.amount;
        row.userId
            = r.guestEmail.isEmpty() ? std::optional<QString>(QStringLiteral("u1")) : std::nullopt;
        row.guestEmail = textOrNull(r.guestEmail);
        row.createdAt = QDateTime(created.date(), created.time(), Qt::UTC);
        if (!r.nullUpdated)
            row.updatedAt = row.createdAt.addSecs(3600);
        row.expiresAt = row.createdAt.addDays(7);
        forms.insert(row);
    }
}

QString iso(const QString &sqlTime, int addSecs = 0)
{
    const QDateTime local = QDateTime::fromString(sqlTime, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    return QDateTime(local.date(), local.time(), Qt::UTC)
        .addSecs(addSecs)
        .toString(Qt::ISODateWithMs);
}

// RFC 4180: fields separated by commas, quoted fields may hold commas, quotes ("") and newlines.
QList<QStringList> parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
        } else if (c == QLatin1Char('\n')) {
            record << field;
            field.clear();
            records << record;
            record.clear();
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !record.isEmpty())
        records << (record << field);
    return records;
}

} // namespace

class tst_Export : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void funnelAndForms_data();
    void funnelAndForms();
    void formulasAreNeutralised_data();
    void formulasAreNeutralised();
    void outputFileIsAtomic();
    void migrateThenExport();
    void failures_data();
    void failures();
    void wrongDatabaseOnServer();

private:
    Run run(const QStringList &args);
    QString m_binary;
    QTemporaryDir m_home;
};

void tst_Export::initTestCase()
{
    m_binary = QDir::cleanPath(QCoreApplication::applicationDirPath()
                               + QStringLiteral("/../app/compose-dashboard"));
    QVERIFY2(QFileInfo(m_binary).isExecutable(),
             qPrintable(m_binary + QStringLiteral(" is not built")));
}

Run tst_Export::run(const QStringList &args)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // No display of any kind: a QGuiApplication would abort here, the export must not care.
    for (const char *name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "QT_LOGGING_RULES",
                             "PGHOST", "PGDATABASE", "PGPORT", "PGUSER", "PGPASSWORD"})
        env.remove(QLatin1String(name));
    // Nothing remembered from the real user's settings.
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    p.setProcessEnvironment(env);
    p.start(m_binary, args);
    Run r;
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

void tst_Export::funnelAndForms_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addRow("postgresql seed-only schema") << SqlDialect::PostgreSQL;
    QTest::addRow("sqlite seed-only schema") << SqlDialect::SQLite;
}

void tst_Export::funnelAndForms()
{
    QFETCH(SqlDialect, dialect);
    TestDatabase tdb(dialect);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.createSeedOnlySchema();
    const QList<Row> data = rows(dialect);
    insertRows(tdb, data);
    const QString url = tdb.url();

    // The funnel: what GROUP BY says, in workflow order, zeros included, unknown statuses last.
    QMap<QString, qint64> counts;
    {
        QSqlQuery q(tdb.connection());
        QVERIFY(
            q.exec(QStringLiteral("SELECT status, count(*) FROM compose_forms GROUP BY status")));
        while (q.next())
            counts.insert(q.value(0).toString(), q.value(1).toLongLong());
    }
    QByteArray expected = "status,forms\n";
    for (const QString &s : kWorkflow)
        expected += s.toUtf8() + ',' + QByteArray::number(counts.take(s)) + '\n';
    for (const QString &s : {QStringLiteral("expired"), QStringLiteral("refunded")}) {
        if (counts.contains(s))
            expected += s.toUtf8() + ',' + QByteArray::number(counts.take(s)) + '\n';
    }
    QStringList others = counts.keys();
    std::sort(others.begin(), others.end());
    for (const QString &s : std::as_const(others))
        expected += s.toUtf8() + ',' + QByteArray::number(counts.value(s)) + '\n';
    QVERIFY(expected.contains("created,1\nprompts_generated,0\n"));
    QVERIFY(expected.endsWith("Delivered,1\non_hold,1\n"));

    Run r = run({QStringLiteral("--database-url"), url, QStringLiteral("--export"),
                 QStringLiteral("funnel"), QStringLiteral("--format"), QStringLiteral("csv")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out, expected);
    QVERIFY2(r.err.isEmpty(), r.err.constData());

    r = run({QStringLiteral("--database-url"), url, QStringLiteral("--export=funnel"),
             QStringLiteral("--format=json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray funnel = QJsonDocument::fromJson(r.out).array();
    QCOMPARE(funnel.size(), 10);
    QCOMPARE(funnel.at(3).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("variations_ready"));
    QCOMPARE(funnel.at(3).toObject().value(QStringLiteral("forms")).toInt(), 6);

    // The forms in one status, oldest first.
    QList<Row> ready;
    for (const Row &row : data)
        if (row.status == QLatin1String("variations_ready"))
            ready << row;
    r = run({QStringLiteral("--database-url"), url, QStringLiteral("--export"),
             QStringLiteral("forms"), QStringLiteral("--status"),
             QStringLiteral("variations_ready"), QStringLiteral("--format"),
             QStringLiteral("csv")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    const QList<QStringList> csv = parseCsv(r.out);
    QCOMPARE(csv.size(), ready.size() + 1);
    QCOMPARE(csv.at(0),
             (QStringList {QStringLiteral("id"), QStringLiteral("package"),
                           QStringLiteral("status"), QStringLiteral("recipient"),
                           QStringLiteral("sender"), QStringLiteral("email"),
                           QStringLiteral("amount_paid"), QStringLiteral("created_at"),
                           QStringLiteral("updated_at"), QStringLiteral("expires_at")}));
    for (int i = 0; i < ready.size(); ++i) {
        const Row &e = ready.at(i);
        const QStringList &got = csv.at(i + 1);
        QCOMPARE(got.size(), 10);
        QCOMPARE(got.at(0), e.id);
        QCOMPARE(got.at(1), e.package);
        QCOMPARE(got.at(2), e.status);
        QCOMPARE(got.at(3), e.recipient);
        QCOMPARE(got.at(4), e.sender);
        QCOMPARE(got.at(5),
                 e.guestEmail.isEmpty() ? QStringLiteral("user1@example.com") : e.guestEmail);
        QCOMPARE(got.at(6), e.amount ? QString::number(*e.amount) : QString());
        QCOMPARE(got.at(7), iso(e.created));
        QCOMPARE(got.at(8), e.nullUpdated ? QString() : iso(e.created, 3600));
        QCOMPARE(got.at(9), iso(e.created, 7 * 86400));
    }
    QVERIFY(r.out.contains("\"Smith, \"\"Jr.\"\"\"")); // quoted, inner quotes doubled

    r = run({QStringLiteral("--database-url"), url, QStringLiteral("--export"),
             QStringLiteral("forms"), QStringLiteral("--status"),
             QStringLiteral("variations_ready"), QStringLiteral("--format"),
             QStringLiteral("json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QJsonParseError err {};
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &err);
    QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(err.errorString()));
    const QJsonArray forms = doc.array();
    QCOMPARE(forms.size(), ready.size());
    for (int i = 0; i < ready.size(); ++i) {
        const Row &e = ready.at(i);
        const QJsonObject o = forms.at(i).toObject();
        QCOMPARE(o.size(), 10);
        QCOMPARE(o.value(QStringLiteral("id")).toString(), e.id);
        if (e.recipient.isEmpty())
            QVERIFY2(o.value(QStringLiteral("recipient")).isNull(), qPrintable(e.id));
        else
            QCOMPARE(o.value(QStringLiteral("recipient")).toString(), e.recipient);
        if (e.sender.isEmpty())
            QVERIFY(o.value(QStringLiteral("sender")).isNull());
        else
            QCOMPARE(o.value(QStringLiteral("sender")).toString(), e.sender);
        QVERIFY(o.value(QStringLiteral("amount_paid")).isNull());
        QCOMPARE(o.value(QStringLiteral("updated_at")).isNull(), e.nullUpdated);
        QCOMPARE(o.value(QStringLiteral("created_at")).toString(), iso(e.created));
    }

    // An unknown status is exported as spelled; amounts are numbers.
    r = run({QStringLiteral("--database-url"), url, QStringLiteral("--export"),
             QStringLiteral("forms"), QStringLiteral("--status"), QStringLiteral("on_hold"),
             QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.exitCode, 0);
    const QJsonArray held = QJsonDocument::fromJson(r.out).array();
    QCOMPARE(held.size(), 1);
    QCOMPARE(held.at(0).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("on_hold"));
    QCOMPARE(held.at(0).toObject().value(QStringLiteral("amount_paid")).toInt(), 999);

    // No match: a header alone, an empty array.
    r = run({QStringLiteral("--database-url"), url, QStringLiteral("--export"),
             QStringLiteral("forms"), QStringLiteral("--status"), QStringLiteral("refunded")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(parseCsv(r.out).size(), 1);
    r = run({QStringLiteral("--database-url"), url, QStringLiteral("--export"),
             QStringLiteral("forms"), QStringLiteral("--status"), QStringLiteral("refunded"),
             QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(QJsonDocument::fromJson(r.out).isArray());
    QCOMPARE(QJsonDocument::fromJson(r.out).array().size(), 0);

    // Filters: package and created-day range.
    r = run({QStringLiteral("--database-url"), url, QStringLiteral("--export"),
             QStringLiteral("forms"), QStringLiteral("--package"), QStringLiteral("holiday-hamper"),
             QStringLiteral("--from"), QStringLiteral("2025-12-03"), QStringLiteral("--to"),
             QStringLiteral("2025-12-08")});
    QCOMPARE(r.exitCode, 0);
    const QList<QStringList> hampers = parseCsv(r.out);
    QCOMPARE(hampers.size(), 3);
    QCOMPARE(hampers.at(1).at(0), QStringLiteral("form_03"));
    QCOMPARE(hampers.at(2).at(0), QStringLiteral("form_08"));
}

void tst_Export::formulasAreNeutralised_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addRow("postgresql seed-only schema") << SqlDialect::PostgreSQL;
    QTest::addRow("sqlite seed-only schema") << SqlDialect::SQLite;
}

// Customer text that a spreadsheet would run as a formula comes out as text in CSV (a leading
// apostrophe), the same as the window's funnel export; JSON carries it unchanged.
void tst_Export::formulasAreNeutralised()
{
    QFETCH(SqlDialect, dialect);
    TestDatabase tdb(dialect);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.createSeedOnlySchema();
    const QString hyperlink = QStringLiteral("=HYPERLINK(\"http://x\",\"y\")");
    const auto formData = [](const QString &recipient, const QString &sender) {
        return QString::fromUtf8(
            QJsonDocument(QJsonObject {{QStringLiteral("recipientName"), recipient},
                                       {QStringLiteral("senderName"), sender}})
                .toJson(QJsonDocument::Compact));
    };
    insertRows(
        tdb,
        {{QStringLiteral("form_f1"), QStringLiteral("solo-serenade"),
          QStringLiteral("payment_completed"), formData(hyperlink, QStringLiteral("+1 555 0100")),
          hyperlink, QStringLiteral("+1 555 0100"), QStringLiteral("@a@example.com"), -500,
          QStringLiteral("2025-12-01 10:00:00")},
         {QStringLiteral("form_f2"),
          QStringLiteral("solo-serenade"),
          QStringLiteral("-cmd"),
          formData(QStringLiteral("\tTab"), QStringLiteral("Ann = Bo")),
          QStringLiteral("\tTab"),
          QStringLiteral("Ann = Bo"),
          QStringLiteral("b@example.com"),
          {},
          QStringLiteral("2025-12-02 10:00:00")}});

    Run r = run({QStringLiteral("--database-url"), tdb.url(), QStringLiteral("--export"),
                 QStringLiteral("forms")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<QByteArray> lines = r.out.split('\n');
    QCOMPARE(lines.size(), 4); // header, two forms, the empty rest after the last "\n"
    QCOMPARE(
        lines.at(1),
        QByteArray(
            "form_f1,solo-serenade,payment_completed,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","
            "'+1 555 0100,'@a@example.com,-500,2025-12-01T10:00:00.000Z,"
            "2025-12-01T11:00:00.000Z,2025-12-08T10:00:00.000Z"));
    QCOMPARE(
        lines.at(2),
        QByteArray("form_f2,solo-serenade,'-cmd,'\tTab,Ann = Bo,b@example.com,,"
                   "2025-12-02T10:00:00.000Z,2025-12-02T11:00:00.000Z,2025-12-09T10:00:00.000Z"));

    r = run({QStringLiteral("--database-url"), tdb.url(), QStringLiteral("--export"),
             QStringLiteral("funnel")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.endsWith("delivered,0\n'-cmd,1\n"), r.out.constData());

    r = run({QStringLiteral("--database-url"), tdb.url(), QStringLiteral("--export"),
             QStringLiteral("forms"), QStringLiteral("--format"), QStringLiteral("json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonArray forms = QJsonDocument::fromJson(r.out).array();
    QCOMPARE(forms.size(), 2);
    QCOMPARE(forms.at(0).toObject().value(QStringLiteral("recipient")).toString(), hyperlink);
    QCOMPARE(forms.at(1).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("-cmd"));
}

void tst_Export::outputFileIsAtomic()
{
    TestDatabase tdb(SqlDialect::SQLite);
    tdb.createSeedOnlySchema();
    insertRows(tdb, rows(SqlDialect::SQLite));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("forms.json"));
    Run r = run({QStringLiteral("--database-url"), tdb.url(), QStringLiteral("--export"),
                 QStringLiteral("forms"), QStringLiteral("--format"), QStringLiteral("json"),
                 QStringLiteral("--output"), file});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.isEmpty());
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(f.readAll()).array().size(), 13);

    // A failing export leaves no file behind.
    QTemporaryDir empty;
    const QString emptyDb = empty.filePath(QStringLiteral("empty.db"));
    QFile(emptyDb).open(QIODevice::WriteOnly);
    const QString failed = dir.filePath(QStringLiteral("failed.csv"));
    r = run({QStringLiteral("--database-url"), QStringLiteral("sqlite://") + emptyDb,
             QStringLiteral("--export"), QStringLiteral("funnel"), QStringLiteral("--output"),
             failed});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(!QFile::exists(failed));
}

void tst_Export::migrateThenExport()
{
    QTemporaryDir dir;
    const QString url = QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("new.db"));
    Run r = run({QStringLiteral("--database-url"), url, QStringLiteral("--migrate")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("applied 001"), r.out.constData());
    QVERIFY(r.err.isEmpty());
    r = run({QStringLiteral("--database-url"), url, QStringLiteral("--migrate")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("up to date"), r.out.constData());
    r = run({QStringLiteral("--database-url"), url, QStringLiteral("--export"),
             QStringLiteral("funnel")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(
        r.out,
        QByteArray("status,forms\ncreated,0\nprompts_generated,0\nvariations_generating,0\n"
                   "variations_ready,0\npayment_initiated,0\npayment_completed,0\ndelivered,0\n"));
}

void tst_Export::failures_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");
    const QString exp = QStringLiteral("--export");
    const QString url = QStringLiteral("--database-url");
    QTest::addRow("bad scheme") << QStringList {url, QStringLiteral("mysql://root@h/shop"), exp,
                                                QStringLiteral("funnel")}
                                << 2 << QStringLiteral("mysql");
    QTest::addRow("not a url") << QStringList {url, QStringLiteral("postgresql://h:99999/d"), exp,
                                               QStringLiteral("funnel")}
                               << 2 << QString();
    QTest::addRow("unreachable host")
        << QStringList {url, QStringLiteral("postgresql://nobody@127.0.0.1:1/shop"), exp,
                        QStringLiteral("funnel")}
        << 1 << QStringLiteral("cannot be reached");
    QTest::addRow("unknown export")
        << QStringList {url, QStringLiteral("sqlite:///tmp/x.db"), exp, QStringLiteral("orders")}
        << 2 << QStringLiteral("orders");
    QTest::addRow("bad format") << QStringList {url,
                                                QStringLiteral("sqlite:///tmp/x.db"),
                                                exp,
                                                QStringLiteral("funnel"),
                                                QStringLiteral("--format"),
                                                QStringLiteral("xml")}
                                << 2 << QStringLiteral("xml");
    QTest::addRow("bad date") << QStringList {url,
                                              QStringLiteral("sqlite:///tmp/x.db"),
                                              exp,
                                              QStringLiteral("forms"),
                                              QStringLiteral("--from"),
                                              QStringLiteral("yesterday")}
                              << 2 << QStringLiteral("yesterday");
    QTest::addRow("status on funnel") << QStringList {url,
                                                      QStringLiteral("sqlite:///tmp/x.db"),
                                                      exp,
                                                      QStringLiteral("funnel"),
                                                      QStringLiteral("--status"),
                                                      QStringLiteral("created")}
                                      << 2 << QStringLiteral("--status");
    QTest::addRow("unknown option")
        << QStringList {exp, QStringLiteral("funnel"), QStringLiteral("--frobnicate")} << 2
        << QStringLiteral("frobnicate");
    QTest::addRow("no database") << QStringList {exp, QStringLiteral("funnel")} << 2
                                 << QStringLiteral("--database-url");
    QTest::addRow("migrate without database")
        << QStringList {QStringLiteral("--migrate")} << 2 << QStringLiteral("--database-url");
}

void tst_Export::failures()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    const Run r = run(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.out.isEmpty(), r.out.constData());
    QVERIFY2(r.err.endsWith('\n') && r.err.count('\n') == 1, r.err.constData()); // exactly one line
    QVERIFY2(r.err.startsWith("compose-dashboard: "), r.err.constData());
    if (!mentions.isEmpty())
        QVERIFY2(QString::fromUtf8(r.err).contains(mentions, Qt::CaseInsensitive),
                 r.err.constData());
}

void tst_Export::wrongDatabaseOnServer()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    // An existing but empty database (no shop tables), then one that does not exist.
    for (const auto &[url, mentions] : {std::pair {tdb.url(), QStringLiteral("compose_forms")},
                                        std::pair {QString(tdb.url() + QStringLiteral("_missing")),
                                                   QStringLiteral("does not exist")}}) {
        const Run r = run({QStringLiteral("--database-url"), url, QStringLiteral("--export"),
                           QStringLiteral("funnel")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.count('\n') == 1, r.err.constData());
        QVERIFY2(QString::fromUtf8(r.err).contains(mentions), r.err.constData());
    }
}

QTEST_GUILESS_MAIN(tst_Export)
#include "tst_export.moc"
