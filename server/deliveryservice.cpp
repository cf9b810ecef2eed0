#include "deliveryservice.h"

#include "apicontext.h"
#include "deliverystore.h"
#include "paymentstore.h"
#include "selectionstore.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QUuid>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

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
    return DeliveryStore(m_ctx->db()).customerEmail(formId);
}

QList<DeliveryService::Link> DeliveryService::shareLinks(const FormRecord &form)
{
    SelectionStore store(m_ctx->db());
    const QString base = shareBase();
    QList<Link> links;
    for (ShareRow row : store.shareRows(form.id)) {
        if (row.slugV1.isEmpty())
            row.slugV1 = newSlug();
        if (row.hasVersion2 && row.slugV2.isEmpty())
            row.slugV2 = newSlug();
        store.enableSharing(row);
        links.append({row.songIndex, 1, base + QStringLiteral("/s/") + row.slugV1});
        if (!row.slugV2.isEmpty())
            links.append({row.songIndex, 2, base + QStringLiteral("/s/") + row.slugV2});
    }
    if (links.isEmpty()) // messy data without a recorded selection: the link names the form
        links.append({0, 1, base + QStringLiteral("/s/") + form.id});
    return links;
}

DeliveryService::Result DeliveryService::deliver(const FormRecord &form, Kind kind,
                                                 const QString &to, const QString &actor,
                                                 std::optional<int> staffId, const QString &note)
{
    if (kind == Kind::Deliver)
        m_ctx->changeStatus(form, FormStatus::Delivered, actor);
    Result result;
    result.email = to;
    result.links = shareLinks(form);
    const QDateTime now = ApiContext::now();
    DeliveryStore store(m_ctx->db());

    DeliveryRecord delivery;
    delivery.formId = form.id;
    delivery.email = to;
    delivery.shareUrl = result.primaryUrl();
    delivery.kind
        = kind == Kind::Redeliver ? QStringLiteral("redeliver") : QStringLiteral("deliver");
    delivery.note = note;
    delivery.staffId = staffId;
    result.deliveryId = store.insertDelivery(delivery, now);

    const QJsonObject data = form.formData.toObject();
    const QString recipient = data.value(QStringLiteral("recipientName")).toString();
    const QString sender = data.value(QStringLiteral("senderName")).toString();
    result.messageId = QStringLiteral("<delivery-%1@compose-desk>")
                           .arg(QUuid::createUuid().toString(QUuid::Id128));
    OutboxMessage message;
    message.messageId = result.messageId;
    message.formId = form.id;
    message.deliveryId = result.deliveryId;
    message.to = to;
    message.subject = subject(recipient);
    message.text = textBody(recipient, sender, result.links);
    message.html = htmlBody(recipient, sender, result.links);
    result.outboxId = store.queue(message, now);
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
    const QDateTime now = ApiContext::now();
    PaymentStore(m_ctx->db()).refundOrders(formId, now);
    SelectionStore(m_ctx->db()).disableSharing(formId, now);
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
