// The five common support tickets, keyboard only, from the window's start state in demo mode
// (DashboardController --demo, as main() starts it, in an isolated HOME): each test presses real
// keys on the focused widget (QTest::keyClicks / keySequence on QApplication::focusWidget()),
// counts the key sequences used (typing one datum counts as one) and asserts the outcome from
// the database the window reads. Beside them: the command palette, the customer view, copy
// (QClipboard), saved views, the hidden-by-filter hint, the share-slug and order-id search, and
// the deep link handed to a running instance.
#include "actiondialog.h"
#include "bulkretry.h"
#include "commandline.h"
#include "commandpalette.h"
#include "customerview.h"
#include "dashboardcontroller.h"
#include "database.h"
#include "deeplink.h"
#include "demodatabase.h"
#include "filterbar.h"
#include "formdetailmodel.h"
#include "formdetailview.h"
#include "formlistmodel.h"
#include "formlistview.h"
#include "funnelwidget.h"
#include "isolateduser.h"
#include "keyboardnavigation.h"
#include "listhint.h"
#include "listtools.h"
#include "lyricspanel.h"
#include "mainwindow.h"
#include "notespanel.h"
#include "singleinstance.h"
#include "staffactions.h"
#include "stripelinks.h"
#include "testtime.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <memory>

using namespace compose;

namespace {

// The keys of one ticket. An action is what an agent thinks of as one step: a key chord, or a
// datum typed and entered (its Enter included, as in "type the e-mail and press Enter"). The raw
// key sequences are counted beside them (a typed datum is one, each key is one), so both numbers
// are printed and the README's table shows both.
class Keys {
public:
    void type(const QString &text)
    {
        QWidget *w = QApplication::focusWidget();
        QVERIFY2(w, "no widget has the focus");
        QTest::keyClicks(w, text);
        ++m_actions;
        ++m_sequences;
    }
    void press(const QKeySequence &seq)
    {
        QWidget *w = QApplication::focusWidget();
        QVERIFY2(w, "no widget has the focus");
        QTest::keySequence(w, seq);
        ++m_actions;
        ++m_sequences;
    }
    // A datum typed where the cursor is and entered with Enter: one action, two key sequences.
    void enter(const QString &text)
    {
        QWidget *w = QApplication::focusWidget();
        QVERIFY2(w, "no widget has the focus");
        QTest::keyClicks(w, text);
        w = QApplication::focusWidget();
        QVERIFY2(w, "no widget has the focus after typing");
        QTest::keyClick(w, Qt::Key_Return);
        ++m_actions;
        m_sequences += 2;
    }
    int count() const { return m_actions; }
    int sequences() const { return m_sequences; }

private:
    int m_actions = 0;
    int m_sequences = 0;
};

// A blocking GET on loopback for the test thread (the simulator's own list of refunds).
QJsonObject getJson(const QUrl &url, const QByteArray &authorization)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", authorization);
    std::unique_ptr<QNetworkReply> reply(nam.get(request));
    QSignalSpy done(reply.get(), &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(10000))
        return {};
    return QJsonDocument::fromJson(reply->readAll()).object();
}

QString scalar(const QString &sql)
{
    const QString name = QStringLiteral("tst_keyboardtickets_read");
    QString out;
    {
        ConnectionSettings s;
        s.dialect = SqlDialect::SQLite;
        s.database = DemoDatabase::defaultPath();
        QSqlDatabase db = Db::open(s, name);
        QSqlQuery q = Db::prepare(db, sql);
        Db::exec(q);
        if (q.next())
            out = q.value(0).toString();
    }
    Db::close(name);
    return out;
}

} // namespace

class TestKeyboardTickets final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void whereIsMySong();
    void wrongName();
    void whichVariationDidIPick();
    void refundMe();
    void sendItAgainToMyOtherAddress();
    void refundNeedsItsReason();
    void bulkRetryOfTheSelection();
    void exportTheSelectionFromTheKeyboard();
    void noteFromTheKeyboard();

    void searchHintsAndEmptyList();
    void searchBySlugAndOrder();
    void palette();
    void customerView();
    void copy();
    void savedViewRoundTrip();
    void tabLeavesTables();
    void altKeysHaveOneTarget();
    void stripeLinks();
    void exportListAndSelection();
    void deepLinkHandOff();

private:
    // A guest e-mail with exactly one form, in this status (and no account with that e-mail).
    QString emailOfOnly(const QString &status, const QString &extra = QString());
    QString formOf(const QString &email);
    void coldStart(QElapsedTimer &clock);
    void finish(const char *ticket, const Keys &keys, qint64 elapsedMs);

    std::unique_ptr<DashboardController> m_app;
    MainWindow *m_window = nullptr;
};

void TestKeyboardTickets::initTestCase()
{
    QString error;
    const auto options = CommandLine::parse(
        {QStringLiteral("compose-dashboard"), QStringLiteral("--demo")}, &error);
    QVERIFY2(options, qPrintable(error));
    m_app = std::make_unique<DashboardController>(*options);
    QSignalSpy ready(m_app.get(), &DashboardController::demoReady);
    m_app->start();
    QVERIFY(ready.wait(120000));
    m_window = m_app->window();
    QVERIFY(m_window);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    QTRY_COMPARE_WITH_TIMEOUT(m_app->staffActions()->apiState(), StaffActions::ApiState::Ready,
                              30000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->listModel()->rowCount() > 0, 30000);
}

void TestKeyboardTickets::init()
{
    // The window's start state (not counted): nothing searched, nothing selected, the cursor in
    // the search box, as after a cold start.
    m_window->funnelWidget()->setSelectedRow(-1);
    m_window->filterBar()->setRange(FilterBar::AllTime);
    m_window->filterBar()->setPackage(QString());
    m_window->filterBar()->setAttention(QString());
    m_window->filterBar()->setSearchText(QString());
    m_window->listView()->clearSelection();
    m_window->detailView()->tabs()->setCurrentIndex(0);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->listView()->isReloading(), 10000);
    m_window->activateWindow();
    m_window->filterBar()->focusSearch();
    QTRY_VERIFY(m_window->filterBar()->searchEdit()->hasFocus());
}

void TestKeyboardTickets::cleanup()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (w != m_window && w->isVisible() && qobject_cast<QDialog *>(w))
            static_cast<QDialog *>(w)->reject();
    }
}

