#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QAction;
class QMenu;
class QWidget;
QT_END_NAMESPACE

namespace compose {

class CommandPalette;
class CustomerView;
class MainWindow;

// The window's keyboard map beyond the menus' own actions: the Go menu (command palette on
// Ctrl+K, the list, the detail's tabs on Alt+1…Alt+9), the Tab order search → list → detail
// tabs → actions, and item views that let Tab leave them (a table that moves its current cell
// on Tab traps the focus, and on Shift+Tab it silently switched forms in the list).
class KeyboardNavigation final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyboardNavigation)
public:
    explicit KeyboardNavigation(MainWindow *window);

    QAction *paletteAction() const { return m_palette; }
    CommandPalette *palette() const; // while open
    // Tab leaves every item view under root (the window's, and ones added later by presenters).
    static void untrapTables(QWidget *root);
    // Puts widgets after the detail's tab bar in the Tab order (the action bar's buttons).
    void setActionWidgets(const QList<QWidget *> &widgets);

public slots:
    void openPalette();
    // Ctrl+Shift+U: every form of the customer of the form in the detail pane.
    void openCustomerView();

public:
    CustomerView *customerView() const; // while open

private:
    void refreshTabActions();
    void applyTabOrder();

    MainWindow *m_window = nullptr;
    QMenu *m_menu = nullptr;
    QAction *m_palette = nullptr;
    QAction *m_customer = nullptr;
    QPointer<CustomerView> m_customerView;
    QList<QAction *> m_tabActions;
    QList<QPointer<QWidget>> m_actionWidgets;
    QPointer<CommandPalette> m_paletteDialog;
};

} // namespace compose
