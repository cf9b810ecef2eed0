// POST /api/admin/forms/{formId}/notes over real HTTP, on PostgreSQL and SQLite: only with a
// staff token, only on a form that exists, plain text within 2000 characters, audited like every
// staff action, and an Idempotency-Key that stores a note once however often it is sent.
#include "apiharness.h"

#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace compose;
using compose::test::ApiHarness;

class tst_ApiNotes : public QObject {
    Q_OBJECT

private slots:
    void notes_data();
    void notes();
};

void tst_ApiNotes::notes_data()
{
    QTest::addColumn<int>("dialect");
    QTest::addRow("postgresql") << int(SqlDialect::PostgreSQL);
    QTest::addRow("sqlite") << int(SqlDialect::SQLite);
}

void tst_ApiNotes::notes()
{
    QFETCH(int, dialect);
    ApiHarness h {SqlDialect(dialect)};
    COMPOSE_REQUIRE_API(h);
    QString error;
    QVERIFY2(h.start(ApiHarness::simulatedConfig(100), &error), qPrintable(error));
    const QString agent = h.addStaff(QStringLiteral("agent-nora"), QStringLiteral("agent"));
    const QString form = QStringLiteral("form_notes_1");
    QCOMPARE(
        h.createForm(form, QStringLiteral("solo-serenade"), QStringLiteral("n@example.com")).status,
        201);
    const QString path = QStringLiteral("/api/admin/forms/%1/notes").arg(form);
    auto notes = [&h, &form] {
        return h.database().count(
            QStringLiteral("SELECT count(*) FROM compose_notes WHERE form_id = '%1'").arg(form));
    };
    auto audited = [&h, &form](int status) {
        return h.database().count(QStringLiteral("SELECT count(*) FROM compose_audit WHERE "
                                                 "form_id = '%1' AND action = 'note' AND "
                                                 "http_status = %2")
                                      .arg(form)
                                      .arg(status));
    };

    // No token, a wrong token: 401 and nothing stored.
    QCOMPARE(h.request("POST", path, R"({"text":"hi"})").status, 401);
    QCOMPARE(
        h.request("POST", path, R"({"text":"hi"})", ApiHarness::bearer(QStringLiteral("x"))).status,
        401);
    QCOMPARE(notes(), 0);
    // An unknown form: 404, audited under the id asked for.
    QCOMPARE(h.request("POST", QStringLiteral("/api/admin/forms/form_ghost/notes"),
                       R"({"text":"hi"})", ApiHarness::bearer(agent))
                 .status,
             404);

    // Bad input: each refused with 400, audited, nothing stored.
    const QByteArray bad[] = {R"({})",
                              R"({"text":""})",
                              R"({"text":"   "})",
                              R"({"text":42})",
                              R"({"text":"a","extra":1})",
                              R"({"text":"bell\u0007"})",
                              "not json"};
    for (const QByteArray &body : bad) {
        const auto r = h.request("POST", path, body, ApiHarness::bearer(agent));
        QVERIFY2(r.status == 400, body.constData());
    }
    const QString tooLong(2001, QLatin1Char('x'));
    QCOMPARE(h.json("POST", path, QJsonObject {{QStringLiteral("text"), tooLong}},
                    ApiHarness::bearer(agent))
                 .status,
             400);
    QCOMPARE(notes(), 0);
    QCOMPARE(audited(400), int(std::size(bad)) + 1);

    // A note: stored as the plain text it is (markup is text), with the staff member's name.
    const QString text = QStringLiteral("Customer <b>called</b> & asked\nfor the link again");
    auto r = h.json("POST", path, QJsonObject {{QStringLiteral("text"), text}},
                    ApiHarness::bearer(agent, "note-key-1"));
    QCOMPARE(r.status, 201);
    const QJsonObject note = r.json.value(QStringLiteral("note")).toObject();
    QCOMPARE(note.value(QStringLiteral("text")).toString(), text);
    QCOMPARE(note.value(QStringLiteral("staff")).toString(), QStringLiteral("agent-nora"));
    QCOMPARE(notes(), 1);
    QCOMPARE(h.database().text(
                 QStringLiteral("SELECT body FROM compose_notes WHERE form_id = '%1'").arg(form)),
             text);
    QCOMPARE(audited(201), 1);
    // The same key and body again (a retry after a timeout): the first answer, still one note.
    r = h.json("POST", path, QJsonObject {{QStringLiteral("text"), text}},
               ApiHarness::bearer(agent, "note-key-1"));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.headers.value("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(r.json.value(QStringLiteral("note")).toObject().value(QStringLiteral("id")),
             note.value(QStringLiteral("id")));
    QCOMPARE(notes(), 1);
    // The same key with another note: refused, nothing stored.
    r = h.json("POST", path, QJsonObject {{QStringLiteral("text"), QStringLiteral("other")}},
               ApiHarness::bearer(agent, "note-key-1"));
    QCOMPARE(r.status, 422);
    QCOMPARE(notes(), 1);
    // The longest note allowed, under a new key.
    r = h.json("POST", path,
               QJsonObject {{QStringLiteral("text"), QString(2000, QLatin1Char('y'))}},
               ApiHarness::bearer(agent, "note-key-2"));
    QCOMPARE(r.status, 201);
    QCOMPARE(notes(), 2);
    QCOMPARE(audited(201), 2);
}

QTEST_MAIN(tst_ApiNotes)
#include "tst_apinotes.moc"
