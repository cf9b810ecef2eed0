#pragma once

#include "formstatus.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace compose {

// "Needs attention" (issue 12): the queues of forms an agent has to act on, and the flags a row
// of the list carries. The SQL that finds them is AttentionStore's; this is what they are called,
// which action each one needs and the thresholds that decide them (settings, never secrets).
enum class Queue : quint8 {
    PaidNotDelivered, // paid longer ago than the threshold and not delivered
    FailedGeneration, // a variation failed and nothing retried it
    StuckGenerating, // in variations_generating longer than the threshold
    PaidWithoutWebhook, // reconciliation found a paid session with no webhook (recon12's table)
    DuplicatePayment, // an order flagged 'duplicate' that is still paid
    RefundProblem, // a refund pending at Stripe, or failed with nothing refunded after it
    PreviewExpiring, // a preview the customer needs expired or expires before delivery
    JsonMismatch, // variation_task_ids and music_generations disagree
    OrderMismatch, // a paid form without an order (orders without a form are counted beside it)
    UnknownStatus, // a status the workflow does not know
};
constexpr int QueueCount = 10;

// Cheap per-row marks in the list; each is one of the queues above, except Refunded.
enum class RowFlag : quint8 {
    Failed = 1,
    Stuck = 2,
    Refunded = 4,
    DuplicatePayment = 8,
    ExpiredPreview = 16,
};

struct AttentionThresholds {
    int paidUndeliveredMinutes = 60;
    int generatingMinutes = 15;
    int mp3RetentionDays = 90; // MusicGPT keeps MP3 files this long …
    int wavRetentionDays = 7; // … and WAV files this long
    int previewWarningHours = 48; // "expiring before delivery": expires within this many hours
    bool operator==(const AttentionThresholds &o) const
    {
        return paidUndeliveredMinutes == o.paidUndeliveredMinutes
            && generatingMinutes == o.generatingMinutes && mp3RetentionDays == o.mp3RetentionDays
            && wavRetentionDays == o.wavRetentionDays
            && previewWarningHours == o.previewWarningHours;
    }
};

struct QueueCountValue {
    // Counting stops past this many forms (shown as "1000+"): an exact count of a large queue
    // visits every member however it is indexed, and nobody works 1000 forms by their number.
    static constexpr qint64 Cap = 1000;
    Queue queue = Queue::PaidNotDelivered;
    qint64 forms = 0; // at most Cap + 1
    bool capped() const { return forms > Cap; }
    bool available = true; // false: this database cannot know (a table of ours is missing)
};

struct AttentionCounts {
    QList<QueueCountValue> queues; // in Attention::all() order
    qint64 ordersWithoutForm = 0; // shown with OrderMismatch; not forms, so not in the list
    AttentionThresholds thresholds;
    QDateTime at; // UTC, when counted
    std::optional<QueueCountValue> find(Queue q) const
    {
        for (const QueueCountValue &v : queues)
            if (v.queue == q)
                return v;
        return std::nullopt;
    }
};

class Attention {
    Q_DECLARE_TR_FUNCTIONS(Attention)
public:
    static QList<Queue> all();
    static QString key(Queue q); // stable spelling: settings, filters, object names
    static std::optional<Queue> fromKey(QStringView key);
    static QString label(Queue q);
    static QString description(Queue q, const AttentionThresholds &t); // the tooltip
    static QString unavailableReason(Queue q);
    // The actions that work a form off this queue, in the order they are offered: the first one
    // the form's status allows is the one. Empty when the dashboard has none (data repairs).
    static QList<StaffAction> offeredActions(Queue q);

    // The list's attention filter: a queue key, or a flag's key ("refunded"), or empty.
    static QString refundedKey() { return QStringLiteral("refunded"); }
    // Stuck: generating too long, or paid and not delivered in time (both queues at once).
    static QString stuckKey() { return QStringLiteral("stuck"); }
    static QString flagKey(RowFlag f);
    static QString flagLabel(RowFlag f);
    static QList<RowFlag> allFlags();
    // "✖ failed · ◷ stuck", the flags as icon and text in a fixed order; empty for none.
    static QString flagsText(int flags);
    static QString flagsTooltip(int flags);
};

} // namespace compose

Q_DECLARE_METATYPE(compose::AttentionCounts)
Q_DECLARE_METATYPE(compose::AttentionThresholds)
