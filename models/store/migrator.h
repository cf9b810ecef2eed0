#pragma once

#include "connectionsettings.h"

#include <QSqlDatabase>
#include <QStringList>

namespace compose {

// Applies the numbered SQL files under :/migrations/<dialect>/ in order, each in its own
// transaction, recording them in schema_migrations. Never run implicitly: `--migrate` and
// compose-api call it; the dashboard reads whatever version it finds (0 = seed-only schema).
class Migrator {
public:
    struct Migration {
        int version = 0;
        QString name;
        QString resource;
    };

    explicit Migrator(QSqlDatabase db);

    static QList<Migration> available(SqlDialect dialect);
    static int latestVersion(SqlDialect dialect);
    static QStringList splitStatements(const QString &sql);

    int currentVersion() const; // 0 when schema_migrations is absent
    QList<Migration> pending() const;
    // Applies all pending migrations; returns the names applied. Throws DbError, leaving
    // the database at the last fully applied version.
    QStringList migrate();

private:
    QSqlDatabase m_db;
};

} // namespace compose
