// libFuzzer target: the request-body validator every route reads through (JsonInput). Any
// input must end in a value or an ApiError(400), never a crash, a hang or a sanitizer report.
#include "apierror.h"
#include "jsoninput.h"

#include <cstddef>
#include <cstdint>

using namespace compose;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    // A copy, as the server hands routes an ordinary QByteArray body.
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    try {
        const JsonInput in = JsonInput::parse(body, size % 2 == 0);
        try {
            in.allowOnly({QStringLiteral("formId"), QStringLiteral("email")});
        } catch (const ApiError &) {
        }
        const QStringList keys = in.object().keys();
        for (const QString &key : keys) {
            // Each reader the routes use, on every key: each refuses with ApiError or answers.
            const auto attempt = [](const auto &read) {
                try {
                    read();
                } catch (const ApiError &) {
                }
            };
            attempt([&] { (void)in.optionalString(key, 64); });
            attempt([&] { (void)in.requireString(key); });
            attempt([&] { (void)in.optionalInt(key, -5, 1000000); });
            attempt([&] { (void)in.requireInt(key, 0, 999); });
            attempt([&] { (void)in.optionalBool(key); });
            attempt([&] { (void)in.optionalObject(key); });
            attempt([&] { (void)in.requireArray(key); });
            const QString text = in.object().value(key).toString();
            (void)JsonInput::isEmail(text);
            (void)JsonInput::isSafeId(text);
            (void)JsonInput::isInteger(in.object().value(key), -1, 1);
        }
    } catch (const ApiError &) {
    }
    return 0;
}
