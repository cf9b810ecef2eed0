#pragma once

#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QAbstractItemView;
class QAction;
class QMenu;
QT_END_NAMESPACE

namespace compose {

class DataService;
class MainWindow;

// Copying what a ticket needs: Ctrl+C on any cell of any table of the window (the selected
// cells, tab-separated), and for the form in the detail pane its id, the customer's e-mail,
// its share link (from its deliveries) and its payment intent, plus "Open in Stripe" for the
// payment intent or Checkout Session. An Edit menu holds the form's ones with their keys; the
// list's context menu offers them too (fillMenu).
class FormClipboard final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FormClipboard)
public:
    FormClipboard(MainWindow *window, DataService *data);

    void fillMenu(QMenu *menu);
    // Ctrl+C copies the view's selected cells (installed on every item view of the window).
    void watch(QAbstractItemView *view);
    static QString cellsText(const QAbstractItemView *view);

signals:
    // Said in the status bar: what was copied or opened, or why not.
    void told(const QString &message);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    void copy(const QString &text, const QString &what);
    void copyShareLink();
    void openInStripe();
    QAction *make(const QString &text, const char *name, const QKeySequence &key);

    MainWindow *m_window = nullptr;
    QPointer<DataService> m_data;
    QMenu *m_menu = nullptr;
    QAction *m_copyId = nullptr;
    QAction *m_copyEmail = nullptr;
    QAction *m_copyShare = nullptr;
    QAction *m_copyIntent = nullptr;
    QAction *m_openStripe = nullptr;
    quint64 m_shareRequest = 0;
};

} // namespace compose
