#include "generationroutes.h"

#include "apicontext.h"
#include "database.h"
#include "jsoninput.h"
#include "stripesignature.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QUrlQuery>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

namespace {
const QString kSystem = QStringLiteral("system");

QJsonObject existingJson(const GenerationRecord &g, const QString &formId, int song, int variation)
{
    return QJsonObject {
        {QStringLiteral("success"), true},    {QStringLiteral("task_id"), g.taskId},
        {QStringLiteral("status"), g.status}, {QStringLiteral("form_id"), formId},
        {QStringLiteral("song_index"), song}, {QStringLiteral("variation_index"), variation},
        {QStringLiteral("existing"), true}};
}
} // namespace

GenerationRoutes::GenerationRoutes(ApiContext *context, QObject *parent)
    : QObject(parent)
    , m_ctx(context)
    , m_service(new GenerationService(context, this))
{
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

void GenerationRoutes::generate(const HttpRequest &req, const Exchange &ex)
{
    const JsonInput in = JsonInput::parse(req.body);
    in.allowOnly({QStringLiteral("preview_mode"), QStringLiteral("form_id"),
                  QStringLiteral("song_index"), QStringLiteral("variation_index")});
    const bool preview = in.optionalBool(QStringLiteral("preview_mode")).value_or(true);
    const QString formId = in.requireString(QStringLiteral("form_id"), 100);
    const int song = int(in.requireInt(QStringLiteral("song_index"), 0, 2));
    const int variation = int(in.requireInt(QStringLiteral("variation_index"), 1, 3));
    const FormRecord form = m_ctx->requireForm(formId);

    // A repeated call for a slot that is generating or done answers with what exists: the
    // frontend may retry after a lost response, and MusicGPT credits cost money.
    if (const auto existing = m_service->existingGeneration(formId, song, variation)) {
        ex->sendJson(200, existingJson(*existing, formId, song, variation));
        return;
    }
    {
        // The claim row is the lock (issue 9.4): its unique key lets one caller of any process
        // through; the others wait for that insert's transaction and find the slot taken.
        Db::Transaction tx(m_ctx->db());
        if (!m_service->claimSlot(formId, song, variation))
            throw GenerationService::busyError(song, variation);
        // Under the claim: another caller may have recorded the slot since our first look.
        if (const auto existing = m_service->existingGeneration(formId, song, variation)) {
            ex->sendJson(200, existingJson(*existing, formId, song, variation));
            return; // the transaction rolls back: our claim goes with it
        }
        // No login is needed to generate, so the calls per form are capped in the database.
        m_service->spendCall(formId);
        tx.commit();
    }
    try {
        m_service->requestGeneration(
            form, song, variation, this,
            [this, ex, formId, song, variation, preview](const std::optional<Started> &s,
                                                         const std::optional<ApiError> &err) {
                ex->guard([&] {
                    if (!s)
                        throw *err; // requestGeneration released the claim
                    try {
                        Db::Transaction tx(m_ctx->db());
                        m_ctx->setActor(QStringLiteral("customer"));
                        m_service->applyStarted(formId, song, variation, *s, preview,
                                                QStringLiteral("customer"));
                        tx.commit();
                    } catch (...) {
                        m_service->releaseClaimQuietly(formId, song, variation);
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
        m_service->releaseClaimQuietly(formId, song, variation);
        throw;
    }
}

void GenerationRoutes::status(const HttpRequest &req, const Exchange &ex)
{
    const QString taskId = req.param(QStringLiteral("taskId"));
    if (!JsonInput::isSafeId(taskId))
        throw ApiError(
            400, QStringLiteral("invalid_task_id"),
            QStringLiteral("A task id holds only letters, digits, _ . : - (at most 128)."));
    const GenerationRecord gen = m_service->requireByTask(taskId);
    auto answer = [this, ex, taskId] {
        const QJsonObject g = ApiContext::generationJson(m_service->requireByTask(taskId));
        ex->sendJson(
            200,
            QJsonObject {{QStringLiteral("success"), true},
                         {QStringLiteral("task_id"), taskId},
                         {QStringLiteral("status"), g.value(QStringLiteral("status"))},
                         {QStringLiteral("audio_url_1"), g.value(QStringLiteral("audioUrl1"))},
                         {QStringLiteral("audio_url_2"), g.value(QStringLiteral("audioUrl2"))},
                         {QStringLiteral("generation"), g}});
    };
    if (gen.status == QLatin1String("completed") || gen.status == QLatin1String("failed")) {
        answer();
        return;
    }
    QUrl url = m_ctx->musicGptBase();
    url.setPath(url.path() + QStringLiteral("/api/public/v1/byId"));
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("conversionType"), QStringLiteral("MUSIC_AI"));
    query.addQueryItem(QStringLiteral("task_id"), taskId);
    url.setQuery(query);
    m_ctx->outbound()->send("GET", url, {{"Authorization", m_ctx->musicGptKey().toUtf8()}}, {},
                            this, [this, ex, taskId, answer](const Outbound::Reply &r) {
                                ex->guard([&] {
                                    if (!r.ok())
                                        throw GenerationService::upstreamError(
                                            QStringLiteral("MusicGPT"), r);
                                    m_service->applyStatusReply(taskId, r.body);
                                    answer();
                                });
                            });
}

void GenerationRoutes::webhook(const HttpRequest &req, const Exchange &ex)
{
    // Compared as digests so neither the content nor the length of the token leaks by timing.
    const QByteArray given = QCryptographicHash::hash(
        req.query.queryItemValue(QStringLiteral("token")).toUtf8(), QCryptographicHash::Sha256);
    const QByteArray expected
        = QCryptographicHash::hash(m_service->webhookToken().toUtf8(), QCryptographicHash::Sha256);
    if (!StripeSignature::constantTimeEquals(given, expected))
        throw ApiError(401, QStringLiteral("unauthorized"),
                       QStringLiteral("The webhook URL token is missing or wrong."));
    const JsonInput in = JsonInput::parse(req.body);
    const QJsonObject o = in.object();
    const QString subtype = o.value(QStringLiteral("subtype")).toString();
    if (!subtype.isEmpty() && subtype != QLatin1String("music_ai")) {
        ex->sendJson(
            200,
            QJsonObject {{QStringLiteral("received"), true}, {QStringLiteral("ignored"), subtype}});
        return;
    }
    const QString taskId = in.requireString(QStringLiteral("task_id"), 128);
    if (!JsonInput::isSafeId(taskId))
        JsonInput::fail(QStringLiteral("task_id"), QStringLiteral("task_id is not a task id."));
    const QString conversionId = o.value(QStringLiteral("conversion_id")).toString();
    const GenerationRecord gen = m_service->requireByTask(taskId);
    // Deliveries repeat, and a finished song is what the customer heard, chose or paid for:
    // a valid delivery for it is acknowledged (so MusicGPT stops) and changes nothing.
    const bool finished = gen.status == QLatin1String("completed") || gen.isSelected.value_or(false)
        || gen.isPaid.value_or(false);
    auto unchanged = [&] {
        ex->sendJson(200,
                     QJsonObject {{QStringLiteral("received"), true},
                                  {QStringLiteral("task_id"), taskId},
                                  {QStringLiteral("status"),
                                   ApiContext::generationJson(gen).value(QStringLiteral("status"))},
                                  {QStringLiteral("unchanged"), true}});
    };

    Db::Transaction tx(m_ctx->db());
    m_ctx->setActor(kSystem);
    const QString status = o.value(QStringLiteral("status")).toString();
    const bool failed
        = (o.contains(QStringLiteral("success")) && !o.value(QStringLiteral("success")).toBool())
        || GenerationService::mapStatus(status) == QLatin1String("failed");
    if (failed) {
        if (finished) {
            unchanged();
            return;
        }
        m_service->applyFailure(taskId,
                                o.value(QStringLiteral("reason"))
                                    .toString(o.value(QStringLiteral("message")).toString()));
    } else {
        int version = 0;
        if (!conversionId.isEmpty() && conversionId == gen.conversionId1)
            version = 1;
        else if (!conversionId.isEmpty() && conversionId == gen.conversionId2)
            version = 2;
        if (version == 0)
            throw ApiError::badRequest(
                QStringLiteral("conversion_id \"%1\" does not belong to task \"%2\".")
                    .arg(conversionId, taskId),
                QJsonObject {{QStringLiteral("field"), QStringLiteral("conversion_id")}});
        GenerationService::Version v;
        v.audioUrl = o.value(QStringLiteral("conversion_path")).toString();
        if (v.audioUrl.isEmpty())
            JsonInput::fail(QStringLiteral("conversion_path"),
                            QStringLiteral("conversion_path is required."));
        v.wavUrl = o.value(QStringLiteral("conversion_path_wav")).toString();
        // The dashboard and the share page play these: only plain web addresses, never
        // javascript:, data: or file:.
        for (const auto &[field, url] :
             {std::pair {QStringLiteral("conversion_path"), v.audioUrl},
              std::pair {QStringLiteral("conversion_path_wav"), v.wavUrl}}) {
            if (!url.isEmpty() && !GenerationService::isAudioUrl(url)) {
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
        m_service->applyVersion(taskId, version, v);
        m_service->finishIfComplete(taskId);
    }
    tx.commit();
    ex->sendJson(200,
                 QJsonObject {{QStringLiteral("received"), true},
                              {QStringLiteral("task_id"), taskId},
                              {QStringLiteral("status"),
                               ApiContext::generationJson(m_service->requireByTask(taskId))
                                   .value(QStringLiteral("status"))}});
}

} // namespace compose
