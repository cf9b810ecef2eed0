#include "generationservice.h"

#include "formrows.h"

#include "apicontext.h"
#include "database.h"
#include "jsoninput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlDatabase>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

namespace {
const QString kSystem = QStringLiteral("system");
const QString kWebhookSecret = QStringLiteral("musicgpt_webhook_token");

QJsonObject parseObject(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    return doc.isObject() ? doc.object() : QJsonObject();
}

ApiError upstream(const QString &service, const Outbound::Reply &r)
{
    QString message = parseObject(r.body).value(QStringLiteral("message")).toString();
    if (message.isEmpty())
        message = parseObject(r.body)
                      .value(QStringLiteral("error"))
                      .toObject()
                      .value(QStringLiteral("message"))
                      .toString();
    if (message.isEmpty())
        message = r.status == 0 ? r.networkError : QStringLiteral("HTTP %1").arg(r.status);
    return ApiError(r.status == 429 ? 503 : 502, QStringLiteral("upstream_error"),
                    QStringLiteral("%1 refused the request: %2").arg(service, message.left(300)),
                    QJsonObject {{QStringLiteral("service"), service},
                                 {QStringLiteral("upstreamStatus"), r.status}});
}
} // namespace

GenerationService::GenerationService(ApiContext *context, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
{
}

QString GenerationService::mapStatus(const QString &musicGpt)
{
    const QString s = musicGpt.toUpper();
    if (s == QLatin1String("COMPLETED"))
        return QStringLiteral("completed");
    if (s == QLatin1String("ERROR") || s == QLatin1String("FAILED"))
        return QStringLiteral("failed");
    if (s == QLatin1String("IN_PROGRESS"))
        return QStringLiteral("in_progress");
    return QStringLiteral("pending");
}

QString GenerationService::loadWebhookToken(QSqlDatabase db)
{
    // Random and kept in the database, so every process on it agrees and nothing public (the
    // key, a default) derives it. The first process to need it creates it; the others read it.
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(random.begin(), random.end());
    const QString token
        = GenerationStore(std::move(db))
              .secret(kWebhookSecret, QString::fromLatin1(random.toHex()), ApiContext::now());
    if (token.size() < 32)
        throw ApiError(500, QStringLiteral("not_configured"),
                       QStringLiteral("The MusicGPT webhook token is missing."));
    return token;
}

QString GenerationService::webhookToken()
{
    if (m_webhookToken.isEmpty())
        m_webhookToken = loadWebhookToken(m_ctx->db());
    return m_webhookToken;
}

bool GenerationService::isAudioUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty()
        && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
}

