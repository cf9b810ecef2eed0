// compose-api's seed endpoints over real HTTP against PostgreSQL: forms, generation, status,
// MusicGPT's webhook, expiry, and every kind of bad input.
#include "apiharness.h"
#include "database.h"
#include "formstatus.h"
#include "generationroutes.h"
#include "seedrows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace compose;
using compose::test::ApiHarness;

class tst_ApiForms : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void createAndRead();
    void createRefusals_data();
    void createRefusals();
    void duplicateForm();
    void patchBothRoutes();
    void patchRefusals_data();
    void patchRefusals();
    void badRequests_data();
    void badRequests();
    void bodyTooLarge();
    void recoveryScenario();
    void statusEndpoint();
    void musicGptWebhook();
    void expiryJob();

private:
    std::unique_ptr<ApiHarness> m_h;
    int m_counter = 0;
    QString newFormId() { return QStringLiteral("form_t%1").arg(++m_counter); }
};

void tst_ApiForms::initTestCase()
{
    m_h = std::make_unique<ApiHarness>(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(*m_h);
    QString error;
    QVERIFY2(m_h->start(ApiHarness::simulatedConfig(300), &error), qPrintable(error));
}

void tst_ApiForms::cleanupTestCase()
{
    m_h.reset();
}

void tst_ApiForms::createAndRead()
{
    const QString id = newFormId();
    const auto r = m_h->createForm(id, QStringLiteral("holiday-hamper"));
    QCOMPARE(r.status, 201);
    QCOMPARE(r.json.value(QStringLiteral("formId")).toString(), id);
    const QJsonObject f = m_h->form(id);
    QCOMPARE(f.value(QStringLiteral("status")).toString(), QStringLiteral("prompts_generated"));
    QCOMPARE(f.value(QStringLiteral("songCount")).toInt(), 3);
    QCOMPARE(f.value(QStringLiteral("formData"))
                 .toObject()
                 .value(QStringLiteral("recipientName"))
                 .toString(),
             QStringLiteral("Cyril Samuel"));
    QCOMPARE(f.value(QStringLiteral("generatedPrompts")).toArray().size(), 3);
    const QDateTime created
        = QDateTime::fromString(f.value(QStringLiteral("createdAt")).toString(), Qt::ISODateWithMs);
    const QDateTime expires
        = QDateTime::fromString(f.value(QStringLiteral("expiresAt")).toString(), Qt::ISODateWithMs);
    QCOMPARE(created.secsTo(expires), qint64(7 * 24 * 3600));

    // The database row and the trigger's event row, as the dashboard will read them.
    QSqlQuery q(m_h->database().connection());
    QVERIFY(q.exec(
        QStringLiteral("SELECT new_status, actor FROM compose_form_events WHERE form_id = '%1'")
            .arg(id)));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("prompts_generated"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("customer"));

    // Also by path, and a user (not guest) form.
    QCOMPARE(m_h->request("GET", QStringLiteral("/api/compose/forms/") + id).status, 200);
    m_h->database().exec(QStringLiteral(
        "INSERT INTO \"user\"(id, email, name) VALUES ('user_1', 'u@example.com', 'U')"));
    auto u
        = m_h->json("POST", QStringLiteral("/api/compose/forms"),
                    QJsonObject {{QStringLiteral("packageType"), QStringLiteral("solo-serenade")},
                                 {QStringLiteral("formData"), QJsonObject()},
                                 {QStringLiteral("generatedPrompts"), QJsonArray()},
                                 {QStringLiteral("userId"), QStringLiteral("user_1")}});
    QCOMPARE(u.status, 201);
    QVERIFY(u.json.value(QStringLiteral("formId")).toString().startsWith(QLatin1String("form_")));
    QCOMPARE(
        u.json.value(QStringLiteral("form")).toObject().value(QStringLiteral("status")).toString(),
        QStringLiteral("created"));
}

void tst_ApiForms::createRefusals_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("mentions");
    const QByteArray ok = R"("formData":{},"generatedPrompts":["p"],"guestEmail":"a@b.co")";
    QTest::addRow("unknown package")
        << QByteArray(R"({"packageType":"mega",)" + ok + "}") << 400 << "invalid_field"
        << "packageType";
    QTest::addRow("wrong song count")
        << QByteArray(R"({"packageType":"solo-serenade","songCount":3,)" + ok + "}") << 400
        << "invalid_field"
        << "songCount";
    QTest::addRow("song count not int")
        << QByteArray(R"({"packageType":"solo-serenade","songCount":"1",)" + ok + "}") << 400
        << "invalid_field"
        << "songCount";
    QTest::addRow("missing formData") << QByteArray(
        R"({"packageType":"solo-serenade","generatedPrompts":["p"],"guestEmail":"a@b.co"})")
                                      << 400 << "missing_field"
                                      << "formData";
    QTest::addRow("formData not object") << QByteArray(
        R"({"packageType":"solo-serenade","formData":[1],"generatedPrompts":["p"],"guestEmail":"a@b.co"})")
                                         << 400 << "invalid_field"
                                         << "formData";
    QTest::addRow("prompt count") << QByteArray(R"({"packageType":"holiday-hamper",)" + ok + "}")
                                  << 400 << "invalid_field"
                                  << "generatedPrompts";
    QTest::addRow("prompt not string") << QByteArray(
        R"({"packageType":"solo-serenade","formData":{},"generatedPrompts":[5],"guestEmail":"a@b.co"})")
                                       << 400 << "invalid_field"
                                       << "generatedPrompts";
    QTest::addRow("no owner") << QByteArray(
        R"({"packageType":"solo-serenade","formData":{},"generatedPrompts":["p"]})")
                              << 400 << "missing_field"
                              << "guestEmail";
    QTest::addRow("bad email") << QByteArray(
        R"({"packageType":"solo-serenade","formData":{},"generatedPrompts":["p"],"guestEmail":"nope"})")
                               << 400 << "invalid_field"
                               << "guestEmail";
    QTest::addRow("unknown user") << QByteArray(
        R"({"packageType":"solo-serenade","formData":{},"generatedPrompts":["p"],"userId":"ghost"})")
                                  << 400 << "unknown_user"
                                  << "ghost";
    QTest::addRow("unknown field")
        << QByteArray(R"({"packageType":"solo-serenade","amountPaid":5,)" + ok + "}") << 400
        << "unknown_field"
        << "amountPaid";
    QTest::addRow("paid status") << QByteArray(
        R"({"packageType":"solo-serenade","status":"payment_completed",)" + ok + "}")
                                 << 400 << "invalid_field"
                                 << "status";
    QTest::addRow("bad form id") << QByteArray(
        R"({"formId":"a b<c>","packageType":"solo-serenade",)" + ok + "}")
                                 << 400 << "invalid_field"
                                 << "formId";
}

