#include "musicgptsimulator.h"

#include <QRegularExpression>

#include "outbound.h"
#include "wavsynth.h"

#include <QJsonDocument>

#include <QLoggingCategory>
#include <QTimer>
#include <QUuid>
#include <algorithm>

Q_DECLARE_LOGGING_CATEGORY(lcApi)

namespace compose {

namespace {
QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}
QJsonObject mgError(const QString &message)
{
    return QJsonObject {{QStringLiteral("success"), false}, {QStringLiteral("message"), message}};
}
} // namespace

MusicGptSimulator::MusicGptSimulator(Outbound *outbound, int delayMs, int failEvery, int audioTtlS,
                                     QObject *parent)
    : QObject(parent)
    , m_outbound(outbound)
    , m_delayMs(qMax(0, delayMs))
    , m_failEvery(qMax(0, failEvery))
    , m_audioTtlS(qMax(0, audioTtlS))
{
}

void MusicGptSimulator::registerRoutes(HttpServer *server)
{
    server->addRoute("POST", QStringLiteral("/sim/musicgpt/api/public/v1/MusicAI"),
                     [this](const HttpRequest &r, const Exchange &ex) { create(r, ex); });
    server->addRoute("GET", QStringLiteral("/sim/musicgpt/api/public/v1/byId"),
                     [this](const HttpRequest &r, const Exchange &ex) { byId(r, ex); });
    server->addRoute("GET", QStringLiteral("/sim/musicgpt/audio/{file}"),
                     [this](const HttpRequest &r, const Exchange &ex) { audio(r, ex); });
}

bool MusicGptSimulator::authorised(const HttpRequest &req, const Exchange &ex)
{
    const QByteArray key = req.header("authorization");
    if (key.isEmpty() || key.startsWith("Bearer ")) {
        ex->sendJson(401, mgError(QStringLiteral("Authorization must carry the bare API key.")));
        return false;
    }
    return true;
}

QString MusicGptSimulator::audioUrl(const QString &conversionId) const
{
    QUrl u = m_base;
    u.setPath(u.path() + QStringLiteral("/sim/musicgpt/audio/") + conversionId
              + QStringLiteral(".wav"));
    return u.toString();
}

QString MusicGptSimulator::stage(const Task &t) const
{
    const qint64 ms = t.age.elapsed();
    if (ms >= m_delayMs)
        return t.fails ? QStringLiteral("FAILED") : QStringLiteral("COMPLETED");
    return ms >= m_delayMs / 2 ? QStringLiteral("IN_PROGRESS") : QStringLiteral("IN_QUEUE");
}

void MusicGptSimulator::create(const HttpRequest &req, const Exchange &ex)
{
    if (!authorised(req, ex))
        return;
    const QJsonDocument doc = QJsonDocument::fromJson(req.body);
    const QJsonObject in = doc.object();
    if (!doc.isObject() || in.value(QStringLiteral("prompt")).toString().trimmed().isEmpty()) {
        ex->sendJson(400, mgError(QStringLiteral("prompt is required")));
        return;
    }
    Task t;
    t.number = ++m_counter;
    t.taskId = uuid();
    t.conversion[0] = uuid();
    t.conversion[1] = uuid();
    t.title = in.value(QStringLiteral("title")).toString(QStringLiteral("Untitled"));
    t.prompt = in.value(QStringLiteral("prompt")).toString();
    t.webhookUrl = in.value(QStringLiteral("webhook_url")).toString();
    t.fails = m_failEvery > 0 && t.number % m_failEvery == 0;
    t.age.start();
    m_tasks.insert(t.taskId, t);
    m_taskOfConversion.insert(t.conversion[0], t.taskId);
    m_taskOfConversion.insert(t.conversion[1], t.taskId);
    if (!t.webhookUrl.isEmpty()) {
        const QString id = t.taskId;
        QTimer::singleShot(m_delayMs, this, [this, id] { sendWebhooks(id); });
    }
    ex->sendJson(
        200,
        QJsonObject {{QStringLiteral("success"), true},
                     {QStringLiteral("message"), QStringLiteral("Message published to queue")},
                     {QStringLiteral("task_id"), t.taskId},
                     {QStringLiteral("conversion_id_1"), t.conversion[0]},
                     {QStringLiteral("conversion_id_2"), t.conversion[1]},
                     {QStringLiteral("eta"), qMax(1, m_delayMs / 1000)}});
}

