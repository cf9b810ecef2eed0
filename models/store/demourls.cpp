#include "demourls.h"

#include "database.h"

#include <QRegularExpression>
#include <QSqlQuery>

namespace compose {

namespace {
// Loopback origins only: a link to any other host is the shop's, never the demo API's.
const QRegularExpression &loopbackOrigin()
{
    static const QRegularExpression re(QStringLiteral("http://127\\.0\\.0\\.1:\\d{1,5}(?=/)"));
    return re;
}

QString origin(const QUrl &base)
{
    return base
        .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                  | QUrl::StripTrailingSlash)
        .toString();
}
} // namespace

QString DemoUrls::rebased(const QString &text, const QUrl &base)
{
    QString out = text;
    out.replace(loopbackOrigin(), origin(base));
    return out;
}

int DemoUrls::rebase(const QSqlDatabase &db, const QUrl &base)
{
    const QString target = origin(base);
    if (base.host() != QLatin1String("127.0.0.1") || base.port() <= 0)
        throw DbError(
            QStringLiteral("The demo's links can only follow a loopback API, not %1.").arg(target));
    const QString candidates = QStringLiteral("%http://127.0.0.1:%");
    struct Column {
        QString table;
        QString key;
        QString column;
    };
    const Column columns[] = {
        {QStringLiteral("compose_forms"), QStringLiteral("id"),
         QStringLiteral("variation_audio_urls")},
        {QStringLiteral("music_generations"), QStringLiteral("id"), QStringLiteral("audio_url_1")},
        {QStringLiteral("music_generations"), QStringLiteral("id"), QStringLiteral("audio_url_2")},
        {QStringLiteral("music_generations"), QStringLiteral("id"),
         QStringLiteral("audio_url_wav_1")},
        {QStringLiteral("music_generations"), QStringLiteral("id"),
         QStringLiteral("audio_url_wav_2")},
    };
    Db::Transaction tx(db);
    int changed = 0;
    for (const Column &c : columns) {
        // Table and column names are the fixed list above, never input.
        QSqlQuery select
            = Db::prepare(db,
                          QStringLiteral("SELECT %1, %2 FROM %3 WHERE %2 LIKE :candidates")
                              .arg(c.key, c.column, c.table));
        select.bindValue(QStringLiteral(":candidates"), candidates);
        Db::exec(select);
        // Collected first: rows are not rewritten under a running SELECT of the same table.
        QList<QPair<QVariant, QString>> rewrites;
        while (select.next()) {
            const QString was = select.value(1).toString();
            const QString now = rebased(was, base);
            if (now != was)
                rewrites.append({select.value(0), now});
        }
        select.finish();
        QSqlQuery update = Db::prepare(db,
                                       QStringLiteral("UPDATE %1 SET %2 = :value WHERE %3 = :key")
                                           .arg(c.table, c.column, c.key));
        for (const auto &[key, value] : std::as_const(rewrites)) {
            update.bindValue(QStringLiteral(":value"), value);
            update.bindValue(QStringLiteral(":key"), key);
            Db::exec(update);
        }
        changed += int(rewrites.size());
    }
    tx.commit();
    return changed;
}

} // namespace compose
