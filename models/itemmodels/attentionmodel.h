#pragma once

#include "attention.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QTimer>

namespace compose {

class DataService;

// The "Needs attention" queues with their live counts, one row per queue in Attention::all()
// order. Counted by the database on DataService's thread (AttentionStore); refreshed when the
// database opens or reconnects and, coalesced, whenever forms change (NOTIFY or polling), so a
// form worked off a queue drops its count without a reload.
class AttentionModel final : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttentionModel)
public:
    enum Role {
        QueueKeyRole = Qt::UserRole,
        CountRole, // qint64; -1 while unknown or unavailable
        AvailableRole,
        LabelRole, // the queue's name without its count
    };

    explicit AttentionModel(DataService *service, QObject *parent = nullptr);

    void refresh(); // now (a request in flight is followed by one more)
    void setRefreshDelay(int ms) { m_coalesce.setInterval(ms); }
    const AttentionCounts &counts() const { return m_counts; }
    bool hasCounts() const { return m_counts.at.isValid(); }
    qint64 count(Queue q) const;
    int rowOf(Queue q) const { return int(Attention::all().indexOf(q)); }
    static Queue queueAt(int row) { return Attention::all().value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void countsChanged();
    void failed(const QString &message);

private:
    QPointer<DataService> m_service;
    AttentionCounts m_counts;
    quint64 m_pending = 0;
    bool m_again = false;
    QTimer m_coalesce; // a burst of changes makes one count
    QTimer m_clock; // time-based queues fill as their clocks pass the thresholds, with no write
};

} // namespace compose
