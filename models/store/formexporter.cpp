#include "formexporter.h"

#include "csvwriter.h"
#include "database.h"
#include "formrepository.h"
#include "formstatus.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace compose {

namespace {

QString isoUtc(const QDateTime &dt)
{
    return dt.isValid() ? dt.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonValue jsonOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonValue jsonOrNull(const JsonText &t)
{
    return t.ok() ? QJsonValue(t.value) : QJsonValue(QJsonValue::Null);
}

QByteArray jsonLine(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

std::optional<FormExporter::Format> FormExporter::formatFromKey(QStringView key)
{
    if (key.compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0)
        return Format::Csv;
    if (key.compare(QLatin1String("json"), Qt::CaseInsensitive) == 0)
        return Format::Json;
    return std::nullopt;
}

QList<StatusCount> FormExporter::orderedFunnel(const QList<StatusCount> &counts)
{
    // Grouped on the exact spelling, as GROUP BY status is: "Delivered" is not "delivered".
    QMap<QString, qint64> byKey;
    for (const StatusCount &c : counts)
        byKey[c.statusKey] += c.forms;
    QList<StatusCount> out;
    for (FormStatus s : Status::workflow())
        out.append({Status::key(s), byKey.take(Status::key(s))});
    for (FormStatus s : {FormStatus::Expired, FormStatus::Refunded}) {
        const QString key = Status::key(s);
        if (byKey.contains(key))
            out.append({key, byKey.take(key)});
    }
    // QMap iterates in key order: the remaining, unknown statuses come out sorted.
    for (auto it = byKey.cbegin(); it != byKey.cend(); ++it)
        out.append({it.key(), it.value()});
    return out;
}

QStringList FormExporter::formColumns()
{
    return {QStringLiteral("id"),          QStringLiteral("package"),
            QStringLiteral("status"),      QStringLiteral("recipient"),
            QStringLiteral("sender"),      QStringLiteral("email"),
            QStringLiteral("amount_paid"), QStringLiteral("created_at"),
            QStringLiteral("updated_at"),  QStringLiteral("expires_at")};
}

FormExporter::FormExporter(QSqlDatabase db)
    : m_db(std::move(db))
{
}

void FormExporter::write(QIODevice *out, const QByteArray &bytes)
{
    if (out->write(bytes) != bytes.size())
        throw DbError(QCoreApplication::translate("FormExporter", "Cannot write the export: %1")
                          .arg(out->errorString()));
}

qint64 FormExporter::exportFunnel(const FunnelQuery &query, Format format, QIODevice *out)
{
    FormRepository repo(m_db);
    repo.detect();
    const QList<StatusCount> rows = orderedFunnel(repo.funnel(query).counts);
    QByteArray text;
    if (format == Format::Csv) {
        text = CsvWriter::record({QStringLiteral("status"), QStringLiteral("forms")});
        for (const StatusCount &c : rows)
            text += CsvWriter::record({c.statusKey, QString::number(c.forms)});
    } else {
        text = "[";
        for (qsizetype i = 0; i < rows.size(); ++i) {
            text += (i ? ",\n " : "\n ")
                + jsonLine(QJsonObject {{QStringLiteral("status"), rows.at(i).statusKey},
                                        {QStringLiteral("forms"), rows.at(i).forms}});
        }
        text += "\n]\n";
    }
    write(out, text);
    return rows.size();
}

QByteArray FormExporter::csvRecord(const FormSummary &s)
{
    const QString amount = s.amountPaidCents ? QString::number(*s.amountPaidCents) : QString();
    return CsvWriter::record({s.id, s.packageType, s.statusKey,
                              s.recipient.ok() ? s.recipient.value : QString(),
                              s.sender.ok() ? s.sender.value : QString(), s.email, amount,
                              isoUtc(s.createdAt), isoUtc(s.updatedAt), isoUtc(s.expiresAt)});
}

qint64 FormExporter::exportForms(const FormListQuery &query, Format format, QIODevice *out)
{
    FormRepository repo(m_db);
    repo.detect();
    const QStringList columns = formColumns();
    if (format == Format::Csv)
        write(out, CsvWriter::record(columns));
    else
        write(out, "[");

    qint64 rows = 0;
    // Rows are written as they are read: memory stays flat however many forms match.
    repo.forEach(query, [&](const FormSummary &s) {
        const QString amount = s.amountPaidCents ? QString::number(*s.amountPaidCents) : QString();
        if (format == Format::Csv) {
            write(out, csvRecord(s));
        } else {
            const QJsonObject o {{QStringLiteral("id"), s.id},
                                 {QStringLiteral("package"), jsonOrNull(s.packageType)},
                                 {QStringLiteral("status"), s.statusKey},
                                 {QStringLiteral("recipient"), jsonOrNull(s.recipient)},
                                 {QStringLiteral("sender"), jsonOrNull(s.sender)},
                                 {QStringLiteral("email"), jsonOrNull(s.email)},
                                 {QStringLiteral("amount_paid"),
                                  s.amountPaidCents ? QJsonValue(double(*s.amountPaidCents))
                                                    : QJsonValue(QJsonValue::Null)},
                                 {QStringLiteral("created_at"), jsonOrNull(isoUtc(s.createdAt))},
                                 {QStringLiteral("updated_at"), jsonOrNull(isoUtc(s.updatedAt))},
                                 {QStringLiteral("expires_at"), jsonOrNull(isoUtc(s.expiresAt))}};
            write(out, (rows ? ",\n " : "\n ") + jsonLine(o));
        }
        ++rows;
        return true;
    });
    if (format == Format::Json)
        write(out, rows ? "\n]\n" : "]\n");
    return rows;
}

} // namespace compose
