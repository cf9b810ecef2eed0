#include "cachedquery.h"

#include "database.h"

#include <QHash>
#include <QSqlDriver>

namespace compose::Db {

// The statements CachedQuery keeps, per thread (a connection belongs to one thread), by
// connection name and SQL text; shared, so an entry outlives the hash growing or being
// dropped while a CachedQuery uses it.
struct CachedStatement {
    QSqlQuery query;
    bool busy = false;
};

namespace {

using StatementCache = QHash<QString, QHash<QString, std::shared_ptr<CachedStatement>>>;
StatementCache &statementCache()
{
    thread_local StatementCache cache;
    return cache;
}

} // namespace

void dropCachedStatements(const QString &connectionName)
{
    // Finishing and destroying them while the connection is still open deallocates them on
    // the server and leaves no query holding the connection when it is removed.
    statementCache().remove(connectionName);
}

CachedQuery::CachedQuery(const QSqlDatabase &db, const QString &sql)
{
    std::shared_ptr<CachedStatement> &entry = statementCache()[db.connectionName()][sql];
    if (entry && entry->busy) {
        m_own = prepare(db, sql); // nested use of the same statement: a private one
        return;
    }
    if (!entry || entry->query.driver() != db.driver()) {
        entry = std::make_shared<CachedStatement>();
        entry->query = prepare(db, sql);
    } else {
        m_reused = true;
    }
    entry->busy = true;
    m_entry = entry;
    m_query = &m_entry->query;
}

CachedQuery::~CachedQuery()
{
    // QPSQL reads forward-only results in single-row mode: a result not read to its end keeps
    // the connection busy, which the destroyed per-call query used to clear. Read the rest (the
    // callers read everything anyway), then finish: SQLite keeps a read snapshot until a
    // statement is reset.
    while (m_query->isActive() && m_query->next()) { }
    m_query->finish();
    if (m_entry)
        m_entry->busy = false;
}

} // namespace compose::Db
