#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

#include <optional>

namespace compose {

// One compose_forms row as it is written. Nullable columns are std::optional or an invalid
// QDateTime (NULL). JSON columns are text written verbatim, so demo data and test fixtures can
// store the malformed documents real data has; the server writes what ApiContext::writeJson made.
struct FormRow {
    QString id;
    QString packageType;
    int songCount = 1;
    QString formData;
    QString generatedPrompts;
    std::optional<QString> variationTaskIds;
    std::optional<QString> variationAudioUrls;
    std::optional<QString> selectedVariations;
    QString status = QStringLiteral("created");
    std::optional<QString> stripeSessionId;
    std::optional<QString> stripePaymentIntentId;
    std::optional<int> amountPaid;
    QDateTime paidAt;
    std::optional<QString> userId;
    std::optional<QString> guestEmail;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime expiresAt;
};

// One music_generations row as it is written (the seed's columns this shop fills).
struct GenerationRow {
    QString id;
    QString taskId;
    std::optional<QString> recipient;
    std::optional<QString> relationship;
    std::optional<QString> vibe;
    std::optional<QString> style;
    std::optional<QString> generatedPrompt;
    std::optional<QString> conversionId1;
    std::optional<QString> conversionId2;
    QString status = QStringLiteral("pending");
    std::optional<QString> audioUrl1;
    std::optional<QString> audioUrl2;
    std::optional<QString> shareSlugV1;
    std::optional<QString> title1;
    std::optional<int> duration1;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime completedAt;
    std::optional<QString> userId;
    QString formId;
    std::optional<int> songIndex;
    std::optional<int> variationIndex;
    bool isPreview = false;
    bool isSelected = false;
    bool isPaid = false;
    bool shareEnabled = false;
    std::optional<QString> story;
    std::optional<QString> musicGptResponse; // JSON text
    std::optional<QString> audioUrlWav1;
    std::optional<QString> audioUrlWav2;
    std::optional<QString> title2;
    std::optional<QString> lyrics1;
    std::optional<int> duration2;
};

// The one INSERT for compose_forms. Prepared once, so bulk writers (demo data) reuse it; every
// column of FormRow is written, so a caller states each value instead of relying on defaults.
class FormRowWriter final {
public:
    explicit FormRowWriter(const QSqlDatabase &db);
    Q_DISABLE_COPY_MOVE(FormRowWriter)

    void insert(const FormRow &row); // throws DbError
    static void insert(const QSqlDatabase &db, const FormRow &row);

    // The columns in the order insert() binds them; the benchmark's COPY uses the same list.
    static const QStringList &columns();

private:
    QSqlQuery m_query;
};

// The one INSERT for music_generations; see FormRowWriter.
class GenerationRowWriter final {
public:
    explicit GenerationRowWriter(const QSqlDatabase &db);
    Q_DISABLE_COPY_MOVE(GenerationRowWriter)

    void insert(const GenerationRow &row); // throws DbError
    static void insert(const QSqlDatabase &db, const GenerationRow &row);

    static const QStringList &columns();

private:
    QSqlQuery m_query;
};

// Empty text as NULL: the writers' callers mostly hold "no value" as an empty string.
std::optional<QString> textOrNull(const QString &text);

} // namespace compose
