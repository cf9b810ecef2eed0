// The main window with staff actions, offscreen, against a real compose-api (simulators) on
// real PostgreSQL: the detail pane follows the list (search, funnel click, no result) and its
// actions never act on a form that is not selected; refunds show in the header, the Payment tab
// and the audit trail; Redeliver only after a delivery; the token messages name the real button.
#include "actionbar.h"
#include "actiondialog.h"
#include "apiclient.h"
#include "apiharness.h"
#include "audittrailmodel.h"
#include "banner.h"
#include "dataservice.h"
#include "filterbar.h"
#include "formdetailmodel.h"
#include "formdetailview.h"
#include "formlistmodel.h"
#include "formrepository.h"
#include "funnelmodel.h"
#include "funnelwidget.h"
#include "guitestdata.h"
#include "mainwindow.h"
#include "staffactions.h"
#include "staffactionspresenter.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace compose;
using namespace compose::test;

// A failed QVERIFY in a helper returns only from the helper: stop the test there too.
#define CHECKED(call)                                                                              \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

namespace {
constexpr int LoadTimeout = 15000;
constexpr StaffAction kAll[] = {StaffAction::RetryGeneration, StaffAction::MarkDelivered,
                                StaffAction::Redeliver, StaffAction::Refund};
} // namespace

class tst_MainWindowStaff : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void detailFollowsTheList();
    void redeliverOnlyAfterDelivery();
    void refundsAreVisible();
    void seedOnlyRefundedForm();
    void refundsReadOnSqlite();
    void tokenMessagesNameTheButton();

private:
    QString paidForm(const QString &id, const QString &email);
    void selectForm(const QString &id);
    void waitList(int rows);
    QLabel *label(const char *name) const;
    ActionDialog *openDialog(StaffAction action);
    QString scalar(const QString &sql);
    // Every action button disabled, and none says it is available.
    void verifyNoAction(const char *where);

    QTemporaryDir m_settingsDir;
    std::unique_ptr<ApiHarness> m_h;
    ApiClient m_client;
    std::unique_ptr<StaffActions> m_actions;
    std::unique_ptr<DataService> m_data;
    std::unique_ptr<MainWindow> m_w;
    StaffActionsPresenter *m_staff = nullptr; // a child of m_w
};

void tst_MainWindowStaff::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("compose-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindowstaff"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());

    m_h = std::make_unique<ApiHarness>(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(*m_h);
    QString error;
    QVERIFY2(m_h->start(ApiHarness::simulatedConfig(50), &error), qPrintable(error));
    QVERIFY(!paidForm(QStringLiteral("form_view_a"), QStringLiteral("ann@example.com")).isEmpty());
    QVERIFY(!paidForm(QStringLiteral("form_view_b"), QStringLiteral("bob@example.com")).isEmpty());

    m_actions = std::make_unique<StaffActions>(&m_client);
    m_data = std::make_unique<DataService>();
    m_data->setPollInterval(250);
    m_w = std::make_unique<MainWindow>(m_data.get());
    m_staff = new StaffActionsPresenter(m_w.get(), m_actions.get());
    m_w->resize(1366, 768);
    m_w->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_w.get()));
    m_actions->connectToApi(m_h->baseUrl(), m_h->adminToken());
    QTRY_COMPARE(m_actions->apiState(), StaffActions::ApiState::Ready);
    QSignalSpy opened(m_data.get(), &DataService::opened);
    m_data->open(m_h->database().settings());
    QVERIFY(opened.wait(LoadTimeout));
    waitList(2);
}

void tst_MainWindowStaff::cleanupTestCase()
{
    m_w.reset();
    m_data.reset();
    m_actions.reset();
    m_h.reset();
}

QString tst_MainWindowStaff::paidForm(const QString &id, const QString &email)
{
    m_h->createForm(id, QStringLiteral("solo-serenade"), email);
    m_h->generateAll(id, 1);
    if (!m_h->waitStatus(id, QStringLiteral("variations_ready"), 10000))
        return {};
    if (!m_h->checkoutAndPay(id, {{QStringLiteral("0"), 2}}))
        return {};
    return id;
}

void tst_MainWindowStaff::waitList(int rows)
{
    QTRY_VERIFY_WITH_TIMEOUT(!m_w->listModel()->isLoading() && m_w->listModel()->rowCount() == rows,
                             LoadTimeout);
}

