#include "benchfill.h"

#include "database.h"
#include "formrows.h"
#include "migrator.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>

#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace compose::bench {

namespace {

// splitmix64: a bijection, so ids made from distinct indexes never collide.
quint64 mix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

struct Rng {
    quint64 s;
    quint64 next() { return s = mix(s); }
    int below(int n) { return int(next() % quint64(n)); }
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return unit() < p; }
};

const std::array<const char *, 120> kFirst
    = {"Ada",        "Alice",     "Amelia",    "Anna",      "Ava",        "Beatrice",  "Bella",
       "Camila",     "Charlotte", "Chloe",     "Clara",     "Daisy",      "Eleanor",   "Elena",
       "Eliza",      "Ella",      "Emily",     "Emma",      "Evelyn",     "Florence",  "Freya",
       "Grace",      "Hannah",    "Harper",    "Hazel",     "Isabella",   "Isla",      "Ivy",
       "Jasmine",    "Julia",     "Layla",     "Leah",      "Lily",       "Lucy",      "Luna",
       "Maria",      "Margaret",  "Maya",      "Mia",       "Mila",       "Nora",      "Olivia",
       "Penelope",   "Poppy",     "Rose",      "Ruby",      "Sadie",      "Sophia",    "Stella",
       "Violet",     "Willow",    "Zoe",       "Aaron",     "Adam",       "Alexander", "Arthur",
       "Benjamin",   "Caleb",     "Charles",   "Daniel",    "David",      "Dylan",     "Edward",
       "Elijah",     "Ethan",     "Felix",     "Finn",      "Gabriel",    "George",    "Harry",
       "Henry",      "Hudson",    "Isaac",     "Jack",      "Jacob",      "James",     "Jayden",
       "John",       "Jonah",     "Joseph",    "Joshua",    "Julian",     "Leo",       "Levi",
       "Liam",       "Logan",     "Lucas",     "Luke",      "Mason",      "Mateo",     "Matthew",
       "Michael",    "Miles",     "Noah",      "Oliver",    "Oscar",      "Owen",      "Samuel",
       "Sebastian",  "Theo",      "Thomas",    "William",   "Wyatt",      "Zachary",   "Mom",
       "Dad",        "Grandma",   "Grandpa",   "Nana",      "Papa",       "Auntie Jo", "Uncle Ray",
       "Sweetheart", "Bestie",    "Coach Kim", "Ms. Patel", "Dr. Okafor", "Sis",       "Bro",
       "Babe"};
const std::array<const char *, 50> kLast = {
    "Smith",     "Johnson",  "Williams",  "Brown",   "Jones",    "Garcia",   "Miller",   "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez",   "Gonzalez", "Wilson",   "Anderson", "Thomas",
    "Taylor",    "Moore",    "Jackson",   "Martin",  "Lee",      "Perez",    "Thompson", "White",
    "Harris",    "Sanchez",  "Clark",     "Ramirez", "Lewis",    "Robinson", "Walker",   "Young",
    "Allen",     "King",     "Wright",    "Scott",   "Torres",   "Nguyen",   "Hill",     "Flores",
    "Green",     "Adams",    "Nelson",    "Baker",   "Hall",     "Rivera",   "Campbell", "Mitchell",
    "Carter",    "Roberts"};
const std::array<const char *, 10> kRelationship
    = {"mom",    "dad",         "partner", "wife",  "husband",
       "friend", "grandparent", "sibling", "child", "colleague"};
const std::array<const char *, 8> kTheme = {"birthday",  "anniversary", "love",     "thank-you",
                                            "christmas", "hanukkah",    "new-year", "get-well"};
const std::array<const char *, 6> kVibe
    = {"upbeat", "heartfelt", "funny", "romantic", "nostalgic", "epic"};
const std::array<const char *, 4> kVoice = {"female", "male", "duet", "any"};

