#pragma once

#include "connectionsettings.h"
#include "demodata.h"

#include <QUrl>

namespace compose {

// The embedded demo: an SQLite file in the per-user data folder, created, migrated and filled
// with generated data on first use, then reused as it is (agents' changes survive restarts).
class DemoDatabase {
public:
    // The port the demo's compose-api asks for first; the generated preview links name it.
    static constexpr quint16 ApiPort = 47811;

    static QString defaultPath(); // <AppDataLocation>/demo.db:
                                  // ~/.local/share/ComposeDesk/compose-dashboard/demo.db

    struct Prepared {
        ConnectionSettings settings;
        QStringList migrationsApplied;
        bool populated = false;
        DemoResult data;
    };
    // Runs in the calling thread with its own connection (call it off the UI thread). Throws
    // DbError.
    static Prepared prepare(const QString &path = defaultPath(), const DemoOptions &options = {});
    // Points the preview links at the demo API where it really listens (DemoUrls::rebase), with
    // its own connection in the calling thread (call it off the UI thread). Throws DbError.
    static int followApi(const ConnectionSettings &settings, const QUrl &apiBase);
};

} // namespace compose