void tst_MainWindowStaff::selectForm(const QString &id)
{
    const int row = m_w->listModel()->rowOf(id);
    QVERIFY2(row >= 0, qPrintable(id));
    FormListView *list = m_w->listView();
    const QModelIndex idx = m_w->listModel()->index(row, FormListModel::IdColumn);
    list->scrollTo(idx);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(idx).center());
    QTRY_VERIFY_WITH_TIMEOUT(m_w->detailModel()->formId() == id
                                 && m_w->detailModel()->state() == FormDetailModel::State::Loaded,
                             LoadTimeout);
}

QLabel *tst_MainWindowStaff::label(const char *name) const
{
    return m_w->detailView()->findChild<QLabel *>(QLatin1String(name));
}

QString tst_MainWindowStaff::scalar(const QString &sql)
{
    QSqlQuery q(m_h->database().connection());
    if (!q.exec(sql) || !q.next())
        return QStringLiteral("<error>");
    return q.value(0).toString();
}

ActionDialog *tst_MainWindowStaff::openDialog(StaffAction action)
{
    QPushButton *b = m_staff->actionBar()->button(action);
    if (!b->isEnabled())
        return nullptr;
    QTest::mouseClick(b, Qt::LeftButton);
    // A closed dialog may linger until its deferred delete: take the one that is showing.
    ActionDialog *d = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            for (ActionDialog *c : m_w->findChildren<ActionDialog *>()) {
                if (c->isVisible())
                    d = c;
            }
            return d != nullptr;
        },
        5000);
    return shown ? d : nullptr;
}

void tst_MainWindowStaff::verifyNoAction(const char *where)
{
    for (StaffAction a : kAll) {
        QPushButton *b = m_staff->actionBar()->button(a);
        QVERIFY2(
            !b->isEnabled(),
            qPrintable(QStringLiteral("%1: %2 is enabled").arg(QLatin1String(where), b->text())));
        QVERIFY2(!m_staff->actionBar()->blockedReason(a).isEmpty(), where);
    }
}

