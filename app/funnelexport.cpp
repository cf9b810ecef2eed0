#include "funnelexport.h"

#include "csvwriter.h"
#include "funnelmodel.h"
#include "mainwindow.h"

#include <QDate>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>

namespace compose {

namespace {

QString fraction(const QVariant &v)
{
    return v.isValid() && !v.isNull() ? QString::number(v.toDouble(), 'f', 4) : QString();
}

} // namespace

FunnelExport::FunnelExport(MainWindow *window)
    : QObject(window)
    , m_window(window)
{
    connect(window, &MainWindow::exportFunnelRequested, this, &FunnelExport::run);
}

QString FunnelExport::csv(const QAbstractItemModel *funnel)
{
    QByteArray csv = CsvWriter::record(
        {QStringLiteral("stage"), QStringLiteral("status"), QStringLiteral("now"),
         QStringLiteral("reached"), QStringLiteral("share_of_first"),
         QStringLiteral("conversion_from_previous"), QStringLiteral("details")});
    for (int r = 0; r < funnel->rowCount(); ++r) {
        const QModelIndex idx = funnel->index(r, 0);
        csv += CsvWriter::record(
            {idx.data().toString(), idx.data(FunnelModel::StatusKeyRole).toString(),
             QString::number(idx.data(FunnelModel::NowRole).toLongLong()),
             QString::number(idx.data(FunnelModel::ReachedRole).toLongLong()),
             fraction(idx.data(FunnelModel::ShareRole)),
             fraction(idx.data(FunnelModel::ConversionRole)),
             idx.data(FunnelModel::OtherBreakdownRole).toStringList().join(QStringLiteral("; "))});
    }
    return QString::fromUtf8(csv);
}

QFuture<QString> FunnelExport::save(const QAbstractItemModel *funnel, const QString &path)
{
    return CsvWriter::saveFile(path, csv(funnel).toUtf8());
}

void FunnelExport::run()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested
        = dir + QStringLiteral("/funnel-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate));
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Export funnel as CSV"),
                                                      suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path] {
        watcher->deleteLater();
        const QString error = watcher->result();
        if (error.isEmpty()) {
            m_window->statusBar()->showMessage(tr("Funnel written to %1").arg(path), 5000);
            return;
        }
        QMessageBox box(QMessageBox::Warning, tr("Export failed"),
                        tr("Could not write %1:\n%2").arg(path, error), QMessageBox::Ok, m_window);
        box.setTextFormat(Qt::PlainText);
        box.exec();
    });
    watcher->setFuture(save(m_window->funnelModel(), path));
}

} // namespace compose
