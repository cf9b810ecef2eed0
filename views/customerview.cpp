#include "customerview.h"

#include "dataservice.h"
#include "formdetailview.h"
#include "plaintext.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace compose {

CustomerView::CustomerView(DataService *data, const CustomerKey &key, const QString &fromFormId,
                           QWidget *parent)
    : QDialog(parent)
    , m_data(data)
    , m_key(key)
    , m_from(fromFormId)
{
    setObjectName(QStringLiteral("customerView"));
    const QString who = key.email.isEmpty() ? tr("account %1").arg(key.userId)
        : key.userId.isEmpty()              ? key.email
                                            : tr("%1 (account %2)").arg(key.email, key.userId);
    setWindowTitle(tr("Forms of %1").arg(who));
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(tr("Loading the forms of %1…").arg(who), this);
    m_summary->setObjectName(QStringLiteral("customerSummary"));
    PlainText::prepare(m_summary);
    m_summary->setWordWrap(true);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("customerForms"));
    m_table->setHorizontalHeaderLabels({tr("Form"), tr("Created"), tr("Recipient"), tr("Status"),
                                        tr("Paid"), tr("Refunded"), tr("Sent")});
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *open = buttons->addButton(tr("Open form"), QDialogButtonBox::AcceptRole);
    open->setObjectName(QStringLiteral("customerOpen"));
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(820, 380);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(open, &QPushButton::clicked, this, &CustomerView::choose);
    connect(m_table, &QTableWidget::itemActivated, this, &CustomerView::choose);
    if (m_data) {
        connect(m_data, &DataService::customerFormsReady, this,
                [this](quint64 id, const QList<CustomerForm> &forms) {
                    if (id == m_request)
                        show(forms);
                });
        connect(m_data, &DataService::requestFailed, this, [this](quint64 id, const QString &m) {
            if (id == m_request)
                m_summary->setText(tr("Could not load the customer's forms: %1").arg(m));
        });
        m_request = m_data->requestCustomerForms(key);
    }
    m_table->setFocus();
}

void CustomerView::show(const QList<CustomerForm> &forms)
{
    qint64 paid = 0, refunded = 0;
    int sent = 0;
    bool knowsRefunds = true;
    m_table->setRowCount(int(forms.size()));
    auto cell = [](const QString &text) {
        auto *i = new QTableWidgetItem(text);
        i->setToolTip(PlainText::toolTip(text));
        return i;
    };
    int fromRow = 0;
    for (int r = 0; r < forms.size(); ++r) {
        const CustomerForm &f = forms.at(r);
        const FormSummary &s = f.summary;
        paid += s.amountPaidCents.value_or(0);
        refunded += f.refundedCents;
        sent += f.deliveries;
        knowsRefunds = knowsRefunds && f.knowsRefunds;
        if (s.id == m_from)
            fromRow = r;
        m_table->setItem(r, IdColumn, cell(s.id));
        m_table->setItem(r, CreatedColumn, cell(FormDetailView::formatTime(s.createdAt)));
        m_table->setItem(r, RecipientColumn, cell(s.recipient.display()));
        m_table->setItem(
            r, StatusColumn,
            cell(s.status == FormStatus::Unknown ? s.statusKey : Status::label(s.status)));
        m_table->setItem(
            r, PaidColumn,
            cell(s.amountPaidCents ? Money {*s.amountPaidCents}.display() : QStringLiteral("—")));
        m_table->setItem(r, RefundedColumn,
                         cell(!f.knowsRefunds       ? tr("unknown")
                                  : f.refundedCents ? Money {f.refundedCents}.display()
                                                    : QStringLiteral("—")));
        m_table->setItem(r, DeliveriesColumn,
                         cell(f.knowsRefunds ? QString::number(f.deliveries) : tr("unknown")));
    }
    m_table->resizeColumnsToContents();
    // Whole sentences with placeholders; the second count is its own %n phrase because a
    // sentence has only one %n.
    const int formCount = int(forms.size());
    const QString text = knowsRefunds
        ? tr("%n form(s) · paid %1 · refunded %2 · %3", nullptr, formCount)
              .arg(Money {paid}.display(), Money {refunded}.display(),
                   tr("sent %n time(s)", nullptr, sent))
        : tr("%n form(s) · paid %1 · refunds and deliveries are not known on this database (no "
             "compose tables)",
             nullptr, formCount)
              .arg(Money {paid}.display());
    m_summary->setText(text);
    if (!forms.isEmpty())
        m_table->selectRow(fromRow);
    m_loaded = true;
    emit loaded();
}

void CustomerView::choose()
{
    // Enter reaches both the table (activated) and the dialog (its default button).
    if (m_chosen)
        return;
    const int row = m_table->currentRow();
    const QTableWidgetItem *id = row >= 0 ? m_table->item(row, IdColumn) : nullptr;
    if (!id)
        return;
    const QString formId = id->text();
    m_chosen = true;
    accept();
    emit formChosen(formId);
}

} // namespace compose
