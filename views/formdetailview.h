#pragma once

#include "formdetailmodel.h"

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QFormLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTableWidget;
class QToolButton;
class QVBoxLayout;
QT_END_NAMESPACE

namespace compose {

// The detail pane: one form with everything the database knows about it. A header (id, status,
// package, customer, recipient, expiry) over tabs: Form, Prompts, Variations, Payment, Customer
// and History. Loading, not-found and failure are shown in place of the content. All customer
// text goes through plain-text labels and item views: nothing here interprets markup.
class FormDetailView : public QWidget {
    Q_OBJECT
public:
    explicit FormDetailView(FormDetailModel *model, QWidget *parent = nullptr);

    QTableView *variationsView() const { return m_variations; }
    QTabWidget *tabs() const { return m_tabs; }
    // Puts a bar (the staff actions) between the header and the tabs.
    void setActionBar(QWidget *bar);
    // "in 3 days", "expired 2 days ago", relative to now; public for tests.
    static QString relativeExpiry(const QDateTime &expiresAt, const QDateTime &now);
    static QString formatTime(const QDateTime &dt);
    // "paid", "partly refunded ($4.00 of $9.99)", "refunded ($9.99 of $9.99)"; empty when unpaid.
    static QString paymentState(const FormDetail &d);
    // Adds a section at the end of the Payment tab (below orders), e.g. the deliveries.
    void addPaymentSection(QWidget *section);
    // Adds a section at the end of the History tab (the form's notes).
    void addHistorySection(QWidget *section);

private:
    void showState();
    void populate(const FormDetail &d);
    void fillForm(const FormDetail &d);
    void fillPayment(const FormDetail &d);
    void fillCustomer(const FormDetail &d);
    void fillHistory(const FormDetail &d);
    void showMessage(const QString &text, bool canRetry);

    QPointer<FormDetailModel> m_model;
    QString m_shownId;

    QStackedWidget *m_stack = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_retry = nullptr;

    QLabel *m_formId = nullptr;
    QLabel *m_statusBadge = nullptr;
    QLabel *m_package = nullptr;
    QLabel *m_recipient = nullptr;
    QLabel *m_customerLine = nullptr;
    QLabel *m_timesLine = nullptr;
    QLabel *m_expiry = nullptr;
    QLabel *m_refreshing = nullptr;
    QTabWidget *m_tabs = nullptr;
    QVBoxLayout *m_contentLayout = nullptr;

    QLabel *m_formProblem = nullptr;
    QFormLayout *m_fields = nullptr;
    QToolButton *m_rawToggle = nullptr;
    QPlainTextEdit *m_raw = nullptr;

    QLabel *m_promptsProblem = nullptr;
    QPlainTextEdit *m_prompts = nullptr;

    QLabel *m_variationsProblem = nullptr;
    QLabel *m_variationsSummary = nullptr;
    QTableView *m_variations = nullptr;

    QFormLayout *m_payment = nullptr;
    QTableWidget *m_orders = nullptr;
    QLabel *m_noOrders = nullptr;
    QTableWidget *m_refunds = nullptr;
    QLabel *m_noRefunds = nullptr;
    QVBoxLayout *m_paymentLayout = nullptr;

    QLabel *m_customerWarning = nullptr;
    QFormLayout *m_customer = nullptr;

    QLabel *m_noHistory = nullptr;
    QTableWidget *m_history = nullptr;
    QVBoxLayout *m_historyLayout = nullptr;
};

} // namespace compose
