#include "zoom.h"

#include "appsettings.h"

#include <QAction>
#include <QApplication>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>

namespace compose {

namespace {
// The platform's standard keys plus ours, each once: a sequence listed twice on one action
// would be ambiguous and trigger nothing.
QList<QKeySequence> keys(const QKeySequence &ours, QKeySequence::StandardKey standard)
{
    QList<QKeySequence> all {ours};
    for (const QKeySequence &k : QKeySequence::keyBindings(standard)) {
        if (!all.contains(k))
            all << k;
    }
    return all;
}
} // namespace

Zoom::Zoom(QMainWindow *window, AppSettings *settings)
    : QObject(window)
    , m_settings(settings)
    , m_baseFont(QApplication::font())
{
    m_in = new QAction(tr("Zoom &in"), window);
    m_in->setObjectName(QStringLiteral("zoomInAction"));
    // Ctrl+= is Ctrl++ without Shift on most layouts; both work.
    m_in->setShortcuts(keys(QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence::ZoomIn));
    m_out = new QAction(tr("Zoom &out"), window);
    m_out->setObjectName(QStringLiteral("zoomOutAction"));
    m_out->setShortcuts(keys(QKeySequence(Qt::CTRL | Qt::Key_Minus), QKeySequence::ZoomOut));
    m_reset = new QAction(tr("&Normal size"), window);
    m_reset->setObjectName(QStringLiteral("zoomResetAction"));
    m_reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    for (QAction *a : {m_in, m_out, m_reset}) {
        a->setShortcutContext(Qt::WindowShortcut);
        window->addAction(a);
    }
    for (QAction *a : window->menuBar()->actions()) {
        if (a->menu() && a->menu()->objectName() == QLatin1String("viewMenu")) {
            a->menu()->addSeparator();
            a->menu()->addActions({m_in, m_out, m_reset});
        }
    }
    connect(m_in, &QAction::triggered, this, [this] { setPercent(m_percent + StepPercent); });
    connect(m_out, &QAction::triggered, this, [this] { setPercent(m_percent - StepPercent); });
    connect(m_reset, &QAction::triggered, this, [this] { setPercent(100); });
    if (m_settings)
        setPercent(m_settings->zoomPercent());
}

void Zoom::setPercent(int percent)
{
    percent = qBound(MinPercent, percent, MaxPercent);
    m_in->setEnabled(percent < MaxPercent);
    m_out->setEnabled(percent > MinPercent);
    if (percent == m_percent)
        return;
    m_percent = percent;
    QFont f = m_baseFont;
    if (m_baseFont.pointSizeF() > 0)
        f.setPointSizeF(m_baseFont.pointSizeF() * percent / 100.0);
    else
        f.setPixelSize(qMax(1, m_baseFont.pixelSize() * percent / 100));
    QApplication::setFont(f);
    if (m_settings)
        m_settings->setZoomPercent(percent);
    emit percentChanged(percent);
}

} // namespace compose
