#include "guitestdata.h"

#include "seedrows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace compose::test {

namespace {

QString json(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
QString json(const QJsonArray &a)
{
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

const char *const Recipients[]
    = {"Margaret", "Oliver", "Priya", "Tomás",  "Hannah", "Kenji", "Amara",  "Lukas",
       "Sofia",    "Declan", "Mei",   "Rafael", "Ingrid", "Kwame", "Elodie", "Ravi"};
const char *const Senders[]
    = {"Grandma Jo", "Sam", "The Patel family", "Lucía", "Ben & Ava", "Noah", "Aunt Ruth", "Mateo"};
const char *const Relationships[]
    = {"mother", "partner", "best friend", "grandfather", "daughter", "colleague"};
const char *const Themes[] = {"birthday", "anniversary", "christmas", "thank you", "graduation"};
const char *const Vibes[]
    = {"warm acoustic", "upbeat pop", "gentle lullaby", "swing", "country ballad"};

QString formData(int i, const QString &recipient)
{
    QJsonObject o;
    o.insert(QStringLiteral("recipientName"), recipient);
    o.insert(QStringLiteral("relationship"), QLatin1String(Relationships[i % 6]));
    o.insert(QStringLiteral("theme"), QLatin1String(Themes[i % 5]));
    o.insert(QStringLiteral("senderName"), QString::fromUtf8(Senders[i % 8]));
    o.insert(QStringLiteral("specialMoment"),
             QStringLiteral("The summer we drove to the coast and sang all the way"));
    o.insert(QStringLiteral("voiceType"),
             i % 2 ? QStringLiteral("female") : QStringLiteral("male"));
    o.insert(QStringLiteral("vibe"), QLatin1String(Vibes[i % 5]));
    return json(o);
}

QString prompts(int songs, const QString &recipient)
{
    QJsonArray a;
    for (int s = 0; s < songs; ++s)
        a.append(QStringLiteral("A %1 song for %2, verse %3 about their shared memories")
                     .arg(s == 0 ? QStringLiteral("warm") : QStringLiteral("festive"), recipient)
                     .arg(s + 1));
    return json(a);
}

} // namespace

DashboardSeed seedDashboard(const QSqlDatabase &db, const QDateTime &now)
{
    DashboardSeed seed;
    insertUser(db, QStringLiteral("u_jane"), QStringLiteral("jane.porter@example.net"),
               QStringLiteral("Jane Porter"));
    insertUser(db, QStringLiteral("u_omar"), QStringLiteral("omar.haddad@example.net"),
               QStringLiteral("Omar Haddad"));

    const struct {
        const char *status;
        int count;
    } plan[] = {{"created", 8},          {"prompts_generated", 6}, {"variations_generating", 6},
                {"variations_ready", 7}, {"payment_initiated", 5}, {"payment_completed", 7},
                {"delivered", 5},        {"expired", 2},           {"refunded", 2},
                {"awaiting_review", 1}};

    int i = 0;
    for (const auto &p : plan) {
        const QString status = QLatin1String(p.status);
        for (int k = 0; k < p.count; ++k, ++i) {
            FormSpec f;
            f.id = QStringLiteral("form_%1").arg(1000 + i * 37, 6, 10, QLatin1Char('0'));
            const bool bundle = i % 4 == 3;
            f.packageType
                = bundle ? QStringLiteral("holiday-hamper") : QStringLiteral("solo-serenade");
            f.songCount = bundle ? 3 : 1;
            QString recipient = QString::fromUtf8(Recipients[i % 16]);
            if (status == QLatin1String("payment_completed") && k == 0) {
                recipient = QStringLiteral("<b>Bob</b> <a href=\"x\">click</a>");
                seed.markupFormId = f.id;
                seed.markupRecipient = recipient;
            }
            f.formData = formData(i, recipient);
            f.status = status;
            // Days back: spread over three weeks; a few delivered/expired ones are older.
            const bool old = (status == QLatin1String("delivered") && k < 2)
                || status == QLatin1String("expired");
            const int daysBack = old ? 40 + k : (i * 7) % 21;
            f.createdAt = now.addDays(-daysBack).addSecs(-(i * 613) % 36000);
            f.updatedAt = qMin(f.createdAt.addSecs(1800 + i * 60), now.addSecs(-60 - i));
            f.expiresAt
                = status == QLatin1String("expired") ? now.addDays(-2) : f.createdAt.addDays(7);
            seed.olderThan30Days += old ? 1 : 0;
            if (i % 5 == 1) {
                f.userId = i % 10 == 1 ? QStringLiteral("u_jane") : QStringLiteral("u_omar");
                f.guestEmail = std::nullopt;
                if (seed.userFormId.isEmpty())
                    seed.userFormId = f.id;
            } else {
                f.guestEmail = QStringLiteral("%1.guest%2@example.com")
                                   .arg(recipient.left(1).toLower())
                                   .arg(i);
            }
            if (status == QLatin1String("delivered") && k == 2) {
                seed.searchEmail = QStringLiteral("dana.whitfield@example.org");
                seed.emailFormId = f.id;
                f.userId = std::nullopt;
                f.guestEmail = seed.searchEmail;
            }
            const bool started = status != QLatin1String("created");
            f.generatedPrompts = started ? prompts(f.songCount, recipient) : QStringLiteral("[]");
            const bool paidish = status == QLatin1String("payment_completed")
                || status == QLatin1String("delivered") || status == QLatin1String("refunded");
            if (paidish || status == QLatin1String("payment_initiated"))
                f.stripeSessionId = QStringLiteral("cs_test_a1%1").arg(i, 4, 10, QLatin1Char('0'));
            if (paidish) {
                f.stripePaymentIntentId
                    = QStringLiteral("pi_3Pz%1").arg(i, 6, 10, QLatin1Char('0'));
                f.amountPaid = 999;
                f.paidAt = f.createdAt.addSecs(3000);
                if (status == QLatin1String("refunded") && k == 1) {
                    seed.paymentIntent = QStringLiteral("pi_3QrefundFindMe42");
                    seed.intentFormId = f.id;
                    f.stripePaymentIntentId = seed.paymentIntent;
                }
            }
            const bool hasVariations = status == QLatin1String("variations_ready")
                || status == QLatin1String("payment_initiated") || paidish
                || status == QLatin1String("expired");
            if (hasVariations) {
                insertCompleteForm(db, f, 1 + i % 3);
            } else if (status == QLatin1String("variations_generating")) {
                QJsonObject tasks;
                for (int s = 0; s < f.songCount; ++s) {
                    QJsonArray t;
                    for (int v = 1; v <= 3; ++v)
                        t.append(QStringLiteral("%1_t%2_%3").arg(f.id).arg(s).arg(v));
                    tasks.insert(QString::number(s), t);
                }
                f.variationTaskIds = json(tasks);
                insertForm(db, f);
                for (int s = 0; s < f.songCount; ++s)
                    for (int v = 1; v <= 3; ++v) {
                        GenerationSpec g;
                        g.taskId = QStringLiteral("%1_t%2_%3").arg(f.id).arg(s).arg(v);
                        g.id = QStringLiteral("g_") + g.taskId;
                        g.formId = f.id;
                        g.songIndex = s;
                        g.variationIndex = v;
                        g.status
                            = v == 1 ? QStringLiteral("COMPLETED") : QStringLiteral("IN_PROGRESS");
                        g.createdAt = f.createdAt;
                        insertGeneration(db, g);
                    }
            } else {
                insertForm(db, f);
            }
            if (paidish)
                insertOrder(db, QStringLiteral("ord_") + f.id, f.id, 999, f.userId, f.guestEmail);
            seed.statusCounts[status] += 1;
            ++seed.total;
        }
    }

    // The bundle under inspection: 9 variations, one disagreement, one failure.
    FormSpec b;
    b.id = QStringLiteral("form_hamper_9v");
    b.packageType = QStringLiteral("holiday-hamper");
    b.songCount = 3;
    b.formData = formData(3, QStringLiteral("Evelyn Hargreaves"));
    b.generatedPrompts = prompts(3, QStringLiteral("Evelyn Hargreaves"));
    b.status = QStringLiteral("variations_ready");
    b.guestEmail = QStringLiteral("holiday.shopper@example.com");
    b.createdAt = now.addDays(-1);
    b.updatedAt = now.addSecs(-600);
    QJsonObject tasks, urls;
    for (int s = 0; s < 3; ++s) {
        QJsonArray t;
        QJsonObject u;
        for (int v = 1; v <= 3; ++v) {
            const QString task = QStringLiteral("tk_hamper_s%1_v%2").arg(s).arg(v);
            t.append(task);
            if (!(s == 2 && v == 2))
                u.insert(QString::number(v),
                         QStringLiteral("https://cdn.example.com/%1.mp3").arg(task));
        }
        tasks.insert(QString::number(s), t);
        urls.insert(QString::number(s), u);
    }
    b.variationTaskIds = json(tasks);
    b.variationAudioUrls = json(urls);
    b.selectedVariations = QStringLiteral(R"({"0": 1})");
    insertForm(db, b);
    seed.conflictTaskId = QStringLiteral("tk_hamper_s1_v1");
    seed.failedTaskId = QStringLiteral("tk_hamper_s2_v2");
    for (int s = 0; s < 3; ++s)
        for (int v = 1; v <= 3; ++v) {
            GenerationSpec g;
            g.taskId = QStringLiteral("tk_hamper_s%1_v%2").arg(s).arg(v);
            g.id = QStringLiteral("g_") + g.taskId;
            g.formId = b.id;
            g.songIndex = s;
            g.variationIndex = v;
            g.status = g.taskId == seed.failedTaskId ? QStringLiteral("failed")
                                                     : QStringLiteral("completed");
            if (g.taskId != seed.failedTaskId) {
                g.audioUrl1 = QStringLiteral("https://cdn.example.com/%1%2.mp3")
                                  .arg(g.taskId,
                                       g.taskId == seed.conflictTaskId ? QStringLiteral("-regen")
                                                                       : QString());
                g.duration1 = 58 + s * 3 + v;
            }
            g.isSelected = s == 0 && v == 1;
            g.createdAt = b.createdAt.addSecs(120);
            insertGeneration(db, g);
        }
    seed.bundleFormId = b.id;
    seed.statusCounts[b.status] += 1;
    ++seed.total;
    return seed;
}

} // namespace compose::test
