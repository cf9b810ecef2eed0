#include "isolateduser.h"

#include <QByteArray>

namespace compose::test {

void isolateUser(const QString &home)
{
    qputenv("HOME", home.toUtf8());
    qputenv("XDG_DATA_HOME", (home + QStringLiteral("/data")).toUtf8());
    qputenv("XDG_CONFIG_HOME", (home + QStringLiteral("/config")).toUtf8());
    qputenv("XDG_CACHE_HOME", (home + QStringLiteral("/cache")).toUtf8());
    qunsetenv("COMPOSE_API_TOKEN");
    qunsetenv("PGHOST");
    qunsetenv("PGDATABASE");
}

} // namespace compose::test
