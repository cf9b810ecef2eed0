// compose-bench: fills PostgreSQL with N forms and times the dashboard's questions through its
// own data layer against the plain SQL a person would type on the seed-only schema. See
// docs/performance.md for how to run it and the last results.
#include "attentionstore.h"
#include "benchchild.h"
#include "benchcluster.h"
#include "benchfill.h"
#include "benchpreviews.h"
#include "benchsearch.h"
#include "benchwindow.h"

#include "database.h"
#include "demodata.h"
#include "formlistmodel.h"
#include "formrepository.h"
#include "migrator.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>

using namespace compose;
using namespace compose::bench;

namespace {

void out(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

struct Stats {
    QList<double> ms;
    double median() const
    {
        if (ms.isEmpty())
            return 0;
        QList<double> s = ms;
        std::sort(s.begin(), s.end());
        return s.size() % 2 ? s.at(s.size() / 2)
                            : (s.at(s.size() / 2 - 1) + s.at(s.size() / 2)) / 2;
    }
    double p95() const // nearest rank
    {
        if (ms.isEmpty())
            return 0;
        QList<double> s = ms;
        std::sort(s.begin(), s.end());
        const qsizetype rank
            = std::max<qsizetype>(1, qsizetype(std::ceil(0.95 * double(s.size()))));
        return s.at(rank - 1);
    }
};

// Runs f(run) `runs` times after one untimed warm-up; with a budget, stops early once the
// timed runs took longer than that (but never before minRuns).
Stats measure(const std::function<void(int)> &f, int runs, bool warmUp, double budgetMs = 0,
              int minRuns = 3)
{
    if (warmUp)
        f(runs); // a run index past the timed ones: its own sample
    Stats s;
    double total = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        f(i);
        const double ms = double(t.nsecsElapsed()) / 1e6;
        s.ms << ms;
        total += ms;
        if (budgetMs > 0 && total > budgetMs && s.ms.size() >= minRuns)
            break;
    }
    return s;
}

// The plain SQL: executed as typed, every row and value read.
void rawQuery(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(sql))
        throw DbError(q.lastError().text() + QStringLiteral(" in ") + sql);
    const int cols = q.record().count();
    while (q.next())
        for (int c = 0; c < cols; ++c)
            (void)q.value(c);
}

QString quoted(const QString &s)
{
    QString v = s;
    v.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + v + QLatin1Char('\'');
}

struct Sample {
    QString id, guestEmail, session, intent, recipient, userEmail;
};

struct Line {
    QString question;
    Stats raw;
    Stats dash;
    double targetMs = 20;
    bool hasRaw = true;
};

QString sortName(ListSort::Key k)
{
    switch (k) {
    case ListSort::Id:
        return QStringLiteral("id");
    case ListSort::Recipient:
        return QStringLiteral("recipient");
    case ListSort::Package:
        return QStringLiteral("package");
    case ListSort::Status:
        return QStringLiteral("status");
    case ListSort::Amount:
        return QStringLiteral("amount");
    case ListSort::Created:
        return QStringLiteral("created");
    case ListSort::Updated:
        return QStringLiteral("updated");
    case ListSort::Expires:
        return QStringLiteral("expires");
    }
    return {};
}

QString rawSortColumn(ListSort::Key k)
{
    switch (k) {
    case ListSort::Id:
        return QStringLiteral("id");
    case ListSort::Recipient:
        return QStringLiteral("form_data->>'recipientName'");
    case ListSort::Package:
        return QStringLiteral("package_type");
    case ListSort::Status:
        return QStringLiteral("status");
    case ListSort::Amount:
        return QStringLiteral("amount_paid");
    case ListSort::Created:
        return QStringLiteral("created_at");
    case ListSort::Updated:
        return QStringLiteral("updated_at");
    case ListSort::Expires:
        return QStringLiteral("expires_at");
    }
    return {};
}

QString findSourceDir()
{
    const QString env = qEnvironmentVariable("COMPOSE_SOURCE_DIR");
    if (!env.isEmpty())
        return env;
    QDir d(QCoreApplication::applicationDirPath());
    do {
        if (QFileInfo::exists(d.filePath(QStringLiteral("scripts/pg-cluster.sh"))))
            return d.absolutePath();
    } while (d.cdUp());
    d = QDir::current();
    do {
        if (QFileInfo::exists(d.filePath(QStringLiteral("scripts/pg-cluster.sh"))))
            return d.absolutePath();
    } while (d.cdUp());
    return {};
}

struct ChildResult {
    QMap<QString, double> values;
    double parentFunnelMs = -1; // from process start (parent's clock) to "funnel-ready"
    bool ok = false;
    QString error;
};

ChildResult runChildProcess(const QString &mode, const QString &url, int scrollRows)
{
    ChildResult r;
    QProcess p;
    p.setProcessChannelMode(QProcess::SeparateChannels);
    QElapsedTimer t;
    t.start();
    p.start(QCoreApplication::applicationFilePath(),
            {QStringLiteral("--child"), mode, QStringLiteral("--database-url"), url,
             QStringLiteral("--scroll-rows"), QString::number(scrollRows)});
    QByteArray buffer;
    while (p.state() != QProcess::NotRunning || p.bytesAvailable()) {
        if (!p.bytesAvailable())
            p.waitForReadyRead(100);
        buffer += p.readAllStandardOutput();
        int nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            const QByteArray line = buffer.left(nl).trimmed();
            buffer.remove(0, nl + 1);
            const QList<QByteArray> kv = line.split(' ');
            if (kv.size() != 2)
                continue;
            const QString key = QString::fromLatin1(kv.at(0));
            if (key == QLatin1String("funnel-ready"))
                r.parentFunnelMs = double(t.nsecsElapsed()) / 1e6;
            r.values.insert(key, kv.at(1).toDouble());
        }
        if (p.state() == QProcess::NotRunning && !p.bytesAvailable())
            break;
    }
    p.waitForFinished(-1);
    r.ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    r.error = QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
    return r;
}

class Bench {
public:
    QString url;
    qint64 forms = 1000000;
    double bundleShare = 0.05;
    int runs = 20;
    double rawBudgetMs = 2500;
    bool reuse = false;
    bool skipRaw = false; // 10M: fill the dashboard's database only, no plain-SQL column
    bool explain = false;
    bool fillOnly = false; // stop after the fill (rows/s, disk per million forms)
    bool onlyQueues = false;
    bool onlyQuestions = false; // the questions' table without the child processes (targets.sh)
    int scrollRows = 10000;
    int startupRuns = 5;
    BenchCluster *cluster = nullptr; // --cluster-dir: the fill's report is kept beside its data

    int run();

private:
    ConnectionSettings dbSettings(const QString &name) const
    {
        ConnectionSettings s = m_admin;
        s.database = name;
        return s;
    }
    bool databaseExists(const QString &name);
    void reportDisk(const QString &database, const QString &when);
    void prepareDatabases();
    QStringList migrateDashboard(bool fresh);
    bool savedFillMatches();
    void saveFillReport(const QStringList &fillNotes, double wallS, double serverCpu0,
                        double ownCpu0, double childCpu0);
    QList<Sample> samples(int n);
    void benchmarkQueries();
    void benchmarkQueues();
    void addLine(const QString &question, const std::function<void(int)> &rawF,
                 const std::function<void(int)> &dashF, double target);
    void printTable();
    void benchmarkChild();
    void benchmarkWindow();

