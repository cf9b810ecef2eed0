#pragma once

#include "httpserver.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QUrl>

namespace compose {

class Outbound;

// MusicGPT on loopback, speaking its wire format under /sim/musicgpt: MusicAI returns a task
// with two conversion ids; byId reports IN_QUEUE → IN_PROGRESS → COMPLETED after the delay (or
// FAILED for every Nth task); one webhook per conversion; real WAV audio that answers 404
// once its time to live is over (as MusicGPT's files expire).
class MusicGptSimulator : public QObject {
    Q_OBJECT
public:
    MusicGptSimulator(Outbound *outbound, int delayMs, int failEvery, int audioTtlS,
                      QObject *parent = nullptr);
    void registerRoutes(HttpServer *server);
    void setBaseUrl(const QUrl &url)
    {
        m_base = url;
    } // the server's own base, without /sim/musicgpt
    int taskCount() const { return m_counter; }

private:
    struct Task {
        QString taskId;
        QString conversion[2];
        QString title;
        QString prompt;
        QString webhookUrl;
        int number = 0;
        bool fails = false;
        QElapsedTimer age;
    };
    void create(const HttpRequest &req, const Exchange &ex);
    void byId(const HttpRequest &req, const Exchange &ex);
    void audio(const HttpRequest &req, const Exchange &ex);
    void sendWebhooks(const QString &taskId);
    QString audioUrl(const QString &conversionId) const;
    QString stage(const Task &t) const;
    static bool authorised(const HttpRequest &req, const Exchange &ex);

    Outbound *m_outbound = nullptr;
    int m_delayMs = 2000;
    int m_failEvery = 0;
    int m_audioTtlS = 0;
    int m_counter = 0;
    QUrl m_base;
    QHash<QString, Task> m_tasks;
    QHash<QString, QString> m_taskOfConversion;
    QHash<QString, QByteArray> m_audio;
};

} // namespace compose
