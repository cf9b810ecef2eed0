#include "formdetailview.h"

#include "theme.h"

#include "plaintext.h"
#include "stateitemdelegate.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace compose {

namespace {

QColor warningColour()
{
    return Theme::color(Theme::Role::WarningText);
}

QLabel *valueLabel(QWidget *parent, const QString &objectName = {})
{
    auto *l = new QLabel(parent);
    PlainText::prepare(l);
    l->setWordWrap(true);
    if (!objectName.isEmpty())
        l->setObjectName(objectName);
    return l;
}

QLabel *warningLabel(QWidget *parent, const QString &objectName)
{
    auto *l = valueLabel(parent, objectName);
    QPalette pal = l->palette();
    pal.setColor(QPalette::WindowText, warningColour());
    l->setPalette(pal);
    l->setVisible(false);
    return l;
}

void setWarning(QLabel *label, const QString &text)
{
    label->setText(text.isEmpty() ? QString() : QStringLiteral("⚠ ") + text);
    label->setVisible(!text.isEmpty());
}

// A value label styled by the JSON state: missing grey italic, invalid in the warning colour.
void styleJson(QLabel *label, const JsonText &v)
{
    label->setText(v.display());
    QFont f = label->font();
    f.setItalic(!v.ok());
    label->setFont(f);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText,
                 v.state == JsonText::State::Ok
                     ? label->parentWidget()->palette().color(QPalette::WindowText)
                     : (v.state == JsonText::State::Missing ? StateItemDelegate::invalidColour()
                                                            : warningColour()));
    label->setPalette(pal);
}

void clearForm(QFormLayout *form)
{
    while (form->rowCount() > 0)
        form->removeRow(0);
}

void addRow(QFormLayout *form, const QString &label, const QString &value,
            const QString &objectName = {})
{
    QWidget *parent = form->parentWidget();
    auto *v = valueLabel(parent, objectName);
    v->setText(value);
    auto *l = new QLabel(label, parent);
    l->setTextFormat(Qt::PlainText);
    form->addRow(l, v);
}

QString orDash(const QString &s)
{
    return s.isEmpty() ? QStringLiteral("—") : s;
}

QString statusColour(FormStatus s)
{
    return Theme::statusBadge(s == FormStatus::Unknown ? QString() : Status::key(s)).name();
}

QTableWidgetItem *item(const QString &text)
{
    auto *i = new QTableWidgetItem(text);
    i->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (!text.isEmpty())
        i->setToolTip(PlainText::toolTip(text));
    return i;
}

QString refundReason(const QString &key)
{
    if (key == QLatin1String("requested_by_customer"))
        return FormDetailView::tr("Requested by customer");
    if (key == QLatin1String("duplicate"))
        return FormDetailView::tr("Duplicate payment");
    if (key == QLatin1String("fraudulent"))
        return FormDetailView::tr("Fraudulent");
    if (key == QLatin1String("other"))
        return FormDetailView::tr("Other");
    return key;
}

QString refundState(const QString &key)
{
    if (key == QLatin1String("succeeded"))
        return FormDetailView::tr("succeeded");
    if (key == QLatin1String("pending"))
        return FormDetailView::tr("pending at Stripe");
    if (key == QLatin1String("requires_action"))
        return FormDetailView::tr("needs action at Stripe");
    if (key == QLatin1String("failed"))
        return FormDetailView::tr("failed (nothing refunded)");
    if (key == QLatin1String("canceled"))
        return FormDetailView::tr("canceled (nothing refunded)");
    return key;
}

QWidget *scrolled(QWidget *content)
{
    auto *area = new QScrollArea;
    area->setWidget(content);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    return area;
}

} // namespace