    ConnectionSettings m_admin;
    const QString m_rawName = QStringLiteral("compose_bench_raw");
    const QString m_dashName = QStringLiteral("compose_bench_dash");
    QList<Line> m_lines;
    QStringList m_notes;
    qint64 m_formCount = 0;
    qint64 m_generationCount = 0;
};

bool Bench::databaseExists(const QString &name)
{
    QSqlQuery q = Db::prepare(QSqlDatabase::database(QStringLiteral("bench-admin")),
                              QStringLiteral("SELECT 1 FROM pg_database WHERE datname = :n"));
    q.bindValue(QStringLiteral(":n"), name);
    Db::exec(q);
    return q.next();
}

// Disk use as the server counts it: the database's files (tables, TOAST, indexes), the four
// big tables split into heap and indexes, and the cluster's WAL beside them.
void Bench::reportDisk(const QString &database, const QString &when)
{
    const QString conn = QStringLiteral("bench-disk");
    {
        QSqlDatabase db = Db::open(dbSettings(database), conn);
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral(
                "SELECT pg_database_size(current_database()), "
                "(SELECT coalesce(sum(size), 0) FROM pg_ls_waldir()), "
                "pg_table_size('compose_forms'), pg_indexes_size('compose_forms'), "
                "pg_table_size('music_generations'), pg_indexes_size('music_generations'), "
                "pg_total_relation_size('orders'), (SELECT count(*) FROM compose_forms)"))
            || !q.next())
            throw DbError(q.lastError().text());
        const auto mb = [&q](int c) {
            return double(q.value(c).toLongLong()) / (1024.0 * 1024.0);
        };
        const double millions = std::max(1e-9, double(q.value(7).toLongLong()) / 1e6);
        m_notes << QStringLiteral("disk %1: database %2 MB (%3 MB per million forms), WAL %4 MB; "
                                  "compose_forms %5 MB + indexes %6 MB, music_generations %7 MB "
                                  "+ indexes %8 MB, orders %9 MB")
                       .arg(when)
                       .arg(mb(0), 0, 'f', 0)
                       .arg(mb(0) / millions, 0, 'f', 0)
                       .arg(mb(1), 0, 'f', 0)
                       .arg(mb(2), 0, 'f', 0)
                       .arg(mb(3), 0, 'f', 0)
                       .arg(mb(4), 0, 'f', 0)
                       .arg(mb(5), 0, 'f', 0)
                       .arg(mb(6), 0, 'f', 0);
        out(m_notes.last());
    }
    Db::close(conn);
}

// Our migrations on the dashboard's database: all of them after a fill (`fresh`), or the ones a
// reused fill has not had yet. Returns the ones applied.
QStringList Bench::migrateDashboard(bool fresh)
{
    QStringList applied;
    bool ran = false;
    {
        QSqlDatabase dash = Db::open(dbSettings(m_dashName), QStringLiteral("bench-migrate"));
        ran = fresh || !Migrator(dash).pending().isEmpty();
    }
    if (ran) {
        QSqlDatabase dash = Db::open(dbSettings(m_dashName), QStringLiteral("bench-migrate"));
        // In memory, not in temporary files that count against the disk budget: the index
        // sorts and the attention table's first fill (a join over every form).
        Db::execSql(dash, QStringLiteral("SET maintenance_work_mem = '2GB'"));
        Db::execSql(dash, QStringLiteral("SET work_mem = '512MB'"));
        Db::execSql(dash, QStringLiteral("SET max_parallel_maintenance_workers = 0"));
        // The bench clusters commit asynchronously (bench-cluster.sh); a migration's rows whose
        // commit is not flushed yet get no hint bits, and VACUUM right after it then leaves
        // their pages not all-visible (a new table's index-only scans visit its heap).
        Db::execSql(dash, QStringLiteral("SET synchronous_commit = on"));
        if (fresh)
            BenchFill::reserveUnusedIndexes(dash, [](const QString &s) { out(s); });
        applied = Migrator(dash).migrate();
        for (const QString &m : std::as_const(applied))
            out(QStringLiteral("  migration ") + m);
        // Index-only scans of a new table need its visibility map.
        Db::execSql(dash, QStringLiteral("VACUUM (ANALYZE)"));
    }
    Db::close(QStringLiteral("bench-migrate"));
    if (ran)
        BenchFill::compactIndexes(dbSettings(m_dashName), [](const QString &s) { out(s); });
    return applied;
}

