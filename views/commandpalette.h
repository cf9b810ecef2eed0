#pragma once

#include <QDialog>
#include <QList>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QAction;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
QT_END_NAMESPACE

namespace compose {

class MainWindow;

// Ctrl+K: one box over every action of the window's menus and the forms in the list. Typing
// filters fuzzily (the letters in order, word starts and runs ranked first); Enter runs the
// action or opens the form; what was typed can also be searched for as a form.
class CommandPalette final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommandPalette)
public:
    explicit CommandPalette(MainWindow *window);

    QLineEdit *input() const { return m_input; }
    QListWidget *results() const { return m_results; }

    // How well needle matches haystack as a subsequence (case-insensitive); -1: not at all.
    // Public for tests.
    static int fuzzyScore(const QString &needle, const QString &haystack);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Entry {
        QString text; // what is shown and matched
        QPointer<QAction> action; // or
        QString formId;
        QString shortcut;
    };
    void collect();
    void filter(const QString &text);
    void runCurrent();

    MainWindow *m_window = nullptr;
    QLineEdit *m_input = nullptr;
    QListWidget *m_results = nullptr;
    QList<Entry> m_entries;
};

} // namespace compose
