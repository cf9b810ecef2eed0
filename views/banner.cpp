#include "banner.h"

#include "theme.h"

#include "plaintext.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace compose {

Banner::Banner(const QString &name, Severity severity, QWidget *parent)
    : QFrame(parent)
{
    setObjectName(name);
    auto *layout = new QHBoxLayout(this);
    m_icon = new QLabel(this);
    m_icon->setObjectName(name + QStringLiteral("Icon"));
    m_word = new QLabel(this);
    m_word->setObjectName(name + QStringLiteral("Severity"));
    m_word->setTextFormat(Qt::PlainText);
    QFont bold = m_word->font();
    bold.setBold(true);
    m_word->setFont(bold);
    m_text = new QLabel(this);
    m_text->setObjectName(name + QStringLiteral("Text"));
    PlainText::prepare(m_text);
    m_text->setWordWrap(true);
    layout->addWidget(m_icon);
    layout->addWidget(m_word);
    layout->addWidget(m_text, 1);
    setSeverity(severity);
    setVisible(false); // shown when there is something to say
}

void Banner::setSeverity(Severity severity)
{
    m_severity = severity;
    const bool warning = severity == Severity::Warning;
    // A warning stops work (no database); information leaves the data readable (no API).
    setFrameShape(warning ? QFrame::StyledPanel : QFrame::NoFrame);
    layout()->setContentsMargins(10, warning ? 6 : 4, 10, warning ? 6 : 4);
    const QString name = objectName();
    setStyleSheet(warning ? QStringLiteral("#%1 { background: %2; border-bottom: 1px solid %3; }"
                                           " #%1 QLabel { color: %4; }")
                                .arg(name, Theme::color(Theme::Role::WarningBackground).name(),
                                     Theme::color(Theme::Role::WarningBorder).name(),
                                     Theme::color(Theme::Role::WarningBannerText).name())
                          : QStringLiteral("#%1 { background: %2; border-bottom: 1px solid %3; }")
                                .arg(name, Theme::color(Theme::Role::InfoBackground).name(),
                                     Theme::color(Theme::Role::InfoBorder).name()));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()
                          ->standardIcon(warning ? QStyle::SP_MessageBoxWarning
                                                 : QStyle::SP_MessageBoxInformation,
                                         nullptr, this)
                          .pixmap(size, size));
    m_word->setText(warning ? tr("Warning:") : tr("Note:"));
    m_icon->setAccessibleName(m_word->text());
}

void Banner::setMessage(const QString &text)
{
    m_text->setText(text);
}

QString Banner::message() const
{
    return m_text->text();
}

QPushButton *Banner::addButton(const QString &text, const QString &objectName)
{
    auto *button = new QPushButton(text, this);
    button->setObjectName(objectName);
    layout()->addWidget(button);
    return button;
}

} // namespace compose
