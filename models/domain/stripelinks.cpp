#include "stripelinks.h"

#include <QRegularExpression>
#include <QUrlQuery>

namespace compose {

StripeLinks::Mode StripeLinks::modeForKey(const QString &key)
{
    static const QRegularExpression live(QStringLiteral("^(sk|rk|pk)_live_"));
    return live.match(key.trimmed()).hasMatch() ? Mode::Live : Mode::Test;
}

StripeLinks::Mode StripeLinks::configuredMode()
{
    return modeForKey(qEnvironmentVariable("COMPOSE_STRIPE_KEY"));
}

bool StripeLinks::isStripeId(const QString &id)
{
    // Stripe ids are a prefix and letters/digits; nothing else may reach the URL's path.
    static const QRegularExpression re(QStringLiteral("^(pi|cs)_[A-Za-z0-9_]{1,200}$"));
    return re.match(id).hasMatch();
}

QUrl StripeLinks::dashboardUrl(const QString &id, Mode mode)
{
    if (!isStripeId(id))
        return {};
    const QString base = mode == Mode::Live ? QStringLiteral("https://dashboard.stripe.com/")
                                            : QStringLiteral("https://dashboard.stripe.com/test/");
    if (id.startsWith(QLatin1String("pi_")))
        return QUrl(base + QStringLiteral("payments/") + id);
    QUrl url(base + QStringLiteral("search"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("query"), id);
    url.setQuery(query);
    return url;
}

} // namespace compose
