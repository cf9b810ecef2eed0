#include "jsonpeer.h"

#include "httpserver.h"

namespace compose::test {

JsonPeer::JsonPeer()
    : m_server(std::make_unique<HttpServer>())
{
}

JsonPeer::~JsonPeer() = default;

void JsonPeer::route(const QByteArray &method, const QString &pattern, Handler handler)
{
    m_server->addRoute(method, pattern,
                       [handler = std::move(handler)](const HttpRequest &req, const Exchange &ex) {
                           const Reply reply = handler(req.headers);
                           ex->sendJson(reply.status, reply.body);
                       });
}

quint16 JsonPeer::listen(quint16 port)
{
    return m_server->listenPlain(QHostAddress::LocalHost, port);
}

} // namespace compose::test
