#include "outbound.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

namespace compose {

Outbound::Outbound(QObject *parent)
    : QObject(parent)
{
}

void Outbound::send(const QByteArray &method, const QUrl &url, const Headers &headers,
                    const QByteArray &body, QObject *context, Callback done, int timeoutMs)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutMs);
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    connect(reply, &QNetworkReply::finished, context, [reply, done = std::move(done)] {
        reply->deleteLater();
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        // A reply aborted by the transfer timeout is closed; reading it only warns.
        if (reply->isOpen())
            r.body = reply->readAll();
        if (r.status == 0)
            r.networkError = reply->errorString();
        for (const auto &pair : reply->rawHeaderPairs())
            r.headers.insert(pair.first.toLower(), pair.second);
        done(r);
    });
}

QByteArray Outbound::formEncode(const QList<QPair<QString, QString>> &fields)
{
    QByteArray out;
    for (const auto &f : fields) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(f.first) + '=' + QUrl::toPercentEncoding(f.second);
    }
    return out;
}

QList<QPair<QString, QString>> Outbound::formDecode(const QByteArray &body)
{
    QList<QPair<QString, QString>> out;
    for (const QByteArray &part : body.split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        QByteArray k = eq < 0 ? part : part.left(eq);
        QByteArray v = eq < 0 ? QByteArray() : part.mid(eq + 1);
        k.replace('+', ' ');
        v.replace('+', ' ');
        out.append({QUrl::fromPercentEncoding(k), QUrl::fromPercentEncoding(v)});
    }
    return out;
}

} // namespace compose
