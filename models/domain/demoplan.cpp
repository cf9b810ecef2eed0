#include "demoplan.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSet>

#include <algorithm>

namespace compose::demo {

namespace {

// ---- vocabulary ---------------------------------------------------------------------------

const char *const kFirstNames[]
    = {"Grace", "Oliver", "Amelia",   "Noah",  "Sofia",   "Liam",   "Maya",   "Ethan",
       "Chloe", "Lucas",  "Isla",     "Mateo", "Hannah",  "Samuel", "Zoë",    "José",
       "Aisha", "Ravi",   "Mei",      "Kenji", "Siobhán", "Łukasz", "Fatima", "Daniel",
       "Ella",  "Jack",   "Nora",     "Henry", "Priya",   "Omar",   "Lena",   "Theo",
       "Ruth",  "Walter", "Margaret", "Frank", "Dolores", "Cyril",  "Ines",   "Björn"};
const char *const kLastNames[]
    = {"Smith",  "Johnson", "Williams", "Brown",  "Garcia",    "Miller",  "Davis",  "Martinez",
       "Lopez",  "Wilson",  "Anderson", "Thomas", "Moore",     "Jackson", "Martin", "Lee",
       "Nguyen", "Okafor",  "Kowalski", "Müller", "O'Brien",   "Rossi",   "Tanaka", "Haddad",
       "Samuel", "Patel",   "Kim",      "Cohen",  "Fernández", "Novak"};
const char *const kDomains[] = {"gmail.com",   "yahoo.com", "outlook.com", "icloud.com",
                                "hotmail.com", "proton.me", "example.org"};
const char *const kRelationships[]
    = {"mom",       "dad",     "wife",       "husband",   "partner",   "best friend", "grandma",
       "grandpa",   "sister",  "brother",    "daughter",  "son",       "aunt",        "uncle",
       "colleague", "teacher", "girlfriend", "boyfriend", "neighbour", "ok"};
const char *const kSoloThemes[]
    = {"birthday",     "anniversary",     "valentines",   "wedding",     "graduation",
       "new-baby",     "thank-you",       "friendship",   "mothers-day", "fathers-day",
       "just-because", "merry-christmas", "get-well-soon"};
const char *const kHolidayThemes[]
    = {"merry-christmas", "happy-holidays", "new-year", "hanukkah", "winter-wonderland"};
const char *const kVibes[]
    = {"friendly-fun", "heartfelt",   "romantic", "upbeat-pop",   "acoustic-chill",
       "epic-anthem",  "funny-silly", "lullaby",  "country-road", "jazzy-swing"};
const char *const kVoices[] = {"versatile-female", "versatile-male", "warm-female", "deep-male",
                               "soft-female",      "raspy-male",     "kids-choir",  "duet"};
const char *const kMoments[]
    = {"The summer we drove to %1 with the windows down singing the wrong lyrics",
       "When %1 taught me to ride a bike in the car park behind the church",
       "Our first dance at %1, when the DJ played the wrong song and we danced anyway",
       "The night the power went out and we played cards by candlelight in %1",
       "How %1 always burns the first pancake and calls it the chef's treat",
       "Our trip to %1 where it rained every single day and we still loved it",
       "The way %1 hums while making coffee every morning",
       "When we got lost hiking near %1 and found the best diner ever",
       "Christmas morning in %1 when the dog opened all the presents first",
       "The day we brought the baby home to %1 in the middle of a snowstorm"};
const char *const kPlaces[]
    = {"Brighton", "Lake Tahoe", "Nana's house",    "Lisbon", "Yosemite",       "the old flat",
       "Galway",   "Kyoto",      "the county fair", "Austin", "Grandpa's farm", "Mallorca"};
const char *const kLyricLines[]
    = {"You light up every room you walk in", "Through every storm you held my hand",
       "Here's a song that's only yours",     "Sing it loud, sing it true",
       "Every year a little brighter",        "Under the lights we laugh again",
       "You're the chorus of my life",        "Home is anywhere with you"};

template<typename T, std::size_t N> constexpr int count(T (&)[N])
{
    return int(N);
}

// The status history the form would have had: one event per workflow step it went through, then
// its final status where that is off the workflow (expired, refunded, on_hold), each at the time
// that step happened in its plan. The trigger would stamp them all with the build time.
QList<HistoryEvent> historyOf(const FormPlan &f)
{
    QStringList keys;
    QList<QDateTime> times; // invalid: not known from the plan, placed between its neighbours
    QDateTime generating, ready;
    for (const GenPlan &g : f.gens) {
        if (!generating.isValid() || g.created < generating)
            generating = g.created;
        if (g.completed.isValid() && g.completed > ready)
            ready = g.completed;
    }
    for (FormStatus s : Status::workflow()) {
        keys << Status::key(s);
        switch (s) {
        case FormStatus::Created:
            times << f.created;
            break;
        case FormStatus::VariationsGenerating:
            times << generating;
            break;
        case FormStatus::VariationsReady:
            times << ready;
            break;
        case FormStatus::PaymentCompleted:
            times << f.paid;
            break;
        case FormStatus::Delivered:
            times << f.delivered;
            break;
        default:
            times << QDateTime();
            break;
        }
        if (s == f.stage)
            break;
    }
    if (keys.last() != f.status) {
        keys << f.status;
        times << (f.refunds.isEmpty() ? QDateTime() : f.refunds.last().at);
    }
    // updated_at is when the form last changed: when it reached its final status.
    if (keys.size() > 1)
        times.last() = std::max(f.created, f.updated);
    // A known time out of order (clamped to m_now while planning) is placed like an unknown one.
    QDateTime previous = f.created;
    for (qsizetype i = 1; i + 1 < times.size(); ++i) {
        if (times.at(i).isValid() && (times.at(i) < previous || times.at(i) > times.last()))
            times[i] = QDateTime();
        if (times.at(i).isValid())
            previous = times.at(i);
    }
    for (qsizetype i = 1; i < times.size(); ++i) {
        if (times.at(i).isValid())
            continue;
        qsizetype j = i;
        while (!times.at(j).isValid())
            ++j;
        const QDateTime from = times.at(i - 1);
        const qint64 span = from.msecsTo(times.at(j));
        for (qsizetype k = i; k < j; ++k)
            times[k] = from.addMSecs(span * (k - i + 1) / (j - i + 1));
        i = j;
    }
    QList<HistoryEvent> events;
    for (qsizetype i = 0; i < keys.size(); ++i)
        events.append({i ? keys.at(i - 1) : QString(), keys.at(i), times.at(i)});
    return events;
}

class Planner {
public:
    Planner(const DemoOptions &o)
        : m_rng(o.seed)
        , m_opt(o)
    {
        m_now = o.now.isValid() ? o.now.toUTC() : QDateTime::currentDateTimeUtc();
        m_now = m_now.addMSecs(-m_now.time().msec()); // whole seconds: identical in both dialects
    }

