#pragma once

namespace compose {

class ApiContext;
struct FormRecord;

// The per-form limit on delivery e-mails (ServerConfig::mailPerFormPerHour): one agent token
// once sent 3,843 redeliveries in 15 s. Counted in compose_outbox, not in memory, so several
// compose-api processes share it; call it in the delivery's transaction after the form row is
// locked (requireForm(…, true)), so two requests for one form cannot both see room for one more.
class MailLimit final {
public:
    // Throws ApiError 429 (rate_limited, Retry-After: when the oldest counted message leaves
    // the hour) when the form has had its e-mails for this hour.
    static void require(const ApiContext *context, const FormRecord &form);
};

} // namespace compose
