#pragma once

#include "deliverytypes.h"

#include <QLabel>
#include <QPointer>
#include <QTimer>

namespace compose {

class DataService;

// A status-bar note that appears when delivery e-mail is piling up with nothing being sent
// (no SMTP server configured, or it is down) and when messages have failed for good.
class OutboxIndicator final : public QLabel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutboxIndicator)
public:
    explicit OutboxIndicator(DataService *data, QWidget *parent = nullptr);

    void check();
    void setInterval(int ms) { m_timer.setInterval(ms); }
    static QString describe(const OutboxHealth &health, const QDateTime &now);

private:
    QPointer<DataService> m_data;
    quint64 m_pending = 0;
    QTimer m_timer;
};

} // namespace compose
