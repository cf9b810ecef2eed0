#pragma once

#include <QHostAddress>
#include <QSslConfiguration>
#include <QString>

#include <optional>

class QObject;
class QTcpServer;

namespace compose {

// compose-api's listening socket, plain or TLS. Kept apart from HttpServer and ApiServer so the
// process model (how and how often the server listens) can change without touching TLS: whoever
// listens asks makeListener() for the QTcpServer and binds it to the QAbstractHttpServer.
namespace TlsListener {

// The server side of TLS from PEM files: the certificate (its chain may follow it in the same
// file) and an unencrypted private key (RSA or EC). nullopt with a sentence in *error when a file
// is missing, unreadable or not PEM. (A key that does not belong to the certificate is not seen
// here: OpenSSL then fails every handshake, which the client reports as a TLS error.)
std::optional<QSslConfiguration> loadServerConfiguration(const QString &certFile,
                                                         const QString &keyFile, QString *error);

constexpr int HandshakeTimeoutMs = 5000;

// A QSslServer when tls is given (every connection completes a TLS handshake before any HTTP is
// read; a plain-HTTP client gets nothing), otherwise a QTcpServer; already listening on
// address:port, or nullptr when it cannot listen. Owned by parent.
QTcpServer *listen(QObject *parent, const QHostAddress &address, quint16 port,
                   const std::optional<QSslConfiguration> &tls);

} // namespace TlsListener

} // namespace compose
