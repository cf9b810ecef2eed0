#include "audittrailmodel.h"

#include "theme.h"

#include "formtypes.h"

#include <QBrush>
#include <QColor>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

namespace compose {

AuditTrailModel::AuditTrailModel(ApiClient *client, QObject *parent)
    : QAbstractTableModel(parent)
    , m_client(client)
{
    if (!m_client)
        return;
    connect(m_client, &ApiClient::auditReady, this, [this](quint64 id, const AuditTrail &t) {
        if (id != m_pending)
            return;
        m_pending = 0;
        m_error.clear();
        setTrail(t);
        emit loaded(t);
    });
    connect(m_client, &ApiClient::auditFailed, this, [this](quint64 id, const ApiError &e) {
        if (id != m_pending)
            return;
        m_pending = 0;
        m_error = e.message;
        emit loadFailed(e.message);
    });
}

void AuditTrailModel::setFormId(const QString &formId)
{
    if (formId != m_formId)
        setTrail({});
    m_formId = formId;
    reload();
}

void AuditTrailModel::reload()
{
    if (!m_client || m_formId.isEmpty() || !m_client->isConfigured()) {
        m_pending = 0;
        return;
    }
    m_pending = m_client->fetchAudit(m_formId);
}

QString AuditTrailModel::describe(const AuditEntry &e)
{
    const QJsonObject &r = e.request;
    if (e.action == QLatin1String("refund")) {
        // What was refunded is the server's answer (the amount it settled on and Stripe's id);
        // the request alone says "the rest" for a full refund and has no id at all.
        const QJsonObject refund = e.result.value(QStringLiteral("refund")).toObject();
        QString amount = tr("all that remained");
        if (refund.contains(QStringLiteral("amount")))
            amount = Money {refund.value(QStringLiteral("amount")).toInteger()}.display();
        else if (r.contains(QStringLiteral("amount")))
            amount = Money {r.value(QStringLiteral("amount")).toInteger()}.display();
        const QString reason = r.value(QStringLiteral("reason")).toString();
        const QString id = refund.value(QStringLiteral("id")).toString();
        QString s = id.isEmpty()
            ? tr("Refund %1, reason %2").arg(amount, reason)
            : tr("Refund %1 (%2, %3), reason %4")
                  .arg(amount, id, refund.value(QStringLiteral("status")).toString(), reason);
        if (!r.value(QStringLiteral("note")).toString().isEmpty())
            s += tr(" (\"%1\")").arg(r.value(QStringLiteral("note")).toString());
        return s;
    }
    if (e.action == QLatin1String("retry")) {
        if (r.value(QStringLiteral("failedOnly")).toBool())
            return tr("Retry all failed variations");
        return tr("Retry song %1 variation %2")
            .arg(r.value(QStringLiteral("songIndex")).toInt() + 1)
            .arg(r.value(QStringLiteral("variationIndex")).toInt());
    }
    if (e.action == QLatin1String("deliver"))
        return r.value(QStringLiteral("note")).toString().isEmpty()
            ? tr("Mark delivered")
            : tr("Mark delivered (\"%1\")").arg(r.value(QStringLiteral("note")).toString());
    if (e.action == QLatin1String("redeliver"))
        return r.value(QStringLiteral("email")).toString().isEmpty()
            ? tr("Redeliver the share link")
            : tr("Redeliver the share link to %1").arg(r.value(QStringLiteral("email")).toString());
    return e.action;
}

void AuditTrailModel::setTrail(const AuditTrail &trail)
{
    QList<Line> lines;
    for (const AuditEntry &e : trail.audit) {
        Line l;
        l.at = e.at;
        l.who = e.staff;
        l.what = describe(e);
        l.httpStatus = e.httpStatus;
        l.failure = e.httpStatus >= 400;
        const QJsonObject err = e.result.value(QStringLiteral("error")).toObject();
        l.outcome = l.failure ? tr("refused (%1): %2")
                                    .arg(e.httpStatus)
                                    .arg(err.value(QStringLiteral("message")).toString())
                              : tr("done");
        lines << l;
    }
    for (const QJsonValue &v : trail.events) {
        const QJsonObject o = v.toObject();
        Line l;
        l.at = QDateTime::fromString(o.value(QStringLiteral("at")).toString(), Qt::ISODateWithMs);
        l.who = o.value(QStringLiteral("actor")).toString();
        if (l.who.isEmpty())
            l.who = tr("system");
        const QString from = o.value(QStringLiteral("from")).toString();
        const QString to = o.value(QStringLiteral("to")).toString();
        l.what
            = from.isEmpty() ? tr("Status set to %1").arg(to) : tr("Status %1 → %2").arg(from, to);
        l.outcome = tr("status change");
        lines << l;
    }
    std::stable_sort(lines.begin(), lines.end(),
                     [](const Line &a, const Line &b) { return a.at > b.at; });
    beginResetModel();
    m_trail = trail;
    m_lines = lines;
    endResetModel();
}

int AuditTrailModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int AuditTrailModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AuditTrailModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Line &l = m_lines.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case WhenColumn:
            return l.at.isValid() ? QLocale().toString(l.at.toLocalTime(), QLocale::ShortFormat)
                                  : QString();
        case WhoColumn:
            return l.who;
        case WhatColumn:
            return l.what;
        case OutcomeColumn:
            return l.outcome;
        }
        return {};
    case Qt::ForegroundRole:
        return l.failure ? QVariant(QBrush(Theme::color(Theme::Role::ErrorText))) : QVariant();
    case HttpStatusRole:
        return l.httpStatus;
    case IsFailureRole:
        return l.failure;
    }
    return {};
}

QVariant AuditTrailModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhenColumn:
        return tr("When");
    case WhoColumn:
        return tr("Who");
    case WhatColumn:
        return tr("What");
    case OutcomeColumn:
        return tr("Outcome");
    }
    return {};
}

} // namespace compose
