#pragma once

#include <QColor>
#include <QPalette>

namespace compose {

// The few colours the dashboard adds to the palette, in one table with a light and a dark
// variant; everything else is the palette itself. The variant follows the palette's window
// colour, so a dark system theme (or --palette dark) gets colours readable on it. Colour never
// carries state alone: every coloured cell or label also says it in words or a symbol.
// QtGui only: item models (foreground/background roles) and views both use it.
class Theme final {
public:
    enum class Role : quint8 {
        ErrorText, // failed generation, refused action, unreachable audio
        SuccessText, // an action's "Done."
        WarningText, // an overdue expiry, a refund on a paid form
        MutedText, // unreadable JSON values
        WarningBackground, // the banner that stops work
        WarningBorder,
        WarningBannerText,
        InfoBackground, // the banner that leaves data readable
        InfoBorder,
        ConflictBackground, // a variation row that disagrees with music_generations
        PlayingBackground, // the variation row being played
        FailedHighlightedText, // a failed row while selected
        FunnelReached,
        FunnelNow,
        FunnelExpired,
        FunnelRefunded,
        FunnelOther,
        Count
    };

    static bool isDark(const QPalette &palette);
    // From the application's palette (QGuiApplication::palette()).
    static QColor color(Role role);
    static QColor color(Role role, const QPalette &palette);
    // The badge colour of a status (white text on it in both variants); the status key as the
    // data spells it, unknown keys get the error colour.
    static QColor statusBadge(const QString &statusKey);
    // A dark palette (Fusion-like) for --palette dark and the screenshots; light: Fusion's own.
    static QPalette darkPalette();
};

} // namespace compose
