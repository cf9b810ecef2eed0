#include "formroutes.h"

#include "apicontext.h"
#include "audiourl.h"
#include "database.h"
#include "formanswer.h"
#include "formrows.h"
#include "formstore.h"
#include "generationstore.h"
#include "heavyreads.h"
#include "jsoninput.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSqlDatabase>

namespace compose {

namespace {

const QString kCustomer = QStringLiteral("customer");

QString songKeyError(const QString &key, int songCount)
{
    bool ok = false;
    const int i = key.toInt(&ok);
    if (!ok || i < 0 || i >= songCount || QString::number(i) != key)
        return QStringLiteral("song index \"%1\" is not one of 0..%2").arg(key).arg(songCount - 1);
    return {};
}

void validateTaskIds(const QJsonObject &o, int songCount)
{
    const QString field = QStringLiteral("variationTaskIds");
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (const QString e = songKeyError(it.key(), songCount); !e.isEmpty())
            JsonInput::fail(field, field + QStringLiteral(": ") + e + QLatin1Char('.'));
        if (!it.value().isArray() || it.value().toArray().size() > 3)
            JsonInput::fail(
                field, field + QStringLiteral(": each song holds an array of up to 3 task ids."));
        for (const QJsonValue &t : it.value().toArray()) {
            if (!t.isNull() && !(t.isString() && JsonInput::isSafeId(t.toString())))
                JsonInput::fail(
                    field,
                    field + QStringLiteral(": task ids are strings of letters, digits, _ . : -"));
        }
    }
}

// A task id names a generation /api/generate started for THIS form: another form's ids would
// make this form show (and sell) someone else's songs.
void requireOwnTasks(const ApiContext *ctx, const QJsonObject &o, const QString &formId)
{
    const QString field = QStringLiteral("variationTaskIds");
    for (auto it = o.begin(); it != o.end(); ++it) {
        for (const QJsonValue &t : it.value().toArray()) {
            if (t.isNull())
                continue;
            const auto g = ctx->generations().byTask(t.toString());
            if (!g || g->formId != formId)
                JsonInput::fail(field,
                                field
                                    + QStringLiteral(": task \"%1\" is not a generation of this "
                                                     "form (start one with /api/generate).")
                                          .arg(t.toString()));
        }
    }
}

void validateAudioUrls(const QJsonObject &o, int songCount, const AudioUrl::HostPolicy &policy)
{
    const QString field = QStringLiteral("variationAudioUrls");
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (const QString e = songKeyError(it.key(), songCount); !e.isEmpty())
            JsonInput::fail(field, field + QStringLiteral(": ") + e + QLatin1Char('.'));
        if (!it.value().isObject())
            JsonInput::fail(
                field, field + QStringLiteral(": each song holds an object {\"1\": url, ...}."));
        const QJsonObject vars = it.value().toObject();
        for (auto v = vars.begin(); v != vars.end(); ++v) {
            if (v.key() != QLatin1String("1") && v.key() != QLatin1String("2")
                && v.key() != QLatin1String("3"))
                JsonInput::fail(
                    field, field + QStringLiteral(": variation keys are \"1\", \"2\" and \"3\"."));
            if (v.value().isNull())
                continue;
            if (!v.value().isString())
                JsonInput::fail(field,
                                field + QStringLiteral(": audio URLs must be http(s) URLs."));
            // Staff dashboards fetch these links: an address inside the shop's network
            // (169.254.169.254, 10.x, localhost) would make them fetch for a stranger.
            const AudioUrl::Result check = AudioUrl::validate(v.value().toString(), policy);
            if (!check.ok)
                JsonInput::fail(field, field + QStringLiteral(": ") + check.reason);
        }
    }
}

void validateSelections(const QJsonObject &o, int songCount, const QString &field)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (const QString e = songKeyError(it.key(), songCount); !e.isEmpty())
            JsonInput::fail(field, field + QStringLiteral(": ") + e + QLatin1Char('.'));
        if (!JsonInput::isInteger(it.value(), 1, 3))
            JsonInput::fail(field,
                            field + QStringLiteral(": the selected variation is 1, 2 or 3."));
    }
}

