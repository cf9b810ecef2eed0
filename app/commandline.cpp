#include "commandline.h"

#include <QFile>
#include "deeplink.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <cstring>

namespace compose {

namespace {
QString tr(const char *s)
{
    return QCoreApplication::translate("CommandLine", s);
}
} // namespace

void CommandLine::setApplicationInfo()
{
    // Settings: ~/.config/ComposeDesk/compose-dashboard.conf; data (the demo database):
    // ~/.local/share/ComposeDesk/compose-dashboard/.
    QCoreApplication::setOrganizationName(QStringLiteral("ComposeDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("compose-dashboard"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COMPOSE_VERSION));
}

bool CommandLine::isHeadless(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        if (std::strcmp(a, "--export") == 0 || std::strncmp(a, "--export=", 9) == 0
            || std::strcmp(a, "--migrate") == 0 || std::strcmp(a, "--help") == 0
            || std::strcmp(a, "-h") == 0 || std::strcmp(a, "--help-all") == 0
            || std::strcmp(a, "--version") == 0 || std::strcmp(a, "-v") == 0)
            return true;
    }
    return false;
}

std::optional<CommandLineOptions> CommandLine::parse(const QStringList &arguments, QString *error)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        tr("Compose Desk: the support dashboard of the personalised-song shop.\n"
           "Without --database-url it uses libpq's PG* variables when PGHOST or PGDATABASE is "
           "set, else the last connection, else asks."));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption url(
        QStringLiteral("database-url"),
        tr("postgresql://user@host:port/db?sslmode=require or sqlite:///path/file.db"), tr("url"));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        tr("Open the embedded demo database (created with generated data on first use)."));
    const QCommandLineOption migrate(
        QStringLiteral("migrate"),
        tr("Apply pending schema migrations to the database, print them and exit."));
    const QCommandLineOption exportKind(QStringLiteral("export"),
                                        tr("Print the status funnel or a list of forms and exit."),
                                        QStringLiteral("funnel|forms"));
    const QCommandLineOption status(QStringLiteral("status"),
                                    tr("Export only forms in this status."), tr("status"));
    const QCommandLineOption format(QStringLiteral("format"), tr("Export format (default csv)."),
                                    QStringLiteral("csv|json"), QStringLiteral("csv"));
    const QCommandLineOption from(QStringLiteral("from"),
                                  tr("Export forms created on or after this UTC day."),
                                  QStringLiteral("YYYY-MM-DD"));
    const QCommandLineOption to(QStringLiteral("to"),
                                tr("Export forms created on or before this UTC day."),
                                QStringLiteral("YYYY-MM-DD"));
    const QCommandLineOption package(
        QStringLiteral("package"), tr("Export only this package (solo-serenade, holiday-hamper)."),
        tr("package"));
    const QCommandLineOption output(
        QStringLiteral("output"),
        tr("Write the export to this file (replaced only when complete)."), tr("file"));
    const QCommandLineOption api(QStringLiteral("api-url"), tr("Base URL of compose-api."),
                                 tr("url"));
    const QCommandLineOption apiCa(
        QStringLiteral("api-ca"),
        tr("Trust only the certificate authority in this PEM file for an https:// --api-url "
           "(default: $COMPOSE_API_CA, else the system's authorities)."),
        tr("file"), qEnvironmentVariable("COMPOSE_API_CA"));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     tr("Print diagnostic messages to stderr."));
    const QCommandLineOption form(QStringLiteral("form"),
                                  tr("Open the dashboard on this form (id, e-mail, cs_… or pi_…)."),
                                  tr("id"));
    p.addOptions({url, demo, migrate, exportKind, status, format, from, to, package, output, api,
                  verbose, form});
    p.addOption(apiCa);

    auto fail = [&](const QString &why) -> std::optional<CommandLineOptions> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!p.parse(arguments))
        return fail(p.errorText());
    if (p.isSet(QStringLiteral("help")))
        p.showHelp(0);
    if (p.isSet(QStringLiteral("version")))
        p.showVersion();
    // One positional argument is allowed: a compose-desk://form/ID link (the desktop's URL
    // handler starts the dashboard with it).
    const QStringList positional = p.positionalArguments();
    const bool link = positional.size() == 1 && DeepLink::isLink(positional.constFirst());
    if (!positional.isEmpty() && !link)
        return fail(tr("Unexpected argument \"%1\"; see --help.").arg(positional.constFirst()));

    CommandLineOptions o;
    o.verbose = p.isSet(verbose);
    o.form = p.value(form).trimmed();
    if (link) {
        QString why;
        o.form = DeepLink::formId(positional.constFirst(), &why);
        if (o.form.isEmpty())
            return fail(why);
    }
    o.demo = p.isSet(demo);
    if (p.isSet(url)) {
        QString why;
        o.connection = ConnectionSettings::fromUrl(p.value(url), &why);
        if (!o.connection)
            return fail(why);
        if (o.demo)
            return fail(tr("Use either --demo or --database-url, not both."));
    }
    if (p.isSet(migrate) && p.isSet(exportKind))
        return fail(tr("Use either --migrate or --export, not both."));
    if (p.isSet(migrate))
        o.mode = CommandLineOptions::Mode::Migrate;

    const bool exporting = p.isSet(exportKind);
    if (exporting) {
        o.mode = CommandLineOptions::Mode::Export;
        o.exportKind = p.value(exportKind).toLower();
        if (o.exportKind != QLatin1String("funnel") && o.exportKind != QLatin1String("forms"))
            return fail(
                tr("--export takes \"funnel\" or \"forms\", not \"%1\".").arg(p.value(exportKind)));
        const auto f = FormExporter::formatFromKey(p.value(format));
        if (!f)
            return fail(tr("--format takes \"csv\" or \"json\", not \"%1\".").arg(p.value(format)));
        o.format = *f;
        if (p.isSet(status) && o.exportKind != QLatin1String("forms"))
            return fail(tr("--status applies to --export forms only."));
        o.status = p.value(status);
        o.package = p.value(package);
        o.output = p.value(output);
        for (const auto &[opt, date] : {std::pair {&from, &o.from}, std::pair {&to, &o.to}}) {
            if (!p.isSet(*opt))
                continue;
            *date = QDate::fromString(p.value(*opt), Qt::ISODate);
            if (!date->isValid())
                return fail(tr("--%1 takes a date as YYYY-MM-DD, not \"%2\".")
                                .arg(opt->names().constFirst(), p.value(*opt)));
        }
        if (o.from.isValid() && o.to.isValid() && o.from > o.to)
            return fail(tr("--from is after --to."));
    } else {
        for (const QCommandLineOption *opt : {&status, &from, &to, &package, &output}) {
            if (p.isSet(*opt))
                return fail(tr("--%1 is an option of --export.").arg(opt->names().constFirst()));
        }
    }
    if (p.isSet(api)) {
        o.apiUrl = QUrl(p.value(api), QUrl::StrictMode);
        const QString scheme = o.apiUrl.scheme();
        if (!o.apiUrl.isValid()
            || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            return fail(
                tr("--api-url takes an http:// or https:// URL, not \"%1\".").arg(p.value(api)));
    }
    if (!p.value(apiCa).isEmpty()) {
        // Read now, before any window exists: the UI thread does no file I/O later.
        QFile f(p.value(apiCa));
        if (!f.open(QIODevice::ReadOnly))
            return fail(tr("--api-ca: cannot read %1 (%2).").arg(p.value(apiCa), f.errorString()));
        o.apiCaPem = f.read(1024 * 1024);
        if (!o.apiCaPem.contains("-----BEGIN CERTIFICATE-----"))
            return fail(tr("--api-ca: %1 holds no PEM certificate.").arg(p.value(apiCa)));
    }
    return o;
}

std::optional<ConnectionSettings> CommandLine::environmentConnection()
{
    if (qEnvironmentVariableIsEmpty("PGHOST") && qEnvironmentVariableIsEmpty("PGDATABASE"))
        return std::nullopt;
    ConnectionSettings s;
    s.dialect = SqlDialect::PostgreSQL;
    s.host = qEnvironmentVariable("PGHOST");
    bool ok = false;
    const int port = qEnvironmentVariable("PGPORT").toInt(&ok);
    s.port = ok && port > 0 ? port : -1;
    s.database = qEnvironmentVariable("PGDATABASE");
    s.user = qEnvironmentVariable("PGUSER");
    return s;
}

void CommandLine::printError(const QString &message)
{
    // libpq's messages span lines ("…failed: Connection refused\n\tIs the server running…").
    const QByteArray line
        = QStringLiteral("compose-dashboard: %1\n").arg(message.simplified()).toLocal8Bit();
    std::fputs(line.constData(), stderr);
    std::fflush(stderr);
}

} // namespace compose
