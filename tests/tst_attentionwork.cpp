// Working a "Needs attention" queue in the main window, offscreen, against a real compose-api
// (simulators, deliveries held for staff) on real PostgreSQL: the queue's count, a click that
// filters the list to it, Next that opens a form with its one action offered, the action done
// through the API, and then the count and the list following without a reload.
#include "actionbar.h"
#include "actiondialog.h"
#include "apiclient.h"
#include "apiharness.h"
#include "attentionmodel.h"
#include "attentionpanel.h"
#include "attentionpresenter.h"
#include "dataservice.h"
#include "filterbar.h"
#include "formdetailmodel.h"
#include "formlistmodel.h"
#include "formlistview.h"
#include "keyhelp.h"
#include "mainwindow.h"
#include "staffactions.h"
#include "staffactionspresenter.h"

#include <QApplication>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace compose;
using namespace compose::test;

namespace {
constexpr int LoadTimeout = 15000;
}

class tst_AttentionWork : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void keysAreListed();
    void workAQueue();
    void previewExpiringOffersDeliveryWhenPaid();

private:
    bool paidForm(const QString &id);
    QStringList listedIds() const;

    QTemporaryDir m_settingsDir;
    std::unique_ptr<ApiHarness> m_h;
    ApiClient m_client;
    std::unique_ptr<StaffActions> m_actions;
    std::unique_ptr<DataService> m_data;
    std::unique_ptr<MainWindow> m_w;
    StaffActionsPresenter *m_staff = nullptr; // children of m_w
    AttentionPresenter *m_work = nullptr;
};

bool tst_AttentionWork::paidForm(const QString &id)
{
    m_h->createForm(id, QStringLiteral("solo-serenade"), id + QStringLiteral("@example.com"));
    m_h->generateAll(id, 1);
    return m_h->waitStatus(id, QStringLiteral("variations_ready"), 10000)
        && m_h->checkoutAndPay(id, {{QStringLiteral("0"), 2}});
}

QStringList tst_AttentionWork::listedIds() const
{
    QStringList ids;
    for (int row = 0; row < m_w->listModel()->rowCount(); ++row)
        ids << m_w->listModel()->summaryAt(row).id;
    ids.sort();
    return ids;
}

void tst_AttentionWork::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("compose-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_attentionwork"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());

    m_h = std::make_unique<ApiHarness>(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(*m_h);
    ServerConfig config = ApiHarness::simulatedConfig(50);
    config.holdDeliveries = true; // paid forms wait for staff: the queue this test works
    QString error;
    QVERIFY2(m_h->start(config, &error), qPrintable(error));
    for (const char *id : {"form_att_a", "form_att_b", "form_att_recent"})
        QVERIFY2(paidForm(QLatin1String(id)), id);
    // Two were paid three hours ago (the queue's threshold is one hour); one just now.
    m_h->database().exec(QStringLiteral(
        "UPDATE compose_forms SET paid_at = paid_at - INTERVAL '3 hours', updated_at = "
        "updated_at - INTERVAL '3 hours' WHERE id IN ('form_att_a', 'form_att_b')"));

    m_actions = std::make_unique<StaffActions>(&m_client);
    m_data = std::make_unique<DataService>();
    m_data->setPollInterval(250);
    m_w = std::make_unique<MainWindow>(m_data.get());
    m_staff = new StaffActionsPresenter(m_w.get(), m_actions.get());
    m_work = new AttentionPresenter(m_w.get(), m_staff->actionBar());
    m_w->resize(1366, 768);
    m_w->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_w.get()));
    QApplication::setActiveWindow(m_w.get());
    m_actions->connectToApi(m_h->baseUrl(), m_h->adminToken());
    QTRY_COMPARE(m_actions->apiState(), StaffActions::ApiState::Ready);
    QSignalSpy opened(m_data.get(), &DataService::opened);
    m_data->open(m_h->database().settings());
    QVERIFY(opened.wait(LoadTimeout));
    QTRY_VERIFY_WITH_TIMEOUT(!m_w->listModel()->isLoading() && m_w->listModel()->rowCount() == 3,
                             LoadTimeout);
}

void tst_AttentionWork::cleanupTestCase()
{
    m_w.reset();
    m_data.reset();
    m_actions.reset();
    m_h.reset();
}

void tst_AttentionWork::keysAreListed()
{
    // The Help dialog's text, read from the real actions.
    const QString help = KeyHelp::text(m_w.get());
    const QString next = QKeySequence(Qt::CTRL | Qt::Key_J).toString(QKeySequence::NativeText);
    const QString first
        = QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_1).toString(QKeySequence::NativeText);
    QVERIFY2(help.contains(next) && help.contains(first)
                 && help.contains(Attention::label(Queue::PaidNotDelivered)),
             qPrintable(help));
    // No key is taken twice.
    QHash<QString, QString> seen;
    for (QAction *a : m_w->findChildren<QAction *>()) {
        if (a->shortcut().isEmpty())
            continue;
        const QString key = a->shortcut().toString();
        QVERIFY2(!seen.contains(key) || seen.value(key) == a->objectName(),
                 qPrintable(key + QLatin1Char(' ') + a->objectName() + QLatin1Char(' ')
                            + seen.value(key)));
        seen.insert(key, a->objectName());
    }
}

