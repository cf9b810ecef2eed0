#include "theme.h"

#include <QGuiApplication>
#include <QHash>

namespace compose {

namespace {

struct Pair {
    QRgb light;
    QRgb dark;
};

// Indexed by Theme::Role. Dark variants keep at least 4.5:1 contrast on #2b2b2b.
constexpr Pair kTable[] = {
    {0xb01e1e, 0xff8a80}, // ErrorText
    {0x1d6b2f, 0x81c784}, // SuccessText
    {0xa05200, 0xffb74d}, // WarningText
    {0x8a8a8a, 0x9e9e9e}, // MutedText
    {0xfff1c7, 0x4a3b10}, // WarningBackground
    {0xd9b44a, 0x8a6d1f}, // WarningBorder
    {0x4a3500, 0xffe7a3}, // WarningBannerText
    {0xe8f0fb, 0x1d2b3d}, // InfoBackground
    {0x9db7d9, 0x3d5a80}, // InfoBorder
    {0xfff4d6, 0x4d4020}, // ConflictBackground
    {0xd8eafb, 0x1f3a5c}, // PlayingBackground
    {0xffd0d0, 0xffd0d0}, // FailedHighlightedText
    {0x7fa7e0, 0x3f6aa8}, // FunnelReached
    {0x2f5fae, 0x8ab4f8}, // FunnelNow
    {0x9a9a9a, 0x8a8a8a}, // FunnelExpired
    {0xd08430, 0xe0a050}, // FunnelRefunded
    {0x8a6ac0, 0xb39ddb}, // FunnelOther
};
static_assert(std::size(kTable) == size_t(Theme::Role::Count), "one entry per role");

} // namespace

bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor Theme::color(Role role)
{
    return color(role, QGuiApplication::palette());
}

QColor Theme::color(Role role, const QPalette &palette)
{
    const Pair &p = kTable[int(role)];
    return QColor::fromRgb(isDark(palette) ? p.dark : p.light);
}

QColor Theme::statusBadge(const QString &statusKey)
{
    // Saturated enough for white text in either palette.
    static const QHash<QString, QRgb> colours {
        {QStringLiteral("created"), 0x5c6b7a},
        {QStringLiteral("prompts_generated"), 0x5c6b7a},
        {QStringLiteral("variations_generating"), 0xa66a00},
        {QStringLiteral("variations_ready"), 0x2f5fae},
        {QStringLiteral("payment_initiated"), 0x6a4aa8},
        {QStringLiteral("payment_completed"), 0x2e7d32},
        {QStringLiteral("delivered"), 0x1b5e20},
        {QStringLiteral("expired"), 0x6e6e6e},
        {QStringLiteral("refunded"), 0xa65a10},
    };
    return QColor::fromRgb(colours.value(statusKey, 0xb03020));
}

QPalette Theme::darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2b, 0x2b);
    const QColor base(0x1e, 0x1e, 0x1e);
    const QColor text(0xe8, 0xe8, 0xe8);
    const QColor disabled(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x9e, 0x9e, 0x9e));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x8a, 0x80));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4a));
    p.setColor(QPalette::Midlight, QColor(0x3e, 0x3e, 0x3e));
    p.setColor(QPalette::Mid, QColor(0x30, 0x30, 0x30));
    p.setColor(QPalette::Dark, QColor(0x18, 0x18, 0x18));
    p.setColor(QPalette::Shadow, QColor(0x0a, 0x0a, 0x0a));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x6e, 0xb4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xdb));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    return p;
}

} // namespace compose
