#include "sharepage.h"

#include "apicontext.h"
#include "database.h"

#include <QCryptographicHash>
#include <QRegularExpression>
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
    const auto g = m_ctx->generations().bySlug(slug);
    if (!g) {
        plain(404, tr("There is no song at this address."));
        return;
    }
    const auto form = g->formId.isEmpty() ? std::nullopt : m_ctx->findForm(g->formId);
    const bool refunded = (form && form->statusKey == QLatin1String("refunded"))
        || (!g->formId.isEmpty() && m_ctx->generations().refundedOrders(g->formId) > 0);
    if (!g->shareEnabled.value_or(false) || refunded) {
        plain(410, tr("This song is no longer shared."));
        return;
    }
    const int version = g->shareSlug2 == slug ? 2 : 1;
    const QString recipient = form
        ? form->formData.toObject().value(QStringLiteral("recipientName")).toString().simplified()
        : QString();
    QString title = (version == 2 ? g->title2 : g->title1).simplified();
    if (title.isEmpty())
        title = recipient.isEmpty() ? tr("Your song") : tr("A song for %1").arg(recipient);

    // The shared version first, then MusicGPT's other version when there is one.
    QList<QPair<int, QString>> players {{version, version == 2 ? g->audioUrl2 : g->audioUrl1}};
    const QString other = version == 2 ? g->audioUrl1 : g->audioUrl2;
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