void tst_ApiForms::createRefusals()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QString, mentions);
    QSqlQuery count(m_h->database().connection());
    QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM compose_forms")) && count.next());
    const int before = count.value(0).toInt();
    const auto r = m_h->request("POST", QStringLiteral("/api/compose/forms"), body);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), code);
    QVERIFY2(r.errorMessage().contains(mentions)
                 || QJsonDocument(r.json).toJson().contains(mentions.toUtf8()),
             r.body.constData());
    QVERIFY(r.json.value(QStringLiteral("error")).toObject().contains(QStringLiteral("details")));
    QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM compose_forms")) && count.next());
    QCOMPARE(count.value(0).toInt(), before); // nothing half-written
}

void tst_ApiForms::duplicateForm()
{
    const QString id = newFormId();
    QCOMPARE(m_h->createForm(id, QStringLiteral("solo-serenade")).status, 201);
    const auto again = m_h->createForm(id, QStringLiteral("solo-serenade"));
    QCOMPARE(again.status, 409);
    QCOMPARE(again.errorCode(), QStringLiteral("form_exists"));
}

void tst_ApiForms::patchBothRoutes()
{
    const QString id = newFormId();
    QCOMPARE(m_h->createForm(id, QStringLiteral("holiday-hamper")).status, 201);
    // Task ids must name this form's generations (issue 16): the rows /api/generate would
    // have written.
    const QStringList tasks {QStringLiteral("t1"), QStringLiteral("t2"), QStringLiteral("t3"),
                             QStringLiteral("t4")};
    for (int i = 0; i < tasks.size(); ++i) {
        compose::test::GenerationSpec g;
        g.id = QStringLiteral("gen_%1_%2").arg(id, tasks.at(i));
        g.taskId = tasks.at(i);
        g.formId = id;
        g.songIndex = i / 3;
        g.variationIndex = i % 3 + 1;
        compose::test::insertGeneration(m_h->database().connection(), g);
    }
    auto r = m_h->json(
        "PATCH", QStringLiteral("/api/compose/forms/") + id,
        QJsonObject {{QStringLiteral("variationTaskIds"),
                      QJsonObject {{QStringLiteral("0"),
                                    QJsonArray {QStringLiteral("t1"), QStringLiteral("t2"),
                                                QStringLiteral("t3")}}}},
                     {QStringLiteral("status"), QStringLiteral("variations_generating")}});
    QCOMPARE(r.status, 200);
    r = m_h->json(
        "PATCH", QStringLiteral("/api/compose/forms"),
        QJsonObject {
            {QStringLiteral("formId"), id},
            {QStringLiteral("variationTaskIds"),
             QJsonObject {{QStringLiteral("1"), QJsonArray {QStringLiteral("t4")}}}},
            {QStringLiteral("variationAudioUrls"),
             QJsonObject {{QStringLiteral("0"),
                           QJsonObject {{QStringLiteral("1"),
                                         QStringLiteral("https://cdn.example/a.mp3")}}}}},
            {QStringLiteral("selectedVariations"), QJsonObject {{QStringLiteral("0"), 2}}}});
    QCOMPARE(r.status, 200);
    // The Checkout Session is the server's to set (/api/stripe/checkout): a form update may not.
    r = m_h->json("PATCH", QStringLiteral("/api/compose/forms/") + id,
                  QJsonObject {{QStringLiteral("stripeSessionId"), QStringLiteral("cs_test_x")}});
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), QStringLiteral("field_reserved"));
    const QJsonObject f = m_h->form(id);
    QCOMPARE(f.value(QStringLiteral("status")).toString(), QStringLiteral("variations_generating"));
    QCOMPARE(f.value(QStringLiteral("variationTaskIds"))
                 .toObject()
                 .value(QStringLiteral("0"))
                 .toArray()
                 .size(),
             3); // merged per song
    QCOMPARE(f.value(QStringLiteral("variationTaskIds"))
                 .toObject()
                 .value(QStringLiteral("1"))
                 .toArray()
                 .at(0)
                 .toString(),
             QStringLiteral("t4"));
    QCOMPARE(
        f.value(QStringLiteral("selectedVariations")).toObject().value(QStringLiteral("0")).toInt(),
        2);
    QVERIFY(f.value(QStringLiteral("stripeSessionId")).isNull());
}

