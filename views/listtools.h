#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QAction;
class QMenu;
QT_END_NAMESPACE

namespace compose {

class MainWindow;

// What an agent does with the list as a whole: saved views (filters, status, sort and search
// under a name, in QSettings), CSV export of the current list or of the selected rows (the
// --export forms columns, CsvWriter), and the column chooser of the list's header.
class ListTools final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListTools)
public:
    explicit ListTools(MainWindow *window);

    struct View {
        int range = 3; // FilterBar::Range
        QString from, to; // custom range, ISO days
        QString package;
        int statusRow = -1; // the funnel's row
        QString search;
        int sortColumn = -1;
        int sortOrder = 1; // Qt::DescendingOrder
    };
    View current() const;
    void apply(const View &view);
    void saveView(const QString &name); // replaces a view of that name
    bool openView(const QString &name);
    void removeView(const QString &name);
    static QStringList viewNames();

    // Writes the selected rows (two or more selected) or the whole current list to path, off
    // the UI thread; exported() or exportFailed() says how it went.
    void exportTo(const QString &path);
    QStringList selectedIds() const;

    QMenu *columnMenu() const { return m_columns; }

signals:
    void exported(const QString &path, int rows);
    void exportFailed(const QString &message);

private:
    void askAndExport();
    void askAndSave();
    void rebuildViewsMenu();
    void rebuildColumnMenu();

    MainWindow *m_window = nullptr;
    QMenu *m_views = nullptr;
    QMenu *m_columns = nullptr;
    quint64 m_request = 0;
    QString m_path;
};

} // namespace compose
