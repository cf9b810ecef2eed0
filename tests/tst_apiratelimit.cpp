// compose-api's rate limits (issue 16): the token bucket and its memory bound without HTTP; then
// per client address, per staff token, and per form for delivery e-mails across two compose-api
// processes on one PostgreSQL database, counting every 200 and 429 that came back and every
// e-mail that was queued; and that the buckets are one per process, not one per request worker:
// a burst spread over the workers of `compose-api --workers 4` gets exactly the limit.
#include "apichild.h"
#include "apiharness.h"
#include "embeddedapi.h"
#include "ratelimiter.h"
#include "staffaccounts.h"
#include "testtime.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

using namespace compose;
using compose::test::ApiChild;
using compose::test::ApiHarness;
using compose::test::scaledMs;

namespace {

// What a burst got back, by status; scopes of the 429s.
struct Burst {
    int ok = 0;
    int limited = 0;
    int other = 0;
    int retryAfterShown = 0;
    bool complete = false; // every connection answered or failed within the wait
    QMap<QString, int> scopes;
    QString describe() const
    {
        return QStringLiteral("%1 × 200, %2 × 429, %3 other").arg(ok).arg(limited).arg(other);
    }
};

// `count` requests, each on its own connection and all open at once, from `source` (every
// 127.0.0.0/8 address is loopback on Linux, so a test has as many client addresses as it
// needs). SO_REUSEPORT hands each new connection to one of the request workers by its port
// pair, so a burst of many connections reaches every worker.
Burst burst(const QUrl &base, const QHostAddress &source, const QByteArray &path,
            const QByteArray &authorization, int count)
{
    QByteArray request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    if (!authorization.isEmpty())
        request += "Authorization: " + authorization + "\r\n";
    request += "\r\n";
    std::vector<std::unique_ptr<QTcpSocket>> sockets;
    std::vector<QByteArray> answers(static_cast<size_t>(count));
    std::vector<bool> done(static_cast<size_t>(count), false);
    int finished = 0;
    const auto finish = [&done, &finished](int i) {
        if (!done[size_t(i)]) {
            done[size_t(i)] = true;
            ++finished;
        }
    };
    QObject context;
    for (int i = 0; i < count; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        QTcpSocket *s = socket.get();
        QObject::connect(s, &QTcpSocket::connected, &context, [s, request] { s->write(request); });
        // A whole answer (headers and Content-Length bytes) finishes the request: the server
        // may keep the connection open until its idle timeout.
        QObject::connect(s, &QIODevice::readyRead, &context, [s, &answers, &finish, i] {
            QByteArray &a = answers[size_t(i)];
            a += s->readAll();
            const qsizetype headEnd = a.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            static const QRegularExpression length(QStringLiteral("\r\ncontent-length: *(\\d+)"),
                                                   QRegularExpression::CaseInsensitiveOption);
            const auto m = length.match(QString::fromLatin1(a.left(headEnd + 2)));
            if (m.hasMatch() && a.size() - headEnd - 4 >= m.captured(1).toLongLong()) {
                finish(i);
                s->abort();
            }
        });
        QObject::connect(s, &QTcpSocket::disconnected, &context, [&finish, i] { finish(i); });
        // Refused or reset: no answer, counted as "other" below.
        QObject::connect(s, &QTcpSocket::errorOccurred, &context, [&finish, i] { finish(i); });
        s->bind(source);
        s->connectToHost(QHostAddress(base.host()), quint16(base.port()));
        sockets.push_back(std::move(socket));
    }
    Burst b;
    b.complete = QTest::qWaitFor([&] { return finished >= count; }, scaledMs(60000));
    for (int i = 0; i < count; ++i) {
        answers[size_t(i)] += sockets[size_t(i)]->readAll();
        const QByteArray &a = answers[size_t(i)];
        const int status = a.startsWith("HTTP/1.1 ") ? a.mid(9, 3).toInt() : 0;
        const qsizetype headEnd = a.indexOf("\r\n\r\n");
        if (status == 200) {
            ++b.ok;
        } else if (status == 429 && headEnd > 0) {
            ++b.limited;
            const QByteArray head = a.left(headEnd).toLower();
            b.retryAfterShown += head.contains("\r\nretry-after: ") ? 1 : 0;
            const QString scope = QJsonDocument::fromJson(a.mid(headEnd + 4))
                                      .object()
                                      .value(QStringLiteral("error"))
                                      .toObject()
                                      .value(QStringLiteral("details"))
                                      .toObject()
                                      .value(QStringLiteral("scope"))
                                      .toString();
            ++b.scopes[scope];
        } else {
            ++b.other;
        }
    }
    return b;
}

} // namespace

class tst_ApiRateLimit : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void bucket();
    void memoryIsBounded();
    void sharedAcrossThreads();
    void oneLimitAcrossWorkers();
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

