#include "funnelwidget.h"

#include "accessibility.h"
#include "theme.h"

#include "funnelmodel.h"
#include "keyhelp.h"
#include "plaintext.h"

#include <QEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

namespace compose {

namespace {

constexpr int Margin = 6;
constexpr int SideRows = FunnelModel::RowCount - Status::WorkflowCount;

int rowHeight(const QFontMetrics &fm)
{
    return fm.height() + 5;
}

QColor reachedColour()
{
    return Theme::color(Theme::Role::FunnelReached);
}
QColor nowColour()
{
    return Theme::color(Theme::Role::FunnelNow);
}
QColor sideColour(int sideIndex)
{
    switch (sideIndex) {
    case 0:
        return Theme::color(Theme::Role::FunnelExpired);
    case 1:
        return Theme::color(Theme::Role::FunnelRefunded);
    default:
        return Theme::color(Theme::Role::FunnelOther);
    }
}

QString percent(const QVariant &v)
{
    if (!v.isValid() || v.isNull())
        return QStringLiteral("—");
    // "12.5%" in English, "12,5 %" in German and Spanish: the sign's place is the translator's.
    return FunnelWidget::tr("%1%", "a share in percent")
        .arg(QLocale().toString(v.toDouble() * 100.0, 'f', 1));
}

// Reached, Now, Share, Conv.: each as wide as its largest number or its title, whichever is
// wider ("Proporción" is wider than "100,0 %"), so a translated title never runs into the next.
struct Columns {
    QString titles[4];
    int width[4] = {};
    int total() const { return width[0] + width[1] + width[2] + width[3]; }
};

// The widest count to make room for: the largest one shown, at least a million's digits (at ten
// million forms "10,000,000" lost its first digit to the column before).
qint64 widestCount(const FunnelModel *model)
{
    return std::max<qint64>(1000000, model ? model->total() : 0);
}

Columns columns(const QFontMetrics &fm, qint64 widest)
{
    Columns c {{FunnelWidget::tr("Reached"), FunnelWidget::tr("Now"), FunnelWidget::tr("Share"),
                FunnelWidget::tr("Conv.")}};
    const int number = fm.horizontalAdvance(QLocale().toString(widest)) + 10;
    const int pct = fm.horizontalAdvance(percent(1.0)) + 14;
    for (int i = 0; i < 4; ++i)
        c.width[i] = qMax(i < 2 ? number : pct, fm.horizontalAdvance(c.titles[i]) + 10);
    return c;
}

} // namespace

FunnelWidget::FunnelWidget(FunnelModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    // Before anything that raises an accessibility event: that caches the interface.
    Accessibility::install();
    setObjectName(QStringLiteral("funnelWidget"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_Hover);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setAccessibleName(tr("Status funnel"));
    // keyPressEvent() handles these.
    KeyHelp::describe(this, tr("Funnel: arrows, Enter"),
                      tr("Choose a stage to list only its forms (again to clear)"));
    KeyHelp::describe(this, tr("Esc (funnel)"), tr("Clear the stage filter"));
    auto repaint = [this] {
        m_error.clear();
        updateAccessibleText();
        relayout(); // a count with more digits needs a wider column
        update();
    };
    connect(m_model, &QAbstractItemModel::modelReset, this, repaint);
    connect(m_model, &QAbstractItemModel::dataChanged, this, repaint);
    connect(m_model, &FunnelModel::loadingChanged, this, [this] { update(); });
    connect(m_model, &FunnelModel::loadFailed, this, [this](const QString &message) {
        m_error = message;
        update();
    });
    relayout();
}

FunnelModel *FunnelWidget::model() const
{
    return m_model.data();
}

QSize FunnelWidget::sizeHint() const
{
    const QFontMetrics fm(font());
    return {900, 2 * Margin + (Status::WorkflowCount + 1) * rowHeight(fm)};
}

QSize FunnelWidget::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    return {480, 2 * Margin + (Status::WorkflowCount + 1) * rowHeight(fm)};
}

QRect FunnelWidget::barRect(int row) const
{
    return m_geo.bars.value(row);
}

int FunnelWidget::rowAt(const QPoint &pos) const
{
    for (int r = 0; r < m_geo.rows.size(); ++r)
        if (m_geo.rows.at(r).contains(pos))
            return r;
    return -1;
}

void FunnelWidget::setSelectedRow(int row)
{
    if (row < -1 || row >= FunnelModel::RowCount)
        row = -1;
    if (row == m_selected)
        return;
    m_selected = row;
    if (row >= 0)
        m_current = row;
    updateAccessibleText();
    update();
    emit selectedRowChanged(row);
}

void FunnelWidget::setStale(bool stale)
{
    if (m_stale == stale)
        return;
    m_stale = stale;
    update();
}

void FunnelWidget::activate(int row)
{
    setSelectedRow(row == m_selected ? -1 : row);
}

void FunnelWidget::setHovered(int row)
{
    if (m_hovered == row)
        return;
    m_hovered = row;
    update();
}

void FunnelWidget::relayout()
{
    const QFontMetrics fm(font());
    const int rh = rowHeight(fm);
    const QRect area = rect().adjusted(Margin, Margin, -Margin, -Margin);
    Geometry g;

    // Workflow stages on the left, the three "left the path" rows on the right.
    const int sideWidth = qBound(230, area.width() * 30 / 100, 380);
    const int gap = 18;
    const QRect left(area.left(), area.top(), area.width() - sideWidth - gap, area.height());
    const QRect side(left.right() + gap + 1, area.top(), sideWidth, area.height());

    int labelWidth = fm.horizontalAdvance(tr("Stage")) + 12;
    for (int r = 0; r < FunnelModel::RowCount; ++r) {
        const QString label
            = m_model ? m_model->index(r, FunnelModel::StageColumn).data().toString() : QString();
        labelWidth = qMax(labelWidth, fm.horizontalAdvance(label) + 14);
    }
    labelWidth = qMin(labelWidth, left.width() / 3);
    g.labelWidth = labelWidth;

    g.numbersLeft = left.right() - columns(fm, widestCount(m_model)).total() + 1;

    g.header = QRect(left.left(), left.top(), left.width(), rh);
    for (int r = 0; r < Status::WorkflowCount; ++r) {
        const QRect row(left.left(), left.top() + (r + 1) * rh, left.width(), rh);
        g.rows.append(row);
        g.bars.append(QRect(row.left() + labelWidth, row.top() + 2,
                            qMax(20, g.numbersLeft - 8 - (row.left() + labelWidth)), rh - 4));
    }
    g.sideHeader = QRect(side.left(), side.top(), side.width(), rh);
    const int sideLabel = qMin(side.width() / 2, labelWidth);
    const int sideNumbers
        = fm.horizontalAdvance(tr("%1 · %2", "form count · share in percent")
                                   .arg(QLocale().toString(widestCount(m_model)), percent(1.0)))
        + 8;
    for (int i = 0; i < SideRows; ++i) {
        const QRect row(side.left(), side.top() + (i + 1) * rh, side.width(), rh);
        g.rows.append(row);
        g.bars.append(QRect(row.left() + sideLabel, row.top() + 2,
                            qMax(16, row.width() - sideLabel - sideNumbers), rh - 4));
    }
    m_geo = g;
}

void FunnelWidget::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

void FunnelWidget::paintEvent(QPaintEvent *)
{
    if (m_geo.rows.size() != FunnelModel::RowCount)
        relayout();
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    const QFontMetrics fm(font());
    const QLocale locale;
    const bool dim = m_stale || (m_model && m_model->isLoading());
    const QColor text = pal.color(QPalette::WindowText);
    QColor muted = text;
    muted.setAlpha(150);

    QFont bold = font();
    bold.setBold(true);

    // Header: column titles, legend and the state (loading, stale, failed).
    p.setPen(muted);
    p.drawText(QRect(m_geo.header.left() + 4, m_geo.header.top(), m_geo.labelWidth - 12,
                     m_geo.header.height()),
               Qt::AlignVCenter | Qt::AlignRight, tr("Stage"));
    const Columns cols = columns(fm, widestCount(m_model));
    int colX[4] = {m_geo.numbersLeft};
    for (int c = 1; c < 4; ++c)
        colX[c] = colX[c - 1] + cols.width[c - 1];
    const int *colW = cols.width;
    for (int c = 0; c < 4; ++c)
        p.drawText(QRect(colX[c], m_geo.header.top(), colW[c] - 4, m_geo.header.height()),
                   Qt::AlignVCenter | Qt::AlignRight, cols.titles[c]);

    // Legend / state line across the bar column's header.
    const QRect legend(m_geo.labelWidth + m_geo.header.left(), m_geo.header.top(),
                       m_geo.numbersLeft - m_geo.labelWidth - m_geo.header.left() - 8,
                       m_geo.header.height());
    QString state;
    QColor stateColour = muted;
    if (!m_error.isEmpty()) {
        state = tr("Could not load the funnel: %1").arg(m_error);
        stateColour = Theme::color(Theme::Role::ErrorText, palette());
    } else if (m_stale) {
        state = tr("Not current — waiting for the connection");
    } else if (m_model && m_model->isLoading()) {
        state = tr("Updating…");
    } else if (m_model && m_model->total() == 0) {
        state = tr("No forms were created in this range.");
    }
    if (state.isEmpty()) {
        const int sw = fm.height() - 6;
        int x = legend.left();
        const int y = legend.center().y() - sw / 2;
        p.fillRect(QRect(x, y, sw, sw), reachedColour());
        x += sw + 4;
        p.setPen(muted);
        const QString a = tr("reached this stage");
        const QString b = tr("in this status now");
        // Narrow (the attention panel beside it, longer German words): each label gets half of
        // the room instead of the first one running into the second and the column titles.
        const int room = legend.right() - x;
        const int need = fm.horizontalAdvance(a) + 14 + sw + 4 + fm.horizontalAdvance(b);
        const int aw = need <= room ? fm.horizontalAdvance(a) : qMax(0, (room - 14 - sw - 4) / 2);
        p.drawText(QRect(x, legend.top(), aw + 2, legend.height()), Qt::AlignVCenter,
                   fm.elidedText(a, Qt::ElideRight, aw));
        x += aw + 14;
        if (x + sw < legend.right()) {
            p.fillRect(QRect(x, y, sw, sw), nowColour());
            x += sw + 4;
            p.drawText(QRect(x, legend.top(), legend.right() - x, legend.height()),
                       Qt::AlignVCenter,
                       fm.elidedText(b, Qt::ElideRight, qMax(0, legend.right() - x)));
        }
    } else {
        p.setPen(stateColour);
        p.drawText(legend, Qt::AlignVCenter | Qt::AlignLeft,
                   fm.elidedText(state, Qt::ElideRight, legend.width()));
    }
    p.setPen(muted);
    p.drawText(m_geo.sideHeader, Qt::AlignVCenter | Qt::AlignLeft, tr("Left the path"));

    if (!m_model)
        return;

    qint64 maxReached = 1;
    for (int r = 0; r < Status::WorkflowCount; ++r)
        maxReached
            = qMax(maxReached, m_model->index(r, 0).data(FunnelModel::ReachedRole).toLongLong());
    const qint64 total = qMax<qint64>(1, m_model->total());

    QColor highlight = pal.color(QPalette::Highlight);
    for (int r = 0; r < FunnelModel::RowCount && r < m_geo.rows.size(); ++r) {
        const QRect row = m_geo.rows.at(r);
        const QRect track = m_geo.bars.at(r);
        const QModelIndex idx = m_model->index(r, 0);
        const qint64 now = idx.data(FunnelModel::NowRole).toLongLong();
        const qint64 reached = idx.data(FunnelModel::ReachedRole).toLongLong();
        const bool workflow = r < Status::WorkflowCount;

        p.setOpacity(1.0);
        if (r == m_selected) {
            QColor bg = highlight;
            bg.setAlpha(55);
            p.setPen(QPen(highlight, 1.5));
            p.setBrush(bg);
            p.drawRoundedRect(QRectF(row).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
        } else if (r == m_hovered) {
            QColor bg = highlight;
            bg.setAlpha(25);
            p.setPen(Qt::NoPen);
            p.setBrush(bg);
            p.drawRoundedRect(row, 4, 4);
        }
        if (r == m_current && hasFocus()) {
            p.setPen(QPen(text, 1, Qt::DotLine));
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(QRectF(row).adjusted(1.5, 1.5, -1.5, -1.5), 4, 4);
        }

        const QString label = idx.data().toString();
        p.setPen(text);
        p.setFont(r == m_selected ? bold : font());
        const QRect labelRect(row.left() + 4, row.top(), track.left() - row.left() - 12,
                              row.height());
        p.drawText(labelRect, Qt::AlignVCenter | Qt::AlignRight,
                   fm.elidedText(label, Qt::ElideRight, labelRect.width()));
        p.setFont(font());

        if (dim)
            p.setOpacity(0.4);
        QColor trackColour = text;
        trackColour.setAlpha(22);
        p.setPen(Qt::NoPen);
        p.setBrush(trackColour);
        p.drawRoundedRect(track, 3, 3);

        if (workflow) {
            const int wReached = reached > 0
                ? qMax(2, int(track.width() * double(reached) / double(maxReached)))
                : 0;
            const int wNow
                = now > 0 ? qMax(2, int(track.width() * double(now) / double(maxReached))) : 0;
            p.setBrush(reachedColour());
            if (wReached)
                p.drawRoundedRect(QRect(track.left(), track.top(), wReached, track.height()), 3, 3);
            p.setBrush(nowColour());
            if (wNow)
                p.drawRoundedRect(QRect(track.left(), track.top(), wNow, track.height()), 3, 3);

            const QString cells[4] = {locale.toString(reached), locale.toString(now),
                                      percent(idx.data(FunnelModel::ShareRole)),
                                      percent(idx.data(FunnelModel::ConversionRole))};
            for (int c = 0; c < 4; ++c) {
                p.setPen(c == 0 ? text : muted);
                p.setFont(c == 0 ? bold : font());
                p.drawText(QRect(colX[c], row.top(), colW[c] - 4, row.height()),
                           Qt::AlignVCenter | Qt::AlignRight, cells[c]);
            }
            p.setFont(font());
        } else {
            const int side = r - Status::WorkflowCount;
            const int w = now > 0 ? qMax(2, int(track.width() * double(now) / double(total))) : 0;
            p.setBrush(sideColour(side));
            if (w)
                p.drawRoundedRect(QRect(track.left(), track.top(), w, track.height()), 3, 3);
            const QString numbers
                = tr("%1 · %2", "form count · share in percent")
                      .arg(locale.toString(now), percent(double(now) / double(total)));
            p.setPen(text);
            p.drawText(
                QRect(track.right() + 6, row.top(), row.right() - track.right() - 8, row.height()),
                Qt::AlignVCenter | Qt::AlignRight, numbers);
        }
    }
    p.setOpacity(1.0);
}

QString FunnelWidget::rowToolTip(int row) const
{
    if (!m_model || row < 0 || row >= FunnelModel::RowCount)
        return {};
    const QModelIndex idx = m_model->index(row, 0);
    const QLocale locale;
    QString tip = idx.data().toString() + QLatin1Char('\n');
    if (row < Status::WorkflowCount) {
        tip += tr("%1 reached this stage, %2 are in it now")
                   .arg(locale.toString(idx.data(FunnelModel::ReachedRole).toLongLong()),
                        locale.toString(idx.data(FunnelModel::NowRole).toLongLong()));
        tip += QLatin1Char('\n')
            + tr("Share of the first stage: %1").arg(percent(idx.data(FunnelModel::ShareRole)));
        if (row > 0)
            tip += QLatin1Char('\n')
                + tr("Conversion from the previous stage: %1")
                      .arg(percent(idx.data(FunnelModel::ConversionRole)));
    } else {
        tip += tr("%Ln form(s)", nullptr, int(idx.data(FunnelModel::NowRole).toLongLong()));
        const QStringList breakdown = idx.data(FunnelModel::OtherBreakdownRole).toStringList();
        if (!breakdown.isEmpty())
            tip += QLatin1Char('\n') + tr("Statuses not known to the dashboard:")
                + QLatin1Char('\n') + breakdown.join(QLatin1Char('\n'));
    }
    tip += QLatin1Char('\n')
        + (row == m_selected ? tr("Click to show all statuses")
                             : tr("Click to list only these forms"));
    return tip;
}

bool FunnelWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int row = rowAt(help->pos());
        if (row >= 0)
            QToolTip::showText(help->globalPos(), PlainText::toolTip(rowToolTip(row)), this,
                               m_geo.rows.at(row));
        else
            QToolTip::hideText();
        return true;
    }
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        relayout();
    return QWidget::event(event);
}

