#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <memory>

namespace compose {
class HttpServer;
}

namespace compose::test {

// A scripted JSON peer on loopback for the dashboard's client tests (compose-api as the client
// sees it). Built on compose-api's own HttpServer, so that QtHttpServer, whose API changed in
// Qt 6.5 and 6.8, is used in server/httpserver.cpp alone; the header names no server type, so a
// test can include it beside the client's headers (both have an ApiError).
class JsonPeer final {
    Q_DISABLE_COPY_MOVE(JsonPeer)
public:
    struct Reply {
        int status = 200;
        QJsonObject body;
    };
    // headers: lower-case names, as HttpRequest keeps them.
    using Handler = std::function<Reply(const QHash<QByteArray, QByteArray> &headers)>;

    JsonPeer();
    ~JsonPeer();

    // pattern as HttpServer::addRoute: "/api/admin/forms/{formId}/{action}".
    void route(const QByteArray &method, const QString &pattern, Handler handler);
    // Listens on 127.0.0.1 (port 0: any free one); returns the port, 0 when it cannot.
    quint16 listen(quint16 port = 0);

private:
    std::unique_ptr<HttpServer> m_server;
};

} // namespace compose::test
