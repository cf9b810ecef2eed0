#include "seedrows.h"

#include "database.h"
#include "formrows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace compose::test {

namespace {
QVariant orNull(const std::optional<QString> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType::fromType<QString>());
}
} // namespace

void insertUser(const QSqlDatabase &db, const QString &id, const QString &email,
                const QString &name)
{
    QSqlQuery q = Db::prepare(
        db,
        QStringLiteral("INSERT INTO \"user\"(id, email, name, credits) VALUES (:id, :e, :n, 3)"));
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":e"), email);
    q.bindValue(QStringLiteral(":n"), name);
    Db::exec(q);
}

FormSpec::FormSpec()
{
    packageType = QStringLiteral("solo-serenade");
    formData = QStringLiteral(R"({"recipientName":"Ada","senderName":"Bo"})");
    generatedPrompts = QStringLiteral(R"(["A song for Ada"])");
    guestEmail = QStringLiteral("guest@example.com");
    createdAt = QDateTime::currentDateTimeUtc();
}

GenerationSpec::GenerationSpec()
{
    status = QStringLiteral("completed");
    isPreview = true;
    createdAt = QDateTime::currentDateTimeUtc();
}

void insertForm(const QSqlDatabase &db, const FormSpec &f)
{
    FormRow row = f;
    if (!row.updatedAt.isValid())
        row.updatedAt = row.createdAt;
    if (!row.expiresAt.isValid())
        row.expiresAt = row.createdAt.addDays(7);
    FormRowWriter::insert(db, row);
}

void insertGeneration(const QSqlDatabase &db, const GenerationSpec &g)
{
    GenerationRow row = g;
    if (!row.updatedAt.isValid())
        row.updatedAt = row.createdAt;
    GenerationRowWriter::insert(db, row);
}

GenerationSpec pendingGeneration(const QString &key, const QString &formId, int variationIndex,
                                 const QString &conversionId1, const QString &conversionId2)
{
    GenerationSpec g;
    g.id = QStringLiteral("gen_") + key;
    g.taskId = QStringLiteral("task_") + key;
    g.formId = formId;
    g.songIndex = 0;
    g.variationIndex = variationIndex;
    g.status = QStringLiteral("pending");
    g.conversionId1 = conversionId1;
    g.conversionId2 = conversionId2;
    g.isPreview = false;
    return g;
}

void insertOrder(const QSqlDatabase &db, const QString &id, const QString &formId, int amount,
                 const std::optional<QString> &userId, const std::optional<QString> &guestEmail)
{
    QSqlQuery q = Db::prepare(db,
                              QStringLiteral("INSERT INTO orders(id, user_id, amount, currency, "
                                             "status, credits, form_id, guest_email) "
                                             "VALUES (:id, :u, :a, 'usd', 'paid', 0, :f, :g)"));
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":u"), orNull(userId));
    q.bindValue(QStringLiteral(":a"), amount);
    q.bindValue(QStringLiteral(":f"), formId);
    q.bindValue(QStringLiteral(":g"), orNull(guestEmail));
    Db::exec(q);
}

void insertCompleteForm(const QSqlDatabase &db, FormSpec f, int selectedVariation)
{
    QJsonObject tasks, urls, sel;
    for (int s = 0; s < f.songCount; ++s) {
        QJsonArray t;
        QJsonObject u;
        for (int v = 1; v <= 3; ++v) {
            const QString task = QStringLiteral("%1_t%2_%3").arg(f.id).arg(s).arg(v);
            t.append(task);
            u.insert(QString::number(v),
                     QStringLiteral("https://cdn.example.com/%1.mp3").arg(task));
        }
        tasks.insert(QString::number(s), t);
        urls.insert(QString::number(s), u);
        sel.insert(QString::number(s), selectedVariation);
    }
    f.variationTaskIds = QString::fromUtf8(QJsonDocument(tasks).toJson(QJsonDocument::Compact));
    f.variationAudioUrls = QString::fromUtf8(QJsonDocument(urls).toJson(QJsonDocument::Compact));
    f.selectedVariations = QString::fromUtf8(QJsonDocument(sel).toJson(QJsonDocument::Compact));
    insertForm(db, f);
    for (int s = 0; s < f.songCount; ++s) {
        for (int v = 1; v <= 3; ++v) {
            const QString task = QStringLiteral("%1_t%2_%3").arg(f.id).arg(s).arg(v);
            GenerationSpec g;
            g.id = QStringLiteral("g_") + task;
            g.taskId = task;
            g.formId = f.id;
            g.songIndex = s;
            g.variationIndex = v;
            g.audioUrl1 = QStringLiteral("https://cdn.example.com/%1.mp3").arg(task);
            g.duration1 = 60 + v;
            g.isSelected = v == selectedVariation;
            insertGeneration(db, g);
        }
    }
}

} // namespace compose::test
