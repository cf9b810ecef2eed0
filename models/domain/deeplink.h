#pragma once

#include <QString>

namespace compose {

// compose-desk://form/ID: the link a colleague pastes in a chat or a ticket that opens a form.
namespace DeepLink {

constexpr char Scheme[] = "compose-desk";

bool isLink(const QString &argument); // starts with the scheme (any case)
// The form id of a well-formed link; empty and *why set otherwise. Ids are letters, digits,
// '_' and '-' (1–128): nothing else goes on to the search.
QString formId(const QString &link, QString *why = nullptr);
QString linkFor(const QString &formId);

} // namespace DeepLink
} // namespace compose
