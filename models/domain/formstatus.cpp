#include "formstatus.h"

#include <array>

namespace compose {

namespace {

struct Entry {
    FormStatus status;
    const char *key;
};

constexpr std::array<Entry, 9> kKeys {{
    {FormStatus::Created, "created"},
    {FormStatus::PromptsGenerated, "prompts_generated"},
    {FormStatus::VariationsGenerating, "variations_generating"},
    {FormStatus::VariationsReady, "variations_ready"},
    {FormStatus::PaymentInitiated, "payment_initiated"},
    {FormStatus::PaymentCompleted, "payment_completed"},
    {FormStatus::Delivered, "delivered"},
    {FormStatus::Expired, "expired"},
    {FormStatus::Refunded, "refunded"},
}};

using S = FormStatus;

// The transition table. Rows not listed are refused. Re-entering VariationsGenerating is a
// retry; PaymentInitiated -> VariationsReady is an abandoned checkout; Expired ->
// PaymentCompleted accepts a Stripe payment whose webhook arrives after the form expired
// (the customer paid: that must never be lost).
constexpr std::array<std::pair<S, S>, 18> kTransitions {{
    {S::Created, S::PromptsGenerated},
    {S::Created, S::Expired},
    {S::PromptsGenerated, S::VariationsGenerating},
    {S::PromptsGenerated, S::Expired},
    {S::VariationsGenerating, S::VariationsGenerating},
    {S::VariationsGenerating, S::VariationsReady},
    {S::VariationsGenerating, S::Expired},
    {S::VariationsReady, S::VariationsGenerating},
    {S::VariationsReady, S::PaymentInitiated},
    {S::VariationsReady, S::Expired},
    {S::PaymentInitiated, S::PaymentInitiated},
    {S::PaymentInitiated, S::VariationsReady},
    {S::PaymentInitiated, S::PaymentCompleted},
    {S::PaymentInitiated, S::Expired},
    {S::PaymentCompleted, S::Delivered},
    {S::PaymentCompleted, S::Refunded},
    {S::Delivered, S::Refunded},
    {S::Expired, S::PaymentCompleted},
}};

} // namespace

FormStatus Status::fromKey(QStringView key)
{
    for (const auto &e : kKeys) {
        if (key == QLatin1String(e.key))
            return e.status;
    }
    return FormStatus::Unknown;
}

QString Status::key(FormStatus s)
{
    for (const auto &e : kKeys) {
        if (e.status == s)
            return QLatin1String(e.key);
    }
    return {};
}

QString Status::label(FormStatus s)
{
    switch (s) {
    case S::Created:
        return tr("Created");
    case S::PromptsGenerated:
        return tr("Prompts generated");
    case S::VariationsGenerating:
        return tr("Generating");
    case S::VariationsReady:
        return tr("Variations ready");
    case S::PaymentInitiated:
        return tr("Checkout started");
    case S::PaymentCompleted:
        return tr("Paid");
    case S::Delivered:
        return tr("Delivered");
    case S::Expired:
        return tr("Expired");
    case S::Refunded:
        return tr("Refunded");
    case S::Unknown:
        break;
    }
    return tr("Other");
}

QList<FormStatus> Status::workflow()
{
    return {S::Created,         S::PromptsGenerated, S::VariationsGenerating,
            S::VariationsReady, S::PaymentInitiated, S::PaymentCompleted,
            S::Delivered};
}

QList<FormStatus> Status::all()
{
    auto list = workflow();
    list << S::Expired << S::Refunded;
    return list;
}

bool Status::isPaid(FormStatus s)
{
    return s == S::PaymentCompleted || s == S::Delivered || s == S::Refunded;
}

bool Status::canTransition(FormStatus from, FormStatus to)
{
    for (const auto &[a, b] : kTransitions) {
        if (a == from && b == to)
            return true;
    }
    return false;
}

QString Status::transitionError(FormStatus from, FormStatus to)
{
    if (canTransition(from, to))
        return {};
    if (from == S::Unknown)
        return tr("The form has a status this system does not know; it cannot change to \"%1\".")
            .arg(key(to));
    if (to == S::Delivered && !isPaid(from))
        return tr("The form is not paid (status \"%1\"): it cannot be delivered.").arg(key(from));
    if (from == S::Refunded)
        return tr("The form was refunded; its status can no longer change.");
    return tr("A form in status \"%1\" cannot move to \"%2\".").arg(key(from), key(to));
}

QString Status::actionKey(StaffAction a)
{
    switch (a) {
    case StaffAction::RetryGeneration:
        return QStringLiteral("retry");
    case StaffAction::MarkDelivered:
        return QStringLiteral("deliver");
    case StaffAction::Redeliver:
        return QStringLiteral("redeliver");
    case StaffAction::Refund:
        return QStringLiteral("refund");
    }
    return {};
}

std::optional<StaffAction> Status::actionFromKey(QStringView key)
{
    for (auto a : {StaffAction::RetryGeneration, StaffAction::MarkDelivered, StaffAction::Redeliver,
                   StaffAction::Refund}) {
        if (key == actionKey(a))
            return a;
    }
    return std::nullopt;
}

QString Status::actionLabel(StaffAction a)
{
    switch (a) {
    case StaffAction::RetryGeneration:
        return tr("Retry generation");
    case StaffAction::MarkDelivered:
        return tr("Mark delivered");
    case StaffAction::Redeliver:
        return tr("Redeliver link");
    case StaffAction::Refund:
        return tr("Refund");
    }
    return {};
}

QString Status::actionBlockedReason(StaffAction a, FormStatus s)
{
    const QString name = s == S::Unknown ? tr("unknown") : key(s);
    switch (a) {
    case StaffAction::RetryGeneration:
        if (s == S::PromptsGenerated || s == S::VariationsGenerating || s == S::VariationsReady)
            return {};
        return tr("Generations can only be retried before checkout (status is \"%1\").").arg(name);
    case StaffAction::MarkDelivered:
        if (s == S::PaymentCompleted)
            return {};
        if (s == S::Delivered)
            return tr("The form is already delivered; use Redeliver to send the link again.");
        return tr("Only paid forms can be marked delivered (status is \"%1\").").arg(name);
    case StaffAction::Redeliver:
        // Redeliver repeats a delivery; on a form never delivered it would send the link yet
        // leave the form "Paid", so the first sending is always Mark delivered.
        if (s == S::Delivered)
            return {};
        if (s == S::PaymentCompleted)
            return tr("The share link was never delivered: use Mark delivered to send it the first "
                      "time.");
        return tr("Only delivered forms have a share link to send again (status is \"%1\").")
            .arg(name);
    case StaffAction::Refund:
        if (s == S::PaymentCompleted || s == S::Delivered)
            return {};
        if (s == S::Refunded)
            return tr("The payment has already been refunded in full.");
        return tr("Only paid forms can be refunded (status is \"%1\").").arg(name);
    }
    return {};
}

} // namespace compose