void TestKeyboardTickets::cleanupTestCase()
{
    if (m_window)
        m_window->close();
    m_app.reset();
}

QString TestKeyboardTickets::emailOfOnly(const QString &status, const QString &extra)
{
    return scalar(
        QStringLiteral(
            "SELECT lower(f.guest_email) FROM compose_forms f WHERE f.status = '%1' AND "
            "f.guest_email IS NOT NULL %2 AND (SELECT count(*) FROM compose_forms g WHERE "
            "lower(g.guest_email) = lower(f.guest_email)) = 1 AND NOT EXISTS (SELECT 1 FROM "
            "\"user\" u WHERE lower(u.email) = lower(f.guest_email)) ORDER BY f.id LIMIT 1")
            .arg(status, extra));
}

QString TestKeyboardTickets::formOf(const QString &email)
{
    return scalar(
        QStringLiteral("SELECT id FROM compose_forms WHERE lower(guest_email) = '%1'").arg(email));
}

// A cold start of the demo for one ticket, as main() does it: a new controller (the demo database
// of the first start is reused, as on an agent's machine) and the clock started with it; start()
// shows the window. The first key goes in once the window is usable: the API answers, the list
// has rows and the cursor is in the search box, all inside the clock.
void TestKeyboardTickets::coldStart(QElapsedTimer &clock)
{
    m_window = nullptr;
    m_app.reset();
    QString error;
    const auto options = CommandLine::parse(
        {QStringLiteral("compose-dashboard"), QStringLiteral("--demo")}, &error);
    QVERIFY2(options, qPrintable(error));
    m_app = std::make_unique<DashboardController>(*options);
    clock.start();
    m_app->start();
    m_window = m_app->window();
    QVERIFY(m_window && m_window->isVisible());
    QVERIFY(QTest::qWaitForWindowActive(m_window));
    // The demo's built-in API migrates, seeds its Stripe simulator and reconciles before it
    // answers: under ASan on a loaded 2-core machine that passed 10 s twice this round (load 4-5,
    // "NotConfigured"). A readiness wait, not what the tickets measure: the bound is generous.
    QTRY_COMPARE_WITH_TIMEOUT(m_app->staffActions()->apiState(), StaffActions::ApiState::Ready,
                              30000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->listModel()->rowCount() > 0, 10000);
    QTRY_VERIFY(m_window->filterBar()->searchEdit()->hasFocus()); // nobody put it there
    qInfo("cold start: the window is usable %lld ms after the start", clock.elapsed());
}

void TestKeyboardTickets::finish(const char *ticket, const Keys &keys, qint64 elapsedMs)
{
    qInfo("ticket \"%s\": %d action(s) (%d key sequences), %lld ms from the cold start to the "
          "outcome",
          ticket, keys.count(), keys.sequences(), elapsedMs);
    QVERIFY2(keys.count() <= 3,
             qPrintable(QStringLiteral("%1 actions used, at most 3 allowed").arg(keys.count())));
    QVERIFY2(elapsedMs < 10000,
             qPrintable(QStringLiteral("%1 ms from the cold start, at most 10 s").arg(elapsedMs)));
}

void TestKeyboardTickets::whereIsMySong()
{
    const QString email = emailOfOnly(QStringLiteral("delivered"));
    QVERIFY2(!email.isEmpty(), "no delivered guest form with a single form per e-mail");
    const QString form = formOf(email);
    QElapsedTimer clock;
    coldStart(clock);
    if (QTest::currentTestFailed())
        return;
    Keys keys;
    keys.enter(email.toUpper()); // as the customer wrote it: the search ignores case
    FormDetailModel *detail = m_window->detailModel();
    QTRY_VERIFY_WITH_TIMEOUT(
        detail->state() == FormDetailModel::State::Loaded && detail->formId() == form, 10000);
    const qint64 ms = clock.elapsed();
    // The answer: delivered, and where the link went.
    QCOMPARE(detail->detail().summary.status, FormStatus::Delivered);
    // A live reload (the demo's API writing at start) may be between its query and its first
    // page; the opened form is the action target again once the page is in.
    QTRY_COMPARE_WITH_TIMEOUT(m_window->actionTarget(), form, 5000);
    QVERIFY(m_window->listView()->hasFocus()); // Down/Up go on in the list
    finish("where is my song", keys, ms);
}

void TestKeyboardTickets::wrongName()
{
    const QString email = emailOfOnly(
        QStringLiteral("delivered"),
        QStringLiteral("AND EXISTS (SELECT 1 FROM music_generations m WHERE m.form_id = f.id "
                       "AND m.title_1 IS NOT NULL)"));
    QVERIFY(!email.isEmpty());
    const QString form = formOf(email);
    QElapsedTimer clock;
    coldStart(clock);
    if (QTest::currentTestFailed())
        return;
    auto *panel = m_window->findChild<LyricsPanel *>(QStringLiteral("lyricsPanel"));
    QVERIFY(panel);
    QSignalSpy shown(panel, &LyricsPanel::textsShown);
    Keys keys;
    keys.type(email);
    keys.press(QKeySequence(Qt::ALT | Qt::Key_4)); // the Lyrics tab, opening the typed form
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toString() == form, 10000);
    const qint64 ms = clock.elapsed();
    QTabWidget *tabs = m_window->detailView()->tabs();
    QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("Lyrics"));
    QCOMPARE(tabs->currentWidget(), panel);
    // Each version is checked for the recipient's name, and the prompt is beside it.
    const QString title = scalar(
        QStringLiteral("SELECT title_1 FROM music_generations WHERE form_id = '%1' AND title_1 "
                       "IS NOT NULL ORDER BY song_index, variation_index LIMIT 1")
            .arg(form));
    QVERIFY(panel->lyrics()->toPlainText().contains(title));
    QVERIFY(panel->checks()->count() > 0);
    QVERIFY(!panel->recipient().isEmpty());
    QVERIFY(panel->prompts()->toPlainText().contains(QStringLiteral("Prompt for song 1")));
    // Highlighted where the name is, as an extra selection (no markup from customer text).
    int found = 0;
    for (int i = 0; i < panel->checks()->count(); ++i)
        found += panel->checks()->item(i)->data(Qt::UserRole).toBool() ? 1 : 0;
    QCOMPARE(found + panel->missingCount(), panel->checks()->count());
    if (found > 0)
        QVERIFY(!panel->lyrics()->extraSelections().isEmpty());
    finish("the song has the wrong name", keys, ms);
}

