#pragma once

#include <QByteArray>

namespace compose {

// How the agent left the main window: size and place, splitters, the list's columns, which
// panes show and the date range. Read and written here only, under one QSettings group; no
// data and no secret is ever part of it.
struct WindowLayout {
    QByteArray geometry;
    QByteArray verticalSplitter;
    QByteArray horizontalSplitter;
    QByteArray listHeader;
    bool showFunnel = true;
    bool showDetail = true;
    int range = -1; // FilterBar::Range; -1: none stored

    static WindowLayout load();
    void save() const;
};

} // namespace compose
