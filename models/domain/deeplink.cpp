#include "deeplink.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

namespace compose {

bool DeepLink::isLink(const QString &argument)
{
    return argument.trimmed().startsWith(QLatin1String(Scheme) + QLatin1Char(':'),
                                         Qt::CaseInsensitive);
}

QString DeepLink::formId(const QString &link, QString *why)
{
    auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return QString();
    };
    const QUrl url(link.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme().compare(QLatin1String(Scheme), Qt::CaseInsensitive) != 0)
        return fail(QCoreApplication::translate("compose::DeepLink",
                                                "\"%1\" is not a compose-desk:// link.")
                        .arg(link));
    if (url.host().compare(QLatin1String("form"), Qt::CaseInsensitive) != 0)
        return fail(QCoreApplication::translate("compose::DeepLink",
                                                "A compose-desk:// link names a form: "
                                                "compose-desk://form/ID.")
                        .arg(link));
    QString id = url.path(QUrl::FullyDecoded);
    if (id.startsWith(QLatin1Char('/')))
        id.remove(0, 1);
    if (id.endsWith(QLatin1Char('/')))
        id.chop(1);
    static const QRegularExpression ok(QStringLiteral("^[A-Za-z0-9_-]{1,128}$"));
    if (!ok.match(id).hasMatch())
        return fail(
            QCoreApplication::translate("compose::DeepLink", "\"%1\" is not a form id.").arg(id));
    return id;
}

QString DeepLink::linkFor(const QString &formId)
{
    return QLatin1String(Scheme) + QStringLiteral("://form/") + formId;
}

} // namespace compose
