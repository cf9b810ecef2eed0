#include "appsettings.h"

#include <QSettings>

namespace compose {

namespace {
const QString kLastConnection = QStringLiteral("connection/lastUrl");
const QString kApiUrl = QStringLiteral("api/url");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kPaidMinutes = QStringLiteral("attention/paidUndeliveredMinutes");
const QString kGeneratingMinutes = QStringLiteral("attention/generatingMinutes");
const QString kMp3Days = QStringLiteral("attention/mp3RetentionDays");
const QString kWavDays = QStringLiteral("attention/wavRetentionDays");
const QString kWarningHours = QStringLiteral("attention/previewWarningHours");
const QString kZoom = QStringLiteral("window/zoomPercent");
} // namespace

AppSettings::AppSettings()
    : m_settings(std::make_unique<QSettings>())
{
}

AppSettings::AppSettings(const QString &iniFile)
    : m_settings(std::make_unique<QSettings>(iniFile, QSettings::IniFormat))
{
}

AppSettings::~AppSettings() = default;

AttentionThresholds AppSettings::attentionThresholds() const
{
    const AttentionThresholds defaults;
    AttentionThresholds t;
    // A hand-edited file with a word, a negative number or ten years in it keeps the default.
    auto read = [this](const QString &key, int fallback, int max) {
        bool ok = false;
        const int v = m_settings->value(key).toInt(&ok);
        return ok && v >= 0 && v <= max ? v : fallback;
    };
    t.paidUndeliveredMinutes = read(kPaidMinutes, defaults.paidUndeliveredMinutes, 60 * 24 * 60);
    t.generatingMinutes = read(kGeneratingMinutes, defaults.generatingMinutes, 60 * 24 * 60);
    t.mp3RetentionDays = read(kMp3Days, defaults.mp3RetentionDays, 3650);
    t.wavRetentionDays = read(kWavDays, defaults.wavRetentionDays, 3650);
    t.previewWarningHours = read(kWarningHours, defaults.previewWarningHours, 24 * 365);
    return t;
}

void AppSettings::setAttentionThresholds(const AttentionThresholds &t)
{
    m_settings->setValue(kPaidMinutes, t.paidUndeliveredMinutes);
    m_settings->setValue(kGeneratingMinutes, t.generatingMinutes);
    m_settings->setValue(kMp3Days, t.mp3RetentionDays);
    m_settings->setValue(kWavDays, t.wavRetentionDays);
    m_settings->setValue(kWarningHours, t.previewWarningHours);
}

std::optional<ConnectionSettings> AppSettings::lastConnection() const
{
    const QString url = m_settings->value(kLastConnection).toString();
    if (url.isEmpty())
        return std::nullopt;
    auto parsed = ConnectionSettings::fromUrl(url);
    if (parsed)
        parsed->password.clear(); // an old or hand-edited file must not smuggle one in
    return parsed;
}

void AppSettings::setIfChanged(const QString &key, const QString &value)
{
    // QSettings rewrites its file for any setValue(), the same value too, and does it on the
    // thread that owns it (the UI thread) in the next turn of the event loop: a lock file and two
    // fdatasync() calls, which wait for the disk (issue 14: at every start with the database of
    // the day before, 1.6 ms here with an idle disk, right at the first paint).
    if (m_settings->contains(key) && m_settings->value(key).toString() == value)
        return;
    m_settings->setValue(key, value);
}

void AppSettings::setLastConnection(const ConnectionSettings &settings)
{
    setIfChanged(kLastConnection, withoutSecrets(settings.toUrl()).toString(QUrl::FullyEncoded));
}

void AppSettings::clearLastConnection()
{
    m_settings->remove(kLastConnection);
}

bool AppSettings::allowPrivateAudioHosts() const
{
    return m_settings->value(QStringLiteral("audio/allowPrivateHosts"), false).toBool();
}

QUrl AppSettings::apiUrl() const
{
    return withoutSecrets(QUrl(m_settings->value(kApiUrl).toString(), QUrl::StrictMode));
}

void AppSettings::setApiUrl(const QUrl &url)
{
    if (url.isEmpty())
        m_settings->remove(kApiUrl);
    else
        setIfChanged(kApiUrl, withoutSecrets(url).toString(QUrl::FullyEncoded));
}

QByteArray AppSettings::windowGeometry() const
{
    return m_settings->value(kGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray &geometry)
{
    m_settings->setValue(kGeometry, geometry);
}

int AppSettings::zoomPercent() const
{
    bool ok = false;
    const int p = m_settings->value(kZoom, 100).toInt(&ok);
    return ok && p > 0 ? p : 100;
}

void AppSettings::setZoomPercent(int percent)
{
    m_settings->setValue(kZoom, percent);
}

QByteArray AppSettings::windowState() const
{
    return m_settings->value(kState).toByteArray();
}

void AppSettings::setWindowState(const QByteArray &state)
{
    m_settings->setValue(kState, state);
}

QString AppSettings::fileName() const
{
    return m_settings->fileName();
}

void AppSettings::sync()
{
    m_settings->sync();
}

QUrl AppSettings::withoutSecrets(const QUrl &url)
{
    QUrl out = url;
    out.setPassword(QString());
    const QString scheme = out.scheme().toLower();
    // An HTTP user name is a credential in its own right; a database user name is not.
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        out.setUserInfo(QString());
    return out;
}

} // namespace compose