void tst_MainWindowStaff::detailFollowsTheList()
{
    const QString a = QStringLiteral("form_view_a"), b = QStringLiteral("form_view_b");
    QTRY_VERIFY(m_w->listModel()->rowOf(a) >= 0 && m_w->listModel()->rowOf(b) >= 0);
    CHECKED(selectForm(a));
    QPushButton *refund = m_staff->actionBar()->button(StaffAction::Refund);
    QTRY_VERIFY(refund->isEnabled()); // an admin, a paid form: the baseline the rest compares to

    // A search that finds only B: A leaves the list, so it leaves the detail too. From the moment
    // the search is made (list still loading) nothing may be done to A.
    m_w->filterBar()->setSearchText(b);
    CHECKED(verifyNoAction("search in flight"));
    CHECKED(waitList(1));
    QCOMPARE(m_w->listModel()->summaryAt(0).id, b);
    QTRY_COMPARE(m_w->detailModel()->state(), FormDetailModel::State::Empty);
    QVERIFY(m_w->detailModel()->formId().isEmpty());
    QVERIFY(label("detailMessage")->isVisible());
    QVERIFY(!label("formIdLabel")->isVisible());
    CHECKED(verifyNoAction("after a search without A"));

    // Selecting B again gives actions on B, and only B.
    CHECKED(selectForm(b));
    QTRY_VERIFY(refund->isEnabled());
    QCOMPARE(m_w->detailModel()->detail().summary.id, b);

    // A search with no result: nothing selected, nothing shown, nothing to act on.
    m_w->filterBar()->setSearchText(QStringLiteral("no-such-form-anywhere"));
    CHECKED(waitList(0));
    QTRY_COMPARE(m_w->detailModel()->state(), FormDetailModel::State::Empty);
    CHECKED(verifyNoAction("after a search with no result"));

    // Back to everything; the selection is gone, so is the detail.
    m_w->filterBar()->setSearchText(QString());
    CHECKED(waitList(2));
    QCOMPARE(m_w->detailModel()->state(), FormDetailModel::State::Empty);

    // A funnel click on a stage that still holds the selected form keeps it (and its actions).
    CHECKED(selectForm(b));
    QTRY_VERIFY(refund->isEnabled());
    auto *funnel = m_w->funnelWidget();
    QTRY_VERIFY(!m_w->funnelModel()->isLoading());
    const int paidRow = int(FormStatus::PaymentCompleted);
    QTest::mouseClick(funnel, Qt::LeftButton, {}, funnel->barRect(paidRow).center());
    QTRY_VERIFY_WITH_TIMEOUT(!m_w->listModel()->isLoading()
                                 && m_w->listModel()->query().statusKey
                                     == QLatin1String("payment_completed"),
                             LoadTimeout);
    QTRY_COMPARE(m_w->detailModel()->formId(), b);
    QCOMPARE(m_w->listView()->currentIndex().data(FormListModel::FormIdRole).toString(), b);
    QTRY_VERIFY(refund->isEnabled());

    // A funnel click on a stage without it clears it.
    QTest::mouseClick(funnel, Qt::LeftButton, {},
                      funnel->barRect(paidRow).center()); // clear the stage
    CHECKED(waitList(2));
    QTest::mouseClick(funnel, Qt::LeftButton, {},
                      funnel->barRect(int(FormStatus::Created)).center());
    QTRY_VERIFY_WITH_TIMEOUT(!m_w->listModel()->isLoading()
                                 && m_w->listModel()->query().statusKey == QLatin1String("created"),
                             LoadTimeout);
    QCOMPARE(m_w->listModel()->rowOf(b), -1);
    QTRY_COMPARE(m_w->detailModel()->state(), FormDetailModel::State::Empty);
    CHECKED(verifyNoAction("after a funnel click without B"));
    QTest::mouseClick(funnel, Qt::LeftButton, {},
                      funnel->barRect(int(FormStatus::Created)).center());
    CHECKED(waitList(2));

    // A reload of the same list (F5) keeps the selected form and its actions.
    CHECKED(selectForm(a));
    QTRY_VERIFY(refund->isEnabled());
    QSignalSpy firstPage(m_w->listModel(), &FormListModel::firstPageLoaded);
    m_w->reloadAll();
    QVERIFY(firstPage.wait(LoadTimeout));
    QTRY_VERIFY(refund->isEnabled());
    QCOMPARE(m_w->detailModel()->formId(), a);

    // Nothing was done to either form by any of this.
    QCOMPARE(
        scalar(QStringLiteral(
            "SELECT COUNT(*) FROM compose_audit WHERE form_id IN ('form_view_a', 'form_view_b')")),
        QStringLiteral("0"));
}

void tst_MainWindowStaff::redeliverOnlyAfterDelivery()
{
    const QString a = QStringLiteral("form_view_a");
    m_w->filterBar()->setSearchText(QString());
    CHECKED(waitList(2));
    CHECKED(selectForm(a));
    QCOMPARE(m_w->detailModel()->detail().summary.statusKey, QStringLiteral("payment_completed"));
    QPushButton *deliver = m_staff->actionBar()->button(StaffAction::MarkDelivered);
    QPushButton *redeliver = m_staff->actionBar()->button(StaffAction::Redeliver);
    QTRY_VERIFY(deliver->isEnabled());
    QVERIFY(!redeliver->isEnabled()); // never delivered: nothing to send "again"
    QVERIFY2(redeliver->toolTip().contains(QLatin1String("Mark delivered")),
             qPrintable(redeliver->toolTip()));

    // The confirmation says what the customer receives and what the form becomes.
    ActionDialog *d = openDialog(StaffAction::MarkDelivered);
    QVERIFY(d);
    const QString summary = d->findChild<QLabel *>(QStringLiteral("actionSummary"))->text();
    QVERIFY2(summary.contains(QLatin1String("ann@example.com"))
                 && summary.contains(QLatin1String("share link"))
                 && summary.contains(QLatin1String("becomes \"Delivered\"")),
             qPrintable(summary));
    QTest::mouseClick(d->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(d->phase() == ActionDialog::Phase::Done, LoadTimeout);
    d->close();
    QCOMPARE(scalar(QStringLiteral("SELECT status FROM compose_forms WHERE id = 'form_view_a'")),
             QStringLiteral("delivered"));
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT COUNT(*) FROM compose_deliveries WHERE form_id = 'form_view_a'")),
             QStringLiteral("1"));

    QTRY_COMPARE(m_w->detailModel()->detail().summary.statusKey, QStringLiteral("delivered"));
    QTRY_VERIFY(redeliver->isEnabled());
    QVERIFY(!deliver->isEnabled());
    d = openDialog(StaffAction::Redeliver);
    QVERIFY(d);
    const QString again = d->findChild<QLabel *>(QStringLiteral("actionSummary"))->text();
    QVERIFY2(again.contains(QLatin1String("same share link"))
                 && again.contains(QLatin1String("stays \"Delivered\"")),
             qPrintable(again));
    QTest::mouseClick(d->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(d->phase() == ActionDialog::Phase::Done, LoadTimeout);
    d->close();
    QCOMPARE(scalar(QStringLiteral("SELECT status FROM compose_forms WHERE id = 'form_view_a'")),
             QStringLiteral("delivered"));
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT COUNT(*) FROM compose_deliveries WHERE form_id = 'form_view_a'")),
             QStringLiteral("2"));
}

