#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace compose {

// The router's path matching as pure functions (no server, no request objects), so the fuzzer
// (tests/fuzz/fuzz_router.cpp) runs exactly what HttpServer runs.
namespace RouteMatch {

struct Pattern {
    QStringList segments; // "{name}" captures one non-empty segment
    bool wildcard = false; // pattern ended in "/*": any non-empty rest, as the "rest" param
};

// "/api/compose/forms/{formId}" → {api, compose, forms, {formId}}.
Pattern compile(const QString &pattern);
// A request path → its segments (empty segments dropped: "//a/" is "/a").
QStringList split(const QString &path);
// The captured parameters when the segments fit the pattern.
std::optional<QHash<QString, QString>> match(const Pattern &pattern, const QStringList &segments);

} // namespace RouteMatch

} // namespace compose
