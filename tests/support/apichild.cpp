#include "apichild.h"

#include "procstatus.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QRegularExpression>

namespace compose::test {

ApiChild::~ApiChild()
{
    kill();
}

QString ApiChild::binary()
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/../server/compose-api");
}

bool ApiChild::start(const QString &databaseUrl, const QStringList &extraArgs, QString *error,
                     const QProcessEnvironment &extraEnv)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("compose.api.info=true"));
    for (const QString &key : extraEnv.keys())
        env.insert(key, extraEnv.value(key));
    m_proc.setProcessEnvironment(env);
    m_proc.setProcessChannelMode(QProcess::MergedChannels);
    m_proc.start(binary(),
                 QStringList {QStringLiteral("--database-url"), databaseUrl,
                              QStringLiteral("--port"), QStringLiteral("0")}
                     + extraArgs);
    static const QRegularExpression listening(QStringLiteral("listening on (http://\\S+)"));
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired() && m_proc.state() != QProcess::NotRunning) {
        m_proc.waitForReadyRead(100);
        m_out += m_proc.readAll();
        const auto m = listening.match(QString::fromUtf8(m_out));
        if (m.hasMatch()) {
            m_base = QUrl(m.captured(1));
            return true;
        }
    }
    *error = QStringLiteral("compose-api did not start: ") + QString::fromUtf8(m_out);
    return false;
}

QByteArray ApiChild::output()
{
    m_out += m_proc.readAll();
    return m_out;
}

void ApiChild::kill()
{
    if (m_proc.state() != QProcess::NotRunning) {
        m_proc.kill();
        m_proc.waitForFinished(5000);
    }
}

qint64 ApiChild::statusKb(const QByteArray &field) const
{
    return procStatusKb(QString::number(m_proc.processId()), field);
}

} // namespace compose::test
