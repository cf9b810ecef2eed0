#include "demodata.h"

#include "database.h"
#include "formrows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <optional>

namespace compose {

namespace {

using demo::FormPlan;
using demo::GenPlan;
using demo::HistoryEvent;
using demo::RefundPlan;
using demo::UserPlan;

// ---- writing ------------------------------------------------------------------------------

QVariant nullableText(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

QString compact(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
}

QString formDataText(const FormPlan &f, SqlDialect dialect)
{
    if (!f.formDataRaw)
        return compact(f.fields);
    QJsonParseError err {};
    QJsonDocument::fromJson(f.formDataRaw->toUtf8(), &err);
    if (err.error == QJsonParseError::NoError || dialect == SqlDialect::SQLite)
        return *f.formDataRaw;
    // JSONB cannot hold broken JSON; the PostgreSQL version of this mistake is the document
    // stored double-encoded, as one JSON string.
    return compact(QJsonArray {*f.formDataRaw}).mid(1).chopped(1);
}
// The plan's form as its compose_forms row: the JSON columns assembled from its generations.
FormRow formRow(const FormPlan &f, SqlDialect dialect)
{
    QJsonObject tasks, urls, selections;
    for (const GenPlan &g : f.gens) {
        const QString song = QString::number(g.song);
        QJsonArray ids = tasks.value(song).toArray();
        ids.append(g.taskId);
        tasks.insert(song, ids);
        const QString key = song + QLatin1Char('/') + QString::number(g.variation);
        const QString url = f.audioUrlOverride.value(key, g.audio1);
        if (!url.isEmpty()) {
            QJsonObject perSong = urls.value(song).toObject();
            perSong.insert(QString::number(g.variation), url);
            urls.insert(song, perSong);
        }
    }
    for (auto it = f.selections.cbegin(); it != f.selections.cend(); ++it)
        selections.insert(QString::number(it.key()), it.value());
    QJsonArray prompts;
    for (const QString &p : f.prompts)
        prompts.append(p);

    FormRow row;
    row.id = f.id;
    row.packageType = f.package;
    row.songCount = f.songs;
    row.formData = formDataText(f, dialect);
    row.generatedPrompts = compact(prompts);
    row.variationTaskIds
        = f.taskIdsRaw ? f.taskIdsRaw : textOrNull(f.gens.isEmpty() ? QString() : compact(tasks));
    row.variationAudioUrls = textOrNull(urls.isEmpty() ? QString() : compact(urls));
    row.selectedVariations = textOrNull(selections.isEmpty() ? QString() : compact(selections));
    row.status = f.status;
    row.stripeSessionId = textOrNull(f.session);
    row.stripePaymentIntentId = textOrNull(f.intent);
    row.amountPaid = f.amount;
    row.paidAt = f.paid;
    row.userId = textOrNull(f.userId);
    row.guestEmail = textOrNull(f.guestEmail);
    row.createdAt = f.created;
    row.updatedAt = f.updated;
    row.expiresAt = f.expires;
    return row;
}

// A planned generation as its music_generations row; the song's context comes from its form.
GenerationRow generationRow(const FormPlan &f, const GenPlan &g)
{
    const QString recipient
        = f.fields.value(QStringLiteral("recipientName")).toVariant().toString();
    GenerationRow row;
    row.id = g.id;
    row.taskId = g.taskId;
    row.recipient = textOrNull(recipient);
    row.relationship = textOrNull(f.fields.value(QStringLiteral("relationship")).toString());
    row.vibe = textOrNull(f.fields.value(QStringLiteral("vibe")).toString());
    row.style = textOrNull(f.fields.value(QStringLiteral("voiceType")).toString());
    row.story = textOrNull(f.fields.value(QStringLiteral("specialMoment")).toString().left(500));
    row.generatedPrompt = textOrNull(g.prompt);
    row.conversionId1 = g.conv1;
    row.conversionId2 = g.conv2;
    row.status = g.status;
    row.audioUrl1 = textOrNull(g.audio1);
    row.audioUrl2 = textOrNull(g.audio2);
    row.audioUrlWav1 = textOrNull(g.audio1);
    row.audioUrlWav2 = textOrNull(g.audio2);
    row.shareSlugV1 = textOrNull(g.slug);
    row.title1 = textOrNull(g.title);
    row.title2 = textOrNull(g.title.isEmpty() ? QString() : g.title + QStringLiteral(" (alt)"));
    row.lyrics1 = textOrNull(g.lyrics);
    row.duration1 = g.duration1;
    row.duration2 = g.duration2;
    row.createdAt = g.created;
    row.updatedAt = g.updated;
    row.completedAt = g.completed;
    row.userId = textOrNull(f.userId);
    row.formId = f.id;
    row.variationIndex = g.variation;
    row.songIndex = g.song;
    row.isPreview = true;
    row.isSelected = g.selected;
    row.isPaid = g.paid;
    row.shareEnabled = g.share;
    return row;
}
} // namespace

QStringList DemoData::messyKinds()
{
    return demo::messyKinds();
}

bool DemoData::hasForms(const QSqlDatabase &db)
{
    QSqlQuery q = Db::prepare(db, QStringLiteral("SELECT 1 FROM compose_forms LIMIT 1"));
    Db::exec(q);
    return q.next();
}

DemoResult DemoData::populate(QSqlDatabase db, const DemoOptions &options)
{
    const demo::Plan plan = demo::plan(options);
    const SqlDialect dialect = Db::dialect(db);
    const bool hasRefunds = Db::hasTable(db, QStringLiteral("compose_refunds"));
    const bool hasDeliveries = Db::hasTable(db, QStringLiteral("compose_deliveries"));
    const bool hasEvents = Db::hasTable(db, QStringLiteral("compose_form_events"));

    DemoResult result;
    Db::Transaction tx(db);

    QSqlQuery user = Db::prepare(db,
                                 QStringLiteral("INSERT INTO \"user\" (id, email, name, credits) "
                                                "VALUES (:id, :email, :name, :credits)"));
    for (const UserPlan &u : std::as_const(plan.users)) {
        user.bindValue(QStringLiteral(":id"), u.id);
        user.bindValue(QStringLiteral(":email"), u.email);
        user.bindValue(QStringLiteral(":name"), u.name);
        user.bindValue(QStringLiteral(":credits"), u.credits);
        Db::exec(user);
        ++result.users;
    }

    FormRowWriter form(db);
    GenerationRowWriter gen(db);
    QSqlQuery order = Db::prepare(
        db,
        QStringLiteral(
            "INSERT INTO orders (id, user_id, amount, currency, status, credits, "
            "stripe_session_id, "
            "package_id, created_at, updated_at, form_id, guest_email) VALUES (:id, :user, "
            ":amount, "
            "'usd', :status, 0, :session, :package, :created, :updated, :form, :guest)"));
    std::optional<QSqlQuery> refund;
    if (hasRefunds)
        refund = Db::prepare(db,
                             QStringLiteral("INSERT INTO compose_refunds (id, form_id, "
                                            "payment_intent, amount, currency, reason, "
                                            "note, status, created_at, updated_at) VALUES (:id, "
                                            ":form, :intent, :amount, 'usd', "
                                            ":reason, :note, :status, :created, :updated)"));
    // A second payment of one form is an order of its own, flagged for staff (migration 005).
    const bool hasPaymentFlag = Db::hasTable(db, QStringLiteral("compose_checkout_sessions"));
    std::optional<QSqlQuery> delivery;
    if (hasDeliveries)
        delivery = Db::prepare(
            db,
            QStringLiteral(
                "INSERT INTO compose_deliveries (form_id, email, share_url, kind, created_at) "
                "VALUES (:form, :email, :url, 'deliver', :created)"));

    // The trigger wrote one event at the build time for each insert: replaced by the form's life.
    std::optional<QSqlQuery> clearEvents, event;
    if (hasEvents) {
        clearEvents = Db::prepare(
            db, QStringLiteral("DELETE FROM compose_form_events WHERE form_id = :form"));
        event = Db::prepare(
            db,
            QStringLiteral(
                "INSERT INTO compose_form_events (form_id, old_status, new_status, changed_at) "
                "VALUES (:form, :old, :new, :at)"));
    }

    for (const FormPlan &f : std::as_const(plan.forms)) {
        form.insert(formRow(f, dialect));
        ++result.forms;
        if (hasEvents) {
            clearEvents->bindValue(QStringLiteral(":form"), f.id);
            Db::exec(*clearEvents);
            for (const HistoryEvent &e : f.history) {
                event->bindValue(QStringLiteral(":form"), f.id);
                event->bindValue(QStringLiteral(":old"), nullableText(e.oldStatus));
                event->bindValue(QStringLiteral(":new"), e.newStatus);
                event->bindValue(QStringLiteral(":at"), Db::timestamp(e.at));
                Db::exec(*event);
            }
        }
        result.statusCounts[f.status] += 1;
        if (!f.messy.isEmpty())
            result.messyForms.insert(f.messy, f.id);
        if (!f.attention.isEmpty())
            result.attentionForms.insert(f.attention, f.id);
        if (f.status == QLatin1String("payment_initiated") && f.messy.isEmpty()
            && f.attention.isEmpty() && result.lostWebhookForms.size() < LostWebhookForms)
            result.lostWebhookForms << f.id;

        for (const GenPlan &g : f.gens) {
            if (!g.written)
                continue;
            gen.insert(generationRow(f, g));
            ++result.generations;
        }

        if (!f.orderId.isEmpty()) {
            order.bindValue(QStringLiteral(":id"), f.orderId);
            order.bindValue(QStringLiteral(":user"), nullableText(f.userId));
            order.bindValue(QStringLiteral(":amount"), *f.amount);
            order.bindValue(QStringLiteral(":status"), f.orderStatus);
            order.bindValue(QStringLiteral(":session"), f.session);
            order.bindValue(QStringLiteral(":package"), f.package);
            order.bindValue(QStringLiteral(":created"), Db::timestamp(f.paid));
            order.bindValue(QStringLiteral(":updated"),
                            Db::timestamp(f.refunds.isEmpty() ? f.paid : f.refunds.last().at));
            order.bindValue(QStringLiteral(":form"), f.id);
            order.bindValue(QStringLiteral(":guest"), nullableText(f.guestEmail));
            Db::exec(order);
            ++result.orders;
        }
        if (!f.duplicateOrderId.isEmpty() && hasPaymentFlag) {
            QSqlQuery dup = Db::prepare(
                db,
                QStringLiteral("INSERT INTO orders (id, user_id, amount, currency, status, "
                               "credits, stripe_session_id, package_id, created_at, "
                               "updated_at, form_id, guest_email, payment_flag) VALUES (:id, "
                               ":user, 999, 'usd', 'paid', 0, :session, :package, :created, "
                               ":created2, :form, :guest, 'duplicate')"));
            dup.bindValue(QStringLiteral(":id"), f.duplicateOrderId);
            dup.bindValue(QStringLiteral(":user"), nullableText(f.userId));
            dup.bindValue(QStringLiteral(":session"), QString(f.session + QStringLiteral("_2")));
            dup.bindValue(QStringLiteral(":package"), f.package);
            dup.bindValue(QStringLiteral(":created"), Db::timestamp(f.paid.addSecs(90)));
            dup.bindValue(QStringLiteral(":created2"), Db::timestamp(f.paid.addSecs(90)));
            dup.bindValue(QStringLiteral(":form"), f.id);
            dup.bindValue(QStringLiteral(":guest"), nullableText(f.guestEmail));
            Db::exec(dup);
            ++result.orders;
            // Its session as compose-api records a paid one: the intent staff refund it by.
            QSqlQuery session = Db::prepare(
                db,
                QStringLiteral("INSERT INTO compose_checkout_sessions (session_id, form_id, "
                               "selections, amount, currency, payment_intent, order_id, "
                               "created_at) VALUES (:session, :form, '{}', 999, 'usd', "
                               ":intent, :order, :created)"));
            session.bindValue(QStringLiteral(":session"),
                              QString(f.session + QStringLiteral("_2")));
            session.bindValue(QStringLiteral(":form"), f.id);
            session.bindValue(QStringLiteral(":intent"), QString(f.intent + QStringLiteral("_2")));
            session.bindValue(QStringLiteral(":order"), f.duplicateOrderId);
            session.bindValue(QStringLiteral(":created"), Db::timestamp(f.paid.addSecs(90)));
            Db::exec(session);
        }
        if (!f.strayOrderId.isEmpty()) {
            order.bindValue(QStringLiteral(":id"), f.strayOrderId);
            order.bindValue(QStringLiteral(":user"), nullableText(f.userId));
            order.bindValue(QStringLiteral(":amount"), 999);
            order.bindValue(QStringLiteral(":status"), QStringLiteral("paid"));
            order.bindValue(QStringLiteral(":session"),
                            QString(QStringLiteral("cs_stray_") + f.id));
            order.bindValue(QStringLiteral(":package"), f.package);
            order.bindValue(QStringLiteral(":created"), Db::timestamp(f.created));
            order.bindValue(QStringLiteral(":updated"), Db::timestamp(f.created));
            order.bindValue(QStringLiteral(":form"), QVariant(QMetaType::fromType<QString>()));
            order.bindValue(QStringLiteral(":guest"), nullableText(f.email));
            Db::exec(order);
            ++result.orders;
        }
        if (refund) {
            for (const RefundPlan &r : f.refunds) {
                refund->bindValue(QStringLiteral(":id"), r.id);
                refund->bindValue(QStringLiteral(":form"), f.id);
                refund->bindValue(QStringLiteral(":intent"), f.intent);
                refund->bindValue(QStringLiteral(":amount"), r.amount);
                refund->bindValue(QStringLiteral(":reason"), r.reason);
                refund->bindValue(QStringLiteral(":note"), nullableText(r.note));
                refund->bindValue(QStringLiteral(":status"), r.status);
                refund->bindValue(QStringLiteral(":created"), Db::timestamp(r.at));
                refund->bindValue(QStringLiteral(":updated"), Db::timestamp(r.at.addSecs(4)));
                Db::exec(*refund);
                ++result.refunds;
            }
        }
        if (delivery && f.delivered.isValid()) {
            QString slug;
            for (const GenPlan &g : f.gens)
                if (g.share && slug.isEmpty())
                    slug = g.slug.section(QLatin1Char('-'), 0, 0);
            delivery->bindValue(QStringLiteral(":form"), f.id);
            delivery->bindValue(QStringLiteral(":email"), f.email);
            delivery->bindValue(QStringLiteral(":url"),
                                QString(QStringLiteral("https://songs.example.com/s/") + slug));
            delivery->bindValue(QStringLiteral(":created"), Db::timestamp(f.delivered));
            Db::exec(*delivery);
            ++result.deliveries;
        }
    }
    tx.commit();
    return result;
}

} // namespace compose
