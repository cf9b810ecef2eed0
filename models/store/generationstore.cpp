#include "generationstore.h"

#include "cachedquery.h"
#include "database.h"
#include "jsoncolumn.h"

#include <QSqlQuery>

namespace compose {

namespace {

// GenerationStore::read() maps these in this order.
const QString kColumns = QStringLiteral(
    "id, task_id, form_id, status, audio_url_1, audio_url_2, audio_url_wav_1, audio_url_wav_2, "
    "duration_1, duration_2, title_1, title_2, share_slug_v1, share_slug_v2, conversion_id_1, "
    "conversion_id_2, song_index, variation_index, is_preview, is_selected, is_paid, "
    "share_enabled, created_at, completed_at");

QString text(const QVariant &v)
{
    if (v.isNull())
        return {};
    // An empty text column stays distinguishable from NULL.
    const QString s = v.toString();
    return s.isNull() ? QStringLiteral("") : s;
}

std::optional<int> optInt(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<int>(v.toInt());
}

std::optional<bool> optBool(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<bool>(v.toBool());
}

GenerationRecord read(const QSqlQuery &q)
{
    int i = 0;
    GenerationRecord r;
    r.id = text(q.value(i++));
    r.taskId = text(q.value(i++));
    r.formId = text(q.value(i++));
    r.status = text(q.value(i++));
    r.audioUrl1 = text(q.value(i++));
    r.audioUrl2 = text(q.value(i++));
    r.audioUrlWav1 = text(q.value(i++));
    r.audioUrlWav2 = text(q.value(i++));
    r.duration1 = optInt(q.value(i++));
    r.duration2 = optInt(q.value(i++));
    r.title1 = text(q.value(i++));
    r.title2 = text(q.value(i++));
    r.shareSlug = text(q.value(i++));
    r.shareSlug2 = text(q.value(i++));
    r.conversionId1 = text(q.value(i++));
    r.conversionId2 = text(q.value(i++));
    r.songIndex = optInt(q.value(i++));
    r.variationIndex = optInt(q.value(i++));
    r.isPreview = optBool(q.value(i++));
    r.isSelected = optBool(q.value(i++));
    r.isPaid = optBool(q.value(i++));
    r.shareEnabled = optBool(q.value(i++));
    r.createdAt = Db::readTimestamp(q.value(i++));
    r.completedAt = Db::readTimestamp(q.value(i++));
    return r;
}

// :f, :s, :v name one slot (form, song, variation) in every statement about slots.
void bindSlot(QSqlQuery &q, const QString &formId, int song, int variation)
{
    q.bindValue(QStringLiteral(":f"), formId);
    q.bindValue(QStringLiteral(":s"), song);
    q.bindValue(QStringLiteral(":v"), variation);
}

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

} // namespace

GenerationStore::GenerationStore(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QList<GenerationRecord> GenerationStore::forForm(const QString &formId) const
{
    // Every GET of a form reads its generations: prepared once per connection.
    Db::CachedQuery cached(
        m_db,
        QStringLiteral("SELECT ") + kColumns
            + QStringLiteral(" FROM music_generations WHERE form_id = :f "
                             "ORDER BY song_index, variation_index, created_at"));
    QSqlQuery &q = cached.query();
    q.bindValue(QStringLiteral(":f"), formId);
    Db::exec(q);
    QList<GenerationRecord> out;
    while (q.next())
        out << read(q);
    return out;
}

std::optional<GenerationRecord> GenerationStore::byTask(const QString &taskId) const
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("SELECT ") + kColumns
                                  + QStringLiteral(" FROM music_generations WHERE task_id = :t"));
    q.bindValue(QStringLiteral(":t"), taskId);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    return read(q);
}

std::optional<GenerationRecord> GenerationStore::latestInSlot(const QString &formId, int song,
                                                              int variation) const
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("SELECT ") + kColumns
                                  + QStringLiteral(" FROM music_generations WHERE form_id = :f "
                                                   "AND song_index = :s AND variation_index = :v "
                                                   "ORDER BY created_at DESC"));
    bindSlot(q, formId, song, variation);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    return read(q);
}

std::optional<GenerationRecord> GenerationStore::bySlug(const QString &slug) const
{
    QSqlQuery q
        = Db::prepare(m_db,
                      QStringLiteral("SELECT ") + kColumns
                          + QStringLiteral(" FROM music_generations "
                                           "WHERE share_slug_v1 = :s OR share_slug_v2 = :s2"));
    q.bindValue(QStringLiteral(":s"), slug);
    q.bindValue(QStringLiteral(":s2"), slug);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    return read(q);
}

int GenerationStore::refundedOrders(const QString &formId) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("SELECT COUNT(*) FROM orders WHERE form_id = :f AND status = 'refunded'"));
    q.bindValue(QStringLiteral(":f"), formId);
    Db::exec(q);
    return q.next() ? q.value(0).toInt() : 0;
}

void GenerationStore::restart(const QString &generationId, const Start &start,
                              const QDateTime &now) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral(
            "UPDATE music_generations SET task_id = :task, status = 'pending', "
            "conversion_id_1 = :c1, conversion_id_2 = :c2, generated_prompt = :prompt, "
            "musicgpt_response = :resp, audio_url_1 = NULL, audio_url_2 = NULL, "
            "audio_url_wav_1 = NULL, audio_url_wav_2 = NULL, duration_1 = NULL, duration_2 = NULL, "
            "title_1 = NULL, title_2 = NULL, lyrics_1 = NULL, lyrics_2 = NULL, "
            "status_response = NULL, completed_at = NULL, updated_at = :now WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), generationId);
    q.bindValue(QStringLiteral(":task"), start.taskId);
    q.bindValue(QStringLiteral(":c1"), start.conversionId1);
    q.bindValue(QStringLiteral(":c2"), start.conversionId2);
    q.bindValue(QStringLiteral(":prompt"), start.prompt);
    q.bindValue(QStringLiteral(":resp"), JsonColumn::write(start.response));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    Db::exec(q);
}

