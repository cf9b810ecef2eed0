#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <memory>

namespace compose::Db {

// A statement prepared once per connection (and thread) and kept, for the hottest reads
// (compose-api's GET of a form, issue 14): QPSQL otherwise sends PREPARE, EXECUTE and
// DEALLOCATE for every Db::prepare, three round trips where one will do, and Qt re-parses the
// named placeholders each time. Use it where the rows are read at once, in one function; the
// result is finished when the object goes. If the same statement is already in use further up
// the stack, this one is prepared afresh (uncached), so nesting stays correct. Db::open and
// Db::close of the connection name drop its statements.
struct CachedStatement; // database.cpp
class CachedQuery {
public:
    CachedQuery(const QSqlDatabase &db, const QString &sql);
    ~CachedQuery();
    CachedQuery(const CachedQuery &) = delete;
    CachedQuery &operator=(const CachedQuery &) = delete;
    QSqlQuery &query() { return *m_query; }
    bool reused() const { return m_reused; } // prepared by an earlier use (tests)

private:
    std::shared_ptr<CachedStatement> m_entry; // empty: a private statement, m_own
    QSqlQuery m_own;
    QSqlQuery *m_query = &m_own;
    bool m_reused = false;
};

// Drops the statements kept for a connection name in this thread (Db::open and Db::close).
void dropCachedStatements(const QString &connectionName);

} // namespace compose::Db
