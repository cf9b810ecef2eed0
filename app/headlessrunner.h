#pragma once

#include "commandline.h"

namespace compose {

// compose-dashboard --export / --migrate: for scripts. Output on stdout (or --output), exactly
// one line on stderr when something goes wrong, Qt's own logging off unless --verbose.
class HeadlessRunner {
public:
    static int run(const QStringList &arguments); // the process exit code

private:
    explicit HeadlessRunner(CommandLineOptions options)
        : m_options(std::move(options))
    {
    }
    std::optional<ConnectionSettings> resolveConnection(QString *error) const;
    int migrate(const ConnectionSettings &settings);
    int exportData(const ConnectionSettings &settings);

    CommandLineOptions m_options;
};

} // namespace compose
