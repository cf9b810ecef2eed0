#pragma once

#include "connectionsettings.h"
#include "finding.h"
#include "formstatus.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

namespace compose {

// A value read from customer JSON. Real rows are messy: a key can be missing, hold the wrong
// type, or the whole document can be malformed; each case has its own display.
struct JsonText {
    enum class State : quint8 { Ok, Missing, Invalid };
    State state = State::Missing;
    QString value; // the text when Ok; a short description of what was there when Invalid
    QString display() const; // "—missing—", "⚠ invalid (number 42)", or the text
    bool ok() const { return state == State::Ok; }
    static JsonText ok(QString v) { return {State::Ok, std::move(v)}; }
    static JsonText missing() { return {State::Missing, {}}; }
    static JsonText invalid(QString what) { return {State::Invalid, std::move(what)}; }
};

struct Money {
    qint64 cents = 0;
    QString currency = QStringLiteral("usd");
    QString display() const; // "$9.99", "€5.00", "12.50 GBP"
};

enum class Package : quint8 { Solo, Bundle, Unknown };
QString packageKey(Package p);
Package packageFromKey(QStringView key);
QString packageLabel(const QString &rawKey);

// One row of the form list (keyset-paged).
struct FormSummary {
    QString id;
    QString packageType; // as in the data
    int songCount = 0;
    QString statusKey; // as in the data (may be unknown)
    FormStatus status = FormStatus::Unknown;
    JsonText recipient;
    JsonText sender;
    QString email;
    bool isGuest = true;
    std::optional<qint64> amountPaidCents;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime expiresAt;
    QDateTime paidAt;
    QString stripeSessionId;
    QString paymentIntentId;
    QString userId;
    int flags = 0; // RowFlag bits (attention.h), computed by the database with the page
    bool operator==(const FormSummary &o) const
    {
        return id == o.id && updatedAt == o.updatedAt && statusKey == o.statusKey;
    }
};

// One row of the variation table: what compose_forms' JSON says merged with the matching
// music_generations row. Disagreements between the two are listed, never silently resolved.
struct VariationRow {
    int songIndex = -1; // 0..2
    int variationIndex = -1; // 1..3
    QString taskIdJson; // from variation_task_ids
    QString taskIdDb; // from music_generations.task_id
    QString generationId;
    QString generationStatus; // music_generations.status, raw
    std::optional<int> durationSec;
    QString audioUrlJson; // from variation_audio_urls
    QString audioUrlDb; // music_generations.audio_url_1
    bool selectedJson = false; // selected_variations[song] == variation
    std::optional<bool> isSelectedDb;
    std::optional<bool> isPaid;
    std::optional<bool> shareEnabled;
    bool hasGeneration = false;
    QStringList conflicts; // human sentences
    QString taskId() const { return taskIdDb.isEmpty() ? taskIdJson : taskIdDb; }
    QString audioUrl() const { return audioUrlJson.isEmpty() ? audioUrlDb : audioUrlJson; }
    bool isFailed() const;
};

struct OrderRow {
    QString id;
    Money amount;
    QString status;
    QString stripeSessionId;
    QString packageId;
    QString userId;
    QString guestEmail;
    QDateTime createdAt;
    // orders.payment_flag (migration 005): "duplicate" (the form was already paid by another
    // session) or "status_kept"; empty for the form's own payment.
    QString paymentFlag;
};

struct StatusEvent {
    qint64 id = 0;
    QString fromStatus;
    QString toStatus;
    QString actor;
    QDateTime at;
};

// One refund of the form's payment, as compose-api recorded it (compose_refunds).
struct RefundRecord {
    QString id; // Stripe's re_…, or our cr_… reservation while Stripe has not answered
    qint64 amountCents = 0;
    QString currency;
    QString reason; // requested_by_customer | duplicate | fraudulent | other
    QString note;
    QString status; // pending | requires_action | succeeded | failed | canceled
    QDateTime at;
    QString staff;
    // Money that left (or is leaving) the shop: everything but a failed or canceled refund,
    // the same rule compose-api uses for what remains refundable.
    bool counts() const
    {
        return status != QLatin1String("failed") && status != QLatin1String("canceled");
    }
};

struct Customer {
    QString userId; // empty for a guest
    QString name;
    QString email;
    std::optional<int> credits;
    bool userMissing = false; // user_id set but no such "user" row
};

struct FormField {
    QString key;
    QString label;
    JsonText value;
};

struct FormDetail {
    FormSummary summary;
    QString formDataProblem; // empty, or why form_data could not be read as an object
    QList<FormField> fields; // known keys first, then any extra keys as spelled
    QList<JsonText> prompts;
    QString promptsProblem;
    QString variationsProblem; // malformed task-id / URL / selection JSON
    QList<VariationRow> variations;
    QList<OrderRow> orders;
    Customer customer;
    bool hasEventTable = false;
    QList<StatusEvent> events;
    bool hasRefundTable = false; // false on a seed-only database: refunds are unknown, not none
    QList<RefundRecord> refunds; // newest first
    // Open reconciliation findings of the form (migration 008); none on an older schema.
    QList<Finding> findings;
    qint64 refundedCents() const; // what counts (RefundRecord::counts)
    QString rawFormData; // for "view raw", shown as plain text
};

struct FunnelQuery {
    QDate from; // inclusive, UTC day; invalid = unbounded
    QDate to; // inclusive, UTC day; invalid = unbounded
    QString package; // empty = all
    bool operator==(const FunnelQuery &o) const
    {
        return from == o.from && to == o.to && package == o.package;
    }
};

struct StatusCount {
    QString statusKey; // as spelled in the data
    qint64 forms = 0;
};

struct FunnelCounts {
    FunnelQuery query;
    QList<StatusCount> counts;
};

struct ListSort {
    enum Key : quint8 { Id, Recipient, Package, Status, Amount, Created, Updated, Expires };
    Key key = Updated;
    Qt::SortOrder order = Qt::DescendingOrder;
};

struct FormListQuery {
    QString statusKey; // empty = all; OtherStatuses = any status not in Status::all()
    QString package; // empty = all
    QDate from, to; // created_at, inclusive UTC days
    QString search; // form id, e-mail, recipient substring, Stripe session, payment intent
    QString attention; // empty = all; a queue's or a row flag's key (Attention, attention.h)
    ListSort sort;
    static QString otherStatuses() { return QStringLiteral("\x01other"); }
};

struct ListCursor {
    QVariant sortValue; // null when the last row's sort value was NULL
    QString id;
    bool isValid() const { return !id.isEmpty(); }
};

struct FormPage {
    QList<FormSummary> rows;
    ListCursor next; // invalid when there are no more rows
};

// A list's length and, where it came from the same scan, its anchors (FormRepository::span).
struct ListSpan {
    qint64 count = 0;
    QList<ListCursor> anchors; // the cursors of rows step, 2*step, ... when anchorsComplete
    int step = 0;
    bool anchorsComplete = false; // false: anchors() walks the list in chunks instead
};

struct Capabilities {
    SqlDialect dialect = SqlDialect::PostgreSQL;
    int schemaVersion = 0; // 0: seed-only schema
    bool hasEvents = false;
    bool hasFunnelRollup = false;
    // compose_form_search (migration 013): the recipient search's index-only copy.
    bool hasSearchCopy = false;
    bool hasAudit = false;
    bool hasRefunds = false; // compose_refunds (and compose_staff for the names)
    bool hasFindings = false; // compose_reconciliation_findings
    bool notifications = false; // PostgreSQL with our NOTIFY trigger
    // A PostgreSQL hot standby (pg_is_in_recovery()): read-only, and NOTIFY never reaches it,
    // so the dashboard polls and shows how far the standby is behind.
    bool standby = false;
    bool hasPaymentFlag = false; // orders.payment_flag (migration 005)
    QString serverVersion;
};

} // namespace compose

Q_DECLARE_METATYPE(compose::FormSummary)
Q_DECLARE_METATYPE(compose::FormDetail)
Q_DECLARE_METATYPE(compose::FunnelCounts)
Q_DECLARE_METATYPE(compose::FunnelQuery)
Q_DECLARE_METATYPE(compose::FormListQuery)
Q_DECLARE_METATYPE(compose::FormPage)
Q_DECLARE_METATYPE(compose::ListCursor)
Q_DECLARE_METATYPE(compose::ListSpan)
Q_DECLARE_METATYPE(compose::Capabilities)
