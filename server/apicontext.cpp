#include "apicontext.h"

#include "apierror.h"
#include "database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

namespace compose {

ApiContext::ApiContext(ServerConfig config, QString connectionName, Outbound *outbound)
    : m_config(std::move(config)), m_connectionName(std::move(connectionName)), m_outbound(outbound)
{
}

QSqlDatabase ApiContext::db() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

QUrl ApiContext::publicBase() const
{
    if (m_config.publicBaseUrl.isValid() && !m_config.publicBaseUrl.isEmpty())
        return m_config.publicBaseUrl;
    return m_publicBase;
}

static QUrl joined(const QUrl &base, const QString &path)
{
    QUrl u = base;
    QString p = u.path();
    while (p.endsWith(QLatin1Char('/')))
        p.chop(1);
    u.setPath(p + path);
    return u;
}

QUrl ApiContext::musicGptBase() const
{
    if (!m_config.musicGptBaseUrl.isEmpty())
        return m_config.musicGptBaseUrl;
    return m_config.simulate ? joined(publicBase(), QStringLiteral("/sim/musicgpt"))
                             : QUrl(QStringLiteral("https://api.musicgpt.com"));
}

QUrl ApiContext::stripeBase() const
{
    if (!m_config.stripeBaseUrl.isEmpty())
        return m_config.stripeBaseUrl;
    return m_config.simulate ? joined(publicBase(), QStringLiteral("/sim/stripe"))
                             : QUrl(QStringLiteral("https://api.stripe.com"));
}

QString ApiContext::musicGptKey() const
{
    if (!m_config.musicGptKey.isEmpty() || !m_config.simulate)
        return m_config.musicGptKey;
    return QStringLiteral("sim_musicgpt_key");
}

QString ApiContext::stripeKey() const
{
    if (!m_config.stripeKey.isEmpty() || !m_config.simulate)
        return m_config.stripeKey;
    return QStringLiteral("sk_test_simulator");
}

QByteArray ApiContext::stripeWebhookSecret() const
{
    if (!m_config.stripeWebhookSecret.isEmpty() || !m_config.simulate)
        return m_config.stripeWebhookSecret.toUtf8();
    return QByteArrayLiteral("whsec_simulator");
}

static const char kFormColumns[] =
        "id, package_type, song_count, form_data, generated_prompts, variation_task_ids, "
        "variation_audio_urls, selected_variations, status, stripe_session_id, "
        "stripe_payment_intent_id, amount_paid, paid_at, user_id, guest_email, created_at, "
        "updated_at, expires_at";

std::optional<FormRecord> ApiContext::findForm(const QString &formId, bool forUpdate) const
{
    QString sql = QStringLiteral("SELECT ") + QLatin1String(kFormColumns)
            + QStringLiteral(" FROM compose_forms WHERE id = :id");
    if (forUpdate && dialect() == SqlDialect::PostgreSQL)
        sql += QStringLiteral(" FOR UPDATE");
    QSqlQuery q = Db::prepare(db(), sql);
    q.bindValue(QStringLiteral(":id"), formId);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    FormRecord f;
    f.id = q.value(0).toString();
    f.packageType = q.value(1).toString();
    f.songCount = q.value(2).toInt();
    f.formData = readJson(q.value(3));
    f.generatedPrompts = readJson(q.value(4));
    f.variationTaskIds = readJson(q.value(5));
    f.variationAudioUrls = readJson(q.value(6));
    f.selectedVariations = readJson(q.value(7));
    f.statusKey = q.value(8).toString();
    f.stripeSessionId = q.value(9).toString();
    f.stripePaymentIntentId = q.value(10).toString();
    if (!q.value(11).isNull())
        f.amountPaid = q.value(11).toLongLong();
    f.paidAt = Db::readTimestamp(q.value(12));
    f.userId = q.value(13).toString();
    f.guestEmail = q.value(14).toString();
    f.createdAt = Db::readTimestamp(q.value(15));
    f.updatedAt = Db::readTimestamp(q.value(16));
    f.expiresAt = Db::readTimestamp(q.value(17));
    return f;
}

FormRecord ApiContext::requireForm(const QString &formId, bool forUpdate) const
{
    auto f = findForm(formId, forUpdate);
    if (!f)
        throw ApiError(404, QStringLiteral("form_not_found"),
                       QStringLiteral("There is no form with id \"%1\".").arg(formId),
                       QJsonObject{{QStringLiteral("formId"), formId}});
    return *f;
}

void ApiContext::setActor(const QString &actor) const
{
    if (dialect() != SqlDialect::PostgreSQL)
        return;
    // set_config(..., true) is SET LOCAL with a bound value.
    QSqlQuery q = Db::prepare(db(), QStringLiteral("SELECT set_config('compose.actor', :a, true)"));
    q.bindValue(QStringLiteral(":a"), actor);
    Db::exec(q);
}

void ApiContext::changeStatus(const FormRecord &form, FormStatus to, const QString &actor) const
{
    const FormStatus from = form.status();
    if (!Status::canTransition(from, to))
        throw ApiError(409, QStringLiteral("invalid_transition"), Status::transitionError(from, to),
                       QJsonObject{{QStringLiteral("from"), form.statusKey},
                                   {QStringLiteral("to"), Status::key(to)}});
    if (from == to)
        return;
    QSqlQuery q = Db::prepare(db(), QStringLiteral("UPDATE compose_forms SET status = :s, "
                                                   "updated_at = :now WHERE id = :id"));
    q.bindValue(QStringLiteral(":s"), Status::key(to));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now()));
    q.bindValue(QStringLiteral(":id"), form.id);
    Db::exec(q);
    labelLastEvent(form.id, actor);
}

