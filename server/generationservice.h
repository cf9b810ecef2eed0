#pragma once

#include "apierror.h"
#include "formrecord.h"
#include "generationstore.h"
#include "outbound.h"

#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace compose {

class ApiContext;

// The generation work of compose-api, apart from HTTP: claiming a slot, asking MusicGPT to
// start, recording the start, and applying what MusicGPT reports (polls and webhooks).
// MusicGPT makes two versions per request (conversion_id_1/_2); a generation is complete when
// both have audio, and the form is variations_ready when every song has its three variations
// complete. The apply* functions run in the caller's transaction and are idempotent (webhooks
// repeat, polls overlap).
class GenerationService final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GenerationService)
public:
    // MusicGPT calls one form may make (3 songs x 3 variations, each tried up to 3 times).
    static constexpr int MaxCallsPerForm = 27;
    // A claim this old outlived any outbound call (20 s timeout): its process died mid-call.
    static constexpr int ClaimStaleSeconds = 120;

    explicit GenerationService(ApiContext *context, QObject *parent = nullptr);

    // MusicGPT's answer to one MusicAI request.
    struct Started {
        QString taskId;
        QString conversionId1;
        QString conversionId2;
        double eta = 0;
        QJsonObject raw;
    };
    using StartCallback
        = std::function<void(const std::optional<Started> &, const std::optional<ApiError> &)>;
    using Version = GenerationStore::Version;

    // Checks that the form can generate song/variation (throws ApiError when not), claims the
    // slot (unless the caller did; a slot claimed elsewhere answers done() with 409
    // generation_in_progress), then asks MusicGPT. A failed call releases the claim; nothing
    // else is written until applyStarted() runs in the caller's transaction.
    void requestGeneration(const FormRecord &form, int songIndex, int variationIndex,
                           QObject *context, StartCallback done, bool alreadyClaimed = false);
    // Records a started generation: the music_generations row (a new one, or the same slot's
    // row reset for a retry), the form's variation_task_ids, status variations_generating; and
    // releases the slot's claim.
    void applyStarted(const QString &formId, int songIndex, int variationIndex,
                      const Started &started, bool preview, const QString &actor);

    // The slot's newest generation unless it failed: a repeated request answers with it.
    std::optional<GenerationRecord> existingGeneration(const QString &formId, int song,
                                                       int variation) const;
    // In the caller's transaction: true when this caller now holds the slot.
    bool claimSlot(const QString &formId, int song, int variation) const;
    void releaseClaim(const QString &formId, int song, int variation) const;
    void releaseClaimQuietly(const QString &formId, int song, int variation) const;
    // In the caller's transaction: counts one MusicGPT call; 429 generation_limit past the cap.
    void spendCall(const QString &formId) const;
    static ApiError busyError(int song, int variation);

    // 404 task_not_found when no generation has the task id.
    GenerationRecord requireByTask(const QString &taskId) const;
    void applyInProgress(const QString &taskId) const;
    void applyVersion(const QString &taskId, int version, const Version &v) const;
    void applyFailure(const QString &taskId, const QString &reason) const;
    // Applies MusicGPT's answer to a status poll (GET byId) in a transaction of its own.
    void applyStatusReply(const QString &taskId, const QByteArray &body) const;
    // The error compose-api answers when `service` refused a call or could not be reached.
    static ApiError upstreamError(const QString &service, const Outbound::Reply &reply);
    // MusicGPT's status word as ours: completed, failed, in_progress or pending.
    static QString mapStatus(const QString &musicGpt);
    // Completes the task when both versions are in, copies the audio URL into the form and
    // moves the form to variations_ready when every slot is complete.
    void finishIfComplete(const QString &taskId) const;

    // The secret in the webhook URL given to MusicGPT: random, created once in compose_secrets.
    static QString loadWebhookToken(QSqlDatabase db);
    QString webhookToken();
    static bool isAudioUrl(const QString &text); // http(s) with a host

private:
    ApiContext *m_ctx = nullptr;
    QString m_webhookToken;
};

} // namespace compose
