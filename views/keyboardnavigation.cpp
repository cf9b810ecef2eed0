#include "keyboardnavigation.h"

#include "commandpalette.h"
#include "customerview.h"
#include "filterbar.h"
#include "formclipboard.h"
#include "formdetailmodel.h"
#include "formdetailview.h"
#include "formlistview.h"
#include "keyhelp.h"
#include "mainwindow.h"

#include <QAbstractItemView>
#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTimer>

namespace compose {

KeyboardNavigation::KeyboardNavigation(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    setObjectName(QStringLiteral("keyboardNavigation"));
    m_menu = new QMenu(tr("&Go"), window);
    m_menu->setObjectName(QStringLiteral("goMenu"));
    m_palette = m_menu->addAction(tr("Command &palette…"), this, &KeyboardNavigation::openPalette);
    m_palette->setObjectName(QStringLiteral("paletteAction"));
    m_palette->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    m_palette->setWhatsThis(tr("Command palette: run any action or open any form by typing"));
    QAction *list = m_menu->addAction(tr("Form &list"), window, [window] {
        window->listView()->setFocus(Qt::ShortcutFocusReason);
    });
    list->setObjectName(QStringLiteral("focusListAction"));
    list->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    list->setWhatsThis(tr("Go to the form list"));
    m_customer
        = m_menu->addAction(tr("&Customer's forms…"), this, &KeyboardNavigation::openCustomerView);
    m_customer->setObjectName(QStringLiteral("customerAction"));
    m_customer->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    m_customer->setWhatsThis(
        tr("Every form of this form's customer (account or e-mail), paid, refunded, delivered"));
    m_menu->addSeparator();
    // Alt+digit, not Alt+letter: the tabs' letters collided with the menus' (Alt+F, Alt+V,
    // Alt+H, Alt+A) and the filter's (Alt+P); digits are free and stay put when tabs are added.
    for (int i = 0; i < 9; ++i) {
        QAction *a = m_menu->addAction(tr("Detail tab %1").arg(i + 1), window, [window, i] {
            // From the search box with a datum typed: open that form, then show the tab.
            FilterBar *filters = window->filterBar();
            if (filters->searchEdit()->hasFocus()
                && !filters->searchEdit()->text().trimmed().isEmpty())
                filters->acceptSearch();
            QTabWidget *tabs = window->detailView()->tabs();
            if (i < tabs->count()) { // also while the form loads: it opens on this tab
                tabs->setCurrentIndex(i);
                tabs->tabBar()->setFocus(Qt::ShortcutFocusReason);
            }
        });
        a->setObjectName(QStringLiteral("detailTab%1Action").arg(i + 1));
        a->setShortcut(QKeySequence(Qt::ALT | (Qt::Key_1 + i)));
        m_tabActions << a;
    }
    window->menuBar()->insertMenu(window->menuBar()->actions().constLast(), m_menu); // before Help

    untrapTables(window);
    applyTabOrder();
    refreshTabActions();
    // Presenters add tabs, tables and the action bar after the window is built.
    QTimer::singleShot(0, this, [this] {
        untrapTables(m_window);
        applyTabOrder();
        refreshTabActions();
    });
    connect(window->detailView()->tabs(), &QTabWidget::currentChanged, this,
            &KeyboardNavigation::refreshTabActions);
}

CommandPalette *KeyboardNavigation::palette() const
{
    return m_paletteDialog;
}

CustomerView *KeyboardNavigation::customerView() const
{
    return m_customerView;
}

void KeyboardNavigation::untrapTables(QWidget *root)
{
    const auto views = root->findChildren<QAbstractItemView *>();
    for (QAbstractItemView *v : views) {
        v->setTabKeyNavigation(false);
        if (auto *window = qobject_cast<MainWindow *>(root); window && window->clipboard())
            window->clipboard()->watch(v);
    }
}

void KeyboardNavigation::setActionWidgets(const QList<QWidget *> &widgets)
{
    m_actionWidgets.clear();
    for (QWidget *w : widgets)
        m_actionWidgets << w;
    applyTabOrder();
}

void KeyboardNavigation::applyTabOrder()
{
    QList<QWidget *> chain {m_window->filterBar()->searchEdit(), m_window->listView(),
                            m_window->detailView()->tabs()->tabBar()};
    for (const QPointer<QWidget> &w : std::as_const(m_actionWidgets)) {
        if (w)
            chain << w;
    }
    for (int i = 1; i < chain.size(); ++i)
        QWidget::setTabOrder(chain.at(i - 1), chain.at(i));
}

void KeyboardNavigation::refreshTabActions()
{
    QTabWidget *tabs = m_window->detailView()->tabs();
    for (int i = 0; i < m_tabActions.size(); ++i) {
        QAction *a = m_tabActions.at(i);
        const bool exists = i < tabs->count();
        QString name = exists ? tabs->tabText(i) : QString();
        name.remove(QLatin1Char('&'));
        a->setText(exists ? tr("Detail tab %1: %2").arg(i + 1).arg(name)
                          : tr("Detail tab %1").arg(i + 1));
        a->setWhatsThis(exists ? tr("Show the detail's %1 tab").arg(name) : QString());
        a->setEnabled(exists);
        a->setVisible(exists);
        // A key without a tab is no key: the help does not promise it.
        a->setShortcut(exists ? QKeySequence(Qt::ALT | (Qt::Key_1 + i)) : QKeySequence());
    }
}

void KeyboardNavigation::openCustomerView()
{
    const FormDetailModel *detail = m_window->detailModel();
    if (detail->state() != FormDetailModel::State::Loaded || !m_window->dataService())
        return;
    const FormSummary &s = detail->detail().summary;
    auto *view = new CustomerView(m_window->dataService(), CustomerKey {s.userId, s.email}, s.id,
                                  m_window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    connect(view, &CustomerView::formChosen, m_window, [this](const QString &id) {
        m_window->showForm(id);
        m_window->listView()->setFocus(Qt::OtherFocusReason);
    });
    m_customerView = view;
    view->open();
}

void KeyboardNavigation::openPalette()
{
    if (m_paletteDialog) {
        m_paletteDialog->activateWindow();
        return;
    }
    m_paletteDialog = new CommandPalette(m_window);
    m_paletteDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_paletteDialog->open();
}

} // namespace compose
