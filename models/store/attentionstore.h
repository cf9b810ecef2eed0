#pragma once

#include "attention.h"
#include "formtypes.h"

#include <QDateTime>
#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QVariant>

#include <optional>

namespace compose {

// The SQL of "Needs attention": one boolean condition over `compose_forms f` per queue and row
// flag, used three ways with the same text so they cannot disagree: counted (the panel), as a
// filter of the list's keyset query (FormRepository::page) and as a row's flags. With migration
// 012 a queue's condition is membership in compose_attention (kept exact by triggers), so a
// count reads only the queue's own rows; without it, the conditions over the shop's tables. Every
// time comparison is bound as a UTC timestamp worked out here from `now` and the thresholds, so
// both dialects compare plain values and the partial indexes of migration 009 apply.
// Works on any schema: a queue whose table is missing is unavailable (counted as such, an
// empty list when filtered). Throws DbError.
class AttentionStore {
public:
    AttentionStore(QSqlDatabase db, const Capabilities &caps);

    struct Clause {
        QString sql; // a boolean expression over compose_forms f
        QList<QPair<QString, QVariant>> binds;
    };
    // The condition for an attention filter key (a queue's or a flag's); placeholder names end
    // in sfx. An unknown key or a queue this database cannot know gives "1 = 0".
    static Clause condition(const QString &key, const Capabilities &caps,
                            const AttentionThresholds &t, const QDateTime &now,
                            const QString &sfx = QString());
    // The same condition spelled out over the shop's tables, never through compose_attention:
    // what the table's triggers keep (tests compare the two) and what a database without
    // migration 012 uses.
    static Clause definition(const QString &key, const Capabilities &caps,
                             const AttentionThresholds &t, const QDateTime &now,
                             const QString &sfx = QString());
    static bool isAvailable(Queue q, const Capabilities &caps);

    qint64 count(Queue q, const AttentionThresholds &t, const QDateTime &now);
    qint64 ordersWithoutForm();
    AttentionCounts counts(const AttentionThresholds &t, const QDateTime &now);
    // Sets FormSummary::flags of these rows in one query.
    void applyFlags(QList<FormSummary> &rows, const AttentionThresholds &t, const QDateTime &now);

private:
    QSqlDatabase m_db;
    Capabilities m_caps;
};

} // namespace compose
