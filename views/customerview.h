#pragma once

#include "customertypes.h"

#include <QDialog>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QLabel;
class QTableWidget;
QT_END_NAMESPACE

namespace compose {

class DataService;

// Every form of one customer (their account, or their e-mail as a guest or on an account,
// case-insensitive) with what they paid, what was refunded and how often the song was sent.
// Enter on a row opens that form in the window (formChosen). Read on the DataService's thread.
class CustomerView final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CustomerView)
public:
    enum Column {
        IdColumn,
        CreatedColumn,
        RecipientColumn,
        StatusColumn,
        PaidColumn,
        RefundedColumn,
        DeliveriesColumn,
        ColumnCount
    };

    CustomerView(DataService *data, const CustomerKey &key, const QString &fromFormId,
                 QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    QLabel *summary() const { return m_summary; }
    bool isLoaded() const { return m_loaded; }

signals:
    void formChosen(const QString &formId);
    void loaded();

private:
    void show(const QList<CustomerForm> &forms);
    void choose();

    QPointer<DataService> m_data;
    CustomerKey m_key;
    QString m_from;
    quint64 m_request = 0;
    bool m_loaded = false;
    bool m_chosen = false;
    QLabel *m_summary = nullptr;
    QTableWidget *m_table = nullptr;
};

} // namespace compose