void ApiContext::labelLastEvent(const QString &formId, const QString &actor) const
{
    if (dialect() != SqlDialect::SQLite)
        return;
    QSqlQuery a = Db::prepare(db(), QStringLiteral(
            "UPDATE compose_form_events SET actor = :a WHERE id = (SELECT MAX(id) FROM "
            "compose_form_events WHERE form_id = :id) AND actor IS NULL"));
    a.bindValue(QStringLiteral(":a"), actor);
    a.bindValue(QStringLiteral(":id"), formId);
    Db::exec(a);
}

const char *ApiContext::generationColumns()
{
    return "id, task_id, song_index, variation_index, status, is_preview, is_selected, is_paid, "
           "share_enabled, audio_url_1, audio_url_2, audio_url_wav_1, audio_url_wav_2, duration_1, "
           "duration_2, title_1, title_2, share_slug_v1, created_at, completed_at, "
           "conversion_id_1, conversion_id_2, form_id";
}

QJsonObject ApiContext::generationJson(const QSqlQuery &q)
{
    auto str = [&](int i) {
        return q.value(i).isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(q.value(i).toString());
    };
    auto num = [&](int i) {
        return q.value(i).isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(q.value(i).toInt());
    };
    return QJsonObject{
            {QStringLiteral("id"), str(0)},
            {QStringLiteral("taskId"), str(1)},
            {QStringLiteral("songIndex"), num(2)},
            {QStringLiteral("variationIndex"), num(3)},
            {QStringLiteral("status"), str(4)},
            {QStringLiteral("isPreview"), q.value(5).toBool()},
            {QStringLiteral("isSelected"), q.value(6).toBool()},
            {QStringLiteral("isPaid"), q.value(7).toBool()},
            {QStringLiteral("shareEnabled"), q.value(8).toBool()},
            {QStringLiteral("audioUrl1"), str(9)},
            {QStringLiteral("audioUrl2"), str(10)},
            {QStringLiteral("audioUrlWav1"), str(11)},
            {QStringLiteral("audioUrlWav2"), str(12)},
            {QStringLiteral("duration1"), num(13)},
            {QStringLiteral("duration2"), num(14)},
            {QStringLiteral("title1"), str(15)},
            {QStringLiteral("title2"), str(16)},
            {QStringLiteral("shareSlug"), str(17)},
            {QStringLiteral("createdAt"), isoTime(Db::readTimestamp(q.value(18)))},
            {QStringLiteral("completedAt"), isoTime(Db::readTimestamp(q.value(19)))},
            {QStringLiteral("conversionId1"), str(20)},
            {QStringLiteral("conversionId2"), str(21)},
            {QStringLiteral("formId"), str(22)},
    };
}

QJsonArray ApiContext::generationsJson(const QString &formId) const
{
    QSqlQuery q = Db::prepare(db(), QStringLiteral("SELECT ") + QLatin1String(generationColumns())
                                            + QStringLiteral(" FROM music_generations WHERE form_id = :f "
                                                             "ORDER BY song_index, variation_index, created_at"));
    q.bindValue(QStringLiteral(":f"), formId);
    Db::exec(q);
    QJsonArray out;
    while (q.next())
        out.append(generationJson(q));
    return out;
}

qint64 ApiContext::refundable(const FormRecord &form) const
{
    QSqlQuery q = Db::prepare(db(), QStringLiteral(
            "SELECT COALESCE(SUM(amount), 0) FROM compose_refunds WHERE form_id = :id "
            "AND status NOT IN ('failed', 'canceled')"));
    q.bindValue(QStringLiteral(":id"), form.id);
    Db::exec(q);
    const qint64 refunded = q.next() ? q.value(0).toLongLong() : 0;
    return qMax<qint64>(0, form.amountPaid.value_or(0) - refunded);
}