void tst_MainWindowStaff::refundsAreVisible()
{
    const QString b = QStringLiteral("form_view_b");
    m_w->filterBar()->setSearchText(QString());
    CHECKED(waitList(2));
    CHECKED(selectForm(b));
    QLabel *header = label("expiryLabel");
    QCOMPARE(header->text(), QStringLiteral("paid, does not expire"));
    auto *refunds = m_w->detailView()->findChild<QTableWidget *>(QStringLiteral("refundsTable"));
    QVERIFY(refunds);
    QCOMPARE(refunds->rowCount(), 0);
    QCOMPARE(label("noRefundsLabel")->text(), QStringLiteral("No refunds."));

    // Part of it, through the action bar's dialog as an agent would.
    QTRY_VERIFY(m_staff->actionBar()->button(StaffAction::Refund)->isEnabled());
    ActionDialog *d = openDialog(StaffAction::Refund);
    QVERIFY(d);
    d->findChild<QRadioButton *>(QStringLiteral("partialRefund"))->setChecked(true);
    d->amountEdit()->setValue(4.00);
    d->reasonCombo()->setCurrentIndex(d->reasonCombo()->findData(QStringLiteral("other")));
    d->reasonEdit()->setText(QStringLiteral("Name misspelled in verse 2"));
    QTest::mouseClick(d->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(d->phase() == ActionDialog::Phase::Done, LoadTimeout);
    d->close();
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT SUM(amount) FROM compose_refunds WHERE form_id = 'form_view_b'")),
             QStringLiteral("400"));

    QTRY_COMPARE_WITH_TIMEOUT(header->text(),
                              QStringLiteral("partly refunded ($4.00 of $9.99), does not expire"),
                              LoadTimeout);
    QCOMPARE(label("statusBadge")->text(), Status::label(FormStatus::PaymentCompleted));
    QCOMPARE(label("paymentStateLabel")->text(),
             QStringLiteral("partly refunded ($4.00 of $9.99)"));
    QCOMPARE(refunds->rowCount(), 1);
    const QString refundId
        = scalar(QStringLiteral("SELECT id FROM compose_refunds WHERE form_id = 'form_view_b'"));
    QVERIFY2(refundId.startsWith(QLatin1String("re_")), qPrintable(refundId));
    const QStringList expected {QStringLiteral("$4.00"),
                                QStringLiteral("Other"),
                                QStringLiteral("Name misspelled in verse 2"),
                                QStringLiteral("test-admin"),
                                QString(),
                                QStringLiteral("succeeded"),
                                refundId};
    for (int c = 0; c < expected.size(); ++c) {
        if (!expected.at(c).isEmpty())
            QCOMPARE(refunds->item(0, c)->text(), expected.at(c));
    }
    QVERIFY(!refunds->item(0, 4)->text().isEmpty()); // when
    QVERIFY(!label("noRefundsLabel")->isVisible());

    // The audit line says how much and which refund.
    AuditTrailModel *audit = m_staff->auditModel();
    auto auditText = [audit] {
        QStringList all;
        for (int r = 0; r < audit->rowCount(); ++r)
            all << audit->index(r, AuditTrailModel::WhatColumn).data().toString();
        return all.join(QLatin1Char('|'));
    };
    QTRY_VERIFY_WITH_TIMEOUT(
        auditText().contains(QStringLiteral("Refund $4.00 (%1, succeeded)").arg(refundId)),
        LoadTimeout);

    // The rest: the header says refunded, never "paid".
    d = openDialog(StaffAction::Refund);
    QVERIFY(d);
    QVERIFY(d->findChild<QRadioButton *>(QStringLiteral("fullRefund"))->isChecked());
    d->reasonCombo()->setCurrentIndex(
        d->reasonCombo()->findData(QStringLiteral("requested_by_customer")));
    d->reasonEdit()->setText(QStringLiteral("Customer asked for the rest back"));
    QTest::mouseClick(d->confirmButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(d->phase() == ActionDialog::Phase::Done, LoadTimeout);
    d->close();
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT SUM(amount) FROM compose_refunds WHERE form_id = 'form_view_b'")),
             QStringLiteral("999"));
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT COUNT(*) FROM compose_refunds WHERE form_id = 'form_view_b'")),
             QStringLiteral("2"));
    QTRY_COMPARE_WITH_TIMEOUT(header->text(), QStringLiteral("refunded ($9.99 of $9.99)"),
                              LoadTimeout);
    QVERIFY(!header->text().contains(QLatin1String("paid")));
    QCOMPARE(label("statusBadge")->text(), Status::label(FormStatus::Refunded));
    QCOMPARE(refunds->rowCount(), 2);
    QCOMPARE(refunds->item(0, 0)->text(), QStringLiteral("$5.99")); // newest first
    QCOMPARE(refunds->item(0, 1)->text(), QStringLiteral("Requested by customer"));
    const QString restId = refunds->item(0, 6)->text();
    QVERIFY(restId.startsWith(QLatin1String("re_")) && restId != refundId);
    QTRY_VERIFY_WITH_TIMEOUT(
        auditText().contains(QStringLiteral("Refund $5.99 (%1, succeeded)").arg(restId)),
        LoadTimeout);
    QVERIFY(!m_staff->actionBar()->button(StaffAction::Refund)->isEnabled());

    // Not a check: COMPOSE_SCREENSHOT_DIR=/tmp/x saves the Payment tab after the refunds to look
    // at.
    const QString shots = qEnvironmentVariable("COMPOSE_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        QTabWidget *tabs = m_w->detailView()->tabs();
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->widget(i)->isAncestorOf(refunds))
                tabs->setCurrentIndex(i);
        }
        QTest::qWait(100);
        QVERIFY(m_w->grab().save(shots + QStringLiteral("/refunds-payment-tab.png")));
    }
}

