#pragma once

#include <QSqlDatabase>
#include <QUrl>

namespace compose {

// The demo database's preview links name the demo's own compose-api on loopback
// (http://127.0.0.1:<port>/sim/musicgpt/audio/…). The API prefers port 47811 but takes any free
// port when that one is busy (a second demo, a test running in parallel), so at every start the
// links are pointed at the port the API really listens on. Only links that are fetched (preview
// audio) follow; records of what was sent (compose_deliveries.share_url) stay as they were.
// SQLite only: the demo database is always an SQLite file of ours, never a shop's database.
class DemoUrls final {
public:
    // Rewrites every http://127.0.0.1:<other port>/ origin in variation_audio_urls and the
    // audio_url columns of music_generations to base's origin, in one transaction. Returns how
    // many values changed (0 when they already point at base). Throws DbError.
    static int rebase(const QSqlDatabase &db, const QUrl &base);
    // The text form of a rewrite, for one value (JSON or a single link).
    static QString rebased(const QString &text, const QUrl &base);
};

} // namespace compose
