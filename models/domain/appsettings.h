#pragma once

#include "attention.h"
#include "connectionsettings.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <memory>
#include <optional>

class QSettings;

namespace compose {

// The dashboard's remembered preferences. Nothing secret is ever written: a connection is
// stored as ConnectionSettings::toUrl() (no password) and the API URL loses its user info.
// Passwords come from the connection dialog, libpq's PGPASSWORD or ~/.pgpass; tokens from
// the keychain or the environment.
class AppSettings {
public:
    AppSettings(); // the application's QSettings(), shared with the main window's keys
    explicit AppSettings(const QString &iniFile);
    ~AppSettings();
    AppSettings(const AppSettings &) = delete;
    AppSettings &operator=(const AppSettings &) = delete;

    std::optional<ConnectionSettings> lastConnection() const;
    void setLastConnection(const ConnectionSettings &settings);
    void clearLastConnection();

    QUrl apiUrl() const;
    void setApiUrl(const QUrl &url);

    // "audio/allowPrivateHosts": previews from loopback, private and link-local addresses play
    // (a shop that keeps its audio on an internal server). Off by default: a customer's link must
    // not make an agent's machine fetch from the shop's own network.
    bool allowPrivateAudioHosts() const;

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    // The "Needs attention" thresholds ([attention] in the file); out-of-range values fall back
    // to the defaults.
    AttentionThresholds attentionThresholds() const;
    void setAttentionThresholds(const AttentionThresholds &t);
    // The window's text size in percent (Ctrl+= / Ctrl+-); 100 when never set.
    int zoomPercent() const;
    void setZoomPercent(int percent);

    QString fileName() const;
    void sync();

    // A URL with its password (and, for http, its whole user info) removed.
    static QUrl withoutSecrets(const QUrl &url);

private:
    void setIfChanged(const QString &key, const QString &value);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace compose
