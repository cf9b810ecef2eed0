#include "apierrortext.h"

#include <QStringList>

#include <iterator>

namespace compose {

namespace {

struct Entry {
    const char *code;
    const char *sentence;
};

// One table, so a new server code needs one line here and one translation per language.
const Entry kEntries[] = {
    {"action_not_allowed",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "The form's status does not allow this action.")},
    {"amount_exceeds_refundable",
     QT_TRANSLATE_NOOP("compose::ApiErrorText",
                       "The amount is more than what can still be refunded.")},
    {"amount_too_large", QT_TRANSLATE_NOOP("compose::ApiErrorText", "The amount is too large.")},
    {"bad_request", QT_TRANSLATE_NOOP("compose::ApiErrorText", "The API refused the request.")},
    {"charge_already_refunded",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "Stripe says this payment is already refunded.")},
    {"checkout_in_progress",
     QT_TRANSLATE_NOOP("compose::ApiErrorText",
                       "A checkout is open for this form; its selection can no longer change.")},
    {"database_error",
     QT_TRANSLATE_NOOP("compose::ApiErrorText",
                       "The API's database reported an error. Nothing was changed.")},
    {"database_unavailable",
     QT_TRANSLATE_NOOP("compose::ApiErrorText",
                       "The API cannot reach its database right now. Try again in a moment.")},
    {"duplicate_field",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "The request named a field twice.")},
    {"form_exists",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "A form with this id already exists.")},
    {"form_locked",
     QT_TRANSLATE_NOOP("compose::ApiErrorText",
                       "The form's variations and selections can no longer change.")},
    {"form_not_found",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "The API does not know this form.")},
    {"forbidden", QT_TRANSLATE_NOOP("compose::ApiErrorText", "Your role may not do this.")},
    {"generation_in_progress",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "A generation for this form is still running.")},
    {"generation_limit",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "This form has used all of its generation calls.")},
    {"idempotency_error",
     QT_TRANSLATE_NOOP("compose::ApiErrorText",
                       "This request key was already used for a different request.")},
    {"idempotency_in_progress",
     QT_TRANSLATE_NOOP("compose::ApiErrorText",
                       "The same action is still being processed. Try again in a moment.")},
    {"idempotency_key_reused",
     QT_TRANSLATE_NOOP("compose::ApiErrorText",
                       "This request key was already used for a different request.")},
    {"internal_error",
     QT_TRANSLATE_NOOP("compose::ApiErrorText",
                       "The API failed on its side. Nothing was changed.")},
    {"invalid_field",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "A value in the request is not valid.")},
    {"invalid_json",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "The API could not read the request.")},
    {"invalid_transition",
     QT_TRANSLATE_NOOP("compose::ApiErrorText",
                       "The form cannot move to that status from its current one.")},
    {"method_not_allowed",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "The API does not offer this action here.")},
    {"missing_field",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "The request is missing a required value.")},
    {"no_email",
     QT_TRANSLATE_NOOP("compose::ApiErrorText",
                       "The form has no customer e-mail address; enter one.")},
    {"no_payment_intent",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "The form has no Stripe payment to refund.")},
    {"not_configured",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "The API is not configured for this action.")},
    {"not_found",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "The API does not know this address.")},
    {"nothing_refundable",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "Nothing is left to refund on this form.")},
    {"nothing_to_retry",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "The form has no failed variations.")},
    {"payload_too_large", QT_TRANSLATE_NOOP("compose::ApiErrorText", "The request is too large.")},
    {"prompts_locked",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "The form already has its prompts.")},
    {"prompts_missing", QT_TRANSLATE_NOOP("compose::ApiErrorText", "The prompts are missing.")},
    {"stripe_refused", QT_TRANSLATE_NOOP("compose::ApiErrorText", "Stripe refused the refund.")},
    {"task_not_found",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "The music generation task is not known.")},
    {"unauthorized",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "The API did not accept your staff token.")},
    {"unknown_field",
     QT_TRANSLATE_NOOP("compose::ApiErrorText",
                       "The request contains a field the API does not know.")},
    {"unknown_user", QT_TRANSLATE_NOOP("compose::ApiErrorText", "The user is not known.")},
    {"upstream_error",
     QT_TRANSLATE_NOOP(
         "compose::ApiErrorText",
         "A service the API depends on (MusicGPT or Stripe) failed. Try again later.")},
    {"variation_not_ready",
     QT_TRANSLATE_NOOP("compose::ApiErrorText", "That variation has no finished audio yet.")},
};

} // namespace

QString ApiErrorText::sentence(const QString &code)
{
    for (const Entry &e : kEntries) {
        if (code == QLatin1String(e.code))
            return tr(e.sentence);
    }
    return {};
}

QStringList ApiErrorText::knownCodes()
{
    QStringList codes;
    codes.reserve(int(std::size(kEntries)));
    for (const Entry &e : kEntries)
        codes << QLatin1String(e.code);
    return codes;
}

} // namespace compose