void tst_ApiForms::patchRefusals_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addRow("bad transition") << QString() << QByteArray(R"({"status":"payment_initiated"})")
                                    << 409 << "invalid_transition";
    QTest::addRow("reserved status")
        << QString() << QByteArray(R"({"status":"payment_completed"})") << 403 << "status_reserved";
    QTest::addRow("unknown status")
        << QString() << QByteArray(R"({"status":"weird"})") << 400 << "invalid_field";
    QTest::addRow("song out of range")
        << QString() << QByteArray(R"({"selectedVariations":{"1":2}})") << 400 << "invalid_field";
    QTest::addRow("variation out of range")
        << QString() << QByteArray(R"({"selectedVariations":{"0":4}})") << 400 << "invalid_field";
    QTest::addRow("bad url") << QString()
                             << QByteArray(
                                    R"x({"variationAudioUrls":{"0":{"1":"javascript:alert(1)"}}})x")
                             << 400 << "invalid_field";
    QTest::addRow("unknown field")
        << QString() << QByteArray(R"({"amountPaid":999})") << 400 << "unknown_field";
    QTest::addRow("nothing") << QString() << QByteArray(R"({})") << 400 << "bad_request";
    QTest::addRow("unknown form") << QStringLiteral("form_nope")
                                  << QByteArray(R"({"status":"variations_generating"})") << 404
                                  << "form_not_found";
    QTest::addRow("missing formId")
        << QStringLiteral("-") << QByteArray(R"({"status":"variations_generating"})") << 400
        << "missing_field";
}

