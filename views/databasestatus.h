#pragma once

#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QLabel;
class QStatusBar;
QT_END_NAMESPACE

namespace compose {

class DataService;
class FormListModel;

// The status bar's account of the data: which database, its schema, whether it is live, and how
// many forms the list holds. It listens to the DataService and the list model itself; the
// window only says when what is shown is stale (kept from before a lost connection).
class DatabaseStatus final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabaseStatus)
public:
    DatabaseStatus(QStatusBar *bar, DataService *data, FormListModel *list,
                   QObject *parent = nullptr);

    void setStale(bool stale);
    void update();

private:
    void updateRowCount();

    QPointer<DataService> m_data;
    FormListModel *m_list = nullptr;
    QLabel *m_connLabel = nullptr;
    QLabel *m_schemaLabel = nullptr;
    QLabel *m_liveLabel = nullptr;
    QLabel *m_rowsLabel = nullptr;
    bool m_stale = false;
};

} // namespace compose