void tst_MainWindowStaff::seedOnlyRefundedForm()
{
    // A database with only the shop's schema knows no refunds: the status still says refunded,
    // the Payment tab says why no refund is listed.
    TestDatabase db(SqlDialect::SQLite);
    COMPOSE_REQUIRE_DB(db);
    db.createSeedOnlySchema();
    const DashboardSeed seed = seedDashboard(db.connection());
    FormRepository repo(db.connection());
    repo.detect();
    QVERIFY(!repo.capabilities().hasRefunds);
    const std::optional<FormDetail> d = repo.detail(seed.intentFormId);
    QVERIFY(d);
    QCOMPARE(d->summary.status, FormStatus::Refunded);
    QVERIFY(!d->hasRefundTable);
    QVERIFY(d->refunds.isEmpty());
    QCOMPARE(FormDetailView::paymentState(*d), QStringLiteral("refunded"));

    FormDetailModel model(nullptr);
    FormDetailView view(&model);
    model.setDetail(*d);
    view.show();
    auto *none = view.findChild<QLabel *>(QStringLiteral("noRefundsLabel"));
    QVERIFY(none);
    QVERIFY2(none->text().contains(QLatin1String("compose_refunds")), qPrintable(none->text()));
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("expiryLabel"))->text(),
             QStringLiteral("refunded"));
}