void tst_ApiForms::patchRefusals()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const QString id = newFormId();
    QCOMPARE(m_h->createForm(id, QStringLiteral("solo-serenade")).status, 201);
    const QString url = path == QLatin1String("-")
        ? QStringLiteral("/api/compose/forms")
        : QStringLiteral("/api/compose/forms/") + (path.isEmpty() ? id : path);
    const auto r = m_h->request("PATCH", url, body);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), code);
    if (code == QLatin1String("invalid_transition"))
        QCOMPARE(
            r.errorMessage(),
            Status::transitionError(FormStatus::PromptsGenerated, FormStatus::PaymentInitiated));
    QCOMPARE(m_h->form(id).value(QStringLiteral("status")).toString(),
             QStringLiteral("prompts_generated"));
}

void tst_ApiForms::badRequests_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addRow("malformed json") << QByteArray("POST") << "/api/compose/forms"
                                    << QByteArray("{\"packageType\": ") << 400 << "invalid_json";
    QTest::addRow("json array") << QByteArray("POST") << "/api/generate" << QByteArray("[1,2]")
                                << 400 << "invalid_json";
    QTest::addRow("empty body") << QByteArray("POST") << "/api/stripe/checkout" << QByteArray()
                                << 400 << "bad_request";
    QTest::addRow("wrong type") << QByteArray("POST") << "/api/generate"
                                << QByteArray(R"({"form_id":1,"song_index":0,"variation_index":1})")
                                << 400 << "invalid_field";
    QTest::addRow("fraction") << QByteArray("POST") << "/api/generate"
                              << QByteArray(
                                     R"({"form_id":"x","song_index":0.5,"variation_index":1})")
                              << 400 << "invalid_field";
    QTest::addRow("unknown generate field")
        << QByteArray("POST") << "/api/generate"
        << QByteArray(R"({"form_id":"x","song_index":0,"variation_index":1,"prompt":"p"})") << 400
        << "unknown_field";
    QTest::addRow("generate unknown form")
        << QByteArray("POST") << "/api/generate"
        << QByteArray(R"({"form_id":"form_none","song_index":0,"variation_index":1})") << 404
        << "form_not_found";
    QTest::addRow("get without id")
        << QByteArray("GET") << "/api/compose/forms" << QByteArray() << 400 << "missing_field";
    QTest::addRow("get unknown") << QByteArray("GET") << "/api/compose/forms?formId=form_none"
                                 << QByteArray() << 404 << "form_not_found";
    QTest::addRow("bad task id") << QByteArray("GET") << "/api/status/bad%20id%3B" << QByteArray()
                                 << 400 << "invalid_task_id";
    QTest::addRow("unknown task") << QByteArray("GET") << "/api/status/task_unknown" << QByteArray()
                                  << 404 << "task_not_found";
    QTest::addRow("wrong method") << QByteArray("DELETE") << "/api/compose/forms" << QByteArray()
                                  << 405 << "method_not_allowed";
    QTest::addRow("wrong method generate")
        << QByteArray("GET") << "/api/generate" << QByteArray() << 405 << "method_not_allowed";
    QTest::addRow("no route") << QByteArray("GET") << "/api/nothing" << QByteArray() << 404
                              << "not_found";
    QTest::addRow("checkout unknown form")
        << QByteArray("POST") << "/api/stripe/checkout"
        << QByteArray(R"({"formId":"form_none","selectedVariations":{"0":1}})") << 404
        << "form_not_found";
}

