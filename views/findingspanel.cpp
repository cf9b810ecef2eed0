#include "findingspanel.h"

#include "findingdialog.h"
#include "formtypes.h"
#include "staffactions.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace compose {

namespace {

QJsonObject detailOf(const Finding &f)
{
    return QJsonDocument::fromJson(f.detailJson.toUtf8()).object();
}

QString money(const QJsonObject &d, const QString &key)
{
    const QJsonValue v = d.value(key);
    if (!v.isDouble())
        return QStringLiteral("—");
    return Money {qint64(v.toDouble()),
                  d.value(QStringLiteral("currency")).toString(QStringLiteral("usd"))}
        .display();
}

QString text(const QJsonObject &d, const QString &key)
{
    const QString v = d.value(key).toString();
    return v.isEmpty() ? QStringLiteral("—") : v;
}

} // namespace

FindingsPanel::FindingsPanel(StaffActions *actions, QWidget *parent)
    : QWidget(parent)
    , m_actions(actions)
{
    setObjectName(QStringLiteral("findingsPanel"));
    auto *frame = new QFrame(this);
    frame->setFrameShape(QFrame::StyledPanel);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(frame);
    auto *layout = new QVBoxLayout(frame);
    m_title = new QLabel(frame);
    m_title->setObjectName(QStringLiteral("findingsTitle"));
    m_title->setTextFormat(Qt::PlainText);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    layout->addWidget(m_title);
    m_rowsHost = new QWidget(frame);
    m_rows = new QVBoxLayout(m_rowsHost);
    m_rows->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_rowsHost);
    hide();
    if (m_actions) {
        connect(m_actions, &StaffActions::apiStateChanged, this, &FindingsPanel::refreshButtons);
        connect(m_actions, &StaffActions::identityChanged, this, &FindingsPanel::refreshButtons);
        connect(m_actions, &StaffActions::actionStarted, this, &FindingsPanel::refreshButtons);
        connect(m_actions, &StaffActions::actionFinished, this, &FindingsPanel::refreshButtons);
    }
}

QString FindingsPanel::describe(const Finding &f)
{
    const QJsonObject d = detailOf(f);
    if (f.kind == FindingKind::paidWithoutWebhook())
        return tr("Stripe says checkout session %1 was paid (%2), but no payment is recorded: "
                  "Stripe's webhook never arrived.")
            .arg(text(d, QStringLiteral("sessionId")), money(d, QStringLiteral("amount")));
    if (f.kind == FindingKind::refundMismatch()) {
        const QString ours = d.value(QStringLiteral("ourStatus")).toString();
        return ours.isEmpty()
            ? tr("Stripe has refund %1 (%2, %3) that the database does not know.")
                  .arg(text(d, QStringLiteral("refundId")),
                       money(d, QStringLiteral("stripeAmount")),
                       text(d, QStringLiteral("stripeStatus")))
            : tr("Stripe says refund %1 is %2 (%3); the database says %4 (%5).")
                  .arg(text(d, QStringLiteral("refundId")), text(d, QStringLiteral("stripeStatus")),
                       money(d, QStringLiteral("stripeAmount")), ours,
                       money(d, QStringLiteral("ourAmount")));
    }
    if (f.kind == FindingKind::paymentWithoutForm())
        return tr("Stripe has a payment of %1 (%2) that names no form we know.")
            .arg(money(d, QStringLiteral("amount")), text(d, QStringLiteral("paymentIntent")));
    if (f.kind == FindingKind::amountMismatch())
        return tr("Stripe charged %1 for checkout session %2, but the order records %3.")
            .arg(money(d, QStringLiteral("stripeAmount")), text(d, QStringLiteral("sessionId")),
                 money(d, QStringLiteral("orderAmount")));
    return tr("Reconciliation found \"%1\" for Stripe object %2.").arg(f.kind, f.stripeObjectId);
}

