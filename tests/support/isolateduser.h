#pragma once

#include <QString>

namespace compose::test {

// Points HOME and the XDG data, config and cache folders at home and forgets the caller's API
// token and libpq defaults, so a test that runs the real app (demo database, settings, caches)
// neither reads nor writes the user's own. Call it before QApplication: Qt reads these paths once.
void isolateUser(const QString &home);

} // namespace compose::test
