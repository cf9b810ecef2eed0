#pragma once

#include "serverconfig.h"

#include <QCommandLineOption>
#include <QList>

class QCommandLineParser;

namespace compose {

// compose-api's rate-limit options (issue 16), kept out of main.cpp's long list: each option
// falls back to an environment variable (COMPOSE_RATE_LIMIT_CLIENT, …) and then to
// ServerConfig's default. 0 turns a limit off.
class LimitOptions final {
public:
    LimitOptions();
    void addTo(QCommandLineParser &parser) const;
    // Fills config; false with *error naming the option when a value is not a number in range.
    bool apply(const QCommandLineParser &parser, ServerConfig &config, QString *error) const;

private:
    struct Option {
        QCommandLineOption option;
        const char *env;
        int ServerConfig::*field;
    };
    QList<Option> m_options;
};

} // namespace compose