QJsonObject mergeSongs(const QJsonValue &current, const QJsonObject &patch)
{
    QJsonObject merged = current.isObject() ? current.toObject() : QJsonObject();
    for (auto it = patch.begin(); it != patch.end(); ++it)
        merged.insert(it.key(), it.value());
    return merged;
}

} // namespace

QString FormRoutes::newFormId()
{
    // The id is the customer's only credential for the form: 20 base-36 digits from the
    // system's cryptographic generator, about 103 bits (the seed's Math.random() suffix has 9
    // digits, about 46 bits, and the old one here about 30 from a predictable generator). The
    // seed's shape stays: form_<ms>_<suffix>.
    static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    QString suffix;
    suffix.reserve(20);
    QRandomGenerator *rng = QRandomGenerator::system();
    for (int i = 0; i < 20; ++i)
        suffix.append(QLatin1Char(digits[rng->bounded(36)]));
    return QStringLiteral("form_%1_%2").arg(QDateTime::currentMSecsSinceEpoch()).arg(suffix);
}

int FormRoutes::songCountFor(const QString &packageType)
{
    if (packageType == QLatin1String("solo-serenade"))
        return 1;
    if (packageType == QLatin1String("holiday-hamper"))
        return 3;
    return 0;
}

void FormRoutes::registerRoutes(HttpServer *server)
{
    m_server = server;
    const QString collection = QStringLiteral("/api/compose/forms");
    server->addRoute("POST", collection,
                     [this](const HttpRequest &r, const Exchange &ex) { create(r, ex); });
    server->addRoute("GET", collection, [this](const HttpRequest &r, const Exchange &ex) {
        QString id = r.query.queryItemValue(QStringLiteral("formId"), QUrl::FullyDecoded);
        if (id.isEmpty() && r.query.hasQueryItem(QStringLiteral("sessionId")))
            id = formIdForSession(
                r.query.queryItemValue(QStringLiteral("sessionId"), QUrl::FullyDecoded));
        if (id.isEmpty())
            throw ApiError(
                400, QStringLiteral("missing_field"),
                QStringLiteral(
                    "Give the form id as ?formId= (or the Checkout Session as ?sessionId=)."),
                QJsonObject {{QStringLiteral("field"), QStringLiteral("formId")}});
        get(id, ex);
    });
    server->addRoute("PATCH", collection,
                     [this](const HttpRequest &r, const Exchange &ex) { patch(r, ex, {}); });
    const QString item = collection + QStringLiteral("/{formId}");
    server->addRoute("GET", item, [this](const HttpRequest &r, const Exchange &ex) {
        get(r.param(QStringLiteral("formId")), ex);
    });
    server->addRoute("PATCH", item, [this](const HttpRequest &r, const Exchange &ex) {
        patch(r, ex, r.param(QStringLiteral("formId")));
    });
}

