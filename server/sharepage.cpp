#include "sharepage.h"

#include "apicontext.h"
#include "database.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QUrl>

namespace compose {

namespace {

bool isSlug(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]{1,100}$"));
    return re.match(s).hasMatch();
}

// Only http(s) audio is ever put on the page; its origin is the one media-src allows.
QString audioOrigin(const QString &url)
{
    const QUrl u(url);
    if (!u.isValid() || u.host().isEmpty()
        || (u.scheme() != QLatin1String("https") && u.scheme() != QLatin1String("http")))
        return {};
    return u
        .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                  | QUrl::RemoveUserInfo)
        .toString(QUrl::FullyEncoded);
}

const HttpExchange::Headers &safetyHeaders()
{
    static const HttpExchange::Headers h {{"X-Content-Type-Options", "nosniff"},
                                          {"Referrer-Policy", "no-referrer"},
                                          {"Cache-Control", "no-store"}};
    return h;
}

} // namespace

SharePage::SharePage(ApiContext *context)
    : m_ctx(context)
{
}

const QString &SharePage::style()
{
    static const QString s = QStringLiteral(
        "body{font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#222}"
        "h1{font-size:1.6rem}audio{width:100%;margin:.5rem 0 1.5rem}");
    return s;
}

QByteArray SharePage::styleHash()
{
    return "'sha256-"
        + QCryptographicHash::hash(style().toUtf8(), QCryptographicHash::Sha256).toBase64() + "'";
}

void SharePage::registerRoutes(HttpServer *server)
{
    server->addRoute("GET", QStringLiteral("/s/{slug}"),
                     [this](const HttpRequest &r, const Exchange &ex) {
                         serve(r.param(QStringLiteral("slug")), ex);
                     });
}

void SharePage::serve(const QString &slug, const Exchange &ex)
{
    auto plain = [&](int status, const QString &sentence) {
        ex->send(status, sentence.toUtf8() + '\n', "text/plain; charset=utf-8", safetyHeaders());
    };
    if (!isSlug(slug)) {
        plain(404, tr("There is no song at this address."));
        return;
    }
    QSqlQuery q = Db::prepare(
        m_ctx->db(),
        QStringLiteral(
            "SELECT g.share_slug_v1, g.share_slug_v2, g.share_enabled, g.audio_url_1, "
            "g.audio_url_2, g.title_1, "
            "g.title_2, f.status, f.form_data, g.form_id, "
            "(SELECT COUNT(*) FROM orders o WHERE o.form_id = g.form_id AND o.status = 'refunded') "
            "FROM music_generations g LEFT JOIN compose_forms f ON f.id = g.form_id "
            "WHERE g.share_slug_v1 = :s OR g.share_slug_v2 = :s2"));
    q.bindValue(QStringLiteral(":s"), slug);
    q.bindValue(QStringLiteral(":s2"), slug);
    Db::exec(q);
    if (!q.next()) {
        plain(404, tr("There is no song at this address."));
        return;
    }
    const bool shared = q.value(2).toBool();
    const bool refunded
        = q.value(7).toString() == QLatin1String("refunded") || q.value(10).toInt() > 0;
    if (!shared || refunded) {
        plain(410, tr("This song is no longer shared."));
        return;
    }
    const int version = q.value(1).toString() == slug ? 2 : 1;
    const QString recipient = ApiContext::readJson(q.value(8))
                                  .toObject()
                                  .value(QStringLiteral("recipientName"))
                                  .toString()
                                  .simplified();
    QString title = q.value(version == 2 ? 6 : 5).toString().simplified();
    if (title.isEmpty())
        title = recipient.isEmpty() ? tr("Your song") : tr("A song for %1").arg(recipient);

    // The shared version first, then MusicGPT's other version when there is one.
    QList<QPair<int, QString>> players {{version, q.value(version == 2 ? 4 : 3).toString()}};
    const QString other = q.value(version == 2 ? 3 : 4).toString();
    if (!other.isEmpty())
        players.append({version == 2 ? 1 : 2, other});
    QStringList origins;
    QString audio;
    for (const auto &[v, url] : std::as_const(players)) {
        const QString origin = audioOrigin(url);
        if (origin.isEmpty())
            continue;
        if (!origins.contains(origin))
            origins << origin;
        audio
            += QStringLiteral("<h2>%1</h2><audio controls preload=\"metadata\" src=\"%2\"></audio>")
                   .arg(tr("Version %1").arg(v).toHtmlEscaped(), url.toHtmlEscaped());
    }
    if (audio.isEmpty())
        audio = QStringLiteral("<p>%1</p>")
                    .arg(tr("The song's audio is not available at the moment.").toHtmlEscaped());

    QString html
        = QStringLiteral("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                         "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                         "<title>%1</title><style>%2</style></head><body><h1 id=\"title\">%1</h1>")
              .arg(title.toHtmlEscaped(), style());
    if (!recipient.isEmpty())
        html += QStringLiteral("<p id=\"recipient\">%1</p>")
                    .arg(tr("For %1").arg(recipient).toHtmlEscaped());
    html += audio + QStringLiteral("</body></html>");

    QByteArray csp = "default-src 'none'; style-src " + styleHash()
        + "; base-uri 'none'; form-action 'none'; "
          "frame-ancestors 'none'";
    if (!origins.isEmpty())
        csp += "; media-src " + origins.join(QLatin1Char(' ')).toUtf8();
    HttpExchange::Headers headers = safetyHeaders();
    headers.append({"Content-Security-Policy", csp});
    ex->send(200, html.toUtf8(), "text/html; charset=utf-8", headers);
}

} // namespace compose
