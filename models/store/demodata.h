#pragma once

#include <QDateTime>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

namespace compose {

struct DemoOptions
{
    int forms = 600;              // at least 40, so every status and every messy case fits
    quint32 seed = 20251216;      // same seed, same rows: tests rely on the counts
    QDateTime now;                // invalid: the current time; timestamps lie in the 60 days before
    // Preview URLs are <audioBase>/<conversion_id>.wav, served by compose-api's simulator.
    QString audioBase = QStringLiteral("http://127.0.0.1:47811/sim/musicgpt/audio");
};

// What populate() wrote, for the caller's message and for tests.
struct DemoResult
{
    int users = 0;
    int forms = 0;
    int generations = 0;
    int orders = 0;
    int refunds = 0;
    int deliveries = 0;
    QMap<QString, int> statusCounts;  // status as written -> forms
    QMap<QString, QString> messyForms; // kind ("malformedFormData", "markupNames", ...) -> form id
};

// Fills a database that has at least the seed's schema with generated, realistic data: every
// status, solo and bundle forms, guests and account holders, consistent JSON and
// music_generations rows, orders, refunds and a handful of deliberately messy rows. Tables of
// our own migrations (refunds, deliveries) are filled only where they exist. Everything in one
// transaction with prepared statements; works on PostgreSQL and SQLite. Throws DbError.
class DemoData
{
public:
    static DemoResult populate(QSqlDatabase db, const DemoOptions &options = {});
    static bool hasForms(const QSqlDatabase &db); // throws DbError

    // Names of the messy cases, the keys of DemoResult::messyForms.
    static QStringList messyKinds();
};

} // namespace compose
