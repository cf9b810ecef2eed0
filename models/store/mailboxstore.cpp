#include "mailboxstore.h"

#include "database.h"

#include <QSqlQuery>

namespace compose {

MailboxStore::MailboxStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

void MailboxStore::append(const Message &m) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral(
            "INSERT INTO compose_mailbox(message_id, mail_from, rcpt_to, subject, body_text, raw, "
            "received_at) VALUES (:m, :f, :t, :s, :b, :r, :now)"));
    q.bindValue(QStringLiteral(":m"), m.messageId);
    q.bindValue(QStringLiteral(":f"), m.from);
    q.bindValue(QStringLiteral(":t"), m.to.join(QStringLiteral(", ")));
    q.bindValue(QStringLiteral(":s"), m.subject);
    q.bindValue(QStringLiteral(":b"), m.text);
    q.bindValue(QStringLiteral(":r"), QString::fromUtf8(m.raw));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(m.receivedAt));
    Db::exec(q);
}

} // namespace compose
