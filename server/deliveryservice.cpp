#include "deliveryservice.h"

#include "apicontext.h"
#include "database.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QUuid>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

namespace {
QVariant nullText()
{
    return QVariant(QMetaType::fromType<QString>());
}
} // namespace

DeliveryService::DeliveryService(ApiContext *context)
    : m_ctx(context)
{
}

QString DeliveryService::newSlug()
{
    // 128 random bits, URL-safe: a share link cannot be guessed from another one.
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 4);
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString DeliveryService::shareBase() const
{
    QString base = m_ctx->config().shareBase.isEmpty() ? m_ctx->publicBase().toString()
                                                       : m_ctx->config().shareBase.toString();
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    return base;
}

QString DeliveryService::customerEmail(const QString &formId) const
{
    QSqlQuery q
        = Db::prepare(m_ctx->db(),
                      QStringLiteral("SELECT COALESCE(f.guest_email, u.email) FROM compose_forms f "
                                     "LEFT JOIN \"user\" u ON u.id = f.user_id "
                                     "WHERE f.id = :id"));
    q.bindValue(QStringLiteral(":id"), formId);
    Db::exec(q);
    return q.next() ? q.value(0).toString() : QString();
}

QList<DeliveryService::Link> DeliveryService::shareLinks(const FormRecord &form)
{
    QSqlDatabase db = m_ctx->db();
    QSqlQuery q
        = Db::prepare(db,
                      QStringLiteral("SELECT id, song_index, share_slug_v1, share_slug_v2, "
                                     "audio_url_2 FROM music_generations "
                                     "WHERE form_id = :f AND (is_selected = TRUE OR is_paid = "
                                     "TRUE) ORDER BY song_index, variation_index"));
    q.bindValue(QStringLiteral(":f"), form.id);
    Db::exec(q);
    struct Row {
        QString id;
        int song = 0;
        QString slug1, slug2;
        bool hasV2 = false;
    };
    QList<Row> rows;
    while (q.next())
        rows.append({q.value(0).toString(), q.value(1).toInt(), q.value(2).toString(),
                     q.value(3).toString(), !q.value(4).toString().isEmpty()});
    const QString base = shareBase();
    QList<Link> links;
    for (Row &row : rows) {
        const bool makeV1 = row.slug1.isEmpty();
        const bool makeV2 = row.hasV2 && row.slug2.isEmpty();
        if (makeV1)
            row.slug1 = newSlug();
        if (makeV2)
            row.slug2 = newSlug();
        QSqlQuery u = Db::prepare(db,
                                  QStringLiteral("UPDATE music_generations SET share_slug_v1 = "
                                                 ":s1, share_slug_v2 = :s2, share_enabled = TRUE "
                                                 "WHERE id = :id"));
        u.bindValue(QStringLiteral(":s1"), row.slug1);
        u.bindValue(QStringLiteral(":s2"), row.slug2.isEmpty() ? nullText() : QVariant(row.slug2));
        u.bindValue(QStringLiteral(":id"), row.id);
        Db::exec(u);
        links.append({row.song, 1, base + QStringLiteral("/s/") + row.slug1});
        if (!row.slug2.isEmpty())
            links.append({row.song, 2, base + QStringLiteral("/s/") + row.slug2});
    }
    if (links.isEmpty()) // messy data without a recorded selection: the link names the form
        links.append({0, 1, base + QStringLiteral("/s/") + form.id});
    return links;
}

DeliveryService::Result DeliveryService::deliver(const FormRecord &form, Kind kind,
                                                 const QString &to, const QString &actor,
                                                 std::optional<int> staffId, const QString &note)
{
    QSqlDatabase db = m_ctx->db();
    if (kind == Kind::Deliver)
        m_ctx->changeStatus(form, FormStatus::Delivered, actor);
    Result result;
    result.email = to;
    result.links = shareLinks(form);
    const QString now = Db::timestamp(ApiContext::now()).toString();

    QSqlQuery d = Db::prepare(db,
                              QStringLiteral("INSERT INTO compose_deliveries(form_id, email, "
                                             "share_url, kind, note, staff_id, created_at) "
                                             "VALUES (:f, :e, :u, :k, :n, :s, :now)"));
    d.bindValue(QStringLiteral(":f"), form.id);
    d.bindValue(QStringLiteral(":e"), to);
    d.bindValue(QStringLiteral(":u"), result.primaryUrl());
    d.bindValue(QStringLiteral(":k"),
                kind == Kind::Redeliver ? QStringLiteral("redeliver") : QStringLiteral("deliver"));
    d.bindValue(QStringLiteral(":n"), note.isEmpty() ? nullText() : QVariant(note));
    d.bindValue(QStringLiteral(":s"),
                staffId ? QVariant(*staffId) : QVariant(QMetaType::fromType<int>()));
    d.bindValue(QStringLiteral(":now"), now);
    Db::exec(d);
    result.deliveryId = d.lastInsertId().toLongLong();
    if (result.deliveryId <= 0) { // the PostgreSQL driver may not report it
        QSqlQuery last = Db::prepare(
            db, QStringLiteral("SELECT MAX(id) FROM compose_deliveries WHERE form_id = :f"));
        last.bindValue(QStringLiteral(":f"), form.id);
        Db::exec(last);
        result.deliveryId = last.next() ? last.value(0).toLongLong() : 0;
    }

    const QJsonObject data = form.formData.toObject();
    const QString recipient = data.value(QStringLiteral("recipientName")).toString();
    const QString sender = data.value(QStringLiteral("senderName")).toString();
    result.messageId = QStringLiteral("<delivery-%1@compose-desk>")
                           .arg(QUuid::createUuid().toString(QUuid::Id128));
    QSqlQuery o
        = Db::prepare(db,
                      QStringLiteral("INSERT INTO compose_outbox(message_id, form_id, delivery_id, "
                                     "to_address, subject, body_text, body_html, "
                                     "state, attempts, next_attempt_at, created_at) VALUES (:m, "
                                     ":f, :d, :to, :subj, :txt, :html, 'queued', 0, "
                                     ":now, :now2)"));
    o.bindValue(QStringLiteral(":m"), result.messageId);
    o.bindValue(QStringLiteral(":f"), form.id);
    o.bindValue(QStringLiteral(":d"), result.deliveryId);
    o.bindValue(QStringLiteral(":to"), to);
    o.bindValue(QStringLiteral(":subj"), subject(recipient));
    o.bindValue(QStringLiteral(":txt"), textBody(recipient, sender, result.links));
    o.bindValue(QStringLiteral(":html"), htmlBody(recipient, sender, result.links));
    o.bindValue(QStringLiteral(":now"), now);
    o.bindValue(QStringLiteral(":now2"), now);
    Db::exec(o);
    QSqlQuery id
        = Db::prepare(db, QStringLiteral("SELECT id FROM compose_outbox WHERE message_id = :m"));
    id.bindValue(QStringLiteral(":m"), result.messageId);
    Db::exec(id);
    result.outboxId = id.next() ? id.value(0).toLongLong() : 0;
    if (m_onQueued)
        m_onQueued();
    return result;
}

