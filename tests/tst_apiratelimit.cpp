// compose-api's rate limits (issue 16): the token bucket and its memory bound without HTTP; then
// per client address, per staff token, and per form for delivery e-mails across two compose-api
// processes on one PostgreSQL database, counting every 200 and 429 that came back and every
// e-mail that was queued.
#include "apiharness.h"
#include "embeddedapi.h"
#include "ratelimiter.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace compose;
using compose::test::ApiHarness;

class tst_ApiRateLimit : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void bucket();
    void memoryIsBounded();
    void perStaffToken();
    void perClient();
    void webhooksAreNotLimited();
    void perFormMailAcrossProcesses();

private:
    std::unique_ptr<ApiHarness> m_h; // small limits
};

void tst_ApiRateLimit::initTestCase()
{
    m_h = std::make_unique<ApiHarness>(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(*m_h);
    ServerConfig config = ApiHarness::simulatedConfig(100);
    config.rateLimitClientPerMinute = 60; // one a second
    config.rateLimitClientBurst = 20;
    config.rateLimitStaffPerMinute = 60;
    config.rateLimitStaffBurst = 5;
    QString error;
    QVERIFY2(m_h->start(config, &error), qPrintable(error));
}

void tst_ApiRateLimit::cleanupTestCase()
{
    m_h.reset();
}

void tst_ApiRateLimit::bucket()
{
    RateLimiter limiter(60, 5); // one a second, five at once
    int allowed = 0;
    for (int i = 0; i < 20; ++i)
        allowed += limiter.take(QStringLiteral("a"), 1000).allowed ? 1 : 0;
    QCOMPARE(allowed, 5);
    const RateLimiter::Decision refused = limiter.take(QStringLiteral("a"), 1000);
    QVERIFY(!refused.allowed);
    QCOMPARE(refused.retryAfterS, 1);
    QVERIFY(limiter.take(QStringLiteral("b"), 1000).allowed); // another key, its own bucket
    QVERIFY(!limiter.take(QStringLiteral("a"), 1500).allowed);
    QVERIFY(limiter.take(QStringLiteral("a"), 2000).allowed); // refilled one
    QVERIFY(!limiter.take(QStringLiteral("a"), 2000).allowed);
    // Off: everything passes.
    RateLimiter off(0, 5);
    for (int i = 0; i < 100; ++i)
        QVERIFY(off.take(QStringLiteral("a"), 0).allowed);
}

void tst_ApiRateLimit::memoryIsBounded()
{
    // A flood of distinct keys (spoofed tokens, many addresses) keeps at most maxKeys buckets,
    // and a busy key that is seen again keeps its (empty) bucket while idle ones go first.
    RateLimiter limiter(60, 3, 1000);
    for (int i = 0; i < 3; ++i)
        QVERIFY(limiter.take(QStringLiteral("busy"), 0).allowed);
    qsizetype most = 0;
    for (int i = 0; i < 100000; ++i) {
        limiter.take(QStringLiteral("k%1").arg(i), i / 100);
        if (i % 50 == 0)
            QVERIFY(!limiter.take(QStringLiteral("busy"), i / 100).allowed);
        most = qMax(most, limiter.keyCount());
    }
    QVERIFY2(most <= 1000, qPrintable(QString::number(most)));
}

void tst_ApiRateLimit::perStaffToken()
{
    const QString second = m_h->addStaff(QStringLiteral("second-agent"), QStringLiteral("agent"));
    QElapsedTimer took;
    took.start();
    int ok = 0;
    int limited = 0;
    for (int i = 0; i < 10; ++i) {
        const ApiHarness::Reply r = m_h->request("GET", QStringLiteral("/api/admin/me"), {},
                                                 ApiHarness::bearer(m_h->adminToken()));
        if (r.status == 200) {
            ++ok;
        } else {
            QCOMPARE(r.status, 429);
            QCOMPARE(r.json.value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("details"))
                         .toObject()
                         .value(QStringLiteral("scope"))
                         .toString(),
                     QStringLiteral("staff token"));
            QVERIFY(r.headers.value("retry-after").toInt() >= 1);
            ++limited;
        }
    }
    // Five at once, then one a second.
    const int refill = int(took.elapsed() / 1000) + 1;
    QVERIFY2(ok >= 5 && ok <= 5 + refill, qPrintable(QString::number(ok)));
    QCOMPARE(ok + limited, 10);
    QVERIFY(limited >= 10 - 5 - refill);
    // The other agent's token has its own bucket.
    QCOMPARE(
        m_h->request("GET", QStringLiteral("/api/admin/me"), {}, ApiHarness::bearer(second)).status,
        200);
}

