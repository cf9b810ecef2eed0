#pragma once

#include "finding.h"

#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace compose {

// The one reader of compose_reconciliation_findings, for compose-api (lists, apply/dismiss) and
// the dashboard (a form's open findings). The table is migration 008's: callers on a database
// that may not have it (the dashboard) ask available() (or Capabilities::hasFindings) first.
class FindingStore final {
public:
    explicit FindingStore(QSqlDatabase db)
        : m_db(std::move(db))
    {
    }

    bool available() const;
    // Oldest first; limit rows at most.
    QList<Finding> list(bool openOnly, const QString &formId, int limit) const;
    QList<Finding> openForForm(const QString &formId) const { return list(true, formId, 100); }
    // forUpdate locks the row until the transaction ends (PostgreSQL; SQLite has one writer).
    std::optional<Finding> find(qint64 id, bool forUpdate = false) const;

private:
    QSqlDatabase m_db;
};

} // namespace compose
