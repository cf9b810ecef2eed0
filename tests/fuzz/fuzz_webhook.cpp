// libFuzzer target: Stripe's webhook — the Stripe-Signature header check on the raw body and the
// event reading after it (StripeSignature, StripeEvent). Input: the header, a newline, the body.
#include "apierror.h"
#include "stripeevent.h"
#include "stripesignature.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace compose;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype nl = input.indexOf('\n');
    const QByteArray header = nl < 0 ? input : input.left(nl);
    const QByteArray body = nl < 0 ? QByteArray() : input.mid(nl + 1);
    const QByteArray secret = QByteArrayLiteral("whsec_fuzz");
    constexpr qint64 now = 1767225600; // fixed: the fuzzer must be deterministic

    (void)StripeSignature::verify(header, body, secret, now);
    (void)StripeSignature::describe(StripeSignature::verify(header, body, {}, now));
    // What Stripe signs must verify, whatever the body; a different body must not.
    const QByteArray good = StripeSignature::sign(body, secret, now);
    if (StripeSignature::verify(good, body, secret, now) != StripeSignature::Result::Ok)
        std::abort();
    if (StripeSignature::verify(good, body + 'x', secret, now) == StripeSignature::Result::Ok)
        std::abort();
    (void)StripeSignature::constantTimeEquals(header, body);
    try {
        const StripeEvent e = StripeEvent::parse(body);
        (void)e.object.value(QStringLiteral("payment_intent")).toString();
    } catch (const ApiError &) {
    }
    return 0;
}