FormDetailView::FormDetailView(FormDetailModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("formDetailView"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack);

    // Page 0: a message in place of the content.
    auto *messagePage = new QWidget(m_stack);
    auto *ml = new QVBoxLayout(messagePage);
    m_message = valueLabel(messagePage, QStringLiteral("detailMessage"));
    m_message->setAlignment(Qt::AlignCenter);
    m_retry = new QPushButton(tr("Try again"), messagePage);
    m_retry->setObjectName(QStringLiteral("detailRetry"));
    ml->addStretch(1);
    ml->addWidget(m_message);
    ml->addWidget(m_retry, 0, Qt::AlignHCenter);
    ml->addStretch(2);
    m_stack->addWidget(messagePage);
    connect(m_retry, &QPushButton::clicked, m_model, &FormDetailModel::reload);

    // Page 1: header + tabs.
    auto *content = new QWidget(m_stack);
    auto *cl = new QVBoxLayout(content);
    m_contentLayout = cl;
    cl->setContentsMargins(6, 4, 6, 4);
    cl->setSpacing(3);

    auto *top = new QHBoxLayout;
    m_formId = valueLabel(content, QStringLiteral("formIdLabel"));
    m_formId->setWordWrap(false);
    QFont big = m_formId->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.15);
    m_formId->setFont(big);
    m_statusBadge = valueLabel(content, QStringLiteral("statusBadge"));
    m_statusBadge->setWordWrap(false);
    m_package = valueLabel(content, QStringLiteral("packageLabel"));
    m_package->setWordWrap(false);
    m_refreshing = new QLabel(tr("Refreshing…"), content);
    m_refreshing->setObjectName(QStringLiteral("refreshingLabel"));
    m_refreshing->setTextFormat(Qt::PlainText);
    m_refreshing->setEnabled(false);
    m_refreshing->setVisible(false);
    top->addWidget(m_formId);
    top->addWidget(m_statusBadge);
    top->addWidget(m_package);
    top->addStretch(1);
    top->addWidget(m_refreshing);
    cl->addLayout(top);

    m_recipient = valueLabel(content, QStringLiteral("recipientLabel"));
    m_customerLine = valueLabel(content, QStringLiteral("customerLine"));
    m_timesLine = valueLabel(content, QStringLiteral("timesLine"));
    m_expiry = valueLabel(content, QStringLiteral("expiryLabel"));
    auto *times = new QHBoxLayout;
    m_timesLine->setWordWrap(false);
    m_expiry->setWordWrap(false);
    times->addWidget(m_timesLine);
    times->addWidget(m_expiry);
    times->addStretch(1);
    cl->addWidget(m_recipient);
    cl->addWidget(m_customerLine);
    cl->addLayout(times);

    m_tabs = new QTabWidget(content);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setDocumentMode(true);
    cl->addWidget(m_tabs, 1);
    m_stack->addWidget(content);

    // Form tab.
    auto *formPage = new QWidget;
    auto *fl = new QVBoxLayout(formPage);
    m_formProblem = warningLabel(formPage, QStringLiteral("formDataProblem"));
    fl->addWidget(m_formProblem);
    m_fields = new QFormLayout;
    m_fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_fields->setRowWrapPolicy(QFormLayout::DontWrapRows);
    fl->addLayout(m_fields);
    m_rawToggle = new QToolButton(formPage);
    m_rawToggle->setObjectName(QStringLiteral("rawJsonToggle"));
    m_rawToggle->setText(tr("Raw form_data JSON"));
    m_rawToggle->setCheckable(true);
    m_rawToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_rawToggle->setArrowType(Qt::RightArrow);
    m_rawToggle->setAutoRaise(true);
    m_raw = new QPlainTextEdit(formPage);
    m_raw->setObjectName(QStringLiteral("rawJson"));
    m_raw->setReadOnly(true);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_raw->setVisible(false);
    m_raw->setMinimumHeight(120);
    connect(m_rawToggle, &QToolButton::toggled, this, [this](bool on) {
        m_raw->setVisible(on);
        m_rawToggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
    });
    fl->addWidget(m_rawToggle, 0, Qt::AlignLeft);
    fl->addWidget(m_raw);
    fl->addStretch(1);
    m_tabs->addTab(scrolled(formPage), tr("Form"));

    // Prompts tab.
    auto *promptsPage = new QWidget;
    auto *pl = new QVBoxLayout(promptsPage);
    m_promptsProblem = warningLabel(promptsPage, QStringLiteral("promptsProblem"));
    m_prompts = new QPlainTextEdit(promptsPage);
    m_prompts->setObjectName(QStringLiteral("promptsText"));
    m_prompts->setReadOnly(true);
    pl->addWidget(m_promptsProblem);
    pl->addWidget(m_prompts, 1);
    m_tabs->addTab(promptsPage, tr("Prompts"));

    // Variations tab.
    auto *varPage = new QWidget;
    auto *vl = new QVBoxLayout(varPage);
    m_variationsProblem = warningLabel(varPage, QStringLiteral("variationsProblem"));
    m_variationsSummary = valueLabel(varPage, QStringLiteral("variationsSummary"));
    m_variations = new QTableView(varPage);
    m_variations->setObjectName(QStringLiteral("variationsTable"));
    m_variations->setModel(m_model->variations());
    m_variations->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_variations->setSelectionMode(QAbstractItemView::SingleSelection);
    m_variations->setAlternatingRowColors(true);
    m_variations->setWordWrap(false);
    m_variations->setTextElideMode(Qt::ElideMiddle);
    m_variations->verticalHeader()->setVisible(false);
    m_variations->verticalHeader()->setDefaultSectionSize(m_variations->fontMetrics().height() + 6);
    m_variations->horizontalHeader()->setStretchLastSection(true);
    m_variations->horizontalHeader()->setHighlightSections(false);
    auto *vdelegate = new StateItemDelegate(m_variations);
    vdelegate->setConflictRole(VariationTableModel::HasConflictRole);
    vdelegate->setFailedRole(VariationTableModel::IsFailedRole);
    vdelegate->setPlayingRole(VariationTableModel::IsPlayingRole);
    m_variations->setItemDelegate(vdelegate);
    // Disagreements are what an agent looks for first: show them next to the status.
    QHeaderView *vh = m_variations->horizontalHeader();
    vh->moveSection(vh->visualIndex(VariationTableModel::ConflictColumn),
                    vh->visualIndex(VariationTableModel::GenerationStatusColumn) + 1);
    // "Which variation did I pick" is answered without scrolling, also on a narrow screen.
    vh->moveSection(vh->visualIndex(VariationTableModel::SelectedColumn),
                    vh->visualIndex(VariationTableModel::VariationColumn) + 1);
    vh->setStretchLastSection(false);
    vh->setSectionResizeMode(QHeaderView::Interactive);
    vl->addWidget(m_variationsProblem);
    vl->addWidget(m_variationsSummary);
    vl->addWidget(m_variations, 1);
    m_tabs->addTab(varPage, tr("Variations"));

    // Payment tab: the payment, its refunds, the orders; further sections are added below.
    auto *payPage = new QWidget;
    auto *payl = new QVBoxLayout(payPage);
    m_paymentLayout = payl;
    m_payment = new QFormLayout;
    payl->addLayout(m_payment);
    auto sectionTitle = [payPage](const QString &text) {
        auto *title = new QLabel(text, payPage);
        title->setTextFormat(Qt::PlainText);
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
        return title;
    };
    payl->addWidget(sectionTitle(tr("Refunds")));
    m_noRefunds = valueLabel(payPage, QStringLiteral("noRefundsLabel"));
    payl->addWidget(m_noRefunds);
    m_refunds = new QTableWidget(0, 7, payPage);
    m_refunds->setObjectName(QStringLiteral("refundsTable"));
    m_refunds->setHorizontalHeaderLabels({tr("Amount"), tr("Reason"), tr("Note"), tr("By"),
                                          tr("When"), tr("State"), tr("Refund id")});
    m_refunds->verticalHeader()->setVisible(false);
    m_refunds->horizontalHeader()->setStretchLastSection(true);
    m_refunds->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_refunds->setTextElideMode(Qt::ElideMiddle);
    m_refunds->setWordWrap(false);
    m_refunds->verticalHeader()->setDefaultSectionSize(m_refunds->fontMetrics().height() + 6);
    m_refunds->setMinimumHeight(m_refunds->fontMetrics().height() * 6);
    payl->addWidget(m_refunds, 1);
    payl->addWidget(sectionTitle(tr("Orders")));
    m_noOrders = valueLabel(payPage, QStringLiteral("noOrdersLabel"));
    m_noOrders->setText(tr("No order rows for this form."));
    payl->addWidget(m_noOrders);
    m_orders = new QTableWidget(0, 6, payPage);
    m_orders->setObjectName(QStringLiteral("ordersTable"));
    m_orders->setHorizontalHeaderLabels({tr("Order"), tr("Amount"), tr("Status"),
                                         tr("Checkout session"), tr("Package"), tr("Created")});
    m_orders->verticalHeader()->setVisible(false);
    m_orders->horizontalHeader()->setStretchLastSection(true);
    m_orders->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_orders->setTextElideMode(Qt::ElideMiddle);
    payl->addWidget(m_orders, 1);
    m_tabs->addTab(scrolled(payPage), tr("Payment"));

    // Customer tab.
    auto *custPage = new QWidget;
    auto *custl = new QVBoxLayout(custPage);
    m_customerWarning = warningLabel(custPage, QStringLiteral("customerWarning"));
    custl->addWidget(m_customerWarning);
    m_customer = new QFormLayout;
    custl->addLayout(m_customer);
    custl->addStretch(1);
    m_tabs->addTab(custPage, tr("Customer"));

    // History tab.
    auto *histPage = new QWidget;
    auto *hl = new QVBoxLayout(histPage);
    m_noHistory = valueLabel(histPage, QStringLiteral("noHistoryLabel"));
    m_noHistory->setText(
        tr("This database has no status history table (compose_form_events): only the "
           "current status is known. Apply the dashboard's migrations to record history."));
    m_history = new QTableWidget(0, 4, histPage);
    m_history->setObjectName(QStringLiteral("historyTable"));
    m_history->setHorizontalHeaderLabels({tr("When"), tr("From"), tr("To"), tr("By")});
    m_history->verticalHeader()->setVisible(false);
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    hl->addWidget(m_noHistory);
    hl->addWidget(m_history, 1);
    m_historyLayout = hl;
    // Scrolled, like Form and Payment: with its notes it is the tallest page, and a tab widget is
    // as tall as its tallest page (a 1366x768 window grew past the screen with a banner up).
    m_tabs->addTab(scrolled(histPage), tr("History"));

    connect(m_model, &FormDetailModel::stateChanged, this, &FormDetailView::showState);
    connect(m_model, &FormDetailModel::detailChanged, this, &FormDetailView::showState);
    showState();
}

