#include "deliveriesview.h"

#include "dataservice.h"
#include "formdetailview.h"
#include "plaintext.h"
#include "staffactions.h"

#include <QDesktopServices>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace compose {

namespace {
enum Column { When, Kind, To, Mail, By, ColumnCount };

bool pending(const QString &state)
{
    return state == QLatin1String("queued") || state == QLatin1String("sending")
        || state == QLatin1String("retrying");
}
} // namespace

DeliveriesView::DeliveriesView(DataService *data, StaffActions *actions, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_actions(actions)
{
    auto *layout = new QVBoxLayout(this);
    m_empty = new QLabel(tr("This form has not been delivered yet."), this);
    m_empty->setObjectName(QStringLiteral("deliveriesEmpty"));
    layout->addWidget(m_empty);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("deliveriesTable"));
    m_table->setHorizontalHeaderLabels({tr("When"), tr("Kind"), tr("To"), tr("E-mail"), tr("By")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->setWordWrap(false);
    for (int c : {When, Kind, To, By})
        m_table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(Mail, QHeaderView::Stretch);
    layout->addWidget(m_table, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    m_open = new QPushButton(tr("&Open share page"), this);
    m_open->setObjectName(QStringLiteral("deliveriesOpen"));
    buttons->addWidget(m_open);
    m_resend = new QPushButton(tr("Re&send…"), this);
    m_resend->setObjectName(QStringLiteral("deliveriesResend"));
    buttons->addWidget(m_resend);
    layout->addLayout(buttons);

    connect(m_resend, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0 || row >= m_rows.size())
            return;
        QMessageBox box(
            QMessageBox::Question, tr("Resend the song"),
            tr("Send the share link of form %1 again to %2? The customer gets a new e-mail.")
                .arg(m_formId, m_rows.at(row).email),
            QMessageBox::Yes | QMessageBox::Cancel, this);
        box.setTextFormat(Qt::PlainText);
        if (box.exec() == QMessageBox::Yes)
            resendSelected();
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row >= 0 && row < m_rows.size())
            QDesktopServices::openUrl(QUrl(m_rows.at(row).shareUrl));
    });
    // The current row (not only the selection) decides what the buttons act on.
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DeliveriesView::updateResend);
    if (m_data) {
        connect(m_data, &DataService::deliveriesReady, this,
                [this](quint64 id, const QString &formId, const QList<DeliveryRow> &rows) {
                    if (id == m_pending && formId == m_formId)
                        show(rows);
                });
        connect(m_data, &DataService::formsChanged, this, [this](const QStringList &ids) {
            if (!m_formId.isEmpty() && (ids.isEmpty() || ids.contains(m_formId)))
                reload();
        });
    }
    if (m_actions) {
        connect(m_actions, &StaffActions::formChanged, this, [this](const QString &id) {
            if (id == m_formId)
                reload();
        });
        connect(m_actions, &StaffActions::apiStateChanged, this, &DeliveriesView::updateResend);
    }
    // The outbox changes without touching the form (no NOTIFY): look again while mail is on its
    // way.
    m_refresh.setInterval(3000);
    connect(&m_refresh, &QTimer::timeout, this, &DeliveriesView::reload);
    show({});
}

void DeliveriesView::setFormId(const QString &formId)
{
    if (formId == m_formId)
        return;
    m_formId = formId;
    show({});
    reload();
}

void DeliveriesView::reload()
{
    if (m_data && m_data->isOpen() && !m_formId.isEmpty())
        m_pending = m_data->requestDeliveries(m_formId);
}

QString DeliveriesView::stateText(const DeliveryRow &r)
{
    const QString s = r.mailState;
    if (s.isEmpty())
        return tr("no e-mail recorded");
    if (s == QLatin1String("sent"))
        return tr("sent %1").arg(FormDetailView::formatTime(r.sentAt));
    if (s == QLatin1String("queued"))
        return tr("queued");
    if (s == QLatin1String("sending"))
        return tr("sending");
    if (s == QLatin1String("retrying"))
        return tr("failed, retrying %1 (attempt %2): %3")
            .arg(FormDetailView::formatTime(r.nextAttemptAt))
            .arg(r.attempts)
            .arg(r.lastError);
    if (s == QLatin1String("failed"))
        return tr("failed after %n attempt(s): %1", nullptr, r.attempts).arg(r.lastError);
    return s;
}

void DeliveriesView::show(const QList<DeliveryRow> &rows)
{
    const qint64 selected = m_table->currentRow() >= 0 && m_table->currentRow() < m_rows.size()
        ? m_rows.at(m_table->currentRow()).id
        : -1;
    m_rows = rows;
    m_table->setRowCount(int(rows.size()));
    bool onItsWay = false;
    for (int i = 0; i < rows.size(); ++i) {
        const DeliveryRow &r = rows.at(i);
        auto set = [&](int col, const QString &text) {
            auto *item = new QTableWidgetItem(text);
            item->setToolTip(PlainText::toolTip(text));
            m_table->setItem(i, col, item);
        };
        set(When, FormDetailView::formatTime(r.at));
        set(Kind, r.kind == QLatin1String("redeliver") ? tr("redelivery") : tr("delivery"));
        set(To, r.email);
        set(Mail, stateText(r));
        set(By, r.staff.isEmpty() ? tr("on payment") : r.staff);
        onItsWay = onItsWay || pending(r.mailState);
        if (r.id == selected)
            m_table->selectRow(i);
    }
    m_empty->setVisible(rows.isEmpty());
    m_table->setVisible(!rows.isEmpty());
    if (onItsWay)
        m_refresh.start();
    else
        m_refresh.stop();
    updateResend();
}

void DeliveriesView::updateResend()
{
    const bool rowChosen = m_table->currentRow() >= 0 && m_table->currentRow() < m_rows.size();
    QString why;
    if (!m_actions || m_actions->isReadOnly())
        why = tr("The API is not available: resending needs it.");
    else if (!rowChosen)
        why = tr("Choose the delivery whose address should get the link again.");
    // Only web links are handed to the browser (the URL comes from the database).
    const QUrl link = rowChosen ? QUrl(m_rows.at(m_table->currentRow()).shareUrl) : QUrl();
    m_open->setEnabled(
        link.isValid()
        && (link.scheme() == QLatin1String("https") || link.scheme() == QLatin1String("http")));
    m_resend->setEnabled(why.isEmpty());
    m_resend->setToolTip(why.isEmpty() ? tr("Send the share link again to the chosen address.")
                                       : why);
}

bool DeliveriesView::resendSelected()
{
    const int row = m_table->currentRow();
    if (!m_actions || row < 0 || row >= m_rows.size())
        return false;
    const QString email = m_rows.at(row).email;
    return m_actions->perform(ActionRequest::make(
        m_formId, StaffAction::Redeliver, QJsonObject {{QStringLiteral("email"), email}},
        tr("Resend the share link of form %1 to %2").arg(m_formId, email)));
}

} // namespace compose
