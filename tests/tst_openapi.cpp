// docs/api.yaml is checked by a standard OpenAPI validator (swagger-cli, installed by
// scripts/test.sh into <build>/openapi), and it documents every route compose-api serves.
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

class tst_OpenApi : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void validates();
    void documentsEveryRoute();
    void errorFormatDocumented();

private:
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

    // <build>/openapi is the cache scripts/test.sh fills once; a lone run of this test fills it too.
    const QDir build(QCoreApplication::applicationDirPath() + QStringLiteral("/.."));
    const QString prefix = build.absoluteFilePath(QStringLiteral("openapi"));
    m_validator = prefix + QStringLiteral("/node_modules/.bin/swagger-cli");
    if (!QFile::exists(m_validator)) {
        QProcess npm;
        npm.start(QStringLiteral("npm"), {QStringLiteral("install"), QStringLiteral("--prefix"), prefix, QStringLiteral("--no-audit"),
                                          QStringLiteral("--no-fund"), QStringLiteral("--loglevel=error"),
                                          QStringLiteral("@apidevtools/swagger-cli@4.0.4")});
        const bool ran = npm.waitForFinished(240000);
        if (!ran || npm.exitCode() != 0 || !QFile::exists(m_validator)) {
            const QString why = QStringLiteral("cannot install swagger-cli with npm: %1").arg(QString::fromLocal8Bit(npm.readAllStandardError()));
            if (qEnvironmentVariableIsSet("CI"))
                QFAIL(qPrintable(why));
            QSKIP(qPrintable(why));
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
    const QList<QPair<QString, QString>> routes{
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
            {QStringLiteral("/s/{slug}"), QStringLiteral("get")},
    };
    const QString text = QString::fromUtf8(m_text);
    for (const auto &[path, method] : routes) {
        const qsizetype at = text.indexOf(QStringLiteral("\n  ") + path + QStringLiteral(":\n"));
        QVERIFY2(at >= 0, qPrintable(path));
        const qsizetype next = text.indexOf(QRegularExpression(QStringLiteral("\n  /")), at + 3);
        const QString block = text.mid(at, next < 0 ? -1 : next - at);
        QVERIFY2(block.contains(QStringLiteral("\n    ") + method + QStringLiteral(":")), qPrintable(path + QLatin1Char(' ') + method));
    }
}

void tst_OpenApi::errorFormatDocumented()
{
    QVERIFY(m_text.contains("required: [code, message, details]"));
    QVERIFY(m_text.contains("scheme: bearer"));
    QVERIFY(m_text.contains("Idempotency-Key"));
}

QTEST_GUILESS_MAIN(tst_OpenApi)
#include "tst_openapi.moc"