void FormRoutes::create(const HttpRequest &req, const Exchange &ex)
{
    const JsonInput in = JsonInput::parse(req.body);
    in.allowOnly({QStringLiteral("formId"), QStringLiteral("packageType"),
                  QStringLiteral("songCount"), QStringLiteral("formData"),
                  QStringLiteral("generatedPrompts"), QStringLiteral("status"),
                  QStringLiteral("userId"), QStringLiteral("guestEmail")});

    QString formId = in.optionalString(QStringLiteral("formId"), 100).value_or(QString());
    if (formId.isEmpty())
        formId = newFormId();
    else if (!JsonInput::isSafeId(formId, 100))
        JsonInput::fail(
            QStringLiteral("formId"),
            QStringLiteral("formId may hold only letters, digits, _ . : - (at most 100)."));

    const QString package = in.requireString(QStringLiteral("packageType"), 50);
    const int songCount = songCountFor(package);
    if (songCount == 0)
        JsonInput::fail(
            QStringLiteral("packageType"),
            QStringLiteral("packageType must be \"solo-serenade\" or \"holiday-hamper\"."));
    if (auto given = in.optionalInt(QStringLiteral("songCount"), 1, 3);
        given && *given != songCount)
        JsonInput::fail(QStringLiteral("songCount"),
                        QStringLiteral("songCount of %1 is %2.").arg(package).arg(songCount));
    const QJsonObject formData = in.requireObject(QStringLiteral("formData"));
    const QJsonArray prompts = in.requireArray(QStringLiteral("generatedPrompts"));
    for (const QJsonValue &p : prompts) {
        if (!p.isString() || p.toString().trimmed().isEmpty() || p.toString().size() > 5000)
            JsonInput::fail(
                QStringLiteral("generatedPrompts"),
                QStringLiteral(
                    "generatedPrompts holds non-empty strings (at most 5000 characters)."));
    }
    if (!prompts.isEmpty() && prompts.size() != songCount)
        JsonInput::fail(QStringLiteral("generatedPrompts"),
                        QStringLiteral("%1 needs %2 prompt(s), got %3.")
                            .arg(package)
                            .arg(songCount)
                            .arg(prompts.size()));
    QString status = in.optionalString(QStringLiteral("status"), 50)
                         .value_or(prompts.isEmpty() ? QStringLiteral("created")
                                                     : QStringLiteral("prompts_generated"));
    if (status != QLatin1String("created") && status != QLatin1String("prompts_generated"))
        JsonInput::fail(
            QStringLiteral("status"),
            QStringLiteral("A new form starts as \"created\" or \"prompts_generated\"."));
    if (status == QLatin1String("prompts_generated") && prompts.isEmpty())
        JsonInput::fail(QStringLiteral("generatedPrompts"),
                        QStringLiteral("\"prompts_generated\" needs the prompts."));
    const auto userId = in.optionalString(QStringLiteral("userId"), 200);
    const auto guestEmail = in.optionalString(QStringLiteral("guestEmail"), 254);
    if (!userId && !guestEmail)
        throw ApiError(400, QStringLiteral("missing_field"),
                       QStringLiteral("Give userId or guestEmail."),
                       QJsonObject {{QStringLiteral("field"), QStringLiteral("guestEmail")}});
    if (guestEmail && !JsonInput::isEmail(*guestEmail))
        JsonInput::fail(QStringLiteral("guestEmail"),
                        QStringLiteral("guestEmail is not an e-mail address."));

    QSqlDatabase db = m_ctx->db();
    Db::Transaction tx(db);
    m_ctx->setActor(kCustomer);
    if (userId) {
        if (!m_ctx->forms().userExists(*userId))
            throw ApiError(400, QStringLiteral("unknown_user"),
                           QStringLiteral("There is no user \"%1\".").arg(*userId),
                           QJsonObject {{QStringLiteral("field"), QStringLiteral("userId")}});
    }
    if (m_ctx->findForm(formId))
        throw ApiError::conflict(
            QStringLiteral("form_exists"),
            QStringLiteral("A form with id \"%1\" already exists.").arg(formId),
            QJsonObject {{QStringLiteral("formId"), formId}});
    const QDateTime now = ApiContext::now();
    FormRow row;
    row.id = formId;
    row.packageType = package;
    row.songCount = songCount;
    row.formData = ApiContext::writeJson(formData);
    row.generatedPrompts = ApiContext::writeJson(prompts);
    row.variationTaskIds = QStringLiteral("{}");
    row.variationAudioUrls = QStringLiteral("{}");
    row.selectedVariations = QStringLiteral("{}");
    row.status = status;
    row.userId = userId;
    row.guestEmail = guestEmail;
    row.createdAt = now;
    row.updatedAt = now;
    row.expiresAt = now.addDays(7);
    FormRowWriter::insert(db, row);
    m_ctx->labelLastEvent(formId, kCustomer);
    const FormRecord form = m_ctx->requireForm(formId);
    tx.commit();
    ex->sendJson(201,
                 QJsonObject {{QStringLiteral("success"), true},
                              {QStringLiteral("formId"), formId},
                              {QStringLiteral("form"), ApiContext::formJson(form)}});
}

void FormRoutes::get(const QString &formId, const Exchange &ex)
{
    if (!JsonInput::isSafeId(formId, 100))
        throw ApiError(400, QStringLiteral("invalid_field"),
                       QStringLiteral("That is not a form id."),
                       QJsonObject {{QStringLiteral("field"), QStringLiteral("formId")}});
    // The busiest route: its bytes are written directly (FormAnswer), the same bytes as
    // formJson() + generationsJson() through QJsonDocument at a fraction of the CPU, and on the
    // heavy-read pool, so that a large form never holds up /api/health on this worker.
    HeavyReads::answer(m_server, m_ctx->db(), m_ctx->config().database, ex,
                       QByteArrayLiteral("application/json"), [formId](const QSqlDatabase &db) {
                           const auto form = FormStore(db).find(formId);
                           if (!form)
                               // The id is not echoed: 404 bodies carry no client text (issue 16).
                               throw ApiError(404, QStringLiteral("form_not_found"),
                                              QStringLiteral("There is no form with this id."));
                           return FormAnswer::get(*form, GenerationStore(db).forForm(formId));
                       });
}

