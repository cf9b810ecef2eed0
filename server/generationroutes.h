#pragma once

#include "apierror.h"
#include "formrecord.h"
#include "generationservice.h"
#include "httpserver.h"

#include <QJsonObject>
#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace compose {

class ApiContext;

// POST /api/generate, GET /api/status/{taskId} and MusicGPT's webhook: parse, answer, and
// leave the work to GenerationService.
class GenerationRoutes final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GenerationRoutes)
public:
    static constexpr int MaxCallsPerForm = GenerationService::MaxCallsPerForm;
    static constexpr int ClaimStaleSeconds = GenerationService::ClaimStaleSeconds;

    explicit GenerationRoutes(ApiContext *context, QObject *parent = nullptr);
    void registerRoutes(HttpServer *server);

    // The generation work itself (claims, starting, applying MusicGPT's results).
    GenerationService *service() const { return m_service; }

    using Started = GenerationService::Started;
    using StartCallback = GenerationService::StartCallback;
    // See GenerationService: kept here for the staff routes that start generations.
    void requestGeneration(const FormRecord &form, int songIndex, int variationIndex,
                           QObject *context, StartCallback done, bool alreadyClaimed = false)
    {
        m_service->requestGeneration(form, songIndex, variationIndex, context, std::move(done),
                                     alreadyClaimed);
    }
    void applyStarted(const QString &formId, int songIndex, int variationIndex,
                      const Started &started, bool preview, const QString &actor)
    {
        m_service->applyStarted(formId, songIndex, variationIndex, started, preview, actor);
    }
    static QString loadWebhookToken(QSqlDatabase db)
    {
        return GenerationService::loadWebhookToken(std::move(db));
    }
    static bool isAudioUrl(const QString &text) { return GenerationService::isAudioUrl(text); }

private:
    void generate(const HttpRequest &req, const Exchange &ex);
    void status(const HttpRequest &req, const Exchange &ex);
    void webhook(const HttpRequest &req, const Exchange &ex);

    ApiContext *m_ctx = nullptr;
    GenerationService *m_service = nullptr;
};

} // namespace compose