void TestKeyboardTickets::whichVariationDidIPick()
{
    const QString email = emailOfOnly(QStringLiteral("delivered"),
                                      QStringLiteral("AND f.selected_variations IS NOT NULL"));
    QVERIFY(!email.isEmpty());
    const QString form = formOf(email);
    QElapsedTimer clock;
    coldStart(clock);
    if (QTest::currentTestFailed())
        return;
    Keys keys;
    keys.type(email);
    keys.press(QKeySequence(Qt::ALT | Qt::Key_3)); // Variations
    FormDetailModel *detail = m_window->detailModel();
    QTRY_VERIFY_WITH_TIMEOUT(
        detail->state() == FormDetailModel::State::Loaded && detail->formId() == form, 10000);
    const qint64 ms = clock.elapsed();
    QTabWidget *tabs = m_window->detailView()->tabs();
    QVERIFY(tabs->tabText(tabs->currentIndex()).startsWith(QStringLiteral("Variations")));
    // The answer is on screen: the chosen variation is marked in the table.
    QTableView *table = m_window->detailView()->variationsView();
    int chosen = 0;
    for (int r = 0; r < table->model()->rowCount(); ++r) {
        const QString mark
            = table->model()->index(r, VariationTableModel::SelectedColumn).data().toString();
        chosen += mark.isEmpty() || mark == QStringLiteral("—") ? 0 : 1;
    }
    QVERIFY2(chosen >= 1, "no variation is shown as chosen");
    finish("which variation did I pick", keys, ms);
}

void TestKeyboardTickets::refundMe()
{
    const QString email = emailOfOnly(QStringLiteral("delivered"),
                                      QStringLiteral("AND f.amount_paid > 0 AND "
                                                     "f.stripe_payment_intent_id IS NOT NULL AND "
                                                     "NOT EXISTS (SELECT 1 FROM compose_refunds r "
                                                     "WHERE r.form_id = f.id)"));
    QVERIFY(!email.isEmpty());
    const QString form = formOf(email);
    const QString paid
        = scalar(QStringLiteral("SELECT amount_paid FROM compose_forms WHERE id = '%1'").arg(form));
    const QString intent = scalar(
        QStringLiteral("SELECT stripe_payment_intent_id FROM compose_forms WHERE id = '%1'")
            .arg(form));
    const QString why = QStringLiteral("The song never arrived, she wants her money back");
    QElapsedTimer clock;
    coldStart(clock);
    if (QTest::currentTestFailed())
        return;
    Keys keys;
    keys.type(email);
    keys.press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R)); // opens the form, then Refund
    ActionDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (dialog = m_window->findChild<ActionDialog *>()) != nullptr && dialog->isVisible(), 10000);
    QCOMPARE(m_window->detailModel()->formId(), form);
    // The dialog is the confirmation: modal to the window, the cursor in the reason, the button
    // off until the reason is there, and it says how much, to whom and from which payment.
    QCOMPARE(dialog->windowModality(), Qt::WindowModal);
    QTRY_VERIFY(dialog->reasonEdit()->hasFocus());
    QVERIFY(!dialog->confirmButton()->isEnabled());
    const QString says = dialog->findChild<QLabel *>(QStringLiteral("actionSummary"))->text();
    for (const QString &part : {Money {paid.toLongLong()}.display(), email, intent, form})
        QVERIFY2(says.contains(part, Qt::CaseInsensitive),
                 qPrintable(says + QStringLiteral(" / ") + part));
    keys.enter(why); // the reason and Enter: Stripe refunds
    // A second Enter while the request is on its way (not an action of the ticket) does nothing.
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : dialog,
                    Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->phase() == ActionDialog::Phase::Done
                                 || dialog->phase() == ActionDialog::Phase::Failed,
                             20000);
    const qint64 ms = clock.elapsed();
    QCOMPARE(dialog->phase(), ActionDialog::Phase::Done);
    // What really happened: one refund of everything paid at Stripe (the simulator's own list),
    // and one in the database, with the reason in the agent's words.
    QUrl list = m_app->embeddedApiUrl();
    list.setPath(QStringLiteral("/sim/stripe/v1/refunds"));
    list.setQuery(QStringLiteral("payment_intent=%1&limit=100").arg(intent));
    const QJsonArray atStripe
        = getJson(list, "Bearer sk_test_keyboardtickets").value(QStringLiteral("data")).toArray();
    QCOMPARE(atStripe.size(), 1);
    QCOMPARE(atStripe.at(0).toObject().value(QStringLiteral("amount")).toInteger(),
             paid.toLongLong());
    QCOMPARE(
        scalar(
            QStringLiteral("SELECT count(*) FROM compose_refunds WHERE form_id = '%1'").arg(form)),
        QStringLiteral("1"));
    QCOMPARE(
        scalar(QStringLiteral("SELECT amount FROM compose_refunds WHERE form_id = '%1'").arg(form)),
        paid);
    QCOMPARE(
        scalar(QStringLiteral("SELECT reason FROM compose_refunds WHERE form_id = '%1'").arg(form)),
        QStringLiteral("requested_by_customer"));
    QCOMPARE(
        scalar(QStringLiteral("SELECT note FROM compose_refunds WHERE form_id = '%1'").arg(form)),
        why);
    finish("refund me", keys, ms);
}

