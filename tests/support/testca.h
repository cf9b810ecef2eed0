#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace compose::test {

// A certificate authority made for one test with the openssl command line (scripts/
// install-deps.sh installs it): ca.pem, and a server certificate signed by it for the given
// names (DNS:localhost, IP:127.0.0.1, …) with its unencrypted key. Nothing here is trusted by
// the system; a client trusts it only when told to.
class TestCa {
public:
    // sans: subjectAltName entries, e.g. {"DNS:localhost", "IP:127.0.0.1"}.
    explicit TestCa(const QStringList &sans);
    TestCa(const TestCa &) = delete;
    TestCa &operator=(const TestCa &) = delete;

    bool isValid() const { return m_error.isEmpty(); }
    QString error() const { return m_error; } // the openssl step that failed and its output

    QString dir() const { return m_dir.path(); }
    QString caFile() const { return m_dir.filePath(QStringLiteral("ca.pem")); }
    QString certFile() const { return m_dir.filePath(QStringLiteral("server.pem")); }
    QString keyFile() const { return m_dir.filePath(QStringLiteral("server.key")); }

private:
    bool run(const QStringList &args);
    QTemporaryDir m_dir;
    QString m_error;
};

} // namespace compose::test