    QList<UserPlan> users;
    QList<FormPlan> forms;

    QDateTime now() const { return m_now; }

    void plan()
    {
        const int userCount = std::max(10, m_opt.forms / 7);
        for (int i = 0; i < userCount; ++i) {
            UserPlan u;
            u.id = QStringLiteral("user_") + alnum(12);
            const QString first = pick(kFirstNames), last = pick(kLastNames);
            u.name = first + QLatin1Char(' ') + last;
            u.email = emailFor(first, last);
            u.credits = bounded(0, 6);
            users << u;
        }
        const QStringList statuses = statusPlan();
        for (const QString &s : statuses)
            forms << planForm(s);
        makeMessy();
        makeAttention();
    }

private:
    // Funnel-shaped quotas out of 600, scaled; every status appears at least once.
    QStringList statusPlan()
    {
        const QList<QPair<QString, int>> weights {{QStringLiteral("created"), 35},
                                                  {QStringLiteral("prompts_generated"), 40},
                                                  {QStringLiteral("variations_generating"), 45},
                                                  {QStringLiteral("variations_ready"), 105},
                                                  {QStringLiteral("payment_initiated"), 55},
                                                  {QStringLiteral("payment_completed"), 75},
                                                  {QStringLiteral("delivered"), 169},
                                                  {QStringLiteral("expired"), 55},
                                                  {QStringLiteral("refunded"), 18}};
        const QStringList unknown {QStringLiteral("on_hold"), QStringLiteral("on_hold"),
                                   QStringLiteral("awaiting_review")};
        const int total = std::max(40, m_opt.forms);
        const int normal = total - int(unknown.size());
        QStringList out;
        for (const auto &[key, w] : weights)
            for (int i = 0, n = std::max(1, w * normal / 597); i < n; ++i)
                out << key;
        while (out.size() > normal)
            out.removeAt(out.lastIndexOf(QStringLiteral("delivered")));
        while (out.size() < normal)
            out << QStringLiteral("delivered");
        out << unknown;
        std::shuffle(out.begin(), out.end(), m_rng);
        return out;
    }