void TestKeyboardTickets::sendItAgainToMyOtherAddress()
{
    const QString email = emailOfOnly(QStringLiteral("delivered"),
                                      QStringLiteral("AND EXISTS (SELECT 1 FROM "
                                                     "compose_deliveries d WHERE d.form_id = "
                                                     "f.id)"));
    QVERIFY(!email.isEmpty());
    const QString form = formOf(email);
    const int before
        = scalar(QStringLiteral("SELECT count(*) FROM compose_deliveries WHERE form_id = '%1'")
                     .arg(form))
              .toInt();
    const QString other = QStringLiteral("other.address@example.org");
    const QString mailTo
        = QStringLiteral("SELECT count(*) FROM compose_mailbox WHERE rcpt_to LIKE '%%1%'")
              .arg(other);
    const int mailBefore = scalar(mailTo).toInt();
    QElapsedTimer clock;
    coldStart(clock);
    if (QTest::currentTestFailed())
        return;
    Keys keys;
    keys.type(email);
    QSignalSpy said(m_window->statusBar(), &QStatusBar::messageChanged);
    keys.press(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)); // opens the form, then Redeliver
    ActionDialog *dialog = nullptr;
    QTRY_VERIFY2_WITH_TIMEOUT(
        (dialog = m_window->findChild<ActionDialog *>()) != nullptr && dialog->isVisible(),
        qPrintable(form + QStringLiteral(": ")
                   + (said.isEmpty() ? QString() : said.last().first().toString())),
        10000);
    QCOMPARE(dialog->windowModality(), Qt::WindowModal);
    QTRY_VERIFY(dialog->findChild<QLineEdit *>(QStringLiteral("emailEdit"))->hasFocus());
    keys.enter(other); // the new address and Enter
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : dialog,
                    Qt::Key_Return); // a second Enter while it is on its way: nothing
    QTRY_VERIFY_WITH_TIMEOUT(dialog->phase() == ActionDialog::Phase::Done
                                 || dialog->phase() == ActionDialog::Phase::Failed,
                             20000);
    const qint64 ms = clock.elapsed();
    QCOMPARE(dialog->phase(), ActionDialog::Phase::Done);
    QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM compose_deliveries WHERE form_id = '%1'")
                        .arg(form))
                 .toInt(),
             before + 1);
    QCOMPARE(scalar(QStringLiteral("SELECT email FROM compose_deliveries WHERE form_id = '%1' "
                                   "ORDER BY id DESC LIMIT 1")
                        .arg(form)),
             other);
    // The e-mail itself, as the demo's SMTP sink received it: one, to the new address.
    QTRY_VERIFY_WITH_TIMEOUT(scalar(mailTo).toInt() > mailBefore, 15000);
    qInfo("the e-mail reached the mailbox %lld ms after the cold start", clock.elapsed());
    QVERIFY(!QTest::qWaitFor([&] { return scalar(mailTo).toInt() > mailBefore + 1; }, 1000));
    QCOMPARE(scalar(mailTo).toInt(), mailBefore + 1);
    finish("send it again to my other address", keys, ms);
}

// Money is sacred: Enter with no reason or a stray word refunds nothing, Escape cancels, and the
// redelivery's new address is checked as it is typed.
void TestKeyboardTickets::refundNeedsItsReason()
{
    const QString email = emailOfOnly(QStringLiteral("delivered"),
                                      QStringLiteral("AND f.amount_paid > 0 AND "
                                                     "f.stripe_payment_intent_id IS NOT NULL AND "
                                                     "NOT EXISTS (SELECT 1 FROM compose_refunds r "
                                                     "WHERE r.form_id = f.id)"));
    QVERIFY(!email.isEmpty());
    const QString form = formOf(email);
    const QString attempts
        = QStringLiteral("SELECT count(*) FROM compose_audit WHERE form_id = '%1' AND action = "
                         "'refund'")
              .arg(form);
    QTest::keyClicks(QApplication::focusWidget(), email);
    QTest::keySequence(QApplication::focusWidget(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    ActionDialog *dialog = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT(
        (dialog = m_window->findChild<ActionDialog *>()) != nullptr && dialog->isVisible(), 10000);
    QTRY_VERIFY(dialog->reasonEdit()->hasFocus());
    QTest::keyClick(dialog->reasonEdit(), Qt::Key_Return); // no reason
    QCOMPARE(dialog->phase(), ActionDialog::Phase::Editing);
    QTest::keyClicks(dialog->reasonEdit(), QStringLiteral("ok"));
    QTest::keyClick(dialog->reasonEdit(), Qt::Key_Return); // too short
    QCOMPARE(dialog->phase(), ActionDialog::Phase::Editing);
    QVERIFY(!dialog->confirmButton()->isEnabled());
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("actionProblem"))->isVisible());
    QPointer<ActionDialog> closed(dialog);
    QTest::keyClick(dialog->reasonEdit(), Qt::Key_Escape);
    QTRY_VERIFY(!closed || !closed->isVisible());
    QVERIFY(!QTest::qWaitFor([&] { return scalar(attempts).toInt() > 0; }, 1000));
    QCOMPARE(
        scalar(
            QStringLiteral("SELECT count(*) FROM compose_refunds WHERE form_id = '%1'").arg(form)),
        QStringLiteral("0"));

    QTRY_VERIFY(!closed); // the dialog deletes itself on close

    // Redelivery: a half-typed address says so and Enter sends nothing.
    const QString delivered = emailOfOnly(QStringLiteral("delivered"),
                                          QStringLiteral("AND EXISTS (SELECT 1 FROM "
                                                         "compose_deliveries d WHERE d.form_id = "
                                                         "f.id)"));
    m_window->activateWindow();
    m_window->filterBar()->setSearchText(QString());
    m_window->filterBar()->focusSearch();
    QTRY_VERIFY(m_window->filterBar()->searchEdit()->hasFocus());
    QTest::keyClicks(QApplication::focusWidget(), delivered);
    QTest::keySequence(QApplication::focusWidget(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    ActionDialog *redeliver = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((redeliver = m_window->findChild<ActionDialog *>()) != nullptr
                                 && redeliver->isVisible(),
                             10000);
    QTRY_VERIFY(redeliver->emailEdit()->hasFocus());
    QTest::keyClicks(redeliver->emailEdit(), QStringLiteral("other.address@"));
    QTest::keyClick(redeliver->emailEdit(), Qt::Key_Return);
    QCOMPARE(redeliver->phase(), ActionDialog::Phase::Editing);
    auto *problem = redeliver->findChild<QLabel *>(QStringLiteral("actionProblem"));
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(QStringLiteral("not an e-mail address")),
             qPrintable(problem->text()));
    QTest::keyClick(redeliver->emailEdit(), Qt::Key_Escape);
    QTRY_VERIFY(!redeliver->isVisible());
}

// Several forms with failed variations selected with Shift+Down, Ctrl+Shift+Y pressed twice:
// one retry per form reaches compose-api (its audit trail counts the attempts), not two.
void TestKeyboardTickets::bulkRetryOfTheSelection()
{
    auto *bulk = m_window->findChild<BulkRetry *>();
    QVERIFY(bulk);
    m_window->filterBar()->setAttention(QStringLiteral("failed_generation"));
    QTRY_VERIFY_WITH_TIMEOUT(
        !m_window->listView()->isReloading() && m_window->listModel()->rowCount() >= 2, 10000);
    m_window->filterBar()->focusSearch();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down); // into the list, first row
    FormListView *list = m_window->listView();
    QTRY_VERIFY(list->hasFocus());
    QTest::keyClick(list, Qt::Key_Down, Qt::ShiftModifier);
    const QStringList ids = m_window->listTools()->selectedIds();
    QCOMPARE(ids.size(), 2);
    const QString in = QStringLiteral("('%1')").arg(ids.join(QStringLiteral("','")));
    const QString retries
        = QStringLiteral("SELECT count(*) FROM compose_audit WHERE action = 'retry' AND form_id "
                         "IN %1")
              .arg(in);
    const QString started = retries + QStringLiteral(" AND http_status BETWEEN 200 AND 299");
    const int before = scalar(retries).toInt();
    const int startedBefore = scalar(started).toInt();
    QSignalSpy finished(bulk, &BulkRetry::finished);
    QTest::keySequence(list, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y));
    QTest::keySequence(list, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y)); // again, at once
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).toInt(), 2); // retried
    QCOMPARE(finished.first().at(2).toInt(), 0); // failed
    QCOMPARE(scalar(retries).toInt(), before + 2);
    QCOMPARE(scalar(started).toInt(), startedBefore + 2);
    // The second press started nothing: no second round ever finishes, no third request.
    QVERIFY(!finished.wait(1000));
    QCOMPARE(scalar(retries).toInt(), before + 2);
    QVERIFY(m_window->statusBar()->currentMessage().contains(QStringLiteral("2 started")));
    m_window->filterBar()->setAttention(QString());
}

