// Ctrl+= / Ctrl+- scale the application's font in steps, bounded, and the factor is remembered
// for the next start.
#include "appsettings.h"
#include "zoom.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>

using namespace compose;

class tst_Zoom final : public QObject {
    Q_OBJECT

private slots:
    void keysScaleAndAreRemembered();
};

void tst_Zoom::keysScaleAndAreRemembered()
{
    QTemporaryDir dir;
    const QString ini = dir.filePath(QStringLiteral("settings.ini"));
    const QFont base = QApplication::font();
    QVERIFY(base.pointSizeF() > 0);
    {
        AppSettings settings(ini);
        QMainWindow w;
        w.menuBar()->addMenu(QStringLiteral("View"))->setObjectName(QStringLiteral("viewMenu"));
        auto *label = new QLabel(QStringLiteral("text"), &w);
        w.setCentralWidget(label);
        Zoom zoom(&w, &settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(zoom.percent(), 100);
        // The actions are in the View menu, with Ctrl+= among the zoom-in keys.
        QVERIFY(
            w.menuBar()->actions().constFirst()->menu()->actions().contains(zoom.zoomInAction()));
        QVERIFY(zoom.zoomInAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Equal)));
        QVERIFY(zoom.zoomOutAction()->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Minus)));

        QTest::keyClick(&w, Qt::Key_Equal, Qt::ControlModifier);
        QTest::keyClick(&w, Qt::Key_Equal, Qt::ControlModifier);
        QCOMPARE(zoom.percent(), 120);
        QCOMPARE(QApplication::font().pointSizeF(), base.pointSizeF() * 1.2);
        // Widgets follow the application font.
        QTRY_COMPARE(label->font().pointSizeF(), base.pointSizeF() * 1.2);
        QTest::keyClick(&w, Qt::Key_Minus, Qt::ControlModifier);
        QCOMPARE(zoom.percent(), 110);
        // Bounded both ways, and the edge disables the action.
        for (int i = 0; i < 30; ++i)
            zoom.zoomOutAction()->trigger();
        QCOMPARE(zoom.percent(), int(Zoom::MinPercent));
        QVERIFY(!zoom.zoomOutAction()->isEnabled());
        zoom.setPercent(150);
        settings.sync();
    }
    QApplication::setFont(base);
    {
        AppSettings settings(ini);
        QCOMPARE(settings.zoomPercent(), 150);
        QMainWindow w;
        Zoom zoom(&w, &settings);
        QCOMPARE(zoom.percent(), 150);
        QCOMPARE(QApplication::font().pointSizeF(), base.pointSizeF() * 1.5);
        zoom.resetAction()->trigger();
        QCOMPARE(zoom.percent(), 100);
        QCOMPARE(QApplication::font().pointSizeF(), base.pointSizeF());
    }
}

QTEST_MAIN(tst_Zoom)
#include "tst_zoom.moc"
