#include "apiclient.h"

#include "apierrortext.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QUuid>

Q_LOGGING_CATEGORY(lcApiClient, "compose.api.client")

namespace compose {

ActionRequest ActionRequest::make(const QString &formId, StaffAction action,
                                  const QJsonObject &body, const QString &description)
{
    return {formId, action, body, QUuid::createUuid().toString(QUuid::WithoutBraces), description};
}

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ApiError>();
    qRegisterMetaType<StaffIdentity>();
    qRegisterMetaType<ActionResult>();
    qRegisterMetaType<AuditTrail>();
    m_nam = new QNetworkAccessManager(this);
    m_nam->setAutoDeleteReplies(true);
}

void ApiClient::setBaseUrl(const QUrl &url)
{
    m_base = url;
}

void ApiClient::setToken(const QString &token)
{
    m_token = token;
}

bool ApiClient::setCaCertificates(const QByteArray &pem, QString *error)
{
    const QList<QSslCertificate> cas = QSslCertificate::fromData(pem, QSsl::Pem);
    if (cas.isEmpty()) {
        if (error)
            *error = tr("The CA file holds no PEM certificate.");
        return false;
    }
    auto conf = std::make_shared<QSslConfiguration>(QSslConfiguration::defaultConfiguration());
    conf->setCaCertificates(cas);
    conf->setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_tls = std::move(conf);
    return true;
}

QString ApiClient::endpoint(StaffAction action)
{
    return Status::actionKey(action); // retry, deliver, redeliver, refund
}

QNetworkReply *ApiClient::send(const QByteArray &verb, const QString &path, const QJsonObject *body,
                               const QString &idempotencyKey)
{
    QUrl url = m_base;
    url.setPath(m_base.path().chopped(m_base.path().endsWith(QLatin1Char('/')) ? 1 : 0) + path);
    QNetworkRequest req(url);
    req.setTransferTimeout(m_timeoutMs);
    if (m_tls)
        req.setSslConfiguration(*m_tls);
    req.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    req.setRawHeader("Accept", "application/json");
    if (!idempotencyKey.isEmpty())
        req.setRawHeader("Idempotency-Key", idempotencyKey.toUtf8());
    QByteArray payload;
    if (body) {
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        payload = QJsonDocument(*body).toJson(QJsonDocument::Compact);
    }
    // Only the method and path are logged: bodies may hold customer e-mail, headers the token.
    qCDebug(lcApiClient) << verb << url.path();
    QNetworkReply *reply = m_nam->sendCustomRequest(req, verb, payload);
    // Certificate problems are shown to the agent, never ignored.
    connect(reply, &QNetworkReply::sslErrors, reply, [reply](const QList<QSslError> &errors) {
        QStringList why;
        for (const auto &e : errors)
            why << e.errorString();
        reply->setProperty("composeSslErrors", why.join(QStringLiteral("; ")));
    });
    return reply;
}

ApiError ApiClient::errorFrom(QNetworkReply *reply, const QByteArray &body)
{
    ApiError e;
    e.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError net = reply->error();
    if (e.httpStatus == 0 && net == QNetworkReply::NoError)
        return e;
    if (e.httpStatus >= 200 && e.httpStatus < 300)
        return e;
    QString serverMessage;
    const QJsonObject err
        = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    e.code = err.value(QStringLiteral("code")).toString();
    serverMessage = err.value(QStringLiteral("message")).toString();
    // A code the dashboard knows reads in the agent's language; the server's English text is
    // the fallback for a code added later.
    const QString known = ApiErrorText::sentence(e.code);
    if (!known.isEmpty())
        serverMessage = known;

    if (e.httpStatus == 0) {
        const QString ssl = reply->property("composeSslErrors").toString();
        if (!ssl.isEmpty() || net == QNetworkReply::SslHandshakeFailedError) {
            e.kind = ApiError::Kind::Tls;
            e.message = tr("The API's HTTPS certificate was not accepted: %1")
                            .arg(ssl.isEmpty() ? reply->errorString() : ssl);
            return e;
        }
        if (net == QNetworkReply::OperationCanceledError || net == QNetworkReply::TimeoutError) {
            e.kind = ApiError::Kind::Timeout;
            e.message
                = tr("The API did not answer in time. The action may or may not have been done; "
                     "trying again is safe and will not do it twice.");
            e.retryable = true;
            return e;
        }
        e.kind = ApiError::Kind::Network;
        e.message
            = tr("The API cannot be reached (%1). Nothing was changed by this attempt unless the "
                 "server got it; trying again is safe.")
                  .arg(reply->errorString());
        e.retryable = true;
        return e;
    }
    // 401/403 already say what a known code would; only a server's own text adds anything.
    const QString said = serverMessage.isEmpty() || !known.isEmpty()
        ? QString()
        : QStringLiteral(" ") + serverMessage;
    switch (e.httpStatus) {
    case 401:
        e.kind = ApiError::Kind::Unauthorized;
        e.message = tr("The API did not accept your staff token. Enter a valid one with the "
                       "\"Staff token…\" button at the top of the window.")
            + said;
        break;
    case 403:
        e.kind = ApiError::Kind::Forbidden;
        e.message = tr("Your role may not do this.") + said;
        break;
    case 404:
        e.kind = ApiError::Kind::NotFound;
        e.message
            = serverMessage.isEmpty() ? tr("The API does not know this form.") : serverMessage;
        break;
    case 409:
        e.kind = ApiError::Kind::Conflict;
        e.message = serverMessage.isEmpty() ? tr("The form's state does not allow this any more.")
                                            : serverMessage;
        // The same request is still running (or died and its lease has not run out yet):
        // trying again with the same key later is exactly what the server asks for.
        e.retryable = e.code == QLatin1String("idempotency_in_progress");
        break;
    case 400:
    case 413:
    case 422:
        e.kind = ApiError::Kind::Invalid;
        e.message = serverMessage.isEmpty() ? tr("The API refused the request as invalid.")
                                            : serverMessage;
        break;
    case 429:
        e.kind = ApiError::Kind::Server;
        e.message = tr("The API is busy (too many requests). Wait a moment and try again.");
        e.retryable = true;
        break;
    default:
        e.kind = e.httpStatus >= 500 ? ApiError::Kind::Server : ApiError::Kind::BadReply;
        e.message = tr("The API failed (HTTP %1).").arg(e.httpStatus) + said
            + (e.httpStatus >= 500 ? tr(" Trying again with the same request is safe.")
                                   : QString());
        e.retryable = e.httpStatus >= 500;
    }
    return e;
}

