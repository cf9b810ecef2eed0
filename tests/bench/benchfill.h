#pragma once

#include "connectionsettings.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>

namespace compose::bench {

struct FillOptions {
    qint64 forms = 1000000;
    int users = 50000;
    // Holiday-hamper forms: 3 songs x 3 variations = 9 generations, a solo 3. With 82.5 % of
    // forms reaching generation, 0.05 gives 2.77 generation rows a form: 27.7 million at 10M
    // forms (the "about 30 million"), which with their indexes and the builds'
    // temporary space stays under 33 GB (a third bundles gave 4.2 a form, 44 GB; 0.06 gave 2.82
    // a form and 3.38 GB per million forms at 1M, 0.09 2.97 a form and 3.49 GB).
    double bundleShare = 0.05;
    QDateTime now; // timestamps lie in the 365 days before
};

struct FillResult {
    qint64 forms = 0;
    qint64 generations = 0;
    qint64 orders = 0;
    qint64 users = 0;
    double copySeconds = 0;
    double indexSeconds = 0;
};

// Fills a database that has exactly the seed's schema (migration 1) with realistic shop data,
// fast: the seed's secondary indexes and foreign keys are dropped, the rows are generated here
// and streamed to `psql \copy … FROM STDIN` (QPSQL cannot COPY), one psql per table at once,
// then the very same indexes and constraints are created again from their saved definitions
// and everything is VACUUM ANALYZEd. The schema afterwards is identical to the seed's.
class BenchFill {
public:
    using Progress = std::function<void(const QString &)>;
    static FillResult fill(const ConnectionSettings &target, const FillOptions &options,
                           const Progress &progress);

    // After the migrations: their btree indexes over the filled tables rebuilt with full leaves
    // (fillfactor 100). The bench's rows are written once and then only read, so btree's
    // default 90 % (room for inserts) is ~10 % of disk for nothing at 10M forms.
    static void compactIndexes(const ConnectionSettings &target, const Progress &progress);
    // Migration indexes no question of the bench uses: reserved (an empty placeholder) before
    // the migrations so they are not built, dropped by compactIndexes().
    static QStringList unusedIndexes();
    static void reserveUnusedIndexes(const QSqlDatabase &db, const Progress &progress);

    // Deterministic per-form facts, so the benchmark can name rows without asking the database.
    static QString formId(qint64 i);
};

} // namespace compose::bench
