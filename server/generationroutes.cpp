#include "generationroutes.h"

#include "apicontext.h"
#include "database.h"
#include "formrows.h"
#include "jsoninput.h"
#include "stripesignature.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QUrlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

namespace {
const QString kSystem = QStringLiteral("system");

QJsonObject parseObject(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    return doc.isObject() ? doc.object() : QJsonObject();
}

ApiError upstream(const QString &service, const Outbound::Reply &r)
{
    QString message = parseObject(r.body).value(QStringLiteral("message")).toString();
    if (message.isEmpty())
        message = parseObject(r.body).value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
    if (message.isEmpty())
        message = r.status == 0 ? r.networkError : QStringLiteral("HTTP %1").arg(r.status);
    return ApiError(r.status == 429 ? 503 : 502, QStringLiteral("upstream_error"),
                    QStringLiteral("%1 refused the request: %2").arg(service, message.left(300)),
                    QJsonObject{{QStringLiteral("service"), service},
                                {QStringLiteral("upstreamStatus"), r.status}});
}

QString mapStatus(const QString &musicGpt)
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
} // namespace

GenerationRoutes::GenerationRoutes(ApiContext *context, QObject *parent)
    : QObject(parent), m_ctx(context)
{
}

QString GenerationRoutes::loadWebhookToken(QSqlDatabase db)
{
    // Random and kept in the database, so every process on it agrees and nothing public (the
    // key, a default) derives it. The first process to need it creates it; the others read it.
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(random.begin(), random.end());
    QSqlQuery ins
        = Db::prepare(db,
                      QStringLiteral("INSERT INTO compose_secrets(name, value, created_at) "
                                     "VALUES (:n, :v, :now) ON CONFLICT DO NOTHING"));
    ins.bindValue(QStringLiteral(":n"), QStringLiteral("musicgpt_webhook_token"));
    ins.bindValue(QStringLiteral(":v"), QString::fromLatin1(random.toHex()));
    ins.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
    Db::exec(ins);
    QSqlQuery q
        = Db::prepare(db, QStringLiteral("SELECT value FROM compose_secrets WHERE name = :n"));
    q.bindValue(QStringLiteral(":n"), QStringLiteral("musicgpt_webhook_token"));
    Db::exec(q);
    if (!q.next() || q.value(0).toString().size() < 32)
        throw ApiError(500, QStringLiteral("not_configured"),
                       QStringLiteral("The MusicGPT webhook token is missing."));
    return q.value(0).toString();
}

QString GenerationRoutes::webhookToken()
{
    if (m_webhookToken.isEmpty())
        m_webhookToken = loadWebhookToken(m_ctx->db());
    return m_webhookToken;
}

bool GenerationRoutes::isAudioUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty()
        && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
}

void GenerationRoutes::registerRoutes(HttpServer *server)
{
    server->addRoute("POST", QStringLiteral("/api/generate"),
                     [this](const HttpRequest &r, const Exchange &ex) { generate(r, ex); });
    server->addRoute("GET", QStringLiteral("/api/status/{taskId}"),
                     [this](const HttpRequest &r, const Exchange &ex) { status(r, ex); });
    server->addRoute("POST", QStringLiteral("/api/musicgpt/webhook"),
                     [this](const HttpRequest &r, const Exchange &ex) { webhook(r, ex); });
}

