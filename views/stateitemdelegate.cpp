#include "stateitemdelegate.h"

#include "theme.h"

#include "plaintext.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QToolTip>

namespace compose {

StateItemDelegate::StateItemDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

QColor StateItemDelegate::invalidColour()
{
    return Theme::color(Theme::Role::MutedText);
}
QColor StateItemDelegate::conflictBackground()
{
    return Theme::color(Theme::Role::ConflictBackground);
}
QColor StateItemDelegate::failedColour()
{
    return Theme::color(Theme::Role::ErrorText);
}

void StateItemDelegate::initStyleOption(QStyleOptionViewItem *option,
                                        const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (m_invalidRole >= 0 && index.data(m_invalidRole).toBool()) {
        option->font.setItalic(true);
        option->palette.setColor(QPalette::Text, invalidColour());
    }
    if (m_conflictRole >= 0 && index.data(m_conflictRole).toBool()
        && !index.data(Qt::BackgroundRole).isValid())
        option->backgroundBrush = conflictBackground();
    if (m_failedRole >= 0 && index.data(m_failedRole).toBool()) {
        option->palette.setColor(QPalette::Text, failedColour());
        option->palette.setColor(QPalette::HighlightedText,
                                 Theme::color(Theme::Role::FailedHighlightedText));
    }
    if (m_playingRole >= 0 && index.data(m_playingRole).toBool())
        option->font.setBold(true);
}

QSize StateItemDelegate::sizeHint(const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    // The columns are sized when the rows arrive; a row turns bold later, when it starts to
    // play. Sized for bold from the start, its text is not cut ("sel…ted") while it plays.
    if (m_playingRole < 0)
        return QStyledItemDelegate::sizeHint(option, index);
    QStyleOptionViewItem bold = option;
    bold.font.setBold(true);
    return QStyledItemDelegate::sizeHint(bold, index);
}

bool StateItemDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                  const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!event || !view || event->type() != QEvent::ToolTip)
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString text = index.data(Qt::ToolTipRole).toString();
    if (text.isEmpty()) {
        QToolTip::hideText();
        event->ignore();
        return false;
    }
    QToolTip::showText(event->globalPos(), PlainText::toolTip(text), view->viewport(), option.rect);
    return true;
}

} // namespace compose
