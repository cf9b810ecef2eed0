#pragma once

#include "connectionsettings.h"
#include "demodata.h"

namespace compose {

// The embedded demo: an SQLite file in the per-user data folder, created, migrated and filled
// with generated data on first use, then reused as it is (agents' changes survive restarts).
class DemoDatabase
{
public:
    static QString defaultPath(); // <AppDataLocation>/demo.db: ~/.local/share/ComposeDesk/compose-dashboard/demo.db

    struct Prepared
    {
        ConnectionSettings settings;
        QStringList migrationsApplied;
        bool populated = false;
        DemoResult data;
    };
    // Runs in the calling thread with its own connection (call it off the UI thread). Throws DbError.
    static Prepared prepare(const QString &path = defaultPath(), const DemoOptions &options = {});
};

} // namespace compose
