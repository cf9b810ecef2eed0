// GET /api/compose/forms writes its answer straight to bytes (FormAnswer, JsonBytes: issue 14,
// compose-api p99). The QJson objects (ApiContext::formJson, generationJson) stay the
// definition of the answer: every case here must give exactly QJsonDocument::toJson's bytes,
// on odd text (quotes, controls, unicode, lone surrogates), odd numbers (big integers, doubles
// past 2^53 and past qint64, -0), NULL and empty columns, and over real HTTP from PostgreSQL
// and SQLite rows.
#include "apicontext.h"
#include "apiharness.h"
#include "formanswer.h"
#include "formstore.h"
#include "generationstore.h"
#include "jsonbytes.h"
#include "jsoncolumn.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace compose;
using namespace compose::test;

namespace {

// What FormRoutes::get answered before FormAnswer.
QByteArray viaQJson(const FormRecord &f, const QList<GenerationRecord> &generations)
{
    QJsonObject o = ApiContext::formJson(f);
    QJsonArray gens;
    for (const GenerationRecord &g : generations)
        gens.append(ApiContext::generationJson(g));
    o.insert(QStringLiteral("generations"), gens);
    return QJsonDocument(
               QJsonObject {{QStringLiteral("success"), true}, {QStringLiteral("form"), o}})
        .toJson(QJsonDocument::Compact);
}

QByteArray valueViaQJson(const QJsonValue &v)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QByteArray valueViaBytes(const QJsonValue &v)
{
    QByteArray out;
    JsonBytes::appendValue(out, v);
    return out;
}

QString oddText()
{
    QString s = QStringLiteral("quote \" backslash \\ slash / tab\t nl\n cr\r bs\b ff\f del\x7f "
                               "é ß 中文 € ");
    for (char16_t c = 0; c < 0x20; ++c)
        s += QChar(c);
    s += QString::fromUtf8("🎄 emoji and ZWJ 👩‍👩‍👧");
    s += QChar(0xd800); // lone high surrogate
    s += QLatin1Char('x');
    s += QChar(0xdc00); // lone low surrogate
    s += QChar(0xdbff); // high surrogate at the very end
    return s;
}

// Random text from every class the writer tells apart.
QString randomText(QRandomGenerator &rng)
{
    static const char16_t pool[]
        = {u'a',   u'Z',   u'0',   u' ',   u'"',   u'\\',  u'/',   0x0,    0x1,   0x8,
           0x9,    0xa,    0xc,    0xd,    0x1f,   0x7f,   0x80,   0xe9,   0x7ff, 0x800,
           0x4e2d, 0xfffd, 0xffff, 0xd83c, 0xdf84, 0xd800, 0xdbff, 0xdc00, 0xdfff};
    QString s;
    const int n = int(rng.bounded(12));
    for (int i = 0; i < n; ++i)
        s += QChar(pool[rng.bounded(int(std::size(pool)))]);
    return s;
}

QJsonValue randomValue(QRandomGenerator &rng, int depth)
{
    switch (rng.bounded(depth > 3 ? 7 : 9)) {
    case 0:
        return QJsonValue::Null;
    case 1:
        return rng.bounded(2) == 1;
    case 2:
        return qint64(rng.generate64()) >> rng.bounded(64); // integers of every size
    case 3:
        return std::ldexp(rng.generateDouble() - 0.5, int(rng.bounded(200)) - 100);
    case 4:
        return double(qint64(rng.generate64() >> rng.bounded(64))); // integral doubles
    case 5:
    case 6:
        return randomText(rng);
    case 7: {
        QJsonArray a;
        for (int i = int(rng.bounded(5)); i > 0; --i)
            a.append(randomValue(rng, depth + 1));
        return a;
    }
    default: {
        QJsonObject o;
        for (int i = int(rng.bounded(5)); i > 0; --i)
            o.insert(randomText(rng), randomValue(rng, depth + 1));
        return o;
    }
    }
}

FormRecord oddForm()
{
    FormRecord f;
    f.id = QStringLiteral("form_odd");
    f.packageType = QStringLiteral("holiday-hamper");
    f.songCount = 3;
    f.statusKey = QStringLiteral("variations_ready");
    // Parsed from text as the stores read the JSON columns.
    f.formData = JsonColumn::read(QString(
        QStringLiteral("{\"recipientName\":\"") + QStringLiteral("O'Brien \\\"Jr\\\" \\u0001")
        + QStringLiteral("\",\"n\":[1e15,1.0,1000000000000000,9007199254740993,"
                         "123456789012345678901,-0,0.1,1e-7,1e308,-5,2.5e-320],"
                         "\"z\":{\"\":null,\"é\":true,\"a\":{}},\"nested\":[[[]],{}]}")));
    f.generatedPrompts = QJsonArray {oddText(), QString(), QStringLiteral("bridge")};
    f.variationTaskIds = JsonColumn::read(QStringLiteral("{\"0\":[\"t1\",null,\"t3\"]}"));
    f.variationAudioUrls = QJsonValue::Null; // NULL column: {}
    f.selectedVariations = JsonColumn::read(QStringLiteral("[\"odd\",\"shape\"]"));
    f.stripeSessionId = QStringLiteral("cs_test_\"x\"");
    f.stripePaymentIntentId = QString(); // NULL: null
    f.amountPaid = qint64(9007199254740993LL); // past double's integers
    f.paidAt = QDateTime::fromMSecsSinceEpoch(-62135596800000, QTimeZone::utc()); // year 1
    f.userId = QString(); // empty: null
    f.guestEmail = oddText();
    f.createdAt = QDateTime::fromMSecsSinceEpoch(1764547200123, QTimeZone(3600));
    f.updatedAt = QDateTime::fromMSecsSinceEpoch(253402300799999, QTimeZone::utc());
    // expiresAt invalid: null
    return f;
}

GenerationRecord oddGeneration(int i)
{
    GenerationRecord g;
    g.id = QStringLiteral("gen_%1").arg(i);
    g.taskId = QStringLiteral("task_%1").arg(i);
    g.formId = QStringLiteral("form_odd");
    g.status = i == 0 ? QString() : QStringLiteral("completed");
    g.audioUrl1 = QStringLiteral("https://cdn.example/a b\"c.mp3");
    g.audioUrl2 = i == 1 ? QStringLiteral("") : QString(); // empty "" vs NULL null
    g.title1 = oddText();
    g.duration1 = i == 2 ? std::optional<int>() : std::optional<int>(-2147483647 - 1);
    g.duration2 = 2147483647;
    g.songIndex = i;
    g.variationIndex = i == 1 ? std::optional<int>() : std::optional<int>(i + 1);
    g.isPreview = i == 0 ? std::optional<bool>() : std::optional<bool>(true);
    g.isPaid = i == 2;
    g.shareSlug = QStringLiteral("slug_%1").arg(i);
    g.createdAt = QDateTime::fromMSecsSinceEpoch(1764547200000 + i, QTimeZone::utc());
    return g;
}

} // namespace

