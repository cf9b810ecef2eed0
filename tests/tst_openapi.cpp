// docs/api.yaml is checked by a standard OpenAPI validator (swagger-cli, installed by
// scripts/test.sh into <build>/openapi), it documents every route compose-api serves and every
// status a route can answer, and compose-api refuses every request body that breaks the types
// it declares (null, wrong type, fraction, below minimum, unknown or repeated field) with a 400
// naming the field.
#include "apiharness.h"
#include "testdatabase.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class tst_OpenApi : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void validates();
    void documentsEveryRoute();
    void errorFormatDocumented();
    void documentsMoneyPathStatuses_data();
    void documentsMoneyPathStatuses();
    void documentsEveryStatus();
    void requestTypesEnforced();

private:
    QJsonObject bundled(); // the spec with every $ref resolved, as JSON
    QString m_spec;
    QString m_validator;
    QByteArray m_text;
};

void tst_OpenApi::initTestCase()
{
    const QString source = qEnvironmentVariable("COMPOSE_SOURCE_DIR", QStringLiteral(".."));
    m_spec = QDir(source).filePath(QStringLiteral("docs/api.yaml"));
    QFile f(m_spec);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(m_spec));
    m_text = f.readAll();

    // <build>/openapi is the cache scripts/test.sh fills once; a lone run of this test fills it
    // too.
    const QDir build(QCoreApplication::applicationDirPath() + QStringLiteral("/.."));
    const QString prefix = build.absoluteFilePath(QStringLiteral("openapi"));
    m_validator = prefix + QStringLiteral("/node_modules/.bin/swagger-cli");
    if (!QFile::exists(m_validator)) {
        QProcess npm;
        npm.start(QStringLiteral("npm"),
                  {QStringLiteral("install"), QStringLiteral("--prefix"), prefix,
                   QStringLiteral("--no-audit"), QStringLiteral("--no-fund"),
                   QStringLiteral("--loglevel=error"),
                   QStringLiteral("@apidevtools/swagger-cli@4.0.4")});
        const bool ran = npm.waitForFinished(240000);
        if (!ran || npm.exitCode() != 0 || !QFile::exists(m_validator)) {
            const QString why = QStringLiteral("cannot install swagger-cli with npm: %1")
                                    .arg(QString::fromLocal8Bit(npm.readAllStandardError()));
            COMPOSE_SKIP_OR_FAIL(why);
        }
    }
}

