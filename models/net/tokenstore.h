#pragma once

#include <QObject>

namespace compose {

// Where the staff token lives: COMPOSE_API_TOKEN if set, else the OS keychain (QtKeychain:
// Secret Service, KWallet, macOS Keychain, Windows Credential Store). Never QSettings, never a
// log. Keychain access is asynchronous; without a keychain (a bare CI box) it says so and the
// token lives in memory for the session.
class TokenStore : public QObject {
    Q_OBJECT
public:
    explicit TokenStore(QObject *parent = nullptr);

    static QString fromEnvironment();
    void load(const QString &apiUrl); // -> loaded / failed
    void save(const QString &apiUrl, const QString &token); // -> saved / failed
    void forget(const QString &apiUrl);

signals:
    void loaded(const QString &token); // empty when none is stored
    void saved();
    void failed(const QString &message);

private:
    static QString keyFor(const QString &apiUrl);
};

} // namespace compose
