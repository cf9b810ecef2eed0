#pragma once

#include "demoplan.h"

#include <QDateTime>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

namespace compose {

// What populate() wrote, for the caller's message and for tests.
struct DemoResult {
    int users = 0;
    int forms = 0;
    int generations = 0;
    int orders = 0;
    int refunds = 0;
    int deliveries = 0;
    QMap<QString, int> statusCounts; // status as written -> forms
    QMap<QString, QString> messyForms; // kind ("malformedFormData", "markupNames", ...) -> form id
    QMap<QString, QString> attentionForms; // demo::attentionKinds() -> form id
    // Forms at checkout whose payment the demo's Stripe simulator takes with the webhook lost
    // (ServerConfig::simLostWebhookForms): reconciliation finds them when the demo API starts.
    QStringList lostWebhookForms;
};

// Writes the demo plan (demoplan.h) into a database that has at least the seed's schema, through
// the store's row writers: generated, realistic data with every
// status, solo and bundle forms, guests and account holders, consistent JSON and
// music_generations rows, orders, refunds and a handful of deliberately messy rows. Tables of
// our own migrations (refunds, deliveries) are filled only where they exist. Everything in one
// transaction with prepared statements; works on PostgreSQL and SQLite. Throws DbError.
class DemoData {
public:
    static constexpr int LostWebhookForms = 3; // DemoResult::lostWebhookForms
    static DemoResult populate(QSqlDatabase db, const DemoOptions &options = {});
    static bool hasForms(const QSqlDatabase &db); // throws DbError

    // Names of the messy cases, the keys of DemoResult::messyForms.
    static QStringList messyKinds();
};

} // namespace compose