    FormPlan planForm(const QString &status)
    {
        FormPlan f;
        f.status = status;
        const FormStatus known = Status::fromKey(status);
        if (known == FormStatus::Expired) {
            static const FormStatus stages[] = {
                FormStatus::Created, FormStatus::PromptsGenerated, FormStatus::VariationsGenerating,
                FormStatus::VariationsReady, FormStatus::PaymentInitiated};
            f.stage = stages[bounded(0, 5)];
        } else if (known == FormStatus::Refunded) {
            f.stage = chance(70) ? FormStatus::Delivered : FormStatus::PaymentCompleted;
        } else if (known == FormStatus::Unknown) {
            f.stage = status == QLatin1String("on_hold") ? FormStatus::PaymentCompleted
                                                         : FormStatus::VariationsReady;
        } else {
            f.stage = known;
        }
        const bool paidForm = int(f.stage) >= int(FormStatus::PaymentCompleted);

        const bool bundle = chance(30);
        f.package = bundle ? QStringLiteral("holiday-hamper") : QStringLiteral("solo-serenade");
        f.songs = bundle ? 3 : 1;

        // When: unpaid forms still in the flow are mostly from the last week; expired ones are
        // older than their 7 days; paid ones are spread over the whole period.
        qint64 ageSecs = 0;
        if (known == FormStatus::Expired)
            ageSecs = bounded(8 * 86400, 60 * 86400);
        else if (!paidForm && known != FormStatus::Unknown && chance(85))
            ageSecs = bounded(600, 7 * 86400);
        else
            ageSecs = bounded(3 * 86400, 60 * 86400);
        f.created = m_now.addSecs(-ageSecs);
        f.expires = f.created.addDays(7);
        f.id = QStringLiteral("form_%1_%2").arg(f.created.toMSecsSinceEpoch()).arg(alnum(9));
        while (m_formIds.contains(f.id))
            f.id = QStringLiteral("form_%1_%2").arg(f.created.toMSecsSinceEpoch()).arg(alnum(9));
        m_formIds.insert(f.id);

        // Who.
        const QString recipientFirst = pick(kFirstNames);
        QString senderName;
        if (chance(45)) {
            const UserPlan &u = users.at(bounded(0, int(users.size())));
            f.userId = u.id;
            f.email = u.email;
            senderName = u.name.section(QLatin1Char(' '), 0, 0);
        } else {
            const QString first = pick(kFirstNames), last = pick(kLastNames);
            f.guestEmail = emailFor(first, last);
            f.email = f.guestEmail;
            senderName = chance(20) ? QStringLiteral("your %1").arg(pick(kRelationships)) : first;
        }

        const QString theme = bundle ? pick(kHolidayThemes) : pick(kSoloThemes);
        const QString relationship = pick(kRelationships);
        const QString vibe = pick(kVibes);
        const QString voice = pick(kVoices);
        const QString moment = QString::fromUtf8(kMoments[bounded(0, count(kMoments))])
                                   .arg(chance(50) ? pick(kPlaces) : recipientFirst);
        f.fields = QJsonObject {{QStringLiteral("recipientName"), recipientFirst},
                                {QStringLiteral("relationship"), relationship},
                                {QStringLiteral("theme"), theme},
                                {QStringLiteral("senderName"), senderName},
                                {QStringLiteral("specialMoment"), moment},
                                {QStringLiteral("voiceType"), voice},
                                {QStringLiteral("vibe"), vibe}};
        if (chance(25))
            f.fields.insert(QStringLiteral("includeName"), true);
        if (chance(10))
            f.fields.insert(QStringLiteral("language"), QStringLiteral("en"));

        QDateTime t = f.created;
        auto step = [&](int minSecs, int maxSecs) {
            t = std::min(t.addSecs(bounded(minSecs, maxSecs)), m_now);
            return t;
        };

        if (int(f.stage) >= int(FormStatus::PromptsGenerated)) {
            step(5, 40);
            static const char *const angles[]
                = {"", " This is song 2 of 3: make it a cosy fireside ballad.",
                   " This is song 3 of 3: make it a singalong finale."};
            for (int s = 0; s < f.songs; ++s) {
                f.prompts << QStringLiteral(
                                 "Create a %1 %2 song for %3, my %4, from %5. Mention: %6. "
                                 "Voice: %7.%8")
                                 .arg(vibe, theme, recipientFirst, relationship, senderName, moment,
                                      voice, QString::fromUtf8(angles[s]));
            }
        }

        if (int(f.stage) >= int(FormStatus::VariationsGenerating)) {
            const QDateTime submitted = step(10, 60);
            const bool stillGenerating = f.stage == FormStatus::VariationsGenerating;
            QDateTime lastDone = submitted;
            for (int s = 0; s < f.songs; ++s) {
                for (int v = 1; v <= 3; ++v) {
                    GenPlan g;
                    g.id = QStringLiteral("gen_") + alnum(16);
                    g.taskId = uuid();
                    g.conv1 = uuid();
                    g.conv2 = uuid();
                    g.song = s;
                    g.variation = v;
                    g.prompt = f.prompts.value(s);
                    g.created = submitted.addMSecs(bounded(0, 2000));
                    g.updated = g.created;
                    if (stillGenerating) {
                        const int r = bounded(0, 100);
                        g.status = r < 45 ? QStringLiteral("completed")
                            : r < 75      ? QStringLiteral("processing")
                            : r < 92      ? QStringLiteral("pending")
                                          : QStringLiteral("failed");
                    } else {
                        g.status
                            = chance(2) ? QStringLiteral("failed") : QStringLiteral("completed");
                    }
                    if (g.status == QLatin1String("completed")) {
                        g.completed = std::min(g.created.addSecs(bounded(60, 240)), m_now);
                        g.updated = g.completed;
                        g.duration1 = bounded(140, 215);
                        g.duration2 = bounded(140, 215);
                        g.audio1
                            = m_opt.audioBase + QLatin1Char('/') + g.conv1 + QStringLiteral(".wav");
                        g.audio2
                            = m_opt.audioBase + QLatin1Char('/') + g.conv2 + QStringLiteral(".wav");
                        g.title
                            = QStringLiteral("%1's %2 Song").arg(recipientFirst, titleCase(theme));
                        g.lyrics = QString::fromUtf8(kLyricLines[bounded(0, count(kLyricLines))])
                            + QLatin1Char('\n')
                            + QString::fromUtf8(kLyricLines[bounded(0, count(kLyricLines))])
                            + QStringLiteral("\n") + recipientFirst
                            + QStringLiteral(", this one's for you");
                        lastDone = std::max(lastDone, g.completed);
                    } else if (g.status == QLatin1String("failed")) {
                        g.updated = std::min(g.created.addSecs(bounded(30, 200)), m_now);
                    } else if (g.status == QLatin1String("processing")) {
                        g.updated = std::min(g.created.addSecs(bounded(5, 60)), m_now);
                    }
                    f.gens << g;
                }
            }
            t = std::min(std::max(t, lastDone), m_now);
        }

        if (int(f.stage) >= int(FormStatus::PaymentInitiated)) {
            for (int s = 0; s < f.songs; ++s) {
                QList<int> done;
                for (const GenPlan &g : std::as_const(f.gens))
                    if (g.song == s && g.status == QLatin1String("completed"))
                        done << g.variation;
                f.selections.insert(s, done.isEmpty() ? 1 : done.at(bounded(0, int(done.size()))));
            }
            step(120, 2 * 86400);
            f.session = QStringLiteral("cs_test_") + alnum(24);
        }

        if (paidForm) {
            f.paid = step(60, 300);
            f.amount = 999;
            f.intent = QStringLiteral("pi_") + alnum(24);
            f.orderId = QStringLiteral("ord_") + alnum(14);
            f.orderStatus = QStringLiteral("completed");
            const QString slugBase = alnum(10);
            for (GenPlan &g : f.gens) {
                g.selected = f.selections.value(g.song) == g.variation;
                g.paid = g.selected;
            }
            if (f.stage == FormStatus::Delivered) {
                f.delivered = step(30, 86400);
                for (GenPlan &g : f.gens) {
                    if (g.selected) {
                        g.share = true;
                        g.slug = slugBase + QLatin1Char('-') + QString::number(g.song + 1);
                    }
                }
            }
            if (known == FormStatus::Refunded) {
                f.orderStatus = QStringLiteral("refunded");
                static const char *const reasons[]
                    = {"requested_by_customer", "duplicate", "fraudulent"};
                RefundPlan r;
                r.reason = QString::fromUtf8(reasons[bounded(0, 100) < 80 ? 0 : bounded(1, 3)]);
                r.note = r.reason == QLatin1String("requested_by_customer")
                    ? QStringLiteral("Customer said the voice did not suit the song")
                    : QString();
                r.at = step(3600, 10 * 86400);
                r.id = QStringLiteral("re_") + alnum(24);
                if (chance(20)) { // a partial refund first, the rest later
                    RefundPlan first = r;
                    first.amount = 500;
                    first.reason = QStringLiteral("requested_by_customer");
                    first.note = QStringLiteral("Partial refund: one song re-recorded");
                    r.id = QStringLiteral("re_") + alnum(24);
                    r.amount = 499;
                    r.at = step(3600, 3 * 86400);
                    f.refunds << first;
                } else {
                    r.amount = 999;
                }
                f.refunds << r;
            }
        }

        if (known == FormStatus::Expired)
            t = std::max(t, std::min(f.expires.addSecs(bounded(60, 3600)), m_now));
        else if (known == FormStatus::Unknown)
            step(600, 86400);
        f.updated = std::max(t, f.created);
        return f;
    }

