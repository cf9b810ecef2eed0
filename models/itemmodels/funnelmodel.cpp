#include "funnelmodel.h"

#include "dataservice.h"

#include <QLocale>

namespace compose {

FunnelModel::FunnelModel(DataService *service, QObject *parent)
    : QAbstractTableModel(parent)
    , m_service(service)
{
    setCounts({});
    if (!m_service)
        return;
    connect(m_service, &DataService::funnelReady, this, [this](quint64 id, const FunnelCounts &c) {
        if (id != m_pending)
            return; // an answer to a query that has since changed
        m_pending = 0;
        setCounts(c);
        emit loadingChanged(false);
    });
    connect(m_service, &DataService::requestFailed, this,
            [this](quint64 id, const QString &message) {
                if (id != m_pending)
                    return;
                m_pending = 0;
                emit loadingChanged(false);
                emit loadFailed(message);
            });
}

void FunnelModel::setQuery(const FunnelQuery &query)
{
    m_query = query;
    reload();
}

void FunnelModel::reload()
{
    if (!m_service)
        return;
    const bool was = isLoading();
    m_pending = m_service->requestFunnel(m_query);
    if (!was)
        emit loadingChanged(true);
}

void FunnelModel::setCounts(const FunnelCounts &counts)
{
    QList<Row> rows;
    for (FormStatus s : Status::all())
        rows.append({Status::key(s), Status::label(s), 0, 0, {}});
    rows.append({QString(), Status::label(FormStatus::Unknown), 0, 0, {}});

    qint64 total = 0;
    for (const StatusCount &c : counts.counts) {
        total += c.forms;
        const FormStatus s = Status::fromKey(c.statusKey);
        if (s == FormStatus::Unknown) {
            rows[OtherRow].now += c.forms;
            rows[OtherRow].breakdown << QStringLiteral("%1: %2").arg(
                c.statusKey.isEmpty() ? tr("(empty)") : c.statusKey, QLocale().toString(c.forms));
        } else {
            rows[int(s)].now += c.forms;
        }
    }
    rows[OtherRow].breakdown.sort();

    // Reached = at this stage now or beyond it. Refunded forms had been paid; expired forms
    // were at least created (without history we cannot tell how far they got).
    const qint64 refunded = rows[int(FormStatus::Refunded)].now;
    const qint64 expired = rows[int(FormStatus::Expired)].now;
    qint64 running = 0;
    for (int i = Status::WorkflowCount - 1; i >= 0; --i) {
        running += rows[i].now;
        if (i == int(FormStatus::PaymentCompleted))
            running += refunded;
        rows[i].reached = running;
    }
    rows[0].reached += expired;
    for (int i = Status::WorkflowCount; i < rows.size(); ++i)
        rows[i].reached = rows[i].now;

    beginResetModel();
    m_rows = rows;
    m_total = total;
    endResetModel();
}

QString FunnelModel::filterKeyForRow(int row) const
{
    if (row == OtherRow)
        return FormListQuery::otherStatuses();
    return m_rows.value(row).key;
}

int FunnelModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FunnelModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FunnelModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &r = m_rows.at(index.row());
    const bool workflow = index.row() < Status::WorkflowCount;
    const qint64 first = m_rows.first().reached;
    QVariant share, conversion;
    if (workflow && first > 0)
        share = double(r.reached) / double(first);
    if (workflow && index.row() > 0) {
        const qint64 prev = m_rows.at(index.row() - 1).reached;
        if (prev > 0)
            conversion = double(r.reached) / double(prev);
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StageColumn:
            return r.label;
        case NowColumn:
            return QLocale().toString(r.now);
        case ReachedColumn:
            return QLocale().toString(r.reached);
        case ShareColumn:
            return share.isValid()
                ? QLocale().toString(share.toDouble() * 100, 'f', 1) + QLatin1Char('%')
                : QString();
        case ConversionColumn:
            return conversion.isValid()
                ? QLocale().toString(conversion.toDouble() * 100, 'f', 1) + QLatin1Char('%')
                : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (index.row() == OtherRow && !r.breakdown.isEmpty())
            return tr("Statuses this dashboard does not know:\n%1")
                .arg(r.breakdown.join(QLatin1Char('\n')));
        return {};
    case StatusKeyRole:
        return r.key;
    case NowRole:
        return r.now;
    case ReachedRole:
        return r.reached;
    case ShareRole:
        return share;
    case ConversionRole:
        return conversion;
    case IsWorkflowRole:
        return workflow;
    case OtherBreakdownRole:
        return r.breakdown;
    }
    return {};
}

QVariant FunnelModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StageColumn:
        return tr("Stage");
    case NowColumn:
        return tr("In stage now");
    case ReachedColumn:
        return tr("Reached");
    case ShareColumn:
        return tr("Of created");
    case ConversionColumn:
        return tr("From previous");
    }
    return {};
}

} // namespace compose
