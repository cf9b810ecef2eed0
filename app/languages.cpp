#include "languages.h"

#include <QLibraryInfo>
#include <QTranslator>

namespace compose {

namespace {
const QString kResourceDir = QStringLiteral(":/i18n");
const QString kPrefix = QStringLiteral("compose-desk");

QLocale &chosen()
{
    static QLocale locale = QLocale::system();
    return locale;
}

bool load(const QLocale &locale, const QString &name, const QString &dir)
{
    auto *t = new QTranslator(QCoreApplication::instance());
    if (t->load(locale, name, QStringLiteral("_"), dir)) {
        QCoreApplication::installTranslator(t);
        return true;
    }
    delete t;
    return false;
}
} // namespace

QStringList Languages::available()
{
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("es")};
}

QString Languages::requested(const QStringList &arguments)
{
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--lang") && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (a.startsWith(QLatin1String("--lang=")))
            return a.mid(7);
    }
    return {};
}

bool Languages::install(const QString &language)
{
    if (!language.isEmpty() && !available().contains(language)) {
        // Still install the English plural forms, so the error about --lang reads right.
        load(QLocale(QLocale::English), kPrefix, kResourceDir);
        return false;
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    chosen() = locale;
    if (!language.isEmpty())
        QLocale::setDefault(locale);
    // English is the source language: its .qm holds only the %n plural forms ("1 form",
    // "2 forms"); any language without a translation gets those too.
    if (!load(locale, kPrefix, kResourceDir))
        load(QLocale(QLocale::English), kPrefix, kResourceDir);
    // Qt's own texts (QDialogButtonBox's buttons, context menus of line edits); absent for
    // English, and not fatal when the package is missing.
    load(locale, QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return true;
}

QLocale Languages::locale()
{
    return chosen();
}

} // namespace compose
