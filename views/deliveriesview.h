#pragma once

#include "deliverytypes.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QTableWidget;
QT_END_NAMESPACE

namespace compose {

class DataService;
class StaffActions;

// The Deliveries tab: every delivery of the form with the state of its e-mail (queued, sent,
// retrying or failed with the server's reason) and "Resend", which redelivers through
// compose-api (idempotent, audited) to the chosen row's address. Read through DataService on
// its worker thread; while a message is still on its way the tab looks again every few seconds.
class DeliveriesView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeliveriesView)
public:
    DeliveriesView(DataService *data, StaffActions *actions, QWidget *parent = nullptr);

    void setFormId(const QString &formId);
    void reload();
    QTableWidget *table() const { return m_table; }
    QPushButton *resendButton() const { return m_resend; }
    QPushButton *openButton() const { return m_open; }
    static QString stateText(const DeliveryRow &row);

    // Sends the redelivery to the selected row's address without asking (tests, and after the
    // confirmation the button shows).
    bool resendSelected();

private:
    void show(const QList<DeliveryRow> &rows);
    void updateResend();

    QPointer<DataService> m_data;
    QPointer<StaffActions> m_actions;
    QString m_formId;
    quint64 m_pending = 0;
    QList<DeliveryRow> m_rows;
    QTableWidget *m_table = nullptr;
    QLabel *m_empty = nullptr;
    QPushButton *m_resend = nullptr;
    QPushButton *m_open = nullptr;
    QTimer m_refresh;
};

} // namespace compose
