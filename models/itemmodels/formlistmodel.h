#pragma once

#include "formtypes.h"

#include <QAbstractTableModel>
#include <QHash>

namespace compose {

class DataService;

// The form list: keyset-paged from the database (canFetchMore/fetchMore), sorted and filtered
// by the database (sort() reloads), rows refreshed in place when forms change under it.
class FormListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        RecipientColumn,
        SenderColumn,
        PackageColumn,
        StatusColumn,
        EmailColumn,
        AmountColumn,
        CreatedColumn,
        UpdatedColumn,
        ExpiresColumn,
        FlagsColumn, // failed, stuck, refunded, paid twice, preview expiring (attention.h)
        ColumnCount
    };
    enum Role {
        RawValueRole = Qt::UserRole, // sortable raw value of the cell
        FormIdRole,
        StatusKeyRole,
        SummaryRole, // QVariant::fromValue(FormSummary)
        InvalidRole, // bool: the cell shows missing/invalid data
    };

    explicit FormListModel(DataService *service, QObject *parent = nullptr);

    void setQuery(const FormListQuery &query); // reloads from the first page
    FormListQuery query() const { return m_query; }
    void reload();
    void setPageSize(int rows) { m_pageSize = rows; }
    bool isLoading() const { return m_pending != 0; }
    int rowOf(const QString &formId) const { return m_rowById.value(formId, -1); }
    FormSummary summaryAt(int row) const { return m_rows.value(row); }
    static bool isSortable(int column);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // Refreshes the loaded rows among these forms (live updates); unknown ids are ignored.
    void refreshForms(const QStringList &formIds);

signals:
    void loadingChanged(bool loading);
    void loadFailed(const QString &message);
    void firstPageLoaded();

private:
    void requestNext();
    void appendPage(const FormPage &page);
    void removeForms(const QStringList &formIds);

    DataService *m_service = nullptr;
    FormListQuery m_query;
    QList<FormSummary> m_rows;
    QHash<QString, int> m_rowById;
    ListCursor m_next;
    bool m_atEnd = false;
    bool m_firstPage = true;
    quint64 m_pending = 0;
    quint64 m_refreshRequest = 0;
    quint64 m_matchRequest = 0; // which refreshed forms still pass an attention filter
    int m_pageSize = 200;
};

} // namespace compose
