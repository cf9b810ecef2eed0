// The player's icons at 1x and 2x device pixel ratio, in the light and the dark palette: drawn
// at the requested device pixels (no small bitmap scaled up) in the palette's text colour, so
// they stay sharp on a HiDPI screen and readable on the dark palette's base. And the symbols
// that mark list rows (flags) have a glyph in the installed fonts: no empty boxes.
#include "attention.h"
#include "mediaicons.h"
#include "theme.h"

#include <QApplication>
#include <QGlyphRun>
#include <QImage>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>
#include <QTextLayout>

using namespace compose;
using Kind = MediaIcons::Kind;

class tst_MediaIcons : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void drawnAtDevicePixels_data();
    void drawnAtDevicePixels();
    void followsPalette();
    void flagSymbolsHaveGlyphs();
};

namespace {

// WCAG's contrast ratio of two colours (1 … 21).
double contrast(const QColor &a, const QColor &b)
{
    const auto lum = [](const QColor &c) {
        const auto ch = [](double v) {
            return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
        };
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
    };
    const double la = lum(a), lb = lum(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

} // namespace

void tst_MediaIcons::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
}

void tst_MediaIcons::drawnAtDevicePixels_data()
{
    QTest::addColumn<qreal>("dpr");
    QTest::addRow("1x") << 1.0;
    QTest::addRow("1.5x") << 1.5;
    QTest::addRow("2x") << 2.0;
}

void tst_MediaIcons::drawnAtDevicePixels()
{
    QFETCH(qreal, dpr);
    const QIcon icon = MediaIcons::icon(Kind::Play);
    const QPixmap pm = icon.pixmap(QSize(18, 18), dpr);
    QCOMPARE(pm.size(), QSize(18, 18) * dpr);
    QCOMPARE(pm.devicePixelRatio(), dpr);
    // Drawn at the device pixels: the same image as the icon drawn at that size at 1x. A bitmap
    // made at 18 px and scaled up (what the style's icons are) differs along every edge.
    QImage img = pm.toImage().convertToFormat(QImage::Format_ARGB32);
    img.setDevicePixelRatio(1.0); // compared pixel by pixel
    const QImage direct
        = icon.pixmap(pm.size(), 1.0).toImage().convertToFormat(QImage::Format_ARGB32);
    QCOMPARE(img, direct);
    QCOMPARE(img.pixelColor(img.width() / 2 - 1, img.height() / 2).alpha(), 255);
    QCOMPARE(img.pixelColor(0, 0).alpha(), 0);
    const QImage upscaled = icon.pixmap(QSize(18, 18), 1.0)
                                .toImage()
                                .convertToFormat(QImage::Format_ARGB32)
                                .scaled(pm.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    if (dpr > 1.0)
        QVERIFY(img != upscaled);
}

void tst_MediaIcons::followsPalette()
{
    const QPalette before = QApplication::palette();
    for (const bool dark : {false, true}) {
        QApplication::setPalette(dark ? Theme::darkPalette()
                                      : QApplication::style()->standardPalette());
        const QPalette pal = QApplication::palette();
        for (Kind k : {Kind::Play, Kind::Pause, Kind::Stop, Kind::SeekBackward, Kind::SeekForward,
                       Kind::Volume, Kind::VolumeMuted}) {
            const QImage img = MediaIcons::icon(k).pixmap(QSize(24, 24), 2.0).toImage();
            // The most opaque pixel is the icon's colour: the palette's text colour, readable on
            // the window and on a table's base (WCAG AA for large shapes: 3:1).
            QColor ink;
            for (int y = 0; y < img.height(); ++y)
                for (int x = 0; x < img.width(); ++x)
                    if (img.pixelColor(x, y).alpha() == 255) {
                        ink = img.pixelColor(x, y);
                        break;
                    }
            QVERIFY2(ink.isValid(), "no solid pixel: nothing drawn");
            QCOMPARE(ink.rgb(), pal.color(QPalette::WindowText).rgb());
            QVERIFY(contrast(ink, pal.color(QPalette::Window)) >= 3.0);
            QVERIFY(contrast(ink, pal.color(QPalette::Base)) >= 3.0);
        }
        // Disabled (the transport buttons before anything plays) and selected (a selected
        // variation row) take their own palette colours.
        const QImage off
            = MediaIcons::icon(Kind::Play).pixmap(QSize(24, 24), 1.0, QIcon::Disabled).toImage();
        QCOMPARE(off.pixelColor(11, 12).rgb(),
                 pal.color(QPalette::Disabled, QPalette::WindowText).rgb());
        const QImage sel
            = MediaIcons::icon(Kind::Play).pixmap(QSize(24, 24), 1.0, QIcon::Selected).toImage();
        QCOMPARE(sel.pixelColor(11, 12).rgb(), pal.color(QPalette::HighlightedText).rgb());
    }
    QApplication::setPalette(before);
}

void tst_MediaIcons::flagSymbolsHaveGlyphs()
{
    // Laid out as the list paints it (with font fallback): glyph 0 is the "missing" box. The
    // CI machine has Debian's default fonts only (fonts-dejavu-core, scripts/install-deps.sh),
    // as a plain desk does; ⏱ and ⌛ had no glyph there.
    QStringList missing;
    for (RowFlag f : Attention::allFlags()) {
        const QString label = Attention::flagLabel(f);
        QTextLayout layout(label, QApplication::font());
        layout.beginLayout();
        layout.createLine();
        layout.endLayout();
        for (const QGlyphRun &run : layout.glyphRuns()) {
            if (run.glyphIndexes().contains(0u))
                missing << label;
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
}

QTEST_MAIN(tst_MediaIcons)
#include "tst_mediaicons.moc"
