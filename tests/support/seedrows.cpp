#include "seedrows.h"

#include "database.h"
#include "formrows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace compose::test {

namespace {
QVariant orNull(const QVariant &v)
{
    return v.isValid() ? v : QVariant(QMetaType::fromType<QString>());
}
} // namespace

void insertUser(const QSqlDatabase &db, const QString &id, const QString &email, const QString &name)
{
    QSqlQuery q = Db::prepare(db, QStringLiteral("INSERT INTO \"user\"(id, email, name, credits) VALUES (:id, :e, :n, 3)"));
    q.bindValue(QStringLiteral(":id"), id);
    q.bindValue(QStringLiteral(":e"), email);
    q.bindValue(QStringLiteral(":n"), name);
    Db::exec(q);
}

namespace {
std::optional<QString> optionalText(const QVariant &v)
{
    return v.isValid() && !v.isNull() ? std::optional<QString>(v.toString()) : std::nullopt;
}

std::optional<int> optionalInt(const QVariant &v)
{
    return v.isValid() && !v.isNull() ? std::optional<int>(v.toInt()) : std::nullopt;
}

FormRow toRow(const FormSpec &f)
{
    FormRow r;
    r.id = f.id;
    r.packageType = f.packageType;
    r.songCount = f.songCount;
    r.formData = f.formData;
    r.generatedPrompts = f.prompts;
    r.variationTaskIds = optionalText(f.taskIds);
    r.variationAudioUrls = optionalText(f.audioUrls);
    r.selectedVariations = optionalText(f.selections);
    r.status = f.status;
    r.stripeSessionId = optionalText(f.sessionId);
    r.stripePaymentIntentId = optionalText(f.paymentIntent);
    r.amountPaid = optionalInt(f.amountPaid);
    r.paidAt = f.paidAt;
    r.userId = optionalText(f.userId);
    r.guestEmail = optionalText(f.guestEmail);
    r.createdAt = f.createdAt;
    r.updatedAt = f.updatedAt.isValid() ? f.updatedAt : f.createdAt;
    r.expiresAt = f.expiresAt.isValid() ? f.expiresAt : f.createdAt.addDays(7);
    return r;
}

GenerationRow toRow(const GenerationSpec &g)
{
    GenerationRow r;
    r.id = g.id;
    r.taskId = g.taskId;
    r.formId = g.formId;
    r.songIndex = g.songIndex;
    r.variationIndex = g.variationIndex;
    r.status = g.status;
    r.audioUrl1 = optionalText(g.audioUrl);
    r.duration1 = optionalInt(g.duration);
    r.isPreview = g.isPreview;
    r.isSelected = g.isSelected;
    r.isPaid = g.isPaid;
    r.shareEnabled = g.shareEnabled;
    r.conversionId1 = optionalText(g.conversionId1);
    r.conversionId2 = optionalText(g.conversionId2);
    r.createdAt = g.createdAt;
    r.updatedAt = g.createdAt;
    return r;
}
} // namespace

void insertForm(const QSqlDatabase &db, const FormSpec &f)
{
    FormRowWriter::insert(db, toRow(f));
}

void insertGeneration(const QSqlDatabase &db, const GenerationSpec &g)
{
    GenerationRowWriter::insert(db, toRow(g));
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
                 const QVariant &userId, const QVariant &guestEmail)
{
    QSqlQuery q = Db::prepare(db, QStringLiteral(
            "INSERT INTO orders(id, user_id, amount, currency, status, credits, form_id, guest_email) "
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
            u.insert(QString::number(v), QStringLiteral("https://cdn.example.com/%1.mp3").arg(task));
        }
        tasks.insert(QString::number(s), t);
        urls.insert(QString::number(s), u);
        sel.insert(QString::number(s), selectedVariation);
    }
    f.taskIds = QString::fromUtf8(QJsonDocument(tasks).toJson(QJsonDocument::Compact));
    f.audioUrls = QString::fromUtf8(QJsonDocument(urls).toJson(QJsonDocument::Compact));
    f.selections = QString::fromUtf8(QJsonDocument(sel).toJson(QJsonDocument::Compact));
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
            g.audioUrl = QStringLiteral("https://cdn.example.com/%1.mp3").arg(task);
            g.duration = 60 + v;
            g.isSelected = v == selectedVariation;
            insertGeneration(db, g);
        }
    }
}

} // namespace compose::test
