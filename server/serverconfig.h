#pragma once

#include "connectionsettings.h"

#include <QHostAddress>
#include <QString>
#include <QUrl>

namespace compose {

// Every setting of compose-api in one plain value, filled from the command line by main() or
// by the dashboard's demo mode. Keys and the webhook secret live here in memory only; nothing
// logs this struct.
struct ServerConfig
{
    ConnectionSettings database;
    bool migrate = true;

    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 port = 8080; // 0: any free port

    // Where the outside services are. Empty while simulate is on: the in-process simulators.
    QUrl musicGptBaseUrl;
    QString musicGptKey;
    QUrl stripeBaseUrl;
    QString stripeKey;
    QString stripeWebhookSecret;

    // The address MusicGPT and Stripe should call back (webhooks) and that Checkout returns to.
    // Empty: http://<listen address>:<port>.
    QUrl publicBaseUrl;
    // Base of the customers' share links: {shareBase}/s/{slug}. Empty: this server's public base.
    QUrl shareBase = QUrl(QStringLiteral("http://127.0.0.1:8080"));

    bool simulate = false;
    int simDelayMs = 2000;
    int simFailEvery = 0;   // every Nth generation fails; 0 = never
    int simAudioTtlS = 0;   // simulated audio files answer 404 this long after creation; 0 = never

    int expiryIntervalS = 300;
    qint64 maxBodyBytes = 1024 * 1024;
};

} // namespace compose
