#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace compose {

enum class SqlDialect : quint8 { PostgreSQL, SQLite };

// Where the dashboard's database is. The password is held in memory only: toUrl() and
// displayName() never include it, so this struct can be remembered in QSettings or logged.
struct ConnectionSettings {
    SqlDialect dialect = SqlDialect::PostgreSQL;
    QString host; // empty: libpq's PGHOST / Unix socket
    int port = -1; // -1: libpq's PGPORT / 5432
    QString database; // PostgreSQL database name, or the SQLite file path
    QString user;
    QString password;
    QString options; // libpq keywords, "sslmode=require;connect_timeout=5"

    // postgresql://user:pass@host:port/db?sslmode=require, postgres://..., sqlite:///path/file.db
    static std::optional<ConnectionSettings> fromUrl(const QString &url, QString *error = nullptr);
    QUrl toUrl() const; // without the password
    QString displayName() const;
    bool isValid() const { return dialect == SqlDialect::SQLite ? !database.isEmpty() : true; }
    QString driverName() const;
};

} // namespace compose