QString FormDetailView::formatTime(const QDateTime &dt)
{
    if (!dt.isValid())
        return QStringLiteral("—");
    return QLocale().toString(dt.toLocalTime(), QLocale::ShortFormat);
}

QString FormDetailView::relativeExpiry(const QDateTime &expiresAt, const QDateTime &now)
{
    if (!expiresAt.isValid())
        return tr("no expiry set");
    const qint64 secs = now.secsTo(expiresAt);
    const qint64 a = qAbs(secs);
    // One whole sentence per unit and direction: "in 3 days" and "3 days ago" take different
    // cases in German and Spanish, so the span is never glued into a frame.
    const bool future = secs >= 0;
    if (a < 3600) {
        const int n = int(qMax<qint64>(1, a / 60));
        return future ? tr("expires in %n minute(s)", nullptr, n)
                      : tr("expired %n minute(s) ago", nullptr, n);
    }
    if (a < 2 * 86400) {
        const int n = int(a / 3600);
        return future ? tr("expires in %n hour(s)", nullptr, n)
                      : tr("expired %n hour(s) ago", nullptr, n);
    }
    const int n = int(a / 86400);
    return future ? tr("expires in %n day(s)", nullptr, n)
                  : tr("expired %n day(s) ago", nullptr, n);
}