    // Deliberate damage the dashboard must survive; each case on a different, named form.
    void makeMessy()
    {
        QSet<int> used;
        auto take = [&](const QString &kind, const QString &status, int songs = 0) -> FormPlan * {
            for (int i = 0; i < forms.size(); ++i) {
                FormPlan &f = forms[i];
                if (used.contains(i) || f.status != status || (songs && f.songs != songs))
                    continue;
                used.insert(i);
                f.messy = kind;
                return &f;
            }
            return nullptr;
        };
        if (FormPlan *f
            = take(QStringLiteral("malformedFormData"), QStringLiteral("variations_ready")))
            f->formDataRaw = QStringLiteral(
                "{\"recipientName\": \"Grace\", \"relationship\": \"mom\", \"theme\": \"birth");
        if (FormPlan *f = take(QStringLiteral("formDataArray"), QStringLiteral("created")))
            f->formDataRaw = QStringLiteral("[\"Grace\", \"mom\", \"birthday\"]");
        if (FormPlan *f
            = take(QStringLiteral("recipientNumber"), QStringLiteral("payment_initiated")))
            f->fields.insert(QStringLiteral("recipientName"), 42);
        if (FormPlan *f = take(QStringLiteral("hugeSpecialMoment"), QStringLiteral("delivered"))) {
            QString huge;
            huge.reserve(102400 + 200);
            int line = 0;
            while (huge.size() < 102400)
                huge
                    += QStringLiteral("Line %1: and then we laughed until the neighbours knocked. ")
                           .arg(++line);
            f->fields.insert(QStringLiteral("specialMoment"), huge);
        }
        if (FormPlan *f = take(QStringLiteral("markupNames"), QStringLiteral("variations_ready"))) {
            f->fields.insert(QStringLiteral("recipientName"), QStringLiteral("<b>Bob</b>"));
            f->fields.insert(QStringLiteral("senderName"),
                             QStringLiteral("<a href=\"javascript:alert(1)\">x</a>"));
        }
        if (FormPlan *f
            = take(QStringLiteral("javascriptAudioUrl"), QStringLiteral("variations_ready"))) {
            for (GenPlan &g : f->gens) {
                if (g.variation == 2 && g.song == 0)
                    g.status = QStringLiteral("completed");
            }
            f->audioUrlOverride.insert(QStringLiteral("0/2"),
                                       QStringLiteral("javascript:alert(document.cookie)"));
        }
        // A preview whose file is gone (MusicGPT keeps files for a limited time): the simulator
        // answers 404 "expired" for file names starting with "expired-".
        if (FormPlan *f
            = take(QStringLiteral("expiredPreview"), QStringLiteral("variations_ready"), 3)) {
            for (GenPlan &g : f->gens) {
                if (g.song == 1 && g.variation == 2) {
                    g.status = QStringLiteral("completed");
                    g.audio1 = m_opt.audioBase + QStringLiteral("/expired-") + g.conv1
                        + QStringLiteral(".wav");
                    if (!g.duration1)
                        g.duration1 = 180;
                }
            }
        }
        if (FormPlan *f
            = take(QStringLiteral("orphanTaskId"), QStringLiteral("variations_ready"), 1)) {
            for (GenPlan &g : f->gens) {
                if (g.variation == 3)
                    g.written = false;
            }
        }
        if (FormPlan *f
            = take(QStringLiteral("selectionConflict"), QStringLiteral("payment_completed"))) {
            // selected_variations keeps its choice; the generation rows claim another one.
            const int chosen = f->selections.value(0);
            for (GenPlan &g : f->gens) {
                if (g.song == 0)
                    g.selected = g.variation == (chosen % 3) + 1;
            }
        }
        if (FormPlan *f
            = take(QStringLiteral("taskIdsWrongShape"), QStringLiteral("variations_ready"), 1)) {
            QJsonArray ids;
            for (const GenPlan &g : std::as_const(f->gens))
                ids.append(g.taskId);
            f->taskIdsRaw
                = QString::fromUtf8(QJsonDocument(QJsonArray {ids}).toJson(QJsonDocument::Compact));
        }
        if (FormPlan *f
            = take(QStringLiteral("missingKeys"), QStringLiteral("prompts_generated"))) {
            f->fields = QJsonObject {{QStringLiteral("recipientName"), QStringLiteral("Sam")},
                                     {QStringLiteral("favouriteColour"), QStringLiteral("teal")}};
        }
    }

