#pragma once

#include "serverconfig.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <QUrl>

namespace compose {

// compose-api inside another program (the dashboard's demo mode, tests): the whole ApiServer,
// with the simulators when config.simulate, on its own thread, on 127.0.0.1 and a free port.
// ready() hands back the base URL and a fresh token of the named staff account.
// config.port is ignored: by default the OS picks a free port; setPreferredPort() asks for a
// fixed one first (the demo's well-known 47811) and falls back to a free port when that one is
// taken, so callers must always use the URL ready() hands back.
class EmbeddedApi : public QObject {
    Q_OBJECT
public:
    explicit EmbeddedApi(QObject *parent = nullptr);
    ~EmbeddedApi() override;

    void start(const compose::ServerConfig &config, const QString &staffName,
               const QString &staffRole);
    void stop();
    bool isRunning() const { return m_thread != nullptr; }
    void setPreferredPort(quint16 port) { m_preferredPort = port; } // 0: any free port

signals:
    void ready(const QUrl &baseUrl, const QString &token);
    void failed(const QString &message);

private:
    QThread *m_thread = nullptr;
    quint16 m_preferredPort = 0;
};

} // namespace compose
