#pragma once

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

namespace compose {

// Which language the dashboard speaks and the translators that make it so. The .qm files are
// embedded (":/i18n/compose-desk_<lang>.qm"); Qt's own (qtbase_<lang>.qm, standard buttons and
// dialogs) come from Qt's translations directory (Debian: qt6-translations-l10n).
class Languages final {
    Q_DECLARE_TR_FUNCTIONS(compose::Languages)

public:
    // The languages with a complete translation; English is the source language.
    static QStringList available();
    // The value of --lang / --lang=X in raw arguments, before the parser runs (the parser's
    // own --help text must already be translated); empty when not given.
    static QString requested(const QStringList &arguments);
    // Installs translators on the running application for `language` ("de", "es", "en") or,
    // when empty, for the system's UI languages; makes that locale the default so QLocale()
    // formats dates, numbers and money to match. Returns false when `language` is not one of
    // available() (nothing is installed then, except the English plural forms).
    static bool install(const QString &language);
    // The locale install() chose.
    static QLocale locale();
};

} // namespace compose