void Bench::prepareDatabases()
{
    QSqlDatabase admin = Db::open(m_admin, QStringLiteral("bench-admin"));
    // In a cluster directory a fill counts as there only once its report was saved (after the
    // migrations), and only for the same number of forms: a fill the watchdog or a kill cut
    // short is made again.
    const bool have = (skipRaw || databaseExists(m_rawName)) && databaseExists(m_dashName)
        && savedFillMatches();
    const qsizetype notesBefore = m_notes.size();
    QElapsedTimer fillWall;
    fillWall.start();
    const double serverCpu0 = cluster ? cluster->serverCpuSeconds() : -1;
    const double ownCpu0 = ownCpuSeconds();
    const double childCpu0 = childrenCpuSeconds();
    if (cluster && !(reuse && have))
        cluster->forgetReport();
    if (skipRaw && !(reuse && have)) {
        // One database, filled with the seed schema and then migrated in place: half the disk
        // and no template copy (10M forms).
        Db::execSql(admin,
                    QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_dashName));
        Db::execSql(admin,
                    QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_rawName));
        Db::execSql(admin, QStringLiteral("CREATE DATABASE %1").arg(m_dashName));
        if (cluster)
            cluster->resetPeak();
        out(QStringLiteral("Filling %1 with %2 forms (seed schema, no raw copy) ...")
                .arg(m_dashName)
                .arg(forms));
        FillOptions o;
        o.forms = forms;
        o.bundleShare = bundleShare;
        o.now = QDateTime::currentDateTimeUtc();
        const FillResult fr
            = BenchFill::fill(dbSettings(m_dashName), o, [](const QString &s) { out(s); });
        m_notes
            << QStringLiteral(
                   "fill: %1 forms, %2 generations, %3 orders, %4 users: COPY %5 s (%7 forms/s), "
                   "seed indexes + ANALYZE %6 s")
                   .arg(fr.forms)
                   .arg(fr.generations)
                   .arg(fr.orders)
                   .arg(fr.users)
                   .arg(fr.copySeconds, 0, 'f', 1)
                   .arg(fr.indexSeconds, 0, 'f', 1)
                   .arg(double(fr.forms) / std::max(0.001, fr.copySeconds), 0, 'f', 0);
        out(m_notes.last());
        reportDisk(m_dashName, QStringLiteral("after the fill"));
        QElapsedTimer t;
        t.start();
        out(QStringLiteral("Migrating %1 ...").arg(m_dashName));
        migrateDashboard(true);
        m_notes << QStringLiteral(
                       "all migrations + VACUUM ANALYZE + indexes at fillfactor 100: %1 s")
                       .arg(t.elapsed() / 1000.0, 0, 'f', 1);
        out(m_notes.last());
        reportDisk(m_dashName, QStringLiteral("after the migrations"));
        saveFillReport(m_notes.mid(notesBefore), fillWall.elapsed() / 1000.0, serverCpu0, ownCpu0,
                       childCpu0);
    } else if (reuse && have) {
        out(QStringLiteral("Reusing %1 and %2 (--reuse).").arg(m_rawName, m_dashName));
        // A migration newer than the fill is applied to it, as to a shop's database.
        QElapsedTimer t;
        t.start();
        const QStringList applied = migrateDashboard(false);
        if (!applied.isEmpty()) {
            const qsizetype first = m_notes.size();
            m_notes << QStringLiteral("pending migrations on the reused fill (%1, %2 UTC) + "
                                      "VACUUM ANALYZE: %3 s")
                           .arg(applied.join(QStringLiteral(", ")),
                                QDateTime::currentDateTimeUtc().toString(
                                    QStringLiteral("yyyy-MM-dd hh:mm")))
                           .arg(t.elapsed() / 1000.0, 0, 'f', 1);
            out(m_notes.last());
            reportDisk(m_dashName, QStringLiteral("after the pending migrations"));
            if (cluster) {
                // Kept with the fill's report, so later runs still say what the database is.
                m_notes << QStringLiteral("cluster directory after the pending migrations: %1 GB")
                               .arg(double(BenchCluster::directoryBytes(cluster->dir())) / 1e9, 0,
                                    'f', 2);
                out(m_notes.last());
                cluster->saveReport(cluster->savedReport() + m_notes.mid(first));
            }
        }
        if (cluster) {
            // The one run's output still says what the fill took.
            const QStringList saved = cluster->savedReport();
            for (const QString &line : saved.mid(1)) {
                m_notes << QStringLiteral("(saved) ") + line;
                out(m_notes.last());
            }
        }
    } else {
        Db::execSql(admin,
                    QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_dashName));
        Db::execSql(admin,
                    QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_rawName));
        Db::execSql(admin, QStringLiteral("CREATE DATABASE %1").arg(m_rawName));
        if (cluster)
            cluster->resetPeak();
        out(QStringLiteral("Filling %1 with %2 forms (seed schema only) ...")
                .arg(m_rawName)
                .arg(forms));
        QElapsedTimer t;
        t.start();
        FillOptions o;
        o.forms = forms;
        o.bundleShare = bundleShare;
        o.now = QDateTime::currentDateTimeUtc();
        const FillResult fr
            = BenchFill::fill(dbSettings(m_rawName), o, [](const QString &s) { out(s); });
        m_notes
            << QStringLiteral(
                   "fill: %1 forms, %2 generations, %3 orders, %4 users: COPY %5 s (%7 forms/s), "
                   "seed indexes + ANALYZE %6 s")
                   .arg(fr.forms)
                   .arg(fr.generations)
                   .arg(fr.orders)
                   .arg(fr.users)
                   .arg(fr.copySeconds, 0, 'f', 1)
                   .arg(fr.indexSeconds, 0, 'f', 1)
                   .arg(double(fr.forms) / std::max(0.001, fr.copySeconds), 0, 'f', 0);
        t.restart();
        // A byte copy of the filled database, then our migrations on it: same rows in both.
        Db::execSql(admin,
                    QStringLiteral("CREATE DATABASE %1 TEMPLATE %2").arg(m_dashName, m_rawName));
        const double copyS = t.elapsed() / 1000.0;
        t.restart();
        out(QStringLiteral("Migrating %1 ...").arg(m_dashName));
        migrateDashboard(true);
        m_notes << QStringLiteral(
                       "copy to the migrated database: %1 s; all migrations + VACUUM ANALYZE: %2 s")
                       .arg(copyS, 0, 'f', 1)
                       .arg(t.elapsed() / 1000.0, 0, 'f', 1);
        out(m_notes.last());
        reportDisk(m_rawName, QStringLiteral("of the seed-only copy"));
        reportDisk(m_dashName, QStringLiteral("of the migrated copy"));
        saveFillReport(m_notes.mid(notesBefore), fillWall.elapsed() / 1000.0, serverCpu0, ownCpu0,
                       childCpu0);
    }
    // Without the raw database the samples and counts come from the dashboard's (same rows).
    QSqlDatabase raw
        = Db::open(dbSettings(skipRaw ? m_dashName : m_rawName), QStringLiteral("bench-raw"));
    QSqlQuery q(raw);
    q.exec(QStringLiteral(
        "SELECT (SELECT count(*) FROM compose_forms), (SELECT count(*) FROM music_generations)"));
    if (q.next()) {
        m_formCount = q.value(0).toLongLong();
        m_generationCount = q.value(1).toLongLong();
    }
}

bool Bench::savedFillMatches()
{
    if (!cluster)
        return true;
    const QStringList saved = cluster->savedReport();
    const QString want = QStringLiteral("forms %1 bundle-share %2 raw %3")
                             .arg(forms)
                             .arg(bundleShare)
                             .arg(skipRaw ? 0 : 1);
    if (!saved.isEmpty() && saved.first() == want)
        return true;
    if (reuse)
        out(QStringLiteral("No complete fill of %1 forms in %2 (%3): filling.")
                .arg(forms)
                .arg(cluster->dir(),
                     saved.isEmpty() ? QStringLiteral("no fill-report.txt") : saved.first()));
    return false;
}

// The fill's own numbers, saved beside its data so that a --reuse run prints them again: wall
// time, CPU seconds (load-independent: the server's from its postmaster, ours, psql's), and
// the cluster directory's size now and at its peak (temporary sort files included).
void Bench::saveFillReport(const QStringList &fillNotes, double wallS, double serverCpu0,
                           double ownCpu0, double childCpu0)
{
    if (!cluster)
        return;
    // Backends that ended (fill, migration) are added to the postmaster's children's time once
    // reaped; the admin connection's own backend is still open (its CPU is a few queries).
    QThread::msleep(200);
    const double serverCpu = cluster->serverCpuSeconds();
    const double nowGb = double(BenchCluster::directoryBytes(cluster->dir())) / 1e9;
    const double peakGb = std::max(nowGb, double(cluster->peakBytes()) / 1e9);
    QStringList lines;
    lines << QStringLiteral("forms %1 bundle-share %2 raw %3")
                 .arg(forms)
                 .arg(bundleShare)
                 .arg(skipRaw ? 0 : 1);
    lines << QStringLiteral("fill made %1 UTC in %2 (bundle share %3)")
                 .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd hh:mm")),
                      cluster->dir())
                 .arg(bundleShare);
    lines << fillNotes;
    lines << QStringLiteral("fill + migrations: %1 s wall; CPU %2 s (server %3 s, compose-bench "
                            "%4 s, psql %5 s)")
                 .arg(wallS, 0, 'f', 0)
                 .arg(std::max(0.0, serverCpu - serverCpu0) + ownCpuSeconds() - ownCpu0
                          + childrenCpuSeconds() - childCpu0,
                      0, 'f', 0)
                 .arg(std::max(0.0, serverCpu - serverCpu0), 0, 'f', 0)
                 .arg(ownCpuSeconds() - ownCpu0, 0, 'f', 0)
                 .arg(childrenCpuSeconds() - childCpu0, 0, 'f', 0);
    // Per million forms without the empty cluster's fixed part (catalogs, WAL segments), so a
    // small fill projects to 10M honestly.
    const double baseGb = double(cluster->baseBytes()) / 1e9;
    const double perMillion = (peakGb - baseGb) / std::max(1e-9, double(forms) / 1e6);
    lines << QStringLiteral("cluster directory: %1 GB now, peak %2 GB during the fill (empty "
                            "cluster %3 GB): %4 GB per million forms at the peak, %5 GB for 10M")
                 .arg(nowGb, 0, 'f', 2)
                 .arg(peakGb, 0, 'f', 2)
                 .arg(baseGb, 0, 'f', 2)
                 .arg(perMillion, 0, 'f', 2)
                 .arg(baseGb + 10 * perMillion, 0, 'f', 1);
    for (const QString &l : lines.mid(lines.size() - 2)) {
        m_notes << l;
        out(l);
    }
    cluster->saveReport(lines);
}

