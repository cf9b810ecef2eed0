#pragma once

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>

#include <functional>

namespace compose {

// Calls to MusicGPT and Stripe (or their simulators) without ever waiting on the server's
// thread: the answer comes back to a callback bound to a context object.
class Outbound : public QObject {
    Q_OBJECT
public:
    struct Reply {
        int status = 0; // 0: no HTTP answer (refused, timed out); see networkError
        QByteArray body;
        QString networkError;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        bool ok() const { return status >= 200 && status < 300; }
    };
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    using Callback = std::function<void(const Reply &)>;

    explicit Outbound(QObject *parent = nullptr);

    void send(const QByteArray &method, const QUrl &url, const Headers &headers,
              const QByteArray &body, QObject *context, Callback done, int timeoutMs = 20000);

    // application/x-www-form-urlencoded the way Stripe reads it (a[b][c]=v, spaces as %20).
    static QByteArray formEncode(const QList<QPair<QString, QString>> &fields);
    static QList<QPair<QString, QString>> formDecode(const QByteArray &body);

private:
    QNetworkAccessManager m_nam;
};

} // namespace compose
