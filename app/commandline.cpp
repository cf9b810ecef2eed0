#include "commandline.h"

#include "deeplink.h"
#include "languages.h"
#include <QFile>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

#include <cstdio>
#include <cstring>

namespace compose {

namespace {
// lupdate files Text::tr() under the context Q_DECLARE_TR_FUNCTIONS names, the same one
// translate() asks for at run time; a free tr() wrapper left its strings under no context.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(CommandLine)
};
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
    p.setApplicationDescription(Text::tr(
        "Compose Desk: the support dashboard of the personalised-song shop.\n"
        "Without --database-url it uses libpq's PG* variables when PGHOST or PGDATABASE is "
        "set, else the last connection, else asks."));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption url(
        QStringLiteral("database-url"),
        Text::tr("postgresql://user@host:port/db?sslmode=require or sqlite:///path/file.db"),
        Text::tr("url"));
    const QCommandLineOption demo(
        QStringLiteral("demo"),
        Text::tr("Open the embedded demo database (created with generated data on first use)."));
    const QCommandLineOption migrate(
        QStringLiteral("migrate"),
        Text::tr("Apply pending schema migrations to the database, print them and exit."));
    const QCommandLineOption exportKind(
        QStringLiteral("export"), Text::tr("Print the status funnel or a list of forms and exit."),
        QStringLiteral("funnel|forms"));
    const QCommandLineOption status(QStringLiteral("status"),
                                    Text::tr("Export only forms in this status."),
                                    Text::tr("status"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    Text::tr("Export format (default csv)."),
                                    QStringLiteral("csv|json"), QStringLiteral("csv"));
    const QCommandLineOption from(QStringLiteral("from"),
                                  Text::tr("Export forms created on or after this UTC day."),
                                  QStringLiteral("YYYY-MM-DD"));
    const QCommandLineOption to(QStringLiteral("to"),
                                Text::tr("Export forms created on or before this UTC day."),
                                QStringLiteral("YYYY-MM-DD"));
    const QCommandLineOption package(
        QStringLiteral("package"),
        Text::tr("Export only this package (solo-serenade, holiday-hamper)."), Text::tr("package"));
    const QCommandLineOption output(
        QStringLiteral("output"),
        Text::tr("Write the export to this file (replaced only when complete)."), Text::tr("file"));
    const QCommandLineOption api(QStringLiteral("api-url"), Text::tr("Base URL of compose-api."),
                                 Text::tr("url"));
    const QCommandLineOption apiCa(
        QStringLiteral("api-ca"),
        Text::tr("Trust only the certificate authority in this PEM file for an https:// --api-url "
                 "(default: $COMPOSE_API_CA, else the system's authorities)."),
        Text::tr("file"), qEnvironmentVariable("COMPOSE_API_CA"));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     Text::tr("Print diagnostic messages to stderr."));
    const QCommandLineOption form(
        QStringLiteral("form"),
        Text::tr("Open the dashboard on this form (id, e-mail, cs_… or pi_…)."), Text::tr("id"));
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  Text::tr("Use this language (%1) instead of the system's.")
                                      .arg(Languages::available().join(QStringLiteral(", "))),
                                  QStringLiteral("de|en|es"));
    const QCommandLineOption palette(
        QStringLiteral("palette"), Text::tr("Use a light or dark palette instead of the system's."),
        QStringLiteral("light|dark"));
    p.addOptions({url, demo, migrate, exportKind, status, format, from, to, package, output, api,
                  verbose, form, lang, palette});
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
        return fail(
            Text::tr("Unexpected argument \"%1\"; see --help.").arg(positional.constFirst()));

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
    o.language = p.value(lang);
    if (p.isSet(lang) && !Languages::available().contains(o.language))
        return fail(Text::tr("--lang takes one of %1, not \"%2\".")
                        .arg(Languages::available().join(QStringLiteral(", ")), o.language));
    o.palette = p.value(palette).toLower();
    if (p.isSet(palette) && o.palette != QLatin1String("light")
        && o.palette != QLatin1String("dark"))
        return fail(
            Text::tr("--palette takes \"light\" or \"dark\", not \"%1\".").arg(p.value(palette)));
    if (p.isSet(url)) {
        QString why;
        o.connection = ConnectionSettings::fromUrl(p.value(url), &why);
        if (!o.connection)
            return fail(why);
        if (o.demo)
            return fail(Text::tr("Use either --demo or --database-url, not both."));
    }
    if (p.isSet(migrate) && p.isSet(exportKind))
        return fail(Text::tr("Use either --migrate or --export, not both."));
    if (p.isSet(migrate))
        o.mode = CommandLineOptions::Mode::Migrate;

    const bool exporting = p.isSet(exportKind);
    if (exporting) {
        o.mode = CommandLineOptions::Mode::Export;
        o.exportKind = p.value(exportKind).toLower();
        if (o.exportKind != QLatin1String("funnel") && o.exportKind != QLatin1String("forms"))
            return fail(Text::tr("--export takes \"funnel\" or \"forms\", not \"%1\".")
                            .arg(p.value(exportKind)));
        const auto f = FormExporter::formatFromKey(p.value(format));
        if (!f)
            return fail(
                Text::tr("--format takes \"csv\" or \"json\", not \"%1\".").arg(p.value(format)));
        o.format = *f;
        if (p.isSet(status) && o.exportKind != QLatin1String("forms"))
            return fail(Text::tr("--status applies to --export forms only."));
        o.status = p.value(status);
        o.package = p.value(package);
        o.output = p.value(output);
        for (const auto &[opt, date] : {std::pair {&from, &o.from}, std::pair {&to, &o.to}}) {
            if (!p.isSet(*opt))
                continue;
            *date = QDate::fromString(p.value(*opt), Qt::ISODate);
            if (!date->isValid())
                return fail(Text::tr("--%1 takes a date as YYYY-MM-DD, not \"%2\".")
                                .arg(opt->names().constFirst(), p.value(*opt)));
        }
        if (o.from.isValid() && o.to.isValid() && o.from > o.to)
            return fail(Text::tr("--from is after --to."));
    } else {
        for (const QCommandLineOption *opt : {&status, &from, &to, &package, &output}) {
            if (p.isSet(*opt))
                return fail(
                    Text::tr("--%1 is an option of --export.").arg(opt->names().constFirst()));
        }
    }
    if (p.isSet(api)) {
        o.apiUrl = QUrl(p.value(api), QUrl::StrictMode);
        const QString scheme = o.apiUrl.scheme();
        if (!o.apiUrl.isValid()
            || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
            return fail(Text::tr("--api-url takes an http:// or https:// URL, not \"%1\".")
                            .arg(p.value(api)));
    }
    if (!p.value(apiCa).isEmpty()) {
        // Read now, before any window exists: the UI thread does no file I/O later.
        QFile f(p.value(apiCa));
        if (!f.open(QIODevice::ReadOnly))
            return fail(
                Text::tr("--api-ca: cannot read %1 (%2).").arg(p.value(apiCa), f.errorString()));
        o.apiCaPem = f.read(1024 * 1024);
        if (!o.apiCaPem.contains("-----BEGIN CERTIFICATE-----"))
            return fail(Text::tr("--api-ca: %1 holds no PEM certificate.").arg(p.value(apiCa)));
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
