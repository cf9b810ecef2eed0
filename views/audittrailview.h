#pragma once

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QTableView;
QT_END_NAMESPACE

namespace compose {

class AuditTrailModel;

// The detail pane's Audit tab: status changes and staff actions, newest first, with who, when,
// what and the outcome. Says plainly when the API (the keeper of the trail) is not reachable.
class AuditTrailView : public QWidget {
    Q_OBJECT
public:
    explicit AuditTrailView(AuditTrailModel *model, QWidget *parent = nullptr);
    QTableView *table() const { return m_table; }

private:
    QPointer<AuditTrailModel> m_model;
    QLabel *m_message = nullptr;
    QTableView *m_table = nullptr;
};

} // namespace compose
