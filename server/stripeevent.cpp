#include "stripeevent.h"

#include "jsoninput.h"

namespace compose {

StripeEvent StripeEvent::parse(const QByteArray &body)
{
    const JsonInput in = JsonInput::parse(body);
    StripeEvent e;
    e.id = in.requireString(QStringLiteral("id"), 255);
    e.type = in.requireString(QStringLiteral("type"), 100);
    e.object = in.object()
                   .value(QStringLiteral("data"))
                   .toObject()
                   .value(QStringLiteral("object"))
                   .toObject();
    return e;
}

} // namespace compose
