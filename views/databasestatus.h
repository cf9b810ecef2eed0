#pragma once

#include <QDateTime>
#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QLabel;
class QStatusBar;
QT_END_NAMESPACE

namespace compose {

class Banner;
class DataService;
class FormListModel;

// The window's account of the database: the banner (with "Try again") while it cannot be
// reached, and in the status bar which database, its schema, whether it is live and how many
// forms the list holds. It listens to the DataService and the list model itself; what is shown
// is stale while it is kept from before a failed open or a lost connection.
class DatabaseStatus final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabaseStatus)
public:
    DatabaseStatus(QStatusBar *bar, Banner *banner, DataService *data, FormListModel *list,
                   QObject *parent = nullptr);

    bool isStale() const { return m_stale; }
    // When the data on screen was last known current (a lost connection says since when).
    void setLastFresh(const QDateTime &when) { m_lastFresh = when; }

signals:
    void staleChanged(bool stale);

private:
    void setStale(bool stale);
    void showProblem(const QString &text);
    void update();
    void updateRowCount();

    QPointer<DataService> m_data;
    FormListModel *m_list = nullptr;
    Banner *m_banner = nullptr;
    QLabel *m_connLabel = nullptr;
    QLabel *m_schemaLabel = nullptr;
    QLabel *m_liveLabel = nullptr;
    QLabel *m_rowsLabel = nullptr;
    QDateTime m_lastFresh;
    bool m_stale = false;
};

} // namespace compose