QList<Sample> Bench::samples(int n)
{
    QList<Sample> out;
    QSqlDatabase raw = QSqlDatabase::database(QStringLiteral("bench-raw"));
    // The same sample every run: a synchronized scan would start where the last scan of the
    // table was, and LIMIT would keep other rows (reset below for the timed raw queries).
    Db::execSql(raw, QStringLiteral("SET synchronize_seqscans = off"));
    QSqlQuery q(raw);
    if (!q.exec(QStringLiteral("SELECT id, guest_email, stripe_session_id, "
                               "stripe_payment_intent_id, form_data->>'recipientName' "
                               "FROM compose_forms TABLESAMPLE BERNOULLI (1) REPEATABLE (42) WHERE "
                               "guest_email IS NOT NULL "
                               "AND stripe_payment_intent_id IS NOT NULL AND "
                               "jsonb_typeof(form_data->'recipientName') = 'string' "
                               "LIMIT %1")
                    .arg(n)))
        throw DbError(q.lastError().text());
    while (q.next()) {
        Sample s {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                  q.value(3).toString(), q.value(4).toString(), {}};
        s.recipient = searchTermOf(s.recipient); // what an agent would type
        out << s;
    }
    if (!q.exec(QStringLiteral(
                    "SELECT email FROM \"user\" TABLESAMPLE BERNOULLI (10) REPEATABLE (7) LIMIT %1")
                    .arg(n)))
        throw DbError(q.lastError().text());
    int i = 0;
    while (q.next() && i < out.size())
        out[i++].userEmail = q.value(0).toString();
    Db::execSql(raw, QStringLiteral("RESET synchronize_seqscans"));
    if (out.isEmpty())
        throw DbError(QStringLiteral("no sample rows: is the database filled?"));
    while (out.size() < n)
        out << out.at(out.size() % qMax<qsizetype>(1, out.size()));
    return out;
}

void Bench::addLine(const QString &question, const std::function<void(int)> &rawF,
                    const std::function<void(int)> &dashF, double target)
{
    Line l;
    l.question = question;
    l.targetMs = target;
    if (rawF && !skipRaw)
        l.raw = measure(rawF, runs, false, rawBudgetMs);
    else
        l.hasRaw = false;
    // The same budget for the dashboard's side: at 10M forms a question that misses by
    // seconds (an uncapped queue count) would otherwise hold the run for an hour; three
    // runs already show the miss.
    l.dash = measure(dashF, runs, true, rawBudgetMs);
    m_lines << l;
    out(QStringLiteral("  %1: raw %2 ms, dashboard %3 ms")
            .arg(question)
            .arg(l.raw.median(), 0, 'f', 2)
            .arg(l.dash.median(), 0, 'f', 2));
}

