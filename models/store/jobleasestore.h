#pragma once

#include <QSqlDatabase>

namespace compose {

// The lease that lets exactly one compose-api process run the background jobs (expiry, refund
// sweep) while several serve requests on one database, on one machine or many. PostgreSQL: a
// session advisory lock on the jobs connection, released by the server when that connection
// ends (a killed process frees it at once, no expiry to wait for). SQLite: one machine, one
// process: always held. Throws DbError.
class JobLeaseStore final {
public:
    explicit JobLeaseStore(QSqlDatabase db);

    // True when this connection holds the lease, taking it if it is free. Repeated calls keep
    // one lock (it is not re-entered), so the lease is given up only with the connection.
    bool holdOrTake() const;

private:
    QSqlDatabase m_db;
};

} // namespace compose
