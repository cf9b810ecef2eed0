#pragma once

#include <QObject>
#include <QString>

#include <memory>

namespace compose {

// One dashboard window per user: a second launch with a link (compose-desk://form/ID) hands
// the link to the running window over a local socket in the user's own runtime directory and
// exits. The socket is the user's only (per-user name, user-only access).
class SingleInstance final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)
public:
    explicit SingleInstance(QString name = defaultName(), QObject *parent = nullptr);
    ~SingleInstance() override;

    static QString defaultName();
    QString name() const { return m_name; }

    // True when a running instance took the message (and so this launch may exit).
    bool sendToRunning(const QString &message, int timeoutMs = 1500);
    // Becomes the running instance; false if another one is listening (or the socket cannot
    // be made: then links simply open a second window).
    bool listen();
    bool isListening() const;

signals:
    void messageReceived(const QString &message);

private:
    struct Private;
    QString m_name;
    std::unique_ptr<Private> d;
};

} // namespace compose
