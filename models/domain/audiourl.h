#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace compose {

// The gate every preview link passes before anything opens or requests it. Audio URLs come from
// customer-facing JSON (variation_audio_urls) and from the generator's webhooks, so they are
// untrusted text: only absolute http(s) links with a host are ever handed to GStreamer or the
// network; javascript:, file:, data:, ftp:, relative or malformed text is refused with a reason.
class AudioUrl {
    Q_DECLARE_TR_FUNCTIONS(AudioUrl)
public:
    struct Result {
        bool ok = false;
        QUrl url; // set only when ok
        QString reason; // a sentence for the agent when !ok
    };

    static Result validate(const QString &raw);

    // Where a link's host points, judged from the link alone (names are not resolved: what a
    // name resolves to can change between this check and the fetch). A name counts as Public
    // unless it is "localhost", ends in .localhost/.local/.internal/.home.arpa, or has no dot.
    enum class HostKind { Public, Loopback, Private, LinkLocal, Reserved };
    static HostKind hostKind(const QString &host);
    // Which non-public hosts a caller accepts. compose-api: none (loopback with --simulate);
    // the dashboard: loopback in demo mode, private ones when its setting allows.
    struct HostPolicy {
        bool allowLoopback = false;
        bool allowPrivate = false; // private ranges, .local names and link-local
    };
    // The link must be a valid http(s) link (validate) and its host allowed by policy; the
    // reason names what was refused. maxLength: longer text is refused before parsing.
    static Result validate(const QString &raw, const HostPolicy &policy, int maxLength = 2048);

    // The dashboard's policy for previews, set once at start from the demo flag and the
    // "audio/allowPrivateHosts" setting; validate(raw) alone checks only the form of the link,
    // previewsAllowed() the host as well.
    static void setPreviewPolicy(const HostPolicy &policy);
    static HostPolicy previewPolicy();
    static Result previewsAllowed(const QString &raw);

    // MusicGPT keeps MP3 files 90 days and WAV files 7 days; the extension says which.
    static int retentionDays(const QUrl &url);
    // Hosts whose files disappear after the retention period (suffix match: "amazonaws.com"
    // covers "lalals.s3.amazonaws.com").
    static QStringList defaultExpiringHosts();
    static bool isExpiringHost(const QUrl &url, const QStringList &hosts);
    // The end of validity of an S3 pre-signed link (X-Amz-Date + X-Amz-Expires, or the older
    // Expires=<unix seconds>), if the link carries one.
    static std::optional<QDateTime> signedUntil(const QUrl &url);
    // True when we can tell from the link itself or the file's age that it is past its life.
    static bool looksExpired(const QUrl &url, const QDateTime &createdAt,
                             const QDateTime &now = QDateTime::currentDateTimeUtc());
};

} // namespace compose
