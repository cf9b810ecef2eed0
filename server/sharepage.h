#pragma once

#include "httpserver.h"

#include <QCoreApplication>

namespace compose {

class ApiContext;

// GET /s/{slug}: the page a customer's share link opens. One small HTML document, no
// third-party assets, a strict Content-Security-Policy (only the song's audio host may be
// loaded), the title and recipient as escaped text and an <audio> player per version of the
// paid variation. Unknown slug: 404; sharing off or the form refunded: 410 with a sentence.
class SharePage final {
    Q_DECLARE_TR_FUNCTIONS(SharePage)
    Q_DISABLE_COPY_MOVE(SharePage)
public:
    explicit SharePage(ApiContext *context);
    void registerRoutes(HttpServer *server);

    static const QString &style();
    static QByteArray styleHash(); // 'sha256-…' of style(), for the CSP

private:
    void serve(const QString &slug, const Exchange &ex);

    ApiContext *m_ctx = nullptr;
};

} // namespace compose
