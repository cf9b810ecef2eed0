// libFuzzer target: the router's path matching (server/routematch.*), on compose-api's own
// route patterns and on a pattern taken from the input. Input: a path, optionally a newline and
// a pattern.
#include "routematch.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace compose;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QList<RouteMatch::Pattern> routes = [] {
        QList<RouteMatch::Pattern> list;
        for (const char *p :
             {"/api/compose/forms", "/api/compose/forms/{formId}", "/api/generate",
              "/api/status/{taskId}", "/api/stripe/checkout", "/api/stripe/webhook",
              "/api/musicgpt/webhook", "/api/admin/me", "/api/admin/forms/{formId}/retry",
              "/api/admin/forms/{formId}/refund", "/api/admin/forms/{formId}/audit", "/s/{slug}",
              "/sim/musicgpt/audio/{file}", "/sim/stripe/sessions/{id}/pay", "/static/*"})
            list << RouteMatch::compile(QString::fromLatin1(p));
        return list;
    }();
    const QString input = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype nl = input.indexOf(QLatin1Char('\n'));
    const QStringList segments = RouteMatch::split(nl < 0 ? input : input.left(nl));
    QList<RouteMatch::Pattern> patterns = routes;
    if (nl >= 0)
        patterns << RouteMatch::compile(input.mid(nl + 1));
    for (const RouteMatch::Pattern &p : std::as_const(patterns)) {
        const auto params = RouteMatch::match(p, segments);
        if (!params)
            continue;
        // A match never captures an empty value, and a fixed-length pattern takes every segment.
        for (auto it = params->cbegin(); it != params->cend(); ++it)
            if (it.value().isEmpty())
                std::abort();
        if (!p.wildcard && segments.size() != p.segments.size())
            std::abort();
    }
    return 0;
}
