#pragma once

#include "attention.h"

#include <QGroupBox>
#include <QList>

QT_BEGIN_NAMESPACE
class QAction;
class QMenu;
class QToolButton;
QT_END_NAMESPACE

namespace compose {

class AttentionModel;

// "Needs attention": one button per queue with its live count (AttentionModel), each with a
// shortcut (Alt+1 … Alt+9, Alt+0), and Next (Ctrl+J), which works the active queue form by
// form. A click shows the list filtered to that queue; clicking the active queue again shows
// every form. The same actions are in the window's Needs attention menu.
class AttentionPanel final : public QGroupBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttentionPanel)
public:
    explicit AttentionPanel(AttentionModel *model, QWidget *parent = nullptr);

    // The queue or flag the list is filtered to ("" for none): its button shows as pressed.
    void setActiveKey(const QString &key);
    QString activeKey() const { return m_active; }
    QToolButton *button(Queue q) const { return m_buttons.value(int(q)); }
    QAction *queueAction(Queue q) const { return m_actions.value(int(q)); }
    QAction *nextAction() const { return m_next; }
    QMenu *menu() const { return m_menu; }
    // About sixty characters wide whatever its labels: the funnel beside it takes the rest, and
    // the queue names are elided (the count always shows).
    QSize sizeHint() const override;

signals:
    void queueChosen(const QString &key); // "" shows every form again
    void nextRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateButtons();
    void choose(Queue q);

    AttentionModel *m_model = nullptr;
    QList<QToolButton *> m_buttons;
    QList<QAction *> m_actions;
    QAction *m_next = nullptr;
    QMenu *m_menu = nullptr;
    QString m_active;
};

} // namespace compose
