#pragma once

#include "connectionsettings.h"
#include "formexporter.h"

#include <QDate>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace compose {

struct CommandLineOptions {
    enum class Mode : quint8 { Gui, Export, Migrate };
    Mode mode = Mode::Gui;
    std::optional<ConnectionSettings> connection; // --database-url
    bool demo = false;
    QString exportKind; // "funnel" | "forms"
    FormExporter::Format format = FormExporter::Format::Csv;
    QString status; // --status, as spelled in the data
    QString package; // --package
    QDate from;
    QDate to;
    QString output; // --output FILE: written atomically; empty: stdout
    QUrl apiUrl;
    QByteArray apiCaPem; // --api-ca FILE, read here: the CA(s) that sign compose-api's certificate
    QString form; // --form: what to search for and open first
    bool verbose = false;
    QString language; // --lang: "de", "en", "es"; empty: the system's
    QString palette; // --palette: "light", "dark"; empty: the system's
};

// The command line of compose-dashboard. Headless modes (--export, --migrate, --help) must be
// recognised before any application object exists: they run on QCoreApplication, without a
// display.
class CommandLine {
public:
    enum ExitCode { Ok = 0, Failure = 1, UsageError = 2 };

    static void setApplicationInfo();
    static bool isHeadless(int argc, char **argv);
    // nullopt with *error for a bad command line; --help and --version print and exit here.
    static std::optional<CommandLineOptions> parse(const QStringList &arguments, QString *error);
    // libpq's own variables, used when PGHOST or PGDATABASE is set. The password is left to
    // libpq (PGPASSWORD, ~/.pgpass): it is never copied into the settings.
    static std::optional<ConnectionSettings> environmentConnection();
    // "compose-dashboard: <message>" as exactly one line on stderr.
    static void printError(const QString &message);
};

} // namespace compose