void Bench::benchmarkQueries()
{
    QSqlDatabase raw = QSqlDatabase::database(QStringLiteral("bench-raw"));
    QSqlDatabase dashDb = Db::open(dbSettings(m_dashName), QStringLiteral("bench-dash"));
    if (explain) {
        // Plans of every dashboard query go to the server log (auto_explain).
        Db::execSql(dashDb, QStringLiteral("LOAD 'auto_explain'"));
        Db::execSql(dashDb, QStringLiteral("SET auto_explain.log_min_duration = 0"));
        Db::execSql(dashDb, QStringLiteral("SET auto_explain.log_analyze = on"));
    }
    FormRepository repo(dashDb);
    const Capabilities caps = repo.detect();
    out(QStringLiteral(
            "Dashboard database: schema version %1, funnel rollup %2; %3 forms, %4 generations.")
            .arg(caps.schemaVersion)
            .arg(caps.hasFunnelRollup ? QStringLiteral("yes") : QStringLiteral("no"))
            .arg(m_formCount)
            .arg(m_generationCount));
    const QList<Sample> smp = samples(runs + 1);
    auto sample = [&](int run) -> const Sample & {
        return smp.at(run % smp.size());
    };
    const QDate today = QDate::currentDate();
    QRandomGenerator rng(4711);
    QList<FunnelQuery> ranges;
    for (int i = 0; i <= runs; ++i) {
        const int a = int(rng.bounded(365)), b = int(rng.bounded(365));
        FunnelQuery fq {today.addDays(-std::max(a, b)), today.addDays(-std::min(a, b)),
                        i % 3 == 0 ? QString()
                                   : (i % 3 == 1 ? QStringLiteral("solo-serenade")
                                                 : QStringLiteral("holiday-hamper"))};
        ranges << fq;
    }

    auto add = [this](const QString &question, const std::function<void(int)> &rawF,
                      const std::function<void(int)> &dashF, double target) {
        addLine(question, rawF, dashF, target);
    };

    out(QStringLiteral(
            "Timing (%1 runs each; the raw SQL stops after %2 ms once it has 3 runs) ...")
            .arg(runs)
            .arg(rawBudgetMs));
    add(
        QStringLiteral("funnel, all time"),
        [&](int) {
            rawQuery(raw,
                     QStringLiteral("SELECT status, count(*) FROM compose_forms GROUP BY status"));
        },
        [&](int) { repo.funnel({}); }, 10);
    add(
        QStringLiteral("funnel, last 30 days"),
        [&](int) {
            rawQuery(raw,
                     QStringLiteral(
                         "SELECT status, count(*) FROM compose_forms WHERE created_at > now() - "
                         "interval '30 days' GROUP BY status"));
        },
        [&](int) {
            repo.funnel({today.addDays(-29), today, {}});
        },
        10);
    add(
        QStringLiteral("funnel, random range and package"),
        [&](int run) {
            const FunnelQuery &f = ranges.at(run % ranges.size());
            rawQuery(raw,
                     QStringLiteral(
                         "SELECT status, count(*) FROM compose_forms WHERE created_at >= '%1' AND "
                         "created_at < '%2'%3 GROUP BY status")
                         .arg(f.from.toString(Qt::ISODate), f.to.addDays(1).toString(Qt::ISODate),
                              f.package.isEmpty()
                                  ? QString()
                                  : QStringLiteral(" AND package_type = ") + quoted(f.package)));
        },
        [&](int run) { repo.funnel(ranges.at(run % ranges.size())); }, 10);

    // The page the dashboard asks for (FormListModel).
    const int pageRows = FormListModel::PageSize;
    const int deep = 10000;
    const QList<ListSort::Key> keys {ListSort::Updated,   ListSort::Created, ListSort::Id,
                                     ListSort::Recipient, ListSort::Package, ListSort::Status,
                                     ListSort::Amount,    ListSort::Expires};
    for (const ListSort::Key k : keys) {
        for (const Qt::SortOrder order : {Qt::DescendingOrder, Qt::AscendingOrder}) {
            FormListQuery lq;
            lq.sort = {k, order};
            const QString dir
                = order == Qt::DescendingOrder ? QStringLiteral("DESC") : QStringLiteral("ASC");
            const QString label = sortName(k) + QLatin1Char(' ') + dir.toLower();
            const QString rawSql
                = QStringLiteral("SELECT * FROM compose_forms ORDER BY %1 %2 LIMIT %3")
                      .arg(rawSortColumn(k), dir)
                      .arg(pageRows);
            add(
                QStringLiteral("list, first page, ") + label, [&](int) { rawQuery(raw, rawSql); },
                [&](int) { repo.page(lq, {}, pageRows); }, 20);
            // The cursor a view holds after scrolling 10,000 rows (found once, untimed).
            const ListCursor cursor = repo.page(lq, {}, deep).next;
            add(
                QStringLiteral("list, 10,000 deep, ") + label,
                [&](int) { rawQuery(raw, rawSql + QStringLiteral(" OFFSET %1").arg(deep)); },
                [&](int) { repo.page(lq, cursor, pageRows); }, 20);
        }
    }
    {
        FormListQuery lq;
        lq.statusKey = QStringLiteral("variations_ready");
        add(
            QStringLiteral("list, status filter, first page"),
            [&](int) {
                rawQuery(
                    raw,
                    QStringLiteral("SELECT * FROM compose_forms WHERE status = 'variations_ready' "
                                   "ORDER BY updated_at DESC LIMIT %1")
                        .arg(pageRows));
            },
            [&](int) { repo.page(lq, {}, pageRows); }, 20);
        const ListCursor cursor = repo.page(lq, {}, deep).next;
        add(
            QStringLiteral("list, status filter, 10,000 deep"),
            [&](int) {
                rawQuery(
                    raw,
                    QStringLiteral("SELECT * FROM compose_forms WHERE status = 'variations_ready' "
                                   "ORDER BY updated_at DESC LIMIT %1 OFFSET %2")
                        .arg(pageRows)
                        .arg(deep));
            },
            [&](int) { repo.page(lq, cursor, pageRows); }, 20);
    }

    auto search = [&](const QString &label, const std::function<QString(const Sample &)> &rawSql,
                      const std::function<QString(const Sample &)> &term) {
        add(
            QStringLiteral("search, ") + label,
            [&](int run) { rawQuery(raw, rawSql(sample(run))); },
            [&](int run) {
                FormListQuery lq;
                lq.search = term(sample(run));
                repo.page(lq, {}, pageRows);
            },
            20);
    };
    search(
        QStringLiteral("form id"),
        [](const Sample &s) -> QString {
            return QStringLiteral("SELECT * FROM compose_forms WHERE id = ") + quoted(s.id);
        },
        [](const Sample &s) -> QString { return s.id; });
    search(
        QStringLiteral("guest e-mail"),
        [](const Sample &s) -> QString {
            return QStringLiteral("SELECT * FROM compose_forms WHERE guest_email = ")
                + quoted(s.guestEmail);
        },
        [](const Sample &s) -> QString { return s.guestEmail; });
    search(
        QStringLiteral("account e-mail"),
        [](const Sample &s) -> QString {
            return QStringLiteral("SELECT f.* FROM compose_forms f JOIN \"user\" u ON u.id = "
                                  "f.user_id WHERE u.email = ")
                + quoted(s.userEmail);
        },
        [](const Sample &s) -> QString { return s.userEmail; });
    search(
        QStringLiteral("recipient substring"),
        [](const Sample &s) -> QString {
            return QStringLiteral(
                       "SELECT * FROM compose_forms WHERE form_data->>'recipientName' ILIKE ")
                + quoted(QLatin1Char('%') + s.recipient + QLatin1Char('%'));
        },
        [](const Sample &s) -> QString { return s.recipient; });
    search(
        QStringLiteral("Stripe session"),
        [](const Sample &s) -> QString {
            return QStringLiteral("SELECT * FROM compose_forms WHERE stripe_session_id = ")
                + quoted(s.session);
        },
        [](const Sample &s) -> QString { return s.session; });
    search(
        QStringLiteral("payment intent"),
        [](const Sample &s) -> QString {
            return QStringLiteral("SELECT * FROM compose_forms WHERE stripe_payment_intent_id = ")
                + quoted(s.intent);
        },
        [](const Sample &s) -> QString { return s.intent; });
    add(
        QStringLiteral("detail (form, generations, orders, events)"),
        [&](int run) {
            rawQuery(raw,
                     QStringLiteral("SELECT * FROM music_generations WHERE form_id = ")
                         + quoted(sample(run).id));
        },
        [&](int run) {
            if (!repo.detail(sample(run).id))
                throw DbError(QStringLiteral("sample form not found"));
        },
        20);

    benchmarkQueues();
}

void Bench::benchmarkQueues()
{
    // Needs attention (issue 12): each queue's count with the default thresholds. Raw is the
    // same condition on the seed-only copy (no indexes of 009, no rollup); a queue of our own
    // tables has no raw line there.
    QSqlDatabase raw = QSqlDatabase::database(QStringLiteral("bench-raw"));
    QSqlDatabase dashDb = QSqlDatabase::database(QStringLiteral("bench-dash"));
    const Capabilities caps = FormRepository(dashDb).detect();
    FormRepository rawRepo(raw);
    const Capabilities rawCaps = rawRepo.detect();
    const AttentionThresholds thresholds;
    for (const Queue q : Attention::all()) {
        if (!AttentionStore::isAvailable(q, caps))
            continue; // e.g. reconciliation's findings before its migration
        const bool rawToo = AttentionStore::isAvailable(q, rawCaps);
        addLine(
            QStringLiteral("queue count, ") + Attention::label(q),
            rawToo ? std::function<void(int)>([&, q](int) {
                AttentionStore(raw, rawCaps).count(q, thresholds, QDateTime::currentDateTimeUtc());
            })
                   : std::function<void(int)>(),
            [&, q](int) {
                AttentionStore(dashDb, caps).count(q, thresholds, QDateTime::currentDateTimeUtc());
            },
            20);
    }
    addLine(
        QStringLiteral("queue count, orders without a form"),
        [&](int) { AttentionStore(raw, rawCaps).ordersWithoutForm(); },
        [&](int) { AttentionStore(dashDb, caps).ordersWithoutForm(); }, 20);
}

