#include "outboxindicator.h"

#include "dataservice.h"

namespace compose {

OutboxIndicator::OutboxIndicator(DataService *data, QWidget *parent)
    : QLabel(parent)
    , m_data(data)
{
    setObjectName(QStringLiteral("outboxIndicator"));
    setTextFormat(Qt::PlainText);
    hide();
    m_timer.setInterval(15000);
    connect(&m_timer, &QTimer::timeout, this, &OutboxIndicator::check);
    if (m_data) {
        connect(m_data, &DataService::outboxHealthReady, this,
                [this](quint64 id, const OutboxHealth &h) {
                    if (id != m_pending)
                        return;
                    const QString text = describe(h, QDateTime::currentDateTimeUtc());
                    setText(text);
                    setToolTip(text);
                    setVisible(!text.isEmpty());
                });
        connect(m_data, &DataService::opened, this, &OutboxIndicator::check);
        connect(m_data, &DataService::connectionRestored, this, &OutboxIndicator::check);
    }
    m_timer.start();
}

void OutboxIndicator::check()
{
    if (m_data && m_data->isOpen())
        m_pending = m_data->requestOutboxHealth();
}

QString OutboxIndicator::describe(const OutboxHealth &h, const QDateTime &now)
{
    if (h.stalled(now))
        return tr("%n delivery e-mail(s) waiting: nothing is being sent.", nullptr, h.waiting);
    if (h.available && h.failed > 0)
        return tr("%n delivery e-mail(s) failed; resend them from the form's Deliveries tab.",
                  nullptr, h.failed);
    return {};
}

} // namespace compose
