#pragma once

#include <QFont>
#include <QObject>

class QAction;
class QMainWindow;

namespace compose {

class AppSettings;

// Ctrl+= / Ctrl++ and Ctrl+- scale the application's font (every widget follows; painted widgets
// measure with their font), Ctrl+0 goes back to 100 %. The factor is remembered.
class Zoom final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Zoom)

public:
    static constexpr int MinPercent = 70;
    static constexpr int MaxPercent = 200;
    static constexpr int StepPercent = 10;

    // Adds the actions to the window (and its View menu when it has objectName "viewMenu")
    // and applies the remembered factor.
    explicit Zoom(QMainWindow *window, AppSettings *settings);

    int percent() const { return m_percent; }
    void setPercent(int percent);
    QAction *zoomInAction() const { return m_in; }
    QAction *zoomOutAction() const { return m_out; }
    QAction *resetAction() const { return m_reset; }

signals:
    void percentChanged(int percent);

private:
    AppSettings *m_settings = nullptr;
    QFont m_baseFont;
    int m_percent = 100;
    QAction *m_in = nullptr;
    QAction *m_out = nullptr;
    QAction *m_reset = nullptr;
};

} // namespace compose