void GenerationRoutes::requestGeneration(const FormRecord &form, int songIndex, int variationIndex,
                                         QObject *context, StartCallback done, bool alreadyClaimed)
{
    if (songIndex < 0 || songIndex >= form.songCount)
        JsonInput::fail(QStringLiteral("song_index"),
                        QStringLiteral("song_index must be 0..%1 for this form.").arg(form.songCount - 1));
    if (variationIndex < 1 || variationIndex > 3)
        JsonInput::fail(QStringLiteral("variation_index"), QStringLiteral("variation_index must be 1, 2 or 3."));
    if (!Status::canTransition(form.status(), FormStatus::VariationsGenerating))
        throw ApiError(409, QStringLiteral("invalid_transition"),
                       Status::transitionError(form.status(), FormStatus::VariationsGenerating),
                       QJsonObject{{QStringLiteral("from"), form.statusKey},
                                   {QStringLiteral("to"), QStringLiteral("variations_generating")}});
    const QJsonValue prompt = form.generatedPrompts.toArray().at(songIndex);
    if (!prompt.isString() || prompt.toString().trimmed().isEmpty())
        throw ApiError::conflict(QStringLiteral("missing_prompt"),
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
    QJsonObject body{{QStringLiteral("prompt"), prompt.toString()},
                     {QStringLiteral("make_instrumental"), false},
                     {QStringLiteral("vocal_only"), false},
                     {QStringLiteral("webhook_url"), webhook.toString()}};
    const QString recipient = form.formData.toObject().value(QStringLiteral("recipientName")).toString();
    if (!recipient.isEmpty())
        body.insert(QStringLiteral("title"), QStringLiteral("For %1").arg(recipient.left(80)));
    const QString vibe = form.formData.toObject().value(QStringLiteral("vibe")).toString();
    if (!vibe.isEmpty())
        body.insert(QStringLiteral("music_style"), vibe.left(80));

    QUrl url = m_ctx->musicGptBase();
    url.setPath(url.path() + QStringLiteral("/api/public/v1/MusicAI"));
    // MusicGPT takes the bare key, without "Bearer".
    m_ctx->outbound()
        ->send(
            "POST", url,
            {{"Authorization", m_ctx->musicGptKey().toUtf8()},
             {"Content-Type", "application/json"}},
            QJsonDocument(body).toJson(QJsonDocument::Compact), context,
            [this, done, formId = form.id, songIndex, variationIndex](const Outbound::Reply &r) {
                const QJsonObject o = parseObject(r.body);
                if (!r.ok() || !o.value(QStringLiteral("success")).toBool(true)
                    || !JsonInput::isSafeId(o.value(QStringLiteral("task_id")).toString())) {
                    qCWarning(lcApi) << "MusicGPT refused a generation: HTTP" << r.status;
                    // Nothing started: the slot may be tried again at once.
                    releaseClaimQuietly(formId, songIndex, variationIndex);
                    done(std::nullopt, r.ok() ? ApiError(502, QStringLiteral("upstream_error"),
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

void GenerationRoutes::applyStarted(const QString &formId, int songIndex, int variationIndex,
                                    const Started &started, bool preview, const QString &actor)
{
    QSqlDatabase db = m_ctx->db();
    const FormRecord form = m_ctx->requireForm(formId, true);
    m_ctx->changeStatus(form, FormStatus::VariationsGenerating, actor);

    QSqlQuery find = Db::prepare(db, QStringLiteral(
            "SELECT id FROM music_generations WHERE form_id = :f AND song_index = :s AND "
            "variation_index = :v ORDER BY created_at DESC"));
    find.bindValue(QStringLiteral(":f"), formId);
    find.bindValue(QStringLiteral(":s"), songIndex);
    find.bindValue(QStringLiteral(":v"), variationIndex);
    Db::exec(find);
    const QString existing = find.next() ? find.value(0).toString() : QString();
    const QJsonObject data = form.formData.toObject();
    const QDateTime startedAt = ApiContext::now();
    const QString now = Db::timestamp(startedAt).toString();
    if (existing.isEmpty()) {
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
        row.generatedPrompt = form.generatedPrompts.toArray().at(songIndex).toString();
        row.musicGptResponse = ApiContext::writeJson(started.raw);
        row.recipient = data.value(QStringLiteral("recipientName")).toString();
        row.relationship = data.value(QStringLiteral("relationship")).toString();
        row.vibe = data.value(QStringLiteral("vibe")).toString();
        row.userId = textOrNull(form.userId);
        row.createdAt = startedAt;
        row.updatedAt = startedAt;
        GenerationRowWriter::insert(db, row);
    } else {
        QSqlQuery q = Db::prepare(db, QStringLiteral(
                "UPDATE music_generations SET task_id = :task, status = 'pending', "
                "conversion_id_1 = :c1, conversion_id_2 = :c2, generated_prompt = :prompt, "
                "musicgpt_response = :resp, audio_url_1 = NULL, audio_url_2 = NULL, "
                "audio_url_wav_1 = NULL, audio_url_wav_2 = NULL, "
                "duration_1 = NULL, duration_2 = NULL, "
                "title_1 = NULL, title_2 = NULL, lyrics_1 = NULL, lyrics_2 = NULL, "
                "status_response = NULL, completed_at = NULL, updated_at = :now WHERE id = :id"));
        q.bindValue(QStringLiteral(":id"), existing);
        q.bindValue(QStringLiteral(":task"), started.taskId);
        q.bindValue(QStringLiteral(":c1"), started.conversionId1);
        q.bindValue(QStringLiteral(":c2"), started.conversionId2);
        q.bindValue(QStringLiteral(":prompt"),
                    form.generatedPrompts.toArray().at(songIndex).toString());
        q.bindValue(QStringLiteral(":resp"), ApiContext::writeJson(started.raw));
        q.bindValue(QStringLiteral(":now"), now);
        Db::exec(q);
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
    QSqlQuery f = Db::prepare(db, QStringLiteral("UPDATE compose_forms SET variation_task_ids = :t, "
                                                 "variation_audio_urls = :a, updated_at = :now WHERE id = :id"));
    f.bindValue(QStringLiteral(":t"), ApiContext::writeJson(taskIds));
    f.bindValue(QStringLiteral(":a"), ApiContext::writeJson(audio));
    f.bindValue(QStringLiteral(":now"), now);
    f.bindValue(QStringLiteral(":id"), formId);
    Db::exec(f);
    // The row now answers for the slot; the claim goes in the same transaction.
    releaseClaim(formId, songIndex, variationIndex);
}

std::optional<QJsonObject> GenerationRoutes::existingGeneration(const QString &formId, int song,
                                                                int variation) const
{
    QSqlQuery q = Db::prepare(
        m_ctx->db(),
        QStringLiteral(
            "SELECT task_id, status FROM music_generations WHERE form_id = :f AND song_index = :s "
            "AND variation_index = :v ORDER BY created_at DESC"));
    q.bindValue(QStringLiteral(":f"), formId);
    q.bindValue(QStringLiteral(":s"), song);
    q.bindValue(QStringLiteral(":v"), variation);
    Db::exec(q);
    if (!q.next() || q.value(1).toString() == QLatin1String("failed"))
        return std::nullopt;
    return QJsonObject {{QStringLiteral("success"), true},
                        {QStringLiteral("task_id"), q.value(0).toString()},
                        {QStringLiteral("status"), q.value(1).toString()},
                        {QStringLiteral("form_id"), formId},
                        {QStringLiteral("song_index"), song},
                        {QStringLiteral("variation_index"), variation},
                        {QStringLiteral("existing"), true}};
}

bool GenerationRoutes::claimSlot(const QString &formId, int song, int variation)
{
    QSqlDatabase db = m_ctx->db();
    const QDateTime now = ApiContext::now();
    // A claim older than any outbound call can last belongs to a process that died mid-call.
    QSqlQuery stale = Db::prepare(
        db,
        QStringLiteral(
            "DELETE FROM compose_generation_claims WHERE form_id = :f AND song_index = :s AND "
            "variation_index = :v AND claimed_at < :cutoff"));
    stale.bindValue(QStringLiteral(":f"), formId);
    stale.bindValue(QStringLiteral(":s"), song);
    stale.bindValue(QStringLiteral(":v"), variation);
    stale.bindValue(QStringLiteral(":cutoff"), Db::timestamp(now.addSecs(-ClaimStaleSeconds)));
    Db::exec(stale);
    QSqlQuery q = Db::prepare(db,
                              QStringLiteral("INSERT INTO compose_generation_claims(form_id, "
                                             "song_index, variation_index, claimed_at) "
                                             "VALUES (:f, :s, :v, :now) ON CONFLICT DO NOTHING"));
    q.bindValue(QStringLiteral(":f"), formId);
    q.bindValue(QStringLiteral(":s"), song);
    q.bindValue(QStringLiteral(":v"), variation);
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    Db::exec(q);
    return q.numRowsAffected() == 1;
}

void GenerationRoutes::releaseClaim(const QString &formId, int song, int variation) const
{
    QSqlQuery q = Db::prepare(m_ctx->db(),
                              QStringLiteral("DELETE FROM compose_generation_claims WHERE form_id "
                                             "= :f AND song_index = :s AND variation_index = :v"));
    q.bindValue(QStringLiteral(":f"), formId);
    q.bindValue(QStringLiteral(":s"), song);
    q.bindValue(QStringLiteral(":v"), variation);
    Db::exec(q);
}

void GenerationRoutes::releaseClaimQuietly(const QString &formId, int song, int variation) const
{
    try {
        releaseClaim(formId, song, variation);
    } catch (const DbError &e) {
        // The claim then expires after ClaimStaleSeconds; nothing else is lost.
        qCWarning(lcApi).noquote() << "could not release the generation claim of" << formId << song
                                   << variation << ":" << e.message();
    }
}

ApiError GenerationRoutes::busyError(int song, int variation)
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

void GenerationRoutes::generate(const HttpRequest &req, const Exchange &ex)
{
    const JsonInput in = JsonInput::parse(req.body);
    in.allowOnly({QStringLiteral("preview_mode"), QStringLiteral("form_id"), QStringLiteral("song_index"),
                  QStringLiteral("variation_index")});
    const bool preview = in.optionalBool(QStringLiteral("preview_mode")).value_or(true);
    const QString formId = in.requireString(QStringLiteral("form_id"), 100);
    const int song = int(in.requireInt(QStringLiteral("song_index"), 0, 2));
    const int variation = int(in.requireInt(QStringLiteral("variation_index"), 1, 3));
    const FormRecord form = m_ctx->requireForm(formId);

    // A repeated call for a slot that is generating or done answers with what exists: the
    // frontend may retry after a lost response, and MusicGPT credits cost money.
    if (const auto existing = existingGeneration(formId, song, variation)) {
        ex->sendJson(200, *existing);
        return;
    }
    {
        // The claim row is the lock (issue 9.4): its unique key lets one caller of any process
        // through; the others wait for that insert's transaction and find the slot taken.
        Db::Transaction tx(m_ctx->db());
        if (!claimSlot(formId, song, variation))
            throw busyError(song, variation);
        // Under the claim: another caller may have recorded the slot since our first look.
        if (const auto existing = existingGeneration(formId, song, variation)) {
            ex->sendJson(200, *existing);
            return; // the transaction rolls back: our claim goes with it
        }
        // No login is needed to generate, so the calls per form are capped in the database.
        QSqlQuery b = Db::prepare(
            m_ctx->db(),
            QStringLiteral("INSERT INTO compose_generation_budget(form_id, calls) VALUES (:f, 1) "
                           "ON CONFLICT (form_id) "
                           "DO UPDATE SET calls = compose_generation_budget.calls + 1 "
                           "WHERE compose_generation_budget.calls < :cap"));
        b.bindValue(QStringLiteral(":f"), formId);
        b.bindValue(QStringLiteral(":cap"), MaxCallsPerForm);
        Db::exec(b);
        if (b.numRowsAffected() != 1)
            throw ApiError(
                429, QStringLiteral("generation_limit"),
                QStringLiteral(
                    "This form has used all %1 of its generation calls; ask support for more.")
                    .arg(MaxCallsPerForm),
                QJsonObject {{QStringLiteral("limit"), MaxCallsPerForm}});
        tx.commit();
    }
    try {
        requestGeneration(
            form, song, variation, this,
            [this, ex, formId, song, variation, preview](const std::optional<Started> &s,
                                                         const std::optional<ApiError> &err) {
                ex->guard([&] {
                    if (!s)
                        throw *err; // requestGeneration released the claim
                    try {
                        Db::Transaction tx(m_ctx->db());
                        m_ctx->setActor(QStringLiteral("customer"));
                        applyStarted(formId, song, variation, *s, preview,
                                     QStringLiteral("customer"));
                        tx.commit();
                    } catch (...) {
                        releaseClaimQuietly(formId, song, variation);
                        throw;
                    }
                    ex->sendJson(200,
                                 QJsonObject {{QStringLiteral("success"), true},
                                              {QStringLiteral("task_id"), s->taskId},
                                              {QStringLiteral("conversion_id_1"), s->conversionId1},
                                              {QStringLiteral("conversion_id_2"), s->conversionId2},
                                              {QStringLiteral("eta"), s->eta},
                                              {QStringLiteral("status"), QStringLiteral("pending")},
                                              {QStringLiteral("form_id"), formId},
                                              {QStringLiteral("song_index"), song},
                                              {QStringLiteral("variation_index"), variation},
                                              {QStringLiteral("existing"), false}});
                });
            },
            true);
    } catch (...) {
        releaseClaimQuietly(formId, song, variation);
        throw;
    }
}

QJsonObject GenerationRoutes::generationByTask(const QString &taskId) const
{
    QSqlQuery q = Db::prepare(m_ctx->db(), QStringLiteral("SELECT ") + QLatin1String(ApiContext::generationColumns())
                                                   + QStringLiteral(" FROM music_generations WHERE task_id = :t"));
    q.bindValue(QStringLiteral(":t"), taskId);
    Db::exec(q);
    if (!q.next())
        throw ApiError(404, QStringLiteral("task_not_found"),
                       QStringLiteral("There is no generation with task id \"%1\".").arg(taskId),
                       QJsonObject{{QStringLiteral("taskId"), taskId}});
    return ApiContext::generationJson(q);
}

void GenerationRoutes::status(const HttpRequest &req, const Exchange &ex)
{
    const QString taskId = req.param(QStringLiteral("taskId"));
    if (!JsonInput::isSafeId(taskId))
        throw ApiError(400, QStringLiteral("invalid_task_id"),
                       QStringLiteral("A task id holds only letters, digits, _ . : - (at most 128)."));
    const QJsonObject gen = generationByTask(taskId);
    auto answer = [this, ex, taskId] {
        const QJsonObject g = generationByTask(taskId);
        ex->sendJson(200, QJsonObject{{QStringLiteral("success"), true},
                                      {QStringLiteral("task_id"), taskId},
                                      {QStringLiteral("status"), g.value(QStringLiteral("status"))},
                                      {QStringLiteral("audio_url_1"), g.value(QStringLiteral("audioUrl1"))},
                                      {QStringLiteral("audio_url_2"), g.value(QStringLiteral("audioUrl2"))},
                                      {QStringLiteral("generation"), g}});
    };
    const QString stored = gen.value(QStringLiteral("status")).toString();
    if (stored == QLatin1String("completed") || stored == QLatin1String("failed")) {
        answer();
        return;
    }
    QUrl url = m_ctx->musicGptBase();
    url.setPath(url.path() + QStringLiteral("/api/public/v1/byId"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("conversionType"), QStringLiteral("MUSIC_AI"));
    query.addQueryItem(QStringLiteral("task_id"), taskId);
    url.setQuery(query);
    m_ctx->outbound()->send("GET", url, {{"Authorization", m_ctx->musicGptKey().toUtf8()}}, {}, this,
                            [this, ex, taskId, answer](const Outbound::Reply &r) {
        ex->guard([&] {
            if (!r.ok())
                throw upstream(QStringLiteral("MusicGPT"), r);
            const QJsonObject c = parseObject(r.body).value(QStringLiteral("conversion")).toObject();
            const QString st = mapStatus(c.value(QStringLiteral("status")).toString());
            Db::Transaction tx(m_ctx->db());
            m_ctx->setActor(kSystem);
            if (st == QLatin1String("completed")) {
                // The documented reply names one conversion (audio_url); a task has two, which
                // come as *_1/*_2 fields. Read both shapes.
                for (int v = 1; v <= 2; ++v) {
                    const QString n = QString::number(v);
                    Version ver;
                    ver.audioUrl = c.value(QStringLiteral("conversion_path_") + n).toString();
                    if (ver.audioUrl.isEmpty() && v == 1)
                        ver.audioUrl = c.value(QStringLiteral("audio_url")).toString();
                    if (ver.audioUrl.isEmpty())
                        continue;
                    ver.wavUrl = c.value(QStringLiteral("conversion_path_wav_") + n).toString();
                    if (!isAudioUrl(ver.audioUrl)
                        || (!ver.wavUrl.isEmpty() && !isAudioUrl(ver.wavUrl))) {
                        qCWarning(lcApi) << "MusicGPT's status for task" << taskId
                                         << "has a non-http(s) audio URL; ignored";
                        continue;
                    }
                    if (c.contains(QStringLiteral("conversion_duration_") + n))
                        ver.duration = c.value(QStringLiteral("conversion_duration_") + n).toDouble();
                    ver.title = c.value(QStringLiteral("title_") + n).toString(c.value(QStringLiteral("title")).toString());
                    ver.lyrics = c.value(QStringLiteral("lyrics_") + n).toString(c.value(QStringLiteral("lyrics")).toString());
                    applyVersion(taskId, v, ver);
                }
                finishIfComplete(taskId);
            } else if (st == QLatin1String("failed")) {
                applyFailure(taskId, c.value(QStringLiteral("status_msg")).toString());
            } else if (st == QLatin1String("in_progress")) {
                applyInProgress(taskId);
            }
            tx.commit();
            answer();
        });
    });
}

void GenerationRoutes::applyInProgress(const QString &taskId)
{
    QSqlQuery q = Db::prepare(m_ctx->db(), QStringLiteral(
            "UPDATE music_generations SET status = 'in_progress', updated_at = :now "
            "WHERE task_id = :t AND status = 'pending'"));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
    q.bindValue(QStringLiteral(":t"), taskId);
    Db::exec(q);
}

void GenerationRoutes::applyVersion(const QString &taskId, int version, const Version &v)
{
    const QString n = QString::number(version == 2 ? 2 : 1);
    QSqlQuery q = Db::prepare(
        m_ctx->db(),
        QStringLiteral(
            "UPDATE music_generations SET audio_url_%1 = :a, audio_url_wav_%1 = COALESCE(:w, "
            "audio_url_wav_%1), "
            "duration_%1 = COALESCE(:d, duration_%1), title_%1 = COALESCE(:ti, title_%1), "
            "lyrics_%1 = COALESCE(:l, lyrics_%1), lyrics_timestamped_%1 = COALESCE(:lt, "
            "lyrics_timestamped_%1), "
            "status = CASE WHEN status = 'pending' THEN 'in_progress' ELSE status END, updated_at "
            "= :now "
            "WHERE task_id = :t AND status NOT IN ('failed', 'completed') AND audio_url_%1 IS NULL "
            "AND NOT COALESCE(is_selected, FALSE) AND NOT COALESCE(is_paid, FALSE)")
            .arg(n));
    auto textOrNull = [](const QString &s) { return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s); };
    q.bindValue(QStringLiteral(":a"), v.audioUrl);
    q.bindValue(QStringLiteral(":w"), textOrNull(v.wavUrl));
    q.bindValue(QStringLiteral(":d"), v.duration ? QVariant(qRound(*v.duration)) : QVariant(QMetaType::fromType<int>()));
    q.bindValue(QStringLiteral(":ti"), textOrNull(v.title));
    q.bindValue(QStringLiteral(":l"), textOrNull(v.lyrics));
    q.bindValue(QStringLiteral(":lt"), textOrNull(v.lyricsTimestamped));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
    q.bindValue(QStringLiteral(":t"), taskId);
    Db::exec(q);
}

void GenerationRoutes::applyFailure(const QString &taskId, const QString &reason)
{
    QSqlQuery q = Db::prepare(
        m_ctx->db(),
        QStringLiteral(
            "UPDATE music_generations SET status = 'failed', status_response = :r, updated_at = "
            ":now "
            "WHERE task_id = :t AND status <> 'completed' AND NOT COALESCE(is_selected, FALSE) "
            "AND NOT COALESCE(is_paid, FALSE)"));
    q.bindValue(QStringLiteral(":r"), ApiContext::writeJson(QJsonObject{{QStringLiteral("reason"), reason}}));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
    q.bindValue(QStringLiteral(":t"), taskId);
    Db::exec(q);
}

void GenerationRoutes::finishIfComplete(const QString &taskId)
{
    QSqlDatabase db = m_ctx->db();
    QSqlQuery q = Db::prepare(db, QStringLiteral(
            "SELECT form_id, song_index, variation_index, audio_url_1, audio_url_2, status "
            "FROM music_generations WHERE task_id = :t"));
    q.bindValue(QStringLiteral(":t"), taskId);
    Db::exec(q);
    if (!q.next())
        return;
    const QString formId = q.value(0).toString();
    const int song = q.value(1).toInt();
    const int variation = q.value(2).toInt();
    const QString url1 = q.value(3).toString();
    if (url1.isEmpty() || q.value(4).toString().isEmpty() || q.value(5).toString() == QLatin1String("failed"))
        return; // the other version has not arrived yet
    if (q.value(5).toString() != QLatin1String("completed")) {
        QSqlQuery done = Db::prepare(db, QStringLiteral(
                "UPDATE music_generations SET status = 'completed', completed_at = :now, updated_at = :now2 "
                "WHERE task_id = :t"));
        done.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
        done.bindValue(QStringLiteral(":now2"), Db::timestamp(ApiContext::now()));
        done.bindValue(QStringLiteral(":t"), taskId);
        Db::exec(done);
    }
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
        QSqlQuery f = Db::prepare(db, QStringLiteral("UPDATE compose_forms SET variation_audio_urls = :a, "
                                                     "updated_at = :now WHERE id = :id"));
        f.bindValue(QStringLiteral(":a"), ApiContext::writeJson(audio));
        f.bindValue(QStringLiteral(":now"), Db::timestamp(ApiContext::now()));
        f.bindValue(QStringLiteral(":id"), formId);
        Db::exec(f);
    }
    QSqlQuery c = Db::prepare(db, QStringLiteral(
            "SELECT COUNT(DISTINCT song_index * 10 + variation_index) FROM music_generations "
            "WHERE form_id = :f AND status = 'completed' AND song_index >= 0 AND song_index < :n "
            "AND variation_index BETWEEN 1 AND 3"));
    c.bindValue(QStringLiteral(":f"), formId);
    c.bindValue(QStringLiteral(":n"), form->songCount);
    Db::exec(c);
    const int complete = c.next() ? c.value(0).toInt() : 0;
    if (complete == form->songCount * 3 && form->status() == FormStatus::VariationsGenerating) {
        m_ctx->changeStatus(*form, FormStatus::VariationsReady, kSystem);
        qCInfo(lcApi) << "form" << formId << "has all" << complete << "variations ready";
    }
}

void GenerationRoutes::webhook(const HttpRequest &req, const Exchange &ex)
{
    // Compared as digests so neither the content nor the length of the token leaks by timing.
    const QByteArray given = QCryptographicHash::hash(
        req.query.queryItemValue(QStringLiteral("token")).toUtf8(), QCryptographicHash::Sha256);
    const QByteArray expected
        = QCryptographicHash::hash(webhookToken().toUtf8(), QCryptographicHash::Sha256);
    if (!StripeSignature::constantTimeEquals(given, expected))
        throw ApiError(401, QStringLiteral("unauthorized"),
                       QStringLiteral("The webhook URL token is missing or wrong."));
    const JsonInput in = JsonInput::parse(req.body);
    const QJsonObject o = in.object();
    const QString subtype = o.value(QStringLiteral("subtype")).toString();
    if (!subtype.isEmpty() && subtype != QLatin1String("music_ai")) {
        ex->sendJson(200, QJsonObject{{QStringLiteral("received"), true}, {QStringLiteral("ignored"), subtype}});
        return;
    }
    const QString taskId = in.requireString(QStringLiteral("task_id"), 128);
    if (!JsonInput::isSafeId(taskId))
        JsonInput::fail(QStringLiteral("task_id"), QStringLiteral("task_id is not a task id."));
    const QString conversionId = o.value(QStringLiteral("conversion_id")).toString();
    const QJsonObject gen = generationByTask(taskId);
    // Deliveries repeat, and a finished song is what the customer heard, chose or paid for:
    // a valid delivery for it is acknowledged (so MusicGPT stops) and changes nothing.
    const bool finished
        = gen.value(QStringLiteral("status")).toString() == QLatin1String("completed")
        || gen.value(QStringLiteral("isSelected")).toBool()
        || gen.value(QStringLiteral("isPaid")).toBool();
    auto unchanged = [&] {
        ex->sendJson(200,
                     QJsonObject {{QStringLiteral("received"), true},
                                  {QStringLiteral("task_id"), taskId},
                                  {QStringLiteral("status"), gen.value(QStringLiteral("status"))},
                                  {QStringLiteral("unchanged"), true}});
    };

    Db::Transaction tx(m_ctx->db());
    m_ctx->setActor(kSystem);
    const QString status = o.value(QStringLiteral("status")).toString();
    const bool failed = (o.contains(QStringLiteral("success")) && !o.value(QStringLiteral("success")).toBool())
            || mapStatus(status) == QLatin1String("failed");
    if (failed) {
        if (finished) {
            unchanged();
            return;
        }
        applyFailure(taskId, o.value(QStringLiteral("reason")).toString(o.value(QStringLiteral("message")).toString()));
    } else {
        int version = 0;
        if (!conversionId.isEmpty() && conversionId == gen.value(QStringLiteral("conversionId1")).toString())
            version = 1;
        else if (!conversionId.isEmpty() && conversionId == gen.value(QStringLiteral("conversionId2")).toString())
            version = 2;
        if (version == 0)
            throw ApiError::badRequest(QStringLiteral("conversion_id \"%1\" does not belong to task \"%2\".")
                                               .arg(conversionId, taskId),
                                       QJsonObject{{QStringLiteral("field"), QStringLiteral("conversion_id")}});
        Version v;
        v.audioUrl = o.value(QStringLiteral("conversion_path")).toString();
        if (v.audioUrl.isEmpty())
            JsonInput::fail(QStringLiteral("conversion_path"), QStringLiteral("conversion_path is required."));
        v.wavUrl = o.value(QStringLiteral("conversion_path_wav")).toString();
        // The dashboard and the share page play these: only plain web addresses, never
        // javascript:, data: or file:.
        for (const auto &[field, url] :
             {std::pair {QStringLiteral("conversion_path"), v.audioUrl},
              std::pair {QStringLiteral("conversion_path_wav"), v.wavUrl}}) {
            if (!url.isEmpty() && !isAudioUrl(url)) {
                qCWarning(lcApi).noquote() << "MusicGPT webhook for task" << taskId
                                           << "refused:" << field << "is not an http(s) URL";
                JsonInput::fail(field, QStringLiteral("%1 must be an http(s) URL.").arg(field));
            }
        }
        if (finished) {
            unchanged();
            return;
        }
        if (o.value(QStringLiteral("conversion_duration")).isDouble())
            v.duration = o.value(QStringLiteral("conversion_duration")).toDouble();
        v.title = o.value(QStringLiteral("title")).toString();
        v.lyrics = o.value(QStringLiteral("lyrics")).toString();
        v.lyricsTimestamped = o.value(QStringLiteral("lyrics_timestamped")).toString();
        applyVersion(taskId, version, v);
        finishIfComplete(taskId);
    }
    tx.commit();
    ex->sendJson(200, QJsonObject{{QStringLiteral("received"), true},
                                  {QStringLiteral("task_id"), taskId},
                                  {QStringLiteral("status"), generationByTask(taskId).value(QStringLiteral("status"))}});
}

} // namespace compose
