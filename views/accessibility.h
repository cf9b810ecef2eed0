#pragma once

#include <QCoreApplication>

namespace compose {

// Screen-reader support for the widgets the dashboard paints itself. The funnel is a list whose
// items are its rows (name: the stage; value: its counts; description: shares and what a click
// does); the waveform is a slider over the preview (value: position of length, settable to
// seek). The play buttons painted in the variation table are the song cells, named by the
// model's Qt::AccessibleTextRole; the player bar's are QToolButtons named by their actions.
class Accessibility final {
    Q_DECLARE_TR_FUNCTIONS(compose::Accessibility)

public:
    // Installs the QAccessible factory for FunnelWidget and WaveformWidget; idempotent, called
    // by their constructors so no caller can forget it.
    static void install();
    // "1:05" for 65,000 ms.
    static QString time(qint64 ms);
};

} // namespace compose
