#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QStringList>

namespace compose {

// compose_mailbox's row writer: what the demo's loopback SMTP sink received (the dashboard's
// Mailbox window reads it through FormRepository::mailbox()). Throws DbError.
class MailboxStore final {
public:
    explicit MailboxStore(QSqlDatabase db);

    struct Message {
        QString messageId;
        QString from;
        QStringList to;
        QString subject;
        QString text;
        QByteArray raw;
        QDateTime receivedAt;
    };
    void append(const Message &m) const;

private:
    QSqlDatabase m_db;
};

} // namespace compose
