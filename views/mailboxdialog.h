#pragma once

#include "deliverytypes.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>

QT_BEGIN_NAMESPACE
class QLabel;
class QListWidget;
class QPlainTextEdit;
QT_END_NAMESPACE

namespace compose {

class DataService;

// Demo mode's mailbox: the e-mails compose-api's loopback SMTP sink received, newest first,
// read-only and as plain text (the links can be copied and opened in a browser). It looks for
// new mail every few seconds while it is open.
class MailboxDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailboxDialog)
public:
    explicit MailboxDialog(DataService *data, QWidget *parent = nullptr);

    void reload();
    QListWidget *list() const { return m_list; }
    QPlainTextEdit *body() const { return m_body; }

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void fill(const QList<MailboxMessage> &messages);

    QPointer<DataService> m_data;
    quint64 m_pending = 0;
    QList<MailboxMessage> m_messages;
    QListWidget *m_list = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QLabel *m_empty = nullptr;
    QTimer m_refresh;
};

} // namespace compose
