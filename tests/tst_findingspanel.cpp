// The detail pane's reconciliation findings, offscreen, against a real compose-api (simulators)
// on real PostgreSQL: a form whose payment's webhook was dropped shows its open finding as a
// sentence; Apply (confirmed) records the payment through the API and the finding disappears
// without a reload; Dismiss needs a note and changes no payment.
#include "apiharness.h"
#include "dataservice.h"
#include "findingdialog.h"
#include "findingspanel.h"
#include "formdetailmodel.h"
#include "formdetailview.h"
#include "formlistmodel.h"
#include "mainwindow.h"
#include "staffactions.h"
#include "staffactionspresenter.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace compose;
using namespace compose::test;

namespace {
constexpr int LoadTimeout = 15000;
} // namespace

class tst_FindingsPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void applyRecordsThePaymentLive();
    void dismissNeedsANote();

private:
    // A form paid at Stripe whose webhook was dropped; returns its Checkout Session.
    QString droppedPayment(const QString &id);
    void selectForm(const QString &id);
    FindingsPanel *panel() const { return m_w->detailView()->findChild<FindingsPanel *>(); }
    FindingDialog *shownDialog();

    QTemporaryDir m_settingsDir;
    std::unique_ptr<ApiHarness> m_h;
    ApiClient m_client;
    std::unique_ptr<StaffActions> m_actions;
    std::unique_ptr<DataService> m_data;
    std::unique_ptr<MainWindow> m_w;
};

void tst_FindingsPanel::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("compose-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_findingspanel"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());

    m_h = std::make_unique<ApiHarness>(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(*m_h);
    ServerConfig c = ApiHarness::simulatedConfig(50);
    c.reconcileIntervalS = 0;
    QString error;
    QVERIFY2(m_h->start(c, &error), qPrintable(error));
    QVERIFY(!droppedPayment(QStringLiteral("form_find_apply")).isEmpty());
    QVERIFY(!droppedPayment(QStringLiteral("form_find_dismiss")).isEmpty());
    const auto r = m_h->request("POST", QStringLiteral("/api/admin/reconcile"), {},
                                ApiHarness::bearer(m_h->adminToken()));
    QCOMPARE(r.status, 200);
    QCOMPARE(m_h->database().count(QStringLiteral(
                 "SELECT count(*) FROM compose_reconciliation_findings WHERE resolved_at IS NULL "
                 "AND kind = 'paid_without_webhook'")),
             2);

    m_actions = std::make_unique<StaffActions>(&m_client);
    m_data = std::make_unique<DataService>();
    m_data->setPollInterval(250);
    m_w = std::make_unique<MainWindow>(m_data.get());
    new StaffActionsPresenter(m_w.get(), m_actions.get());
    m_w->resize(1366, 768);
    m_w->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_w.get()));
    m_actions->connectToApi(m_h->baseUrl(), m_h->adminToken());
    QTRY_COMPARE(m_actions->apiState(), StaffActions::ApiState::Ready);
    QSignalSpy opened(m_data.get(), &DataService::opened);
    m_data->open(m_h->database().settings());
    QVERIFY(opened.wait(LoadTimeout));
    QTRY_VERIFY_WITH_TIMEOUT(!m_w->listModel()->isLoading() && m_w->listModel()->rowCount() == 2,
                             LoadTimeout);
    QVERIFY(panel());
}

void tst_FindingsPanel::cleanupTestCase()
{
    m_w.reset();
    m_data.reset();
    m_actions.reset();
    m_h.reset();
}

QString tst_FindingsPanel::droppedPayment(const QString &id)
{
    m_h->createForm(id, QStringLiteral("solo-serenade"));
    m_h->generateAll(id, 1);
    if (!m_h->waitStatus(id, QStringLiteral("variations_ready"), 10000))
        return {};
    const auto c = m_h->json("POST", QStringLiteral("/api/stripe/checkout"),
                             QJsonObject {{QStringLiteral("formId"), id},
                                          {QStringLiteral("selectedVariations"),
                                           QJsonObject {{QStringLiteral("0"), 2}}}});
    const QString session = c.json.value(QStringLiteral("sessionId")).toString();
    const auto p = m_h->request(
        "POST", QStringLiteral("/sim/stripe/sessions/%1/pay?webhook=drop").arg(session));
    return p.json.value(QStringLiteral("dropped")).toBool() ? session : QString();
}

void tst_FindingsPanel::selectForm(const QString &id)
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