    // Needs attention: the money cases, on the first forms that fit (no random numbers drawn,
    // so every other row of the plan stays as it was).
    void makeAttention()
    {
        auto take = [this](const QString &kind, const QString &status) -> FormPlan * {
            for (FormPlan &f : forms) {
                if (f.messy.isEmpty() && f.attention.isEmpty() && f.status == status) {
                    f.attention = kind;
                    return &f;
                }
            }
            return nullptr;
        };
        if (FormPlan *f = take(QStringLiteral("duplicatePayment"), QStringLiteral("delivered"))) {
            f->duplicateOrderId = f->orderId + QStringLiteral("_2");
        }
        for (const auto &[kind, status] :
             {std::pair {QStringLiteral("refundPending"), QStringLiteral("pending")},
              std::pair {QStringLiteral("refundFailed"), QStringLiteral("failed")}}) {
            if (FormPlan *f = take(kind, QStringLiteral("delivered"))) {
                RefundPlan r;
                r.id = QStringLiteral("re_demo_") + f->id.right(9);
                r.status = status;
                r.amount = 999;
                r.reason = QStringLiteral("requested_by_customer");
                r.note = QStringLiteral("Customer asked for their money back");
                r.at = std::min(f->delivered.addSecs(3600), m_now);
                f->refunds << r;
            }
        }
        if (FormPlan *f = take(QStringLiteral("paidWithoutOrder"), QStringLiteral("delivered")))
            f->orderId.clear();
        if (FormPlan *f = take(QStringLiteral("orderWithoutForm"), QStringLiteral("created")))
            f->strayOrderId = QStringLiteral("ord_stray_") + f->id.right(9);
    }