// Shift+Down selects three rows, Ctrl+Shift+E asks where (the file dialog, typed), and the file
// holds those three forms in the list's order.
void TestKeyboardTickets::exportTheSelectionFromTheKeyboard()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("three.csv"));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
    FormListView *list = m_window->listView();
    QTRY_VERIFY(list->hasFocus());
    QTest::keyClick(list, Qt::Key_Down, Qt::ShiftModifier);
    QTest::keyClick(list, Qt::Key_Down, Qt::ShiftModifier);
    const QStringList ids = m_window->listTools()->selectedIds();
    QCOMPARE(ids.size(), 3);
    QSignalSpy exported(m_window->listTools(), &ListTools::exported);
    // The save dialog runs its own loop: the agent's keys go in from there.
    bool typed = false;
    int ticks = 0;
    QTimer poll;
    poll.setInterval(50);
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
        if (++ticks > 200) { // ten seconds: give up rather than hang in the dialog's loop
            poll.stop();
            if (dialog)
                dialog->reject();
            return;
        }
        if (!dialog || !dialog->isVisible())
            return;
        // Offscreen has no window manager to hand the new window the keyboard.
        if (!QApplication::focusWidget() || QApplication::focusWidget()->window() != dialog) {
            dialog->activateWindow();
            return;
        }
        poll.stop();
        QVERIFY(dialog->windowTitle().contains(QStringLiteral("3")));
        QTest::keySequence(QApplication::focusWidget(), QKeySequence::SelectAll);
        QTest::keyClicks(QApplication::focusWidget(), path);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        typed = true;
    });
    poll.start();
    QTest::keySequence(list, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QVERIFY(typed);
    QVERIFY(exported.count() > 0 || exported.wait(10000));
    QCOMPARE(exported.last().at(0).toString(), path);
    QCOMPARE(exported.last().at(1).toInt(), 3);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(lines.size(), 5); // header, three rows, the last newline
    QVERIFY(lines.at(0).startsWith("id,package,status"));
    for (int i = 0; i < 3; ++i)
        QVERIFY2(lines.at(i + 1).startsWith(QByteArray(ids.at(i).toUtf8() + ',')),
                 lines.at(i + 1).constData());
}

// Ctrl+Shift+N, the note, Ctrl+Enter (twice): stored once through compose-api, audited once,
// shown in the form's History tab as the plain text it is.
void TestKeyboardTickets::noteFromTheKeyboard()
{
    const QString email = emailOfOnly(QStringLiteral("delivered"));
    const QString form = formOf(email);
    QTest::keyClicks(QApplication::focusWidget(), email);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->detailModel()->state() == FormDetailModel::State::Loaded
                                 && m_window->detailModel()->formId() == form,
                             10000);
    auto *notes = m_window->findChild<NotesPanel *>(QStringLiteral("notesPanel"));
    QVERIFY(notes);
    const QString stored
        = QStringLiteral("SELECT count(*) FROM compose_notes WHERE form_id = '%1'").arg(form);
    const QString audited
        = QStringLiteral("SELECT count(*) FROM compose_audit WHERE form_id = '%1' AND action = "
                         "'note'")
              .arg(form);
    const int storedBefore = scalar(stored).toInt();
    const int auditedBefore = scalar(audited).toInt();
    const QString text
        = QStringLiteral("Customer wrote: <b>call me</b> <img src=x onerror=alert(1)> & thanks");
    QTest::keySequence(QApplication::focusWidget(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    QTRY_VERIFY(notes->editor()->hasFocus());
    QVERIFY(m_window->detailView()->tabs()->currentWidget()->isAncestorOf(notes)); // History
    QTest::keyClicks(notes->editor(), text);
    QTest::keySequence(notes->editor(), QKeySequence(Qt::CTRL | Qt::Key_Return));
    QTest::keySequence(notes->editor(), QKeySequence(Qt::CTRL | Qt::Key_Return)); // again
    QTRY_VERIFY_WITH_TIMEOUT(notes->table()->rowCount() == storedBefore + 1, 10000);
    QCOMPARE(notes->table()->item(0, 2)->text(), text); // newest first, the markup as typed
    QCOMPARE(scalar(stored).toInt(), storedBefore + 1);
    QVERIFY(!QTest::qWaitFor([&] { return scalar(stored).toInt() > storedBefore + 1; }, 1000));
    QCOMPARE(scalar(audited).toInt(), auditedBefore + 1);
    QCOMPARE(
        scalar(QStringLiteral("SELECT body FROM compose_notes WHERE form_id = '%1' ORDER BY id "
                              "DESC LIMIT 1")
                   .arg(form)),
        text);
    QVERIFY(notes->editor()->toPlainText().isEmpty());
}

void TestKeyboardTickets::searchHintsAndEmptyList()
{
    auto *hint = m_window->findChild<ListHint *>(QStringLiteral("listHint"));
    QVERIFY(hint);
    // Nothing matches: the list says so.
    m_window->filterBar()->setSearchText(QStringLiteral("no-such-form-zzz"));
    QTRY_VERIFY_WITH_TIMEOUT(
        hint->isVisible() && hint->text().contains(QStringLiteral("No form matches")), 10000);
    QCOMPARE(m_window->listModel()->rowCount(), 0);
    // A search under a status filter that hides its match: "1 form … hidden by the filter".
    const QString email = emailOfOnly(QStringLiteral("delivered"));
    m_window->funnelWidget()->setSelectedRow(0); // Created
    m_window->filterBar()->setSearchText(email);
    QTRY_VERIFY_WITH_TIMEOUT(hint->hiddenCount() == 1, 10000);
    QVERIFY(hint->text().contains(QStringLiteral("hidden by the status, package or date filter")));
    QCOMPARE(m_window->listModel()->rowCount(), 0);
    // The filter cleared: the form is there and the hint is gone.
    m_window->funnelWidget()->setSelectedRow(-1);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->listModel()->rowCount(), 1, 10000);
    QTRY_VERIFY(!hint->isVisible());
    // Down from the search box goes into the list, on its first row.
    m_window->filterBar()->focusSearch();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down);
    QVERIFY(m_window->listView()->hasFocus());
    QTRY_COMPARE(m_window->listView()->selectedFormId(), formOf(email));
}