void MusicGptSimulator::byId(const HttpRequest &req, const Exchange &ex)
{
    if (!authorised(req, ex))
        return;
    if (req.query.queryItemValue(QStringLiteral("conversionType")) != QLatin1String("MUSIC_AI")) {
        ex->sendJson(400, mgError(QStringLiteral("conversionType must be MUSIC_AI here")));
        return;
    }
    QString taskId = req.query.queryItemValue(QStringLiteral("task_id"));
    if (taskId.isEmpty())
        taskId
            = m_taskOfConversion.value(req.query.queryItemValue(QStringLiteral("conversion_id")));
    const auto it = m_tasks.constFind(taskId);
    if (it == m_tasks.constEnd()) {
        ex->sendJson(404, mgError(QStringLiteral("Conversion not found")));
        return;
    }
    const Task &t = *it;
    const QString st = stage(t);
    QJsonObject c {{QStringLiteral("task_id"), t.taskId},
                   {QStringLiteral("conversion_id"), t.conversion[0]},
                   {QStringLiteral("conversion_id_1"), t.conversion[0]},
                   {QStringLiteral("conversion_id_2"), t.conversion[1]},
                   {QStringLiteral("status"), st},
                   {QStringLiteral("status_msg"),
                    t.fails && st == QLatin1String("FAILED")
                        ? QStringLiteral("Simulated generation failure")
                        : st},
                   {QStringLiteral("music_style"), QStringLiteral("Pop")}};
    if (st == QLatin1String("COMPLETED")) {
        const double duration = WavSynth::durationFor((t.number - 1) % 3);
        c.insert(QStringLiteral("audio_url"), audioUrl(t.conversion[0]));
        c.insert(QStringLiteral("title"), t.title);
        c.insert(QStringLiteral("lyrics"), QStringLiteral("[Instrumental preview]"));
        for (int v = 1; v <= 2; ++v) {
            const QString n = QString::number(v);
            c.insert(QStringLiteral("conversion_path_") + n, audioUrl(t.conversion[v - 1]));
            c.insert(QStringLiteral("conversion_path_wav_") + n, audioUrl(t.conversion[v - 1]));
            c.insert(QStringLiteral("conversion_duration_") + n, duration);
            c.insert(QStringLiteral("title_") + n,
                     QString(t.title + QStringLiteral(" (v%1)").arg(v)));
            c.insert(QStringLiteral("lyrics_") + n, QStringLiteral("[Instrumental preview]"));
        }
    }
    ex->sendJson(
        200, QJsonObject {{QStringLiteral("success"), true}, {QStringLiteral("conversion"), c}});
}

namespace {
// Like MusicGPT's CDN (and any static file server), the audio answers byte ranges: GStreamer's
// HTTP source seeks with a Range request, so without them the dashboard's compare (1/2/3 at the
// same position) failed with "Server does not accept Range HTTP header". One range per request,
// as GStreamer sends; a malformed Range is ignored (RFC 9110 §14.2) and the whole file is sent.
void sendAudio(const HttpRequest &req, const Exchange &ex, const QByteArray &wav)
{
    const QByteArray type = QByteArrayLiteral("audio/wav");
    const HttpExchange::Headers acceptRanges {
        {QByteArrayLiteral("Accept-Ranges"), QByteArrayLiteral("bytes")}};
    const QByteArray range = req.header("range").trimmed();
    static const QRegularExpression spec(QStringLiteral("^bytes=(\\d*)-(\\d*)$"));
    const auto m = spec.match(QString::fromLatin1(range));
    if (range.isEmpty() || !m.hasMatch() || (m.captured(1).isEmpty() && m.captured(2).isEmpty())) {
        ex->send(200, wav, type, acceptRanges);
        return;
    }
    const qint64 size = wav.size();
    qint64 first = 0;
    qint64 last = size - 1;
    bool ok = true;
    if (m.captured(1).isEmpty()) { // "-N": the last N bytes
        const qint64 n = m.captured(2).toLongLong(&ok);
        first = std::max<qint64>(0, size - n);
    } else {
        first = m.captured(1).toLongLong(&ok);
        if (ok && !m.captured(2).isEmpty())
            last = std::min(last, m.captured(2).toLongLong(&ok));
    }
    if (!ok || first >= size || last < first) {
        ex->send(416, QByteArray(), type,
                 {{QByteArrayLiteral("Content-Range"),
                   QByteArrayLiteral("bytes */") + QByteArray::number(size)}});
        return;
    }
    ex->send(206, wav.mid(first, last - first + 1), type,
             {acceptRanges.first(),
              {QByteArrayLiteral("Content-Range"),
               QByteArrayLiteral("bytes ") + QByteArray::number(first) + '-'
                   + QByteArray::number(last) + '/' + QByteArray::number(size)}});
}
} // namespace