void GenerationStore::markInProgress(const QString &taskId, const QDateTime &now) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("UPDATE music_generations SET status = 'in_progress', updated_at = :now "
                       "WHERE task_id = :t AND status = 'pending'"));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":t"), taskId);
    Db::exec(q);
}

void GenerationStore::recordVersion(const QString &taskId, int version, const Version &v,
                                    const QDateTime &now) const
{
    const QString n = QString::number(version == 2 ? 2 : 1);
    QSqlQuery q = Db::prepare(
        m_db,
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
    q.bindValue(QStringLiteral(":a"), v.audioUrl);
    q.bindValue(QStringLiteral(":w"), textOrNull(v.wavUrl));
    q.bindValue(QStringLiteral(":d"),
                v.duration ? QVariant(qRound(*v.duration)) : QVariant(QMetaType::fromType<int>()));
    q.bindValue(QStringLiteral(":ti"), textOrNull(v.title));
    q.bindValue(QStringLiteral(":l"), textOrNull(v.lyrics));
    q.bindValue(QStringLiteral(":lt"), textOrNull(v.lyricsTimestamped));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":t"), taskId);
    Db::exec(q);
}

void GenerationStore::recordFailure(const QString &taskId, const QJsonValue &statusResponse,
                                    const QDateTime &now) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral(
            "UPDATE music_generations SET status = 'failed', status_response = :r, updated_at = "
            ":now "
            "WHERE task_id = :t AND status <> 'completed' AND NOT COALESCE(is_selected, FALSE) "
            "AND NOT COALESCE(is_paid, FALSE)"));
    q.bindValue(QStringLiteral(":r"), JsonColumn::write(statusResponse));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":t"), taskId);
    Db::exec(q);
}

void GenerationStore::markCompleted(const QString &taskId, const QDateTime &now) const
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("UPDATE music_generations SET status = 'completed', "
                                             "completed_at = :now, updated_at = :now2 "
                                             "WHERE task_id = :t"));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":now2"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":t"), taskId);
    Db::exec(q);
}

int GenerationStore::completedSlots(const QString &formId, int songCount) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral(
            "SELECT COUNT(DISTINCT song_index * 10 + variation_index) FROM music_generations "
            "WHERE form_id = :f AND status = 'completed' AND song_index >= 0 AND song_index < :n "
            "AND variation_index BETWEEN 1 AND 3"));
    q.bindValue(QStringLiteral(":f"), formId);
    q.bindValue(QStringLiteral(":n"), songCount);
    Db::exec(q);
    return q.next() ? q.value(0).toInt() : 0;
}

bool GenerationStore::claimSlot(const QString &formId, int song, int variation,
                                const QDateTime &now, const QDateTime &staleBefore) const
{
    QSqlQuery stale = Db::prepare(
        m_db,
        QStringLiteral(
            "DELETE FROM compose_generation_claims WHERE form_id = :f AND song_index = :s AND "
            "variation_index = :v AND claimed_at < :cutoff"));
    bindSlot(stale, formId, song, variation);
    stale.bindValue(QStringLiteral(":cutoff"), Db::timestamp(staleBefore));
    Db::exec(stale);
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("INSERT INTO compose_generation_claims(form_id, "
                                             "song_index, variation_index, claimed_at) "
                                             "VALUES (:f, :s, :v, :now) ON CONFLICT DO NOTHING"));
    bindSlot(q, formId, song, variation);
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    Db::exec(q);
    return q.numRowsAffected() == 1;
}

void GenerationStore::releaseClaim(const QString &formId, int song, int variation) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral(
            "DELETE FROM compose_generation_claims WHERE form_id = :f AND song_index = :s AND "
            "variation_index = :v"));
    bindSlot(q, formId, song, variation);
    Db::exec(q);
}

bool GenerationStore::spendCall(const QString &formId, int cap) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral(
            "INSERT INTO compose_generation_budget(form_id, calls) VALUES (:f, 1) "
            "ON CONFLICT (form_id) DO UPDATE SET calls = compose_generation_budget.calls + 1 "
            "WHERE compose_generation_budget.calls < :cap"));
    q.bindValue(QStringLiteral(":f"), formId);
    q.bindValue(QStringLiteral(":cap"), cap);
    Db::exec(q);
    return q.numRowsAffected() == 1;
}

QString GenerationStore::secret(const QString &name, const QString &candidate,
                                const QDateTime &now) const
{
    QSqlQuery ins = Db::prepare(
        m_db,
        QStringLiteral("INSERT INTO compose_secrets(name, value, created_at) VALUES (:n, :v, :now) "
                       "ON CONFLICT DO NOTHING"));
    ins.bindValue(QStringLiteral(":n"), name);
    ins.bindValue(QStringLiteral(":v"), candidate);
    ins.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    Db::exec(ins);
    QSqlQuery q
        = Db::prepare(m_db, QStringLiteral("SELECT value FROM compose_secrets WHERE name = :n"));
    q.bindValue(QStringLiteral(":n"), name);
    Db::exec(q);
    return q.next() ? q.value(0).toString() : QString();
}

} // namespace compose
