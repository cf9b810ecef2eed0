#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace compose {

// A compose_idempotency row: a staff member's Idempotency-Key with the request it was first
// used for and, once there is one, the final answer that every retry gets replayed.
struct IdempotencyRecord {
    QString requestHash;
    std::optional<int> responseStatus; // empty: no final answer yet
    QByteArray responseBody;
};

// compose_idempotency: the claim, the take-over of a lapsed claim, the release after a 5xx and
// the stored final answer. The caller holds the transaction.
class IdempotencyStore final {
public:
    explicit IdempotencyStore(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    // Inserts the claim; false when the key already has a row (the caller reads it with find()).
    bool claim(int staffId, const QString &key, const QString &method, const QString &path,
               const QString &requestHash, const QDateTime &now);
    std::optional<IdempotencyRecord> find(int staffId, const QString &key) const;
    // Takes over a claim with no final answer that was released or is older than cutoff; the
    // check and the take-over are one UPDATE, so of two retries exactly one wins.
    bool takeOver(int staffId, const QString &key, const QDateTime &now, const QDateTime &cutoff);
    // Opens the key again (no final answer stored) so that a retry really tries again.
    void release(int staffId, const QString &key);
    void storeAnswer(int staffId, const QString &key, int status, const QByteArray &body);

private:
    QSqlDatabase m_db;
};

} // namespace compose
