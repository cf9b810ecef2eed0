#include "formtypes.h"

#include <QCoreApplication>
#include <QLocale>

namespace compose {

QString Money::display() const
{
    // The order's currency gives the symbol, the user's locale its place and the separators
    // ("$9.99" in English, "9,99 $" in German).
    const QString cur = currency.toLower();
    QString symbol = currency.toUpper();
    if (cur == QLatin1String("usd"))
        symbol = QStringLiteral("$");
    else if (cur == QLatin1String("eur"))
        symbol = QStringLiteral("€");
    else if (cur == QLatin1String("gbp"))
        symbol = QStringLiteral("£");
    // The C/POSIX locale (no LANG set) would write "4.00$": read it as US English.
    const QLocale locale = QLocale().language() == QLocale::C
        ? QLocale(QLocale::English, QLocale::UnitedStates)
        : QLocale();
    return locale.toCurrencyString(double(cents) / 100.0, symbol, 2);
}

QString packageKey(Package p)
{
    switch (p) {
    case Package::Solo:
        return QStringLiteral("solo-serenade");
    case Package::Bundle:
        return QStringLiteral("holiday-hamper");
    case Package::Unknown:
        break;
    }
    return {};
}

Package packageFromKey(QStringView key)
{
    if (key == QLatin1String("solo-serenade"))
        return Package::Solo;
    if (key == QLatin1String("holiday-hamper"))
        return Package::Bundle;
    return Package::Unknown;
}

QString packageLabel(const QString &rawKey)
{
    switch (packageFromKey(rawKey)) {
    case Package::Solo:
        return QCoreApplication::translate("Package", "Solo serenade");
    case Package::Bundle:
        return QCoreApplication::translate("Package", "Holiday hamper");
    case Package::Unknown:
        break;
    }
    return rawKey.isEmpty() ? QCoreApplication::translate("Package", "— missing —") : rawKey;
}

qint64 FormDetail::refundedCents() const
{
    qint64 sum = 0;
    for (const RefundRecord &r : refunds)
        sum += r.counts() ? r.amountCents : 0;
    return sum;
}

} // namespace compose
