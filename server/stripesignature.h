#pragma once

#include <QByteArray>
#include <QString>

namespace compose {

// Stripe's webhook signature: Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>...], each v1 an
// HMAC-SHA256 of "<t>.<raw body>" keyed with the whsec_ secret (several v1 while it rotates).
class StripeSignature {
public:
    enum class Result { Ok, Missing, Malformed, Stale, Mismatch };

    static QByteArray sign(const QByteArray &payload, const QByteArray &secret, qint64 timestamp);
    static Result verify(const QByteArray &header, const QByteArray &payload,
                         const QByteArray &secret, qint64 now, qint64 toleranceS = 300);
    static QString describe(Result r);
    // Length-independent time for equal-length inputs, so a forger learns nothing from timing.
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
};

} // namespace compose