void Bench::printTable()
{
    out(QString());
    out(QStringLiteral(
            "%1 forms, %2 music_generations rows; PostgreSQL; times in ms; raw = plain SQL on the "
            "seed-only schema, dashboard = FormRepository on the migrated copy")
            .arg(m_formCount)
            .arg(m_generationCount));
    out(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
            .arg(QStringLiteral("question"), -46)
            .arg(QStringLiteral("raw med"), 9)
            .arg(QStringLiteral("raw p95"), 9)
            .arg(QStringLiteral("n"), 3)
            .arg(QStringLiteral("dash med"), 9)
            .arg(QStringLiteral("dash p95"), 9)
            .arg(QStringLiteral("ratio"), 8)
            .arg(QStringLiteral("target")));
    int met = 0;
    for (const Line &l : std::as_const(m_lines)) {
        const bool ok = l.dash.p95() < l.targetMs;
        met += ok ? 1 : 0;
        out(QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8")
                .arg(l.question, -46)
                .arg(l.raw.median(), 9, 'f', 2)
                .arg(l.raw.p95(), 9, 'f', 2)
                .arg(l.raw.ms.size(), 3)
                .arg(l.dash.median(), 9, 'f', 2)
                .arg(l.dash.p95(), 9, 'f', 2)
                .arg(QStringLiteral("%1x").arg(l.raw.median() / std::max(0.001, l.dash.median()), 0,
                                               'f', 0),
                     8)
                .arg((ok ? QStringLiteral("ok  p95 < %1") : QStringLiteral("MISS p95 < %1"))
                         .arg(l.targetMs)));
    }
    out(QStringLiteral("%1 of %2 questions meet their target.").arg(met).arg(m_lines.size()));
}

void Bench::benchmarkChild()
{
    out(QString());
    // The UI thread while the dashboard starts, scrolls 10,000 rows and opens a form.
    const ChildResult ui = runChildProcess(QStringLiteral("ui"),
                                           dbSettings(m_dashName).toUrl().toString(), scrollRows);
    if (!ui.ok) {
        out(QStringLiteral("UI run failed: ") + ui.error);
    } else {
        const double gap = ui.values.value(QStringLiteral("max-gap-ms"));
        const double rssMb = ui.values.value(QStringLiteral("peak-rss-kb")) / 1024.0;
        out(QStringLiteral(
                "scroll %1 rows through FormListModel (pages of 200): %2 ms; detail %3 ms")
                .arg(ui.values.value(QStringLiteral("scroll-rows")))
                .arg(ui.values.value(QStringLiteral("scroll-ms")), 0, 'f', 0)
                .arg(ui.values.value(QStringLiteral("detail-ms")), 0, 'f', 1));
        const double busy = ui.values.value(QStringLiteral("max-busy-ms"));
        out(QStringLiteral("longest UI-thread block (start, funnel, first page, scroll, detail): "
                           "%1 ms wall  %2")
                .arg(gap, 0, 'f', 1)
                .arg(gap < 16 ? QStringLiteral("ok  < 16") : QStringLiteral("MISS < 16")));
        out(QStringLiteral("  UI-thread CPU time in its longest stretch between two ticks: "
                           "%1 ms  %2; the rest is the OS running other threads on 2 cores")
                .arg(busy, 0, 'f', 1)
                .arg(busy < 16 ? QStringLiteral("ok  < 16") : QStringLiteral("MISS < 16")));
        out(QStringLiteral("peak RSS (VmHWM) after scrolling: %1 MB  %2")
                .arg(rssMb, 0, 'f', 1)
                .arg(rssMb < 250 ? QStringLiteral("ok  < 250") : QStringLiteral("MISS < 250")));
    }

    // Startup: process start to funnel data ready, on the demo SQLite database and on this one.
    QTemporaryDir dir;
    ConnectionSettings demo;
    demo.dialect = SqlDialect::SQLite;
    demo.database = dir.filePath(QStringLiteral("demo.db"));
    {
        QSqlDatabase db = Db::open(demo, QStringLiteral("bench-demo"));
        Migrator(db).migrate();
        DemoData::populate(db);
    }
    Db::close(QStringLiteral("bench-demo"));
    const QList<QPair<QString, QString>> targets {
        {QStringLiteral("demo SQLite (DemoData, 600 forms)"), demo.toUrl().toString()},
        {QStringLiteral("PostgreSQL, %1 forms").arg(m_formCount),
         dbSettings(m_dashName).toUrl().toString()}};
    const QList<double> limits {1000, 1500};
    for (int t = 0; t < targets.size(); ++t) {
        Stats funnel, page;
        QString error;
        for (int i = 0; i < startupRuns; ++i) {
            const ChildResult r
                = runChildProcess(QStringLiteral("startup"), targets.at(t).second, 0);
            if (!r.ok) {
                error = r.error;
                break;
            }
            funnel.ms << r.parentFunnelMs;
            page.ms << r.values.value(QStringLiteral("page-ready"))
                    + (r.parentFunnelMs - r.values.value(QStringLiteral("funnel-ready")));
        }
        if (!error.isEmpty()) {
            out(QStringLiteral("startup on %1 failed: %2").arg(targets.at(t).first, error));
            continue;
        }
        out(QStringLiteral("startup, %1: process start to funnel data ready %2 ms (max %3), first "
                           "list page %4 ms  %5")
                .arg(targets.at(t).first)
                .arg(funnel.median(), 0, 'f', 0)
                .arg(funnel.p95(), 0, 'f', 0)
                .arg(page.median(), 0, 'f', 0)
                .arg(funnel.p95() < limits.at(t) ? QStringLiteral("ok  < %1").arg(limits.at(t))
                                                 : QStringLiteral("MISS < %1").arg(limits.at(t))));
    }
}

