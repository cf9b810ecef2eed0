#include "limitoptions.h"

#include <QCommandLineParser>

namespace compose {

LimitOptions::LimitOptions()
{
    const auto add
        = [this](const char *name, const char *env, const QString &help, int ServerConfig::*field) {
              m_options.append({QCommandLineOption(QLatin1String(name),
                                                   help
                                                       + QStringLiteral(" (env %1; default %2)")
                                                             .arg(QLatin1String(env))
                                                             .arg(ServerConfig().*field),
                                                   QStringLiteral("n")),
                                env, field});
          };
    add("rate-limit-client", "COMPOSE_RATE_LIMIT_CLIENT",
        QStringLiteral("Requests a minute per client address; 0: off"),
        &ServerConfig::rateLimitClientPerMinute);
    add("rate-limit-client-burst", "COMPOSE_RATE_LIMIT_CLIENT_BURST",
        QStringLiteral("Requests a client may send at once"), &ServerConfig::rateLimitClientBurst);
    add("rate-limit-staff", "COMPOSE_RATE_LIMIT_STAFF",
        QStringLiteral("Requests a minute per staff token on /api/admin/; 0: off"),
        &ServerConfig::rateLimitStaffPerMinute);
    add("rate-limit-staff-burst", "COMPOSE_RATE_LIMIT_STAFF_BURST",
        QStringLiteral("Requests a staff token may send at once"),
        &ServerConfig::rateLimitStaffBurst);
    add("mail-per-form-per-hour", "COMPOSE_MAIL_PER_FORM_PER_HOUR",
        QStringLiteral("Delivery e-mails per form and hour; 0: no limit"),
        &ServerConfig::mailPerFormPerHour);
}

void LimitOptions::addTo(QCommandLineParser &parser) const
{
    for (const Option &o : m_options)
        parser.addOption(o.option);
}

bool LimitOptions::apply(const QCommandLineParser &parser, ServerConfig &config,
                         QString *error) const
{
    for (const Option &o : m_options) {
        const QString name = o.option.names().constFirst();
        QString text;
        if (parser.isSet(o.option))
            text = parser.value(o.option);
        else if (qEnvironmentVariableIsSet(o.env))
            text = qEnvironmentVariable(o.env);
        else
            continue;
        bool ok = false;
        const int v = text.toInt(&ok);
        if (!ok || v < 0 || v > 10000000) {
            *error = QStringLiteral("--%1 (or %2) must be a number from 0 to 10000000")
                         .arg(name, QLatin1String(o.env));
            return false;
        }
        config.*(o.field) = v;
    }
    return true;
}

} // namespace compose
