#include "formlistmodel.h"

#include "dataservice.h"

#include <QFont>
#include <QLocale>

namespace compose {

namespace {

QString shortTime(const QDateTime &dt)
{
    return dt.isValid() ? QLocale().toString(dt.toLocalTime(), QLocale::ShortFormat) : QString();
}

ListSort::Key sortKeyFor(int column)
{
    switch (column) {
    case FormListModel::IdColumn:
        return ListSort::Id;
    case FormListModel::RecipientColumn:
        return ListSort::Recipient;
    case FormListModel::PackageColumn:
        return ListSort::Package;
    case FormListModel::StatusColumn:
        return ListSort::Status;
    case FormListModel::AmountColumn:
        return ListSort::Amount;
    case FormListModel::CreatedColumn:
        return ListSort::Created;
    case FormListModel::ExpiresColumn:
        return ListSort::Expires;
    default:
        break;
    }
    return ListSort::Updated;
}

} // namespace

FormListModel::FormListModel(DataService *service, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(service)
{
    if (!m_service)
        return;
    connect(m_service, &DataService::pageReady, this, [this](quint64 id, const FormPage &page) {
        if (id != m_pending)
            return;
        m_pending = 0;
        appendPage(page);
        emit loadingChanged(false);
    });
    connect(m_service, &DataService::summariesReady, this,
            [this](quint64 id, const QList<FormSummary> &rows) {
                if (id != m_refreshRequest)
                    return;
                m_refreshRequest = 0;
                for (const FormSummary &s : rows) {
                    const int row = m_rowById.value(s.id, -1);
                    if (row < 0)
                        continue;
                    m_rows[row] = s;
                    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
                }
            });
    connect(m_service, &DataService::requestFailed, this,
            [this](quint64 id, const QString &message) {
                if (id == m_refreshRequest)
                    m_refreshRequest = 0;
                if (id != m_pending)
                    return;
                m_pending = 0;
                emit loadingChanged(false);
                emit loadFailed(message);
            });
}

bool FormListModel::isSortable(int column)
{
    return column != SenderColumn && column != EmailColumn;
}

void FormListModel::setQuery(const FormListQuery &query)
{
    m_query = query;
    reload();
}

void FormListModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_rowById.clear();
    m_next = {};
    m_atEnd = false;
    m_firstPage = true;
    m_pending = 0;
    endResetModel();
    requestNext();
}

void FormListModel::requestNext()
{
    if (!m_service || m_atEnd || m_pending)
        return;
    m_pending = m_service->requestPage(m_query, m_next, m_pageSize);
    emit loadingChanged(true);
}

void FormListModel::appendPage(const FormPage &page)
{
    // The cursor moves before rows are announced: views react to rowsInserted by calling
    // fetchMore(), which must then ask for the page after these rows.
    m_next = page.next;
    m_atEnd = !page.next.isValid();
    if (!page.rows.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(page.rows.size()) - 1);
        for (const FormSummary &s : page.rows) {
            m_rowById.insert(s.id, int(m_rows.size()));
            m_rows.append(s);
        }
        endInsertRows();
    }
    if (m_firstPage) {
        m_firstPage = false;
        emit firstPageLoaded();
    }
}

void FormListModel::refreshForms(const QStringList &formIds)
{
    if (!m_service)
        return;
    if (formIds.isEmpty()) {
        reload();
        return;
    }
    QStringList loaded;
    for (const QString &id : formIds) {
        if (m_rowById.contains(id))
            loaded << id;
    }
    if (!loaded.isEmpty())
        m_refreshRequest = m_service->requestSummaries(loaded);
}

int FormListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FormListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool FormListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd && m_service;
}

void FormListModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        requestNext();
}

void FormListModel::sort(int column, Qt::SortOrder order)
{
    if (!isSortable(column))
        return;
    const ListSort s {sortKeyFor(column), order};
    if (s.key == m_query.sort.key && s.order == m_query.sort.order)
        return;
    m_query.sort = s;
    reload();
}

QVariant FormListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const FormSummary &s = m_rows.at(index.row());
    const int col = index.column();
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case IdColumn:
            return s.id;
        case RecipientColumn:
            return s.recipient.display().left(200);
        case SenderColumn:
            return s.sender.display().left(200);
        case PackageColumn:
            return packageLabel(s.packageType);
        case StatusColumn:
            return s.status == FormStatus::Unknown ? tr("%1 (unknown)").arg(s.statusKey)
                                                   : Status::label(s.status);
        case EmailColumn:
            if (s.email.isEmpty())
                return tr("— none —");
            return s.isGuest ? tr("%1 (guest)").arg(s.email) : s.email;
        case AmountColumn:
            return s.amountPaidCents ? Money {*s.amountPaidCents}.display() : QString();
        case CreatedColumn:
            return shortTime(s.createdAt);
        case UpdatedColumn:
            return shortTime(s.updatedAt);
        case ExpiresColumn:
            return shortTime(s.expiresAt);
        }
        return {};
    case Qt::ToolTipRole:
        switch (col) {
        case RecipientColumn:
            return s.recipient.display().left(1000);
        case SenderColumn:
            return s.sender.display().left(1000);
        case EmailColumn:
            return s.isGuest ? tr("Guest checkout") : tr("Account %1").arg(s.userId);
        case StatusColumn:
            return s.statusKey;
        case ExpiresColumn:
            if (s.expiresAt.isValid() && !Status::isPaid(s.status))
                return s.expiresAt < QDateTime::currentDateTimeUtc() ? tr("Past its expiry")
                                                                     : tr("Expires if unpaid");
            return {};
        }
        return {};
    case Qt::TextAlignmentRole:
        if (col == AmountColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case InvalidRole:
        return (col == RecipientColumn && !s.recipient.ok())
            || (col == SenderColumn && !s.sender.ok())
            || (col == StatusColumn && s.status == FormStatus::Unknown);
    case Qt::FontRole:
        if (data(index, InvalidRole).toBool()) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case RawValueRole:
        switch (col) {
        case IdColumn:
            return s.id;
        case RecipientColumn:
            return s.recipient.value;
        case SenderColumn:
            return s.sender.value;
        case PackageColumn:
            return s.packageType;
        case StatusColumn:
            return s.statusKey;
        case EmailColumn:
            return s.email;
        case AmountColumn:
            return s.amountPaidCents ? QVariant(*s.amountPaidCents) : QVariant();
        case CreatedColumn:
            return s.createdAt;
        case UpdatedColumn:
            return s.updatedAt;
        case ExpiresColumn:
            return s.expiresAt;
        }
        return {};
    case FormIdRole:
        return s.id;
    case StatusKeyRole:
        return s.statusKey;
    case SummaryRole:
        return QVariant::fromValue(s);
    }
    return {};
}

QVariant FormListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && !isSortable(section))
        return tr("This column cannot be sorted: it is not indexed in the shop's database.");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Form");
    case RecipientColumn:
        return tr("Recipient");
    case SenderColumn:
        return tr("Sender");
    case PackageColumn:
        return tr("Package");
    case StatusColumn:
        return tr("Status");
    case EmailColumn:
        return tr("E-mail");
    case AmountColumn:
        return tr("Paid");
    case CreatedColumn:
        return tr("Created");
    case UpdatedColumn:
        return tr("Updated");
    case ExpiresColumn:
        return tr("Expires");
    }
    return {};
}

} // namespace compose