void GenerationService::requestGeneration(const FormRecord &form, int songIndex, int variationIndex,
                                          QObject *context, StartCallback done, bool alreadyClaimed)
{
    if (songIndex < 0 || songIndex >= form.songCount)
        JsonInput::fail(
            QStringLiteral("song_index"),
            QStringLiteral("song_index must be 0..%1 for this form.").arg(form.songCount - 1));
    if (variationIndex < 1 || variationIndex > 3)
        JsonInput::fail(QStringLiteral("variation_index"),
                        QStringLiteral("variation_index must be 1, 2 or 3."));
    if (!Status::canTransition(form.status(), FormStatus::VariationsGenerating))
        throw ApiError(
            409, QStringLiteral("invalid_transition"),
            Status::transitionError(form.status(), FormStatus::VariationsGenerating),
            QJsonObject {{QStringLiteral("from"), form.statusKey},
                         {QStringLiteral("to"), QStringLiteral("variations_generating")}});
    const QJsonValue prompt = form.generatedPrompts.toArray().at(songIndex);
    if (!prompt.isString() || prompt.toString().trimmed().isEmpty())
        throw ApiError::conflict(
            QStringLiteral("missing_prompt"),
            QStringLiteral("The form has no prompt for song %1.").arg(songIndex));

    if (!alreadyClaimed) {
        Db::Transaction tx(m_ctx->db());
        if (!claimSlot(form.id, songIndex, variationIndex)) {
            done(std::nullopt, busyError(songIndex, variationIndex));
            return;
        }
        tx.commit();
    }

    QUrl webhook = m_ctx->publicBase();
    webhook.setPath(webhook.path() + QStringLiteral("/api/musicgpt/webhook"));
    // The simulator (and MusicGPT) learn the token from this URL; it is never logged.
    webhook.setQuery(QStringLiteral("token=") + webhookToken());
    QJsonObject body {{QStringLiteral("prompt"), prompt.toString()},
                      {QStringLiteral("make_instrumental"), false},
                      {QStringLiteral("vocal_only"), false},
                      {QStringLiteral("webhook_url"), webhook.toString()}};
    const QString recipient
        = form.formData.toObject().value(QStringLiteral("recipientName")).toString();
    if (!recipient.isEmpty())
        body.insert(QStringLiteral("title"), QStringLiteral("For %1").arg(recipient.left(80)));
    const QString vibe = form.formData.toObject().value(QStringLiteral("vibe")).toString();
    if (!vibe.isEmpty())
        body.insert(QStringLiteral("music_style"), vibe.left(80));

    QUrl url = m_ctx->musicGptBase();
    url.setPath(url.path() + QStringLiteral("/api/public/v1/MusicAI"));
    // MusicGPT takes the bare key, without "Bearer".
    m_ctx->outbound()->send(
        "POST", url,
        {{"Authorization", m_ctx->musicGptKey().toUtf8()}, {"Content-Type", "application/json"}},
        QJsonDocument(body).toJson(QJsonDocument::Compact), context,
        [this, done, formId = form.id, songIndex, variationIndex](const Outbound::Reply &r) {
            const QJsonObject o = parseObject(r.body);
            if (!r.ok() || !o.value(QStringLiteral("success")).toBool(true)
                || !JsonInput::isSafeId(o.value(QStringLiteral("task_id")).toString())) {
                qCWarning(lcApi) << "MusicGPT refused a generation: HTTP" << r.status;
                // Nothing started: the slot may be tried again at once.
                releaseClaimQuietly(formId, songIndex, variationIndex);
                done(std::nullopt,
                     r.ok()
                         ? ApiError(502, QStringLiteral("upstream_error"),
                                    QStringLiteral("MusicGPT answered without a usable task_id."))
                         : upstream(QStringLiteral("MusicGPT"), r));
                return;
            }
            Started s;
            s.taskId = o.value(QStringLiteral("task_id")).toString();
            s.conversionId1 = o.value(QStringLiteral("conversion_id_1")).toString();
            s.conversionId2 = o.value(QStringLiteral("conversion_id_2")).toString();
            s.eta = o.value(QStringLiteral("eta")).toDouble();
            s.raw = o;
            done(s, std::nullopt);
        });
}

