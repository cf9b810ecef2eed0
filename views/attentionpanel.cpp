#include "attentionpanel.h"

#include "attentionmodel.h"

#include <QAction>
#include <QFont>
#include <QGridLayout>
#include <QMenu>
#include <QToolButton>

namespace compose {

AttentionPanel::AttentionPanel(AttentionModel *model, QWidget *parent)
    : QGroupBox(tr("Needs attention"), parent)
    , m_model(model)
{
    setObjectName(QStringLiteral("attentionPanel"));
    m_menu = new QMenu(tr("&Needs attention"), this);
    m_menu->setObjectName(QStringLiteral("attentionMenu"));
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(6, 4, 6, 4);
    grid->setHorizontalSpacing(4);
    grid->setVerticalSpacing(2);
    // Two equal columns: the buttons ignore their text width (it is elided to fit).
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);

    m_next = new QAction(tr("&Next form of this queue"), this);
    m_next->setObjectName(QStringLiteral("attentionNextAction"));
    m_next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    m_next->setWhatsThis(
        tr("Open the next form of the chosen queue with the action it needs offered"));
    connect(m_next, &QAction::triggered, this, &AttentionPanel::nextRequested);
    addAction(m_next);
    m_menu->addAction(m_next);
    m_menu->addSeparator();

    const QList<Queue> queues = Attention::all();
    // Ctrl+Alt+digit: Alt+digit picks the detail's tabs, Alt+letter the menus, plain 1/2/3 the
    // player's variations.
    static constexpr Qt::Key digits[] = {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_5,
                                         Qt::Key_6, Qt::Key_7, Qt::Key_8, Qt::Key_9, Qt::Key_0};
    for (int i = 0; i < queues.size(); ++i) {
        const Queue q = queues.at(i);
        auto *action = new QAction(Attention::label(q), this);
        action->setObjectName(QStringLiteral("attentionAction_") + Attention::key(q));
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | digits[i]));
        action->setWhatsThis(tr("Show the forms of the queue \"%1\"").arg(Attention::label(q)));
        connect(action, &QAction::triggered, this, [this, q] { choose(q); });
        addAction(action);
        m_menu->addAction(action);
        m_actions << action;

        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("attention_") + Attention::key(q));
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        // Ignored: the label is elided to the width the panel has (updateButtons()).
        button->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
        connect(button, &QToolButton::clicked, this, [this, q] { choose(q); });
        grid->addWidget(button, i / 2, i % 2);
        m_buttons << button;
    }
    auto *next = new QToolButton(this);
    next->setObjectName(QStringLiteral("attentionNext"));
    next->setDefaultAction(m_next);
    next->setText(tr("Next ▸"));
    next->setToolTip(tr("Open the next form of the chosen queue (Ctrl+J)"));
    next->setToolButtonStyle(Qt::ToolButtonTextOnly);
    grid->addWidget(next, int((queues.size() + 1) / 2), 0, 1, 2, Qt::AlignRight);

    connect(m_model, &QAbstractItemModel::dataChanged, this, &AttentionPanel::updateButtons);
    updateButtons();
}

void AttentionPanel::choose(Queue q)
{
    const QString key = Attention::key(q);
    // The active queue again: back to every form.
    emit queueChosen(key == m_active ? QString() : key);
}

void AttentionPanel::setActiveKey(const QString &key)
{
    m_active = key;
    updateButtons();
}

void AttentionPanel::updateButtons()
{
    const QList<Queue> queues = Attention::all();
    for (int i = 0; i < queues.size(); ++i) {
        const QModelIndex index = m_model->index(i);
        QToolButton *b = m_buttons.at(i);
        const qint64 count = index.data(AttentionModel::CountRole).toLongLong();
        const bool available = index.data(AttentionModel::AvailableRole).toBool();
        // "Queue name: 12" — the name is elided, never the count after the last ": ".
        const QString full = index.data(Qt::DisplayRole).toString();
        const qsizetype cut = full.lastIndexOf(QStringLiteral(": "));
        const QString tail = cut >= 0 ? full.mid(cut) : QString();
        const QString name = cut >= 0 ? full.left(cut) : full;
        QFont bold = b->font();
        bold.setBold(count > 0);
        const QFontMetrics fm(bold);
        const int room = b->width() - 12 - fm.horizontalAdvance(tail);
        b->setText(fm.elidedText(name, Qt::ElideRight, qMax(fm.averageCharWidth() * 3, room))
                   + tail);
        b->setToolTip(index.data(Qt::ToolTipRole).toString() + QLatin1Char('\n')
                      + m_actions.at(i)->shortcut().toString(QKeySequence::NativeText));
        b->setEnabled(available);
        m_actions.at(i)->setEnabled(available);
        b->setChecked(Attention::key(queues.at(i)) == m_active);
        // A queue with forms in it reads bold as well as by its number; never colour alone.
        QFont f = b->font();
        f.setBold(count > 0);
        b->setFont(f);
    }
    m_next->setEnabled(!m_active.isEmpty());
}

QSize AttentionPanel::sizeHint() const
{
    QSize size = QGroupBox::sizeHint();
    size.setWidth(fontMetrics().averageCharWidth() * 60);
    return size;
}

void AttentionPanel::resizeEvent(QResizeEvent *event)
{
    QGroupBox::resizeEvent(event);
    updateButtons(); // the labels' elision follows the width
}

} // namespace compose
