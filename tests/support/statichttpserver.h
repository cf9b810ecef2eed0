#pragma once

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace compose::test {

// A plain static file server, as a CDN is to MusicGPT's previews: `python3 -m http.server` on
// 127.0.0.1, serving files the test writes into a temporary folder. Unlike AudioHttpServer it is
// not ours, so its answers (Range support, headers, connection handling) are an outside server's.
// It listens on a port the OS picks (port 0) and tells it on stdout: no race for a free port.
// The process is killed and the folder removed when the object goes.
class StaticHttpServer final {
    Q_DISABLE_COPY_MOVE(StaticHttpServer)
public:
    StaticHttpServer() = default;
    ~StaticHttpServer();

    bool addFile(const QString &name, const QByteArray &data);
    // Starts the server and waits (bounded) until it says where it listens.
    bool start(QString *error);
    QString url(const QString &name) const; // "http://127.0.0.1:<port>/<name>"
    quint16 port() const { return m_port; }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace compose::test
