#pragma once

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QString>

namespace compose {

// A selected or paid music_generations row as delivery sees it: its share slugs per version.
struct ShareRow {
    QString generationId;
    int songIndex = 0;
    QString slugV1;
    QString slugV2;
    bool hasVersion2 = false; // MusicGPT made a second version (audio_url_2)
};

// music_generations as payments, deliveries and staff retries see it: which variations are
// ready or failed, which are selected and paid, and their share links. The caller holds the
// transaction.
class SelectionStore final {
public:
    explicit SelectionStore(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    bool variationReady(const QString &formId, int songIndex, int variationIndex) const;
    // (song, variation) of the failed generations, in song and variation order.
    QList<QPair<int, int>> failedVariations(const QString &formId) const;
    // Exactly this variation of the song is selected, paid and shared.
    void markPaid(const QString &formId, int songIndex, int variationIndex, const QDateTime &now);

    QList<ShareRow> shareRows(const QString &formId) const;
    // Stores the slugs and turns sharing on; an empty slugV2 is stored as NULL.
    void enableSharing(const ShareRow &row);
    void disableSharing(const QString &formId, const QDateTime &now);

private:
    QSqlDatabase m_db;
};

} // namespace compose