void tst_MainWindowStaff::refundsReadOnSqlite()
{
    // The demo's dialect reads the same refunds; a failed refund is listed but not counted.
    TestDatabase db(SqlDialect::SQLite);
    COMPOSE_REQUIRE_DB(db);
    db.migrate();
    const DashboardSeed seed = seedDashboard(db.connection());
    QSqlQuery q(db.connection());
    QVERIFY(q.exec(QStringLiteral(
        "INSERT INTO compose_staff(id, name, role, token_hash) VALUES (7, 'amy', 'admin', 'h')")));
    QVERIFY(q.prepare(QStringLiteral(
        "INSERT INTO compose_refunds(id, form_id, payment_intent, amount, reason, note, status, "
        "staff_id, created_at, updated_at) VALUES (:id, :f, 'pi', :a, :r, :n, :s, 7, :t, :t2)")));
    const struct {
        const char *id;
        int amount;
        const char *reason;
        const char *status;
        const char *at;
    } rows[] = {{"re_first", 400, "duplicate", "succeeded", "2026-01-02 10:00:00"},
                {"re_second", 599, "other", "failed", "2026-01-03 10:00:00"}};
    for (const auto &r : rows) {
        q.bindValue(QStringLiteral(":id"), QLatin1String(r.id));
        q.bindValue(QStringLiteral(":f"), seed.intentFormId);
        q.bindValue(QStringLiteral(":a"), r.amount);
        q.bindValue(QStringLiteral(":r"), QLatin1String(r.reason));
        q.bindValue(QStringLiteral(":n"), QStringLiteral("<b>not markup</b>"));
        q.bindValue(QStringLiteral(":s"), QLatin1String(r.status));
        q.bindValue(QStringLiteral(":t"), QLatin1String(r.at));
        q.bindValue(QStringLiteral(":t2"), QLatin1String(r.at));
        QVERIFY(q.exec());
    }
    FormRepository repo(db.connection());
    repo.detect();
    QVERIFY(repo.capabilities().hasRefunds);
    const std::optional<FormDetail> d = repo.detail(seed.intentFormId);
    QVERIFY(d && d->hasRefundTable);
    QCOMPARE(d->refunds.size(), 2);
    QCOMPARE(d->refunds.at(0).id, QStringLiteral("re_second")); // newest first
    QCOMPARE(d->refunds.at(0).staff, QStringLiteral("amy"));
    QCOMPARE(d->refunds.at(1).amountCents, 400);
    QCOMPARE(d->refundedCents(), 400);
    QCOMPARE(FormDetailView::paymentState(*d), QStringLiteral("partly refunded ($4.00 of $9.99)"));

    FormDetailModel model(nullptr);
    FormDetailView view(&model);
    model.setDetail(*d);
    view.show();
    auto *table = view.findChild<QTableWidget *>(QStringLiteral("refundsTable"));
    QVERIFY(table);
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 5)->text(), QStringLiteral("failed (nothing refunded)"));
    QCOMPARE(table->item(1, 1)->text(), QStringLiteral("Duplicate payment"));
    QCOMPARE(table->item(1, 2)->text(), QStringLiteral("<b>not markup</b>"));
}

void tst_MainWindowStaff::tokenMessagesNameTheButton()
{
    auto *button = m_w->apiBanner()->findChild<QPushButton *>(QStringLiteral("apiToken"));
    QVERIFY(button);
    const QString name = button->text().remove(QLatin1Char('&'));

    // No token at all.
    ApiClient client;
    StaffActions actions(&client);
    actions.connectToApi(m_h->baseUrl(), QString());
    QCOMPARE(actions.apiState(), StaffActions::ApiState::Rejected);
    QVERIFY2(actions.apiProblem().contains(QLatin1Char('"') + name + QLatin1Char('"')),
             qPrintable(actions.apiProblem()));
    QVERIFY(!actions.apiProblem().contains(QLatin1String("Settings")));

    // A token the API refuses.
    actions.connectToApi(m_h->baseUrl(), QStringLiteral("not-a-real-token"));
    QTRY_COMPARE(actions.apiState(), StaffActions::ApiState::Rejected);
    QVERIFY2(actions.apiProblem().contains(QLatin1Char('"') + name + QLatin1Char('"')),
             qPrintable(actions.apiProblem()));
    QVERIFY(!actions.apiProblem().contains(QLatin1String("Settings")));
}

QTEST_MAIN(tst_MainWindowStaff)
#include "tst_mainwindowstaff.moc"
