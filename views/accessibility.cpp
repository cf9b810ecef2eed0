#include "accessibility.h"

#include "funnelmodel.h"
#include "funnelwidget.h"
#include "waveformwidget.h"

#include <QAccessibleWidget>
#include <QHash>
#include <QLocale>
#include <QPointer>

namespace compose {

namespace {

// One funnel row. It has no QObject of its own, so FunnelAccessible registers it with
// QAccessible's cache and removes it again when the funnel's interface goes.
class FunnelRowAccessible final : public QAccessibleInterface {
public:
    FunnelRowAccessible(FunnelWidget *funnel, int row)
        : m_funnel(funnel)
        , m_row(row)
    {
    }

    bool isValid() const override { return m_funnel && m_funnel->model(); }
    QObject *object() const override { return nullptr; }
    QWindow *window() const override
    {
        return m_funnel ? m_funnel->window()->windowHandle() : nullptr;
    }
    QAccessibleInterface *parent() const override
    {
        return QAccessible::queryAccessibleInterface(m_funnel.data());
    }
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QAccessible::Role role() const override { return QAccessible::ListItem; }
    void setText(QAccessible::Text, const QString &) override { }

    QString text(QAccessible::Text t) const override
    {
        if (!isValid())
            return {};
        const QModelIndex idx = m_funnel->model()->index(m_row, 0);
        switch (t) {
        case QAccessible::Name:
            return idx.data().toString();
        case QAccessible::Value: {
            const QLocale locale;
            const qint64 now = idx.data(FunnelModel::NowRole).toLongLong();
            if (!idx.data(FunnelModel::IsWorkflowRole).toBool())
                return Accessibility::tr("%Ln form(s)", nullptr, int(now));
            return Accessibility::tr("%1 reached, %2 now")
                .arg(locale.toString(idx.data(FunnelModel::ReachedRole).toLongLong()),
                     locale.toString(now));
        }
        case QAccessible::Description:
            return m_funnel->rowToolTip(m_row);
        default:
            return {};
        }
    }

    QRect rect() const override
    {
        if (!m_funnel)
            return {};
        const QRect r = m_funnel->barRect(m_row);
        return {m_funnel->mapToGlobal(r.topLeft()), r.size()};
    }

    QAccessible::State state() const override
    {
        QAccessible::State s;
        s.selectable = true;
        s.focusable = true;
        if (!m_funnel)
            return s;
        s.selected = m_funnel->selectedRow() == m_row;
        s.focused = m_funnel->hasFocus() && m_funnel->currentRow() == m_row;
        s.invisible = !m_funnel->isVisible();
        return s;
    }

private:
    QPointer<FunnelWidget> m_funnel;
    int m_row = 0;
};

class FunnelAccessible final : public QAccessibleWidget {
public:
    explicit FunnelAccessible(FunnelWidget *funnel)
        : QAccessibleWidget(funnel, QAccessible::List)
    {
    }
    ~FunnelAccessible() override
    {
        for (const QAccessible::Id id : std::as_const(m_rows))
            QAccessible::deleteAccessibleInterface(id);
    }

    FunnelWidget *funnel() const { return static_cast<FunnelWidget *>(widget()); }

    QString text(QAccessible::Text t) const override
    {
        if (t == QAccessible::Name && funnel()->accessibleName().isEmpty())
            return Accessibility::tr("Status funnel");
        return QAccessibleWidget::text(t);
    }
    int childCount() const override { return funnel()->model() ? FunnelModel::RowCount : 0; }
    QAccessibleInterface *child(int index) const override
    {
        if (index < 0 || index >= childCount())
            return nullptr;
        auto it = m_rows.constFind(index);
        if (it == m_rows.constEnd())
            it = m_rows.insert(
                index,
                QAccessible::registerAccessibleInterface(new FunnelRowAccessible(funnel(), index)));
        return QAccessible::accessibleInterface(*it);
    }
    int indexOfChild(const QAccessibleInterface *child) const override
    {
        for (int i = 0; i < childCount(); ++i) {
            if (this->child(i) == child)
                return i;
        }
        return -1;
    }
    QAccessibleInterface *childAt(int x, int y) const override
    {
        const int row = funnel()->rowAt(funnel()->mapFromGlobal(QPoint(x, y)));
        return row >= 0 ? child(row) : nullptr;
    }

private:
    mutable QHash<int, QAccessible::Id> m_rows;
};

class WaveformAccessible final : public QAccessibleWidget, public QAccessibleValueInterface {
public:
    explicit WaveformAccessible(WaveformWidget *wave)
        : QAccessibleWidget(wave, QAccessible::Slider)
    {
    }

    WaveformWidget *wave() const { return static_cast<WaveformWidget *>(widget()); }

    void *interface_cast(QAccessible::InterfaceType t) override
    {
        if (t == QAccessible::ValueInterface)
            return static_cast<QAccessibleValueInterface *>(this);
        return QAccessibleWidget::interface_cast(t);
    }

    QString text(QAccessible::Text t) const override
    {
        switch (t) {
        case QAccessible::Name:
            return wave()->accessibleName().isEmpty() ? Accessibility::tr("Waveform")
                                                      : wave()->accessibleName();
        case QAccessible::Value:
            if (wave()->duration() <= 0)
                return wave()->placeholderText();
            return Accessibility::tr("%1 of %2")
                .arg(Accessibility::time(wave()->position()),
                     Accessibility::time(wave()->duration()));
        case QAccessible::Description:
            // "No long silence or clipping", "Silent at the start (3.0 s)", …
            if (wave()->waveform().isEmpty())
                return wave()->placeholderText();
            return wave()->waveform().summary().isEmpty()
                ? Accessibility::tr("No long silence or clipping")
                : wave()->waveform().summary();
        default:
            return QAccessibleWidget::text(t);
        }
    }

    QVariant currentValue() const override { return wave()->position(); }
    void setCurrentValue(const QVariant &value) override
    {
        if (wave()->duration() > 0)
            emit wave()->seekRequested(qBound<qint64>(0, value.toLongLong(), wave()->duration()));
    }
    QVariant maximumValue() const override { return qMax<qint64>(0, wave()->duration()); }
    QVariant minimumValue() const override { return qint64(0); }
    QVariant minimumStepSize() const override { return qint64(1000); }
};

QAccessibleInterface *factory(const QString &className, QObject *object)
{
    if (!object || !object->isWidgetType())
        return nullptr;
    if (className == QLatin1String("compose::FunnelWidget"))
        return new FunnelAccessible(static_cast<FunnelWidget *>(object));
    if (className == QLatin1String("compose::WaveformWidget"))
        return new WaveformAccessible(static_cast<WaveformWidget *>(object));
    return nullptr;
}

} // namespace

void Accessibility::install()
{
    static const bool installed = [] {
        QAccessible::installFactory(factory);
        return true;
    }();
    Q_UNUSED(installed);
}

QString Accessibility::time(qint64 ms)
{
    const qint64 s = qMax<qint64>(0, ms) / 1000;
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace compose
