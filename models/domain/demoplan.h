#pragma once

#include "formstatus.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace compose {

struct DemoOptions {
    int forms = 600; // at least 40, so every status fits; every messy case fits
                     // at the default size (a small plan may lack a spare bundle)
    quint32 seed = 20251216; // same seed, same rows: tests rely on the counts
    QDateTime now; // invalid: the current time; timestamps lie in the 60 days before
    // Preview URLs are <audioBase>/<conversion_id>.wav, served by compose-api's simulator.
    QString audioBase = QStringLiteral("http://127.0.0.1:47811/sim/musicgpt/audio");
};

// The demo data as values: which users, forms, generations, status events, orders and refunds to
// write. Pure (no database, no clock unless DemoOptions::now is invalid): the same options give
// the same plan, so tests check its invariants without SQL and DemoData writes it unchanged.
namespace demo {

struct HistoryEvent {
    QString oldStatus; // empty: the form was created with newStatus
    QString newStatus;
    QDateTime at;
};

struct GenPlan {
    QString id;
    QString taskId;
    QString conv1;
    QString conv2;
    QString status; // pending | processing | completed | failed
    int song = 0;
    int variation = 1;
    std::optional<int> duration1;
    std::optional<int> duration2;
    QString audio1;
    QString audio2;
    QString title;
    QString lyrics;
    bool selected = false;
    bool paid = false;
    bool share = false;
    QString slug;
    QDateTime created;
    QDateTime updated;
    QDateTime completed;
    QString prompt;
    bool written = true; // false: its task id stays in the JSON with no row (messy case)
};

struct RefundPlan {
    QString id;
    QString status = QStringLiteral("succeeded"); // pending | failed: a "Needs attention" case
    int amount = 0;
    QString reason;
    QString note;
    QDateTime at;
};

struct FormPlan {
    QString id;
    QString package;
    int songs = 1;
    QString status;
    FormStatus stage = FormStatus::Created; // how far along the workflow it got
    QString userId;
    QString guestEmail;
    QString email;
    QJsonObject fields;
    QStringList prompts;
    QList<GenPlan> gens;
    QMap<int, int> selections; // song -> variation
    QString session;
    QString intent;
    std::optional<int> amount;
    QDateTime created;
    QDateTime updated;
    QDateTime expires;
    QDateTime paid;
    QDateTime delivered;
    QString orderId;
    QString orderStatus;
    QList<RefundPlan> refunds;
    // Messy overrides, written verbatim instead of the generated JSON.
    std::optional<QString> formDataRaw;
    std::optional<QString> taskIdsRaw;
    QMap<QString, QString> audioUrlOverride; // "song/variation" -> url
    QString messy;
    // A "Needs attention" case the demo shows on purpose (attentionKinds()), or empty.
    QString attention;
    QString duplicateOrderId; // a second, flagged payment of the form ("duplicatePayment")
    QString strayOrderId; // an order that names no form ("orderWithoutForm"), for this customer
    // Its status history, oldest first: one event per workflow step it went through.
    QList<HistoryEvent> history;
};

struct UserPlan {
    QString id;
    QString name;
    QString email;
    int credits = 0;
};

struct Plan {
    QDateTime now; // whole seconds, UTC: every planned time lies at or before it
    QList<UserPlan> users;
    QList<FormPlan> forms;
};

Plan plan(const DemoOptions &options);

// Names of the deliberately messy cases, the values of FormPlan::messy.
QStringList messyKinds();
// The money cases the demo adds so that every "Needs attention" queue the demo database can
// know has forms in it (failures, stuck and expiring previews come from the plan itself); the
// values of FormPlan::attention. They break the ordinary money invariants on purpose.
QStringList attentionKinds();

} // namespace demo
} // namespace compose
