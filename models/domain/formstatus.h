#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace compose {

// The one status type of the product, shared by compose-api, the dashboard and the tests.
// The first seven values are the seed's workflow in order; Expired and Refunded are ours and
// branch off it without reordering it; Unknown stands for any string the data holds that we do
// not know (it is shown as spelled, counted as "other", never dropped).
enum class FormStatus : quint8 {
    Created,
    PromptsGenerated,
    VariationsGenerating,
    VariationsReady,
    PaymentInitiated,
    PaymentCompleted,
    Delivered,
    Expired,
    Refunded,
    Unknown,
};

// What staff can do to a form; the same rules gate the dashboard's buttons and the server.
enum class StaffAction : quint8 { RetryGeneration, MarkDelivered, Redeliver, Refund };

class Status {
    Q_DECLARE_TR_FUNCTIONS(Status)
public:
    static constexpr int WorkflowCount = 7;

    static FormStatus fromKey(QStringView key);
    static QString key(FormStatus s); // spelling in the database; empty for Unknown
    static QString label(FormStatus s);
    static QList<FormStatus> workflow(); // the seven funnel stages in order
    static QList<FormStatus> all(); // every known status, workflow first
    static bool isWorkflow(FormStatus s) { return int(s) < WorkflowCount; }
    static bool isPaid(FormStatus s);

    static bool canTransition(FormStatus from, FormStatus to);
    // Empty when allowed; otherwise a sentence saying why not, for a 409 body or a tooltip.
    static QString transitionError(FormStatus from, FormStatus to);

    static QString actionKey(StaffAction a);
    static std::optional<StaffAction> actionFromKey(QStringView key);
    static QString actionLabel(StaffAction a);
    // Empty when the action is allowed in this status; otherwise why it is not.
    static QString actionBlockedReason(StaffAction a, FormStatus s);
};

} // namespace compose
