#pragma once

#include "stateitemdelegate.h"

namespace compose {

// The variation table's first column with a play button in front of the song number: the
// button shows ▶, or ■ on the row that is playing (IsPlayingRole); a click on it asks to play.
class PlayButtonDelegate : public StateItemDelegate {
    Q_OBJECT
public:
    explicit PlayButtonDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;
    static QRect buttonRect(const QRect &cell);

signals:
    void playClicked(const QModelIndex &index);
};

} // namespace compose
