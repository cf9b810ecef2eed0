#include "mediaicons.h"

#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

namespace compose {

namespace {

using Kind = MediaIcons::Kind;

QColor colourFor(QIcon::Mode mode)
{
    // Read at paint time, so a palette changed while the window is open (--palette, the
    // desktop's theme) is followed without making the icons again.
    const QPalette palette = QGuiApplication::palette();
    switch (mode) {
    case QIcon::Disabled:
        return palette.color(QPalette::Disabled, QPalette::WindowText);
    case QIcon::Selected:
        return palette.color(QPalette::Active, QPalette::HighlightedText);
    case QIcon::Normal:
    case QIcon::Active:
        break;
    }
    return palette.color(QPalette::Active, QPalette::WindowText);
}

QPainterPath polygon(std::initializer_list<QPointF> points)
{
    QPainterPath path;
    path.addPolygon(QPolygonF(QList<QPointF>(points)));
    path.closeSubpath();
    return path;
}

// The shapes in a 1×1 square; paint() scales them to the icon's rectangle.
void drawShape(QPainter *p, Kind kind, const QColor &colour)
{
    p->setPen(Qt::NoPen);
    p->setBrush(colour);
    const auto speaker = [p] {
        p->drawPath(polygon(
            {{0.08, 0.36}, {0.28, 0.36}, {0.52, 0.14}, {0.52, 0.86}, {0.28, 0.64}, {0.08, 0.64}}));
    };
    switch (kind) {
    case Kind::Play:
        p->drawPath(polygon({{0.24, 0.14}, {0.86, 0.5}, {0.24, 0.86}}));
        break;
    case Kind::Pause:
        p->drawRect(QRectF(0.22, 0.16, 0.2, 0.68));
        p->drawRect(QRectF(0.58, 0.16, 0.2, 0.68));
        break;
    case Kind::Stop:
        p->drawRect(QRectF(0.2, 0.2, 0.6, 0.6));
        break;
    case Kind::SeekBackward:
        p->drawPath(polygon({{0.5, 0.22}, {0.08, 0.5}, {0.5, 0.78}}));
        p->drawPath(polygon({{0.92, 0.22}, {0.5, 0.5}, {0.92, 0.78}}));
        break;
    case Kind::SeekForward:
        p->drawPath(polygon({{0.08, 0.22}, {0.5, 0.5}, {0.08, 0.78}}));
        p->drawPath(polygon({{0.5, 0.22}, {0.92, 0.5}, {0.5, 0.78}}));
        break;
    case Kind::Volume: {
        speaker();
        QPen pen(colour, 0.08, Qt::SolidLine, Qt::RoundCap);
        p->setPen(pen);
        p->setBrush(Qt::NoBrush);
        // Two sound waves: arcs around the speaker's mouth, -45° to 45° (Qt: 1/16 degrees).
        p->drawArc(QRectF(0.42, 0.32, 0.36, 0.36), -45 * 16, 90 * 16);
        p->drawArc(QRectF(0.3, 0.18, 0.64, 0.64), -45 * 16, 90 * 16);
        break;
    }
    case Kind::VolumeMuted: {
        speaker();
        QPen pen(colour, 0.09, Qt::SolidLine, Qt::RoundCap);
        p->setPen(pen);
        p->drawLine(QPointF(0.66, 0.34), QPointF(0.92, 0.66));
        p->drawLine(QPointF(0.66, 0.66), QPointF(0.92, 0.34));
        break;
    }
    }
}

class MediaIconEngine final : public QIconEngine {
    Q_DISABLE_COPY_MOVE(MediaIconEngine)

public:
    explicit MediaIconEngine(Kind kind)
        : m_kind(kind)
    {
    }

    void paint(QPainter *painter, const QRect &rect, QIcon::Mode mode, QIcon::State) override
    {
        const qreal side = qMin(rect.width(), rect.height());
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->translate(rect.x() + (rect.width() - side) / 2.0,
                           rect.y() + (rect.height() - side) / 2.0);
        painter->scale(side, side);
        drawShape(painter, m_kind, colourFor(mode));
        painter->restore();
    }

    // QIcon asks for size × the screen's device pixel ratio (QIconEngine's scaledPixmap() hands
    // this the device size) and sets the ratio on the result: the shapes are drawn at that many
    // device pixels, never a small bitmap scaled up.
    QPixmap pixmap(const QSize &size, QIcon::Mode mode, QIcon::State state) override
    {
        QPixmap pm(size);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        paint(&p, QRect(QPoint(0, 0), size), mode, state);
        return pm;
    }

    QIconEngine *clone() const override { return new MediaIconEngine(m_kind); }
    QString key() const override { return QStringLiteral("compose-media"); }

private:
    Kind m_kind;
};

} // namespace

QIcon MediaIcons::icon(Kind kind)
{
    return QIcon(new MediaIconEngine(kind));
}

} // namespace compose
