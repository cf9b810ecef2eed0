#pragma once

#include <QString>
#include <QUrl>

namespace compose {

// Links into Stripe's dashboard for the ids the shop stores. The mode (test or live) comes from
// the configured key's prefix (sk_test_…, rk_live_…): the key itself never goes into a URL.
namespace StripeLinks {

enum class Mode { Test, Live };

// From a Stripe key's prefix; anything that is not a live key is treated as test mode.
Mode modeForKey(const QString &key);
// From COMPOSE_STRIPE_KEY, the variable compose-api reads (unset: test).
Mode configuredMode();
// pi_… opens the payment, cs_… finds the Checkout Session; anything else: an invalid URL.
QUrl dashboardUrl(const QString &id, Mode mode);
bool isStripeId(const QString &id);

} // namespace StripeLinks
} // namespace compose