void MusicGptSimulator::audio(const HttpRequest &req, const Exchange &ex)
{
    QString file = req.param(QStringLiteral("file"));
    if (!file.endsWith(QLatin1String(".wav"))) {
        ex->sendJson(404, mgError(QStringLiteral("Only .wav files exist here")));
        return;
    }
    file.chop(4);
    const QString taskId = m_taskOfConversion.value(file);
    const auto it = m_tasks.constFind(taskId);
    if (it == m_tasks.constEnd() && !taskId.isEmpty()) {
        ex->sendJson(404, mgError(QStringLiteral("No such file")));
        return;
    }
    if (it == m_tasks.constEnd()) {
        // A file this process did not generate: data made earlier (the demo database, or before
        // a restart). Like MusicGPT's CDN it serves it while it is kept; "expired-" files are gone.
        static const QRegularExpression known(QStringLiteral("^[0-9a-fA-F-]{8,64}$"));
        if (file.startsWith(QLatin1String("expired-"))) {
            ex->sendJson(404, mgError(QStringLiteral("The file has expired")));
            return;
        }
        if (!known.match(file).hasMatch()) {
            ex->sendJson(404, mgError(QStringLiteral("No such file")));
            return;
        }
        const int variant = int(qHash(file) % 3);
        QByteArray &wav
            = m_audio[QStringLiteral("adopted-%1").arg(variant)]; // three renders at most
        if (wav.isEmpty())
            wav = WavSynth::render(variant, 1, WavSynth::durationFor(variant));
        sendAudio(req, ex, wav);
        return;
    }
    if (stage(*it) != QLatin1String("COMPLETED")) {
        ex->sendJson(404, mgError(QStringLiteral("No such file")));
        return;
    }
    if (m_audioTtlS > 0 && it->age.elapsed() - m_delayMs > qint64(m_audioTtlS) * 1000) {
        ex->sendJson(404, mgError(QStringLiteral("The file has expired")));
        return;
    }
    QByteArray &wav = m_audio[file];
    if (wav.isEmpty()) {
        const int variant = (it->number - 1) % 3;
        wav = WavSynth::render(variant, it->conversion[0] == file ? 1 : 2,
                               WavSynth::durationFor(variant));
    }
    sendAudio(req, ex, wav);
}

void MusicGptSimulator::sendWebhooks(const QString &taskId)
{
    const auto it = m_tasks.constFind(taskId);
    if (it == m_tasks.constEnd())
        return;
    const Task t = *it;
    for (int v = 0; v < 2; ++v) {
        QJsonObject body {{QStringLiteral("success"), !t.fails},
                          {QStringLiteral("conversion_type"), QStringLiteral("MUSIC_AI")},
                          {QStringLiteral("subtype"), QStringLiteral("music_ai")},
                          {QStringLiteral("task_id"), t.taskId},
                          {QStringLiteral("conversion_id"), t.conversion[v]}};
        if (t.fails) {
            body.insert(QStringLiteral("status"), QStringLiteral("FAILED"));
            body.insert(QStringLiteral("reason"), QStringLiteral("Simulated generation failure"));
        } else {
            // No MP3 encoder here: the "MP3" path carries the WAV, honestly named .wav.
            body.insert(QStringLiteral("conversion_path"), audioUrl(t.conversion[v]));
            body.insert(QStringLiteral("conversion_path_wav"), audioUrl(t.conversion[v]));
            body.insert(QStringLiteral("conversion_duration"),
                        WavSynth::durationFor((t.number - 1) % 3));
            body.insert(QStringLiteral("title"),
                        QString(t.title + QStringLiteral(" (v%1)").arg(v + 1)));
            body.insert(QStringLiteral("lyrics"), QStringLiteral("[Instrumental preview]"));
            body.insert(QStringLiteral("lyrics_timestamped"), QStringLiteral("[]"));
            body.insert(QStringLiteral("album_cover_path"), QJsonValue::Null);
            body.insert(QStringLiteral("is_flagged"), false);
            body.insert(QStringLiteral("reason"), QJsonValue::Null);
        }
        m_outbound->send("POST", QUrl(t.webhookUrl), {{"Content-Type", "application/json"}},
                         QJsonDocument(body).toJson(QJsonDocument::Compact), this,
                         [taskId](const Outbound::Reply &r) {
                             if (!r.ok())
                                 qCWarning(lcApi) << "simulated MusicGPT webhook for" << taskId
                                                  << "got HTTP" << r.status;
                         });
    }
}

} // namespace compose
