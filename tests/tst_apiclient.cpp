#include "apiclient.h"
#include "jsonpeer.h"
#include "staffactions.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace compose;
using compose::test::JsonPeer;

// The client's error mapping and retry semantics against real HTTP on loopback: a scripted
// JsonPeer answers each status class; a raw socket that never answers gives the timeout.
class tst_ApiClient : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void errorClasses_data();
    void errorClasses();
    void timeoutIsRetryableWithSameKey();
    void serverDown();
    void roleGating();
    void apiGoneAndBack();

private:
    JsonPeer m_server;
    quint16 m_port = 0;
    QList<QByteArray> m_keys; // Idempotency-Key of every action received
    int m_status = 200;
    QJsonObject m_body;
    QString m_role = QStringLiteral("agent");
};

void tst_ApiClient::initTestCase()
{
    m_server.route("GET", QStringLiteral("/api/admin/me"), [this](const auto &headers) {
        if (headers.value("authorization") != "Bearer good")
            return JsonPeer::Reply {
                401,
                QJsonObject {{QStringLiteral("error"),
                              QJsonObject {{QStringLiteral("code"), QStringLiteral("unauthorized")},
                                           {QStringLiteral("message"),
                                            QStringLiteral("The bearer token is not valid.")}}}}};
        return JsonPeer::Reply {200,
                                QJsonObject {{QStringLiteral("name"), QStringLiteral("Alice")},
                                             {QStringLiteral("role"), m_role}}};
    });
    m_server.route("POST", QStringLiteral("/api/admin/forms/{formId}/{action}"),
                   [this](const auto &headers) {
                       m_keys << headers.value("idempotency-key");
                       return JsonPeer::Reply {m_status, m_body};
                   });
    m_port = m_server.listen();
    QVERIFY(m_port);
}

void tst_ApiClient::errorClasses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("retryable");
    QTest::addColumn<QString>("says");
    QTest::addColumn<QString>("code");
    QTest::addRow("200") << 200 << int(ApiError::Kind::None) << false << QString()
                         << QStringLiteral("x");
    QTest::addRow("400") << 400 << int(ApiError::Kind::Invalid) << false
                         << QStringLiteral("server says why") << QStringLiteral("x");
    QTest::addRow("403") << 403 << int(ApiError::Kind::Forbidden) << false
                         << QStringLiteral("Your role may not do this.") << QStringLiteral("x");
    QTest::addRow("404") << 404 << int(ApiError::Kind::NotFound) << false
                         << QStringLiteral("server says why") << QStringLiteral("x");
    QTest::addRow("409") << 409 << int(ApiError::Kind::Conflict) << false
                         << QStringLiteral("server says why") << QStringLiteral("x");
    // The same key still running (or its dead request's lease not yet over): Try again is right.
    QTest::addRow("409 in progress") << 409 << int(ApiError::Kind::Conflict) << true
                                     << QStringLiteral("The same action is still being processed.")
                                     << QStringLiteral("idempotency_in_progress");
    // A code the dashboard knows is shown as its own (translatable) sentence.
    QTest::addRow("409 known code") << 409 << int(ApiError::Kind::Conflict) << false
                                    << QStringLiteral("Nothing is left to refund on this form.")
                                    << QStringLiteral("nothing_refundable");
    QTest::addRow("422") << 422 << int(ApiError::Kind::Invalid) << false
                         << QStringLiteral("server says why") << QStringLiteral("x");
    QTest::addRow("429") << 429 << int(ApiError::Kind::Server) << true << QStringLiteral("busy")
                         << QStringLiteral("x");
    QTest::addRow("500") << 500 << int(ApiError::Kind::Server) << true << QStringLiteral("HTTP 500")
                         << QStringLiteral("x");
    QTest::addRow("503") << 503 << int(ApiError::Kind::Server) << true
                         << QStringLiteral("same request is safe") << QStringLiteral("x");
}

void tst_ApiClient::errorClasses()
{
    QFETCH(int, status);
    QFETCH(int, kind);
    QFETCH(bool, retryable);
    QFETCH(QString, says);
    QFETCH(QString, code);
    m_status = status;
    m_body = status == 200
        ? QJsonObject {{QStringLiteral("ok"), true}}
        : QJsonObject {
            {QStringLiteral("error"),
             QJsonObject {{QStringLiteral("code"), code},
                          {QStringLiteral("message"), QStringLiteral("server says why")}}}};
    ApiClient client;
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)));
    client.setToken(QStringLiteral("good"));
    QSignalSpy done(&client, &ApiClient::actionFinished);
    client.perform(ActionRequest::make(QStringLiteral("form_1"), StaffAction::MarkDelivered, {},
                                       QStringLiteral("deliver")));
    QVERIFY(done.wait(5000));
    const auto r = done.first().at(1).value<ActionResult>();
    QCOMPARE(r.httpStatus, status);
    QCOMPARE(int(r.error.kind), kind);
    QCOMPARE(r.error.retryable, retryable);
    QVERIFY2(r.error.message.contains(says), qPrintable(r.error.message));
}