FindingDialog *tst_FindingsPanel::shownDialog()
{
    FindingDialog *d = nullptr;
    const bool shown = QTest::qWaitFor(
        [&] {
            for (FindingDialog *c : m_w->findChildren<FindingDialog *>()) {
                if (c->isVisible())
                    d = c;
            }
            return d != nullptr;
        },
        5000);
    return shown ? d : nullptr;
}

void tst_FindingsPanel::applyRecordsThePaymentLive()
{
    const QString id = QStringLiteral("form_find_apply");
    selectForm(id);
    if (QTest::currentTestFailed())
        return;
    FindingsPanel *p = panel();
    QTRY_VERIFY(p->isVisible());
    QCOMPARE(p->findings().size(), 1);
    const Finding f = p->findings().first();
    QCOMPARE(f.kind, FindingKind::paidWithoutWebhook());
    // The kind as a sentence, plain text, with the session and amount.
    const QLabel *text = p->findChild<QLabel *>(QStringLiteral("findingText"));
    QVERIFY(text);
    QCOMPARE(text->textFormat(), Qt::PlainText);
    QVERIFY2(text->text().contains(f.stripeObjectId)
                 && text->text().contains(QLatin1String("$9.99"))
                 && text->text().contains(QLatin1String("webhook")),
             qPrintable(text->text()));
    QVERIFY(p->findChild<QLabel *>(QStringLiteral("findingDetail"))
                ->text()
                .contains(QString::number(f.id)));

    QPushButton *apply = p->applyButton(f.id);
    QVERIFY(apply);
    QTRY_VERIFY(apply->isEnabled());
    QCOMPARE(m_h->database().count(
                 QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1'").arg(id)),
             0);
    QTest::mouseClick(apply, Qt::LeftButton);
    FindingDialog *d = shownDialog();
    QVERIFY(d);
    // Cancelling sends nothing.
    QCOMPARE(m_h->database().count(QStringLiteral(
                 "SELECT count(*) FROM compose_audit WHERE action = 'apply_finding'")),
             0);
    QVERIFY(d->confirmButton()->isEnabled());
    QTest::mouseClick(d->confirmButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(d->phase(), FindingDialog::Phase::Done, LoadTimeout);

    // The payment is recorded once, through the API, and the finding leaves the pane live.
    QCOMPARE(m_h->database().count(
                 QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1'").arg(id)),
             1);
    QCOMPARE(
        m_h->database().count(
            QStringLiteral("SELECT count(*) FROM compose_audit WHERE action = 'apply_finding' AND "
                           "http_status = 200 AND form_id = '%1'")
                .arg(id)),
        1);
    QTRY_VERIFY_WITH_TIMEOUT(p->findings().isEmpty() && !p->isVisible(), LoadTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(Status::key(m_w->detailModel()->detail().summary.status),
                              QStringLiteral("payment_completed"), LoadTimeout);
    d->close();
}

void tst_FindingsPanel::dismissNeedsANote()
{
    const QString id = QStringLiteral("form_find_dismiss");
    selectForm(id);
    if (QTest::currentTestFailed())
        return;
    FindingsPanel *p = panel();
    QTRY_COMPARE(p->findings().size(), 1);
    const Finding f = p->findings().first();
    QPushButton *dismiss = p->dismissButton(f.id);
    QTRY_VERIFY(dismiss->isEnabled());
    QTest::mouseClick(dismiss, Qt::LeftButton);
    FindingDialog *d = shownDialog();
    QVERIFY(d);
    // No note, or only spaces: the dialog will not send.
    QVERIFY(!d->confirmButton()->isEnabled());
    QTest::keyClicks(d->noteEdit(), QStringLiteral("   "));
    QVERIFY(!d->confirmButton()->isEnabled());
    d->noteEdit()->clear();
    const QString note = QStringLiteral("Customer paid by bank transfer instead; <i>no</i> order.");
    QTest::keyClicks(d->noteEdit(), note);
    QVERIFY(d->confirmButton()->isEnabled());
    QTest::mouseClick(d->confirmButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(d->phase(), FindingDialog::Phase::Done, LoadTimeout);
    QCOMPARE(m_h->database().text(
                 QStringLiteral("SELECT note FROM compose_reconciliation_findings WHERE id = %1")
                     .arg(f.id)),
             note);
    // Nothing was paid: dismissing changes no payment.
    QCOMPARE(m_h->database().count(
                 QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1'").arg(id)),
             0);
    QTRY_VERIFY_WITH_TIMEOUT(p->findings().isEmpty() && !p->isVisible(), LoadTimeout);
    d->close();
}

QTEST_MAIN(tst_FindingsPanel)
#include "tst_findingspanel.moc"
