#include "mailboxdialog.h"

#include "dataservice.h"
#include "formdetailview.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace compose {

MailboxDialog::MailboxDialog(DataService *data, QWidget *parent)
    : QDialog(parent)
    , m_data(data)
{
    setWindowTitle(tr("Mailbox (demo)"));
    setObjectName(QStringLiteral("mailboxDialog"));
    resize(760, 480);
    auto *layout = new QVBoxLayout(this);
    m_empty = new QLabel(
        tr("No e-mail has arrived yet. Pay a form through the simulator and its delivery "
           "e-mail appears here."),
        this);
    m_empty->setWordWrap(true);
    layout->addWidget(m_empty);
    auto *split = new QSplitter(Qt::Horizontal, this);
    m_list = new QListWidget(split);
    m_list->setObjectName(QStringLiteral("mailboxList"));
    m_body = new QPlainTextEdit(split);
    m_body->setObjectName(QStringLiteral("mailboxBody"));
    m_body->setReadOnly(true);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *refresh = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(refresh, &QPushButton::clicked, this, &MailboxDialog::reload);
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row < 0 || row >= m_messages.size()) {
            m_body->clear();
            return;
        }
        const MailboxMessage &m = m_messages.at(row);
        m_body->setPlainText(
            tr("To: %1\nSubject: %2\nReceived: %3\n\n%4")
                .arg(m.to, m.subject, FormDetailView::formatTime(m.receivedAt), m.text));
    });
    if (m_data)
        connect(m_data, &DataService::mailboxReady, this,
                [this](quint64 id, const QList<MailboxMessage> &messages) {
                    if (id == m_pending)
                        fill(messages);
                });
    m_refresh.setInterval(3000);
    connect(&m_refresh, &QTimer::timeout, this, &MailboxDialog::reload);
    fill({});
}

void MailboxDialog::reload()
{
    if (m_data && m_data->isOpen())
        m_pending = m_data->requestMailbox();
}

void MailboxDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    reload();
    m_refresh.start();
}

void MailboxDialog::hideEvent(QHideEvent *event)
{
    m_refresh.stop();
    QDialog::hideEvent(event);
}

void MailboxDialog::fill(const QList<MailboxMessage> &messages)
{
    const qint64 current = m_list->currentRow() >= 0 && m_list->currentRow() < m_messages.size()
        ? m_messages.at(m_list->currentRow()).id
        : -1;
    m_messages = messages;
    m_list->clear();
    int select = messages.isEmpty() ? -1 : 0;
    for (int i = 0; i < messages.size(); ++i) {
        const MailboxMessage &m = messages.at(i);
        // QListWidgetItem text is never interpreted as markup.
        m_list->addItem(tr("%1 — %2").arg(m.to, m.subject));
        if (m.id == current)
            select = i;
    }
    m_list->setCurrentRow(select);
    m_empty->setVisible(messages.isEmpty());
}

} // namespace compose
