#pragma once

#include "httpserver.h"

namespace compose {

class ApiContext;

// The seed's /api/compose/forms: create, recover (GET ?formId=) and update (PATCH on the
// collection with formId in the body, or on /api/compose/forms/{formId}).
class FormRoutes {
public:
    explicit FormRoutes(ApiContext *context)
        : m_ctx(context)
    {
    }
    void registerRoutes(HttpServer *server);

    static int songCountFor(const QString &packageType); // 0 when unknown
    // A new form's id: form_<ms>_<20 base-36 digits from the system CSPRNG>.
    static QString newFormId();

private:
    void create(const HttpRequest &req, const Exchange &ex);
    void get(const QString &formId, const Exchange &ex);
    QString formIdForSession(const QString &sessionId) const;
    void patch(const HttpRequest &req, const Exchange &ex, const QString &pathFormId);

    ApiContext *m_ctx = nullptr;
    HttpServer *m_server = nullptr; // answers of the heavy-read pool come back on its thread
};

} // namespace compose