void FormDetailView::showMessage(const QString &text, bool canRetry)
{
    m_message->setText(text);
    m_retry->setVisible(canRetry);
    m_stack->setCurrentIndex(0);
}

void FormDetailView::showState()
{
    if (!m_model)
        return;
    const QString id = m_model->formId();
    m_refreshing->setVisible(false);
    switch (m_model->state()) {
    case FormDetailModel::State::Empty:
        m_shownId.clear();
        showMessage(tr("Select a form in the list to see it here."), false);
        return;
    case FormDetailModel::State::Loading:
        // A refresh of the form on screen keeps it readable; another form gets a message.
        if (!m_shownId.isEmpty() && m_shownId == id) {
            m_refreshing->setText(tr("Refreshing…"));
            m_refreshing->setVisible(true);
            return;
        }
        showMessage(tr("Loading form %1…").arg(id), false);
        return;
    case FormDetailModel::State::NotFound:
        m_shownId.clear();
        showMessage(tr("Form %1 was not found. It may have been deleted.").arg(id), true);
        return;
    case FormDetailModel::State::Failed:
        if (!m_shownId.isEmpty() && m_shownId == id) {
            m_refreshing->setText(tr("⚠ Could not refresh: %1").arg(m_model->errorMessage()));
            m_refreshing->setVisible(true);
            return;
        }
        m_shownId.clear();
        showMessage(tr("Could not load form %1:\n%2").arg(id, m_model->errorMessage()), true);
        return;
    case FormDetailModel::State::Loaded:
        break;
    }
    populate(m_model->detail());
    m_shownId = m_model->detail().summary.id;
    m_stack->setCurrentIndex(1);
}

