#pragma once

#include "formtypes.h"

#include <QJsonValue>

namespace compose {

// A music_generations row as read from the database, before merging with the form's JSON.
struct GenerationRecord {
    // One music_generations row (GenerationStore reads every column for every user). Text
    // columns that are NULL read as null QStrings, an empty text as an empty one.
    QString id;
    QString taskId;
    QString formId;
    QString status;
    QString audioUrl1;
    QString audioUrl2;
    QString audioUrlWav1;
    QString audioUrlWav2;
    std::optional<int> duration1;
    std::optional<int> duration2;
    QString title1;
    QString title2;
    QString shareSlug; // share_slug_v1
    QString shareSlug2; // share_slug_v2
    QString conversionId1;
    QString conversionId2;
    std::optional<int> songIndex;
    std::optional<int> variationIndex;
    std::optional<bool> isPreview;
    std::optional<bool> isSelected;
    std::optional<bool> isPaid;
    std::optional<bool> shareEnabled;
    QDateTime createdAt;
    QDateTime completedAt;
};

// Defensive readers for the JSON columns of compose_forms. Nothing here throws or asserts on
// bad data: every odd shape becomes a JsonText state or a "problem" sentence for the UI.
namespace FormJson {

constexpr int MaxDisplayChars = 2000; // huge strings are cut for display, never for storage

JsonText text(const QJsonValue &v);
// A JSON fragment as the database returns it for form_data->'key' (NULL when absent).
JsonText fragment(const QVariant &jsonText);
// For a whole document: "" when it is an object, else a sentence ("not valid JSON", "an array").
QString describeNonObject(const QString &raw, QJsonValue *parsed = nullptr);

void parseFormData(const QString &raw, FormDetail &out);
QList<JsonText> parsePrompts(const QString &raw, QString *problem);
QList<VariationRow> mergeVariations(int songCount, const QString &taskIdsRaw,
                                    const QString &audioUrlsRaw, const QString &selectionsRaw,
                                    const QList<GenerationRecord> &generations, QString *problem);

} // namespace FormJson
} // namespace compose
