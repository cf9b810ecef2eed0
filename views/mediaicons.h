#pragma once

#include <QIcon>

namespace compose {

// The player's icons (play, pause, stop, seek, volume) drawn as vector shapes in the palette's
// text colour when they are painted: crisp at any device pixel ratio, and readable in the light
// and the dark palette. The style's own media icons are 16/32 px dark-grey bitmaps: scaled up at
// 2x, and nearly invisible on the dark palette's base.
namespace MediaIcons {

enum class Kind { Play, Pause, Stop, SeekBackward, SeekForward, Volume, VolumeMuted };

QIcon icon(Kind kind);

} // namespace MediaIcons

} // namespace compose
