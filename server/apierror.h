#pragma once

#include <QJsonObject>
#include <QString>

#include <exception>

namespace compose {

// A refusal with its HTTP status; handlers throw it and the router turns it into the one error
// body of the API: {"error": {"code", "message", "details"}}.
class ApiError : public std::exception {
public:
    ApiError(int status, QString code, QString message, QJsonObject details = {})
        : m_status(status)
        , m_code(std::move(code))
        , m_message(std::move(message))
        , m_details(std::move(details))
    {
    }
    int status() const { return m_status; }
    const QString &code() const { return m_code; }
    const QString &message() const { return m_message; }
    const QJsonObject &details() const { return m_details; }
    // Seconds for a Retry-After header (429, 503); 0: none.
    int retryAfter() const { return m_retryAfterS; }
    void setRetryAfter(int seconds) { m_retryAfterS = seconds; }
    const char *what() const noexcept override { return "compose::ApiError"; }

    QJsonObject body() const
    {
        return QJsonObject {{QStringLiteral("error"),
                             QJsonObject {{QStringLiteral("code"), m_code},
                                          {QStringLiteral("message"), m_message},
                                          {QStringLiteral("details"), m_details}}}};
    }

    static ApiError badRequest(const QString &message, QJsonObject details = {})
    {
        return ApiError(400, QStringLiteral("bad_request"), message, std::move(details));
    }
    static ApiError notFound(const QString &message, QJsonObject details = {})
    {
        return ApiError(404, QStringLiteral("not_found"), message, std::move(details));
    }
    static ApiError conflict(const QString &code, const QString &message, QJsonObject details = {})
    {
        return ApiError(409, code, message, std::move(details));
    }

private:
    int m_status;
    QString m_code;
    QString m_message;
    QJsonObject m_details;
    int m_retryAfterS = 0;
};

} // namespace compose