bool ApiContext::fullyRefunded(const FormRecord &form) const
{
    if (!form.amountPaid || *form.amountPaid <= 0)
        return false;
    QSqlQuery q = Db::prepare(db(), QStringLiteral(
            "SELECT COALESCE(SUM(CASE WHEN status = 'succeeded' THEN amount ELSE 0 END), 0), "
            "COUNT(CASE WHEN status NOT IN ('succeeded', 'failed', 'canceled') THEN 1 END) "
            "FROM compose_refunds WHERE form_id = :id"));
    q.bindValue(QStringLiteral(":id"), form.id);
    Db::exec(q);
    return q.next() && q.value(0).toLongLong() >= *form.amountPaid && q.value(1).toInt() == 0;
}

void ApiContext::audit(const StaffMember &staff, const QString &formId, const QString &action,
                       const QJsonObject &request, const QJsonObject &result, int httpStatus) const
{
    QSqlQuery q = Db::prepare(db(), QStringLiteral(
            "INSERT INTO compose_audit(form_id, staff_id, staff_name, action, request, result, "
            "http_status, created_at) VALUES (:f, :sid, :sn, :a, :req, :res, :st, :now)"));
    q.bindValue(QStringLiteral(":f"), formId.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : formId);
    q.bindValue(QStringLiteral(":sid"), staff.id);
    q.bindValue(QStringLiteral(":sn"), staff.name);
    q.bindValue(QStringLiteral(":a"), action);
    q.bindValue(QStringLiteral(":req"), writeJson(request));
    q.bindValue(QStringLiteral(":res"), writeJson(result));
    q.bindValue(QStringLiteral(":st"), httpStatus);
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now()));
    Db::exec(q);
}

QJsonValue ApiContext::readJson(const QVariant &v)
{
    if (v.isNull())
        return QJsonValue::Null;
    const QByteArray text = v.toString().toUtf8();
    QJsonParseError err;
    // Wrap so that scalars parse too; the seed's columns may hold anything.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text + "]", &err);
    if (err.error != QJsonParseError::NoError || doc.array().size() != 1)
        return QJsonValue::Null;
    return doc.array().at(0);
}

QString ApiContext::writeJson(const QJsonValue &v)
{
    const QByteArray wrapped = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QJsonValue ApiContext::isoTime(const QDateTime &dt)
{
    if (!dt.isValid())
        return QJsonValue::Null;
    return dt.toUTC().toString(Qt::ISODateWithMs);
}

QString ApiContext::newId(const QString &prefix)
{
    return prefix + QUuid::createUuid().toString(QUuid::Id128).left(24);
}

static QJsonValue orNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonObject ApiContext::formSummary(const FormRecord &f)
{
    return QJsonObject{
            {QStringLiteral("formId"), f.id},
            {QStringLiteral("packageType"), f.packageType},
            {QStringLiteral("songCount"), f.songCount},
            {QStringLiteral("status"), f.statusKey},
            {QStringLiteral("userId"), orNull(f.userId)},
            {QStringLiteral("guestEmail"), orNull(f.guestEmail)},
            {QStringLiteral("stripeSessionId"), orNull(f.stripeSessionId)},
            {QStringLiteral("stripePaymentIntentId"), orNull(f.stripePaymentIntentId)},
            {QStringLiteral("amountPaid"), f.amountPaid ? QJsonValue(double(*f.amountPaid))
                                                        : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("paidAt"), isoTime(f.paidAt)},
            {QStringLiteral("createdAt"), isoTime(f.createdAt)},
            {QStringLiteral("updatedAt"), isoTime(f.updatedAt)},
            {QStringLiteral("expiresAt"), isoTime(f.expiresAt)},
    };
}

QJsonObject ApiContext::formJson(const FormRecord &f)
{
    QJsonObject o = formSummary(f);
    o.insert(QStringLiteral("formData"), f.formData);
    o.insert(QStringLiteral("generatedPrompts"), f.generatedPrompts);
    o.insert(QStringLiteral("variationTaskIds"), f.variationTaskIds.isNull() ? QJsonObject() : f.variationTaskIds);
    o.insert(QStringLiteral("variationAudioUrls"), f.variationAudioUrls.isNull() ? QJsonObject() : f.variationAudioUrls);
    o.insert(QStringLiteral("selectedVariations"), f.selectedVariations.isNull() ? QJsonObject() : f.selectedVariations);
    return o;
}

} // namespace compose
