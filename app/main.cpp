#include "commandline.h"
#include "dashboardcontroller.h"
#include "firstpaintprobe.h"
#include "headlessrunner.h"
#include "languages.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    compose::CommandLine::setApplicationInfo();
    // --export, --migrate and --help must work without a display: pick the application
    // object before anything else touches Qt.
    if (compose::CommandLine::isHeadless(argc, argv)) {
        QCoreApplication app(argc, argv);
        compose::Languages::install(compose::Languages::requested(QCoreApplication::arguments()));
        return compose::HeadlessRunner::run(QCoreApplication::arguments());
    }
    compose::FirstPaintProbe::mark("main-ms"); // the dynamic loader and static initialisers
    QApplication app(argc, argv);
    compose::FirstPaintProbe::mark("qapplication-ms"); // xcb connection, fonts, platform theme
    compose::FirstPaintProbe::start(); // the UI thread's heartbeat from here on
    // The window icon is set by the controller, in a turn of its own (the theme lookup).
    QGuiApplication::setDesktopFileName(QStringLiteral("org.composedesk.Dashboard"));
    compose::Languages::install(compose::Languages::requested(QCoreApplication::arguments()));
    return compose::DashboardController::run(QApplication::arguments());
}
