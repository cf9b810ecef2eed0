#pragma once

#include "connectionsettings.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <exception>

namespace compose {

// Thrown by the data layer; caught at the worker boundary and turned into a message.
class DbError : public std::exception {
public:
    DbError(QString message, bool connectionLost = false)
        : m_message(std::move(message))
        , m_connectionLost(connectionLost)
    {
    }
    const QString &message() const { return m_message; }
    bool connectionLost() const { return m_connectionLost; }
    const char *what() const noexcept override { return "compose::DbError"; }

private:
    QString m_message;
    bool m_connectionLost = false;
};

namespace Db {

// Opens a named connection in the calling thread (a QSqlDatabase belongs to the thread that
// opened it). Sessions run in UTC: the seed's TIMESTAMP columns hold UTC wall-clock time.
QSqlDatabase open(const ConnectionSettings &settings, const QString &connectionName);
void close(const QString &connectionName);

SqlDialect dialect(const QSqlDatabase &db);

QSqlQuery prepare(const QSqlDatabase &db, const QString &sql);
void exec(QSqlQuery &query); // throws DbError with a readable message
void execSql(const QSqlDatabase &db, const QString &sql); // one statement, no parameters

// Timestamps are bound as UTC text; both dialects compare them correctly that way.
QVariant timestamp(const QDateTime &dt);
QDateTime readTimestamp(const QVariant &v);

bool hasTable(const QSqlDatabase &db, const QString &table);
QString friendlyError(const QSqlError &error);
bool isConnectionError(const QSqlDatabase &db, const QSqlError &error);

// Rolls back unless commit() was called (Strawberry's ScopedTransaction).
class Transaction {
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    QSqlDatabase m_db;
    bool m_done = false;
};

} // namespace Db
} // namespace compose