void Bench::benchmarkWindow()
{
    out(QString());
    // The windowed list in a fresh process: jumps and a sweep through the whole depth.
    const ChildResult w
        = runChildProcess(QStringLiteral("window"), dbSettings(m_dashName).toUrl().toString(), 0);
    if (!w.ok) {
        out(QStringLiteral("window run failed: ") + w.error);
        return;
    }
    const auto v = [&w](const QString &key) {
        return w.values.value(key);
    };
    out(QStringLiteral("windowed list, %1 forms (updated desc): first page %2 ms after start; all "
                       "anchors %3 ms later (off the UI thread)")
            .arg(v(QStringLiteral("count")))
            .arg(v(QStringLiteral("first-page-ms")), 0, 'f', 0)
            .arg(v(QStringLiteral("anchors-ms")), 0, 'f', 0));
    out(QStringLiteral("%1 %2 %3 %4")
            .arg(QStringLiteral("jump to row"), -14)
            .arg(QStringLiteral("dashboard ms"), 13)
            .arg(QStringLiteral("raw OFFSET ms"), 14)
            .arg(QStringLiteral("target")));
    QSqlDatabase raw = QSqlDatabase::database(QStringLiteral("bench-raw"));
    int met = 0;
    const int jumps = int(jumpFractions().size());
    for (int i = 0; i < jumps; ++i) {
        const int row = int(v(QStringLiteral("jump-%1-row").arg(i)));
        const double ms = v(QStringLiteral("jump-%1-ms").arg(i));
        // The same 40 rows as plain SQL would fetch them: OFFSET over whole rows.
        const QString sql = QStringLiteral("SELECT * FROM compose_forms ORDER BY updated_at DESC "
                                           "NULLS LAST, id DESC LIMIT %1 OFFSET %2")
                                .arg(kViewportRows)
                                .arg(row);
        const Stats rawMs = measure([&](int) { rawQuery(raw, sql); }, 1, false);
        met += ms < 100 ? 1 : 0;
        out(QStringLiteral("%1 %2 %3 %4")
                .arg(row, -14)
                .arg(ms, 13, 'f', 1)
                .arg(rawMs.median(), 14, 'f', 1)
                .arg(ms < 100 ? QStringLiteral("ok  < 100") : QStringLiteral("MISS < 100")));
    }
    out(QStringLiteral("%1 of %2 jumps show their rows within 100 ms; longest UI-thread gap while "
                       "jumping %3 ms")
            .arg(met)
            .arg(jumps)
            .arg(v(QStringLiteral("max-gap-ms")), 0, 'f', 1));
    const double rssMb = v(QStringLiteral("rss-kb")) / 1024.0;
    const double peakMb = v(QStringLiteral("peak-rss-kb")) / 1024.0;
    out(QStringLiteral("after %1 places through the whole depth (%2 ms): RSS %3 MB, peak %4 MB, "
                       "%5 rows in memory  %6")
            .arg(v(QStringLiteral("sweep-positions")))
            .arg(v(QStringLiteral("sweep-ms")), 0, 'f', 0)
            .arg(rssMb, 0, 'f', 1)
            .arg(peakMb, 0, 'f', 1)
            .arg(v(QStringLiteral("resident-rows")))
            .arg(peakMb < 150 ? QStringLiteral("ok  < 150") : QStringLiteral("MISS < 150")));

    // Previews: the UI thread while they start, switch variation and seek (GStreamer).
    const ChildResult pv = runChildProcess(QStringLiteral("previews"), QString(), 0);
    if (!pv.ok) {
        out(QStringLiteral("previews run failed: ") + pv.error);
        return;
    }
    const double gap = pv.values.value(QStringLiteral("preview-max-gap-ms"));
    out(QStringLiteral(
            "previews (prepare, then 6 rounds: play, switch 2/3/1/3/2/1, seek twice, stop): "
            "longest call prepare %7 ms, play %1 ms, switch %2 ms, seek %3 ms, stop %4 ms; "
            "longest UI-thread gap %5 ms  %6")
            .arg(pv.values.value(QStringLiteral("play-call-ms")), 0, 'f', 1)
            .arg(pv.values.value(QStringLiteral("switch-call-ms")), 0, 'f', 1)
            .arg(pv.values.value(QStringLiteral("seek-call-ms")), 0, 'f', 1)
            .arg(pv.values.value(QStringLiteral("stop-call-ms")), 0, 'f', 1)
            .arg(gap, 0, 'f', 1)
            .arg(gap < 16 ? QStringLiteral("ok  < 16") : QStringLiteral("MISS < 16"))
            .arg(pv.values.value(QStringLiteral("prepare-call-ms")), 0, 'f', 1));
    const double sound = pv.values.value(QStringLiteral("sound-switch-median-ms"));
    out(QStringLiteral("previews, time to sound after a switch (WAV, MP3 and MP3 without a "
                       "Xing frame, with and without byte ranges): median %1 ms, max %2 ms; first "
                       "play median %3 ms  %4")
            .arg(sound, 0, 'f', 1)
            .arg(pv.values.value(QStringLiteral("sound-switch-max-ms")), 0, 'f', 1)
            .arg(pv.values.value(QStringLiteral("sound-play-median-ms")), 0, 'f', 1)
            .arg(sound > 0 && sound < 300 ? QStringLiteral("ok  < 300")
                                          : QStringLiteral("MISS < 300")));
}

