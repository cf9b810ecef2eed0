// Demo mode end to end, started the way main() starts it: DashboardController with --demo, in an
// isolated HOME, builds the demo database, starts the embedded compose-api, opens the window. An
// agent then picks a form, plays its preview and compares the three variations; every one must
// really play (position advancing) with no error. Also when the demo's port 47811 is taken.
#include "commandline.h"
#include "dashboardcontroller.h"
#include "database.h"
#include "demodatabase.h"
#include "demourls.h"
#include "embeddedapi.h"
#include "formlistmodel.h"
#include "isolateduser.h"
#include "mainwindow.h"
#include "playerbar.h"
#include "previewplayer.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QAudioOutput>
#include <QFile>
#include <QMediaPlayer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace compose;

class TestDemoMode final : public QObject {
    Q_OBJECT

private slots:
    void rebasedLinks();
    void demoPlaysOutOfTheBox();
    void simulatorAudioAnswersRanges();
    void demoPlaysWhenItsPortIsTaken();

private:
    // Starts the app's wiring with --demo, picks a form with three ready previews, plays it and
    // compares 1/2/3; returns the API's URL.
    void playDemo(QUrl *apiUrl);
};

void TestDemoMode::rebasedLinks()
{
    const QUrl base(QStringLiteral("http://127.0.0.1:50123"));
    QCOMPARE(
        DemoUrls::rebased(
            QStringLiteral("{\"0\":{\"1\":\"http://127.0.0.1:47811/sim/musicgpt/audio/a.wav\"}}"),
            base),
        QStringLiteral("{\"0\":{\"1\":\"http://127.0.0.1:50123/sim/musicgpt/audio/a.wav\"}}"));
    // Only loopback origins are the demo's own; a shop's CDN link is left alone.
    const QString cdn
        = QStringLiteral("https://cdn.example.com:443/a.mp3 http://127.0.0.10:47811/x");
    QCOMPARE(DemoUrls::rebased(cdn, base), cdn);
}

void TestDemoMode::playDemo(QUrl *apiUrl)
{
    QString error;
    const auto options = CommandLine::parse(
        {QStringLiteral("compose-dashboard"), QStringLiteral("--demo")}, &error);
    QVERIFY2(options, qPrintable(error));
    DashboardController controller(*options);
    QSignalSpy ready(&controller, &DashboardController::demoReady);
    controller.start();
    // First start builds and fills the demo database: allow for a slow, shared machine.
    QVERIFY(ready.wait(120000));
    *apiUrl = controller.embeddedApiUrl();
    QVERIFY(apiUrl->isValid());

    // A form whose three previews are ready, straight from the demo file (the test's own read).
    QString formId;
    {
        const QString name = QStringLiteral("tst_demomode_pick");
        {
            ConnectionSettings s;
            s.dialect = SqlDialect::SQLite;
            s.database = DemoDatabase::defaultPath();
            QSqlDatabase db = Db::open(s, name);
            QSqlQuery q
                = Db::prepare(db,
                              QStringLiteral("SELECT id, variation_audio_urls FROM compose_forms "
                                             "WHERE status = 'variations_ready' AND song_count = 1 "
                                             "ORDER BY id"));
            Db::exec(q);
            while (formId.isEmpty() && q.next()) {
                const QString urls = q.value(1).toString();
                // Three previews served by the demo's simulator (whatever port the file names).
                if (urls.count(QStringLiteral("/sim/musicgpt/audio/")) == 3
                    && !urls.contains(QStringLiteral("/expired-")))
                    formId = q.value(0).toString();
            }
        }
        Db::close(name);
    }
    QVERIFY2(!formId.isEmpty(), "no demo form with three previews");

    MainWindow *window = controller.window();
    QVERIFY(window);
    auto *list = window->findChild<QAbstractItemView *>(QStringLiteral("formList"));
    QVERIFY(list);
    window->showForm(formId);
    QTRY_COMPARE_WITH_TIMEOUT(list->currentIndex().data(FormListModel::FormIdRole).toString(),
                              formId, 20000);

    PreviewPlayer *player = controller.previewPlayer();
    QSignalSpy errors(player, &PreviewPlayer::errorOccurred);
    auto *play = window->findChild<QAction *>(QStringLiteral("playFormAction"));
    QVERIFY(play);
    play->trigger(); // Ctrl+P: the form's chosen (or first) preview
    QTRY_VERIFY_WITH_TIMEOUT(!errors.isEmpty() || player->mediaPlayer()->position() > 500, 20000);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(1).toString()));
    QVERIFY(player->isPlaying());
    QCOMPARE(player->current().formId, formId);
    QVERIFY(player->current().url.startsWith(apiUrl->toString()));
    const qint64 at = player->mediaPlayer()->position();
    QTRY_VERIFY_WITH_TIMEOUT(player->mediaPlayer()->position() > at + 300, 5000);
    QCOMPARE(player->variations().size(), 3);

    // Compare, as the keys 1/2/3 do: the player bar's own actions.
    auto *bar = window->findChild<PlayerBar *>(QStringLiteral("playerBar"));
    QVERIFY(bar);
    QList<QAction *> compare;
    for (QAction *a : bar->shortcutActions()) {
        for (int v = 1; v <= 3; ++v) {
            if (a->shortcut() == QKeySequence(Qt::Key_0 + v))
                compare.append(a);
        }
    }
    QCOMPARE(compare.size(), 3);
    const int order[] = {2, 3, 1, 3, 2, 1};
    for (const int v : order) {
        QAction *a = compare.at(v - 1);
        QVERIFY(a->isEnabled());
        const qint64 before = player->position();
        a->trigger();
        QCOMPARE(player->current().variationIndex, v);
        const QString url = player->current().url;
        QTRY_VERIFY_WITH_TIMEOUT(
            !errors.isEmpty()
                || (player->mediaPlayer()->source().toString() == url
                    && player->mediaPlayer()->playbackState() == QMediaPlayer::PlayingState
                    && player->mediaPlayer()->mediaStatus() == QMediaPlayer::BufferedMedia),
            10000);
        const QString where
            = QStringLiteral("variation %1 from %2 ms: at %3 ms of %4 ms, status %5")
                  .arg(v)
                  .arg(before)
                  .arg(player->mediaPlayer()->position())
                  .arg(player->mediaPlayer()->duration())
                  .arg(int(player->mediaPlayer()->mediaStatus()));
        QVERIFY2(errors.isEmpty(),
                 qPrintable(errors.value(0).value(1).toString() + QLatin1Char(' ') + where));
        const qint64 from = player->mediaPlayer()->position();
        QTRY_VERIFY2_WITH_TIMEOUT(player->mediaPlayer()->position() > from + 150, qPrintable(where),
                                  5000);
    }
    QCOMPARE(errors.count(), 0);
}