void tst_OpenApi::validates()
{
    QProcess p;
    p.start(m_validator, {QStringLiteral("validate"), m_spec});
    QVERIFY(p.waitForFinished(60000));
    const QByteArray out = p.readAllStandardOutput() + p.readAllStandardError();
    QVERIFY2(p.exitCode() == 0, out.constData());
    QVERIFY2(out.contains("is valid"), out.constData());

    // The validator can fail: a broken copy is refused.
    QTemporaryDir dir;
    QFile broken(dir.filePath(QStringLiteral("broken.yaml")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    QByteArray text = m_text;
    text.replace("#/components/schemas/Refund'", "#/components/schemas/NoSuchSchema'");
    broken.write(text);
    broken.close();
    QProcess bad;
    bad.start(m_validator, {QStringLiteral("validate"), broken.fileName()});
    QVERIFY(bad.waitForFinished(60000));
    QVERIFY(bad.exitCode() != 0);
}

void tst_OpenApi::documentsEveryRoute()
{
    const QList<QPair<QString, QString>> routes {
        {QStringLiteral("/api/compose/forms"), QStringLiteral("post")},
        {QStringLiteral("/api/compose/forms"), QStringLiteral("get")},
        {QStringLiteral("/api/compose/forms"), QStringLiteral("patch")},
        {QStringLiteral("/api/compose/forms/{formId}"), QStringLiteral("patch")},
        {QStringLiteral("/api/generate"), QStringLiteral("post")},
        {QStringLiteral("/api/status/{taskId}"), QStringLiteral("get")},
        {QStringLiteral("/api/musicgpt/webhook"), QStringLiteral("post")},
        {QStringLiteral("/api/stripe/checkout"), QStringLiteral("post")},
        {QStringLiteral("/api/stripe/webhook"), QStringLiteral("post")},
        {QStringLiteral("/api/admin/me"), QStringLiteral("get")},
        {QStringLiteral("/api/admin/forms/{formId}/retry"), QStringLiteral("post")},
        {QStringLiteral("/api/admin/forms/{formId}/deliver"), QStringLiteral("post")},
        {QStringLiteral("/api/admin/forms/{formId}/redeliver"), QStringLiteral("post")},
        {QStringLiteral("/api/admin/forms/{formId}/refund"), QStringLiteral("post")},
        {QStringLiteral("/api/admin/forms/{formId}/audit"), QStringLiteral("get")},
        {QStringLiteral("/api/admin/forms/{formId}/orders/{orderId}/refund"),
         QStringLiteral("post")},
        {QStringLiteral("/api/admin/findings"), QStringLiteral("get")},
        {QStringLiteral("/api/admin/findings/{id}/apply"), QStringLiteral("post")},
        {QStringLiteral("/api/admin/findings/{id}/dismiss"), QStringLiteral("post")},
        {QStringLiteral("/api/admin/reconcile"), QStringLiteral("post")},
        {QStringLiteral("/s/{slug}"), QStringLiteral("get")},
    };
    const QString text = QString::fromUtf8(m_text);
    for (const auto &[path, method] : routes) {
        const qsizetype at = text.indexOf(QStringLiteral("\n  ") + path + QStringLiteral(":\n"));
        QVERIFY2(at >= 0, qPrintable(path));
        const qsizetype next = text.indexOf(QRegularExpression(QStringLiteral("\n  /")), at + 3);
        const QString block = text.mid(at, next < 0 ? -1 : next - at);
        QVERIFY2(block.contains(QStringLiteral("\n    ") + method + QStringLiteral(":")),
                 qPrintable(path + QLatin1Char(' ') + method));
    }
}

void tst_OpenApi::errorFormatDocumented()
{
    QVERIFY(m_text.contains("required: [code, message, details]"));
    QVERIFY(m_text.contains("scheme: bearer"));
    QVERIFY(m_text.contains("Idempotency-Key"));
}

void tst_OpenApi::documentsMoneyPathStatuses_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QStringList>("statuses");
    // What each route of the customer's money path can answer (issue 9): every route can meet a
    // body over the limit (413), a database error (500) or a lost connection (503).
    const QStringList patch {QStringLiteral("200"), QStringLiteral("400"), QStringLiteral("403"),
                             QStringLiteral("404"), QStringLiteral("409"), QStringLiteral("413"),
                             QStringLiteral("500"), QStringLiteral("503")};
    QTest::addRow("patch body") << QStringLiteral("/api/compose/forms") << QStringLiteral("patch")
                                << patch;
    QTest::addRow("patch path") << QStringLiteral("/api/compose/forms/{formId}")
                                << QStringLiteral("patch") << patch;
    QTest::addRow("generate") << QStringLiteral("/api/generate") << QStringLiteral("post")
                              << QStringList {QStringLiteral("200"), QStringLiteral("400"),
                                              QStringLiteral("404"), QStringLiteral("409"),
                                              QStringLiteral("413"), QStringLiteral("429"),
                                              QStringLiteral("500"), QStringLiteral("502"),
                                              QStringLiteral("503")};
    QTest::addRow("status") << QStringLiteral("/api/status/{taskId}") << QStringLiteral("get")
                            << QStringList {QStringLiteral("200"), QStringLiteral("400"),
                                            QStringLiteral("404"), QStringLiteral("500"),
                                            QStringLiteral("502"), QStringLiteral("503")};
    QTest::addRow("musicgpt webhook")
        << QStringLiteral("/api/musicgpt/webhook") << QStringLiteral("post")
        << QStringList {QStringLiteral("200"), QStringLiteral("400"), QStringLiteral("401"),
                        QStringLiteral("404"), QStringLiteral("413"), QStringLiteral("500"),
                        QStringLiteral("503")};
    QTest::addRow("checkout") << QStringLiteral("/api/stripe/checkout") << QStringLiteral("post")
                              << QStringList {QStringLiteral("200"), QStringLiteral("400"),
                                              QStringLiteral("404"), QStringLiteral("409"),
                                              QStringLiteral("413"), QStringLiteral("500"),
                                              QStringLiteral("502"), QStringLiteral("503")};
    QTest::addRow("stripe webhook")
        << QStringLiteral("/api/stripe/webhook") << QStringLiteral("post")
        << QStringList {QStringLiteral("200"), QStringLiteral("400"), QStringLiteral("413"),
                        QStringLiteral("500"), QStringLiteral("503")};
}

void tst_OpenApi::documentsMoneyPathStatuses()
{
    QFETCH(QString, path);
    QFETCH(QString, method);
    QFETCH(QStringList, statuses);
    const QString text = QString::fromUtf8(m_text);
    const qsizetype at = text.indexOf(QStringLiteral("\n  ") + path + QStringLiteral(":\n"));
    QVERIFY2(at >= 0, qPrintable(path));
    const qsizetype next = text.indexOf(QRegularExpression(QStringLiteral("\n  /")), at + 3);
    const QString pathBlock = text.mid(at, next < 0 ? -1 : next - at);
    const qsizetype op = pathBlock.indexOf(QStringLiteral("\n    ") + method + QStringLiteral(":"));
    QVERIFY2(op >= 0, qPrintable(method));
    const qsizetype opEnd
        = pathBlock.indexOf(QRegularExpression(QStringLiteral("\n    [a-z]+:")), op + 5);
    const QString block = pathBlock.mid(op, opEnd < 0 ? -1 : opEnd - op);
    for (const QString &status : statuses)
        QVERIFY2(block.contains(QStringLiteral("\n        '") + status + QStringLiteral("':")),
                 qPrintable(path + QLatin1Char(' ') + method + QStringLiteral(" lacks ") + status));
}

QJsonObject tst_OpenApi::bundled()
{
    QProcess p;
    p.start(m_validator,
            {QStringLiteral("bundle"), QStringLiteral("--dereference"), QStringLiteral("--type"),
             QStringLiteral("json"), m_spec});
    if (!p.waitForFinished(60000) || p.exitCode() != 0) {
        qWarning().noquote() << p.readAllStandardError();
        return {};
    }
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

namespace {

const QStringList kMethods {QStringLiteral("get"), QStringLiteral("post"), QStringLiteral("patch"),
                            QStringLiteral("put"), QStringLiteral("delete")};

// properties / required / additionalProperties of a request schema, through allOf (merged) and
// oneOf (the first alternative: the example is written for it).
QJsonObject flatten(const QJsonObject &schema)
{
    if (schema.contains(QStringLiteral("oneOf")))
        return flatten(schema.value(QStringLiteral("oneOf")).toArray().first().toObject());
    QJsonObject out = schema;
    if (schema.contains(QStringLiteral("allOf"))) {
        QJsonObject props;
        for (const QJsonValue &part : schema.value(QStringLiteral("allOf")).toArray()) {
            const QJsonObject f = flatten(part.toObject());
            const QJsonObject p = f.value(QStringLiteral("properties")).toObject();
            for (auto it = p.begin(); it != p.end(); ++it)
                props.insert(it.key(), it.value());
            if (f.contains(QStringLiteral("additionalProperties")))
                out.insert(QStringLiteral("additionalProperties"),
                           f.value(QStringLiteral("additionalProperties")));
        }
        out.insert(QStringLiteral("properties"), props);
    }
    return out;
}

// Values that break a property's declared type, each with a name for the failure message.
QList<QPair<QString, QJsonValue>> badValues(const QJsonObject &prop)
{
    QList<QPair<QString, QJsonValue>> out;
    if (!prop.value(QStringLiteral("nullable")).toBool())
        out.append({QStringLiteral("null"), QJsonValue(QJsonValue::Null)});
    const QString type = prop.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("integer")) {
        out.append({QStringLiteral("string"), QStringLiteral("1")});
        out.append({QStringLiteral("fraction"), 1.5});
        out.append({QStringLiteral("huge"), 1e300});
        if (prop.contains(QStringLiteral("minimum")))
            out.append({QStringLiteral("below minimum"),
                        prop.value(QStringLiteral("minimum")).toDouble() - 1});
    } else if (type == QLatin1String("number")) {
        out.append({QStringLiteral("string"), QStringLiteral("1")});
    } else if (type == QLatin1String("boolean")) {
        out.append({QStringLiteral("string"), QStringLiteral("true")});
        out.append({QStringLiteral("number"), 1});
    } else if (type == QLatin1String("string")) {
        out.append({QStringLiteral("number"), 5});
        out.append({QStringLiteral("object"), QJsonObject {{QStringLiteral("a"), 1}}});
    } else if (type == QLatin1String("object")) {
        out.append({QStringLiteral("string"), QStringLiteral("x")});
        out.append({QStringLiteral("array"), QJsonArray {1}});
    } else if (type == QLatin1String("array")) {
        out.append({QStringLiteral("string"), QStringLiteral("x")});
        out.append({QStringLiteral("object"), QJsonObject()});
    }
    return out;
}

} // namespace

void tst_OpenApi::documentsEveryStatus()
{
    // What the server itself answers on any route: 500 (database or internal error) and 503
    // (database unreachable); with a body 400 and 413; with a staff token 401; a form in the
    // path 404; with Idempotency-Key 409 (in progress) and 422 (key reused).
    const QJsonObject spec = bundled();
    QVERIFY(!spec.isEmpty());
    QStringList missing;
    const QJsonObject paths = spec.value(QStringLiteral("paths")).toObject();
    for (auto p = paths.begin(); p != paths.end(); ++p) {
        const QJsonObject item = p.value().toObject();
        QJsonArray shared = item.value(QStringLiteral("parameters")).toArray();
        for (const QString &method : kMethods) {
            if (!item.contains(method))
                continue;
            const QJsonObject op = item.value(method).toObject();
            QJsonArray params = shared;
            for (const QJsonValue &v : op.value(QStringLiteral("parameters")).toArray())
                params.append(v);
            QStringList expected {QStringLiteral("500"), QStringLiteral("503")};
            if (op.contains(QStringLiteral("requestBody")))
                expected << QStringLiteral("400") << QStringLiteral("413");
            if (op.contains(QStringLiteral("security")))
                expected << QStringLiteral("401");
            if (p.key().contains(QLatin1String("{formId}"))
                || p.key().contains(QLatin1String("{taskId}")))
                expected << QStringLiteral("404");
            for (const QJsonValue &v : std::as_const(params)) {
                if (v.toObject().value(QStringLiteral("name")).toString()
                    == QLatin1String("Idempotency-Key"))
                    expected << QStringLiteral("409") << QStringLiteral("422");
            }
            const QJsonObject responses = op.value(QStringLiteral("responses")).toObject();
            for (const QString &status : std::as_const(expected)) {
                if (!responses.contains(status))
                    missing << QStringLiteral("%1 %2: %3").arg(method.toUpper(), p.key(), status);
            }
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("\n"))));
}

