#pragma once

#include "apierror.h"
#include "formrecord.h"
#include "httpserver.h"

#include <QJsonObject>

#include <functional>
#include <optional>

namespace compose {

class ApiContext;

// POST /api/generate, GET /api/status/{taskId} and MusicGPT's webhook. MusicGPT makes two
// versions per request (conversion_id_1/_2); a generation is complete when both have audio,
// and the form is variations_ready when every song has its three variations complete.
class GenerationRoutes : public QObject
{
    Q_OBJECT
public:
    explicit GenerationRoutes(ApiContext *context, QObject *parent = nullptr);
    void registerRoutes(HttpServer *server);

    // MusicGPT's answer to one MusicAI request.
    struct Started
    {
        QString taskId;
        QString conversionId1;
        QString conversionId2;
        double eta = 0;
        QJsonObject raw;
    };
    using StartCallback = std::function<void(const std::optional<Started> &, const std::optional<ApiError> &)>;

    // Checks that the form can generate song/variation (throws ApiError when not), then asks
    // MusicGPT; nothing is written until applyStarted() runs in the caller's transaction.
    void requestGeneration(const FormRecord &form, int songIndex, int variationIndex, QObject *context,
                           StartCallback done);
    // Records a started generation: the music_generations row (a new one, or the same slot's
    // row reset for a retry), the form's variation_task_ids, status variations_generating.
    void applyStarted(const QString &formId, int songIndex, int variationIndex, const Started &started,
                      bool preview, const QString &actor);

    static QString webhookToken(const QString &musicGptKey);

private:
    void generate(const HttpRequest &req, const Exchange &ex);
    void status(const HttpRequest &req, const Exchange &ex);
    void webhook(const HttpRequest &req, const Exchange &ex);

    struct Version
    {
        QString audioUrl;
        QString wavUrl;
        std::optional<double> duration;
        QString title;
        QString lyrics;
        QString lyricsTimestamped;
    };
    // Both run inside a transaction; idempotent (webhooks repeat, polls overlap).
    void applyVersion(const QString &taskId, int version, const Version &v);
    void applyFailure(const QString &taskId, const QString &reason);
    void applyInProgress(const QString &taskId);
    void finishIfComplete(const QString &taskId);
    QJsonObject generationByTask(const QString &taskId) const;

    ApiContext *m_ctx = nullptr;
};

} // namespace compose