void tst_ApiRateLimit::sharedAcrossThreads()
{
    // Eight threads take from one limiter at once, as compose-api's request workers do: one
    // key shared by all gets exactly its burst (the clock stays within a minute: no refill),
    // and a flood of distinct keys meanwhile stays within the memory bound.
    RateLimiter limiter(1, 50, 4000);
    std::atomic<int> allowed {0};
    std::atomic<qsizetype> most {0};
    QList<QThread *> threads;
    for (int t = 0; t < 8; ++t) {
        threads.append(QThread::create([&limiter, &allowed, &most, t] {
            for (int i = 0; i < 3000; ++i) {
                if (limiter.take(QStringLiteral("shared"), i).allowed)
                    ++allowed;
                limiter.take(QStringLiteral("t%1-%2").arg(t).arg(i), i);
                if (i % 100 == 0) {
                    const qsizetype n = limiter.keyCount();
                    qsizetype seen = most.load();
                    while (n > seen && !most.compare_exchange_weak(seen, n)) { }
                }
            }
        }));
        threads.last()->start();
    }
    for (QThread *thread : std::as_const(threads)) {
        QVERIFY(thread->wait(120000));
        delete thread;
    }
    QCOMPARE(allowed.load(), 50);
    QVERIFY2(most.load() <= 4000, qPrintable(QString::number(most.load())));
    QVERIFY(limiter.capacity() <= 4000);
    QVERIFY(limiter.keyCount() <= 4000);
}

void tst_ApiRateLimit::oneLimitAcrossWorkers()
{
    // compose-api with four request workers (threads sharing the port with SO_REUSEPORT) and
    // one request a minute after the burst, so nothing refills during the test. Each request
    // has its own connection, so the kernel spreads them over the workers: with a bucket per
    // worker a client got up to four bursts (before the limiter was shared: 100 × 200 here).
    ApiChild api;
    QProcessEnvironment keys;
    keys.insert(QStringLiteral("COMPOSE_STRIPE_WEBHOOK_SECRET"), QStringLiteral("whsec_limits"));
    keys.insert(QStringLiteral("COMPOSE_STRIPE_KEY"), QStringLiteral("sk_test_unused"));
    keys.insert(QStringLiteral("COMPOSE_MUSICGPT_KEY"), QStringLiteral("unused"));
    const int clientBurst = 40;
    const int staffBurst = 5;
    QString error;
    QVERIFY2(api.start(m_h->database().url(),
                       {QStringLiteral("--workers"), QStringLiteral("4"),
                        QStringLiteral("--hold-deliveries"), QStringLiteral("--musicgpt-url"),
                        QStringLiteral("http://127.0.0.1:9"), QStringLiteral("--stripe-url"),
                        QStringLiteral("http://127.0.0.1:9"), QStringLiteral("--rate-limit-client"),
                        QStringLiteral("1"), QStringLiteral("--rate-limit-client-burst"),
                        QString::number(clientBurst), QStringLiteral("--rate-limit-staff"),
                        QStringLiteral("1"), QStringLiteral("--rate-limit-staff-burst"),
                        QString::number(staffBurst)},
                       &error, keys),
             qPrintable(error));
    QVERIFY2(api.output().contains("with 4 request worker(s)"), api.output().constData());
    QElapsedTimer took;
    took.start();

    // Per client: 100 requests from 127.0.0.1, exactly the burst answered.
    const Burst client
        = burst(api.base(), QHostAddress(QStringLiteral("127.0.0.1")), "/api/health", {}, 100);
    // Per staff token: 30 requests from 127.0.0.2 (its own client bucket holds all 30), one
    // agent's token: exactly the staff burst answered; another agent's token still has its own.
    const QString agent = StaffAccounts::createOrRekey(
        m_h->database().connection(), QStringLiteral("workers-agent"), QStringLiteral("agent"));
    const QString other = StaffAccounts::createOrRekey(
        m_h->database().connection(), QStringLiteral("workers-other"), QStringLiteral("agent"));
    const Burst staff = burst(api.base(), QHostAddress(QStringLiteral("127.0.0.2")),
                              "/api/admin/me", "Bearer " + agent.toLatin1(), 30);
    const Burst otherStaff = burst(api.base(), QHostAddress(QStringLiteral("127.0.0.3")),
                                   "/api/admin/me", "Bearer " + other.toLatin1(), 1);
    // One a minute refills at most this many during the test (0 unless it ran a minute).
    const int refill = int(took.elapsed() / 60000);

    QVERIFY(client.complete && staff.complete && otherStaff.complete);
    QVERIFY2(client.other == 0, qPrintable(client.describe()));
    QVERIFY2(client.ok >= clientBurst && client.ok <= clientBurst + refill,
             qPrintable(client.describe()));
    QCOMPARE(client.ok + client.limited, 100);
    QCOMPARE(client.scopes.value(QStringLiteral("client")), client.limited);
    QCOMPARE(client.retryAfterShown, client.limited);

    QVERIFY2(staff.other == 0, qPrintable(staff.describe()));
    QVERIFY2(staff.ok >= staffBurst && staff.ok <= staffBurst + refill,
             qPrintable(staff.describe()));
    QCOMPARE(staff.ok + staff.limited, 30);
    QCOMPARE(staff.scopes.value(QStringLiteral("staff token")), staff.limited);
    QCOMPARE(otherStaff.ok, 1);
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
