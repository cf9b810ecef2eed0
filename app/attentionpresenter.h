#pragma once

#include "attention.h"

#include <QHash>
#include <QObject>

#include <functional>

QT_BEGIN_NAMESPACE
class QWidget;
QT_END_NAMESPACE

namespace compose {

class ActionBar;
class MainWindow;

// Working a queue (issue 12): Next (Ctrl+J) selects the next form of the queue the list is
// filtered to and, once its detail is loaded, puts the focus on the one action that queue needs
// (retry the failed variation, deliver, refund), so Space opens its confirmation. The list drops
// a form once it leaves the queue (FormListModel), and the counts follow the change.
class AttentionPresenter final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttentionPresenter)
public:
    AttentionPresenter(MainWindow *window, ActionBar *actions);

    // What "offered" means for a queue without a staff action of the action bar, e.g. a paid
    // session without a webhook, whose finding is applied in the detail's findings panel.
    // Focuses what works the form off; returns what the status bar says (empty: the queue's
    // description).
    using Offer = std::function<QString(const QString &formId)>;
    void setOffer(Queue q, Offer offer);

    // The widget the last Next put the focus on (a test checks what was offered).
    QWidget *offered() const { return m_offered; }

signals:
    void offeredChanged(const QString &formId, QWidget *widget);

private:
    void next();
    void offer(Queue q, const QString &formId);

    MainWindow *m_window = nullptr;
    ActionBar *m_actions = nullptr;
    QHash<int, Offer> m_offers;
    QWidget *m_offered = nullptr;
    QString m_lastOffered; // Next moves on from this form
};

} // namespace compose
