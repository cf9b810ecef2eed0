#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <optional>

namespace compose::test {

// Inserts rows shaped like the shop's own (seed schema only), in either dialect, through the
// store's one row writer per table (formrows.h). Every field is raw: JSON columns take any text,
// so tests can store malformed or oddly typed documents. The specs only add test defaults.
struct FormSpec
{
    QString id;
    QString packageType = QStringLiteral("solo-serenade");
    int songCount = 1;
    QString formData = QStringLiteral(R"({"recipientName":"Ada","senderName":"Bo"})");
    QString prompts = QStringLiteral(R"(["A song for Ada"])");
    QVariant taskIds;    // JSON text or null
    QVariant audioUrls;  // JSON text or null
    QVariant selections; // JSON text or null
    QString status = QStringLiteral("created");
    QVariant sessionId;
    QVariant paymentIntent;
    QVariant amountPaid;
    QDateTime paidAt;
    QVariant userId;
    QVariant guestEmail = QStringLiteral("guest@example.com");
    QDateTime createdAt = QDateTime::currentDateTimeUtc();
    QDateTime updatedAt;  // = createdAt when invalid
    QDateTime expiresAt;  // = createdAt + 7 days when invalid
};

struct GenerationSpec
{
    QString id;
    QString taskId;
    QString formId;
    std::optional<int> songIndex;
    std::optional<int> variationIndex;
    QString status = QStringLiteral("completed");
    QVariant audioUrl;
    QVariant duration;
    QVariant conversionId1;
    QVariant conversionId2;
    bool isPreview = true;
    bool isSelected = false;
    bool isPaid = false;
    bool shareEnabled = false;
    QDateTime createdAt = QDateTime::currentDateTimeUtc();
};

void insertUser(const QSqlDatabase &db, const QString &id, const QString &email, const QString &name);
void insertForm(const QSqlDatabase &db, const FormSpec &f);
void insertGeneration(const QSqlDatabase &db, const GenerationSpec &g);
void insertOrder(const QSqlDatabase &db, const QString &id, const QString &formId, int amount,
                 const QVariant &userId, const QVariant &guestEmail);
// A generation MusicGPT has not called back for yet: gen_<key>, task_<key>, song 0.
GenerationSpec pendingGeneration(const QString &key, const QString &formId, int variationIndex,
                                 const QString &conversionId1, const QString &conversionId2);
// A bundle or solo form with a full, consistent 3-variation grid per song.
void insertCompleteForm(const QSqlDatabase &db, FormSpec f, int selectedVariation = 2);

} // namespace compose::test
