#include "playerbar.h"

#include "mediaicons.h"
#include "theme.h"

#include "waveformwidget.h"

#include <QAction>
#include <QActionGroup>
#include <QBoxLayout>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QSlider>
#include <QStyle>
#include <QToolButton>

#include <algorithm>

namespace compose {

namespace {
QToolButton *toolButton(QAction *action, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setDefaultAction(action);
    b->setAutoRaise(true);
    // The bar's keys are window shortcuts; a focused button would only steal Space.
    b->setFocusPolicy(Qt::NoFocus);
    return b;
}

// 12×12 logical pixels at the screen's device pixel ratio, so the hatching stays sharp at 2x.
QPixmap swatch(const QColor &colour, bool hatched, qreal dpr)
{
    QPixmap pm(QSize(12, 12) * dpr);
    pm.setDevicePixelRatio(dpr);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    const QRect r(0, 0, 12, 12);
    p.fillRect(r, colour);
    if (hatched)
        p.fillRect(r, QBrush(colour.darker(150), Qt::BDiagPattern));
    return pm;
}

void setElided(QLabel *label, const QString &text)
{
    const int width = std::max(label->width(), 40);
    label->setText(label->fontMetrics().elidedText(text, Qt::ElideRight, width));
    label->setToolTip(label->text() == text ? QString() : text);
}
} // namespace

PlayerBar::PlayerBar(PreviewPlayer *player, QWidget *parent)
    : QWidget(parent)
    , m_player(player)
    , m_analyzer(new WaveformAnalyzer(this))
{
    Q_ASSERT(player);
    setObjectName(QStringLiteral("playerBar"));
    createActions();
    createWidgets();

    connect(player, &PreviewPlayer::currentChanged, this, &PlayerBar::onCurrentChanged);
    connect(player, &PreviewPlayer::playingChanged, this, &PlayerBar::onPlayingChanged);
    connect(player, &PreviewPlayer::positionChanged, this, &PlayerBar::onPosition);
    connect(player, &PreviewPlayer::durationChanged, this, &PlayerBar::onDuration);
    connect(player, &PreviewPlayer::bufferingChanged, this, &PlayerBar::onBuffering);
    connect(player, &PreviewPlayer::errorOccurred, this, &PlayerBar::onError);
    connect(player, &PreviewPlayer::finished, this, [this] { onPlayingChanged(false); });
    connect(player, &PreviewPlayer::volumeChanged, this, &PlayerBar::syncVolume);
    connect(player, &PreviewPlayer::mutedChanged, this, &PlayerBar::syncVolume);
    connect(m_analyzer, &WaveformAnalyzer::ready, this, &PlayerBar::onWaveformReady);
    connect(m_analyzer, &WaveformAnalyzer::failed, this, &PlayerBar::onWaveformFailed);

    onCurrentChanged(player->current());
    onDuration(player->duration());
    onPosition(player->position());
    onPlayingChanged(player->isPlaying());
    syncVolume();
}

PlayerBar::~PlayerBar() = default;

void PlayerBar::createActions()
{
    auto make = [this](const QString &text, const QKeySequence &key) {
        auto *a = new QAction(text, this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
        a->setToolTip(
            tr("%1 (%2)", "action (its key)").arg(text, key.toString(QKeySequence::NativeText)));
        addAction(a);
        return a;
    };
    m_playPause = make(tr("Play"), QKeySequence(Qt::Key_Space));
    m_playPause->setIcon(MediaIcons::icon(MediaIcons::Kind::Play));
    connect(m_playPause, &QAction::triggered, this, [this] {
        if (m_player)
            m_player->togglePlayPause();
    });

    m_seekBack = make(tr("Back 5 seconds"), QKeySequence(Qt::Key_Left));
    m_seekBack->setIcon(MediaIcons::icon(MediaIcons::Kind::SeekBackward));
    connect(m_seekBack, &QAction::triggered, this, [this] {
        if (m_player)
            m_player->seekBy(-SeekStepMs);
    });
    m_seekForward = make(tr("Forward 5 seconds"), QKeySequence(Qt::Key_Right));
    m_seekForward->setIcon(MediaIcons::icon(MediaIcons::Kind::SeekForward));
    connect(m_seekForward, &QAction::triggered, this, [this] {
        if (m_player)
            m_player->seekBy(SeekStepMs);
    });

    m_compareGroup = new QActionGroup(this);
    m_compareGroup->setExclusive(true);
    for (int i = 0; i < 3; ++i) {
        const int variation = i + 1;
        QAction *a = make(tr("Compare: variation %1").arg(variation), QKeySequence(Qt::Key_1 + i));
        a->setIconText(QString::number(variation));
        a->setCheckable(true);
        a->setEnabled(false);
        a->setToolTip(tr("Switch to variation %1 at the same position (%1)").arg(variation));
        m_compareGroup->addAction(a);
        connect(a, &QAction::triggered, this, [this, variation] {
            if (m_player && !m_player->switchToVariation(variation))
                onCurrentChanged(m_player->current()); // undo the check on a missing variation
        });
        m_compare[i] = a;
    }

    m_mute = make(tr("Mute"), QKeySequence(Qt::Key_M));
    m_mute->setCheckable(true);
    m_mute->setIcon(MediaIcons::icon(MediaIcons::Kind::Volume));
    connect(m_mute, &QAction::toggled, this, [this](bool muted) {
        if (m_player)
            m_player->setMuted(muted);
    });
}

void PlayerBar::createWidgets()
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(8, 4, 8, 4);
    outer->setSpacing(2);

    // Row 1: transport, what is playing, buffering, compare, volume.
    auto *top = new QHBoxLayout;
    top->setSpacing(4);
    m_playButton = toolButton(m_playPause, this);
    m_playButton->setObjectName(QStringLiteral("playButton"));
    m_playButton->setIconSize(QSize(22, 22));
    top->addWidget(m_playButton);
    top->addWidget(toolButton(m_seekBack, this));
    top->addWidget(toolButton(m_seekForward, this));
    top->addSpacing(6);

    m_titleLabel = new QLabel(this);
    m_titleLabel->setObjectName(QStringLiteral("nowPlaying"));
    m_titleLabel->setTextFormat(Qt::PlainText); // customer text, never markup
    m_titleLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QFont bold = m_titleLabel->font();
    bold.setBold(true);
    m_titleLabel->setFont(bold);
    top->addWidget(m_titleLabel, 1);

    m_buffering = new QProgressBar(this);
    m_buffering->setObjectName(QStringLiteral("buffering"));
    m_buffering->setRange(0, 100);
    m_buffering->setFormat(tr("Buffering…"));
    m_buffering->setAlignment(Qt::AlignCenter);
    m_buffering->setFixedWidth(140);
    m_buffering->setMaximumHeight(18);
    m_buffering->setVisible(false);
    top->addWidget(m_buffering);
    top->addSpacing(8);

    auto *compareLabel = new QLabel(tr("Compare"), this);
    compareLabel->setTextFormat(Qt::PlainText);
    top->addWidget(compareLabel);
    for (QAction *a : m_compare) {
        QToolButton *b = toolButton(a, this);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setMinimumWidth(26);
        top->addWidget(b);
    }
    top->addSpacing(8);
    top->addWidget(toolButton(m_mute, this));
    m_volume = new QSlider(Qt::Horizontal, this);
    m_volume->setObjectName(QStringLiteral("volume"));
    m_volume->setRange(0, 100);
    m_volume->setFixedWidth(100);
    m_volume->setFocusPolicy(Qt::NoFocus);
    m_volume->setToolTip(tr("Volume"));
    connect(m_volume, &QSlider::valueChanged, this, [this](int v) {
        if (m_player)
            m_player->setVolume(v / 100.0f);
    });
    top->addWidget(m_volume);
    outer->addLayout(top);

    // Rows 2-3: elapsed | waveform over seek slider | total.
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(0);
    m_elapsed = new QLabel(this);
    m_total = new QLabel(this);
    const int timeWidth = fontMetrics().horizontalAdvance(QStringLiteral("00:00:00")) + 4;
    for (QLabel *l : {m_elapsed, m_total}) {
        l->setTextFormat(Qt::PlainText);
        l->setMinimumWidth(timeWidth);
    }
    m_elapsed->setObjectName(QStringLiteral("elapsed"));
    m_total->setObjectName(QStringLiteral("total"));
    m_elapsed->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_total->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_waveform = new WaveformWidget(this);
    m_waveform->setObjectName(QStringLiteral("waveform"));
    connect(m_waveform, &WaveformWidget::seekRequested, this, [this](qint64 ms) {
        if (m_player)
            m_player->seek(ms);
    });
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setObjectName(QStringLiteral("seekSlider"));
    m_slider->setFocusPolicy(Qt::NoFocus);
    m_slider->setSingleStep(1000);
    m_slider->setPageStep(int(SeekStepMs));
    m_slider->setRange(0, 0);
    connect(m_slider, &QSlider::sliderPressed, this, [this] { m_sliderDragging = true; });
    connect(m_slider, &QSlider::sliderMoved, this,
            [this](int v) { m_elapsed->setText(formatTime(v)); });
    connect(m_slider, &QSlider::sliderReleased, this, [this] {
        m_sliderDragging = false;
        if (m_player)
            m_player->seek(m_slider->value());
    });
    connect(m_slider, &QSlider::actionTriggered, this, [this](int action) {
        // Clicks on the groove and arrow keys: sliderPosition already holds the target.
        if (action != QAbstractSlider::SliderMove && !m_sliderDragging && m_player)
            m_player->seek(m_slider->sliderPosition());
    });
    grid->addWidget(m_elapsed, 0, 0, 2, 1);
    grid->addWidget(m_waveform, 0, 1);
    grid->addWidget(m_slider, 1, 1);
    grid->addWidget(m_total, 0, 2, 2, 1);
    grid->setColumnStretch(1, 1);
    outer->addLayout(grid);

    // Row 4: the error, or the waveform's findings with a legend of its marks.
    auto *bottom = new QHBoxLayout;
    bottom->setSpacing(6);
    bottom->setContentsMargins(timeWidth + 8, 0, timeWidth + 8, 0);
    m_errorIcon = new QLabel(this);
    m_errorIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
    m_errorIcon->setVisible(false);
    bottom->addWidget(m_errorIcon);
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("error"));
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    QPalette errorPalette = m_errorLabel->palette();
    errorPalette.setColor(QPalette::WindowText, Theme::color(Theme::Role::ErrorText));
    m_errorLabel->setPalette(errorPalette);
    m_errorLabel->setVisible(false);
    bottom->addWidget(m_errorLabel, 1);
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("summary"));
    m_summaryLabel->setTextFormat(Qt::PlainText);
    m_summaryLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    bottom->addWidget(m_summaryLabel, 1);

    m_legend = new QWidget(this);
    auto *legend = new QHBoxLayout(m_legend);
    legend->setContentsMargins(0, 0, 0, 0);
    legend->setSpacing(4);
    auto addLegend = [&](const QColor &c, bool hatched, const QString &text) {
        auto *entry = new QWidget(m_legend);
        auto *row = new QHBoxLayout(entry);
        row->setContentsMargins(0, 0, 6, 0);
        row->setSpacing(4);
        auto *sw = new QLabel(entry);
        sw->setPixmap(swatch(c, hatched, devicePixelRatioF()));
        auto *l = new QLabel(text, entry);
        l->setTextFormat(Qt::PlainText);
        row->addWidget(sw);
        row->addWidget(l);
        legend->addWidget(entry);
        return entry;
    };
    m_legendSilence = addLegend(WaveformWidget::silenceColor(), true, tr("silent > 2 s"));
    m_legendClip = addLegend(WaveformWidget::clipColor(), false, tr("clipped"));
    m_legend->setVisible(false);
    bottom->addWidget(m_legend);
    outer->addLayout(bottom);

    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

