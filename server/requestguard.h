#pragma once

#include "ratelimiter.h"
#include "serverconfig.h"

namespace compose {

struct HttpRequest;

// What every request passes before its route's handler (HttpServer's request filter), so the
// routes other helpers add get it too: path parameters and query values must be text
// (JsonInput::textProblem: no NUL, control characters or lone surrogates; 400 naming the
// parameter), and the rate limits hold (429 with Retry-After):
// - per client address (an IPv6 client by its /64) on every route but the webhooks (Stripe and
//   MusicGPT call from their own addresses and sign or token their calls) and the simulators;
// - per bearer token (its SHA-256, never the token) on /api/admin/ besides the client limit, so
//   one agent's script cannot take the staff API from the others.
// Refusals are logged through LogThrottle: a flood writes a few lines.
// Thread-safe: WorkerPool gives one guard to all its request workers (ServerConfig::requestGuard).
class RequestGuard final {
public:
    explicit RequestGuard(const ServerConfig &config);
    Q_DISABLE_COPY_MOVE(RequestGuard)

    // Throws ApiError (400 or 429).
    void check(const HttpRequest &request);

    // The key a client is counted under.
    static QString clientKey(const QHostAddress &address);

private:
    void applyLimits(const HttpRequest &request);
    RateLimiter m_clients;
    RateLimiter m_tokens;
};

} // namespace compose