void TestKeyboardTickets::searchBySlugAndOrder()
{
    const QString slugForm = scalar(QStringLiteral(
        "SELECT form_id FROM music_generations WHERE share_slug_v1 IS NOT NULL ORDER BY id "
        "LIMIT 1"));
    const QString slug = scalar(
        QStringLiteral("SELECT share_slug_v1 FROM music_generations WHERE form_id = '%1' AND "
                       "share_slug_v1 IS NOT NULL LIMIT 1")
            .arg(slugForm));
    QVERIFY(!slug.isEmpty());
    // A pasted share link finds its form.
    QTest::keyClicks(QApplication::focusWidget(),
                     QStringLiteral("https://songs.example.com/s/") + slug);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailModel()->formId(), slugForm, 10000);

    const QString orderForm = scalar(
        QStringLiteral("SELECT form_id FROM orders WHERE form_id IS NOT NULL ORDER BY id LIMIT 1"));
    const QString order = scalar(
        QStringLiteral("SELECT id FROM orders WHERE form_id = '%1' LIMIT 1").arg(orderForm));
    QVERIFY(!order.isEmpty());
    m_window->filterBar()->focusSearch();
    QTest::keyClicks(QApplication::focusWidget(), order);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailModel()->formId(), orderForm, 10000);
}

