#pragma once

#include "formtypes.h"

#include <QSqlDatabase>

#include <optional>

class QIODevice;

namespace compose {

// The headless export behind `compose-dashboard --export`. Synchronous on purpose: it runs in a
// script with no UI thread to protect. Reads through FormRepository, so it works on a seed-only
// schema as well as on a migrated one. Throws DbError for a failing query or a failing write.
class FormExporter {
public:
    enum class Format : quint8 { Csv, Json };
    static std::optional<Format> formatFromKey(QStringView key);

    // The funnel's rows in export order: the seven workflow statuses in order (0 where none),
    // then expired and refunded if present, then every other status as spelled, sorted.
    static QList<StatusCount> orderedFunnel(const QList<StatusCount> &counts);
    static QStringList formColumns();
    // One form as a CSV record in formColumns() order (the window's selection export too).
    static QByteArray csvRecord(const FormSummary &s);

    explicit FormExporter(QSqlDatabase db);

    // Both return the number of data rows written.
    qint64 exportFunnel(const FunnelQuery &query, Format format, QIODevice *out);
    qint64 exportForms(const FormListQuery &query, Format format, QIODevice *out);

private:
    void write(QIODevice *out, const QByteArray &bytes);

    QSqlDatabase m_db;
};

} // namespace compose