void tst_AttentionWork::workAQueue()
{
    AttentionModel *counts = m_w->attentionModel();
    AttentionPanel *panel = m_w->attentionPanel();
    QTRY_COMPARE_WITH_TIMEOUT(counts->count(Queue::PaidNotDelivered), 2, LoadTimeout);
    QToolButton *queue = panel->button(Queue::PaidNotDelivered);
    QTRY_VERIFY(queue->text().endsWith(QLatin1String(": 2")));

    // A click shows the list filtered to the queue.
    QTest::mouseClick(queue, Qt::LeftButton);
    QCOMPARE(m_w->filterBar()->attention(), Attention::key(Queue::PaidNotDelivered));
    QVERIFY(queue->isChecked());
    QTRY_VERIFY_WITH_TIMEOUT(!m_w->listModel()->isLoading() && m_w->listModel()->rowCount() == 2,
                             LoadTimeout);
    QCOMPARE(listedIds(),
             (QStringList {QStringLiteral("form_att_a"), QStringLiteral("form_att_b")}));
    const QModelIndex flags = m_w->listModel()->index(0, FormListModel::FlagsColumn);
    QVERIFY2(flags.data().toString().contains(QLatin1String("stuck")),
             qPrintable(flags.data().toString()));

    // From here on nothing may reload the list: what changes, changes in place.
    QSignalSpy resets(m_w->listModel(), &QAbstractItemModel::modelReset);
    QPushButton *deliver = m_staff->actionBar()->button(StaffAction::MarkDelivered);
    panel->nextAction()->trigger();
    const QString first = m_w->listModel()->summaryAt(0).id;
    QTRY_COMPARE_WITH_TIMEOUT(m_w->actionTarget(), first, LoadTimeout);
    QTRY_COMPARE(m_work->offered(), static_cast<QWidget *>(deliver));
    QVERIFY(deliver->isEnabled());
    QTRY_VERIFY(deliver->hasFocus());

    // The offered action, through the real API.
    QTest::keyClick(deliver, Qt::Key_Space);
    ActionDialog *d = nullptr;
    QVERIFY(QTest::qWaitFor(
        [&] {
            for (ActionDialog *c : m_w->findChildren<ActionDialog *>()) {
                if (c->isVisible())
                    d = c;
            }
            return d != nullptr;
        },
        5000));
    QTest::mouseClick(d->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(d->phase() == ActionDialog::Phase::Done, LoadTimeout);
    d->close();
    // Offscreen, nothing gives the window its activation back when the dialog closes.
    QApplication::setActiveWindow(m_w.get());
    QCOMPARE(m_h->database().text(
                 QStringLiteral("SELECT status FROM compose_forms WHERE id = '%1'").arg(first)),
             QStringLiteral("delivered"));

    // The count drops and the form leaves the list, live.
    QTRY_COMPARE_WITH_TIMEOUT(counts->count(Queue::PaidNotDelivered), 1, LoadTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(m_w->listModel()->rowCount(), 1, LoadTimeout);
    QVERIFY(m_w->listModel()->rowOf(first) < 0);
    QTRY_VERIFY(queue->text().endsWith(QLatin1String(": 1")));
    QCOMPARE(resets.count(), 0);

    // Next goes on with the other form of the queue.
    const QString second = m_w->listModel()->summaryAt(0).id;
    QVERIFY(second != first);
    QSignalSpy offered(m_work, &AttentionPresenter::offeredChanged);
    panel->nextAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_w->actionTarget(), second, LoadTimeout);
    QTRY_COMPARE(offered.count(), 1);
    QCOMPARE(offered.first().at(0).toString(), second);
    QCOMPARE(offered.first().at(1).value<QWidget *>(), static_cast<QWidget *>(deliver));
    QTRY_VERIFY(deliver->hasFocus());
    QCOMPARE(resets.count(), 0);

    // The active queue again: every form.
    QTest::mouseClick(queue, Qt::LeftButton);
    QCOMPARE(m_w->filterBar()->attention(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(!m_w->listModel()->isLoading() && m_w->listModel()->rowCount() == 3,
                             LoadTimeout);
}

void tst_AttentionWork::previewExpiringOffersDeliveryWhenPaid()
{
    // form_att_recent is paid and waits for staff; its previews made 100 days ago are past
    // MusicGPT's 90 days for MP3. A new preview (a retry) is not allowed after payment; what
    // saves the customer's song is delivering it now.
    const QString id = QStringLiteral("form_att_recent");
    m_h->database().exec(QStringLiteral("UPDATE music_generations SET created_at = created_at - "
                                        "INTERVAL '100 days', completed_at = completed_at - "
                                        "INTERVAL '100 days' WHERE form_id = '%1'")
                             .arg(id));
    AttentionModel *counts = m_w->attentionModel();
    counts->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(counts->count(Queue::PreviewExpiring), 1, LoadTimeout);
    QToolButton *queue = m_w->attentionPanel()->button(Queue::PreviewExpiring);
    QTest::mouseClick(queue, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_w->listModel()->isLoading() && m_w->listModel()->rowCount() == 1,
                             LoadTimeout);
    QCOMPARE(listedIds(), QStringList {id});

    QPushButton *deliver = m_staff->actionBar()->button(StaffAction::MarkDelivered);
    QPushButton *retry = m_staff->actionBar()->button(StaffAction::RetryGeneration);
    QSignalSpy offered(m_work, &AttentionPresenter::offeredChanged);
    m_w->attentionPanel()->nextAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_w->actionTarget(), id, LoadTimeout);
    QTRY_COMPARE(offered.count(), 1);
    QCOMPARE(offered.first().at(0).toString(), id);
    QCOMPARE(offered.first().at(1).value<QWidget *>(), static_cast<QWidget *>(deliver));
    QVERIFY(deliver->isEnabled());
    QVERIFY(!retry->isEnabled());
    QTRY_VERIFY(deliver->hasFocus());
    QTest::mouseClick(queue, Qt::LeftButton); // leave the queue as the test found it
}

QTEST_MAIN(tst_AttentionWork)
#include "tst_attentionwork.moc"
