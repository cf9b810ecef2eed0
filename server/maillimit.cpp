#include "maillimit.h"

#include "apicontext.h"
#include "apierror.h"
#include "deliverystore.h"

namespace compose {

void MailLimit::require(const ApiContext *context, const FormRecord &form)
{
    const int limit = context->config().mailPerFormPerHour;
    if (limit <= 0)
        return;
    const QDateTime now = ApiContext::now();
    const DeliveryStore::Recent recent
        = DeliveryStore(context->db()).recentMessages(form.id, now.addSecs(-3600));
    if (recent.count < limit)
        return;
    const qint64 wait = recent.oldest.isValid()
        ? qMax<qint64>(1, now.secsTo(recent.oldest.addSecs(3600)) + 1)
        : 3600;
    ApiError e(429, QStringLiteral("rate_limited"),
               QStringLiteral("This form has been sent %1 e-mails in the last hour, the most "
                              "allowed; try again in %2 minute(s).")
                   .arg(recent.count)
                   .arg((wait + 59) / 60),
               QJsonObject {{QStringLiteral("scope"), QStringLiteral("form e-mail")},
                            {QStringLiteral("limit"), limit},
                            {QStringLiteral("retryAfter"), double(wait)}});
    e.setRetryAfter(int(wait));
    throw e;
}

} // namespace compose