void tst_ApiForms::badRequests()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, code);
    const auto r = m_h->request(method, path, body);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), code);
    QVERIFY(!r.errorMessage().isEmpty());
    if (status == 405)
        QVERIFY(!r.headers.value("allow").isEmpty());
    QCOMPARE(m_h->request("GET", QStringLiteral("/api/health")).status, 200); // still serving
}

void tst_ApiForms::bodyTooLarge()
{
    QByteArray big = "{\"formData\":\"" + QByteArray(1024 * 1024 + 10, 'x') + "\"}";
    const auto r = m_h->request("POST", QStringLiteral("/api/compose/forms"), big);
    QCOMPARE(r.status, 413);
    QCOMPARE(r.errorCode(), QStringLiteral("payload_too_large"));
    QCOMPARE(m_h->request("GET", QStringLiteral("/api/health")).status, 200);
}

void tst_ApiForms::recoveryScenario()
{
    // The customer's browser loses localStorage mid-generation: only the form id is left.
    const QString id = newFormId();
    QCOMPARE(m_h->createForm(id, QStringLiteral("solo-serenade")).status, 201);
    QVERIFY(m_h->generateAll(id, 1));
    QJsonObject f = m_h->form(id);
    QCOMPARE(f.value(QStringLiteral("status")).toString(), QStringLiteral("variations_generating"));
    const QJsonArray tasks = f.value(QStringLiteral("variationTaskIds"))
                                 .toObject()
                                 .value(QStringLiteral("0"))
                                 .toArray();
    QCOMPARE(tasks.size(), 3);
    for (const QJsonValue &t : tasks)
        QVERIFY(!t.toString().isEmpty());
    QCOMPARE(f.value(QStringLiteral("generations")).toArray().size(), 3);
    // Resume polling with nothing but what the recovery answer gave.
    QVERIFY(m_h->waitFor([&] {
        for (const QJsonValue &t : tasks) {
            if (m_h->request("GET", QStringLiteral("/api/status/") + t.toString())
                    .json.value(QStringLiteral("status"))
                    .toString()
                != QLatin1String("completed"))
                return false;
        }
        return true;
    }));
    f = m_h->form(id);
    QCOMPARE(f.value(QStringLiteral("status")).toString(), QStringLiteral("variations_ready"));
    const QJsonObject urls = f.value(QStringLiteral("variationAudioUrls"))
                                 .toObject()
                                 .value(QStringLiteral("0"))
                                 .toObject();
    QCOMPARE(urls.size(), 3);
    QSet<QString> distinct;
    for (const QString &k : urls.keys())
        distinct.insert(urls.value(k).toString());
    QCOMPARE(distinct.size(), 3);
    // The audio is real: a WAV over HTTP.
    const QUrl audio(urls.value(QStringLiteral("2")).toString());
    const auto wav = m_h->request("GET", audio.path());
    QCOMPARE(wav.status, 200);
    QVERIFY(wav.body.startsWith("RIFF"));
    QVERIFY(wav.body.size() > 8 * 22050 * 2);
    // A repeated generate for a done slot answers with the existing task, no new MusicGPT call.
    const auto again = m_h->json("POST", QStringLiteral("/api/generate"),
                                 QJsonObject {{QStringLiteral("form_id"), id},
                                              {QStringLiteral("song_index"), 0},
                                              {QStringLiteral("variation_index"), 1}});
    QCOMPARE(again.status, 200);
    QCOMPARE(again.json.value(QStringLiteral("existing")).toBool(), true);
    QCOMPARE(again.json.value(QStringLiteral("task_id")).toString(), tasks.at(0).toString());
}