QString FormRoutes::formIdForSession(const QString &sessionId) const
{
    // The Checkout success page knows only {CHECKOUT_SESSION_ID}.
    if (!sessionId.startsWith(QLatin1String("cs_")) || !JsonInput::isSafeId(sessionId, 255))
        JsonInput::fail(QStringLiteral("sessionId"),
                        QStringLiteral("sessionId is a Checkout Session id (cs_…)."));
    const auto formId = m_ctx->forms().idForSession(sessionId);
    if (!formId)
        throw ApiError(404, QStringLiteral("not_found"),
                       QStringLiteral("No form has this Checkout Session."));
    return *formId;
}

void FormRoutes::patch(const HttpRequest &req, const Exchange &ex, const QString &pathFormId)
{
    const JsonInput in = JsonInput::parse(req.body);
    in.allowOnly({QStringLiteral("formId"), QStringLiteral("variationTaskIds"),
                  QStringLiteral("variationAudioUrls"), QStringLiteral("selectedVariations"),
                  QStringLiteral("status"), QStringLiteral("stripeSessionId"),
                  QStringLiteral("generatedPrompts")});
    QString formId = pathFormId;
    if (const auto bodyId = in.optionalString(QStringLiteral("formId"), 100)) {
        if (!formId.isEmpty() && *bodyId != formId)
            JsonInput::fail(QStringLiteral("formId"),
                            QStringLiteral("formId in the body differs from the one in the path."));
        formId = *bodyId;
    }
    if (formId.isEmpty())
        throw ApiError(400, QStringLiteral("missing_field"),
                       QStringLiteral("The field \"formId\" (string) is required."),
                       QJsonObject {{QStringLiteral("field"), QStringLiteral("formId")}});
    const auto taskIds = in.optionalObject(QStringLiteral("variationTaskIds"));
    const auto audioUrls = in.optionalObject(QStringLiteral("variationAudioUrls"));
    const auto selections = in.optionalObject(QStringLiteral("selectedVariations"));
    const auto statusKey = in.optionalString(QStringLiteral("status"), 50);
    const auto sessionId = in.optionalString(QStringLiteral("stripeSessionId"), 255);
    const auto prompts = in.object().contains(QStringLiteral("generatedPrompts"))
        ? std::optional<QJsonArray>(in.requireArray(QStringLiteral("generatedPrompts")))
        : std::nullopt;
    if (!taskIds && !audioUrls && !selections && !statusKey && !sessionId && !prompts)
        throw ApiError::badRequest(
            QStringLiteral("Nothing to change: give at least one of variationTaskIds, "
                           "variationAudioUrls, selectedVariations, status, stripeSessionId, "
                           "generatedPrompts."));
    std::optional<FormStatus> target;
    if (statusKey) {
        target = Status::fromKey(*statusKey);
        if (*target == FormStatus::Unknown)
            JsonInput::fail(QStringLiteral("status"),
                            QStringLiteral("Unknown status \"%1\".").arg(*statusKey));
        if (Status::isPaid(*target) || *target == FormStatus::Expired)
            throw ApiError(
                403, QStringLiteral("status_reserved"),
                QStringLiteral(
                    "Status \"%1\" is set by the payment webhook, staff or the expiry job, "
                    "never by a form update.")
                    .arg(*statusKey),
                QJsonObject {{QStringLiteral("field"), QStringLiteral("status")}});
    }
    if (sessionId && !JsonInput::isSafeId(*sessionId, 255))
        JsonInput::fail(QStringLiteral("stripeSessionId"),
                        QStringLiteral("stripeSessionId is not a session id."));

    QSqlDatabase db = m_ctx->db();
    Db::Transaction tx(db);
    m_ctx->setActor(kCustomer);
    const FormRecord form = m_ctx->requireForm(formId, true);
    if (taskIds) {
        validateTaskIds(*taskIds, form.songCount);
        requireOwnTasks(m_ctx, *taskIds, form.id);
    }
    if (audioUrls)
        validateAudioUrls(*audioUrls, form.songCount,
                          {m_ctx->config().simulate, false}); // the simulator serves loopback
    if (selections)
        validateSelections(*selections, form.songCount, QStringLiteral("selectedVariations"));
    const FormStatus current = form.status();
    const bool hasPrompts = !form.generatedPrompts.toArray().isEmpty();
    if (prompts) {
        // A form created without prompts gets them once; then it is prompts_generated.
        if (hasPrompts || current != FormStatus::Created)
            throw ApiError::conflict(
                QStringLiteral("prompts_locked"),
                QStringLiteral(
                    "The form already has its prompts (status \"%1\"); they are given once.")
                    .arg(form.statusKey));
        if (prompts->size() != form.songCount)
            JsonInput::fail(QStringLiteral("generatedPrompts"),
                            QStringLiteral("This form needs %1 prompt(s), got %2.")
                                .arg(form.songCount)
                                .arg(prompts->size()));
        for (const QJsonValue &p : *prompts) {
            if (!p.isString() || p.toString().trimmed().isEmpty() || p.toString().size() > 5000)
                JsonInput::fail(
                    QStringLiteral("generatedPrompts"),
                    QStringLiteral(
                        "generatedPrompts holds non-empty strings (at most 5000 characters)."));
        }
        if (target && *target != FormStatus::PromptsGenerated)
            JsonInput::fail(
                QStringLiteral("status"),
                QStringLiteral("With generatedPrompts the status becomes \"prompts_generated\"."));
        target = FormStatus::PromptsGenerated;
    } else if (target && *target == FormStatus::PromptsGenerated && !hasPrompts) {
        throw ApiError::conflict(
            QStringLiteral("prompts_missing"),
            QStringLiteral("\"prompts_generated\" needs the prompts: give generatedPrompts."));
    }
    // /api/stripe/checkout sets the session; the webhook finds the form by it. A customer may
    // send it back unchanged (the seed's frontend does), never another one.
    if (sessionId && *sessionId != form.stripeSessionId)
        throw ApiError(
            403, QStringLiteral("field_reserved"),
            QStringLiteral("stripeSessionId is set by /api/stripe/checkout; it cannot be "
                           "changed by a form update."),
            QJsonObject {{QStringLiteral("field"), QStringLiteral("stripeSessionId")}});
    if ((taskIds || audioUrls || selections || sessionId)
        && (Status::isPaid(current) || current == FormStatus::Expired))
        throw ApiError::conflict(
            QStringLiteral("form_locked"),
            QStringLiteral(
                "The form is \"%1\"; its variations and selections can no longer change.")
                .arg(form.statusKey));
    // The selection sent to Stripe is what the customer pays for (kept with the session); a
    // change while that checkout is open is refused. Going back to variations_ready first
    // (abandoning the checkout) and starting a new checkout is the way to change it.
    if (selections && current == FormStatus::PaymentInitiated)
        throw ApiError::conflict(
            QStringLiteral("checkout_in_progress"),
            QStringLiteral(
                "A checkout is open for this form; its selection can no longer change. "
                "Abandon the checkout (status \"variations_ready\") and start a new one."),
            QJsonObject {{QStringLiteral("field"), QStringLiteral("selectedVariations")}});
    if (target)
        m_ctx->changeStatus(form, *target, kCustomer);
    FormStore::Changes changes;
    if (taskIds)
        changes.variationTaskIds = mergeSongs(form.variationTaskIds, *taskIds);
    if (audioUrls)
        changes.variationAudioUrls = mergeSongs(form.variationAudioUrls, *audioUrls);
    if (selections)
        changes.selectedVariations = mergeSongs(form.selectedVariations, *selections);
    changes.stripeSessionId = sessionId;
    if (prompts)
        changes.generatedPrompts = QJsonValue(*prompts);
    m_ctx->forms().update(formId, changes, ApiContext::now());
    const FormRecord updated = m_ctx->requireForm(formId);
    tx.commit();
    ex->sendJson(200,
                 QJsonObject {{QStringLiteral("success"), true},
                              {QStringLiteral("form"), ApiContext::formJson(updated)}});
}

} // namespace compose