QAction *PlayerBar::compareAction(int variationIndex) const
{
    return variationIndex >= 1 && variationIndex <= 3 ? m_compare[variationIndex - 1] : nullptr;
}

QList<QAction *> PlayerBar::shortcutActions() const
{
    return {m_playPause,  m_seekBack,   m_seekForward, m_compare[0],
            m_compare[1], m_compare[2], m_mute};
}

QString PlayerBar::summaryText() const
{
    return m_summary;
}

QString PlayerBar::elapsedText() const
{
    return m_elapsed->text();
}

QString PlayerBar::totalText() const
{
    return m_total->text();
}

bool PlayerBar::isBufferingShown() const
{
    return m_buffering->isVisibleTo(this);
}

QString PlayerBar::formatTime(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    if (s >= 3600) {
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

void PlayerBar::paintEvent(QPaintEvent *)
{
    // A hairline separates the bar from whatever the window shows above it.
    QPainter p(this);
    p.setPen(palette().color(QPalette::Mid));
    p.drawLine(0, 0, width(), 0);
}

void PlayerBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    updateTitle();
    if (!m_error.isEmpty())
        setElided(m_errorLabel, m_error);
    if (!m_summary.isEmpty())
        setElided(m_summaryLabel, m_summary);
}

void PlayerBar::updateTitle()
{
    QPalette pal = m_titleLabel->palette();
    if (m_title.isEmpty()) {
        pal.setColor(QPalette::WindowText, palette().color(QPalette::PlaceholderText));
        m_titleLabel->setPalette(pal);
        setElided(m_titleLabel, tr("Nothing playing: choose a variation to listen to it"));
    } else {
        m_titleLabel->setPalette(palette());
        setElided(m_titleLabel, m_title);
    }
}

void PlayerBar::onCurrentChanged(const PreviewItem &item)
{
    m_title = item.isNull() ? QString() : item.title();
    updateTitle();
    m_error.clear();
    m_errorIcon->setVisible(false);
    m_errorLabel->setVisible(false);
    m_summary.clear();
    m_summaryLabel->clear();
    m_summaryLabel->setToolTip({});
    m_summaryLabel->setVisible(true);
    m_legend->setVisible(false);

    const bool have = !item.isNull() && m_player;
    m_playPause->setEnabled(have);
    m_seekBack->setEnabled(have);
    m_seekForward->setEnabled(have);
    for (int i = 0; i < 3; ++i) {
        QAction *a = m_compare[i];
        a->setEnabled(have && m_player->hasVariation(i + 1));
        a->setChecked(have && item.variationIndex == i + 1);
    }
    if (!have) {
        m_analyzer->cancel();
        m_waveform->clear();
        m_waveform->setPlaceholderText({});
        return;
    }
    if (const auto cached = m_analyzer->cached(item.url)) {
        onWaveformReady(*cached);
        return;
    }
    m_waveform->setWaveform({});
    m_waveform->setPlaceholderText(tr("Analysing the waveform…"));
    m_analyzer->request(item.url);
}

void PlayerBar::onPlayingChanged(bool playing)
{
    m_playPause->setText(playing ? tr("Pause") : tr("Play"));
    m_playPause->setToolTip(
        tr("%1 (%2)", "action (its key)")
            .arg(m_playPause->text(), m_playPause->shortcut().toString(QKeySequence::NativeText)));
    m_playPause->setIcon(
        MediaIcons::icon(playing ? MediaIcons::Kind::Pause : MediaIcons::Kind::Play));
}

void PlayerBar::onPosition(qint64 ms)
{
    if (!m_sliderDragging) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(int(std::min<qint64>(ms, m_slider->maximum())));
        m_elapsed->setText(formatTime(ms));
    }
    m_waveform->setPosition(ms);
}

