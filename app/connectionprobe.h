#pragma once

#include "connectionsettings.h"

namespace compose {

// The connection dialog's "Test connection": opens the database in the calling (pool) thread,
// checks that it holds the shop's tables, closes it again.
class ConnectionProbe {
public:
    // Empty when the dashboard can use the database, else a sentence saying why not.
    static QString test(const ConnectionSettings &settings);
};

} // namespace compose