void GenerationService::applyStarted(const QString &formId, int songIndex, int variationIndex,
                                     const Started &started, bool preview, const QString &actor)
{
    QSqlDatabase db = m_ctx->db();
    const FormRecord form = m_ctx->requireForm(formId, true);
    m_ctx->changeStatus(form, FormStatus::VariationsGenerating, actor);

    const GenerationStore store = m_ctx->generations();
    const auto existing = store.latestInSlot(formId, songIndex, variationIndex);
    const QString prompt = form.generatedPrompts.toArray().at(songIndex).toString();
    const QDateTime nowTime = ApiContext::now();
    if (existing) {
        store.restart(
            existing->id,
            {started.taskId, started.conversionId1, started.conversionId2, prompt, started.raw},
            nowTime);
    } else {
        const QJsonObject data = form.formData.toObject();
        GenerationRow row;
        row.id = ApiContext::newId(QStringLiteral("gen_"));
        row.taskId = started.taskId;
        row.formId = formId;
        row.songIndex = songIndex;
        row.variationIndex = variationIndex;
        row.isPreview = preview;
        row.status = QStringLiteral("pending");
        row.conversionId1 = started.conversionId1;
        row.conversionId2 = started.conversionId2;
        row.generatedPrompt = prompt;
        row.musicGptResponse = ApiContext::writeJson(started.raw);
        row.recipient = data.value(QStringLiteral("recipientName")).toString();
        row.relationship = data.value(QStringLiteral("relationship")).toString();
        row.vibe = data.value(QStringLiteral("vibe")).toString();
        row.userId = textOrNull(form.userId);
        row.createdAt = nowTime;
        row.updatedAt = nowTime;
        GenerationRowWriter::insert(db, row);
    }

    // variation_task_ids {"0": [t1, t2, t3]}: slot variationIndex-1 of the song's array.
    QJsonObject taskIds = form.variationTaskIds.toObject();
    const QString songKey = QString::number(songIndex);
    QJsonArray songTasks = taskIds.value(songKey).toArray();
    while (songTasks.size() < variationIndex)
        songTasks.append(QJsonValue::Null);
    songTasks[variationIndex - 1] = started.taskId;
    taskIds.insert(songKey, songTasks);
    QJsonObject audio = form.variationAudioUrls.toObject();
    QJsonObject songAudio = audio.value(songKey).toObject();
    songAudio.remove(QString::number(variationIndex));
    audio.insert(songKey, songAudio);
    m_ctx->forms().setVariationTasks(formId, taskIds, audio, nowTime);
    // The row now answers for the slot; the claim goes in the same transaction.
    releaseClaim(formId, songIndex, variationIndex);
}

std::optional<GenerationRecord> GenerationService::existingGeneration(const QString &formId,
                                                                      int song, int variation) const
{
    auto g = m_ctx->generations().latestInSlot(formId, song, variation);
    if (!g || g->status == QLatin1String("failed"))
        return std::nullopt;
    return g;
}

bool GenerationService::claimSlot(const QString &formId, int song, int variation) const
{
    const QDateTime now = ApiContext::now();
    // A claim older than any outbound call can last belongs to a process that died mid-call.
    return m_ctx->generations().claimSlot(formId, song, variation, now,
                                          now.addSecs(-ClaimStaleSeconds));
}

void GenerationService::releaseClaim(const QString &formId, int song, int variation) const
{
    m_ctx->generations().releaseClaim(formId, song, variation);
}

void GenerationService::releaseClaimQuietly(const QString &formId, int song, int variation) const
{
    try {
        releaseClaim(formId, song, variation);
    } catch (const DbError &e) {
        // The claim then expires after ClaimStaleSeconds; nothing else is lost.
        qCWarning(lcApi).noquote() << "could not release the generation claim of" << formId << song
                                   << variation << ":" << e.message();
    }
}

void GenerationService::spendCall(const QString &formId) const
{
    if (!m_ctx->generations().spendCall(formId, MaxCallsPerForm))
        throw ApiError(
            429, QStringLiteral("generation_limit"),
            QStringLiteral(
                "This form has used all %1 of its generation calls; ask support for more.")
                .arg(MaxCallsPerForm),
            QJsonObject {{QStringLiteral("limit"), MaxCallsPerForm}});
}

ApiError GenerationService::busyError(int song, int variation)
{
    return ApiError::conflict(
        QStringLiteral("generation_in_progress"),
        QStringLiteral("Variation %1 of song %2 is being started by another request; "
                       "ask /api/compose/forms for its task id in a moment.")
            .arg(variation)
            .arg(song),
        QJsonObject {{QStringLiteral("songIndex"), song},
                     {QStringLiteral("variationIndex"), variation}});
}

GenerationRecord GenerationService::requireByTask(const QString &taskId) const
{
    auto g = m_ctx->generations().byTask(taskId);
    if (!g)
        throw ApiError(404, QStringLiteral("task_not_found"),
                       QStringLiteral("There is no generation with task id \"%1\".").arg(taskId),
                       QJsonObject {{QStringLiteral("taskId"), taskId}});
    return *g;
}

ApiError GenerationService::upstreamError(const QString &service, const Outbound::Reply &reply)
{
    return upstream(service, reply);
}