void tst_ApiClient::timeoutIsRetryableWithSameKey()
{
    // A server that accepts and never answers.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QList<QTcpSocket *> held;
    connect(&silent, &QTcpServer::newConnection, this,
            [&] { held << silent.nextPendingConnection(); });
    ApiClient client;
    client.setTimeout(300);
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort())));
    client.setToken(QStringLiteral("good"));
    QSignalSpy done(&client, &ApiClient::actionFinished);
    const ActionRequest req = ActionRequest::make(
        QStringLiteral("form_1"), StaffAction::Refund,
        {{QStringLiteral("reason"), QStringLiteral("duplicate")}}, QStringLiteral("refund"));
    client.perform(req);
    QVERIFY(done.wait(5000));
    const auto r = done.first().at(1).value<ActionResult>();
    QCOMPARE(r.error.kind, ApiError::Kind::Timeout);
    QVERIFY(r.error.retryable);

    // The retry goes to a server that answers, with the very same key.
    m_keys.clear();
    m_status = 200;
    m_body = {};
    client.setTimeout(5000);
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)));
    client.perform(r.request);
    QVERIFY(done.wait(5000));
    QCOMPARE(m_keys, QList<QByteArray> {req.idempotencyKey.toUtf8()});
    QVERIFY(done.last().at(1).value<ActionResult>().ok());
}

void tst_ApiClient::serverDown()
{
    QTcpServer reserve;
    QVERIFY(reserve.listen(QHostAddress::LocalHost));
    const quint16 port = reserve.serverPort();
    reserve.close(); // nothing listens there now
    ApiClient client;
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    client.setToken(QStringLiteral("good"));
    StaffActions actions(&client);
    QSignalSpy state(&actions, &StaffActions::apiStateChanged);
    actions.recheck();
    QTRY_COMPARE(actions.apiState(), StaffActions::ApiState::Unreachable);
    QVERIFY(actions.apiProblem().contains(QLatin1String("cannot be reached")));
    FormSummary paid;
    paid.id = QStringLiteral("f");
    paid.status = FormStatus::PaymentCompleted;
    QVERIFY(!actions.blockedReason(StaffAction::MarkDelivered, paid).isEmpty());
    QVERIFY(!actions.perform(ActionRequest::make(paid.id, StaffAction::MarkDelivered, {}, {})));
}

void tst_ApiClient::roleGating()
{
    ApiClient client;
    StaffActions actions(&client);
    QCOMPARE(actions.apiState(), StaffActions::ApiState::NotConfigured);
    actions.connectToApi(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port)),
                         QStringLiteral("bad"));
    QTRY_COMPARE(actions.apiState(), StaffActions::ApiState::Rejected);
    QVERIFY(actions.apiProblem().contains(QLatin1String("token")));

    m_role = QStringLiteral("agent");
    actions.connectToApi(client.baseUrl(), QStringLiteral("good"));
    QTRY_COMPARE(actions.apiState(), StaffActions::ApiState::Ready);
    QCOMPARE(actions.identity().name, QStringLiteral("Alice"));
    FormSummary paid;
    paid.id = QStringLiteral("f");
    paid.status = FormStatus::PaymentCompleted;
    QVERIFY(actions.blockedReason(StaffAction::Refund, paid).contains(QLatin1String("admin")));
    QVERIFY(actions.blockedReason(StaffAction::MarkDelivered, paid).isEmpty());
    FormSummary unpaid = paid;
    unpaid.status = FormStatus::VariationsReady;
    QVERIFY(
        actions.blockedReason(StaffAction::MarkDelivered, unpaid).contains(QLatin1String("paid")));

    m_role = QStringLiteral("admin");
    actions.recheck();
    QTRY_VERIFY(actions.identity().isAdmin());
    QVERIFY(actions.blockedReason(StaffAction::Refund, paid).isEmpty());

    // A second click while the first is in flight sends nothing.
    m_status = 200;
    m_keys.clear();
    QSignalSpy finished(&actions, &StaffActions::actionFinished);
    QVERIFY(actions.perform(ActionRequest::make(paid.id, StaffAction::MarkDelivered, {}, {})));
    QVERIFY(!actions.perform(ActionRequest::make(paid.id, StaffAction::MarkDelivered, {}, {})));
    QVERIFY(finished.wait(5000));
    QCOMPARE(m_keys.size(), 1);
}

void tst_ApiClient::apiGoneAndBack()
{
    // A second server on a port we control: stopped, then started again on the same port.
    const auto makeApi = [] {
        auto api = std::make_unique<JsonPeer>();
        api->route("GET", QStringLiteral("/api/admin/me"), [](const auto &) {
            return JsonPeer::Reply {
                200,
                QJsonObject {{QStringLiteral("name"), QStringLiteral("Bo")},
                             {QStringLiteral("role"), QStringLiteral("agent")}}};
        });
        return api;
    };
    auto api = makeApi();
    const quint16 port = api->listen();
    QVERIFY(port);
    ApiClient client;
    client.setTimeout(1000);
    StaffActions actions(&client);
    actions.setHeartbeatInterval(200);
    actions.connectToApi(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)),
                         QStringLiteral("t"));
    QTRY_COMPARE(actions.apiState(), StaffActions::ApiState::Ready);

    api.reset(); // compose-api stops
    QTRY_COMPARE_WITH_TIMEOUT(actions.apiState(), StaffActions::ApiState::Unreachable, 5000);
    QVERIFY(actions.isReadOnly());

    api = makeApi(); // and comes back on the same port
    QCOMPARE(api->listen(port), port);
    QTRY_COMPARE_WITH_TIMEOUT(actions.apiState(), StaffActions::ApiState::Ready, 10000);
}

QTEST_GUILESS_MAIN(tst_ApiClient)
#include "tst_apiclient.moc"
