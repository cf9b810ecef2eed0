#include "audiourl.h"

#include <QUrlQuery>

#include <array>
#include <atomic>

namespace compose {

AudioUrl::Result AudioUrl::validate(const QString &raw)
{
    const QString text = raw.trimmed();
    if (text.isEmpty())
        return {false, {}, tr("There is no audio link for this variation.")};
    // Whitespace or control characters inside a link are never legitimate and are a classic way
    // of smuggling a scheme past naive checks ("java\tscript:").
    for (const QChar c : text) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return {false, {}, tr("The audio link contains spaces or control characters.")};
    }
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative())
        return {false, {}, tr("The audio link is not a valid web address.")};
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https")) {
        return {false,
                {},
                tr("Only http and https audio links are played; this link uses \"%1:\".")
                    .arg(scheme.left(20))};
    }
    if (url.host().isEmpty())
        return {false, {}, tr("The audio link has no server name.")};
    return {true, url, {}};
}

namespace {

// QUrl has already normalised the host: IPv4 in any spelling (0x7f.1, 2130706433) is dotted
// decimal, IPv6 is lower case. QtCore has no address type (QHostAddress is QtNetwork), so the
// two forms are read here.
std::optional<quint32> parseIPv4(const QString &host)
{
    const QStringList parts = host.split(QLatin1Char('.'));
    if (parts.size() != 4)
        return std::nullopt;
    quint32 v = 0;
    for (const QString &p : parts) {
        bool ok = false;
        const uint octet = p.toUInt(&ok, 10);
        if (!ok || p.isEmpty() || octet > 255)
            return std::nullopt;
        v = (v << 8) | octet;
    }
    return v;
}

std::optional<std::array<quint16, 8>> parseIPv6(const QString &host)
{
    if (!host.contains(QLatin1Char(':')))
        return std::nullopt;
    QString text = host;
    std::array<quint16, 8> out {};
    // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups.
    QStringList tailGroups;
    const qsizetype lastColon = text.lastIndexOf(QLatin1Char(':'));
    if (const auto v4 = parseIPv4(text.mid(lastColon + 1))) {
        tailGroups << QString::number(*v4 >> 16, 16) << QString::number(*v4 & 0xffff, 16);
        text = text.left(lastColon + 1) + tailGroups.join(QLatin1Char(':'));
    }
    const qsizetype gap = text.indexOf(QLatin1String("::"));
    const auto groups = [](const QString &part) {
        return part.isEmpty() ? QStringList() : part.split(QLatin1Char(':'));
    };
    QStringList head = gap < 0 ? text.split(QLatin1Char(':')) : groups(text.left(gap));
    const QStringList tail = gap < 0 ? QStringList() : groups(text.mid(gap + 2));
    if ((gap < 0 && head.size() != 8) || head.size() + tail.size() > 8)
        return std::nullopt;
    int i = 0;
    for (const QString &g : std::as_const(head)) {
        bool ok = false;
        out[i++] = quint16(g.toUInt(&ok, 16));
        if (!ok || g.size() > 4)
            return std::nullopt;
    }
    i = 8 - int(tail.size());
    for (const QString &g : tail) {
        bool ok = false;
        out[i++] = quint16(g.toUInt(&ok, 16));
        if (!ok || g.size() > 4)
            return std::nullopt;
    }
    return out;
}

AudioUrl::HostKind ipv4Kind(quint32 v4)
{
    const auto in = [v4](quint32 net, int bits) {
        return (v4 >> (32 - bits)) == (net >> (32 - bits));
    };
    using K = AudioUrl::HostKind;
    if (in(0x7f000000, 8))
        return K::Loopback;
    if (in(0xa9fe0000, 16))
        return K::LinkLocal; // 169.254/16: where clouds answer with credentials (metadata)
    if (in(0x0a000000, 8) || in(0xac100000, 12) || in(0xc0a80000, 16))
        return K::Private;
    // 0/8 (reaches the local host), 100.64/10 (carrier NAT), 192.0.0/24, 198.18/15
    // (benchmarks), multicast, 240/4 and broadcast: nothing a CDN serves audio from.
    if (in(0x00000000, 8) || in(0x64400000, 10) || in(0xc0000000, 24) || in(0xc6120000, 15)
        || in(0xe0000000, 4) || in(0xf0000000, 4))
        return K::Reserved;
    return K::Public;
}

} // namespace

