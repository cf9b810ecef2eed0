#include "stateitemdelegate.h"

#include "theme.h"

#include "plaintext.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QPainter>
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

void StateItemDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    // The style lays every cell's text out as a paragraph that may wrap (a QTextLayout with line
    // breaking) before it elides it: 50-60 us a cell, so a tall list's viewport took 22 ms of the
    // UI thread to paint (issue 14: no stretch over 16 ms). A cell of one line of text and
    // nothing else is all the form list has: the style still draws its background, selection and
    // focus; the text is elided once with the font's metrics and drawn as the style would (same
    // margin, alignment and colour group).
    const bool simple
        = !(opt.features
            & (QStyleOptionViewItem::HasDecoration | QStyleOptionViewItem::HasCheckIndicator
               | QStyleOptionViewItem::WrapText))
        && !opt.text.contains(QChar::LineFeed) && !opt.text.contains(QChar::LineSeparator)
        && !(opt.state & QStyle::State_Editing);
    if (!simple) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QWidget *widget = opt.widget;
    const QStyle *style = widget ? widget->style() : QApplication::style();
    const QString text = opt.text;
    opt.text.clear();
    opt.features &= ~QStyleOptionViewItem::HasDisplay;
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (text.isEmpty())
        return;
    QPalette::ColorGroup group
        = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    if (group == QPalette::Normal && !(opt.state & QStyle::State_Active))
        group = QPalette::Inactive;
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect rect = opt.rect.adjusted(margin, 0, -margin, 0);
    const QFontMetrics metrics(opt.font);
    painter->save();
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(
        group, opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(rect, int(opt.displayAlignment) | Qt::TextSingleLine,
                      metrics.elidedText(text, opt.textElideMode, rect.width()));
    painter->restore();
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
