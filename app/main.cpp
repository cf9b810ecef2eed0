#include "commandline.h"
#include "dashboardcontroller.h"
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
    QApplication app(argc, argv);
    compose::Languages::install(compose::Languages::requested(QCoreApplication::arguments()));
    return compose::DashboardController::run(QApplication::arguments());
}