void ApiClient::whoAmI()
{
    if (!isConfigured()) {
        emit identityFailed(
            {ApiError::Kind::Unauthorized,
             0,
             {},
             m_base.isEmpty() ? tr("No API is configured.") : tr("No staff token is set."),
             false});
        return;
    }
    QNetworkReply *reply = send("GET", QStringLiteral("/api/admin/me"), nullptr, {});
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        const QByteArray body = reply->readAll();
        const ApiError e = errorFrom(reply, body);
        if (e.isError()) {
            emit identityFailed(e);
            return;
        }
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        StaffIdentity who {o.value(QStringLiteral("name")).toString(),
                           o.value(QStringLiteral("role")).toString()};
        if (who.name.isEmpty()) {
            emit identityFailed({ApiError::Kind::BadReply,
                                 200,
                                 {},
                                 tr("The API's answer to \"who am I\" was not understood."),
                                 false});
            return;
        }
        emit identityReady(who);
    });
}

quint64 ApiClient::addNote(const QString &formId, const QString &text,
                           const QString &idempotencyKey)
{
    const quint64 id = ++m_lastId;
    const QJsonObject body {{QStringLiteral("text"), text}};
    QNetworkReply *reply = send("POST",
                                QStringLiteral("/api/admin/forms/%1/notes")
                                    .arg(QString::fromUtf8(QUrl::toPercentEncoding(formId))),
                                &body, idempotencyKey);
    connect(reply, &QNetworkReply::finished, this, [this, reply, id] {
        const QByteArray body = reply->readAll();
        emit noteFinished(id, errorFrom(reply, body));
    });
    return id;
}

quint64 ApiClient::perform(const ActionRequest &request)
{
    const quint64 id = ++m_lastId;
    const QString path = !request.path.isEmpty()
        ? request.path
        : QStringLiteral("/api/admin/forms/%1/%2")
              .arg(QString::fromUtf8(QUrl::toPercentEncoding(request.formId)),
                   endpoint(request.action));
    QNetworkReply *reply = send("POST", path, &request.body, request.idempotencyKey);
    connect(reply, &QNetworkReply::finished, this, [this, reply, id, request] {
        const QByteArray body = reply->readAll();
        ActionResult r;
        r.request = request;
        r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = QJsonDocument::fromJson(body).object();
        r.error = errorFrom(reply, body);
        qCInfo(lcApiClient) << "action"
                            << (request.path.isEmpty() ? Status::actionKey(request.action)
                                                       : request.path)
                            << "on" << request.formId << "->" << r.httpStatus;
        emit actionFinished(id, r);
    });
    return id;
}

quint64 ApiClient::fetchAudit(const QString &formId)
{
    const quint64 id = ++m_lastId;
    QNetworkReply *reply = send("GET",
                                QStringLiteral("/api/admin/forms/%1/audit")
                                    .arg(QString::fromUtf8(QUrl::toPercentEncoding(formId))),
                                nullptr, {});
    connect(reply, &QNetworkReply::finished, this, [this, reply, id, formId] {
        const QByteArray body = reply->readAll();
        const ApiError e = errorFrom(reply, body);
        if (e.isError()) {
            emit auditFailed(id, e);
            return;
        }
        const QJsonObject o = QJsonDocument::fromJson(body).object();
        AuditTrail t;
        t.formId = formId;
        auto time = [](const QJsonValue &v) {
            return QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
        };
        for (const QJsonValue &v : o.value(QStringLiteral("audit")).toArray()) {
            const QJsonObject a = v.toObject();
            t.audit.append({a.value(QStringLiteral("id")).toInteger(),
                            time(a.value(QStringLiteral("at"))),
                            a.value(QStringLiteral("staff")).toString(),
                            a.value(QStringLiteral("action")).toString(),
                            a.value(QStringLiteral("request")).toObject(),
                            a.value(QStringLiteral("result")).toObject(),
                            a.value(QStringLiteral("httpStatus")).toInt()});
        }
        t.events = o.value(QStringLiteral("events")).toArray();
        t.deliveries = o.value(QStringLiteral("deliveries")).toArray();
        for (const QJsonValue &v : o.value(QStringLiteral("refunds")).toArray()) {
            const QJsonObject r = v.toObject();
            t.refunds.append({r.value(QStringLiteral("id")).toString(),
                              r.value(QStringLiteral("amount")).toInteger(),
                              r.value(QStringLiteral("currency")).toString(),
                              r.value(QStringLiteral("reason")).toString(),
                              r.value(QStringLiteral("note")).toString(),
                              r.value(QStringLiteral("status")).toString(),
                              time(r.value(QStringLiteral("at"))),
                              r.value(QStringLiteral("staff")).toString()});
        }
        if (o.contains(QStringLiteral("refundable"))
            && !o.value(QStringLiteral("refundable")).isNull())
            t.refundableCents = o.value(QStringLiteral("refundable")).toInteger();
        emit auditReady(id, t);
    });
    return id;
}

} // namespace compose