// Funnel-shaped: the furthest stage a form reached (before expiry decides its final status).
enum Stage { Created, Prompts, Generating, Ready, Initiated, Paid, Delivered, Refunded };
const std::array<const char *, 8> kStageKey
    = {"created",          "prompts_generated", "variations_generating",
       "variations_ready", "payment_initiated", "payment_completed",
       "delivered",        "refunded"};
Stage pickStage(Rng &r)
{
    const int p = r.below(1000);
    if (p < 100)
        return Created;
    if (p < 160)
        return Prompts;
    if (p < 185)
        return Generating;
    if (p < 480)
        return Ready;
    if (p < 610)
        return Initiated;
    if (p < 720)
        return Paid;
    if (p < 985)
        return Delivered;
    return Refunded;
}

// Howard Hinnant's civil_from_days.
void civil(qint64 days, int &y, unsigned &m, unsigned &d)
{
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const unsigned doe = unsigned(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 yy = qint64(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = int(yy + (m <= 2));
}

class Out {
public:
    std::string buf;
    Out &s(const char *v)
    {
        buf += v;
        return *this;
    }
    Out &s(const std::string &v)
    {
        buf += v;
        return *this;
    }
    Out &c(char v)
    {
        buf.push_back(v);
        return *this;
    }
    Out &n(qint64 v)
    {
        char tmp[24];
        const int len = std::snprintf(tmp, sizeof tmp, "%lld", static_cast<long long>(v));
        buf.append(tmp, size_t(len));
        return *this;
    }
    Out &hex(quint64 v, int digits = 16)
    {
        static const char *d = "0123456789abcdef";
        for (int i = digits - 1; i >= 0; --i)
            buf.push_back(d[(v >> (i * 4)) & 0xF]);
        return *this;
    }
    Out &ts(qint64 usecs) // UTC "YYYY-MM-DD HH:MM:SS.ffffff"
    {
        const qint64 secs = usecs >= 0 ? usecs / 1000000 : (usecs - 999999) / 1000000;
        const qint64 us = usecs - secs * 1000000;
        const qint64 days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
        const qint64 sod = secs - days * 86400;
        int y;
        unsigned mo, d;
        civil(days, y, mo, d);
        char tmp[40];
        const int len
            = std::snprintf(tmp, sizeof tmp, "%04d-%02u-%02u %02d:%02d:%02d.%06d", y, mo, d,
                            int(sod / 3600), int(sod / 60 % 60), int(sod % 60), int(us));
        buf.append(tmp, size_t(len));
        return *this;
    }
    Out &null()
    {
        buf += "\\N";
        return *this;
    }
    Out &tab()
    {
        buf.push_back('\t');
        return *this;
    }
    Out &end()
    {
        buf.push_back('\n');
        return *this;
    }
};

// One `psql \copy … FROM STDIN`, fed through a pipe, as the second half of a transaction that
// first truncates the table: COPY FREEZE is then allowed (rows are written frozen and
// all-visible, so the VACUUM after the fill does not rewrite every page to set hint bits), and
// with wal_level=minimal the table's new file is not written to WAL at all (the bench's own
// cluster runs so; on another server the rows are WAL-logged as usual).
class CopyStream {
public:
    CopyStream(const ConnectionSettings &cs, const QString &table, const QString &columns)
    {
        QStringList conninfo;
        if (!cs.host.isEmpty())
            conninfo << QStringLiteral("host=") + cs.host;
        if (cs.port > 0)
            conninfo << QStringLiteral("port=%1").arg(cs.port);
        if (!cs.user.isEmpty())
            conninfo << QStringLiteral("user=") + cs.user;
        conninfo << QStringLiteral("dbname=") + cs.database;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (!cs.password.isEmpty())
            env.insert(QStringLiteral("PGPASSWORD"), cs.password);
        m_proc.setProcessEnvironment(env);
        m_proc.setProcessChannelMode(QProcess::MergedChannels);
        // Several -c run in order on one connection, so BEGIN … COMMIT spans them.
        m_proc.start(QStringLiteral("psql"),
                     {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                      QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"),
                      conninfo.join(QLatin1Char(' ')), QStringLiteral("-c"),
                      QStringLiteral("BEGIN"), QStringLiteral("-c"),
                      QStringLiteral("TRUNCATE ") + table, QStringLiteral("-c"),
                      QStringLiteral("\\copy %1(%2) FROM STDIN WITH (FREEZE)").arg(table, columns),
                      QStringLiteral("-c"), QStringLiteral("COMMIT")});
        if (!m_proc.waitForStarted(10000))
            throw DbError(QStringLiteral("cannot start psql: ") + m_proc.errorString());
    }
    void flushIfFull(Out &o, size_t limit = 1 << 20)
    {
        if (o.buf.size() < limit)
            return;
        m_proc.write(o.buf.data(), qint64(o.buf.size()));
        o.buf.clear();
        // Bounded buffering: wait for psql to take what it has before adding more.
        while (m_proc.bytesToWrite() > (8 << 20)) {
            if (!m_proc.waitForBytesWritten(10000) && m_proc.state() != QProcess::Running)
                throw DbError(QStringLiteral("psql stopped: ")
                              + QString::fromLocal8Bit(m_proc.readAll()));
        }
    }
    void finish(Out &o)
    {
        flushIfFull(o, 0);
        while (m_proc.bytesToWrite() > 0 && m_proc.state() == QProcess::Running)
            m_proc.waitForBytesWritten(10000);
        m_proc.closeWriteChannel();
        m_proc.waitForFinished(-1);
        if (m_proc.exitStatus() != QProcess::NormalExit || m_proc.exitCode() != 0)
            throw DbError(QStringLiteral("psql \\copy failed: ")
                          + QString::fromLocal8Bit(m_proc.readAll()));
    }

private:
    QProcess m_proc;
};

QString name(Rng &r, bool full)
{
    QString n = QString::fromLatin1(kFirst[size_t(r.below(int(kFirst.size())))]);
    if (full)
        n += QLatin1Char(' ') + QString::fromLatin1(kLast[size_t(r.below(int(kLast.size())))]);
    return n;
}

struct Saved {
    QString table, name, def;
    char type;
};

} // namespace

void BenchFill::compactIndexes(const ConnectionSettings &target, const Progress &progress)
{
    const QString conn = QStringLiteral("bench-compact");
    {
        QSqlDatabase db = Db::open(target, conn);
        Db::execSql(db, QStringLiteral("SET maintenance_work_mem = '2GB'"));
        // Serial: a parallel build writes every worker's sorted run to temporary files (as big
        // as the index) for the leader to merge, on top of the old and the new index.
        Db::execSql(db, QStringLiteral("SET max_parallel_maintenance_workers = 0"));
        // The placeholders of reserveUnusedIndexes() (or, on a database migrated without
        // them, the real indexes) go.
        for (const QString &unused : unusedIndexes())
            Db::execSql(db, QStringLiteral("DROP INDEX IF EXISTS ") + unused);
        QSqlQuery q(db);
        // The migrations' btree indexes over the filled tables (small ones are not worth it).
        if (!q.exec(QStringLiteral(
                "SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c "
                "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind = 'i' AND n.nspname = 'public' AND a.amname = 'btree' "
                "AND pg_relation_size(c.oid) > 8388608 AND (c.reloptions IS NULL OR NOT "
                "'fillfactor=100' = ANY (c.reloptions)) ORDER BY 2 DESC")))
            throw DbError(q.lastError().text());
        QStringList names;
        qint64 before = 0;
        while (q.next()) {
            names << q.value(0).toString();
            before += q.value(1).toLongLong();
        }
        QElapsedTimer t;
        t.start();
        for (const QString &n : std::as_const(names)) {
            Db::execSql(db, QStringLiteral("ALTER INDEX %1 SET (fillfactor = 100)").arg(n));
            Db::execSql(db, QStringLiteral("REINDEX INDEX %1").arg(n));
        }
        qint64 after = 0;
        for (const QString &n : std::as_const(names)) {
            if (q.exec(QStringLiteral("SELECT pg_relation_size('%1')").arg(n)) && q.next())
                after += q.value(0).toLongLong();
        }
        progress(QStringLiteral("  %1 migration indexes rebuilt with fillfactor 100: %2 MB -> %3 "
                                "MB in %4 s")
                     .arg(names.size())
                     .arg(before / 1048576)
                     .arg(after / 1048576)
                     .arg(t.elapsed() / 1000.0, 0, 'f', 1));
    }
    Db::close(conn);
}

QStringList BenchFill::unusedIndexes()
{
    // A package filter sorted by update time: no question, child or first paint uses it;
    // 0.06 GB per million forms. Production keeps it (migration 003).
    return {QStringLiteral("idx_cf_package_updated")};
}

void BenchFill::reserveUnusedIndexes(const QSqlDatabase &db, const Progress &progress)
{
    // An empty index under the same name before the migrations run: their CREATE INDEX IF NOT
    // EXISTS then skips it, so the real one is never built (no time, and no disk at the peak
    // the migrations reach before compactIndexes() drops it).
    for (const QString &name : unusedIndexes()) {
        Db::execSql(db,
                    QStringLiteral("CREATE INDEX IF NOT EXISTS %1 ON compose_forms(id) WHERE "
                                   "false")
                        .arg(name));
        progress(QStringLiteral("  %1 not built (no question uses it)").arg(name));
    }
}

QString BenchFill::formId(qint64 i)
{
    return QStringLiteral("form_%1").arg(mix(quint64(i) ^ 0xF0F0ULL), 16, 16, QLatin1Char('0'));
}

FillResult BenchFill::fill(const ConnectionSettings &target, const FillOptions &opt,
                           const Progress &progress)
{
    FillResult res;
    const QString conn = QStringLiteral("bench-fill");
    {
        QSqlDatabase db = Db::open(target, conn);
        // The seed's schema, exactly as migration 1 creates it.
        const auto migs = Migrator::available(SqlDialect::PostgreSQL);
        QFile f(migs.first().resource);
        if (!f.open(QIODevice::ReadOnly))
            throw DbError(QStringLiteral("cannot read ") + migs.first().resource);
        for (const QString &s : Migrator::splitStatements(QString::fromUtf8(f.readAll())))
            Db::execSql(db, s);

        // Save and drop secondary structures; COPY into bare tables is several times faster.
        QList<Saved> saved;
        const QString tables
            = QStringLiteral("('compose_forms'::regclass, 'music_generations'::regclass, "
                             "'orders'::regclass, '\"user\"'::regclass)");
        QSqlQuery q(db);
        Db::execSql(db, QStringLiteral("SET client_min_messages = warning"));
        if (!q.exec(
                QStringLiteral(
                    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), contype "
                    "FROM pg_constraint WHERE conrelid IN ")
                + tables
                + QStringLiteral(" AND contype IN ('p','u','f') ORDER BY contype = 'f' DESC")))
            throw DbError(q.lastError().text());
        while (q.next())
            saved.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                          q.value(3).toString().at(0).toLatin1()});
        if (!q.exec(QStringLiteral("SELECT indrelid::regclass::text, indexrelid::regclass::text, "
                                   "pg_get_indexdef(indexrelid) FROM pg_index i WHERE indrelid IN ")
                    + tables
                    + QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE "
                                     "c.conindid = i.indexrelid)")))
            throw DbError(q.lastError().text());
        while (q.next())
            saved.append(
                {q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), 'i'});
        for (const Saved &s : std::as_const(saved)) {
            if (s.type == 'i')
                Db::execSql(db, QStringLiteral("DROP INDEX ") + s.name);
            else
                Db::execSql(db,
                            QStringLiteral("ALTER TABLE ") + s.table
                                + QStringLiteral(" DROP CONSTRAINT ") + s.name);
        }

        QElapsedTimer copyTimer;
        copyTimer.start();
        CopyStream users(target, QStringLiteral("\"user\""),
                         QStringLiteral("id, email, name, credits"));
        // The row writer's column lists (formrows.h): the bench fills every form column in its
        // order, and the generation columns up to share_enabled, leaving the rest NULL.
        const QStringList &formColumns = FormRowWriter::columns();
        const QStringList &genColumns = GenerationRowWriter::columns();
        const qsizetype genFilled = genColumns.indexOf(QStringLiteral("share_enabled")) + 1;
        if (formColumns.size() != 18 || genFilled != 26)
            throw DbError(
                QStringLiteral("benchfill writes 18 form and 26 generation columns; the row "
                               "writer's lists changed: update the bench"));
        std::string genTail;
        for (qsizetype c = genFilled; c < genColumns.size(); ++c)
            genTail += "\t\\N";
        CopyStream forms(target, QStringLiteral("compose_forms"),
                         formColumns.join(QStringLiteral(", ")));
        CopyStream gens(target, QStringLiteral("music_generations"),
                        genColumns.join(QStringLiteral(", ")));
        CopyStream orders(target, QStringLiteral("orders"),
                          QStringLiteral("id, user_id, amount, currency, status, credits, "
                                         "stripe_session_id, package_id, "
                                         "created_at, updated_at, form_id, guest_email"));
        Out uo, fo, go, oo;
        for (int u = 0; u < opt.users; ++u) {
            Rng r {mix(quint64(u) ^ 0xABCDULL)};
            const QString n = name(r, true);
            std::string email = n.toLower()
                                    .replace(QLatin1Char(' '), QLatin1Char('.'))
                                    .remove(QLatin1Char('.'))
                                    .toStdString();
            email += "." + std::to_string(u) + "@mail.example";
            uo.s("user_")
                .hex(mix(quint64(u)), 12)
                .tab()
                .s(email)
                .tab()
                .s(n.toStdString())
                .tab()
                .n(r.below(5))
                .end();
            users.flushIfFull(uo);
        }
        users.finish(uo);
        res.users = opt.users;

        const qint64 nowUs = opt.now.toMSecsSinceEpoch() * 1000;
        const qint64 day = 86400LL * 1000000;
        qint64 lastReport = 0;
        for (qint64 i = 0; i < opt.forms; ++i) {
            Rng r {mix(quint64(i) ^ 0x5EEDULL)};
            const std::string id = formId(i).toStdString();
            const bool bundle = r.chance(opt.bundleShare);
            const int songs = bundle ? 3 : 1;
            Stage stage = pickStage(r);
            // More recent forms than old ones (the shop grows): age = 365 d * u^1.6.
            const double u = r.unit();
            const qint64 age
                = qint64(365.0 * double(day) * std::pow(u, 1.6)) + r.below(3600) * 1000000LL;
            const qint64 created = nowUs - age;
            const bool paid = stage >= Paid;
            const char *status = kStageKey[size_t(stage)];
            if (!paid && age > 7 * day && r.chance(0.9))
                status = "expired";
            const qint64 updated = created + qint64(r.unit() * double(std::min(age, 3 * day)));
            const bool isUser = r.chance(0.4);
            const int userIdx = r.below(opt.users);
            Out uid;
            uid.s("user_").hex(mix(quint64(userIdx)), 12);
            const std::string &userId = uid.buf;
            QString recipient = name(r, r.chance(0.5));
            const std::string rec = recipient.toStdString();
            const std::string sender
                = QString::fromLatin1(kFirst[size_t(r.below(int(kFirst.size())))]).toStdString();
            const char *rel = kRelationship[size_t(r.below(int(kRelationship.size())))];
            const char *theme = kTheme[size_t(r.below(int(kTheme.size())))];
            const char *vibe = kVibe[size_t(r.below(int(kVibe.size())))];
            const char *voice = kVoice[size_t(r.below(int(kVoice.size())))];
            std::string guest;
            if (!isUser) {
                guest = QString::fromStdString(rec)
                            .toLower()
                            .remove(QLatin1Char(' '))
                            .remove(QLatin1Char('.'))
                            .toStdString()
                    + "." + std::to_string(i) + "@guest.example";
                if (r.chance(0.05))
                    guest = QString::fromStdString(guest)
                                .toUpper()
                                .toStdString(); // real data is not normalised
            }
            // id, package_type, song_count
            fo.s(id).tab().s(bundle ? "holiday-hamper" : "solo-serenade").tab().n(songs).tab();
            // form_data: a few messy documents, as real data has.
            const int messy = r.below(2000);
            if (messy == 0)
                fo.s("{\"relationship\":\"").s(rel).s("\",\"theme\":\"").s(theme).s("\"}");
            else if (messy == 1)
                fo.s("{\"recipientName\":").n(r.below(100)).s(",\"theme\":\"").s(theme).s("\"}");
            else
                fo.s("{\"recipientName\":\"")
                    .s(rec)
                    .s("\",\"relationship\":\"")
                    .s(rel)
                    .s("\",\"theme\":\"")
                    .s(theme)
                    .s("\",\"senderName\":\"")
                    .s(sender)
                    .s("\",\"specialMoment\":\"The day we ")
                    .s(vibe)
                    .s("ly sang in the car together\",\"voiceType\":\"")
                    .s(voice)
                    .s("\",\"vibe\":\"")
                    .s(vibe)
                    .s("\"}");
            fo.tab();
            // generated_prompts
            fo.c('[');
            if (stage >= Prompts) {
                for (int s = 0; s < songs; ++s)
                    fo.s(s ? "," : "")
                        .s("\"A ")
                        .s(vibe)
                        .s(" ")
                        .s(theme)
                        .s(" song for ")
                        .s(rec)
                        .s(", my ")
                        .s(rel)
                        .s(", from ")
                        .s(sender)
                        .s(", remembering the day we sang in the car. Verse ")
                        .n(s + 1)
                        .s("\"");
            }
            fo.c(']').tab();
            // variation_task_ids, variation_audio_urls, selected_variations
            const quint64 taskBase = mix(quint64(i) ^ 0x7A5CULL);
            auto taskId = [&](Out &o, int s, int v) {
                o.s("task_").hex(taskBase, 16).c('_').n(s).n(v);
            };
            if (stage >= Generating) {
                fo.c('{');
                for (int s = 0; s < songs; ++s) {
                    fo.s(s ? "," : "").s("\"").n(s).s("\":[");
                    for (int v = 1; v <= 3; ++v) {
                        fo.s(v > 1 ? ",\"" : "\"");
                        taskId(fo, s, v);
                        fo.c('"');
                    }
                    fo.c(']');
                }
                fo.c('}');
            } else {
                fo.null();
            }
            fo.tab();
            if (stage >= Ready) {
                fo.c('{');
                for (int s = 0; s < songs; ++s) {
                    fo.s(s ? "," : "").s("\"").n(s).s("\":{");
                    // The variation's first version, the very URL its generation row holds
                    // (the webhook writes both), not a longer one made up from the task id.
                    for (int v = 1; v <= 3; ++v)
                        fo.s(v > 1 ? ",\"" : "\"")
                            .n(v)
                            .s("\":\"https://cdn.musicgpt.example/conv/")
                            .hex(taskBase, 12)
                            .n(s)
                            .n(v)
                            .s("a.mp3\"");
                    fo.c('}');
                }
                fo.c('}');
            } else {
                fo.null();
            }
            fo.tab();
            std::array<int, 3> chosen {1 + r.below(3), 1 + r.below(3), 1 + r.below(3)};
            if (stage >= Initiated) {
                fo.c('{');
                for (int s = 0; s < songs; ++s)
                    fo.s(s ? "," : "").s("\"").n(s).s("\":").n(chosen[size_t(s)]);
                fo.c('}');
            } else {
                fo.null();
            }
            fo.tab().s(status).tab();
            // Stripe ids, amount, paid_at
            const quint64 stripe = mix(quint64(i) ^ 0x57121FEULL);
            const qint64 paidAt = updated;
            if (stage >= Initiated)
                fo.s("cs_live_").hex(stripe).hex(mix(stripe), 8);
            else
                fo.null();
            fo.tab();
            if (paid)
                fo.s("pi_")
                    .hex(mix(stripe ^ 1))
                    .hex(mix(stripe ^ 2), 8)
                    .tab()
                    .n(999)
                    .tab()
                    .ts(paidAt);
            else
                fo.null().tab().null().tab().null();
            fo.tab();
            if (isUser)
                fo.s(userId).tab().null();
            else
                fo.null().tab().s(guest);
            fo.tab().ts(created).tab().ts(updated).tab();
            if (paid)
                fo.null(); // the 7-day expiry is cleared once paid
            else
                fo.ts(created + 7 * day);
            fo.end();
            forms.flushIfFull(fo);

            if (stage >= Generating) {
                for (int s = 0; s < songs; ++s) {
                    for (int v = 1; v <= 3; ++v) {
                        const bool done = stage > Generating;
                        const bool failed = done && r.chance(0.01);
                        const bool selected = stage >= Initiated && chosen[size_t(s)] == v;
                        const qint64 gc = created + 120LL * 1000000 + r.below(60) * 1000000LL;
                        go.s("gen_").hex(mix(taskBase ^ quint64(s * 4 + v))).tab();
                        taskId(go, s, v);
                        go.tab().s(rec).tab().s(rel).tab().s(vibe).tab().s(voice).tab();
                        go.s("A ")
                            .s(vibe)
                            .s(" ")
                            .s(theme)
                            .s(" song for ")
                            .s(rec)
                            .s(", verse ")
                            .n(s + 1)
                            .tab();
                        go.s("conv_")
                            .hex(taskBase, 12)
                            .n(s)
                            .n(v)
                            .s("a")
                            .tab()
                            .s("conv_")
                            .hex(taskBase, 12)
                            .n(s)
                            .n(v)
                            .s("b")
                            .tab();
                        go.s(failed ? "failed" : done ? "completed" : "pending").tab();
                        if (done && !failed)
                            go.s("https://cdn.musicgpt.example/conv/")
                                .hex(taskBase, 12)
                                .n(s)
                                .n(v)
                                .s("a.mp3")
                                .tab()
                                .s("https://cdn.musicgpt.example/conv/")
                                .hex(taskBase, 12)
                                .n(s)
                                .n(v)
                                .s("b.mp3");
                        else
                            go.null().tab().null();
                        go.tab();
                        if (selected && stage == Delivered)
                            go.s("share_").hex(taskBase, 16).n(s).n(v);
                        else
                            go.null();
                        go.tab();
                        if (done && !failed)
                            go.s(rec).s("'s ").s(theme).s(" song").tab().n(150 + r.below(60));
                        else
                            go.null().tab().null();
                        go.tab().ts(gc).tab().ts(gc + 90LL * 1000000).tab();
                        if (done)
                            go.ts(gc + 90LL * 1000000);
                        else
                            go.null();
                        go.tab();
                        if (isUser)
                            go.s(userId);
                        else
                            go.null();
                        go.tab()
                            .s(id)
                            .tab()
                            .n(s)
                            .tab()
                            .n(v)
                            .tab()
                            .s("t")
                            .tab()
                            .s(selected && paid ? "t" : "f")
                            .tab()
                            .s(selected && paid ? "t" : "f")
                            .tab()
                            .s(selected && stage == Delivered ? "t" : "f");
                        go.s(genTail).end(); // the writer's columns after share_enabled: NULL
                        ++res.generations;
                    }
                }
                gens.flushIfFull(go);
            }
            if (paid) {
                oo.s("ord_").hex(mix(stripe ^ 3)).tab();
                if (isUser)
                    oo.s(userId);
                else
                    oo.null();
                oo.tab()
                    .n(999)
                    .tab()
                    .s("usd")
                    .tab()
                    .s(stage == Refunded ? "refunded" : "completed")
                    .tab()
                    .n(0)
                    .tab();
                oo.s("cs_live_")
                    .hex(stripe)
                    .hex(mix(stripe), 8)
                    .tab()
                    .s(bundle ? "holiday-hamper" : "solo-serenade")
                    .tab();
                oo.ts(paidAt).tab().ts(paidAt).tab().s(id).tab();
                if (isUser)
                    oo.null();
                else
                    oo.s(guest);
                oo.end();
                ++res.orders;
                orders.flushIfFull(oo);
            }
            if (i - lastReport >= 100000) {
                lastReport = i;
                progress(QStringLiteral("  %1 forms, %2 generations (%3 s)")
                             .arg(i)
                             .arg(res.generations)
                             .arg(copyTimer.elapsed() / 1000.0, 0, 'f', 1));
            }
        }
        forms.finish(fo);
        gens.finish(go);
        orders.finish(oo);
        res.forms = opt.forms;
        res.copySeconds = copyTimer.elapsed() / 1000.0;
        progress(
            QStringLiteral("  COPY done: %1 forms, %2 generations, %3 orders, %4 users in %5 s")
                .arg(res.forms)
                .arg(res.generations)
                .arg(res.orders)
                .arg(res.users)
                .arg(res.copySeconds, 0, 'f', 1));

        QElapsedTimer indexTimer;
        indexTimer.start();
        // Sorts of 30M keys in memory: with 1 GB the biggest spilled to temporary files, which
        // count against the disk budget at their peak.
        Db::execSql(db, QStringLiteral("SET maintenance_work_mem = '2GB'"));
        // Serial: a parallel build's workers write their sorted runs to temporary files.
        Db::execSql(db, QStringLiteral("SET max_parallel_maintenance_workers = 0"));
        // Keys first (foreign keys need them), then plain indexes, then foreign keys.
        for (const char pass : {'k', 'i', 'f'}) {
            for (const Saved &s : std::as_const(saved)) {
                const char kind = s.type == 'p' || s.type == 'u' ? 'k' : s.type;
                if (kind != pass)
                    continue;
                // Built once over rows that are not updated afterwards: full leaves
                // (fillfactor 100, a storage parameter) instead of btree's 90 % that leaves room
                // for inserts, about 10 % less disk on the seed's indexes. Columns, keys and
                // index definitions stay the seed's.
                const QString full = QStringLiteral(" WITH (fillfactor = 100)");
                if (s.type == 'i') {
                    QString def = s.def; // a partial index takes WITH before its WHERE
                    const qsizetype where = def.indexOf(QStringLiteral(" WHERE "));
                    def.insert(where < 0 ? def.size() : where, full);
                    Db::execSql(db, def);
                } else
                    Db::execSql(db,
                                QStringLiteral("ALTER TABLE ") + s.table
                                    + QStringLiteral(" ADD CONSTRAINT ") + s.name + QLatin1Char(' ')
                                    + s.def + (s.type == 'f' ? QString() : full));
            }
        }
        for (const char *t : {"\"user\"", "compose_forms", "music_generations", "orders"})
            Db::execSql(db, QStringLiteral("VACUUM (ANALYZE) ") + QLatin1String(t));
        res.indexSeconds = indexTimer.elapsed() / 1000.0;
        progress(QStringLiteral("  seed indexes, keys and VACUUM ANALYZE: %1 s")
                     .arg(res.indexSeconds, 0, 'f', 1));
    }
    Db::close(conn);
    return res;
}

} // namespace compose::bench
