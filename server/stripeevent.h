#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace compose {

// A Stripe webhook event as the route reads it once its signature is checked: the event id
// (deduplication), the type, and data.object. A pure function, so the fuzzer
// (tests/fuzz/fuzz_webhook.cpp) runs the same reading as POST /api/stripe/webhook.
struct StripeEvent {
    QString id;
    QString type;
    QJsonObject object; // {} when data.object is missing or not an object

    // Throws ApiError(400) naming the field, as every request body reader does.
    static StripeEvent parse(const QByteArray &body);
};

} // namespace compose
