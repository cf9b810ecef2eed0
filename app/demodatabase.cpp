#include "demodatabase.h"

#include "database.h"
#include "demourls.h"
#include "migrator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QThread>

namespace compose {

QString DemoDatabase::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("demo.db"));
}

DemoDatabase::Prepared DemoDatabase::prepare(const QString &path, const DemoOptions &options)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        throw DbError(QCoreApplication::translate(
                          "DemoDatabase", "Cannot create the folder %1 for the demo database.")
                          .arg(info.absolutePath()));
    Prepared out;
    out.settings.dialect = SqlDialect::SQLite;
    out.settings.database = info.absoluteFilePath();
    const QString name = QStringLiteral("compose_demo_setup_%1")
                             .arg(reinterpret_cast<quintptr>(QThread::currentThread()), 0, 16);
    try {
        QSqlDatabase db = Db::open(out.settings, name);
        // The demo database is ours, so bringing it up to date is not the "never migrate a
        // shop's database implicitly" case.
        out.migrationsApplied = Migrator(db).migrate();
        if (!DemoData::hasForms(db)) {
            out.data = DemoData::populate(db, options);
            out.populated = true;
        }
    } catch (...) {
        Db::close(name);
        throw;
    }
    Db::close(name);
    return out;
}

int DemoDatabase::followApi(const ConnectionSettings &settings, const QUrl &apiBase)
{
    const QString name = QStringLiteral("compose_demo_rebase_%1")
                             .arg(reinterpret_cast<quintptr>(QThread::currentThread()), 0, 16);
    int changed = 0;
    try {
        changed = DemoUrls::rebase(Db::open(settings, name), apiBase);
    } catch (...) {
        Db::close(name);
        throw;
    }
    Db::close(name);
    return changed;
}

} // namespace compose
