#pragma once

#include "formrows.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <optional>

namespace compose::test {

// Inserts rows shaped like the shop's own (seed schema only), in either dialect, through the
// store's one row writer per table (formrows.h). Every field is raw: JSON columns take any text,
// so tests can store malformed or oddly typed documents. The specs are the store's row types
// with the fixtures' defaults: a solo form of a guest with one prompt, created now; a completed
// preview generation, created now.
struct FormSpec : FormRow {
    FormSpec();
};

struct GenerationSpec : GenerationRow {
    GenerationSpec();
};

void insertUser(const QSqlDatabase &db, const QString &id, const QString &email,
                const QString &name);
// updated_at defaults to created_at, a form's expires_at to created_at + 7 days.
void insertForm(const QSqlDatabase &db, const FormSpec &f);
void insertGeneration(const QSqlDatabase &db, const GenerationSpec &g);
void insertOrder(const QSqlDatabase &db, const QString &id, const QString &formId, int amount,
                 const std::optional<QString> &userId, const std::optional<QString> &guestEmail);
// A generation MusicGPT has not called back for yet: gen_<key>, task_<key>, song 0.
GenerationSpec pendingGeneration(const QString &key, const QString &formId, int variationIndex,
                                 const QString &conversionId1, const QString &conversionId2);
// A bundle or solo form with a full, consistent 3-variation grid per song.
void insertCompleteForm(const QSqlDatabase &db, FormSpec f, int selectedVariation = 2);

} // namespace compose::test