    int bounded(int lo, int hi) { return int(m_rng.bounded(lo, hi)); } // [lo, hi)
    bool chance(int percent) { return bounded(0, 100) < percent; }
    template<std::size_t N> QString pick(const char *const (&list)[N])
    {
        return QString::fromUtf8(list[bounded(0, int(N))]);
    }
    QString alnum(int n)
    {
        static const char chars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
        QString s;
        s.reserve(n);
        for (int i = 0; i < n; ++i)
            s += QLatin1Char(chars[bounded(0, 36)]);
        return s;
    }
    QString uuid()
    {
        static const char hex[] = "0123456789abcdef";
        QString s;
        for (int i = 0; i < 32; ++i) {
            if (i == 8 || i == 12 || i == 16 || i == 20)
                s += QLatin1Char('-');
            s += QLatin1Char(hex[bounded(0, 16)]);
        }
        return s;
    }
    QString emailFor(const QString &first, const QString &last)
    {
        QString local = (first + QLatin1Char('.') + last).toLower();
        local.remove(QLatin1Char('\''));
        // Plain ASCII local parts, as most providers hand out.
        QString ascii;
        for (QChar c : local.normalized(QString::NormalizationForm_D)) {
            if (c.unicode() < 128)
                ascii += c;
        }
        if (ascii.isEmpty() || ascii == QLatin1String("."))
            ascii = QStringLiteral("customer");
        return ascii + QString::number(++m_emailCounter) + QLatin1Char('@') + pick(kDomains);
    }
    static QString titleCase(const QString &key)
    {
        QStringList words = key.split(QLatin1Char('-'));
        for (QString &w : words)
            if (!w.isEmpty())
                w[0] = w[0].toUpper();
        return words.join(QLatin1Char(' '));
    }

    QRandomGenerator m_rng;
    DemoOptions m_opt;
    QDateTime m_now;
    QSet<QString> m_formIds;
    int m_emailCounter = 0;
};

} // namespace

Plan plan(const DemoOptions &options)
{
    Planner planner(options);
    planner.plan();
    for (FormPlan &f : planner.forms)
        f.history = historyOf(f);
    return {planner.now(), planner.users, planner.forms};
}

QStringList attentionKinds()
{
    return {QStringLiteral("duplicatePayment"), QStringLiteral("refundPending"),
            QStringLiteral("refundFailed"), QStringLiteral("paidWithoutOrder"),
            QStringLiteral("orderWithoutForm")};
}

QStringList messyKinds()
{
    return {QStringLiteral("malformedFormData"), QStringLiteral("formDataArray"),
            QStringLiteral("recipientNumber"),   QStringLiteral("hugeSpecialMoment"),
            QStringLiteral("markupNames"),       QStringLiteral("javascriptAudioUrl"),
            QStringLiteral("orphanTaskId"),      QStringLiteral("selectionConflict"),
            QStringLiteral("taskIdsWrongShape"), QStringLiteral("missingKeys"),
            QStringLiteral("expiredPreview")};
}

} // namespace compose::demo
