#include "formtypes.h"

#include <QCoreApplication>
#include <QLocale>

namespace compose {

QString Money::display() const
{
    const QString cur = currency.toLower();
    const double amount = double(cents) / 100.0;
    const QString number = QLocale::c().toString(amount, 'f', 2);
    if (cur == QLatin1String("usd"))
        return (cents < 0 ? QStringLiteral("-$") : QStringLiteral("$"))
            + QLocale::c().toString(qAbs(amount), 'f', 2);
    if (cur == QLatin1String("eur"))
        return QStringLiteral("€") + number;
    if (cur == QLatin1String("gbp"))
        return QStringLiteral("£") + number;
    return number + QLatin1Char(' ') + currency.toUpper();
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
