#include "benchsearch.h"

#include "benchtiming.h"
#include "connectionsettings.h"
#include "database.h"
#include "dataservice.h"
#include "formlistmodel.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cstdio>

namespace compose::bench {

namespace {

// Any one wait: past it the run fails instead of hanging. Today's anchors of a term that
// matches 165,000 of 10M forms took more than 60 s on a busy machine.
constexpr int kWaitMs = 180000;
constexpr int kDefaultTerms = 5;
constexpr int kLateDetailMs = 300; // step 4: a detail asked for while the model is busy
// Step 2's detail goes out one frame after the first rows are in: the agent can open a row only
// once it is painted, and a request in the same turn would overtake the requests the model
// itself makes on those rows' arrival (the anchors today), which no click can.
constexpr int kSeeRowsMs = 16;

struct Term {
    QString text;
    QString formId; // a form the term came from: what step 4 opens when no row is in yet
};

// Frequent recipient names' terms, with a form each, from a sample taken the way
// Bench::samples() takes its own (TABLESAMPLE, REPEATABLE: the same terms every run).
QList<Term> sampleTerms(const ConnectionSettings &settings)
{
    const QString conn = QStringLiteral("bench-search-samples");
    QHash<QString, int> seen;
    QHash<QString, QString> formOf;
    {
        QSqlDatabase db = Db::open(settings, conn);
        // Else a sample scan starts where another scan of the table just was (synchronized
        // scans, on a table past a quarter of shared_buffers) and LIMIT keeps other rows.
        Db::execSql(db, QStringLiteral("SET synchronize_seqscans = off"));
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(QStringLiteral(
                "SELECT id, form_data->>'recipientName' FROM compose_forms TABLESAMPLE "
                "BERNOULLI (1) REPEATABLE (42) WHERE jsonb_typeof(form_data->'recipientName') = "
                "'string' LIMIT 1000")))
            throw DbError(q.lastError().text());
        while (q.next()) {
            const QString term = searchTermOf(q.value(1).toString());
            // Four letters, as an agent types a name: not "Ms.", "Dad" or an empty name.
            if (term.size() != 4
                || !std::all_of(term.cbegin(), term.cend(), [](QChar c) { return c.isLetter(); }))
                continue;
            ++seen[term];
            if (!formOf.contains(term))
                formOf.insert(term, q.value(0).toString());
        }
    }
    Db::close(conn);
    QStringList terms = seen.keys();
    std::sort(terms.begin(), terms.end(), [&seen](const QString &a, const QString &b) {
        return seen.value(a) != seen.value(b) ? seen.value(a) > seen.value(b) : a < b;
    });
    QList<Term> out;
    for (const QString &t : std::as_const(terms))
        out << Term {t, formOf.value(t)};
    return out;
}

struct Result {
    double firstRows = -1;
    double countMs = -1;
    int count = -1;
    double anchors = -1;
    double detail = -1; // stays -1 for a term without rows
    double detail300 = -1;
    int jumpRow = -1;
    double jump = -1;
};

double msSince(const QElapsedTimer &t, qint64 fromNs = 0)
{
    return double(t.nsecsElapsed() - fromNs) / 1e6;
}

// Steps 1, 2 and 4 of one term: returns an empty string when every milestone came in time.
QString searchOnce(DataService &service, FormListModel &list, const Term &term, Result &r)
{
    QObject scope; // this term's connections and timers end with it
    QEventLoop loop;
    QElapsedTimer t;
    QString failure;
    quint64 detailId = 0;
    quint64 lateId = 0;
    qint64 detailAt = 0;
    qint64 lateAt = 0;
    bool detailDone = false;
    const auto fail = [&](const QString &why) {
        if (failure.isEmpty())
            failure = why;
        loop.exit(1);
    };
    const auto check = [&] {
        if (r.firstRows >= 0 && r.countMs >= 0 && r.anchors >= 0 && detailDone && r.detail300 >= 0)
            loop.exit(0);
    };
    const auto secondRowId = [&list] {
        const int row = std::min(1, list.rowCount() - 1);
        return row >= 0 && list.isRowLoaded(row)
            ? list.index(row, FormListModel::IdColumn).data(FormListModel::FormIdRole).toString()
            : QString();
    };

    QObject::connect(&list, &QAbstractItemModel::rowsInserted, &scope,
                     [&](const QModelIndex &parent, int first, int) {
                         if (parent.isValid() || first != 0 || r.firstRows >= 0)
                             return;
                         r.firstRows = msSince(t);
                         QTimer::singleShot(kSeeRowsMs, &scope, [&] {
                             const QString id = secondRowId();
                             if (id.isEmpty())
                                 return fail(QStringLiteral("the first rows left the model"));
                             detailAt = t.nsecsElapsed();
                             detailId = service.requestDetail(id);
                         });
                     });
    QObject::connect(&list, &FormListModel::firstPageLoaded, &scope, [&] {
        r.countMs = msSince(t);
        r.count = list.rowCount();
        if (r.count == 0) { // nothing to open: the empty list is what the agent sees first
            r.firstRows = r.countMs;
            detailDone = true;
        }
        check();
    });
    QObject::connect(&list, &FormListModel::anchorsCompleted, &scope, [&] {
        r.anchors = msSince(t);
        check();
    });
    QObject::connect(&list, &FormListModel::loadFailed, &scope, [&](const QString &message) {
        fail(QStringLiteral("the list failed: ") + message);
    });
    QObject::connect(&service, &DataService::detailReady, &scope,
                     [&](quint64 id, const FormDetail &) {
                         if (id == detailId) {
                             r.detail = msSince(t, detailAt);
                             detailDone = true;
                         } else if (id == lateId) {
                             r.detail300 = msSince(t, lateAt);
                         }
                         check();
                     });
    QObject::connect(&service, &DataService::detailNotFound, &scope,
                     [&](quint64 id, const QString &formId) {
                         if (id == detailId || id == lateId)
                             fail(QStringLiteral("form %1 was not found").arg(formId));
                     });
    QObject::connect(&service, &DataService::requestFailed, &scope,
                     [&](quint64 id, const QString &message) {
                         if (id == detailId || id == lateId)
                             fail(QStringLiteral("a detail failed: ") + message);
                     });
    QTimer::singleShot(kLateDetailMs, &scope, [&] {
        // The agent opens the second result if it is there, else the form they had open.
        QString id = secondRowId();
        if (id.isEmpty())
            id = term.formId;
        lateAt = t.nsecsElapsed();
        lateId = service.requestDetail(id);
    });
    QTimer::singleShot(kWaitMs, &scope, [&] {
        QStringList missing;
        if (r.firstRows < 0)
            missing << QStringLiteral("the first rows");
        if (r.countMs < 0)
            missing << QStringLiteral("the count");
        if (r.anchors < 0)
            missing << QStringLiteral("the anchors");
        if (!detailDone)
            missing << QStringLiteral("the detail opened at the first rows");
        if (r.detail300 < 0)
            missing << QStringLiteral("the detail opened at 300 ms");
        fail(QStringLiteral("timed out after %1 s waiting for %2")
                 .arg(kWaitMs / 1000)
                 .arg(missing.join(QStringLiteral(", "))));
    });

    FormListQuery q; // sorted by updated desc, no filter: the dashboard's default
    q.search = term.text;
    t.start();
    list.setQuery(q);
    loop.exec();
    return failure;
}

} // namespace