void FormDetailView::populate(const FormDetail &d)
{
    const FormSummary &s = d.summary;
    m_formId->setText(s.id);
    const QString statusText = s.status == FormStatus::Unknown
        ? tr("unknown status: %1").arg(s.statusKey.isEmpty() ? tr("(empty)") : s.statusKey)
        : Status::label(s.status);
    m_statusBadge->setText(statusText);
    m_statusBadge->setStyleSheet(
        QStringLiteral("QLabel { color: white; background: %1; border-radius: 8px;"
                       " padding: 1px 8px; font-weight: bold; }")
            .arg(statusColour(s.status)));
    const int songs = s.songCount;
    m_package->setText(
        tr("%1 · %n song(s)", "package · song count", songs).arg(packageLabel(s.packageType)));

    m_recipient->setText(tr("For %1 · from %2").arg(s.recipient.display(), s.sender.display()));
    QString customer;
    if (s.isGuest)
        customer = tr("Guest: %1").arg(orDash(s.email));
    else
        customer = tr("Customer: %1 (user %2)")
                       .arg(orDash(d.customer.name.isEmpty() ? s.email
                                                             : d.customer.name
                                           + QStringLiteral(" <") + s.email + QLatin1Char('>')),
                            s.userId);
    m_customerLine->setText(customer);
    m_timesLine->setText(
        tr("Created %1 · updated %2 ·").arg(formatTime(s.createdAt), formatTime(s.updatedAt)));
    // expires_at only matters while a form is unpaid (seed: "auto-delete after 7 days if not
    // paid"); for a paid form it would read as a warning that does not apply.
    const bool paid = Status::isPaid(s.status);
    const QString payment = paymentState(d);
    const bool refunded = s.status == FormStatus::Refunded
        || (s.amountPaidCents.value_or(0) > 0 && d.refundedCents() >= *s.amountPaidCents);
    QString expiry = payment; // refunded: nothing is left to expire or to keep
    if (!paid)
        expiry = relativeExpiry(s.expiresAt, QDateTime::currentDateTimeUtc());
    else if (!refunded)
        expiry = tr("%1, does not expire").arg(payment.isEmpty() ? tr("paid") : payment);
    m_expiry->setText(!paid && s.expiresAt.isValid()
                          ? tr("%1 (%2)").arg(expiry, formatTime(s.expiresAt))
                          : expiry);
    QPalette pal = m_expiry->palette();
    const bool overdue
        = !paid && s.expiresAt.isValid() && s.expiresAt < QDateTime::currentDateTimeUtc();
    pal.setColor(QPalette::WindowText,
                 overdue || (paid && d.refundedCents() > 0) || refunded
                     ? warningColour()
                     : palette().color(QPalette::WindowText));
    m_expiry->setPalette(pal);

    fillForm(d);

    setWarning(m_promptsProblem, d.promptsProblem);
    QStringList prompts;
    for (int i = 0; i < d.prompts.size(); ++i)
        prompts << tr("Song %1").arg(i + 1) + QLatin1Char('\n') + d.prompts.at(i).display();
    m_prompts->setPlainText(prompts.isEmpty() ? tr("No prompts were generated.")
                                              : prompts.join(QStringLiteral("\n\n")));

    setWarning(m_variationsProblem, d.variationsProblem);
    int conflicts = 0, failed = 0;
    for (const VariationRow &v : d.variations) {
        conflicts += v.conflicts.isEmpty() ? 0 : 1;
        failed += v.isFailed() ? 1 : 0;
    }
    QString summary = tr("%n variation(s)", nullptr, int(d.variations.size()));
    if (conflicts)
        summary += QStringLiteral(" · ")
            + tr("%n disagree(s) with music_generations (highlighted)", nullptr, conflicts);
    if (failed)
        summary += QStringLiteral(" · ") + tr("%n failed", nullptr, failed);
    m_variationsSummary->setText(summary);
    m_variations->resizeColumnsToContents();
    for (int c = 0; c < m_variations->model()->columnCount(); ++c)
        m_variations->setColumnWidth(c,
                                     qMin(m_variations->columnWidth(c),
                                          c == VariationTableModel::AudioUrlColumn ? 170 : 240));
    m_tabs->setTabText(2,
                       conflicts ? tr("Variations (%1) ⚠").arg(d.variations.size())
                                 : tr("Variations (%1)").arg(d.variations.size()));

    fillPayment(d);
    fillCustomer(d);
    fillHistory(d);
}