void TestKeyboardTickets::palette()
{
    QAction *refresh = m_window->findChild<QAction *>(QStringLiteral("refreshAction"));
    QVERIFY(refresh);
    QSignalSpy refreshed(refresh, &QAction::triggered);
    QTest::keySequence(QApplication::focusWidget(), QKeySequence(Qt::CTRL | Qt::Key_K));
    CommandPalette *palette = m_window->keyboard()->palette();
    QVERIFY(palette);
    QTRY_VERIFY(palette->input()->hasFocus());
    QTest::keyClicks(palette->input(), QStringLiteral("rfrsh")); // fuzzy: letters in order
    QVERIFY(palette->results()->currentItem());
    QVERIFY2(palette->results()->currentItem()->text().contains(QStringLiteral("Refresh")),
             qPrintable(palette->results()->currentItem()->text()));
    QTest::keyClick(palette->input(), Qt::Key_Return);
    QCOMPARE(refreshed.count(), 1);
    QTRY_VERIFY(!m_window->keyboard()->palette());
    // The window takes the keyboard back (offscreen has no window manager to hand it over).
    m_window->activateWindow();
    QTRY_VERIFY(QApplication::focusWidget() != nullptr);

    // A form by its recipient, from the loaded list.
    const FormSummary s = m_window->listModel()->summaryAt(3);
    QTest::keySequence(QApplication::focusWidget(), QKeySequence(Qt::CTRL | Qt::Key_K));
    palette = m_window->keyboard()->palette();
    QVERIFY(palette);
    QTest::keyClicks(palette->input(), s.id);
    QVERIFY(palette->results()->currentItem()->text().contains(s.id));
    QTest::keyClick(palette->input(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailModel()->formId(), s.id, 10000);

    QCOMPARE(CommandPalette::fuzzyScore(QStringLiteral("xyz"), QStringLiteral("Refresh")), -1);
    QVERIFY(CommandPalette::fuzzyScore(QStringLiteral("ref"), QStringLiteral("Refresh"))
            > CommandPalette::fuzzyScore(QStringLiteral("rfh"), QStringLiteral("Refresh")));
}

void TestKeyboardTickets::customerView()
{
    // A customer with several forms, written in another case on one of them.
    const QString email = scalar(QStringLiteral(
        "SELECT lower(u.email) FROM \"user\" u JOIN compose_forms f ON f.user_id = u.id GROUP BY "
        "lower(u.email) HAVING count(*) >= 2 ORDER BY count(*) DESC, lower(u.email) LIMIT 1"));
    QVERIFY2(!email.isEmpty(), "no account with two forms in the demo");
    const int forms
        = scalar(QStringLiteral("SELECT count(*) FROM compose_forms f WHERE lower(f.guest_email) "
                                "= '%1' OR f.user_id IN (SELECT id FROM \"user\" WHERE "
                                "lower(email) = '%1')")
                     .arg(email))
              .toInt();
    const qint64 paid
        = scalar(QStringLiteral("SELECT COALESCE(SUM(amount_paid), 0) FROM compose_forms f WHERE "
                                "lower(f.guest_email) = '%1' OR f.user_id IN (SELECT id FROM "
                                "\"user\" WHERE lower(email) = '%1')")
                     .arg(email))
              .toLongLong();
    QTest::keyClicks(QApplication::focusWidget(), email);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->detailModel()->state() == FormDetailModel::State::Loaded
                                 && !m_window->actionTarget().isEmpty(),
                             10000);
    QTest::keySequence(QApplication::focusWidget(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    CustomerView *view = m_window->keyboard()->customerView();
    QVERIFY(view);
    QTRY_VERIFY_WITH_TIMEOUT(view->isLoaded(), 10000);
    QCOMPARE(view->table()->rowCount(), forms);
    QVERIFY2(view->summary()->text().contains(Money {paid}.display()),
             qPrintable(view->summary()->text()));
    // Enter on another form opens it in the window.
    const QString other = view->table()->item(view->table()->currentRow() == 0 ? 1 : 0, 0)->text();
    view->table()->selectRow(view->table()->currentRow() == 0 ? 1 : 0);
    QTest::keyClick(view->table(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailModel()->formId(), other, 10000);
}

void TestKeyboardTickets::copy()
{
    const QString email = emailOfOnly(QStringLiteral("delivered"));
    const QString form = formOf(email);
    QTest::keyClicks(QApplication::focusWidget(), email);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->actionTarget(), form, 10000);
    FormListView *list = m_window->listView();
    QVERIFY(list->hasFocus());
    // Ctrl+C on a cell: the cell under the cursor (Right moves it to the next column).
    const QModelIndex emailCell
        = list->model()->index(list->currentIndex().row(), FormListModel::EmailColumn);
    list->setCurrentIndex(emailCell);
    QApplication::clipboard()->clear();
    QTest::keySequence(list, QKeySequence::Copy);
    QTRY_COMPARE(QApplication::clipboard()->text(), emailCell.data().toString());
    // The form's id from anywhere in the window, once its detail is loaded (the action is
    // disabled until then; a slow build, ASan, loads after the list has its target).
    auto *copyId = m_window->findChild<QAction *>(QStringLiteral("copyIdAction"));
    QVERIFY(copyId);
    QTRY_VERIFY_WITH_TIMEOUT(copyId->isEnabled(), test::scaledMs(5000));
    QTest::keySequence(list, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    QTRY_COMPARE(QApplication::clipboard()->text(), form);
    // Its share link, from its deliveries.
    const QString link = scalar(QStringLiteral("SELECT share_url FROM compose_deliveries WHERE "
                                               "form_id = '%1' ORDER BY id DESC LIMIT 1")
                                    .arg(form));
    if (!link.isEmpty()) {
        QTest::keySequence(list, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::clipboard()->text(), link, 10000);
    }
    // Ctrl+C in a table of the detail copies that table's cell, not the list's.
    QTableView *variations = m_window->detailView()->variationsView();
    if (variations->model()->rowCount() > 0) {
        const QModelIndex cell = variations->model()->index(0, VariationTableModel::TaskColumn);
        variations->setCurrentIndex(cell);
        variations->setFocus();
        QTest::keySequence(variations, QKeySequence::Copy);
        QTRY_COMPARE(QApplication::clipboard()->text(), cell.data().toString());
    }
}

void TestKeyboardTickets::savedViewRoundTrip()
{
    ListTools *tools = m_window->listTools();
    FilterBar *f = m_window->filterBar();
    f->setRange(FilterBar::Last30Days);
    f->setPackage(QStringLiteral("holiday-hamper"));
    m_window->funnelWidget()->setSelectedRow(3);
    f->setSearchText(QStringLiteral("example"));
    m_window->listView()->horizontalHeader()->setSortIndicator(FormListModel::CreatedColumn,
                                                               Qt::AscendingOrder);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->listView()->isReloading(), 10000);
    const FormListQuery saved = m_window->listModel()->query();
    tools->saveView(QStringLiteral("Hampers, 30 days"));
    QVERIFY(ListTools::viewNames().contains(QStringLiteral("Hampers, 30 days")));

    f->setRange(FilterBar::AllTime);
    f->setPackage(QString());
    m_window->funnelWidget()->setSelectedRow(-1);
    f->setSearchText(QString());
    m_window->listView()->horizontalHeader()->setSortIndicator(FormListModel::UpdatedColumn,
                                                               Qt::DescendingOrder);
    QVERIFY(tools->openView(QStringLiteral("Hampers, 30 days")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->listView()->isReloading(), 10000);
    const FormListQuery back = m_window->listModel()->query();
    QCOMPARE(back.search, saved.search);
    QCOMPARE(back.package, saved.package);
    QCOMPARE(back.statusKey, saved.statusKey);
    QCOMPARE(back.from, saved.from);
    QCOMPARE(back.sort.key, ListSort::Created);
    QCOMPARE(back.sort.order, Qt::AscendingOrder);
    QCOMPARE(f->range(), FilterBar::Last30Days);
    QVERIFY(!tools->openView(QStringLiteral("no such view")));
}

void TestKeyboardTickets::tabLeavesTables()
{
    FormListView *list = m_window->listView();
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Down); // into the list, first row
    QTRY_VERIFY(list->hasFocus());
    QTRY_VERIFY(!list->selectedFormId().isEmpty());
    const QString selected = list->selectedFormId();
    // The detail's tabs take the focus only once the form is on screen.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->detailModel()->state() == FormDetailModel::State::Loaded,
                             10000);
    // Shift+Tab leaves the list for the search box and does not switch forms.
    QTest::keyClick(list, Qt::Key_Backtab, Qt::ShiftModifier);
    QVERIFY(m_window->filterBar()->searchEdit()->hasFocus());
    QCOMPARE(list->selectedFormId(), selected);
    // Tab: search → list → the detail's tabs.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QVERIFY(list->hasFocus());
    QTest::keyClick(list, Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), m_window->detailView()->tabs()->tabBar());
    QCOMPARE(list->selectedFormId(), selected);
}