void tst_ApiRateLimit::perClient()
{
    // The client bucket (20 at once, one a second) counts every route but the webhooks, staff
    // requests with wrong tokens included: the 4,500 wrong-token requests a second.
    QElapsedTimer took;
    took.start();
    int ok = 0;
    int limited = 0;
    int retryAfterShown = 0;
    for (int i = 0; i < 60; ++i) {
        const ApiHarness::Reply r = i % 2
            ? m_h->request("GET", QStringLiteral("/api/health"))
            : m_h->request("GET", QStringLiteral("/api/admin/me"), {},
                           ApiHarness::bearer(QStringLiteral("wrong-%1").arg(i)));
        if (r.status == 429) {
            ++limited;
            retryAfterShown += r.headers.value("retry-after").toInt() >= 1 ? 1 : 0;
        } else {
            QVERIFY2(r.status == 200 || r.status == 401, r.body.constData());
            ++ok;
        }
    }
    const int refill = int(took.elapsed() / 1000) + 1;
    QVERIFY2(ok <= 20 + refill, qPrintable(QString::number(ok)));
    QVERIFY2(limited >= 60 - 20 - refill, qPrintable(QString::number(limited)));
    QCOMPARE(retryAfterShown, limited);
}

void tst_ApiRateLimit::webhooksAreNotLimited()
{
    // Stripe and MusicGPT call from their own addresses and sign their calls; a shop behind one
    // address must not lose payments to its customers' limit. The bucket is empty by now.
    QVERIFY(m_h->request("GET", QStringLiteral("/api/health")).status == 429);
    for (int i = 0; i < 30; ++i) {
        const ApiHarness::Reply r
            = m_h->request("POST", QStringLiteral("/api/stripe/webhook"), QByteArray("{}"));
        QVERIFY2(r.status != 429 && r.status < 500, r.body.constData());
    }
}

void tst_ApiRateLimit::perFormMailAcrossProcesses()
{
    // Two compose-api processes on one database; limits per client off, three e-mails per form
    // and hour. The count is in compose_outbox, so the second process sees the first's mail.
    ApiHarness h(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(h);
    ServerConfig config = ApiHarness::simulatedConfig(100);
    config.rateLimitClientPerMinute = 0;
    config.rateLimitStaffPerMinute = 0;
    config.mailPerFormPerHour = 3;
    QString error;
    QVERIFY2(h.start(config, &error), qPrintable(error));
    EmbeddedApi other;
    QSignalSpy ready(&other, &EmbeddedApi::ready);
    ServerConfig otherConfig = config;
    otherConfig.database = h.database().settings();
    otherConfig.migrate = false;
    other.start(otherConfig, QStringLiteral("other-admin"), QStringLiteral("admin"));
    QVERIFY(ready.wait(30000));
    const QString otherBase = ready.first().at(0).toUrl().toString();
    const QString otherToken = ready.first().at(1).toString();

    const QString id = QStringLiteral("form_mail_limit");
    QCOMPARE(h.createForm(id, QStringLiteral("solo-serenade")).status, 201);
    QVERIFY(h.generateAll(id, 1));
    QVERIFY(h.waitStatus(id, QStringLiteral("variations_ready")));
    QVERIFY(h.checkoutAndPay(id, QJsonObject {{QStringLiteral("0"), 1}}));

    const QString path = QStringLiteral("/api/admin/forms/%1/").arg(id);
    QList<int> statuses;
    int retryAfterOk = 0;
    for (int i = 0; i < 8; ++i) {
        const bool first = i % 2 == 0;
        const QString action = i == 0 ? QStringLiteral("deliver") : QStringLiteral("redeliver");
        const ApiHarness::Reply r
            = h.parallel({{"POST", (first ? QString() : otherBase) + path + action, "{}",
                           ApiHarness::bearer(first ? h.adminToken() : otherToken)}})
                  .first();
        statuses << r.status;
        if (r.status == 429) {
            const int wait = r.headers.value("retry-after").toInt();
            retryAfterOk += wait >= 1 && wait <= 3601 ? 1 : 0;
            QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
        }
    }
    QCOMPARE(statuses, QList<int>({200, 200, 200, 429, 429, 429, 429, 429}));
    QCOMPARE(retryAfterOk, 5);
    QCOMPARE(
        h.database().count(
            QStringLiteral("SELECT COUNT(*) FROM compose_outbox WHERE form_id = '%1'").arg(id)),
        3);
    // Refusals are audited like any staff attempt.
    QCOMPARE(
        h.database().count(
            QStringLiteral(
                "SELECT COUNT(*) FROM compose_audit WHERE form_id = '%1' AND http_status = 429")
                .arg(id)),
        5);
    other.stop();
}

QTEST_MAIN(tst_ApiRateLimit)
#include "tst_apiratelimit.moc"
