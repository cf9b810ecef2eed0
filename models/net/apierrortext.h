#pragma once

#include <QCoreApplication>
#include <QString>

namespace compose {

// compose-api's error codes (docs/api.yaml, `error.code`) as sentences in the agent's language.
// The server's own `message` is English and written for developers; the dashboard shows the
// sentence for a code it knows and keeps the server's text for one it does not.
class ApiErrorText final {
    Q_DECLARE_TR_FUNCTIONS(compose::ApiErrorText)

public:
    // The translated sentence for a known code, or an empty string.
    static QString sentence(const QString &code);
    // Every code the table knows, for tests and docs.
    static QStringList knownCodes();
};

} // namespace compose