// Every Alt+letter of the window (menus, labels' buddies, buttons, tabs) has exactly one target.
void TestKeyboardTickets::altKeysHaveOneTarget()
{
    QHash<QChar, QStringList> targets;
    auto note = [&targets](const QString &text, const QString &what) {
        const qsizetype at = text.indexOf(QLatin1Char('&'));
        if (at >= 0 && at + 1 < text.size() && text.at(at + 1) != QLatin1Char('&'))
            targets[text.at(at + 1).toLower()] << what + QLatin1Char(' ') + text;
    };
    for (QAction *a : m_window->menuBar()->actions())
        note(a->text(), QStringLiteral("menu"));
    // Only the window's own widgets: a dialog's letters are that dialog's.
    for (QLabel *l : m_window->findChildren<QLabel *>()) {
        if (l->buddy() && l->window() == m_window)
            note(l->text(), QStringLiteral("label"));
    }
    for (QAbstractButton *b : m_window->findChildren<QAbstractButton *>()) {
        if (b->window() == m_window)
            note(b->text(), QStringLiteral("button"));
    }
    for (QTabWidget *t : m_window->findChildren<QTabWidget *>()) {
        for (int i = 0; i < t->count(); ++i)
            note(t->tabText(i), QStringLiteral("tab"));
    }
    QVERIFY(targets.contains(QLatin1Char('f'))); // File
    for (auto it = targets.cbegin(); it != targets.cend(); ++it)
        QVERIFY2(
            it.value().size() == 1,
            qPrintable(
                QStringLiteral("Alt+%1: %2").arg(it.key(), it.value().join(QStringLiteral(", ")))));
}

void TestKeyboardTickets::stripeLinks()
{
    using namespace StripeLinks;
    QCOMPARE(modeForKey(QStringLiteral("sk_live_abc")), Mode::Live);
    QCOMPARE(modeForKey(QStringLiteral("rk_live_abc")), Mode::Live);
    QCOMPARE(modeForKey(QStringLiteral("sk_test_abc")), Mode::Test);
    QCOMPARE(modeForKey(QString()), Mode::Test);
    const QUrl live = dashboardUrl(QStringLiteral("pi_3Abc"), Mode::Live);
    QCOMPARE(live.toString(), QStringLiteral("https://dashboard.stripe.com/payments/pi_3Abc"));
    QCOMPARE(dashboardUrl(QStringLiteral("pi_3Abc"), Mode::Test).toString(),
             QStringLiteral("https://dashboard.stripe.com/test/payments/pi_3Abc"));
    const QUrl session = dashboardUrl(QStringLiteral("cs_test_a1"), Mode::Test);
    QCOMPARE(session.path(), QStringLiteral("/test/search"));
    QVERIFY(session.query().contains(QStringLiteral("cs_test_a1")));
    // Nothing but an id reaches the URL.
    QVERIFY(!dashboardUrl(QStringLiteral("pi_x/../../v1/keys"), Mode::Test).isValid());
    QVERIFY(!dashboardUrl(QStringLiteral("ch_123"), Mode::Test).isValid());
    QVERIFY(!dashboardUrl(QString(), Mode::Live).isValid());
}

void TestKeyboardTickets::exportListAndSelection()
{
    ListTools *tools = m_window->listTools();
    QTemporaryDir dir;
    FormListView *list = m_window->listView();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->listModel()->rowCount() > 3, 10000);
    // Two rows selected: exactly those, in the list's order, under the --export columns.
    list->selectionModel()->select(m_window->listModel()->index(1, 0),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    list->selectionModel()->select(m_window->listModel()->index(3, 0),
                                   QItemSelectionModel::Select | QItemSelectionModel::Rows);
    const QStringList ids = tools->selectedIds();
    QCOMPARE(ids.size(), 2);
    QSignalSpy done(tools, &ListTools::exported);
    const QString selection = dir.filePath(QStringLiteral("selection.csv"));
    tools->exportTo(selection);
    QVERIFY(done.wait(10000));
    QCOMPARE(done.last().at(1).toInt(), 2);
    QFile f(selection);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(lines.size(), 4); // header, two rows, the last newline
    QVERIFY(lines.at(0).startsWith("id,package,status"));
    QVERIFY(lines.at(1).startsWith(QByteArray(ids.at(0).toUtf8() + ',')));
    QVERIFY(lines.at(2).startsWith(QByteArray(ids.at(1).toUtf8() + ',')));
    // One row selected: the whole list, as many rows as the database has.
    list->selectionModel()->select(m_window->listModel()->index(0, 0),
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const QString all = dir.filePath(QStringLiteral("all.csv"));
    tools->exportTo(all);
    QVERIFY(done.wait(20000));
    QCOMPARE(done.last().at(1).toInt(),
             scalar(QStringLiteral("SELECT count(*) FROM compose_forms")).toInt());
}

void TestKeyboardTickets::deepLinkHandOff()
{
    QCOMPARE(DeepLink::formId(QStringLiteral("compose-desk://form/form_123-a")),
             QStringLiteral("form_123-a"));
    QString why;
    QVERIFY(DeepLink::formId(QStringLiteral("compose-desk://form/a%27%3B--"), &why).isEmpty());
    QVERIFY(!why.isEmpty());
    QVERIFY(DeepLink::formId(QStringLiteral("compose-desk://user/x")).isEmpty());
    QVERIFY(DeepLink::formId(QStringLiteral("https://form/x")).isEmpty());

    // Two instances on one (test-only) socket: the second hands its link to the first.
    QTemporaryDir dir;
    const QString name = dir.filePath(QStringLiteral("desk.sock"));
    SingleInstance first(name);
    QVERIFY(!first.sendToRunning(QStringLiteral("nobody listens"), 300));
    QVERIFY(first.listen());
    SingleInstance second(name);
    QVERIFY(!second.listen()); // one running instance per user
    QSignalSpy received(&first, &SingleInstance::messageReceived);
    const QString form = m_window->listModel()->summaryAt(1).id;
    const QString link = DeepLink::linkFor(form);
    // The second launch blocks while it hands over (it exits right after), so it runs on a
    // thread of its own here, as it would in a process of its own; the first answers on its loop.
    std::atomic<bool> delivered {false};
    std::unique_ptr<QThread> launch(QThread::create([&] {
        SingleInstance sender(name);
        delivered = sender.sendToRunning(link, 5000);
    }));
    launch->start();
    QTRY_VERIFY_WITH_TIMEOUT(launch->isFinished(), 10000);
    QVERIFY(delivered); // the running window said it took the link
    QCOMPARE(received.count(), 1);
    QCOMPARE(received.first().first().toString(), link);
    m_app->openForm(received.first().first().toString());
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailModel()->formId(), form, 10000);
}

int main(int argc, char *argv[])
{
    QTemporaryDir home;
    if (!home.isValid())
        return 2;
    compose::test::isolateUser(home.path());
    qputenv("XDG_RUNTIME_DIR", home.path().toUtf8());
    CommandLine::setApplicationInfo();
    QApplication app(argc, argv);
    TestKeyboardTickets test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keyboardtickets.moc"
