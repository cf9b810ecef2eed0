#include "audiopresenter.h"

#include "detailready.h"
#include "formdetailmodel.h"
#include "formdetailview.h"
#include "formlistview.h"
#include "keyhelp.h"
#include "mainwindow.h"
#include "playbuttondelegate.h"
#include "playerbar.h"
#include "previewplayer.h"

#include <QAction>
#include <QStatusBar>
#include <QTableView>

namespace compose {

AudioPresenter::AudioPresenter(MainWindow *window, PreviewPlayer *player)
    : QObject(window)
    , m_window(window)
    , m_player(player)
{
    m_bar = new PlayerBar(player, window->centralWidget());
    auto *playForm = new QAction(tr("Play the form's chosen variation"), window);
    playForm->setObjectName(QStringLiteral("playFormAction"));
    playForm->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    playForm->setWhatsThis(tr("Play the selected form's chosen variation"));
    connect(playForm, &QAction::triggered, this, &AudioPresenter::playSelectedForm);
    window->setPlayerBar(m_bar, playForm);

    QTableView *table = window->detailView()->variationsView();
    auto *delegate = new PlayButtonDelegate(table);
    table->setItemDelegateForColumn(VariationTableModel::SongColumn, delegate);
    connect(delegate, &PlayButtonDelegate::playClicked, this,
            [this](const QModelIndex &index) { playVariationRow(index.row()); });
    // Enter on a row plays it (Space is the player's play/pause everywhere in the window).
    connect(table, &QAbstractItemView::activated, this,
            [this](const QModelIndex &index) { playVariationRow(index.row()); });
    KeyHelp::describe(table, tr("Enter (variation table)"), tr("Play that variation"));
    // Offered by the variation table's context menu (staff actions) for the row it opens on.
    auto *playRow = new QAction(tr("Play"), table);
    playRow->setObjectName(QStringLiteral("playVariationAction"));
    connect(playRow, &QAction::triggered, this,
            [this, playRow] { playVariationRow(playRow->data().toInt()); });
    table->addAction(playRow);

    FormDetailModel *detail = window->detailModel();
    // The table marks what is playing and which previews failed, on the form they belong to.
    connect(player, &PreviewPlayer::currentChanged, this, [detail](const PreviewItem &item) {
        if (item.formId == detail->formId())
            detail->variations()->setPlaying(item.songIndex, item.variationIndex);
        else
            detail->variations()->setPlaying(-1, -1);
    });
    connect(player, &PreviewPlayer::errorOccurred, this,
            [detail](const PreviewItem &item, const QString &message) {
                if (item.formId == detail->formId())
                    detail->variations()->setPlaybackError(item.songIndex, item.variationIndex,
                                                           message);
            });
    // The Length column shows the length the player measured (music_generations may disagree).
    connect(player, &PreviewPlayer::lengthMeasured, this,
            [detail, table](const PreviewItem &item, qint64 ms) {
                if (item.formId != detail->formId())
                    return;
                detail->variations()->setMeasuredLength(item.url, ms);
                table->resizeColumnToContents(VariationTableModel::DurationColumn);
            });
    // Switching forms releases the media: nothing keeps playing a form that is no longer shown.
    connect(detail, &FormDetailModel::detailChanged, this, [this, detail](const FormDetail &d) {
        if (m_player && !m_player->current().isNull() && m_player->current().formId != d.summary.id)
            m_player->stop();
        else if (m_player && !m_player->current().isNull())
            detail->variations()->setPlaying(m_player->current().songIndex,
                                             m_player->current().variationIndex);
    });
    connect(window, &MainWindow::closing, this, [this] {
        if (m_player)
            m_player->stop(); // release the media with the window
    });
}

void AudioPresenter::playVariationRow(int row)
{
    if (!m_player)
        return;
    FormDetailModel *detail = m_window->detailModel();
    const FormDetail &d = detail->detail();
    const VariationRow r = detail->variations()->rowAt(row);
    if (r.songIndex < 0 || r.variationIndex < 1)
        return;
    const QString label = d.summary.recipient.ok()
        ? tr("for %1").arg(d.summary.recipient.value.left(60))
        : QString();
    auto itemFor = [&](const VariationRow &v) {
        PreviewItem item;
        item.formId = d.summary.id;
        item.songIndex = v.songIndex;
        item.variationIndex = v.variationIndex;
        item.url = v.audioUrl();
        item.label = label;
        item.createdAt = d.summary.createdAt;
        return item;
    };
    QList<PreviewItem> song;
    for (const VariationRow &v : detail->variations()->rows()) {
        if (v.songIndex == r.songIndex && v.variationIndex >= 1)
            song << itemFor(v);
    }
    detail->variations()->setPlaybackError(r.songIndex, r.variationIndex, {});
    m_player->play(itemFor(r), song);
}

void AudioPresenter::playSelectedForm()
{
    if (!m_player)
        return;
    // Only the form the agent has highlighted in the list, never one merely still shown.
    const QString id = m_window->listView()->selectedFormId();
    if (id.isEmpty()) {
        m_window->statusBar()->showMessage(tr("Select a form in the list first."), 5000);
        return;
    }
    auto play = [this] {
        const auto &rows = m_window->detailModel()->variations()->rows();
        int pick = -1;
        for (int i = 0; i < rows.size() && pick < 0; ++i) {
            if (rows.at(i).selectedJson)
                pick = i;
        }
        for (int i = 0; i < rows.size() && pick < 0; ++i) {
            if (!rows.at(i).audioUrl().isEmpty())
                pick = i;
        }
        if (pick < 0) {
            m_window->statusBar()->showMessage(tr("This form has no preview to play yet."), 5000);
            return;
        }
        m_window->detailView()->variationsView()->selectRow(pick);
        playVariationRow(pick);
    };
    whenDetailLoaded(m_window->detailModel(), this, id, play);
}

} // namespace compose
