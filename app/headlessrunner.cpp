#include "headlessrunner.h"

#include "appsettings.h"
#include "database.h"
#include "demodatabase.h"
#include "formexporter.h"
#include "migrator.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

#include <cstdio>

namespace compose {

namespace {

// lupdate files Text::tr() under the context Q_DECLARE_TR_FUNCTIONS names, the same one
// translate() asks for at run time; a free tr() wrapper left its strings under no context.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(HeadlessRunner)
};

void quietMessages(QtMsgType, const QMessageLogContext &, const QString &)
{
    // Scripts read stdout and expect one line on stderr on failure; Qt's and our diagnostics
    // (e.g. the failing SQL) would be noise there. --verbose brings them back.
}

const QString kConnection = QStringLiteral("compose_headless");

} // namespace

int HeadlessRunner::run(const QStringList &arguments)
{
    QString error;
    const auto options = CommandLine::parse(arguments, &error);
    if (!options) {
        CommandLine::printError(error);
        return CommandLine::UsageError;
    }
    if (!options->verbose)
        qInstallMessageHandler(quietMessages);
    HeadlessRunner runner(*options);
    const auto settings = runner.resolveConnection(&error);
    if (!settings) {
        CommandLine::printError(error);
        return CommandLine::UsageError;
    }
    int code = CommandLine::Failure;
    try {
        code = options->mode == CommandLineOptions::Mode::Migrate ? runner.migrate(*settings)
                                                                  : runner.exportData(*settings);
    } catch (const DbError &e) {
        CommandLine::printError(e.message());
        code = CommandLine::Failure;
    }
    Db::close(kConnection);
    return code;
}

std::optional<ConnectionSettings> HeadlessRunner::resolveConnection(QString *error) const
{
    if (m_options.connection)
        return m_options.connection;
    if (m_options.demo) {
        try {
            return DemoDatabase::prepare().settings;
        } catch (const DbError &e) {
            *error = e.message();
            return std::nullopt;
        }
    }
    if (auto env = CommandLine::environmentConnection())
        return env;
    // Exports may reuse the remembered connection; migrations must name their database.
    if (m_options.mode == CommandLineOptions::Mode::Export) {
        if (auto last = AppSettings().lastConnection())
            return last;
    }
    *error
        = Text::tr("No database given: use --database-url URL, set PGHOST/PGDATABASE, or --demo.");
    return std::nullopt;
}

int HeadlessRunner::migrate(const ConnectionSettings &settings)
{
    QSqlDatabase db = Db::open(settings, kConnection);
    Migrator migrator(db);
    const int before = migrator.currentVersion();
    const QStringList applied = migrator.migrate();
    QByteArray text;
    if (applied.isEmpty()) {
        text = Text::tr("%1 is up to date at schema version %2.\n")
                   .arg(settings.displayName())
                   .arg(before)
                   .toUtf8();
    } else {
        for (const QString &name : applied)
            text += Text::tr("applied %1\n").arg(name).toUtf8();
        text += Text::tr("%1 is now at schema version %2 (was %3).\n")
                    .arg(settings.displayName())
                    .arg(migrator.currentVersion())
                    .arg(before)
                    .toUtf8();
    }
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    std::fflush(stdout);
    return CommandLine::Ok;
}

int HeadlessRunner::exportData(const ConnectionSettings &settings)
{
    QSqlDatabase db = Db::open(settings, kConnection);
    FormExporter exporter(db);

    // A file is replaced only when the whole export succeeded; stdout is streamed and a failure
    // half-way shows as the non-zero exit status.
    std::unique_ptr<QIODevice> out;
    QSaveFile *file = nullptr;
    if (m_options.output.isEmpty()) {
        auto stdoutFile = std::make_unique<QFile>();
        if (!stdoutFile->open(stdout, QIODevice::WriteOnly))
            throw DbError(Text::tr("Cannot write to standard output."));
        out = std::move(stdoutFile);
    } else {
        auto saveFile = std::make_unique<QSaveFile>(m_options.output);
        if (!saveFile->open(QIODevice::WriteOnly))
            throw DbError(
                Text::tr("Cannot write %1: %2").arg(m_options.output, saveFile->errorString()));
        file = saveFile.get();
        out = std::move(saveFile);
    }

    if (m_options.exportKind == QLatin1String("funnel")) {
        FunnelQuery q;
        q.from = m_options.from;
        q.to = m_options.to;
        q.package = m_options.package;
        exporter.exportFunnel(q, m_options.format, out.get());
    } else {
        FormListQuery q;
        q.statusKey = m_options.status;
        q.package = m_options.package;
        q.from = m_options.from;
        q.to = m_options.to;
        q.sort = {ListSort::Created, Qt::AscendingOrder};
        exporter.exportForms(q, m_options.format, out.get());
    }
    if (file && !file->commit())
        throw DbError(Text::tr("Cannot write %1: %2").arg(m_options.output, file->errorString()));
    if (!file)
        static_cast<QFile *>(out.get())->flush();
    return CommandLine::Ok;
}

} // namespace compose
