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
// filter of the list's keyset query (FormRepository::page) and as a row's flags. Every time
// comparison is bound as a UTC timestamp worked out here from `now` and the thresholds, so
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
