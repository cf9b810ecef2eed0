// The expiry job on a large backlog: compose-api must keep answering requests while it expires
// tens of thousands of forms (bounded batches on the server's thread, back to the event loop in
// between), and still expire every one of them, named "system", and nothing paid.
#include "database.h"
#include "embeddedapi.h"
#include "formrows.h"
#include "serverconfig.h"
#include "testdatabase.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace compose;
using compose::test::TestDatabase;

class tst_ApiExpiry : public QObject {
    Q_OBJECT
private slots:
    void healthAnswersWhileExpiringBacklog();
};

void tst_ApiExpiry::healthAnswersWhileExpiringBacklog()
{
    TestDatabase tdb(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_DB(tdb);
    tdb.migrate();
    // COMPOSE_EXPIRY_FORMS=100000 measures a bigger backlog by hand; CI runs the default.
    const int kForms = qEnvironmentVariableIntValue("COMPOSE_EXPIRY_FORMS") > 0
        ? qEnvironmentVariableIntValue("COMPOSE_EXPIRY_FORMS")
        : 20000;
    // Set-based, for speed; the column list is the row writer's, so this stays one of its rows.
    tdb.exec(
        QStringLiteral("INSERT INTO compose_forms(%1) SELECT 'exp_' || g, 'solo-serenade', 1, "
                       "'{}', '[]', NULL, NULL, NULL, "
                       "(ARRAY['created','prompts_generated','variations_ready','payment_"
                       "initiated'])[1 + g % 4], NULL, NULL, NULL, NULL, NULL, 'g@example.com', "
                       "(NOW() AT TIME ZONE 'UTC') - INTERVAL '8 days', (NOW() AT TIME ZONE "
                       "'UTC') - INTERVAL '8 days', "
                       "(NOW() AT TIME ZONE 'UTC') - INTERVAL '1 day' - g * INTERVAL '1 "
                       "second' FROM generate_series(1, %2) g")
            .arg(FormRowWriter::columns().join(QStringLiteral(", ")))
            .arg(kForms));
    FormRow paid;
    paid.id = QStringLiteral("exp_paid");
    paid.packageType = QStringLiteral("solo-serenade");
    paid.formData = QStringLiteral("{}");
    paid.generatedPrompts = QStringLiteral("[]");
    paid.status = QStringLiteral("payment_completed");
    paid.guestEmail = QStringLiteral("g@example.com");
    paid.amountPaid = 999;
    paid.createdAt = QDateTime::currentDateTimeUtc();
    paid.updatedAt = paid.createdAt;
    paid.expiresAt = paid.createdAt.addDays(-1);
    FormRowWriter::insert(tdb.connection(), paid);
    auto expired = [&] {
        QSqlQuery q(tdb.connection());
        return q.exec(QStringLiteral("SELECT count(*) FROM compose_forms WHERE status = 'expired'"))
                && q.next()
            ? q.value(0).toInt()
            : -1;
    };

    EmbeddedApi api;
    ServerConfig c;
    c.simulate = true;
    c.database = tdb.settings();
    c.expiryIntervalS = 3600; // the run at start is the one measured
    QSignalSpy ready(&api, &EmbeddedApi::ready);
    api.start(c, QStringLiteral("expiry-admin"), QStringLiteral("admin"));
    QVERIFY(ready.wait(120000));
    QUrl health = ready.first().at(0).toUrl();
    health.setPath(QStringLiteral("/api/health"));

    // Poll /api/health until the backlog is gone; every answer must come quickly, and some of
    // them while the job is still running (a job that blocks the thread answers none).
    QNetworkAccessManager nam;
    int answeredDuringJob = 0;
    qint64 slowest = 0;
    QDeadlineTimer deadline(qMax(180000, kForms * 5));
    int done = 0;
    while ((done = expired()) < kForms && !deadline.hasExpired()) {
        QElapsedTimer t;
        t.start();
        QNetworkRequest req(health);
        req.setTransferTimeout(10000);
        QNetworkReply *reply = nam.get(req);
        while (!reply->isFinished())
            QTest::qWait(2);
        const qint64 ms = t.elapsed();
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
        slowest = qMax(slowest, ms);
        if (expired() < kForms)
            ++answeredDuringJob;
        QTest::qWait(20);
    }
    qInfo() << "health answered" << answeredDuringJob << "times during the job; slowest" << slowest
            << "ms";
    QCOMPARE(done, kForms);
    QVERIFY2(answeredDuringJob >= 3, qPrintable(QString::number(answeredDuringJob)));
    QVERIFY2(slowest < 2000, qPrintable(QString::number(slowest)));

    QSqlQuery q(tdb.connection());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM compose_form_events WHERE new_status = "
                                  "'expired' AND actor = 'system'"))
            && q.next());
    QCOMPARE(q.value(0).toInt(), kForms);
    QVERIFY(q.exec(QStringLiteral("SELECT status FROM compose_forms WHERE id = 'exp_paid'"))
            && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("payment_completed"));
    api.stop();
}

QTEST_MAIN(tst_ApiExpiry)
#include "tst_apiexpiry.moc"