class TestFormAnswer : public QObject {
    Q_OBJECT

private slots:
    void valuesAsQt()
    {
        const QList<QJsonValue> fixed {
            QJsonValue(),
            QJsonValue(QJsonValue::Undefined),
            true,
            false,
            0,
            -1,
            qint64(9007199254740993LL),
            std::numeric_limits<qint64>::min(),
            1e15,
            1.5,
            -0.0,
            1e300,
            std::numeric_limits<double>::infinity(),
            std::numeric_limits<double>::quiet_NaN(),
            5e-324,
            oddText(),
            QString(),
            QJsonArray {},
            QJsonObject {},
            QJsonObject {{oddText(), QJsonArray {1, QString(), QJsonObject {}}}},
        };
        for (const QJsonValue &v : fixed)
            QCOMPARE(valueViaBytes(v), valueViaQJson(v));
        // Parsed numbers keep Qt's integer/double distinction: 1e15 is written 1e+15.
        const QJsonValue parsed = JsonColumn::read(
            QStringLiteral("[1e15,1000000000000000,1.0,-0,9223372036854775807,9223372036854775808,"
                           "-9223372036854775808,123456789012345678901,0.30000000000000004]"));
        QCOMPARE(valueViaBytes(parsed), valueViaQJson(parsed));
        // (Qt's parser keeps an exponent-form integer such as 1e15 as an integer.)
        QCOMPARE(valueViaBytes(parsed),
                 QByteArray("[1000000000000000,1000000000000000,1,0,9223372036854775807,"
                            "9223372036854776000,-9223372036854775808,123456789012345680000,"
                            "0.30000000000000004]"));

        // Long plain runs (written eight units at a time) with one special unit at every
        // position around the blocks of eight.
        const QList<char16_t> specials {0x0,   0x1f,  u'"',   u'\\',  0x7f,   0x80,   0xff,  0x100,
                                        0x7ff, 0x800, 0x7fff, 0x8000, 0xd800, 0xdc00, 0xffff};
        for (const char16_t special : specials) {
            for (int at = 0; at < 26; ++at) {
                QString text(25, QLatin1Char('a'));
                text.insert(at, QChar(special));
                QCOMPARE(valueViaBytes(text), valueViaQJson(text));
            }
        }
        QCOMPARE(valueViaBytes(QString(100003, QLatin1Char('~'))),
                 valueViaQJson(QString(100003, QLatin1Char('~'))));

        QRandomGenerator rng(1414);
        for (int i = 0; i < 3000; ++i) {
            const QJsonValue v = randomValue(rng, 0);
            const QByteArray mine = valueViaBytes(v);
            const QByteArray qt = valueViaQJson(v);
            if (mine != qt)
                QFAIL(qPrintable(QStringLiteral("case %1: %2\n  Qt: %3")
                                     .arg(i)
                                     .arg(QString::fromUtf8(mine.toPercentEncoding(" {}[]\":,")),
                                          QString::fromUtf8(qt.toPercentEncoding(" {}[]\":,")))));
        }
    }

