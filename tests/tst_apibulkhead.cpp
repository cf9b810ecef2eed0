// The bulkhead of issue 14: GET /api/compose/forms is read and written on the heavy-read pool
// (HeavyReads) so a worker's event loop stays free for /api/health. Answers that come back
// from the pool must still leave a connection in request order (HTTP/1.1 pipelining), and a
// connection closed while its answer is being built must cost nothing but that answer.
#include "apiharness.h"
#include "heavyreads.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpSocket>
#include <QTest>

using namespace compose;
using namespace compose::test;

namespace {

// Reads one answer (status line, headers, Content-Length bytes of body), polling the event
// loop so the embedded server's sockets keep moving; bytes of a following answer stay in
// `pending`. Empty when nothing complete arrives in time.
QByteArray readAnswer(QTcpSocket &s, QByteArray &pending, int timeoutMs = 15000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        pending += s.readAll();
        const qsizetype end = pending.indexOf("\r\n\r\n");
        if (end >= 0) {
            qint64 length = 0;
            for (const QByteArray &line : pending.left(end).split('\n')) {
                if (line.toLower().startsWith("content-length:"))
                    length = line.mid(15).trimmed().toLongLong();
            }
            const qsizetype total = end + 4 + length;
            if (pending.size() >= total) {
                const QByteArray answer = pending.left(total);
                pending.remove(0, total);
                return answer;
            }
        }
        s.waitForReadyRead(5);
        QTest::qWait(1);
    }
    return {};
}

QByteArray bodyOf(const QByteArray &answer)
{
    return answer.mid(answer.indexOf("\r\n\r\n") + 4);
}

QByteArray get(const QByteArray &path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

} // namespace

class TestApiBulkhead final : public QObject {
    Q_OBJECT

private:
    // A form whose form_data is about `bytes` of JSON text (the 600 kB form of api-load.sh).
    static bool insertLargeForm(QSqlDatabase db, const QString &id, int bytes)
    {
        QString story;
        story.reserve(bytes);
        while (story.size() < bytes)
            story += QStringLiteral("la la \\\"song\\\" é 中 ");
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "INSERT INTO compose_forms (id, package_type, song_count, form_data, "
            "generated_prompts, status, guest_email, created_at, updated_at) VALUES (?, "
            "'solo-serenade', 1, ?, '[]', 'created', 'g@example.com', CURRENT_TIMESTAMP, "
            "CURRENT_TIMESTAMP)"));
        q.addBindValue(id);
        q.addBindValue(QStringLiteral("{\"story\": \"%1\"}").arg(story));
        if (!q.exec())
            qWarning() << q.lastError().text();
        return q.numRowsAffected() == 1;
    }

private slots:
    // Large form, health, unknown form (an error from the pool), health, large form on one
    // socket in one write: five answers, in that order, although the health answers are ready
    // long before the large form's.
    void pipelinedAnswersKeepRequestOrder()
    {
        ApiHarness h {SqlDialect::PostgreSQL};
        COMPOSE_REQUIRE_API(h);
        QString error;
        QVERIFY2(h.start(ApiHarness::simulatedConfig(300), &error), qPrintable(error));
        QVERIFY(insertLargeForm(h.database().connection(), QStringLiteral("form_big"), 600 * 1024));
        const qint64 pooledBefore = HeavyReads::completed();

        QTcpSocket s;
        s.connectToHost(h.baseUrl().host(), quint16(h.baseUrl().port()));
        QVERIFY(s.waitForConnected(5000));
        s.write(get("/api/compose/forms?formId=form_big") + get("/api/health")
                + get("/api/compose/forms?formId=form_none") + get("/api/health")
                + get("/api/compose/forms/form_big"));
        QByteArray pending;
        QList<QByteArray> answers;
        for (int i = 0; i < 5; ++i)
            answers << readAnswer(s, pending);

        for (const QByteArray &a : std::as_const(answers))
            QVERIFY2(!a.isEmpty(), "an answer is missing");
        QVERIFY2(answers[0].startsWith("HTTP/1.1 200"), answers[0].left(100).constData());
        QVERIFY(bodyOf(answers[0]).size() > 600 * 1024);
        QCOMPARE(QJsonDocument::fromJson(bodyOf(answers[0]))
                     .object()
                     .value(QStringLiteral("form"))
                     .toObject()
                     .value(QStringLiteral("formId"))
                     .toString(),
                 QStringLiteral("form_big"));
        QVERIFY2(answers[1].startsWith("HTTP/1.1 200"), answers[1].left(100).constData());
        QVERIFY(bodyOf(answers[1]).size() < 4096); // the health answer, not a form
        QVERIFY(!bodyOf(answers[1]).contains("form_big"));
        QVERIFY2(answers[2].startsWith("HTTP/1.1 404"), answers[2].left(100).constData());
        QVERIFY(bodyOf(answers[2]).contains("form_not_found"));
        QVERIFY2(answers[3].startsWith("HTTP/1.1 200"), answers[3].left(100).constData());
        QVERIFY(bodyOf(answers[3]).size() < 4096);
        QVERIFY2(answers[4].startsWith("HTTP/1.1 200"), answers[4].left(100).constData());
        QCOMPARE(bodyOf(answers[4]), bodyOf(answers[0]));
        QVERIFY(pending.isEmpty()); // nothing more, nothing twice
        // The three form reads went through the pool, not the worker.
        QCOMPARE(HeavyReads::completed() - pooledBefore, 3);
    }

    // Twenty connections ask for the large form and close at once, while their answers are
    // being built: every pooled read still finishes (counted), nothing is written to a gone
    // socket (the sanitized build would say), and the server goes on answering.
    void closedWhileBuildingCostsOnlyThatAnswer()
    {
        ApiHarness h {SqlDialect::PostgreSQL};
        COMPOSE_REQUIRE_API(h);
        QString error;
        QVERIFY2(h.start(ApiHarness::simulatedConfig(300), &error), qPrintable(error));
        QVERIFY(insertLargeForm(h.database().connection(), QStringLiteral("form_big"), 600 * 1024));
        const qint64 pooledBefore = HeavyReads::completed();
        constexpr int kClients = 20;
        for (int i = 0; i < kClients; ++i) {
            QTcpSocket s;
            s.connectToHost(h.baseUrl().host(), quint16(h.baseUrl().port()));
            QVERIFY(s.waitForConnected(5000));
            s.write(get("/api/compose/forms?formId=form_big") + get("/api/health"));
            QVERIFY(s.waitForBytesWritten(5000));
            s.disconnectFromHost(); // FIN after the request: the server reads it, then loses the
                                    // socket
        }
        QVERIFY(
            h.waitFor([&] { return HeavyReads::completed() - pooledBefore >= kClients; }, 30000));
        QCOMPARE(HeavyReads::completed() - pooledBefore, kClients);

        const auto health = h.request("GET", QStringLiteral("/api/health"));
        QCOMPARE(health.status, 200);
        const auto form = h.request("GET", QStringLiteral("/api/compose/forms?formId=form_big"));
        QCOMPARE(form.status, 200);
        QCOMPARE(form.json.value(QStringLiteral("form")).toObject().value(QStringLiteral("formId")),
                 QJsonValue(QStringLiteral("form_big")));
    }
};

QTEST_GUILESS_MAIN(TestApiBulkhead)
#include "tst_apibulkhead.moc"