void PlayerBar::onDuration(qint64 ms)
{
    {
        const QSignalBlocker block(m_slider);
        m_slider->setRange(0, int(std::max<qint64>(0, ms)));
    }
    m_slider->setEnabled(ms > 0);
    m_total->setText(ms > 0 ? formatTime(ms) : QStringLiteral("–:––"));
    if (ms <= 0)
        m_elapsed->setText(formatTime(0));
    m_waveform->setDuration(ms);
}

void PlayerBar::onBuffering(bool buffering, int percent)
{
    const bool show = buffering && m_player && m_player->hasMedia();
    m_buffering->setVisible(show);
    if (!show)
        return;
    // No busy animation: it would hide the word, and "Buffering…" is what the agent must read.
    m_buffering->setFormat(percent > 0 ? tr("Buffering %p%") : tr("Buffering…"));
    m_buffering->setValue(percent);
}

void PlayerBar::showError(const QString &message)
{
    m_error = message;
    m_errorIcon->setVisible(true);
    m_errorLabel->setVisible(true);
    m_summaryLabel->setVisible(false);
    m_legend->setVisible(false);
    setElided(m_errorLabel, message);
}

void PlayerBar::onError(const PreviewItem &item, const QString &message)
{
    // A late explanation for an item the agent already left (or is already retrying) is not news.
    if (!m_player || item != m_player->current() || m_player->hasMedia())
        return;
    showError(message);
    m_buffering->setVisible(false);
    m_analyzer->cancel();
    m_waveform->setWaveform({});
    m_waveform->setPlaceholderText(tr("No audio"));
}

