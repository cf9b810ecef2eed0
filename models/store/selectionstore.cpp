#include "selectionstore.h"

#include "database.h"

namespace compose {

bool SelectionStore::variationReady(const QString &formId, int songIndex, int variationIndex) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("SELECT 1 FROM music_generations WHERE form_id = :f AND song_index = :s AND "
                       "variation_index = :v AND status = 'completed'"));
    q.bindValue(QStringLiteral(":f"), formId);
    q.bindValue(QStringLiteral(":s"), songIndex);
    q.bindValue(QStringLiteral(":v"), variationIndex);
    Db::exec(q);
    return q.next();
}

QList<QPair<int, int>> SelectionStore::failedVariations(const QString &formId) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("SELECT DISTINCT song_index, variation_index FROM music_generations WHERE "
                       "form_id = :f AND status = 'failed' ORDER BY song_index, variation_index"));
    q.bindValue(QStringLiteral(":f"), formId);
    Db::exec(q);
    QList<QPair<int, int>> out;
    while (q.next())
        out.append({q.value(0).toInt(), q.value(1).toInt()});
    return out;
}

void SelectionStore::markPaid(const QString &formId, int songIndex, int variationIndex,
                              const QDateTime &now)
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("UPDATE music_generations SET is_selected = (variation_index = :v), "
                       "is_paid = (variation_index = :v2), share_enabled = (variation_index = "
                       ":v3), updated_at = :now "
                       "WHERE form_id = :f AND song_index = :s"));
    q.bindValue(QStringLiteral(":v"), variationIndex);
    q.bindValue(QStringLiteral(":v2"), variationIndex);
    q.bindValue(QStringLiteral(":v3"), variationIndex);
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":f"), formId);
    q.bindValue(QStringLiteral(":s"), songIndex);
    Db::exec(q);
}

QList<ShareRow> SelectionStore::shareRows(const QString &formId) const
{
    QSqlQuery q
        = Db::prepare(m_db,
                      QStringLiteral("SELECT id, song_index, share_slug_v1, share_slug_v2, "
                                     "audio_url_2 FROM music_generations "
                                     "WHERE form_id = :f AND (is_selected = TRUE OR is_paid = "
                                     "TRUE) ORDER BY song_index, variation_index"));
    q.bindValue(QStringLiteral(":f"), formId);
    Db::exec(q);
    QList<ShareRow> rows;
    while (q.next())
        rows.append({q.value(0).toString(), q.value(1).toInt(), q.value(2).toString(),
                     q.value(3).toString(), !q.value(4).toString().isEmpty()});
    return rows;
}

void SelectionStore::enableSharing(const ShareRow &row)
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("UPDATE music_generations SET share_slug_v1 = "
                                             ":s1, share_slug_v2 = :s2, share_enabled = TRUE "
                                             "WHERE id = :id"));
    q.bindValue(QStringLiteral(":s1"), row.slugV1);
    q.bindValue(QStringLiteral(":s2"),
                row.slugV2.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                     : QVariant(row.slugV2));
    q.bindValue(QStringLiteral(":id"), row.generationId);
    Db::exec(q);
}

void SelectionStore::disableSharing(const QString &formId, const QDateTime &now)
{
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("UPDATE music_generations SET share_enabled = FALSE, "
                                             "updated_at = :now WHERE form_id = :f "
                                             "AND share_enabled = TRUE"));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":f"), formId);
    Db::exec(q);
}

} // namespace compose
