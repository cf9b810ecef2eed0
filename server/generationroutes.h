#pragma once

#include "apierror.h"
#include "formrecord.h"
#include "httpserver.h"

#include <QJsonObject>
#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace compose {

class ApiContext;

// POST /api/generate, GET /api/status/{taskId} and MusicGPT's webhook. MusicGPT makes two
// versions per request (conversion_id_1/_2); a generation is complete when both have audio,
// and the form is variations_ready when every song has its three variations complete.
class GenerationRoutes final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GenerationRoutes)
public:
    // MusicGPT calls one form may make (3 songs x 3 variations, each tried up to 3 times).
    static constexpr int MaxCallsPerForm = 27;
    // A claim this old outlived any outbound call (20 s timeout): its process died mid-call.
    static constexpr int ClaimStaleSeconds = 120;

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

    // Checks that the form can generate song/variation (throws ApiError when not), claims the
    // slot (unless the caller did; a slot claimed elsewhere answers done() with 409
    // generation_in_progress), then asks MusicGPT. A failed call releases the claim; nothing
    // else is written until applyStarted() runs in the caller's transaction.
    void requestGeneration(const FormRecord &form, int songIndex, int variationIndex,
                           QObject *context, StartCallback done, bool alreadyClaimed = false);
    // Records a started generation: the music_generations row (a new one, or the same slot's
    // row reset for a retry), the form's variation_task_ids, status variations_generating; and
    // releases the slot's claim.
    void applyStarted(const QString &formId, int songIndex, int variationIndex, const Started &started,
                      bool preview, const QString &actor);

    // The secret in the webhook URL given to MusicGPT: random, created once in compose_secrets.
    static QString loadWebhookToken(QSqlDatabase db);
    static bool isAudioUrl(const QString &text); // http(s) with a host

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
    std::optional<QJsonObject> existingGeneration(const QString &formId, int song,
                                                  int variation) const;
    // In the caller's transaction: true when this caller now holds the slot.
    bool claimSlot(const QString &formId, int song, int variation);
    void releaseClaim(const QString &formId, int song, int variation) const;
    void releaseClaimQuietly(const QString &formId, int song, int variation) const;
    static ApiError busyError(int song, int variation);
    QString webhookToken();

    ApiContext *m_ctx = nullptr;
    QString m_webhookToken;
};

} // namespace compose