QString FindingsPanel::details(const Finding &f)
{
    const QString found = QLocale().toString(f.foundAt.toLocalTime(), QLocale::ShortFormat);
    if (f.paymentIntent.isEmpty())
        return tr("Found %1 · finding %2").arg(found).arg(f.id);
    return tr("Found %1 · payment intent %2 · finding %3").arg(found, f.paymentIntent).arg(f.id);
}

void FindingsPanel::setFindings(const QList<Finding> &findings)
{
    m_findings = findings;
    rebuild();
}

void FindingsPanel::rebuild()
{
    while (QLayoutItem *item = m_rows->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    setVisible(!m_findings.isEmpty());
    m_title->setText(tr("Needs attention: %n finding(s) from reconciliation with Stripe.", nullptr,
                        int(m_findings.size())));
    for (const Finding &f : std::as_const(m_findings)) {
        auto *row = new QWidget(m_rowsHost);
        row->setObjectName(QStringLiteral("finding_%1").arg(f.id));
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto *texts = new QVBoxLayout;
        auto *sentence = new QLabel(describe(f), row);
        sentence->setObjectName(QStringLiteral("findingText"));
        sentence->setTextFormat(Qt::PlainText);
        sentence->setWordWrap(true);
        sentence->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *detail = new QLabel(details(f), row);
        detail->setObjectName(QStringLiteral("findingDetail"));
        detail->setTextFormat(Qt::PlainText);
        detail->setForegroundRole(QPalette::PlaceholderText);
        texts->addWidget(sentence);
        texts->addWidget(detail);
        h->addLayout(texts, 1);
        auto *apply = new QPushButton(tr("Apply…"), row);
        apply->setObjectName(QStringLiteral("applyFinding"));
        apply->setProperty("findingId", f.id);
        auto *dismiss = new QPushButton(tr("Dismiss…"), row);
        dismiss->setObjectName(QStringLiteral("dismissFinding"));
        dismiss->setProperty("findingId", f.id);
        connect(apply, &QPushButton::clicked, this, [this, f] { open(f, true); });
        connect(dismiss, &QPushButton::clicked, this, [this, f] { open(f, false); });
        h->addWidget(apply);
        h->addWidget(dismiss);
        m_rows->addWidget(row);
    }
    refreshButtons();
}

void FindingsPanel::refreshButtons()
{
    for (const Finding &f : std::as_const(m_findings)) {
        for (const bool apply : {true, false}) {
            QPushButton *b = apply ? applyButton(f.id) : dismissButton(f.id);
            if (!b)
                continue;
            const QString why = m_actions ? m_actions->findingBlockedReason(f, apply)
                                          : tr("The API is not available.");
            b->setEnabled(why.isEmpty());
            b->setToolTip(why.isEmpty() ? (apply ? tr("Record what Stripe says, as its webhook "
                                                      "would have.")
                                                 : tr("Close the finding with a note saying why."))
                                        : why);
        }
    }
}

QPushButton *FindingsPanel::applyButton(qint64 findingId) const
{
    const auto buttons = m_rowsHost->findChildren<QPushButton *>(QStringLiteral("applyFinding"));
    for (QPushButton *b : buttons) {
        if (b->property("findingId").toLongLong() == findingId)
            return b;
    }
    return nullptr;
}

QPushButton *FindingsPanel::dismissButton(qint64 findingId) const
{
    const auto buttons = m_rowsHost->findChildren<QPushButton *>(QStringLiteral("dismissFinding"));
    for (QPushButton *b : buttons) {
        if (b->property("findingId").toLongLong() == findingId)
            return b;
    }
    return nullptr;
}

void FindingsPanel::open(const Finding &finding, bool apply)
{
    if (!m_actions || !m_actions->findingBlockedReason(finding, apply).isEmpty())
        return;
    auto *dialog = new FindingDialog(
        m_actions, finding, apply ? FindingDialog::Mode::Apply : FindingDialog::Mode::Dismiss,
        window());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace compose