bool DeliveryService::afterPayment(const QString &formId)
{
    if (m_ctx->config().holdDeliveries) {
        qCInfo(lcApi) << "form" << formId << "paid; delivery held for staff review";
        return false;
    }
    const auto form = m_ctx->findForm(formId, true);
    if (!form || !Status::canTransition(form->status(), FormStatus::Delivered))
        return false;
    const QString to = customerEmail(formId);
    if (to.isEmpty()) {
        qCWarning(lcApi) << "form" << formId << "paid but has no customer e-mail; left for staff";
        return false;
    }
    deliver(*form, Kind::Deliver, to, QStringLiteral("stripe"), std::nullopt,
            tr("Delivered on payment."));
    qCInfo(lcApi) << "form" << formId << "delivered on payment";
    return true;
}

void DeliveryService::afterRefund(const QString &formId)
{
    const auto form = m_ctx->findForm(formId);
    if (!form || !m_ctx->fullyRefunded(*form))
        return; // a partial refund keeps the song shared
    const QString now = Db::timestamp(ApiContext::now()).toString();
    QSqlQuery o = Db::prepare(m_ctx->db(),
                              QStringLiteral("UPDATE orders SET status = 'refunded', updated_at = "
                                             ":now WHERE form_id = :f AND status <> 'refunded'"));
    o.bindValue(QStringLiteral(":now"), now);
    o.bindValue(QStringLiteral(":f"), formId);
    Db::exec(o);
    QSqlQuery g = Db::prepare(m_ctx->db(),
                              QStringLiteral("UPDATE music_generations SET share_enabled = FALSE, "
                                             "updated_at = :now WHERE form_id = :f "
                                             "AND share_enabled = TRUE"));
    g.bindValue(QStringLiteral(":now"), now);
    g.bindValue(QStringLiteral(":f"), formId);
    Db::exec(g);
    qCInfo(lcApi) << "form" << formId << "fully refunded: order refunded, sharing off";
}

QString DeliveryService::subject(const QString &recipient)
{
    // Header text: no line breaks may reach the mail header.
    QString name = recipient.simplified().left(80);
    return name.isEmpty() ? tr("Your song is ready") : tr("Your song for %1 is ready").arg(name);
}

QString DeliveryService::textBody(const QString &recipient, const QString &sender,
                                  const QList<Link> &links)
{
    QString list;
    for (const Link &l : links) {
        list += links.size() == 1
            ? l.url + QLatin1Char('\n')
            : tr("Song %1, version %2: %3").arg(l.songIndex + 1).arg(l.version).arg(l.url)
                + QLatin1Char('\n');
    }
    const QString who
        = recipient.simplified().isEmpty() ? tr("your recipient") : recipient.simplified();
    QString text = tr("Hello,\n\nthe song for %1 is ready. Listen to it and share it here:\n\n%2\n")
                       .arg(who, list);
    if (!sender.simplified().isEmpty())
        text += tr("With love from %1.\n").arg(sender.simplified());
    text += tr("\nThank you for making a song with us.\n");
    return text;
}

QString DeliveryService::htmlBody(const QString &recipient, const QString &sender,
                                  const QList<Link> &links)
{
    QString items;
    for (const Link &l : links) {
        const QString url = l.url.toHtmlEscaped();
        const QString label = links.size() == 1
            ? tr("Listen to the song")
            : tr("Song %1, version %2").arg(l.songIndex + 1).arg(l.version);
        items += QStringLiteral("<li><a href=\"%1\">%2</a></li>").arg(url, label.toHtmlEscaped());
    }
    const QString who
        = recipient.simplified().isEmpty() ? tr("your recipient") : recipient.simplified();
    QString html = QStringLiteral("<!DOCTYPE html><html><body><p>%1</p><ul>%2</ul>")
                       .arg(tr("The song for %1 is ready. Listen to it and share it here:")
                                .arg(who)
                                .toHtmlEscaped(),
                            items);
    if (!sender.simplified().isEmpty())
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("With love from %1.").arg(sender.simplified()).toHtmlEscaped());
    html += QStringLiteral("<p>%1</p></body></html>")
                .arg(tr("Thank you for making a song with us.").toHtmlEscaped());
    return html;
}

} // namespace compose