void FormDetailView::fillForm(const FormDetail &d)
{
    setWarning(m_formProblem,
               d.formDataProblem.isEmpty() ? QString()
                                           : tr("Form data problem: %1").arg(d.formDataProblem));
    clearForm(m_fields);
    QWidget *parent = m_formProblem->parentWidget();
    for (const FormField &f : d.fields) {
        auto *label = new QLabel(f.label.isEmpty() ? f.key : f.label, parent);
        label->setTextFormat(Qt::PlainText);
        auto *value = valueLabel(parent, QStringLiteral("field_") + f.key);
        m_fields->addRow(label, value);
        styleJson(value, f.value);
    }
    if (d.fields.isEmpty()) {
        auto *none = valueLabel(parent);
        none->setText(tr("No fields could be read."));
        m_fields->addRow(none);
    }
    m_raw->setPlainText(d.rawFormData);
}

void FormDetailView::fillPayment(const FormDetail &d)
{
    const FormSummary &s = d.summary;
    clearForm(m_payment);
    addRow(m_payment, tr("Checkout session"), orDash(s.stripeSessionId),
           QStringLiteral("sessionLabel"));
    addRow(m_payment, tr("Payment intent"), orDash(s.paymentIntentId),
           QStringLiteral("intentLabel"));
    addRow(m_payment, tr("Amount paid"),
           s.amountPaidCents ? Money {*s.amountPaidCents, QStringLiteral("usd")}.display()
                             : tr("not paid"),
           QStringLiteral("amountLabel"));
    addRow(m_payment, tr("Paid at"),
           s.paidAt.isValid() ? formatTime(s.paidAt) : QStringLiteral("—"));
    const QString state = paymentState(d);
    if (!state.isEmpty())
        addRow(m_payment, tr("Payment"), state, QStringLiteral("paymentStateLabel"));

    if (!d.hasRefundTable)
        m_noRefunds->setText(
            tr("This database has no refund table (compose_refunds): refunds are not known here. "
               "Apply the dashboard's migrations to record them."));
    else
        m_noRefunds->setText(tr("No refunds."));
    m_refunds->setRowCount(int(d.refunds.size()));
    for (int r = 0; r < d.refunds.size(); ++r) {
        const RefundRecord &x = d.refunds.at(r);
        m_refunds->setItem(
            r, 0,
            item(Money {x.amountCents, x.currency.isEmpty() ? QStringLiteral("usd") : x.currency}
                     .display()));
        m_refunds->setItem(r, 1, item(refundReason(x.reason)));
        m_refunds->setItem(r, 2, item(x.note));
        m_refunds->setItem(r, 3, item(x.staff.isEmpty() ? tr("unknown") : x.staff));
        m_refunds->setItem(r, 4, item(formatTime(x.at)));
        QTableWidgetItem *st = item(refundState(x.status));
        if (!x.counts())
            st->setForeground(warningColour());
        m_refunds->setItem(r, 5, st);
        m_refunds->setItem(r, 6, item(x.id));
    }
    m_refunds->resizeColumnsToContents();
    m_refunds->setVisible(!d.refunds.isEmpty());
    m_noRefunds->setVisible(d.refunds.isEmpty());

    m_orders->setRowCount(int(d.orders.size()));
    for (int r = 0; r < d.orders.size(); ++r) {
        const OrderRow &o = d.orders.at(r);
        m_orders->setItem(r, 0, item(o.id));
        m_orders->setItem(r, 1, item(o.amount.display()));
        m_orders->setItem(r, 2,
                          item(o.paymentFlag == QLatin1String("duplicate")
                                   ? tr("%1 (duplicate payment)").arg(o.status)
                                   : o.status));
        m_orders->setItem(r, 3, item(o.stripeSessionId));
        m_orders->setItem(r, 4, item(o.packageId));
        m_orders->setItem(r, 5, item(formatTime(o.createdAt)));
    }
    m_orders->resizeColumnsToContents();
    m_orders->setVisible(!d.orders.isEmpty());
    m_noOrders->setVisible(d.orders.isEmpty());
}

