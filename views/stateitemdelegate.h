#pragma once

#include <QStyledItemDelegate>

namespace compose {

// Draws cells by the state their model reports through roles, so views stay thin: missing or
// invalid data grey and italic, conflicts on a warm background, failures in red.
class StateItemDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit StateItemDelegate(QObject *parent = nullptr);

    void setInvalidRole(int role) { m_invalidRole = role; }
    void setConflictRole(int role) { m_conflictRole = role; }
    void setFailedRole(int role) { m_failedRole = role; }
    void setPlayingRole(int role) { m_playingRole = role; }

    static QColor invalidColour();
    static QColor conflictBackground();
    static QColor failedColour();

    // Tooltips of item views are guessed as rich text by QToolTip; customer text must stay literal.
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;
    // A cell of one line of text and nothing else is drawn here, not by the style: see the .cpp.
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    // With a playing role: the size of the cell in bold, as it is painted while its row plays.
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_invalidRole = -1;
    int m_conflictRole = -1;
    int m_failedRole = -1;
    int m_playingRole = -1;
};

} // namespace compose
