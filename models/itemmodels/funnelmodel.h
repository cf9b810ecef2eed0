#pragma once

#include "formtypes.h"

#include <QAbstractTableModel>

namespace compose {

class DataService;

// The status funnel for a cohort (forms created in a date range, optionally one package).
// Rows: the seven workflow stages in order, then Expired, Refunded and Other (any status the
// data holds that we don't know). "Reached" counts a form at its current stage and every
// earlier one (a refunded form reached Paid; an expired one reached at least Created), so
// share and conversion read like a funnel; "Now" is how many sit in that status today.
class FunnelModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        StageColumn,
        NowColumn,
        ReachedColumn,
        ShareColumn,
        ConversionColumn,
        ColumnCount
    };
    enum Role {
        StatusKeyRole = Qt::UserRole, // QString; "" for the Other row
        NowRole, // qint64
        ReachedRole, // qint64 (workflow rows); == NowRole for the others
        ShareRole, // double 0..1 of the first stage's reached, or invalid
        ConversionRole, // double 0..1 from the previous stage, or invalid
        IsWorkflowRole, // bool
        OtherBreakdownRole, // QStringList "status: count" for the Other row
    };
    static constexpr int OtherRow = Status::WorkflowCount + 2;
    static constexpr int RowCount = OtherRow + 1;

    explicit FunnelModel(DataService *service, QObject *parent = nullptr);

    void setQuery(const FunnelQuery &query); // reloads
    FunnelQuery query() const { return m_query; }
    void reload();
    void setCounts(const FunnelCounts &counts); // also used by tests without a database
    qint64 total() const { return m_total; }
    bool isLoading() const { return m_pending != 0; }
    // The status key a row filters the list by (FormListQuery::otherStatuses() for Other).
    QString filterKeyForRow(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void loadingChanged(bool loading);
    void loadFailed(const QString &message);

private:
    struct Row {
        QString key;
        QString label;
        qint64 now = 0;
        qint64 reached = 0;
        QStringList breakdown;
    };

    DataService *m_service = nullptr;
    FunnelQuery m_query;
    quint64 m_pending = 0;
    QList<Row> m_rows;
    qint64 m_total = 0;
};

} // namespace compose
