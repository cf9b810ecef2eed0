#include "seedrows.h"

#include "database.h"

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

void insertForm(const QSqlDatabase &db, const FormSpec &f)
{
    QSqlQuery q = Db::prepare(db, QStringLiteral(
            "INSERT INTO compose_forms(id, package_type, song_count, form_data, generated_prompts, "
            "variation_task_ids, variation_audio_urls, selected_variations, status, stripe_session_id, "
            "stripe_payment_intent_id, amount_paid, paid_at, user_id, guest_email, created_at, updated_at, "
            "expires_at) VALUES (:id, :pkg, :songs, :fd, :pr, :tids, :urls, :sel, :st, :sess, :pi, :amt, "
            ":paid, :uid, :guest, :cr, :up, :ex)"));
    q.bindValue(QStringLiteral(":id"), f.id);
    q.bindValue(QStringLiteral(":pkg"), f.packageType);
    q.bindValue(QStringLiteral(":songs"), f.songCount);
    q.bindValue(QStringLiteral(":fd"), f.formData);
    q.bindValue(QStringLiteral(":pr"), f.prompts);
    q.bindValue(QStringLiteral(":tids"), orNull(f.taskIds));
    q.bindValue(QStringLiteral(":urls"), orNull(f.audioUrls));
    q.bindValue(QStringLiteral(":sel"), orNull(f.selections));
    q.bindValue(QStringLiteral(":st"), f.status);
    q.bindValue(QStringLiteral(":sess"), orNull(f.sessionId));
    q.bindValue(QStringLiteral(":pi"), orNull(f.paymentIntent));
    q.bindValue(QStringLiteral(":amt"), f.amountPaid.isValid() ? f.amountPaid : QVariant(QMetaType::fromType<int>()));
    q.bindValue(QStringLiteral(":paid"), Db::timestamp(f.paidAt));
    q.bindValue(QStringLiteral(":uid"), orNull(f.userId));
    q.bindValue(QStringLiteral(":guest"), orNull(f.guestEmail));
    q.bindValue(QStringLiteral(":cr"), Db::timestamp(f.createdAt));
    q.bindValue(QStringLiteral(":up"), Db::timestamp(f.updatedAt.isValid() ? f.updatedAt : f.createdAt));
    q.bindValue(QStringLiteral(":ex"), Db::timestamp(f.expiresAt.isValid() ? f.expiresAt : f.createdAt.addDays(7)));
    Db::exec(q);
}

void insertGeneration(const QSqlDatabase &db, const GenerationSpec &g)
{
    QSqlQuery q = Db::prepare(db, QStringLiteral(
            "INSERT INTO music_generations(id, task_id, form_id, song_index, variation_index, status, "
            "audio_url_1, duration_1, is_preview, is_selected, is_paid, share_enabled, created_at) VALUES "
            "(:id, :t, :f, :s, :v, :st, :url, :dur, :prev, :sel, :paid, :share, :cr)"));
    q.bindValue(QStringLiteral(":id"), g.id);
    q.bindValue(QStringLiteral(":t"), g.taskId);
    q.bindValue(QStringLiteral(":f"), g.formId);
    q.bindValue(QStringLiteral(":s"), g.songIndex ? QVariant(*g.songIndex) : QVariant(QMetaType::fromType<int>()));
    q.bindValue(QStringLiteral(":v"), g.variationIndex ? QVariant(*g.variationIndex) : QVariant(QMetaType::fromType<int>()));
    q.bindValue(QStringLiteral(":st"), g.status);
    q.bindValue(QStringLiteral(":url"), orNull(g.audioUrl));
    q.bindValue(QStringLiteral(":dur"), g.duration.isValid() ? g.duration : QVariant(QMetaType::fromType<int>()));
    q.bindValue(QStringLiteral(":prev"), true);
    q.bindValue(QStringLiteral(":sel"), g.isSelected);
    q.bindValue(QStringLiteral(":paid"), g.isPaid);
    q.bindValue(QStringLiteral(":share"), g.shareEnabled);
    q.bindValue(QStringLiteral(":cr"), Db::timestamp(g.createdAt));
    Db::exec(q);
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
