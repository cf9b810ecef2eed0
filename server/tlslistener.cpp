#include "tlslistener.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>

namespace compose::TlsListener {

namespace {

QByteArray readPem(const QString &path, const QString &what, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error
            = QStringLiteral("cannot read the TLS %1 file %2: %3").arg(what, path, f.errorString());
        return {};
    }
    // A certificate with its chain is a few KiB; anything near this is not a PEM file.
    const QByteArray data = f.read(1024 * 1024);
    if (data.isEmpty())
        *error = QStringLiteral("the TLS %1 file %2 is empty").arg(what, path);
    return data;
}

} // namespace

std::optional<QSslConfiguration> loadServerConfiguration(const QString &certFile,
                                                         const QString &keyFile, QString *error)
{
    const QByteArray certPem = readPem(certFile, QStringLiteral("certificate"), error);
    if (certPem.isEmpty())
        return std::nullopt;
    const QByteArray keyPem = readPem(keyFile, QStringLiteral("key"), error);
    if (keyPem.isEmpty())
        return std::nullopt;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certPem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = QStringLiteral("%1 holds no PEM certificate").arg(certFile);
        return std::nullopt;
    }
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        *error = QStringLiteral("%1 holds no unencrypted PEM private key (RSA or EC)").arg(keyFile);
        return std::nullopt;
    }
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setLocalCertificateChain(chain);
    conf.setPrivateKey(key);
    conf.setProtocol(QSsl::TlsV1_2OrLater);
    // The API does not ask clients for certificates: staff authenticate with their token.
    conf.setPeerVerifyMode(QSslSocket::VerifyNone);
    return conf;
}

QTcpServer *listen(QObject *parent, const QHostAddress &address, quint16 port,
                   const std::optional<QSslConfiguration> &tls)
{
    QTcpServer *server = nullptr;
    if (tls) {
        auto *ssl = new QSslServer(parent);
        ssl->setSslConfiguration(*tls);
        // A client that connects and never completes the handshake is dropped after this long,
        // before any HTTP-level idle timeout could see it.
        ssl->setHandshakeTimeout(HandshakeTimeoutMs);
        server = ssl;
    } else {
        server = new QTcpServer(parent);
    }
    if (!server->listen(address, port)) {
        delete server;
        return nullptr;
    }
    return server;
}

} // namespace compose::TlsListener
