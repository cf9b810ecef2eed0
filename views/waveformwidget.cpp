#include "waveformwidget.h"

#include "accessibility.h"

#include <QAccessible>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace compose {

namespace {
QString clock(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms) / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

WaveformWidget::WaveformWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(true);
    setCursor(Qt::PointingHandCursor);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    // Before setAccessibleName: its event caches the interface the factory would make.
    Accessibility::install();
    setAccessibleName(tr("Waveform"));
}

QSize WaveformWidget::sizeHint() const
{
    return {600, 44};
}

QSize WaveformWidget::minimumSizeHint() const
{
    return {120, 44};
}

QColor WaveformWidget::silenceColor()
{
    return {90, 110, 170, 70};
}

QColor WaveformWidget::clipColor()
{
    return {220, 40, 40, 150};
}

void WaveformWidget::setWaveform(const WaveformData &data)
{
    m_data = data;
    m_placeholder.clear();
    update();
}

void WaveformWidget::clear()
{
    m_data = {};
    m_position = 0;
    m_duration = 0;
    update();
}

void WaveformWidget::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    update();
}

void WaveformWidget::setPosition(qint64 ms)
{
    if (m_position == ms || m_dragging)
        return;
    const int before = xForMs(m_position);
    const bool newSecond = m_position / 1000 != ms / 1000;
    m_position = ms;
    // A screen reader hears the position once a second, not at every player tick.
    if (newSecond && QAccessible::isActive()) {
        QAccessibleValueChangeEvent event(this, ms);
        QAccessible::updateAccessibility(&event);
    }
    if (xForMs(ms) != before)
        update();
}

void WaveformWidget::setDuration(qint64 ms)
{
    if (m_duration == ms)
        return;
    m_duration = ms;
    update();
}

qint64 WaveformWidget::duration() const
{
    return m_duration > 0 ? m_duration : m_data.durationMs;
}

QRect WaveformWidget::waveRect() const
{
    return rect().adjusted(1, 1, -1, -1);
}

int WaveformWidget::xForMs(qint64 ms) const
{
    const QRect r = waveRect();
    const qint64 d = duration();
    if (d <= 0)
        return r.left();
    return r.left() + int(std::clamp<qint64>(ms, 0, d) * r.width() / d);
}

qint64 WaveformWidget::msForX(int x) const
{
    const QRect r = waveRect();
    const qint64 d = duration();
    if (d <= 0 || r.width() <= 0)
        return 0;
    return std::clamp<qint64>(qint64(x - r.left()) * d / r.width(), 0, d);
}

QString WaveformWidget::toolTipAt(int x) const
{
    const qint64 ms = msForX(x);
    QStringList parts {clock(ms)};
    for (const WaveformRegion &r : m_data.silences) {
        if (r.contains(ms))
            parts << m_data.describeSilence(r);
    }
    // Clip marks are drawn at least 3 px wide, so hit-test them with the same slack.
    const qint64 slack = msForX(x + 2) - ms;
    for (const WaveformRegion &r : m_data.clips) {
        if (ms >= r.startMs - slack && ms <= r.endMs + slack)
            parts << WaveformData::describeClip(r);
    }
    return parts.join(QStringLiteral(" — "));
}

