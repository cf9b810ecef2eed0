#include "filterbar.h"

#include "attention.h"
#include "formtypes.h"
#include "keyhelp.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTimeZone>
#include <QToolButton>

namespace compose {

namespace {
// Cohorts are UTC days, like the database's created_at.
QDate todayUtc()
{
    return QDateTime::currentDateTimeUtc().date();
}
} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("filterBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 2);
    layout->setSpacing(6);

    auto *createdLabel = new QLabel(tr("C&reated:"), this);
    m_range = new QComboBox(this);
    m_range->setObjectName(QStringLiteral("rangeCombo"));
    m_range->addItem(tr("Today"), Today);
    m_range->addItem(tr("Last 7 days"), Last7Days);
    m_range->addItem(tr("Last 30 days"), Last30Days);
    m_range->addItem(tr("All time"), AllTime);
    m_range->addItem(tr("Custom…"), Custom);
    m_range->setCurrentIndex(AllTime);
    m_range->setToolTip(
        tr("Which forms the funnel and the list count, by the day they were created (UTC)"));
    createdLabel->setBuddy(m_range);

    m_from = new QDateEdit(todayUtc().addDays(-29), this);
    m_from->setObjectName(QStringLiteral("fromDate"));
    m_to = new QDateEdit(todayUtc(), this);
    m_to->setObjectName(QStringLiteral("toDate"));
    for (QDateEdit *e : {m_from, m_to}) {
        e->setCalendarPopup(true);
        e->setDisplayFormat(QLocale().dateFormat(QLocale::ShortFormat));
        e->setVisible(false);
    }
    m_from->setToolTip(tr("First day (inclusive)"));
    m_to->setToolTip(tr("Last day (inclusive)"));

    auto *packageCaption = new QLabel(tr("Pac&kage:"), this);
    m_package = new QComboBox(this);
    m_package->setObjectName(QStringLiteral("packageCombo"));
    m_package->addItem(tr("All packages"), QString());
    m_package->addItem(packageLabel(packageKey(Package::Solo)), packageKey(Package::Solo));
    m_package->addItem(packageLabel(packageKey(Package::Bundle)), packageKey(Package::Bundle));
    packageCaption->setBuddy(m_package);

    m_statusChip = new QToolButton(this);
    m_statusChip->setObjectName(QStringLiteral("statusChip"));
    m_statusChip->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_statusChip->setAutoRaise(false);
    m_statusChip->setToolTip(tr("Show all statuses again"));
    m_statusChip->setStyleSheet(QStringLiteral(
        "QToolButton { border: 1px solid palette(highlight); border-radius: 9px; padding: 1px 8px;"
        " background: palette(alternate-base); }"));
    m_statusChip->setVisible(false);

    // Needs attention: every queue, and the row flags that are not a queue of their own.
    auto *attentionCaption = new QLabel(tr("Needs attention:"), this);
    m_attention = new QComboBox(this);
    m_attention->setObjectName(QStringLiteral("attentionCombo"));
    m_attention->addItem(tr("All forms"), QString());
    for (Queue q : Attention::all())
        m_attention->addItem(Attention::label(q), Attention::key(q));
    m_attention->addItem(Attention::flagLabel(RowFlag::Stuck), Attention::stuckKey());
    m_attention->addItem(Attention::flagLabel(RowFlag::Refunded), Attention::refundedKey());
    m_attention->setToolTip(tr("Show only the forms of one queue or with one flag"));
    attentionCaption->setBuddy(m_attention);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setPlaceholderText(tr("Find a form: id, e-mail, recipient, cs_… or pi_…  (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    m_search->setToolTip(tr("Searches form id, customer e-mail, recipient name, Stripe checkout "
                            "session and payment intent"));

    layout->addWidget(createdLabel);
    layout->addWidget(m_range);
    layout->addWidget(m_from);
    layout->addWidget(m_to);
    layout->addSpacing(10);
    layout->addWidget(packageCaption);
    layout->addWidget(m_package);
    layout->addSpacing(10);
    layout->addWidget(m_statusChip);
    layout->addSpacing(10);
    layout->addWidget(attentionCaption);
    layout->addWidget(m_attention);
    layout->addStretch(1);
    layout->addWidget(m_search, 2);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(250);
    connect(&m_searchDelay, &QTimer::timeout, this, &FilterBar::emitSearch);
    connect(m_search, &QLineEdit::textEdited, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &FilterBar::acceptSearch);
    m_search->installEventFilter(this);
    KeyHelp::describe(m_search, tr("Enter"),
                      tr("In the search box: open the match (the first, when several)"));
    KeyHelp::describe(m_search, tr("Down"), tr("In the search box: go on into the list"));
    // The clear button changes the text without textEdited.
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            emitSearch();
    });

    connect(m_range, &QComboBox::currentIndexChanged, this, [this] {
        const bool custom = range() == Custom;
        m_from->setVisible(custom);
        m_to->setVisible(custom);
        emit cohortChanged();
    });
    connect(m_package, &QComboBox::currentIndexChanged, this, &FilterBar::cohortChanged);
    auto dateEdited = [this] {
        if (m_from->date() > m_to->date())
            m_to->setDate(m_from->date());
        if (range() == Custom)
            emit cohortChanged();
    };
    connect(m_from, &QDateEdit::dateChanged, this, dateEdited);
    connect(m_to, &QDateEdit::dateChanged, this, dateEdited);
    connect(m_statusChip, &QToolButton::clicked, this, &FilterBar::statusChipCleared);
    connect(m_attention, &QComboBox::currentIndexChanged, this,
            [this] { emit attentionChanged(attention()); });
}

