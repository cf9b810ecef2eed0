#include "csvwriter.h"

#include "backgroundpool.h"

#include <QRegularExpression>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

namespace compose {

bool CsvWriter::needsNeutralising(QStringView text)
{
    if (text.isEmpty() || !QStringView(u"=+-@\t\r").contains(text.front()))
        return false;
    static const QRegularExpression number(QStringLiteral("\\A[+-]?[0-9]+(\\.[0-9]+)?\\z"));
    return !number.match(text).hasMatch();
}

QByteArray CsvWriter::field(QStringView text)
{
    QByteArray bytes = text.toUtf8();
    if (needsNeutralising(text))
        bytes.prepend('\'');
    const bool quote = bytes.contains(',') || bytes.contains('"') || bytes.contains('\n')
        || bytes.contains('\r');
    if (!quote)
        return bytes;
    bytes.replace('"', "\"\"");
    return '"' + bytes + '"';
}

QByteArray CsvWriter::record(const QStringList &fields)
{
    QByteArray line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            line += ',';
        line += field(fields.at(i));
    }
    return line + '\n';
}

QString CsvWriter::saveFileNow(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    if (file.write(bytes) != bytes.size()) {
        const QString error = file.errorString();
        file.cancelWriting();
        return error;
    }
    if (!file.commit())
        return file.errorString();
    return {};
}

QFuture<QString> CsvWriter::saveFile(const QString &path, const QByteArray &bytes)
{
    return QtConcurrent::run(backgroundPool(), &CsvWriter::saveFileNow, path, bytes);
}

} // namespace compose