QString searchTermOf(const QString &recipientName)
{
    const QString first = recipientName.section(QLatin1Char(' '), 0, 0);
    return first.size() > 5 ? first.mid(1, 4) : first;
}

int runSearchChild(const QString &url, const QStringList &terms)
{
    const auto settings = ConnectionSettings::fromUrl(url);
    if (!settings || settings->dialect != SqlDialect::PostgreSQL) {
        std::fprintf(stderr, "--child search needs --database-url postgresql://…\n");
        return 2;
    }
    QList<Term> plan;
    try {
        const QList<Term> sampled = sampleTerms(*settings);
        if (sampled.isEmpty()) {
            std::fprintf(stderr, "no recipient names to search for: is the database filled?\n");
            return 3;
        }
        if (terms.isEmpty()) {
            plan = sampled.mid(0, kDefaultTerms);
        } else {
            for (int i = 0; i < terms.size(); ++i)
                plan << Term {terms.at(i), sampled.at(i % sampled.size()).formId};
        }
    } catch (const DbError &e) {
        std::fprintf(stderr, "sampling terms failed: %s\n", qPrintable(e.message()));
        return 3;
    }

    DataService service;
    service.setPollInterval(3600 * 1000); // the benchmark measures requests, not polling
    FormListModel list(&service);
    // The agent searches from the dashboard's list, which is open and loaded by then (and so
    // are both connections' caches of the table and its indexes): not from a cold start.
    if (const int rc = openAndLoad(service, list, *settings, kWaitMs))
        return rc;

    Result worst;
    bool anyRows = false;
    const auto keep = [](double &w, double v) {
        w = std::max(w, v);
    };
    for (int i = 0; i < plan.size(); ++i) {
        const QByteArray key = "search-" + QByteArray::number(i) + '-';
        std::printf("%sterm %s\n", key.constData(),
                    QUrl::toPercentEncoding(plan.at(i).text).constData());
        Result r;
        const QString failure = searchOnce(service, list, plan.at(i), r);
        if (failure.isEmpty() && r.count > 0) {
            // Step 3: the middle of the result, as a view asks for a row it shows (data()).
            r.jumpRow = r.count / 2;
            QElapsedTimer jt;
            jt.start();
            (void)list.data(list.index(r.jumpRow, FormListModel::IdColumn));
            if (waitRows(list, r.jumpRow, r.jumpRow, kWaitMs))
                r.jump = msSince(jt);
        }
        say(key + "first-rows-ms", r.firstRows);
        say(key + "count-ms", r.countMs);
        say(key + "count", r.count);
        say(key + "anchors-ms", r.anchors);
        if (r.count > 0) {
            say(key + "detail-ms", r.detail);
            say(key + "detail300-ms", r.detail300);
            say(key + "jump-row", r.jumpRow);
            say(key + "jump-ms", r.jump);
        } else if (failure.isEmpty()) {
            std::fprintf(stderr, "search %d (\"%s\") found no form: nothing to open\n", i,
                         qPrintable(plan.at(i).text));
        }
        const QString why = !failure.isEmpty() ? failure
            : r.count > 0 && r.jump < 0
            ? QStringLiteral("the middle row %1 did not load within %2 s")
                  .arg(r.jumpRow)
                  .arg(kWaitMs / 1000)
            : QString();
        if (!why.isEmpty()) {
            std::fprintf(stderr, "search %d (\"%s\"): %s\n", i, qPrintable(plan.at(i).text),
                         qPrintable(why));
            return 5;
        }
        keep(worst.firstRows, r.firstRows);
        keep(worst.countMs, r.countMs);
        keep(worst.anchors, r.anchors);
        if (r.count > 0) {
            anyRows = true;
            keep(worst.detail, r.detail);
            keep(worst.detail300, r.detail300);
            keep(worst.jump, r.jump);
        }
    }
    say("search-terms", double(plan.size()));
    say("search-worst-first-rows-ms", worst.firstRows);
    say("search-worst-count-ms", worst.countMs);
    say("search-worst-anchors-ms", worst.anchors);
    if (!anyRows) {
        std::fprintf(stderr, "no term found a form: no detail or jump was measured\n");
        return 6;
    }
    say("search-worst-detail-ms", worst.detail);
    say("search-worst-detail300-ms", worst.detail300);
    say("search-worst-jump-ms", worst.jump);
    return 0;
}

} // namespace compose::bench
