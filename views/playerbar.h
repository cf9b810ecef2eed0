#pragma once

#include "previewplayer.h"
#include "waveform.h"

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QAction;
class QActionGroup;
class QLabel;
class QProgressBar;
class QSlider;
class QToolButton;
QT_END_NAMESPACE

namespace compose {

class WaveformWidget;

// The preview player bar for the bottom of the main window: play/pause, seek slider with elapsed
// and total time, waveform (click/drag seeks) with its silence/clipping summary, compare 1/2/3,
// volume and mute, what is playing, buffering, and the last error as a sentence.
//
// Its keyboard actions (Space, Left/Right 5 s, 1/2/3, M) are added to the bar itself with
// Qt::WindowShortcut, so they work anywhere in the window while the bar is shown; the main
// window can list them (actions() or the getters) and decide where focus may swallow them.
class PlayerBar : public QWidget {
    Q_OBJECT
public:
    static constexpr qint64 SeekStepMs = 5000;

    explicit PlayerBar(PreviewPlayer *player, QWidget *parent = nullptr); // does not own player
    ~PlayerBar() override;

    PreviewPlayer *player() const { return m_player; }
    QAction *playPauseAction() const { return m_playPause; }
    QAction *seekBackAction() const { return m_seekBack; }
    QAction *seekForwardAction() const { return m_seekForward; }
    QAction *compareAction(int variationIndex) const; // 1..3
    QAction *muteAction() const { return m_mute; }
    // The same list as QWidget::actions(): everything with a keyboard shortcut, in menu order.
    QList<QAction *> shortcutActions() const;

    WaveformWidget *waveformWidget() const { return m_waveform; }
    WaveformAnalyzer *waveformAnalyzer() const { return m_analyzer; }
    QSlider *seekSlider() const { return m_slider; }
    QSlider *volumeSlider() const { return m_volume; }
    QToolButton *playButton() const { return m_playButton; }
    QString titleText() const { return m_title; }
    QString errorText() const { return m_error; }
    QString summaryText() const;
    QString elapsedText() const;
    QString totalText() const;
    bool isBufferingShown() const;

    static QString formatTime(qint64 ms);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void createActions();
    void createWidgets();
    void onCurrentChanged(const PreviewItem &item);
    void onPlayingChanged(bool playing);
    void onPosition(qint64 ms);
    void onDuration(qint64 ms);
    void onBuffering(bool buffering, int percent);
    void onError(const PreviewItem &item, const QString &message);
    void onWaveformReady(const WaveformData &data);
    void onWaveformFailed(const QString &url, const QString &message);
    void syncVolume();
    void updateTitle();
    void showError(const QString &message);

    QPointer<PreviewPlayer> m_player;
    WaveformAnalyzer *m_analyzer = nullptr;

    QAction *m_playPause = nullptr;
    QAction *m_seekBack = nullptr;
    QAction *m_seekForward = nullptr;
    QAction *m_compare[3] = {};
    QActionGroup *m_compareGroup = nullptr;
    QAction *m_mute = nullptr;

    QToolButton *m_playButton = nullptr;
    QLabel *m_titleLabel = nullptr;
    QLabel *m_errorIcon = nullptr;
    QLabel *m_errorLabel = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QWidget *m_legend = nullptr;
    QWidget *m_legendSilence = nullptr;
    QWidget *m_legendClip = nullptr;
    QProgressBar *m_buffering = nullptr;
    QLabel *m_elapsed = nullptr;
    QLabel *m_total = nullptr;
    QSlider *m_slider = nullptr;
    QSlider *m_volume = nullptr;
    WaveformWidget *m_waveform = nullptr;

    QString m_title;
    QString m_error;
    QString m_summary;
    bool m_sliderDragging = false;
};

} // namespace compose