void tst_ApiForms::statusEndpoint()
{
    const QString id = newFormId();
    QCOMPARE(m_h->createForm(id, QStringLiteral("solo-serenade")).status, 201);
    const auto g = m_h->json("POST", QStringLiteral("/api/generate"),
                             QJsonObject {{QStringLiteral("preview_mode"), true},
                                          {QStringLiteral("form_id"), id},
                                          {QStringLiteral("song_index"), 0},
                                          {QStringLiteral("variation_index"), 2}});
    QCOMPARE(g.status, 200);
    const QString task = g.json.value(QStringLiteral("task_id")).toString();
    QVERIFY(!g.json.value(QStringLiteral("conversion_id_1")).toString().isEmpty());
    const auto s = m_h->request("GET", QStringLiteral("/api/status/") + task);
    QCOMPARE(s.status, 200);
    QVERIFY(QStringList({QStringLiteral("pending"), QStringLiteral("in_progress"),
                         QStringLiteral("completed")})
                .contains(s.json.value(QStringLiteral("status")).toString()));
    QSqlQuery q(m_h->database().connection());
    QVERIFY(q.exec(QStringLiteral("SELECT is_preview, generated_prompt, song_index, "
                                  "variation_index FROM music_generations WHERE task_id = '%1'")
                       .arg(task)));
    QVERIFY(q.next());
    QVERIFY(q.value(0).toBool());
    QVERIFY(q.value(1).toString().contains(QLatin1String("Cyril")));
    QCOMPARE(q.value(3).toInt(), 2);
    QVERIFY(m_h->waitFor([&] {
        return m_h->request("GET", QStringLiteral("/api/status/") + task)
                   .json.value(QStringLiteral("status"))
                   .toString()
            == QLatin1String("completed");
    }));
    QVERIFY(q.exec(QStringLiteral("SELECT audio_url_1, audio_url_2, duration_1, title_1, "
                                  "completed_at FROM music_generations WHERE task_id = '%1'")
                       .arg(task)));
    QVERIFY(q.next());
    QVERIFY(!q.value(0).toString().isEmpty() && !q.value(1).toString().isEmpty());
    QVERIFY(q.value(2).toInt() >= 8);
    QVERIFY(!q.value(3).toString().isEmpty());
    QVERIFY(!q.value(4).isNull());
    // One variation of three: the form stays generating.
    QCOMPARE(m_h->form(id).value(QStringLiteral("status")).toString(),
             QStringLiteral("variations_generating"));
}

