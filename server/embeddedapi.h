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
class EmbeddedApi : public QObject
{
    Q_OBJECT
public:
    explicit EmbeddedApi(QObject *parent = nullptr);
    ~EmbeddedApi() override;

    void start(const compose::ServerConfig &config, const QString &staffName, const QString &staffRole);
    void stop();
    bool isRunning() const { return m_thread != nullptr; }

signals:
    void ready(const QUrl &baseUrl, const QString &token);
    void failed(const QString &message);

private:
    QThread *m_thread = nullptr;
};

} // namespace compose
