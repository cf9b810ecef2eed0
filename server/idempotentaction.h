#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace compose {

class ApiContext;

// The Idempotency-Key rule of the staff actions (compose_idempotency): the first FINAL answer
// (2xx, 4xx) of a key is replayed for every retry; a 5xx is not an answer, so the key is
// released; a claim older than the lease (its holder crashed) is taken over by a retry.
class IdempotentAction final {
public:
    enum class Claim {
        Fresh, // the key is new: run the action
        TakenOver, // the key had no final answer and its claim lapsed: run the action again
        Replay, // answer with the stored status and body
        InProgress, // another request holds the key: 409, not stored
        KeyReused, // the key was used with another request: 422
    };
    struct Outcome {
        Claim claim = Claim::Fresh;
        int status = 0; // Replay
        QByteArray body; // Replay
    };

    IdempotentAction(ApiContext *context, int staffId, QByteArray key);

    // sha256 of "METHOD path\nbody": a key must be retried with the very same request.
    static QString requestHash(const QByteArray &method, const QString &path,
                               const QByteArray &body);

    // Claims the key in its own transaction.
    Outcome claim(const QByteArray &method, const QString &path, const QByteArray &body,
                  const QDateTime &now);
    // In the transaction of the change: stores a final answer, or releases the key for a 5xx.
    void finish(int status, const QJsonObject &body);

    const QByteArray &key() const { return m_key; }

    // Why a key cannot be used, or empty: 1..255 printable ASCII characters (what Stripe and
    // UUIDs use). Keys are stored as text: two byte strings that are not UTF-8 ("\xff\xfe",
    // "\xfe\xfe") decoded to the same replacement characters and replayed each other.
    static QString keyProblem(const QByteArray &key);

private:
    int leaseSeconds() const;

    ApiContext *m_ctx = nullptr;
    int m_staffId = 0;
    QByteArray m_key;
};

} // namespace compose