    void formAsQt()
    {
        const FormRecord f = oddForm();
        const QList<GenerationRecord> gens {oddGeneration(0), oddGeneration(1), oddGeneration(2)};
        QCOMPARE(FormAnswer::get(f, gens), viaQJson(f, gens));
        QCOMPARE(FormAnswer::get(f, {}), viaQJson(f, {}));
        FormRecord bare; // every field at its default
        QCOMPARE(FormAnswer::get(bare, {GenerationRecord()}), viaQJson(bare, {GenerationRecord()}));
        // Undefined JSON columns are left out as QJsonObject::insert leaves them out.
        bare.formData = QJsonValue(QJsonValue::Undefined);
        bare.variationTaskIds = QJsonValue(QJsonValue::Undefined);
        QCOMPARE(FormAnswer::get(bare, {}), viaQJson(bare, {}));
        bare.amountPaid = (qint64(1) << 62) + 1; // written as QJsonValue(double) writes it
        QCOMPARE(FormAnswer::get(bare, {}), viaQJson(bare, {}));
    }

    void overHttp_data()
    {
        QTest::addColumn<int>("dialect");
        QTest::newRow("postgresql") << int(SqlDialect::PostgreSQL);
        QTest::newRow("sqlite") << int(SqlDialect::SQLite);
    }

    // Rows written with SQL (odd JSON text, NULL and empty columns), read back through the
    // running compose-api: the body is byte for byte the QJson answer of the same rows.
    void overHttp()
    {
        QFETCH(int, dialect);
        ApiHarness h {SqlDialect(dialect)};
        COMPOSE_REQUIRE_API(h);
        QString error;
        QVERIFY2(h.start(ApiHarness::simulatedConfig(300), &error), qPrintable(error));
        QSqlDatabase db = h.database().connection();
        QSqlQuery q(db);
        QVERIFY(q.prepare(QStringLiteral(
            "INSERT INTO compose_forms (id, package_type, song_count, form_data, "
            "generated_prompts, "
            "variation_task_ids, status, guest_email, amount_paid, created_at, updated_at) "
            "VALUES ('form_http', 'solo-serenade', 1, ?, ?, ?, 'variations_ready', ?, 123456789, "
            "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")));
        q.addBindValue(
            QString(QStringLiteral("{\"story\": \"") + QStringLiteral("tab\\t nl\\n \\\"q\\\" ")
                    + QStringLiteral("\\u0001 é 中 🎄\", \"n\": [1e15, 1.0, 9007199254740993, "
                                     "-0, 0.1], \"b\": {\"z\": null, \"a\": [true, false]}}")));
        q.addBindValue(QStringLiteral("[\"verse \\\"one\\\"\", \"\"]"));
        q.addBindValue(QStringLiteral("{\"0\": [\"task_h1\", null]}"));
        q.addBindValue(QStringLiteral("guest\"odd\"@example.com"));
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO music_generations (id, task_id, form_id, status, song_index, "
            "variation_index, audio_url_1, audio_url_2, title_1, duration_1, is_preview, "
            "created_at) VALUES "
            "('gen_h1', 'task_h1', 'form_http', 'completed', 0, 1, 'https://cdn.example/1.mp3', "
            "'', 'Tit\"le', 180, true, CURRENT_TIMESTAMP), "
            "('gen_h2', 'task_h2', 'form_http', NULL, 0, 2, NULL, NULL, NULL, NULL, NULL, "
            "CURRENT_TIMESTAMP)")));

        const auto reply = h.request("GET", QStringLiteral("/api/compose/forms?formId=form_http"));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.headers.value("content-type"), QByteArray("application/json"));
        const auto form = FormStore(db).find(QStringLiteral("form_http"));
        QVERIFY(form);
        const QList<GenerationRecord> gens = GenerationStore(db).forForm(form->id);
        QCOMPARE(gens.size(), 2);
        QCOMPARE(reply.body, viaQJson(*form, gens));
        QCOMPARE(reply.json.value(QStringLiteral("form"))
                     .toObject()
                     .value(QStringLiteral("generations"))
                     .toArray()
                     .size(),
                 2);
    }
};

QTEST_GUILESS_MAIN(TestFormAnswer)
#include "tst_formanswer.moc"
