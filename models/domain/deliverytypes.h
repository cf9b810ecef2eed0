#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace compose {

// One delivery of a form (compose_deliveries) with the state of its e-mail (compose_outbox,
// migration 7). On a database without the outbox the e-mail state is unknown (empty).
struct DeliveryRow {
    qint64 id = 0;
    QDateTime at;
    QString kind; // deliver | redeliver
    QString email;
    QString shareUrl;
    QString staff; // empty: delivered on payment
    QString mailState; // queued | sending | retrying | sent | failed | "" (no outbox row)
    int attempts = 0;
    QString lastError;
    QDateTime nextAttemptAt;
    QDateTime sentAt;
};

// One e-mail the demo's loopback SMTP sink received (compose_mailbox).
struct MailboxMessage {
    qint64 id = 0;
    QDateTime receivedAt;
    QString to;
    QString subject;
    QString text;
};

// Whether e-mail is leaving: messages waiting and the newest one sent.
struct OutboxHealth {
    bool available = false; // the database has an outbox
    int waiting = 0; // queued, sending or retrying
    int failed = 0;
    QDateTime oldestWaiting;
    QDateTime lastSent;
    // Messages wait longer than a sender would take and nothing went out since: nobody sends.
    bool stalled(const QDateTime &now, int graceS = 120) const
    {
        return available && waiting > 0 && oldestWaiting.isValid()
            && oldestWaiting.secsTo(now) > graceS
            && (!lastSent.isValid() || lastSent < oldestWaiting);
    }
};

} // namespace compose

Q_DECLARE_METATYPE(compose::DeliveryRow)
Q_DECLARE_METATYPE(compose::MailboxMessage)
Q_DECLARE_METATYPE(compose::OutboxHealth)