void FormDetailView::fillCustomer(const FormDetail &d)
{
    const Customer &c = d.customer;
    setWarning(m_customerWarning,
               c.userMissing
                   ? tr("The form names user %1, but there is no such row in the \"user\" table.")
                         .arg(c.userId)
                   : QString());
    clearForm(m_customer);
    if (c.userId.isEmpty()) {
        addRow(m_customer, tr("Kind"), tr("Guest (no account)"));
        addRow(m_customer, tr("E-mail"), orDash(c.email.isEmpty() ? d.summary.email : c.email),
               QStringLiteral("customerEmail"));
    } else {
        addRow(m_customer, tr("Kind"), tr("Registered user"));
        addRow(m_customer, tr("User id"), c.userId);
        addRow(m_customer, tr("Name"), orDash(c.name), QStringLiteral("customerName"));
        addRow(m_customer, tr("E-mail"), orDash(c.email), QStringLiteral("customerEmail"));
        addRow(m_customer, tr("Credits"),
               c.credits ? QLocale().toString(*c.credits) : QStringLiteral("—"));
    }
}

void FormDetailView::fillHistory(const FormDetail &d)
{
    m_noHistory->setVisible(!d.hasEventTable);
    m_history->setVisible(d.hasEventTable);
    QList<StatusEvent> events = d.events;
    std::sort(events.begin(), events.end(), [](const StatusEvent &a, const StatusEvent &b) {
        return a.at != b.at ? a.at > b.at : a.id > b.id;
    });
    m_history->setRowCount(int(events.size()));
    for (int r = 0; r < events.size(); ++r) {
        const StatusEvent &e = events.at(r);
        auto label = [](const QString &key) {
            if (key.isEmpty())
                return QStringLiteral("—");
            const FormStatus s = Status::fromKey(key);
            return s == FormStatus::Unknown ? key : Status::label(s);
        };
        m_history->setItem(r, 0, item(formatTime(e.at)));
        m_history->setItem(r, 1, item(label(e.fromStatus)));
        m_history->setItem(r, 2, item(label(e.toStatus)));
        m_history->setItem(r, 3, item(e.actor));
    }
    m_history->resizeColumnsToContents();
    if (d.hasEventTable && events.isEmpty())
        m_history->setRowCount(0);
}

QString FormDetailView::paymentState(const FormDetail &d)
{
    const FormSummary &s = d.summary;
    const qint64 paid = s.amountPaidCents.value_or(0);
    if (!Status::isPaid(s.status) && paid <= 0)
        return {};
    const qint64 refunded = d.refundedCents();
    const QString refundedText = Money {refunded}.display();
    const QString paidText = Money {paid}.display();
    int pending = 0;
    for (const RefundRecord &r : d.refunds)
        pending += r.counts() && r.status != QLatin1String("succeeded") ? 1 : 0;
    // Whole sentences, so a translator can order the amounts and the plural as the language needs.
    if (paid > 0 && refunded >= paid)
        return pending ? tr("refunded (%1 of %2; %n refund(s) not settled yet)", nullptr, pending)
                             .arg(refundedText, paidText)
                       : tr("refunded (%1 of %2)").arg(refundedText, paidText);
    if (refunded > 0)
        return pending
            ? tr("partly refunded (%1 of %2; %n refund(s) not settled yet)", nullptr, pending)
                  .arg(refundedText, paidText)
            : tr("partly refunded (%1 of %2)").arg(refundedText, paidText);
    // The status says refunded but no refund row is known (a seed-only database, or a refund
    // made outside compose-api): say so rather than invent an amount.
    if (s.status == FormStatus::Refunded)
        return tr("refunded");
    return tr("paid");
}

void FormDetailView::addPaymentSection(QWidget *section)
{
    m_paymentLayout->addWidget(section);
}

void FormDetailView::addHistorySection(QWidget *section)
{
    m_historyLayout->addWidget(section, 1);
}

void FormDetailView::setActionBar(QWidget *bar)
{
    m_contentLayout->insertWidget(m_contentLayout->indexOf(m_tabs), bar);
}

} // namespace compose