void tst_ApiForms::musicGptWebhook()
{
    const QString id = newFormId();
    QCOMPARE(m_h->createForm(id, QStringLiteral("solo-serenade")).status, 201);
    // A generation row that MusicGPT will never call back for; the test plays MusicGPT.
    test::insertGeneration(m_h->database().connection(),
                           test::pendingGeneration(QStringLiteral("w"), id, 1,
                                                   QStringLiteral("conv_a"),
                                                   QStringLiteral("conv_b")));
    const QString hook = QStringLiteral("/api/musicgpt/webhook?token=")
        + GenerationRoutes::loadWebhookToken(m_h->database().connection());
    const QJsonObject a {
        {QStringLiteral("success"), true},
        {QStringLiteral("conversion_type"), QStringLiteral("MUSIC_AI")},
        {QStringLiteral("subtype"), QStringLiteral("music_ai")},
        {QStringLiteral("task_id"), QStringLiteral("task_w")},
        {QStringLiteral("conversion_id"), QStringLiteral("conv_a")},
        {QStringLiteral("conversion_path"), QStringLiteral("https://cdn.example/a.mp3")},
        {QStringLiteral("conversion_path_wav"), QStringLiteral("https://cdn.example/a.wav")},
        {QStringLiteral("conversion_duration"), 12.6},
        {QStringLiteral("title"), QStringLiteral("A")},
        {QStringLiteral("lyrics"), QStringLiteral("la la")},
        {QStringLiteral("lyrics_timestamped"), QStringLiteral("[]")}};
    QCOMPARE(m_h->json("POST", QStringLiteral("/api/musicgpt/webhook?token=wrong"), a).status, 401);
    QCOMPARE(m_h->json("POST", hook, a).status, 200);
    QCOMPARE(m_h->json("POST", hook, a).status, 200); // repeated delivery: same result
    QSqlQuery q(m_h->database().connection());
    QVERIFY(q.exec(QStringLiteral("SELECT status, audio_url_1, duration_1 FROM music_generations "
                                  "WHERE task_id = 'task_w'"))
            && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("in_progress"));
    QCOMPARE(q.value(2).toInt(), 13);
    QJsonObject b = a;
    b.insert(QStringLiteral("conversion_id"), QStringLiteral("conv_b"));
    b.insert(QStringLiteral("conversion_path"), QStringLiteral("https://cdn.example/b.mp3"));
    QCOMPARE(m_h->json("POST", hook, b).status, 200);
    QCOMPARE(m_h->json("POST", hook, b).status, 200);
    QVERIFY(q.exec(QStringLiteral("SELECT status FROM music_generations WHERE task_id = 'task_w'"))
            && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("completed"));
    QCOMPARE(m_h->form(id)
                 .value(QStringLiteral("variationAudioUrls"))
                 .toObject()
                 .value(QStringLiteral("0"))
                 .toObject()
                 .value(QStringLiteral("1"))
                 .toString(),
             QStringLiteral("https://cdn.example/a.mp3"));
    // Other subtypes are acknowledged and ignored; unknown tasks and conversions are refused.
    QCOMPARE(
        m_h->json("POST", hook, QJsonObject {{QStringLiteral("subtype"), QStringLiteral("lyrics")}})
            .status,
        200);
    QJsonObject unknown = a;
    unknown.insert(QStringLiteral("task_id"), QStringLiteral("task_zzz"));
    QCOMPARE(m_h->json("POST", hook, unknown).status, 404);
    QJsonObject wrongConv = a;
    wrongConv.insert(QStringLiteral("conversion_id"), QStringLiteral("conv_x"));
    QCOMPARE(m_h->json("POST", hook, wrongConv).status, 400);
    QCOMPARE(m_h->request("POST", hook, "not json").status, 400);
}

void tst_ApiForms::expiryJob()
{
    const QString old = newFormId();
    const QString paid = newFormId();
    QCOMPARE(m_h->createForm(old, QStringLiteral("solo-serenade")).status, 201);
    QCOMPARE(m_h->createForm(paid, QStringLiteral("solo-serenade")).status, 201);
    m_h->database().exec(QStringLiteral("UPDATE compose_forms SET expires_at = NOW() - INTERVAL '1 "
                                        "day' WHERE id IN ('%1', '%2')")
                             .arg(old, paid));
    m_h->database().exec(
        QStringLiteral("UPDATE compose_forms SET status = 'payment_completed' WHERE id = '%1'")
            .arg(paid));
    // A second server with a one-second interval runs the job at start and on its timer.
    EmbeddedApi api;
    ServerConfig c = ApiHarness::simulatedConfig();
    c.database = m_h->database().settings();
    c.expiryIntervalS = 1;
    QSignalSpy ready(&api, &EmbeddedApi::ready);
    api.start(c, QStringLiteral("expiry-test"), QStringLiteral("agent"));
    QVERIFY(ready.wait(20000));
    QVERIFY(m_h->waitStatus(old, QStringLiteral("expired"), 5000));
    QCOMPARE(m_h->form(paid).value(QStringLiteral("status")).toString(),
             QStringLiteral("payment_completed"));
    QSqlQuery q(m_h->database().connection());
    QVERIFY(q.exec(QStringLiteral("SELECT actor FROM compose_form_events WHERE form_id = '%1' AND "
                                  "new_status = 'expired'")
                       .arg(old))
            && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("system"));
    api.stop();
}

QTEST_MAIN(tst_ApiForms)
#include "tst_apiforms.moc"
