#include "windowlayout.h"

#include <QSettings>

namespace compose {

namespace {

const QString Group = QStringLiteral("mainWindow");
const QString GeometryKey = QStringLiteral("geometry");
const QString VerticalKey = QStringLiteral("verticalSplitter");
const QString HorizontalKey = QStringLiteral("horizontalSplitter");
const QString HeaderKey = QStringLiteral("listHeader");
const QString FunnelKey = QStringLiteral("showFunnel");
const QString DetailKey = QStringLiteral("showDetail");
const QString RangeKey = QStringLiteral("range");

} // namespace

WindowLayout WindowLayout::load()
{
    QSettings s;
    s.beginGroup(Group);
    WindowLayout l;
    l.geometry = s.value(GeometryKey).toByteArray();
    l.verticalSplitter = s.value(VerticalKey).toByteArray();
    l.horizontalSplitter = s.value(HorizontalKey).toByteArray();
    l.listHeader = s.value(HeaderKey).toByteArray();
    l.showFunnel = s.value(FunnelKey, true).toBool();
    l.showDetail = s.value(DetailKey, true).toBool();
    l.range = s.value(RangeKey, -1).toInt();
    return l;
}

void WindowLayout::save() const
{
    QSettings s;
    s.beginGroup(Group);
    s.setValue(GeometryKey, geometry);
    s.setValue(VerticalKey, verticalSplitter);
    s.setValue(HorizontalKey, horizontalSplitter);
    s.setValue(HeaderKey, listHeader);
    s.setValue(FunnelKey, showFunnel);
    s.setValue(DetailKey, showDetail);
    s.setValue(RangeKey, range);
}

} // namespace compose
