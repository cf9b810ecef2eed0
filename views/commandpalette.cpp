#include "commandpalette.h"

#include "formlistmodel.h"
#include "formlistview.h"
#include "mainwindow.h"

#include <QAction>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QVBoxLayout>

#include <algorithm>

namespace compose {

namespace {
constexpr int EntryRole = Qt::UserRole;
constexpr int MaxForms = 500; // the loaded rows a palette offers; the search finds the rest
constexpr int MaxShown = 50;
} // namespace

CommandPalette::CommandPalette(MainWindow *window)
    : QDialog(window)
    , m_window(window)
{
    setObjectName(QStringLiteral("commandPalette"));
    setWindowTitle(tr("Command palette"));
    auto *layout = new QVBoxLayout(this);
    m_input = new QLineEdit(this);
    m_input->setObjectName(QStringLiteral("paletteInput"));
    m_input->setPlaceholderText(tr("Type an action or a form (id, recipient, e-mail)…"));
    m_results = new QListWidget(this);
    m_results->setObjectName(QStringLiteral("paletteResults"));
    m_results->setUniformItemSizes(true);
    m_results->setTextElideMode(Qt::ElideMiddle);
    m_results->setFocusPolicy(Qt::NoFocus); // the keys stay in the input: Up/Down move here
    layout->addWidget(m_input);
    layout->addWidget(m_results, 1);
    resize(560, 380);
    m_input->installEventFilter(this);
    connect(m_input, &QLineEdit::textChanged, this, &CommandPalette::filter);
    connect(m_input, &QLineEdit::returnPressed, this, &CommandPalette::runCurrent);
    connect(m_results, &QListWidget::itemActivated, this, &CommandPalette::runCurrent);
    collect();
    filter(QString());
}

int CommandPalette::fuzzyScore(const QString &needle, const QString &haystack)
{
    if (needle.isEmpty())
        return 0;
    const QString n = needle.toCaseFolded();
    const QString h = haystack.toCaseFolded();
    if (h.contains(n)) // a substring beats any scattered match, earlier beats later
        return 10000 - int(h.indexOf(n));
    int score = 0, at = 0, run = 0;
    for (const QChar c : n) {
        if (c.isSpace())
            continue;
        const qsizetype found = h.indexOf(c, at);
        if (found < 0)
            return -1;
        run = found == at ? run + 1 : 0;
        const bool wordStart = found == 0 || !h.at(found - 1).isLetterOrNumber();
        score += 10 + run * 5 + (wordStart ? 8 : 0) - int(qMin<qsizetype>(found - at, 9));
        at = found + 1;
    }
    return score;
}

void CommandPalette::collect()
{
    for (QAction *menuAction : m_window->menuBar()->actions()) {
        const QMenu *menu = menuAction->menu();
        if (!menu)
            continue;
        const QString menuName = menuAction->text().remove(QLatin1Char('&'));
        for (QAction *a : menu->actions()) {
            if (a->isSeparator() || a->menu() || !a->isVisible()
                || a->objectName() == QLatin1String("paletteAction"))
                continue;
            QString text = a->text().remove(QLatin1Char('&'));
            m_entries.append({tr("%1: %2", "menu: command").arg(menuName, text),
                              a,
                              {},
                              a->shortcut().toString(QKeySequence::NativeText)});
        }
    }
    const FormListModel *model = m_window->listModel();
    for (int r = 0; r < qMin(model->rowCount(), MaxForms); ++r) {
        const FormSummary s = model->summaryAt(r);
        m_entries.append({tr("Form %1 · %2 · %3")
                              .arg(s.id, s.recipient.display(),
                                   s.email.isEmpty() ? QStringLiteral("—") : s.email),
                          nullptr,
                          s.id,
                          {}});
    }
}

void CommandPalette::filter(const QString &text)
{
    const QString needle = text.trimmed();
    QList<std::pair<int, int>> ranked; // score, entry
    for (int i = 0; i < m_entries.size(); ++i) {
        const Entry &e = m_entries.at(i);
        if (e.action && !e.action->isEnabled())
            continue;
        const int score = fuzzyScore(needle, e.text);
        if (score >= 0)
            ranked.append({score, i});
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto &a, const auto &b) { return a.first > b.first; });
    m_results->clear();
    for (int k = 0; k < qMin(int(ranked.size()), MaxShown); ++k) {
        const Entry &e = m_entries.at(ranked.at(k).second);
        auto *item = new QListWidgetItem(
            e.shortcut.isEmpty() ? e.text : tr("%1    %2").arg(e.text, e.shortcut), m_results);
        item->setData(EntryRole, ranked.at(k).second);
    }
    if (!needle.isEmpty()) {
        // Whatever was typed can always be looked up as a form, also beyond the loaded rows.
        auto *item = new QListWidgetItem(tr("Find forms: %1").arg(needle), m_results);
        item->setData(EntryRole, -1);
    }
    m_results->setCurrentRow(0);
}

bool CommandPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_input && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        const int count = m_results->count();
        if ((key == Qt::Key_Down || key == Qt::Key_Up) && count > 0) {
            const int step = key == Qt::Key_Down ? 1 : -1;
            m_results->setCurrentRow((m_results->currentRow() + step + count) % count);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void CommandPalette::runCurrent()
{
    const QListWidgetItem *item = m_results->currentItem();
    if (!item)
        return;
    const int index = item->data(EntryRole).toInt();
    const QString typed = m_input->text().trimmed();
    QPointer<QAction> action;
    QString formId;
    if (index >= 0) {
        action = m_entries.at(index).action;
        formId = m_entries.at(index).formId;
    }
    MainWindow *window = m_window;
    accept(); // closed first: the action may open a dialog of its own
    if (action) {
        action->trigger();
    } else if (!formId.isEmpty()) {
        window->showForm(formId);
        window->listView()->setFocus(Qt::OtherFocusReason);
    } else if (!typed.isEmpty()) {
        window->showForm(typed);
        window->listView()->setFocus(Qt::OtherFocusReason);
    }
}

} // namespace compose
