#include "apicontext.h"

#include "apierror.h"
#include "auditstore.h"
#include "jsoncolumn.h"

#include <QJsonArray>
#include <QUuid>

namespace compose {

ApiContext::ApiContext(ServerConfig config, QString connectionName, Outbound *outbound)
    : m_config(std::move(config))
    , m_connectionName(std::move(connectionName))
    , m_outbound(outbound)
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

FormStore ApiContext::forms() const
{
    return FormStore(db());
}

GenerationStore ApiContext::generations() const
{
    return GenerationStore(db());
}

std::optional<FormRecord> ApiContext::findForm(const QString &formId, bool forUpdate) const
{
    return forms().find(formId, forUpdate);
}

FormRecord ApiContext::requireForm(const QString &formId, bool forUpdate) const
{
    auto f = findForm(formId, forUpdate);
    if (!f)
        // The id is not echoed: 404 bodies carry no client text (issue 16).
        throw ApiError(404, QStringLiteral("form_not_found"),
                       QStringLiteral("There is no form with this id."));
    return *f;
}

void ApiContext::setActor(const QString &actor) const
{
    forms().setActor(actor);
}

void ApiContext::changeStatus(const FormRecord &form, FormStatus to, const QString &actor) const
{
    const FormStatus from = form.status();
    if (!Status::canTransition(from, to))
        throw ApiError(409, QStringLiteral("invalid_transition"), Status::transitionError(from, to),
                       QJsonObject {{QStringLiteral("from"), form.statusKey},
                                    {QStringLiteral("to"), Status::key(to)}});
    if (from == to)
        return;
    forms().setStatus(form.id, Status::key(to), now());
    labelLastEvent(form.id, actor);
}

void ApiContext::labelLastEvent(const QString &formId, const QString &actor) const
{
    forms().labelLastEvent(formId, actor);
}

QJsonObject ApiContext::generationJson(const GenerationRecord &g)
{
    auto str = [](const QString &s) {
        return s.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
    };
    auto num = [](const std::optional<int> &n) {
        return n ? QJsonValue(*n) : QJsonValue(QJsonValue::Null);
    };
    return QJsonObject {
        {QStringLiteral("id"), str(g.id)},
        {QStringLiteral("taskId"), str(g.taskId)},
        {QStringLiteral("songIndex"), num(g.songIndex)},
        {QStringLiteral("variationIndex"), num(g.variationIndex)},
        {QStringLiteral("status"), str(g.status)},
        {QStringLiteral("isPreview"), g.isPreview.value_or(false)},
        {QStringLiteral("isSelected"), g.isSelected.value_or(false)},
        {QStringLiteral("isPaid"), g.isPaid.value_or(false)},
        {QStringLiteral("shareEnabled"), g.shareEnabled.value_or(false)},
        {QStringLiteral("audioUrl1"), str(g.audioUrl1)},
        {QStringLiteral("audioUrl2"), str(g.audioUrl2)},
        {QStringLiteral("audioUrlWav1"), str(g.audioUrlWav1)},
        {QStringLiteral("audioUrlWav2"), str(g.audioUrlWav2)},
        {QStringLiteral("duration1"), num(g.duration1)},
        {QStringLiteral("duration2"), num(g.duration2)},
        {QStringLiteral("title1"), str(g.title1)},
        {QStringLiteral("title2"), str(g.title2)},
        {QStringLiteral("shareSlug"), str(g.shareSlug)},
        {QStringLiteral("createdAt"), isoTime(g.createdAt)},
        {QStringLiteral("completedAt"), isoTime(g.completedAt)},
        {QStringLiteral("conversionId1"), str(g.conversionId1)},
        {QStringLiteral("conversionId2"), str(g.conversionId2)},
        {QStringLiteral("formId"), str(g.formId)},
    };
}

QJsonArray ApiContext::generationsJson(const QString &formId) const
{
    QJsonArray out;
    for (const GenerationRecord &g : generations().forForm(formId))
        out.append(generationJson(g));
    return out;
}

qint64 ApiContext::refundable(const FormRecord &form) const
{
    const qint64 refunded = forms().refundTotals(form.id, form.stripePaymentIntentId).counted;
    return qMax<qint64>(0, form.amountPaid.value_or(0) - refunded);
}

bool ApiContext::fullyRefunded(const FormRecord &form) const
{
    if (!form.amountPaid || *form.amountPaid <= 0)
        return false;
    const FormStore::RefundTotals t = forms().refundTotals(form.id, form.stripePaymentIntentId);
    return t.succeeded >= *form.amountPaid && t.open == 0;
}

void ApiContext::audit(const StaffMember &staff, const QString &formId, const QString &action,
                       const QJsonObject &request, const QJsonObject &result, int httpStatus) const
{
    AuditStore(db()).append(
        {formId, staff.id, staff.name, action, request, result, httpStatus, now()});
}

QJsonValue ApiContext::readJson(const QVariant &v)
{
    return JsonColumn::read(v);
}

QString ApiContext::writeJson(const QJsonValue &v)
{
    return JsonColumn::write(v);
}

QJsonValue ApiContext::isoTime(const QDateTime &dt)
{
    if (!dt.isValid())
        return QJsonValue::Null;
    // Every form answer holds up to 30 of these; QDateTime::toString went through a time zone
    // conversion and vasprintf for each (a tenth of a GET's CPU under callgrind). The same text
    // from the epoch milliseconds: yyyy-MM-ddTHH:mm:ss.zzzZ, Qt's format for years 0-9999.
    const qint64 ms = dt.toMSecsSinceEpoch();
    const qint64 msPerDay = 86400000;
    qint64 days = ms >= 0 ? ms / msPerDay : (ms - (msPerDay - 1)) / msPerDay;
    const qint64 msOfDay = ms - days * msPerDay;
    days += 719468; // Howard Hinnant's civil_from_days
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = int(doy - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999)
        return dt.toUTC().toString(Qt::ISODateWithMs);
    char text[24];
    const auto put = [&text](int at, qint64 value, int digits) {
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            text[at + i] = char('0' + value % 10);
    };
    put(0, year, 4);
    text[4] = '-';
    put(5, month, 2);
    text[7] = '-';
    put(8, day, 2);
    text[10] = 'T';
    put(11, msOfDay / 3600000, 2);
    text[13] = ':';
    put(14, msOfDay / 60000 % 60, 2);
    text[16] = ':';
    put(17, msOfDay / 1000 % 60, 2);
    text[19] = '.';
    put(20, msOfDay % 1000, 3);
    text[23] = 'Z';
    return QString::fromLatin1(text, 24);
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
    return QJsonObject {
        {QStringLiteral("formId"), f.id},
        {QStringLiteral("packageType"), f.packageType},
        {QStringLiteral("songCount"), f.songCount},
        {QStringLiteral("status"), f.statusKey},
        {QStringLiteral("userId"), orNull(f.userId)},
        {QStringLiteral("guestEmail"), orNull(f.guestEmail)},
        {QStringLiteral("stripeSessionId"), orNull(f.stripeSessionId)},
        {QStringLiteral("stripePaymentIntentId"), orNull(f.stripePaymentIntentId)},
        {QStringLiteral("amountPaid"),
         f.amountPaid ? QJsonValue(double(*f.amountPaid)) : QJsonValue(QJsonValue::Null)},
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
    o.insert(QStringLiteral("variationTaskIds"),
             f.variationTaskIds.isNull() ? QJsonObject() : f.variationTaskIds);
    o.insert(QStringLiteral("variationAudioUrls"),
             f.variationAudioUrls.isNull() ? QJsonObject() : f.variationAudioUrls);
    o.insert(QStringLiteral("selectedVariations"),
             f.selectedVariations.isNull() ? QJsonObject() : f.selectedVariations);
    return o;
}

} // namespace compose
