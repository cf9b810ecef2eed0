#pragma once

#include <QString>

QT_BEGIN_NAMESPACE
class QMainWindow;
class QWidget;
QT_END_NAMESPACE

namespace compose {

// The keyboard-shortcut help, read from the objects that really handle the keys, so the help
// cannot promise a key that does nothing or leave out one that was added.
namespace KeyHelp {

// A key a widget handles itself (in keyPressEvent, an event filter, an item view's activated
// signal) rather than through a QAction: said here, next to the code that handles it.
void describe(QWidget *widget, const QString &keys, const QString &what);

// Every menu's actions that have a shortcut (under the menu's name), the window's own actions
// and QShortcuts that no menu shows, then the keys described with describe() by the window's
// widgets. An action's whatsThis, when set, says more than its menu text.
QString text(const QMainWindow *window);

} // namespace KeyHelp
} // namespace compose
