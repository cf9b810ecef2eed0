#include "statichttpserver.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>

namespace compose::test {

StaticHttpServer::~StaticHttpServer()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool StaticHttpServer::addFile(const QString &name, const QByteArray &data)
{
    QFile f(m_dir.filePath(name));
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

bool StaticHttpServer::start(QString *error)
{
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty()) {
        *error = QStringLiteral("python3 not found (scripts/install-deps.sh installs it)");
        return false;
    }
    // -u: the "Serving HTTP on … port N" line must reach us at once, not sit in a pipe buffer.
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(python,
                    {QStringLiteral("-u"), QStringLiteral("-m"), QStringLiteral("http.server"),
                     QStringLiteral("0"), QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                     QStringLiteral("--directory"), m_dir.path()});
    if (!m_process.waitForStarted(10000)) {
        *error = QStringLiteral("python3 -m http.server did not start: %1")
                     .arg(m_process.errorString());
        return false;
    }
    static const QRegularExpression portLine(QStringLiteral("port (\\d+)"));
    QByteArray output;
    const QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        m_process.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        output += m_process.readAll();
        const auto match = portLine.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return m_port != 0;
        }
    }
    *error = QStringLiteral("python3 -m http.server did not report its port: %1")
                 .arg(QString::fromUtf8(output).trimmed());
    return false;
}

QString StaticHttpServer::url(const QString &name) const
{
    return QStringLiteral("http://127.0.0.1:%1/%2").arg(m_port).arg(name);
}

} // namespace compose::test
