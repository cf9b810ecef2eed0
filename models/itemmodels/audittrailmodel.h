#pragma once

#include "apiclient.h"

#include <QAbstractTableModel>

namespace compose {

// The audit trail of one form, newest first: staff actions (who, what, outcome) and status
// changes, merged into one timeline. Loaded from compose-api (the only place that knows who
// did what); refunds and the refundable amount ride along for the refund dialog.
class AuditTrailModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { WhenColumn, WhoColumn, WhatColumn, OutcomeColumn, ColumnCount };
    enum Role { HttpStatusRole = Qt::UserRole, IsFailureRole };

    explicit AuditTrailModel(ApiClient *client, QObject *parent = nullptr);

    void setFormId(const QString &formId); // loads; empty clears
    void reload();
    void setTrail(const AuditTrail &trail);
    const AuditTrail &trail() const { return m_trail; }
    QString errorMessage() const { return m_error; }
    bool isLoading() const { return m_pending != 0; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString describe(const AuditEntry &e);

signals:
    void loaded(const compose::AuditTrail &trail);
    void loadFailed(const QString &message);

private:
    struct Line {
        QDateTime at;
        QString who;
        QString what;
        QString outcome;
        int httpStatus = 0;
        bool failure = false;
    };

    ApiClient *m_client = nullptr;
    QString m_formId;
    quint64 m_pending = 0;
    AuditTrail m_trail;
    QList<Line> m_lines;
    QString m_error;
};

} // namespace compose
