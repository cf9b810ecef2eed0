#pragma once

#include <QByteArray>
#include <QFuture>
#include <QString>
#include <QStringList>

namespace compose {

// The one CSV writer of the product (the headless `--export` and the window's funnel export):
// RFC 4180 fields, UTF-8, one record per "\n"-ended line.
//
// A text cell that starts with = + - @, a tab or a carriage return gets a leading apostrophe:
// spreadsheets run such a cell as a formula, and these cells carry customer text (a recipient
// named =HYPERLINK(...)). A plain number (-5, 12.50) is left alone: it is no formula, and a
// spreadsheet must still read it as a number.
class CsvWriter final {
public:
    static bool needsNeutralising(QStringView text);
    static QByteArray field(QStringView text);
    static QByteArray record(const QStringList &fields); // fields joined, "\n" at the end

    // Replaces path with bytes on a worker thread (the UI thread does no file I/O); the file is
    // replaced only when complete. The future's result is empty on success, else the reason.
    static QFuture<QString> saveFile(const QString &path, const QByteArray &bytes);
    static QString saveFileNow(const QString &path,
                               const QByteArray &bytes); // same, in this thread
};

} // namespace compose