void TestDemoMode::demoPlaysOutOfTheBox()
{
    QUrl api;
    playDemo(&api);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(api.host(), QStringLiteral("127.0.0.1"));
    qInfo("the demo API listened on %s", qPrintable(api.toString()));
}

void TestDemoMode::simulatorAudioAnswersRanges()
{
    // GStreamer seeks over HTTP with Range requests; the demo's audio (the MusicGPT simulator)
    // must answer them as a CDN does, or compare (1/2/3 at the same position) cannot seek.
    ConnectionSettings settings;
    settings.dialect = SqlDialect::SQLite;
    settings.database = DemoDatabase::defaultPath();
    QVERIFY2(QFile::exists(settings.database),
             "runs after demoPlaysOutOfTheBox built the demo file");
    ServerConfig config;
    config.database = settings;
    config.migrate = false;
    config.simulate = true;
    EmbeddedApi api;
    QSignalSpy ready(&api, &EmbeddedApi::ready);
    api.start(config, QStringLiteral("range-test"), QStringLiteral("agent"));
    QVERIFY(ready.wait(20000));
    QUrl url = ready.first().at(0).toUrl();
    url.setPath(QStringLiteral("/sim/musicgpt/audio/0123456789abcdef.wav"));

    QNetworkAccessManager network;
    struct Answer {
        int status = 0;
        QByteArray body;
        QByteArray contentRange;
        QByteArray acceptRanges;
    };
    auto get = [&](const QByteArray &range) {
        QNetworkRequest request(url);
        if (!range.isEmpty())
            request.setRawHeader("Range", range);
        QNetworkReply *reply = network.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        Answer a;
        if (done.wait(10000)) {
            a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            a.body = reply->readAll();
            a.contentRange = reply->rawHeader("Content-Range");
            a.acceptRanges = reply->rawHeader("Accept-Ranges");
        }
        delete reply;
        return a;
    };
    const Answer whole = get({});
    QCOMPARE(whole.status, 200);
    QCOMPARE(whole.acceptRanges, QByteArrayLiteral("bytes"));
    QVERIFY(whole.body.startsWith("RIFF"));
    const QByteArray size = QByteArray::number(whole.body.size());

    const Answer middle = get(QByteArrayLiteral("bytes=100-199"));
    QCOMPARE(middle.status, 206);
    QCOMPARE(middle.contentRange, QByteArrayLiteral("bytes 100-199/") + size);
    QCOMPARE(middle.body, whole.body.mid(100, 100));

    const Answer open = get(QByteArrayLiteral("bytes=1000-"));
    QCOMPARE(open.status, 206);
    QCOMPARE(open.body, whole.body.mid(1000));

    const Answer tail = get(QByteArrayLiteral("bytes=-10"));
    QCOMPARE(tail.status, 206);
    QCOMPARE(tail.body, whole.body.right(10));

    const Answer beyond = get(QByteArrayLiteral("bytes=") + size + '-');
    QCOMPARE(beyond.status, 416);
    QCOMPARE(beyond.contentRange, QByteArrayLiteral("bytes */") + size);

    const Answer nonsense = get(QByteArrayLiteral("bytes=abc")); // ignored: the whole file
    QCOMPARE(nonsense.status, 200);
    QCOMPARE(nonsense.body, whole.body);
}

void TestDemoMode::demoPlaysWhenItsPortIsTaken()
{
    // Another program on 47811 (a second demo, a test): the demo takes another port and its
    // previews follow. If something else already holds 47811, it is taken all the same.
    QTcpServer squatter;
    const bool mine = squatter.listen(QHostAddress::LocalHost, DemoDatabase::ApiPort);
    QUrl api;
    playDemo(&api);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(api.port() != DemoDatabase::ApiPort,
             qPrintable(
                 QStringLiteral("the API claims port %1, which %2 holds")
                     .arg(api.port())
                     .arg(mine ? QStringLiteral("the test") : QStringLiteral("another program"))));
}

int main(int argc, char *argv[])
{
    // An isolated user: the demo database, settings and caches go to a folder of the test's own,
    // set before Qt reads any of these paths.
    QTemporaryDir home;
    if (!home.isValid())
        return 2;
    compose::test::isolateUser(home.path());
    CommandLine::setApplicationInfo();
    QApplication app(argc, argv);
    TestDemoMode test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_demomode.moc"