AudioUrl::HostKind AudioUrl::hostKind(const QString &rawHost)
{
    QString host = rawHost.toLower();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    while (host.endsWith(QLatin1Char('.')))
        host.chop(1); // "localhost." is localhost
    if (const auto v4 = parseIPv4(host))
        return ipv4Kind(*v4);
    if (const auto v6 = parseIPv6(host)) {
        const auto &g = *v6;
        const bool zeroHead = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0;
        if (zeroHead && g[5] == 0xffff) // IPv4-mapped
            return ipv4Kind((quint32(g[6]) << 16) | g[7]);
        if (zeroHead && g[5] == 0 && g[6] == 0 && g[7] == 1)
            return HostKind::Loopback; // ::1
        if (zeroHead && g[5] == 0 && g[6] == 0 && g[7] == 0)
            return HostKind::Reserved; // ::
        if ((g[0] & 0xffc0) == 0xfe80)
            return HostKind::LinkLocal;
        if ((g[0] & 0xfe00) == 0xfc00 || (g[0] & 0xffc0) == 0xfec0)
            return HostKind::Private; // unique local, old site-local
        if ((g[0] & 0xff00) == 0xff00)
            return HostKind::Reserved; // multicast
        if (g[0] == 0x64 && g[1] == 0xff9b) // NAT64 of an IPv4 address
            return ipv4Kind((quint32(g[6]) << 16) | g[7]);
        return HostKind::Public;
    }
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return HostKind::Loopback;
    if (!host.contains(QLatin1Char('.')) || host.endsWith(QLatin1String(".local"))
        || host.endsWith(QLatin1String(".internal")) || host.endsWith(QLatin1String(".home.arpa")))
        return HostKind::Private;
    return HostKind::Public;
}

AudioUrl::Result AudioUrl::validate(const QString &raw, const HostPolicy &policy, int maxLength)
{
    if (raw.size() > maxLength)
        return {false, {}, tr("The audio link is longer than %1 characters.").arg(maxLength)};
    Result r = validate(raw);
    if (!r.ok)
        return r;
    switch (hostKind(r.url.host())) {
    case HostKind::Public:
        return r;
    case HostKind::Loopback:
        if (policy.allowLoopback)
            return r;
        return {false,
                {},
                tr("The audio link points at this computer (%1); it is not played.")
                    .arg(r.url.host().left(64))};
    case HostKind::Private:
    case HostKind::LinkLocal:
        if (policy.allowPrivate)
            return r;
        return {false,
                {},
                tr("The audio link points into a private or link-local network (%1); it is not "
                   "played unless the setting audio/allowPrivateHosts allows it.")
                    .arg(r.url.host().left(64))};
    case HostKind::Reserved:
        break;
    }
    return {false,
            {},
            tr("The audio link points at a reserved address (%1); it is not played.")
                .arg(r.url.host().left(64))};
}

namespace {
// Set once at start, read from the player's and the waveform's threads.
std::atomic<bool> g_previewLoopback {true};
std::atomic<bool> g_previewPrivate {true};
} // namespace

void AudioUrl::setPreviewPolicy(const HostPolicy &policy)
{
    g_previewLoopback = policy.allowLoopback;
    g_previewPrivate = policy.allowPrivate;
}

AudioUrl::HostPolicy AudioUrl::previewPolicy()
{
    return {g_previewLoopback.load(), g_previewPrivate.load()};
}

AudioUrl::Result AudioUrl::previewsAllowed(const QString &raw)
{
    return validate(raw, previewPolicy());
}

int AudioUrl::retentionDays(const QUrl &url)
{
    return url.path().endsWith(QLatin1String(".wav"), Qt::CaseInsensitive) ? 7 : 90;
}

QStringList AudioUrl::defaultExpiringHosts()
{
    return {QStringLiteral("amazonaws.com"), QStringLiteral("musicgpt.com"),
            QStringLiteral("lalals.com")};
}

bool AudioUrl::isExpiringHost(const QUrl &url, const QStringList &hosts)
{
    const QString host = url.host().toLower();
    for (const QString &h : hosts) {
        const QString suffix = h.toLower();
        if (host == suffix || host.endsWith(QLatin1Char('.') + suffix))
            return true;
    }
    return false;
}

std::optional<QDateTime> AudioUrl::signedUntil(const QUrl &url)
{
    const QUrlQuery query(url);
    if (query.hasQueryItem(QStringLiteral("X-Amz-Date"))
        && query.hasQueryItem(QStringLiteral("X-Amz-Expires"))) {
        QDateTime signedAt
            = QDateTime::fromString(query.queryItemValue(QStringLiteral("X-Amz-Date")),
                                    QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
        signedAt.setTimeSpec(Qt::UTC);
        bool ok = false;
        const qint64 seconds
            = query.queryItemValue(QStringLiteral("X-Amz-Expires")).toLongLong(&ok);
        if (signedAt.isValid() && ok && seconds >= 0)
            return signedAt.addSecs(seconds);
    }
    if (query.hasQueryItem(QStringLiteral("Expires"))) {
        bool ok = false;
        const qint64 epoch = query.queryItemValue(QStringLiteral("Expires")).toLongLong(&ok);
        if (ok && epoch > 0)
            return QDateTime::fromSecsSinceEpoch(epoch, Qt::UTC);
    }
    return std::nullopt;
}

bool AudioUrl::looksExpired(const QUrl &url, const QDateTime &createdAt, const QDateTime &now)
{
    if (createdAt.isValid() && createdAt.addDays(retentionDays(url)) < now)
        return true;
    const auto until = signedUntil(url);
    return until && *until < now;
}

} // namespace compose
