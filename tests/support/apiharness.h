#pragma once

#include "embeddedapi.h"
#include "serverconfig.h"
#include "testdatabase.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrl>

#include <functional>
#include <memory>

namespace compose::test {

// A real compose-api (EmbeddedApi: its own thread, real HTTP on 127.0.0.1) on a fresh test
// database, with simulators, and a blocking HTTP client for the test thread.
class ApiHarness {
public:
    struct Reply {
        int status = 0;
        QByteArray body;
        QJsonObject json;
        QHash<QByteArray, QByteArray> headers; // lower-case
        QString errorCode() const
        {
            return json.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("code"))
                .toString();
        }
        QString errorMessage() const
        {
            return json.value(QStringLiteral("error"))
                .toObject()
                .value(QStringLiteral("message"))
                .toString();
        }
    };
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    explicit ApiHarness(SqlDialect dialect);
    ~ApiHarness();

    TestDatabase &database() { return *m_db; }
    bool isAvailable() const { return m_db->isAvailable(); }
    QString reason() const { return m_db->reason(); }

    // Starts the server; config.database is filled in. Returns false (with a QTest failure
    // message in error) when it does not come up.
    bool start(ServerConfig config, QString *error);
    // The server connects as this database user instead of the test's own (a login user in the
    // compose_api role: tst_dbroles). Set before start().
    void setServerUser(const QString &user) { m_serverUser = user; }
    static ServerConfig simulatedConfig(int delayMs = 300);
    QUrl baseUrl() const { return m_base; }
    QString adminToken() const { return m_token; }
    QString addStaff(const QString &name, const QString &role); // through the test's own connection

    Reply request(const QByteArray &method, const QString &path, const QByteArray &body = {},
                  const Headers &headers = {}, int timeoutMs = 15000);
    Reply json(const QByteArray &method, const QString &path, const QJsonObject &body,
               const Headers &headers = {});
    static Headers bearer(const QString &token, const QByteArray &idempotencyKey = {});

    // Starts many requests at once and waits for all answers. A path may also be a full
    // http:// URL of another server.
    struct Pending {
        QByteArray method;
        QString path;
        QByteArray body;
        Headers headers;
    };
    QList<Reply> parallel(const QList<Pending> &requests, int timeoutMs = 30000);

    bool waitFor(const std::function<bool()> &condition, int timeoutMs = 15000);
    QJsonObject form(const QString &formId); // GET /api/compose/forms?formId= → "form"

    // The customer's steps, asserting nothing: tests check the replies.
    Reply createForm(const QString &formId, const QString &package,
                     const QString &email = QStringLiteral("guest@example.com"));
    bool generateAll(const QString &formId, int songCount);
    bool waitStatus(const QString &formId, const QString &status, int timeoutMs = 20000);
    // From variations_ready to payment_completed through checkout and the Stripe simulator.
    bool checkoutAndPay(const QString &formId, const QJsonObject &selections,
                        QString *sessionId = nullptr);

private:
    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<EmbeddedApi> m_api;
    QNetworkAccessManager m_nam;
    QUrl m_base;
    QString m_token;
    QString m_serverUser;
};

#define COMPOSE_REQUIRE_API(h)                                                                     \
    do {                                                                                           \
        if (!(h).isAvailable())                                                                    \
            COMPOSE_SKIP_OR_FAIL((h).reason());                                                    \
    } while (false)

} // namespace compose::test