int Bench::run()
{
    const auto admin = ConnectionSettings::fromUrl(url);
    if (!admin || admin->dialect != SqlDialect::PostgreSQL) {
        out(QStringLiteral("--database-url must be a postgresql:// URL"));
        return 2;
    }
    m_admin = *admin;
    QElapsedTimer total;
    total.start();
    try {
        prepareDatabases();
        if (fillOnly) {
            out(QStringLiteral("--fill-only: %1 forms, %2 generation rows; total %3 s")
                    .arg(m_formCount)
                    .arg(m_generationCount)
                    .arg(total.elapsed() / 1000.0, 0, 'f', 1));
            return 0;
        }
        if (onlyQueues) {
            Db::open(dbSettings(m_dashName), QStringLiteral("bench-dash"));
            benchmarkQueues();
        } else {
            benchmarkQueries();
        }
        Db::close(QStringLiteral("bench-dash"));
        if (!onlyQueues && !onlyQuestions) {
            benchmarkChild();
            benchmarkWindow();
        }
        printTable();
        for (const QString &n : std::as_const(m_notes))
            out(n);
    } catch (const DbError &e) {
        out(QStringLiteral("error: ") + e.message());
        return 1;
    }
    out(QStringLiteral("total benchmark time: %1 s").arg(total.elapsed() / 1000.0, 0, 'f', 0));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // The windowed list's child drives the dashboard's own list view (offscreen), so that what
    // it measures (a jump, the memory at any depth) includes the view: widgets need a
    // QApplication.
    bool windowChild = false;
    for (int i = 1; i + 1 < argc; ++i)
        windowChild |= qstrcmp(argv[i], "--child") == 0 && qstrcmp(argv[i + 1], "window") == 0;
    if (windowChild && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    const std::unique_ptr<QCoreApplication> app = windowChild
        ? std::make_unique<QApplication>(argc, argv)
        : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("compose-bench"));
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Fills PostgreSQL with N forms and times the dashboard's questions."));
    p.addHelpOption();
    QCommandLineOption urlOpt(QStringLiteral("database-url"),
                              QStringLiteral("PostgreSQL server (any database on it)."),
                              QStringLiteral("url"));
    QCommandLineOption clusterOpt(
        QStringLiteral("start-cluster"),
        QStringLiteral("Start a throwaway cluster with scripts/pg-cluster.sh."));
    QCommandLineOption formsOpt(QStringLiteral("forms"),
                                QStringLiteral("Forms to generate (1000000)."), QStringLiteral("n"),
                                QStringLiteral("1000000"));
    QCommandLineOption bundleOpt(
        QStringLiteral("bundle-share"),
        QStringLiteral("Share of 3-song bundles, 9 generations each (0.05: 2.8 generation rows "
                       "per form, 27.7M at 10M forms; 1 = 9 per form)."),
        QStringLiteral("x"), QStringLiteral("0.05"));
    QCommandLineOption clusterDirOpt(
        QStringLiteral("cluster-dir"),
        QStringLiteral("Use (start, or initdb and start) a persistent cluster in this directory "
                       "(tests/bench/bench-cluster.sh); with --reuse a complete fill there is "
                       "measured again, not refilled. Stopped at the end if this run started it."),
        QStringLiteral("dir"));
    QCommandLineOption maxDiskOpt(
        QStringLiteral("max-disk-gb"),
        QStringLiteral("With --cluster-dir: stop the cluster (and the fill) once its directory "
                       "holds more than this (35; 0 = no limit)."),
        QStringLiteral("gb"), QStringLiteral("35"));
    QCommandLineOption runsOpt(QStringLiteral("runs"),
                               QStringLiteral("Timed runs per question (20)."), QStringLiteral("n"),
                               QStringLiteral("20"));
    QCommandLineOption budgetOpt(
        QStringLiteral("raw-budget-ms"),
        QStringLiteral(
            "Stop timing one raw query after this much time, once it has 3 runs (2500)."),
        QStringLiteral("ms"), QStringLiteral("2500"));
    QCommandLineOption reuseOpt(
        QStringLiteral("reuse"),
        QStringLiteral("Reuse compose_bench_raw/compose_bench_dash if they exist."));
    QCommandLineOption skipRawOpt(
        QStringLiteral("skip-raw"),
        QStringLiteral("Fill only the migrated database; no plain-SQL baseline (10M forms)."));
    QCommandLineOption explainOpt(
        QStringLiteral("explain"),
        QStringLiteral("Log plans of the dashboard's queries to the server log (auto_explain)."));
    QCommandLineOption fillOnlyOpt(
        QStringLiteral("fill-only"),
        QStringLiteral("Fill (and migrate) the databases, report time and disk, then stop."));
    QCommandLineOption queuesOpt(
        QStringLiteral("only-queues"),
        QStringLiteral("Time only the Needs-attention queue counts (after the fill)."));
    QCommandLineOption questionsOpt(
        QStringLiteral("only-questions"),
        QStringLiteral("Time the questions and queues only: no UI, startup, window or previews "
                       "children (tests/bench/targets.sh runs those itself)."));
    QCommandLineOption childOpt(
        QStringLiteral("child"),
        QStringLiteral("One part in a fresh process: ui, startup, window, previews or search."),
        QStringLiteral("mode"));
    QCommandLineOption searchOpt(
        QStringLiteral("search"),
        QStringLiteral("--child search: a term to search for (repeatable; default five from the "
                       "database)."),
        QStringLiteral("term"));
    QCommandLineOption scrollOpt(QStringLiteral("scroll-rows"),
                                 QStringLiteral("Rows to scroll (10000)."), QStringLiteral("n"),
                                 QStringLiteral("10000"));
    p.addOptions({urlOpt, clusterOpt, formsOpt, bundleOpt, runsOpt, budgetOpt, reuseOpt, skipRawOpt,
                  explainOpt, fillOnlyOpt, queuesOpt, childOpt, scrollOpt, clusterDirOpt,
                  maxDiskOpt, questionsOpt, searchOpt});
    p.process(*app);

    if (p.isSet(childOpt) && p.value(childOpt) == QLatin1String("previews"))
        return runPreviewChild();
    if (p.isSet(childOpt) && p.value(childOpt) == QLatin1String("search"))
        return runSearchChild(p.value(urlOpt), p.values(searchOpt));
    if (p.isSet(childOpt) && p.value(childOpt) == QLatin1String("window"))
        return runWindowChild(p.value(urlOpt));
    if (p.isSet(childOpt))
        return runChild(p.value(childOpt), p.value(urlOpt), p.value(scrollOpt).toInt());

    Bench b;
    b.forms = p.value(formsOpt).toLongLong();
    b.bundleShare = p.value(bundleOpt).toDouble();
    b.runs = std::max(1, p.value(runsOpt).toInt());
    b.rawBudgetMs = p.value(budgetOpt).toDouble();
    b.reuse = p.isSet(reuseOpt);
    b.skipRaw = p.isSet(skipRawOpt);
    b.explain = p.isSet(explainOpt);
    b.fillOnly = p.isSet(fillOnlyOpt);
    b.onlyQueues = p.isSet(queuesOpt);
    b.onlyQuestions = p.isSet(questionsOpt);
    b.scrollRows = p.value(scrollOpt).toInt();
    b.url = p.value(urlOpt);

    QProcess cluster;
    std::unique_ptr<BenchCluster> persistent;
    if (p.isSet(clusterDirOpt)) {
        const QString src = findSourceDir();
        if (src.isEmpty()) {
            out(QStringLiteral("cannot find tests/bench/bench-cluster.sh: set COMPOSE_SOURCE_DIR"));
            return 2;
        }
        persistent = std::make_unique<BenchCluster>(src, p.value(clusterDirOpt));
        b.url = persistent->start();
        if (b.url.isEmpty()) {
            out(persistent->error());
            return 2;
        }
        out(QStringLiteral("cluster %1 at %2").arg(persistent->dir(), b.url));
        persistent->startWatchdog(qint64(p.value(maxDiskOpt).toDouble() * 1e9));
        b.cluster = persistent.get();
    } else if (p.isSet(clusterOpt)) {
        const QString src = findSourceDir();
        if (src.isEmpty()) {
            out(QStringLiteral("cannot find scripts/pg-cluster.sh: set COMPOSE_SOURCE_DIR"));
            return 2;
        }
        // The cluster lives as long as this shell, which waits for our stdin to close; its
        // EXIT trap removes everything. It exists only for this run, so nothing needs WAL
        // beyond crash safety: wal_level=minimal lets the fill's COPY into tables truncated in
        // the same transaction, and every index built afterwards, skip WAL altogether (the
        // 3.9M-form run of the first attempt had written 8 GB of it).
        QString extra = QStringLiteral("-c wal_level=minimal -c max_wal_senders=0 "
                                       "-c max_wal_size=2GB -c checkpoint_timeout=30min");
        if (const QString more = qEnvironmentVariable("COMPOSE_PG_EXTRA_OPTS"); !more.isEmpty())
            extra += QLatin1Char(' ') + more;
        cluster.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        cluster.start(
            QStringLiteral("bash"),
            {QStringLiteral("-c"),
             QStringLiteral(
                 "export COMPOSE_PG_EXTRA_OPTS='%1'; source '%2/scripts/pg-cluster.sh' >&2 "
                 "&& echo \"$COMPOSE_TEST_PG_URL\" && cat >/dev/null")
                 .arg(extra, src)});
        if (!cluster.waitForReadyRead(120000)) {
            out(QStringLiteral("the cluster did not start"));
            return 2;
        }
        b.url = QString::fromLocal8Bit(cluster.readLine()).trimmed();
    }
    if (b.url.isEmpty()) {
        out(QStringLiteral("give --database-url postgresql://… or --start-cluster"));
        return 2;
    }
    int rc = b.run();
    if (persistent) {
        persistent->stopIfStartedHere();
        if (persistent->watchdogFired()) {
            out(QStringLiteral("the disk watchdog stopped the cluster: this run is not valid"));
            rc = 3;
        }
    }
    if (cluster.state() == QProcess::Running) {
        cluster.closeWriteChannel();
        cluster.waitForFinished(60000);
    }
    return rc;
}
