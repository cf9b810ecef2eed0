#include "keyhelp.h"

#include <QAction>
#include <QCoreApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QShortcut>

namespace compose {

namespace {

const char KeysProperty[] = "composeKeyHelp";

QString line(const QKeySequence &keys, const QString &what)
{
    return keys.toString(QKeySequence::NativeText) + QLatin1Char('\t') + what;
}

QString describeAction(const QAction *action)
{
    if (!action->whatsThis().isEmpty())
        return action->whatsThis();
    QString text = action->text().remove(QLatin1Char('&'));
    if (text.endsWith(QChar(0x2026))) // "Connect…": the dots promise a dialog, not a key
        text.chop(1);
    return text;
}

} // namespace

void KeyHelp::describe(QWidget *widget, const QString &keys, const QString &what)
{
    QStringList lines = widget->property(KeysProperty).toStringList();
    lines << keys + QLatin1Char('\t') + what;
    widget->setProperty(KeysProperty, lines);
}

QString KeyHelp::text(const QMainWindow *window)
{
    QStringList sections;
    QSet<const QAction *> listed;
    for (QAction *menuAction : window->menuBar()->actions()) {
        const QMenu *menu = menuAction->menu();
        if (!menu || !menuAction->isVisible())
            continue;
        QStringList lines;
        for (QAction *a : menu->actions()) {
            if (a->shortcut().isEmpty() || listed.contains(a) || !a->isVisible())
                continue;
            listed.insert(a);
            lines << line(a->shortcut(), describeAction(a));
        }
        if (!lines.isEmpty())
            sections << menuAction->text().remove(QLatin1Char('&')) + QLatin1Char('\n')
                    + lines.join(QLatin1Char('\n'));
    }
    QStringList other;
    for (const QAction *a : window->findChildren<QAction *>()) {
        if (!a->shortcut().isEmpty() && !listed.contains(a) && a->isEnabled()) {
            listed.insert(a);
            other << line(a->shortcut(), describeAction(a));
        }
    }
    for (const QShortcut *s : window->findChildren<QShortcut *>()) {
        if (!s->key().isEmpty() && s->isEnabled())
            other << line(s->key(), s->whatsThis());
    }
    QList<const QWidget *> widgets {window};
    for (const QWidget *w : window->findChildren<QWidget *>())
        widgets << w;
    for (const QWidget *w : widgets)
        other << w->property(KeysProperty).toStringList();
    if (!other.isEmpty())
        sections << QCoreApplication::translate("compose::KeyHelp", "Moving around")
                + QLatin1Char('\n') + other.join(QLatin1Char('\n'));
    return sections.join(QStringLiteral("\n\n"));
}

} // namespace compose
