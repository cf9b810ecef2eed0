#include "databasestatus.h"

#include "banner.h"
#include "dataservice.h"
#include "formlistmodel.h"
#include "plaintext.h"

#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStatusBar>

namespace compose {

DatabaseStatus::DatabaseStatus(QStatusBar *bar, Banner *banner, DataService *data,
                               FormListModel *list, QObject *parent)
    : QObject(parent)
    , m_data(data)
    , m_list(list)
    , m_banner(banner)
{
    auto label = [bar](const QString &name) {
        auto *l = new QLabel(bar);
        l->setObjectName(name);
        l->setTextFormat(Qt::PlainText);
        return l;
    };
    m_connLabel = label(QStringLiteral("connectionStatus"));
    m_schemaLabel = label(QStringLiteral("schemaStatus"));
    m_liveLabel = label(QStringLiteral("liveStatus"));
    m_rowsLabel = label(QStringLiteral("rowsStatus"));
    bar->addWidget(m_connLabel, 1);
    bar->addPermanentWidget(m_schemaLabel);
    bar->addPermanentWidget(m_liveLabel);
    bar->addPermanentWidget(m_rowsLabel);

    connect(list, &FormListModel::firstPageLoaded, this, &DatabaseStatus::updateRowCount);
    connect(list, &QAbstractItemModel::rowsInserted, this, &DatabaseStatus::updateRowCount);
    connect(list, &QAbstractItemModel::modelReset, this, &DatabaseStatus::updateRowCount);
    connect(list, &FormListModel::loadingChanged, this, &DatabaseStatus::updateRowCount);
    QPushButton *retry = banner->addButton(tr("Try again"), QStringLiteral("bannerRetry"));
    connect(retry, &QPushButton::clicked, this, [this] {
        if (m_data) {
            m_banner->setMessage(tr("Connecting to %1…").arg(m_data->settings().displayName()));
            m_data->open(m_data->settings());
        }
    });
    if (data) {
        auto fine = [this] {
            m_banner->setVisible(false);
            setStale(false);
        };
        connect(data, &DataService::opened, this, fine);
        connect(data, &DataService::connectionRestored, this, fine);
        connect(data, &DataService::openFailed, this, [this](const QString &message) {
            // What the list still holds is from before: stale, not gone.
            setStale(m_list->rowCount() > 0);
            showProblem(tr("Could not open the database %1: %2")
                            .arg(m_data->settings().displayName(), message));
        });
        connect(data, &DataService::connectionLost, this, [this](const QString &message) {
            setStale(true);
            QString text
                = tr("Connection to the database lost (%1).").arg(message) + QLatin1Char(' ');
            text += m_lastFresh.isValid()
                ? tr("Showing data from %1 — reconnecting…")
                      .arg(QLocale().toString(m_lastFresh.time(), QLocale::ShortFormat))
                : tr("Reconnecting…");
            showProblem(text);
        });
        connect(data, &DataService::liveModeChanged, this, &DatabaseStatus::update);
        connect(data, &DataService::replicaLagChanged, this, &DatabaseStatus::update);
    }
    update();
    updateRowCount();
}

void DatabaseStatus::setStale(bool stale)
{
    m_stale = stale;
    update();
    emit staleChanged(stale);
}

void DatabaseStatus::showProblem(const QString &text)
{
    m_banner->setMessage(text);
    m_banner->setVisible(true);
}

void DatabaseStatus::update()
{
    if (!m_data) {
        m_connLabel->setText(tr("No database"));
        return;
    }
    const QString where = m_data->settings().displayName();
    if (m_data->isOpen())
        m_connLabel->setText(tr("Connected to %1").arg(where));
    else if (m_stale)
        m_connLabel->setText(tr("Disconnected from %1").arg(where));
    else
        m_connLabel->setText(where.isEmpty() ? tr("Not connected")
                                             : tr("Not connected (%1)").arg(where));

    if (m_data->isOpen() || m_stale) {
        const Capabilities &caps = m_data->capabilities();
        QString schema;
        if (caps.schemaVersion == 0) {
            schema = tr("seed-only schema: read-only, polling");
        } else {
            QStringList parts {tr("schema v%1").arg(caps.schemaVersion)};
            parts << (caps.hasEvents ? tr("status history") : tr("no history"));
            if (caps.hasFunnelRollup)
                parts << tr("funnel rollup");
            schema = parts.join(QStringLiteral(", "));
        }
        m_schemaLabel->setText(schema);
        m_schemaLabel->setToolTip(
            caps.serverVersion.isEmpty() ? QString() : PlainText::toolTip(caps.serverVersion));
    } else {
        m_schemaLabel->clear();
    }

    switch (m_data->liveMode()) {
    case DataService::LiveMode::Notifications:
        m_liveLabel->setText(tr("● Live (notifications)"));
        break;
    case DataService::LiveMode::Polling:
        if (m_data->capabilities().standby) {
            // A replica: changes arrive by polling, and only as fast as the standby replays.
            const qint64 lag = m_data->replicaLagMs();
            m_liveLabel->setText(lag < 0
                                     ? tr("● Live (polling a standby)")
                                     : tr("● Live (polling a standby, %1 s behind the primary)")
                                           .arg(QLocale().toString(double(lag) / 1000.0, 'f', 1)));
        } else {
            m_liveLabel->setText(tr("● Live (polling every few seconds)"));
        }
        break;
    case DataService::LiveMode::Offline:
        m_liveLabel->setText(tr("○ Offline"));
        break;
    }
}

void DatabaseStatus::updateRowCount()
{
    const int rows = m_list->rowCount();
    // The count is exact: the list holds only the pages near what is shown. %Ln: the count with
    // the locale's digit grouping.
    m_rowsLabel->setText(m_list->isLoading() ? tr("%Ln form(s) · loading…", nullptr, rows)
                                             : tr("%Ln form(s)", nullptr, rows));
}

} // namespace compose
