// clean-install-probe MP3: prints one line per run-time dependency and exits 1 when one is
// missing. Run inside the clean root by scripts/check-clean-install.sh.
#include <QAudioBuffer>
#include <QAudioDecoder>
#include <QGuiApplication>
#include <QSqlDatabase>
#include <QSslSocket>
#include <QTimer>
#include <QUrl>

#include <cstdio>

namespace {

int failures = 0;

void report(bool ok, const QString &what)
{
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", qPrintable(what));
    failures += ok ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: clean-install-probe FILE.mp3\n");
        return 2;
    }
    // addDatabase() loads the driver's plugin and its client library (libpq for QPSQL): a
    // listed but unloadable driver is an invalid connection.
    for (const char *driver : {"QSQLITE", "QPSQL"}) {
        const QString name = QLatin1String(driver);
        const bool loaded = QSqlDatabase::addDatabase(name, name).isValid();
        report(loaded, QStringLiteral("SQL driver %1 loads").arg(name));
    }
    report(QSslSocket::supportsSsl(),
           QStringLiteral("TLS backend %1 (%2)")
               .arg(QSslSocket::activeBackend(), QSslSocket::sslLibraryVersionString()));

    // The previews are MP3: decode one through QtMultimedia's GStreamer backend, as the waveform
    // does, and count what came out.
    QAudioDecoder decoder;
    qint64 frames = 0;
    QString error;
    QObject::connect(&decoder, &QAudioDecoder::bufferReady, &app,
                     [&] { frames += decoder.read().frameCount(); });
    QObject::connect(&decoder, qOverload<QAudioDecoder::Error>(&QAudioDecoder::error), &app, [&] {
        error = decoder.errorString();
        app.quit();
    });
    QObject::connect(&decoder, &QAudioDecoder::finished, &app, &QCoreApplication::quit);
    QTimer::singleShot(20000, &app, [&] {
        error = QStringLiteral("no end of stream within 20 s");
        app.quit();
    });
    decoder.setSource(QUrl::fromLocalFile(QString::fromLocal8Bit(argv[1])));
    decoder.start();
    app.exec();
    report(error.isEmpty() && frames > 0,
           QStringLiteral("MP3 decoded through QtMultimedia: %1 frames %2").arg(frames).arg(error));
    return failures ? 1 : 0;
}