void GenerationService::applyStatusReply(const QString &taskId, const QByteArray &body) const
{
    const QJsonObject c = parseObject(body).value(QStringLiteral("conversion")).toObject();
    const QString st = mapStatus(c.value(QStringLiteral("status")).toString());
    Db::Transaction tx(m_ctx->db());
    m_ctx->setActor(kSystem);
    if (st == QLatin1String("completed")) {
        // The documented reply names one conversion (audio_url); a task has two, which come as
        // *_1/*_2 fields. Read both shapes.
        for (int v = 1; v <= 2; ++v) {
            const QString n = QString::number(v);
            Version ver;
            ver.audioUrl = c.value(QStringLiteral("conversion_path_") + n).toString();
            if (ver.audioUrl.isEmpty() && v == 1)
                ver.audioUrl = c.value(QStringLiteral("audio_url")).toString();
            if (ver.audioUrl.isEmpty())
                continue;
            ver.wavUrl = c.value(QStringLiteral("conversion_path_wav_") + n).toString();
            if (!isAudioUrl(ver.audioUrl) || (!ver.wavUrl.isEmpty() && !isAudioUrl(ver.wavUrl))) {
                qCWarning(lcApi) << "MusicGPT's status for task" << taskId
                                 << "has a non-http(s) audio URL; ignored";
                continue;
            }
            if (c.contains(QStringLiteral("conversion_duration_") + n))
                ver.duration = c.value(QStringLiteral("conversion_duration_") + n).toDouble();
            ver.title = c.value(QStringLiteral("title_") + n)
                            .toString(c.value(QStringLiteral("title")).toString());
            ver.lyrics = c.value(QStringLiteral("lyrics_") + n)
                             .toString(c.value(QStringLiteral("lyrics")).toString());
            applyVersion(taskId, v, ver);
        }
        finishIfComplete(taskId);
    } else if (st == QLatin1String("failed")) {
        applyFailure(taskId, c.value(QStringLiteral("status_msg")).toString());
    } else if (st == QLatin1String("in_progress")) {
        applyInProgress(taskId);
    }
    tx.commit();
}

void GenerationService::applyInProgress(const QString &taskId) const
{
    m_ctx->generations().markInProgress(taskId, ApiContext::now());
}

void GenerationService::applyVersion(const QString &taskId, int version, const Version &v) const
{
    m_ctx->generations().recordVersion(taskId, version, v, ApiContext::now());
}

void GenerationService::applyFailure(const QString &taskId, const QString &reason) const
{
    m_ctx->generations().recordFailure(taskId, QJsonObject {{QStringLiteral("reason"), reason}},
                                       ApiContext::now());
}

void GenerationService::finishIfComplete(const QString &taskId) const
{
    const GenerationStore store = m_ctx->generations();
    const auto g = store.byTask(taskId);
    if (!g)
        return;
    const QString formId = g->formId;
    const int song = g->songIndex.value_or(0);
    const int variation = g->variationIndex.value_or(0);
    const QString url1 = g->audioUrl1;
    if (url1.isEmpty() || g->audioUrl2.isEmpty() || g->status == QLatin1String("failed"))
        return; // the other version has not arrived yet
    if (g->status != QLatin1String("completed"))
        store.markCompleted(taskId, ApiContext::now());
    if (formId.isEmpty())
        return; // an old dashboard-flow generation
    const auto form = m_ctx->findForm(formId, true);
    if (!form)
        return;
    QJsonObject audio = form->variationAudioUrls.toObject();
    QJsonObject songAudio = audio.value(QString::number(song)).toObject();
    if (songAudio.value(QString::number(variation)).toString() != url1) {
        songAudio.insert(QString::number(variation), url1);
        audio.insert(QString::number(song), songAudio);
        m_ctx->forms().setVariationAudioUrls(formId, audio, ApiContext::now());
    }
    const int complete = store.completedSlots(formId, form->songCount);
    if (complete == form->songCount * 3 && form->status() == FormStatus::VariationsGenerating) {
        m_ctx->changeStatus(*form, FormStatus::VariationsReady, kSystem);
        qCInfo(lcApi) << "form" << formId << "has all" << complete << "variations ready";
    }
}

} // namespace compose
