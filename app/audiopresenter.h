#pragma once

#include <QObject>
#include <QPointer>

QT_BEGIN_NAMESPACE
class QAction;
QT_END_NAMESPACE

namespace compose {

class MainWindow;
class PlayerBar;
class PreviewPlayer;

// Wires preview audio into the window: the player bar at the bottom, play buttons and Enter in
// the variation table, Ctrl+P for the selected form, the table's playing / failed / measured
// length marks, and stopping when the form changes or the window closes. A child of the window;
// the player is not owned.
class AudioPresenter final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AudioPresenter)
public:
    AudioPresenter(MainWindow *window, PreviewPlayer *player);

    PlayerBar *playerBar() const { return m_bar; }
    // Plays one row of the variation table (with its song's variations for compare).
    void playVariationRow(int row);
    // Plays the chosen (else the first) variation of the form selected in the list.
    void playSelectedForm();

private:
    MainWindow *m_window = nullptr;
    QPointer<PreviewPlayer> m_player;
    PlayerBar *m_bar = nullptr;
};

} // namespace compose