void WaveformWidget::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRect r = waveRect();
    const QPalette pal = palette();
    p.setPen(pal.color(QPalette::Mid));
    p.setBrush(pal.color(QPalette::Base));
    p.drawRoundedRect(QRectF(r).adjusted(-0.5, -0.5, 0.5, 0.5), 3, 3);

    const int mid = r.center().y();
    const int half = r.height() / 2 - 2;
    const int playX = xForMs(m_position);
    const bool havePosition = duration() > 0;

    // Regions first, so the peaks stay readable on top of them.
    for (const WaveformRegion &s : m_data.silences) {
        const int x0 = xForMs(s.startMs);
        const int x1 = std::max(x0 + 2, xForMs(s.endMs));
        const QRect band(x0, r.top(), x1 - x0, r.height());
        p.fillRect(band, silenceColor());
        p.fillRect(band, QBrush(silenceColor().darker(150), Qt::BDiagPattern));
        if (band.width() > 60) {
            QFont f = font();
            f.setPointSizeF(f.pointSizeF() * 0.85);
            p.setFont(f);
            p.setPen(pal.color(QPalette::Text));
            p.drawText(band.adjusted(4, 0, -4, 0), Qt::AlignLeft | Qt::AlignTop, tr("silent"));
        }
    }
    for (const WaveformRegion &c : m_data.clips) {
        const int x0 = xForMs(c.startMs);
        const int x1 = std::max(x0 + 3, xForMs(c.endMs));
        p.fillRect(QRect(x0, r.top(), x1 - x0, r.height()), clipColor());
    }

    const QColor played = pal.color(QPalette::Highlight);
    QColor rest = pal.color(QPalette::Text);
    rest.setAlpha(120);
    if (!m_data.isEmpty()) {
        const qsizetype buckets = m_data.maximum.size();
        // The analysed duration and the player's may differ by a few ms; peaks follow the data.
        const qint64 d = duration();
        const double dataShare
            = d > 0 && m_data.durationMs > 0 ? std::min(1.0, double(m_data.durationMs) / d) : 1.0;
        const int width = std::max(1, int(r.width() * dataShare));
        for (int i = 0; i < width; ++i) {
            const qsizetype b0 = qsizetype(i) * buckets / width;
            const qsizetype b1 = std::max(b0 + 1, qsizetype(i + 1) * buckets / width);
            float lo = 0, hi = 0;
            for (qsizetype b = b0; b < b1 && b < buckets; ++b) {
                lo = std::min(lo, m_data.minimum.at(b));
                hi = std::max(hi, m_data.maximum.at(b));
            }
            const int x = r.left() + i;
            p.setPen(havePosition && x < playX ? played : rest);
            const int y0 = mid - int(hi * half);
            const int y1 = mid - int(lo * half);
            p.drawLine(x, y0, x, std::max(y0, y1));
        }
    } else {
        p.setPen(rest);
        p.drawLine(r.left() + 2, mid, r.right() - 2, mid);
        if (havePosition)
            p.fillRect(QRect(r.left(), mid - 1, playX - r.left(), 3), played);
        if (!m_placeholder.isEmpty()) {
            p.setPen(pal.color(QPalette::PlaceholderText));
            const QRect textRect = r.adjusted(8, 0, -8, 0);
            const QString text
                = fontMetrics().elidedText(m_placeholder, Qt::ElideRight, textRect.width());
            const QRect box
                = fontMetrics().boundingRect(textRect, Qt::AlignCenter, text).adjusted(-6, 0, 6, 0);
            p.fillRect(box, pal.color(QPalette::Base));
            p.drawText(textRect, Qt::AlignCenter, text);
        }
    }
    if (havePosition) {
        p.setPen(QPen(played.darker(130), 2));
        p.drawLine(playX, r.top() + 1, playX, r.bottom() - 1);
    }
}

void WaveformWidget::seekToX(int x)
{
    if (duration() <= 0)
        return;
    m_position = msForX(x);
    update();
    emit seekRequested(m_position);
}

void WaveformWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    seekToX(event->position().toPoint().x());
    m_dragging = duration() > 0;
}

void WaveformWidget::mouseMoveEvent(QMouseEvent *event)
{
    if (m_dragging) {
        m_dragging = false; // let seekToX repaint; re-armed right after
        seekToX(event->position().toPoint().x());
        m_dragging = true;
    }
    QWidget::mouseMoveEvent(event);
}

void WaveformWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_dragging && event->button() == Qt::LeftButton) {
        m_dragging = false;
        seekToX(event->position().toPoint().x());
        return;
    }
    QWidget::mouseReleaseEvent(event);
}

bool WaveformWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (duration() > 0)
            QToolTip::showText(help->globalPos(), toolTipAt(help->pos().x()), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace compose
