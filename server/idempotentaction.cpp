#include "idempotentaction.h"

#include "apicontext.h"
#include "database.h"
#include "idempotencystore.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace compose {

IdempotentAction::IdempotentAction(ApiContext *context, int staffId, QByteArray key)
    : m_ctx(context)
    , m_staffId(staffId)
    , m_key(std::move(key))
{
}

QString IdempotentAction::requestHash(const QByteArray &method, const QString &path,
                                      const QByteArray &body)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QByteArray(method + ' ' + path.toUtf8() + '\n' + body),
                                 QCryptographicHash::Sha256)
            .toHex());
}

QString IdempotentAction::keyProblem(const QByteArray &key)
{
    if (key.isEmpty())
        return QStringLiteral("Idempotency-Key is empty.");
    if (key.size() > 255)
        return QStringLiteral("Idempotency-Key is longer than 255 characters.");
    for (const char c : key) {
        if (c < 0x21 || c > 0x7e)
            return QStringLiteral(
                "Idempotency-Key may hold only printable ASCII characters (no spaces); "
                "a UUID is a good key.");
    }
    return {};
}

int IdempotentAction::leaseSeconds() const
{
    return qMax(1, m_ctx->config().idempotencyLeaseS);
}

IdempotentAction::Outcome IdempotentAction::claim(const QByteArray &method, const QString &path,
                                                  const QByteArray &body, const QDateTime &now)
{
    const QString hash = requestHash(method, path, body);
    const QString key = QString::fromUtf8(m_key);
    IdempotencyStore store(m_ctx->db());
    Db::Transaction tx(m_ctx->db());
    if (store.claim(m_staffId, key, QString::fromLatin1(method), path, hash, now)) {
        tx.commit();
        return {Claim::Fresh, 0, {}};
    }
    const IdempotencyRecord prior = store.find(m_staffId, key).value_or(IdempotencyRecord {});
    // No final answer yet: a claim whose holder crashed, or that was released after a transient
    // failure, is taken over by this retry.
    const bool takenOver = prior.requestHash == hash && !prior.responseStatus
        && store.takeOver(m_staffId, key, now, now.addSecs(-leaseSeconds()));
    tx.commit();
    if (takenOver)
        return {Claim::TakenOver, 0, {}};
    if (prior.requestHash != hash)
        return {Claim::KeyReused, 0, {}};
    if (!prior.responseStatus)
        return {Claim::InProgress, 0, {}};
    return {Claim::Replay, *prior.responseStatus, prior.responseBody};
}

void IdempotentAction::finish(int status, const QJsonObject &body)
{
    if (m_key.isEmpty())
        return;
    IdempotencyStore store(m_ctx->db());
    if (status >= 500) {
        // A 5xx (timeout, Stripe down, database trouble) is not an answer: the key is released
        // so that "Try again" with it really tries again.
        store.release(m_staffId, QString::fromUtf8(m_key));
        return;
    }
    store.storeAnswer(m_staffId, QString::fromUtf8(m_key), status,
                      QJsonDocument(body).toJson(QJsonDocument::Compact));
}

} // namespace compose
