#include "testca.h"

#include <QFile>
#include <QProcess>

namespace compose::test {

TestCa::TestCa(const QStringList &sans)
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary folder for the CA");
        return;
    }
    QFile ext(m_dir.filePath(QStringLiteral("server.ext")));
    if (!ext.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("cannot write %1").arg(ext.fileName());
        return;
    }
    ext.write("basicConstraints=critical,CA:FALSE\n"
              "keyUsage=critical,digitalSignature,keyEncipherment\n"
              "extendedKeyUsage=serverAuth\n"
              "subjectAltName="
              + sans.join(QLatin1Char(',')).toUtf8() + '\n');
    ext.close();
    const QString d = m_dir.path() + QLatin1Char('/');
    // RSA rather than EC: every TLS stack here (Qt's OpenSSL backend, libpq) reads its PEM.
    run({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
         QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
         d + QStringLiteral("ca.key"), QStringLiteral("-out"), d + QStringLiteral("ca.pem"),
         QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
         QStringLiteral("/CN=Compose Desk test CA"), QStringLiteral("-addext"),
         QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
         QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")})
        && run({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                d + QStringLiteral("server.key"), QStringLiteral("-out"),
                d + QStringLiteral("server.csr"), QStringLiteral("-subj"),
                QStringLiteral("/CN=compose test server")})
        && run({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                d + QStringLiteral("server.csr"), QStringLiteral("-CA"),
                d + QStringLiteral("ca.pem"), QStringLiteral("-CAkey"),
                d + QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
                QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
                d + QStringLiteral("server.ext"), QStringLiteral("-out"),
                d + QStringLiteral("server.pem")});
    // PostgreSQL refuses a key file that others may read.
    QFile::setPermissions(keyFile(), QFile::ReadOwner | QFile::WriteOwner);
}

bool TestCa::run(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = QStringLiteral("openssl %1 failed: %2 %3")
                      .arg(args.first(), p.errorString(), QString::fromLocal8Bit(p.readAll()));
        return false;
    }
    return true;
}

} // namespace compose::test