void PlayerBar::onWaveformReady(const WaveformData &data)
{
    if (!m_player || data.url != m_player->current().url)
        return;
    m_waveform->setWaveform(data);
    if (!m_error.isEmpty())
        return;
    const QString summary = data.summary();
    m_summary = summary.isEmpty() ? tr("No long silence or clipping") : summary;
    m_summaryLabel->setVisible(true);
    setElided(m_summaryLabel, m_summary);
    m_legendSilence->setVisible(!data.silences.isEmpty());
    m_legendClip->setVisible(!data.clips.isEmpty());
    m_legend->setVisible(!data.silences.isEmpty() || !data.clips.isEmpty());
}

void PlayerBar::onWaveformFailed(const QString &url, const QString &message)
{
    if (!m_player || url != m_player->current().url)
        return;
    m_waveform->setWaveform({});
    m_waveform->setPlaceholderText(tr("Waveform unavailable: %1").arg(message));
}

void PlayerBar::syncVolume()
{
    if (!m_player)
        return;
    const QSignalBlocker blockSlider(m_volume);
    const QSignalBlocker blockMute(m_mute);
    m_volume->setValue(qRound(m_player->volume() * 100));
    m_mute->setChecked(m_player->isMuted());
    m_mute->setText(m_player->isMuted() ? tr("Unmute") : tr("Mute"));
    m_mute->setIcon(MediaIcons::icon(m_player->isMuted() ? MediaIcons::Kind::VolumeMuted
                                                         : MediaIcons::Kind::Volume));
}

} // namespace compose