void FunnelWidget::mouseMoveEvent(QMouseEvent *event)
{
    const int row = rowAt(event->position().toPoint());
    setHovered(row);
    setCursor(row >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    QWidget::mouseMoveEvent(event);
}

void FunnelWidget::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    const int row = rowAt(event->position().toPoint());
    if (row < 0)
        return QWidget::mousePressEvent(event);
    m_current = row;
    activate(row);
    event->accept();
}

void FunnelWidget::leaveEvent(QEvent *event)
{
    setHovered(-1);
    QWidget::leaveEvent(event);
}

void FunnelWidget::keyPressEvent(QKeyEvent *event)
{
    const int wf = Status::WorkflowCount;
    int next = m_current;
    switch (event->key()) {
    case Qt::Key_Up:
        next = m_current == 0 || m_current == wf ? m_current : m_current - 1;
        break;
    case Qt::Key_Down:
        next = m_current == wf - 1 || m_current == FunnelModel::RowCount - 1 ? m_current
                                                                             : m_current + 1;
        break;
    case Qt::Key_Right:
        next = m_current < wf ? wf + qMin(m_current, SideRows - 1) : m_current;
        break;
    case Qt::Key_Left:
        next = m_current >= wf ? m_current - wf : m_current;
        break;
    case Qt::Key_Home:
        next = 0;
        break;
    case Qt::Key_End:
        next = wf - 1;
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        activate(m_current);
        return;
    case Qt::Key_Escape:
        if (m_selected >= 0) {
            setSelectedRow(-1);
            return;
        }
        return QWidget::keyPressEvent(event);
    default:
        return QWidget::keyPressEvent(event);
    }
    if (next != m_current) {
        m_current = next;
        updateAccessibleText();
        update();
    }
}

void FunnelWidget::updateAccessibleText()
{
    setAccessibleDescription(rowToolTip(m_current));
}

} // namespace compose
