#include "formrows.h"

#include "database.h"

#include <QVariant>

namespace compose {

namespace {

QVariant text(const std::optional<QString> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType::fromType<QString>());
}

QVariant integer(const std::optional<int> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType::fromType<int>());
}

// Named placeholders spelled like the columns, so a column and its value cannot drift apart.
QString insertSql(const QString &table, const QStringList &columns)
{
    QStringList placeholders;
    placeholders.reserve(columns.size());
    for (const QString &c : columns)
        placeholders << QLatin1Char(':') + c;
    return QStringLiteral("INSERT INTO %1(%2) VALUES (%3)")
        .arg(table, columns.join(QStringLiteral(", ")), placeholders.join(QStringLiteral(", ")));
}

void bindAll(QSqlQuery &q, const QStringList &columns, const QVariantList &values)
{
    Q_ASSERT(columns.size() == values.size());
    for (qsizetype i = 0; i < columns.size(); ++i)
        q.bindValue(QLatin1Char(':') + columns.at(i), values.at(i));
}

QVariantList formValues(const FormRow &r)
{
    return {r.id,
            r.packageType,
            r.songCount,
            r.formData,
            r.generatedPrompts,
            text(r.variationTaskIds),
            text(r.variationAudioUrls),
            text(r.selectedVariations),
            r.status,
            text(r.stripeSessionId),
            text(r.stripePaymentIntentId),
            integer(r.amountPaid),
            Db::timestamp(r.paidAt),
            text(r.userId),
            text(r.guestEmail),
            Db::timestamp(r.createdAt),
            Db::timestamp(r.updatedAt),
            Db::timestamp(r.expiresAt)};
}

QVariantList generationValues(const GenerationRow &r)
{
    return {r.id,
            r.taskId,
            text(r.recipient),
            text(r.relationship),
            text(r.vibe),
            text(r.style),
            text(r.generatedPrompt),
            text(r.conversionId1),
            text(r.conversionId2),
            r.status,
            text(r.audioUrl1),
            text(r.audioUrl2),
            text(r.shareSlugV1),
            text(r.title1),
            integer(r.duration1),
            Db::timestamp(r.createdAt),
            Db::timestamp(r.updatedAt),
            Db::timestamp(r.completedAt),
            text(r.userId),
            r.formId,
            integer(r.songIndex),
            integer(r.variationIndex),
            r.isPreview,
            r.isSelected,
            r.isPaid,
            r.shareEnabled,
            text(r.story),
            text(r.musicGptResponse),
            text(r.audioUrlWav1),
            text(r.audioUrlWav2),
            text(r.title2),
            text(r.lyrics1),
            integer(r.duration2)};
}

} // namespace

std::optional<QString> textOrNull(const QString &text)
{
    return text.isEmpty() ? std::nullopt : std::optional<QString>(text);
}

FormRowWriter::FormRowWriter(const QSqlDatabase &db)
    : m_query(Db::prepare(db, insertSql(QStringLiteral("compose_forms"), columns())))
{
}

void FormRowWriter::insert(const FormRow &row)
{
    bindAll(m_query, columns(), formValues(row));
    Db::exec(m_query);
}

void FormRowWriter::insert(const QSqlDatabase &db, const FormRow &row)
{
    FormRowWriter(db).insert(row);
}

const QStringList &FormRowWriter::columns()
{
    static const QStringList list {QStringLiteral("id"),
                                   QStringLiteral("package_type"),
                                   QStringLiteral("song_count"),
                                   QStringLiteral("form_data"),
                                   QStringLiteral("generated_prompts"),
                                   QStringLiteral("variation_task_ids"),
                                   QStringLiteral("variation_audio_urls"),
                                   QStringLiteral("selected_variations"),
                                   QStringLiteral("status"),
                                   QStringLiteral("stripe_session_id"),
                                   QStringLiteral("stripe_payment_intent_id"),
                                   QStringLiteral("amount_paid"),
                                   QStringLiteral("paid_at"),
                                   QStringLiteral("user_id"),
                                   QStringLiteral("guest_email"),
                                   QStringLiteral("created_at"),
                                   QStringLiteral("updated_at"),
                                   QStringLiteral("expires_at")};
    return list;
}

GenerationRowWriter::GenerationRowWriter(const QSqlDatabase &db)
    : m_query(Db::prepare(db, insertSql(QStringLiteral("music_generations"), columns())))
{
}

void GenerationRowWriter::insert(const GenerationRow &row)
{
    bindAll(m_query, columns(), generationValues(row));
    Db::exec(m_query);
}

void GenerationRowWriter::insert(const QSqlDatabase &db, const GenerationRow &row)
{
    GenerationRowWriter(db).insert(row);
}

const QStringList &GenerationRowWriter::columns()
{
    // The benchmark's COPY fills the first 26 in this order and leaves the rest NULL.
    static const QStringList list {QStringLiteral("id"),
                                   QStringLiteral("task_id"),
                                   QStringLiteral("recipient"),
                                   QStringLiteral("relationship"),
                                   QStringLiteral("vibe"),
                                   QStringLiteral("style"),
                                   QStringLiteral("generated_prompt"),
                                   QStringLiteral("conversion_id_1"),
                                   QStringLiteral("conversion_id_2"),
                                   QStringLiteral("status"),
                                   QStringLiteral("audio_url_1"),
                                   QStringLiteral("audio_url_2"),
                                   QStringLiteral("share_slug_v1"),
                                   QStringLiteral("title_1"),
                                   QStringLiteral("duration_1"),
                                   QStringLiteral("created_at"),
                                   QStringLiteral("updated_at"),
                                   QStringLiteral("completed_at"),
                                   QStringLiteral("user_id"),
                                   QStringLiteral("form_id"),
                                   QStringLiteral("song_index"),
                                   QStringLiteral("variation_index"),
                                   QStringLiteral("is_preview"),
                                   QStringLiteral("is_selected"),
                                   QStringLiteral("is_paid"),
                                   QStringLiteral("share_enabled"),
                                   QStringLiteral("story"),
                                   QStringLiteral("musicgpt_response"),
                                   QStringLiteral("audio_url_wav_1"),
                                   QStringLiteral("audio_url_wav_2"),
                                   QStringLiteral("title_2"),
                                   QStringLiteral("lyrics_1"),
                                   QStringLiteral("duration_2")};
    return list;
}

} // namespace compose