QString FilterBar::attention() const
{
    return m_attention->currentData().toString();
}

void FilterBar::setAttention(const QString &key)
{
    const int i = m_attention->findData(key);
    m_attention->setCurrentIndex(i < 0 ? 0 : i);
}

FilterBar::Range FilterBar::range() const
{
    return Range(m_range->currentData().toInt());
}

void FilterBar::setRange(Range range)
{
    m_range->setCurrentIndex(qBound(0, int(range), m_range->count() - 1));
}

QDate FilterBar::from() const
{
    switch (range()) {
    case Today:
        return todayUtc();
    case Last7Days:
        return todayUtc().addDays(-6);
    case Last30Days:
        return todayUtc().addDays(-29);
    case AllTime:
        return {};
    case Custom:
        return m_from->date();
    }
    return {};
}

QDate FilterBar::to() const
{
    switch (range()) {
    case AllTime:
        return {};
    case Custom:
        return m_to->date();
    default:
        return todayUtc();
    }
}

void FilterBar::setCustomRange(const QDate &from, const QDate &to)
{
    const QSignalBlocker b1(m_from), b2(m_to);
    m_from->setDate(from);
    m_to->setDate(to < from ? from : to);
    if (range() == Custom)
        emit cohortChanged();
    else
        setRange(Custom);
}

QString FilterBar::package() const
{
    return m_package->currentData().toString();
}

void FilterBar::setPackage(const QString &key)
{
    const int i = m_package->findData(key);
    m_package->setCurrentIndex(i >= 0 ? i : 0);
}

QString FilterBar::search() const
{
    return m_lastSearch;
}

void FilterBar::setSearchText(const QString &text)
{
    m_search->setText(text);
    emitSearch();
}

void FilterBar::setStatusChip(const QString &label)
{
    m_statusChip->setText(label.isEmpty() ? QString() : tr("Status: %1  ✕").arg(label));
    m_statusChip->setVisible(!label.isEmpty());
}

void FilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

bool FilterBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Down
        && static_cast<QKeyEvent *>(event)->modifiers() == Qt::NoModifier) {
        emitSearch(); // what is typed is what the list shows before the focus goes there
        emit moveIntoListRequested();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void FilterBar::acceptSearch()
{
    emitSearch();
    emit searchAccepted();
}

void FilterBar::emitSearch()
{
    m_searchDelay.stop();
    const QString text = m_search->text().trimmed();
    if (text == m_lastSearch)
        return;
    m_lastSearch = text;
    emit searchChanged(text);
}

} // namespace compose