void tst_OpenApi::requestTypesEnforced()
{
    const QJsonObject spec = bundled();
    QVERIFY(!spec.isEmpty());
    compose::test::ApiHarness h(compose::SqlDialect::SQLite);
    QString error;
    QVERIFY2(h.start(compose::test::ApiHarness::simulatedConfig(100), &error), qPrintable(error));
    const auto staff = compose::test::ApiHarness::bearer(h.adminToken());

    QStringList wrong;
    int checked = 0;
    auto expect400 = [&](const QString &what, const QByteArray &method, const QString &path,
                         const QByteArray &body, const compose::test::ApiHarness::Headers &headers,
                         const QString &field) {
        const auto r = h.request(method, path, body, headers);
        ++checked;
        const QString named = r.json.value(QStringLiteral("error"))
                                  .toObject()
                                  .value(QStringLiteral("details"))
                                  .toObject()
                                  .value(QStringLiteral("field"))
                                  .toString();
        if (r.status != 400 || named != field)
            wrong << QStringLiteral("%1 %2 %3: HTTP %4, field \"%5\" (%6)")
                         .arg(QString::fromLatin1(method), path, what)
                         .arg(r.status)
                         .arg(named, QString::fromUtf8(body.left(200)));
    };

    const QJsonObject paths = spec.value(QStringLiteral("paths")).toObject();
    for (auto p = paths.begin(); p != paths.end(); ++p) {
        for (const QString &method : kMethods) {
            const QJsonObject op = p.value().toObject().value(method).toObject();
            const QJsonObject json = op.value(QStringLiteral("requestBody"))
                                         .toObject()
                                         .value(QStringLiteral("content"))
                                         .toObject()
                                         .value(QStringLiteral("application/json"))
                                         .toObject();
            // Webhooks are written by MusicGPT and Stripe, whose payloads grow new fields.
            const QString opId = op.value(QStringLiteral("operationId")).toString();
            if (json.isEmpty() || opId.endsWith(QLatin1String("Webhook")))
                continue;
            QJsonObject example = json.value(QStringLiteral("example")).toObject();
            if (example.isEmpty() && json.contains(QStringLiteral("examples")))
                example = json.value(QStringLiteral("examples"))
                              .toObject()
                              .begin()
                              .value()
                              .toObject()
                              .value(QStringLiteral("value"))
                              .toObject();
            const QJsonObject schema = flatten(json.value(QStringLiteral("schema")).toObject());
            QString path = p.key();
            path.replace(QStringLiteral("{formId}"), QStringLiteral("form_typecheck"));
            const QByteArray verb = method.toUpper().toLatin1();
            const auto headers = op.contains(QStringLiteral("security"))
                ? staff
                : compose::test::ApiHarness::Headers {};

            const QJsonObject props = schema.value(QStringLiteral("properties")).toObject();
            for (auto prop = props.begin(); prop != props.end(); ++prop) {
                for (const auto &[what, value] : badValues(prop.value().toObject())) {
                    QJsonObject body = example;
                    body.insert(prop.key(), value);
                    expect400(prop.key() + QLatin1Char(' ') + what, verb, path,
                              QJsonDocument(body).toJson(QJsonDocument::Compact), headers,
                              prop.key());
                }
            }
            if (schema.value(QStringLiteral("additionalProperties")).toBool(true) == false) {
                QJsonObject body = example;
                body.insert(QStringLiteral("zzUnknown"), 1);
                expect400(QStringLiteral("unknown field"), verb, path,
                          QJsonDocument(body).toJson(QJsonDocument::Compact), headers,
                          QStringLiteral("zzUnknown"));
            }
            if (!example.isEmpty()) {
                // The same key twice: QJsonDocument would silently keep the second.
                QByteArray text = QJsonDocument(example).toJson(QJsonDocument::Compact);
                const QString first = example.begin().key();
                text.chop(1);
                text += ",\"" + first.toUtf8() + "\":"
                    + QJsonDocument(QJsonArray {example.begin().value()})
                          .toJson(QJsonDocument::Compact)
                          .mid(1)
                          .chopped(1)
                    + '}';
                expect400(QStringLiteral("duplicate key"), verb, path, text, headers, first);
            }
        }
    }
    QVERIFY2(checked > 60, qPrintable(QString::number(checked)));
    QVERIFY2(wrong.isEmpty(), qPrintable(wrong.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(tst_OpenApi)
#include "tst_openapi.moc"
