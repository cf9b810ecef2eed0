#include "playbuttondelegate.h"

#include "formdetailmodel.h"
#include "mediaicons.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QStyle>

namespace compose {

PlayButtonDelegate::PlayButtonDelegate(QObject *parent)
    : StateItemDelegate(parent)
{
    setConflictRole(VariationTableModel::HasConflictRole);
    setFailedRole(VariationTableModel::IsFailedRole);
    setPlayingRole(VariationTableModel::IsPlayingRole);
}

QRect PlayButtonDelegate::buttonRect(const QRect &cell)
{
    const int side = qMin(cell.height() - 4, 18);
    return {cell.left() + 3, cell.top() + (cell.height() - side) / 2, side, side};
}

void PlayButtonDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyleOptionViewItem shifted = option;
    const QRect button = buttonRect(option.rect);
    shifted.rect.setLeft(button.right() + 6);
    // Background and selection over the whole cell, then the text beside the button.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *w = option.widget;
    QStyle *style = w ? w->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, w);
    StateItemDelegate::paint(painter, shifted, index);

    const bool playing = index.data(VariationTableModel::IsPlayingRole).toBool();
    // Vector icons in the palette's text colour (the highlight's on a selected row): sharp at 2x
    // and readable on the dark palette, where the style's grey bitmaps were not.
    static const QIcon play = MediaIcons::icon(MediaIcons::Kind::Play);
    static const QIcon stop = MediaIcons::icon(MediaIcons::Kind::Stop);
    (playing ? stop : play)
        .paint(painter, button, Qt::AlignCenter,
               option.state & QStyle::State_Selected ? QIcon::Selected : QIcon::Normal);
}

QSize PlayButtonDelegate::sizeHint(const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    QSize s = StateItemDelegate::sizeHint(option, index);
    s.rwidth() += 26;
    return s;
}

bool PlayButtonDelegate::editorEvent(QEvent *event, QAbstractItemModel *model,
                                     const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonRelease) {
        auto *me = static_cast<QMouseEvent *>(event);
        if (me->button() == Qt::LeftButton
            && buttonRect(option.rect).contains(me->position().toPoint())) {
            emit playClicked(index);
            return true;
        }
    }
    return StateItemDelegate::editorEvent(event, model, option, index);
}

} // namespace compose
