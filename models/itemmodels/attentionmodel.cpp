#include "attentionmodel.h"

#include "dataservice.h"

#include <climits>
#include <utility>

namespace compose {

namespace {
QString number(const QueueCountValue &v)
{
    return v.capped() ? AttentionModel::tr("%1+").arg(QueueCountValue::Cap)
                      : QString::number(v.forms);
}
} // namespace

AttentionModel::AttentionModel(DataService *service, QObject *parent)
    : QAbstractListModel(parent)
    , m_service(service)
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(250);
    connect(&m_coalesce, &QTimer::timeout, this, &AttentionModel::refresh);
    m_clock.setInterval(60000);
    connect(&m_clock, &QTimer::timeout, this, &AttentionModel::refresh);
    m_clock.start();
    if (!m_service)
        return;
    // After the window's first reads, not before them: the counts share the dashboard's one
    // database connection, and at a million forms some take seconds (first paint, issue 14).
    connect(m_service, &DataService::opened, &m_coalesce, qOverload<>(&QTimer::start));
    connect(m_service, &DataService::connectionRestored, this, &AttentionModel::refresh);
    connect(m_service, &DataService::formsChanged, &m_coalesce, qOverload<>(&QTimer::start));
    connect(m_service, &DataService::attentionReady, this,
            [this](quint64 id, const AttentionCounts &counts) {
                if (id != m_pending)
                    return;
                m_pending = 0;
                m_counts = counts;
                emit dataChanged(index(0), index(rowCount() - 1));
                emit countsChanged();
                if (std::exchange(m_again, false))
                    refresh();
            });
    connect(m_service, &DataService::requestFailed, this,
            [this](quint64 id, const QString &message) {
                if (id != m_pending)
                    return;
                m_pending = 0;
                emit failed(message);
            });
    if (m_service->isOpen())
        refresh();
}

void AttentionModel::refresh()
{
    m_coalesce.stop();
    if (!m_service || !m_service->isOpen())
        return;
    if (m_pending) {
        // What changed after the request was read may be missing from its answer.
        m_again = true;
        return;
    }
    m_pending = m_service->requestAttention();
}

qint64 AttentionModel::count(Queue q) const
{
    const auto v = m_counts.find(q);
    return v && v->available ? v->forms : -1;
}

int AttentionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : QueueCount;
}

QVariant AttentionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Queue q = queueAt(index.row());
    const auto v = m_counts.find(q);
    const bool available = !v || v->available;
    switch (role) {
    case Qt::DisplayRole:
        if (!v)
            return tr("%1: …").arg(Attention::label(q));
        if (!available)
            return tr("%1: not available").arg(Attention::label(q));
        if (q == Queue::OrderMismatch && m_counts.ordersWithoutForm > 0)
            return tr("%1: %2 (+%n order(s))", nullptr,
                      int(qMin<qint64>(m_counts.ordersWithoutForm, INT_MAX)))
                .arg(Attention::label(q), number(*v));
        return tr("%1: %2").arg(Attention::label(q), number(*v));
    case Qt::ToolTipRole:
        if (!available)
            return Attention::unavailableReason(q);
        if (q == Queue::OrderMismatch && m_counts.ordersWithoutForm > 0)
            return QString(Attention::description(q, m_counts.thresholds) + QLatin1Char('\n')
                           + tr("%n order(s) name no form; they are not in the form list.", nullptr,
                                int(qMin<qint64>(m_counts.ordersWithoutForm, INT_MAX))));
        return Attention::description(q, m_counts.thresholds);
    case QueueKeyRole:
        return Attention::key(q);
    case CountRole:
        return v && available ? v->forms : qint64(-1);
    case AvailableRole:
        return available;
    case LabelRole:
        return Attention::label(q);
    }
    return {};
}

QHash<int, QByteArray> AttentionModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(QueueKeyRole, "queueKey");
    names.insert(CountRole, "count");
    names.insert(AvailableRole, "available");
    names.insert(LabelRole, "label");
    return names;
}

} // namespace compose
