#include "actiondialog.h"
#include "apiclient.h"
#include "apiharness.h"
#include "audittrailmodel.h"
#include "database.h"
#include "formrepository.h"
#include "staffactions.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace compose;
using namespace compose::test;

// Staff actions end to end, offscreen: the confirmation dialog is clicked through against a
// real compose-api (with its simulators) on real PostgreSQL, and the database and the audit
// trail are checked afterwards. Error paths leave the database as it was.
class tst_StaffActions : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void deliverThenRedeliver();
    void refundPartThenRestThenRefused();
    void retryFailedGeneration();
    void retryOnlyWhenSomethingFailed();
    void agentCannotRefund();
    void apiDownLeavesFormUnchanged();
    void sameKeyNeverActsTwice();

private:
    QString paidForm(const QString &id);
    FormDetail detail(const QString &id);
    QString scalar(const QString &sql);
    void clickThrough(ActionDialog &dialog);

    std::unique_ptr<ApiHarness> m_h;
    ApiClient m_client;
    std::unique_ptr<StaffActions> m_actions;
};

void tst_StaffActions::initTestCase()
{
    m_h = std::make_unique<ApiHarness>(SqlDialect::PostgreSQL);
    COMPOSE_REQUIRE_API(*m_h);
    ServerConfig c = ApiHarness::simulatedConfig(200);
    c.simFailEvery = 4; // every 4th generation fails: retry has something to do
    QString error;
    QVERIFY2(m_h->start(c, &error), qPrintable(error));
    m_actions = std::make_unique<StaffActions>(&m_client);
    m_actions->connectToApi(m_h->baseUrl(), m_h->adminToken());
    QTRY_COMPARE(m_actions->apiState(), StaffActions::ApiState::Ready);
    QVERIFY(m_actions->identity().isAdmin());
}

void tst_StaffActions::cleanupTestCase()
{
    m_actions.reset();
    m_h.reset();
}

QString tst_StaffActions::paidForm(const QString &id)
{
    m_h->createForm(id, QStringLiteral("solo-serenade"), QStringLiteral("ann@example.com"));
    m_h->generateAll(id, 1);
    // Generations that the simulator fails are retried until the form is ready.
    for (int i = 0; i < 5 && !m_h->waitStatus(id, QStringLiteral("variations_ready"), 4000); ++i)
        m_h->json("POST", QStringLiteral("/api/admin/forms/%1/retry").arg(id),
                  {{QStringLiteral("failedOnly"), true}}, ApiHarness::bearer(m_h->adminToken()));
    if (!m_h->checkoutAndPay(id, {{QStringLiteral("0"), 2}}))
        return {};
    return id;
}

FormDetail tst_StaffActions::detail(const QString &id)
{
    FormRepository repo(m_h->database().connection());
    repo.detect();
    return repo.detail(id).value_or(FormDetail {});
}

QString tst_StaffActions::scalar(const QString &sql)
{
    QSqlQuery q(m_h->database().connection());
    if (!q.exec(sql) || !q.next())
        return QStringLiteral("<error>");
    return q.value(0).toString();
}

void tst_StaffActions::clickThrough(ActionDialog &dialog)
{
    dialog.show();
    QVERIFY(dialog.confirmButton()->isEnabled());
    QTest::mouseClick(dialog.confirmButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog.phase() == ActionDialog::Phase::Done
                                 || dialog.phase() == ActionDialog::Phase::Failed,
                             15000);
}

void tst_StaffActions::deliverThenRedeliver()
{
    const QString id = paidForm(QStringLiteral("form_deliver"));
    QVERIFY(!id.isEmpty());
    FormDetail d = detail(id);
    QCOMPARE(d.summary.statusKey, QStringLiteral("payment_completed"));
    QVERIFY(m_actions->blockedReason(StaffAction::MarkDelivered, d).isEmpty());
    // Never delivered: "again" makes no sense, and the server agrees (the form stays paid, no
    // delivery is recorded, no e-mail goes out).
    QVERIFY(m_actions->blockedReason(StaffAction::Redeliver, d)
                .contains(QLatin1String("Mark delivered")));
    const auto early = m_h->json("POST", QStringLiteral("/api/admin/forms/%1/redeliver").arg(id),
                                 {}, ApiHarness::bearer(m_h->adminToken()));
    QCOMPARE(early.status, 409);
    QCOMPARE(early.errorMessage(),
             Status::actionBlockedReason(StaffAction::Redeliver, FormStatus::PaymentCompleted));
    QCOMPARE(scalar(QStringLiteral("SELECT status FROM compose_forms WHERE id = 'form_deliver'")),
             QStringLiteral("payment_completed"));
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT COUNT(*) FROM compose_deliveries WHERE form_id = 'form_deliver'")),
             QStringLiteral("0"));

    ActionDialog deliver(m_actions.get(), d, StaffAction::MarkDelivered);
    deliver.noteEdit()->setPlainText(QStringLiteral("Customer asked on chat"));
    clickThrough(deliver);
    QCOMPARE(deliver.phase(), ActionDialog::Phase::Done);
    QCOMPARE(scalar(QStringLiteral("SELECT status FROM compose_forms WHERE id = 'form_deliver'")),
             QStringLiteral("delivered"));

    d = detail(id);
    QVERIFY(m_actions->blockedReason(StaffAction::MarkDelivered, d)
                .contains(QLatin1String("already delivered")));
    ActionDialog redeliver(m_actions.get(), d, StaffAction::Redeliver);
    redeliver.show();
    redeliver.emailEdit()->setText(QStringLiteral("not-an-address"));
    QVERIFY(!redeliver.confirmButton()->isEnabled()); // validated before anything is sent
    redeliver.emailEdit()->setText(QStringLiteral("ann.new@example.com"));
    clickThrough(redeliver);
    QCOMPARE(redeliver.phase(), ActionDialog::Phase::Done);
    QVERIFY(redeliver.outcomeText().contains(QLatin1String("ann.new@example.com")));
    QCOMPARE(scalar(QStringLiteral("SELECT email FROM compose_deliveries WHERE form_id = "
                                   "'form_deliver' AND kind = 'redeliver'")),
             QStringLiteral("ann.new@example.com"));

    AuditTrailModel audit(&m_client);
    audit.setFormId(id);
    QTRY_VERIFY(audit.rowCount() >= 2);
    QStringList whats;
    for (int r = 0; r < audit.rowCount(); ++r)
        whats << audit.index(r, AuditTrailModel::WhatColumn).data().toString();
    QVERIFY2(whats.join(QLatin1Char('|'))
                 .contains(QLatin1String("Redeliver the share link to ann.new@example.com")),
             qPrintable(whats.join(QLatin1Char('|'))));
    QVERIFY(whats.join(QLatin1Char('|')).contains(QLatin1String("Mark delivered")));
    QCOMPARE(audit.index(0, AuditTrailModel::WhoColumn).data().toString(),
             QStringLiteral("test-admin")); // newest first
}

void tst_StaffActions::refundPartThenRestThenRefused()
{
    const QString id = paidForm(QStringLiteral("form_refund"));
    QVERIFY(!id.isEmpty());
    FormDetail d = detail(id);
    QCOMPARE(*d.summary.amountPaidCents, 999);

    ActionDialog part(m_actions.get(), d, StaffAction::Refund);
    part.show();
    QVERIFY(!part.confirmButton()->isEnabled()); // a reason is required
    part.findChild<QRadioButton *>(QStringLiteral("partialRefund"))->setChecked(true);
    part.amountEdit()->setValue(4.00);
    part.reasonCombo()->setCurrentIndex(part.reasonCombo()->findData(QStringLiteral("other")));
    QVERIFY(!part.confirmButton()->isEnabled()); // the reason in words is required
    part.reasonEdit()->setText(QStringLiteral("Name"));
    QVERIFY(!part.confirmButton()->isEnabled()); // and not a stray word
    part.reasonEdit()->setText(QStringLiteral("Name misspelled in verse 2"));
    clickThrough(part);
    QCOMPARE(part.phase(), ActionDialog::Phase::Done);
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT SUM(amount) FROM compose_refunds WHERE form_id = 'form_refund'")),
             QStringLiteral("400"));
    QCOMPARE(scalar(QStringLiteral("SELECT status FROM compose_forms WHERE id = 'form_refund'")),
             QStringLiteral("payment_completed"));

    AuditTrailModel audit(&m_client);
    QSignalSpy loaded(&audit, &AuditTrailModel::loaded);
    audit.setFormId(id);
    QVERIFY(loaded.wait(5000));
    QCOMPARE(audit.trail().refunds.size(), 1);
    QCOMPARE(*audit.trail().refundableCents, 599);

    ActionDialog rest(m_actions.get(), detail(id), StaffAction::Refund);
    rest.setRefundHistory(audit.trail().refunds, audit.trail().refundableCents);
    rest.show();
    QVERIFY(rest.findChild<QRadioButton *>(QStringLiteral("fullRefund"))->isChecked());
    rest.reasonCombo()->setCurrentIndex(
        rest.reasonCombo()->findData(QStringLiteral("requested_by_customer")));
    rest.reasonEdit()->setText(QStringLiteral("Customer asked for the rest back"));
    clickThrough(rest);
    QCOMPARE(rest.phase(), ActionDialog::Phase::Done);
    QVERIFY2(rest.outcomeText().contains(QLatin1String("$5.99")), qPrintable(rest.outcomeText()));
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT SUM(amount) FROM compose_refunds WHERE form_id = 'form_refund'")),
             QStringLiteral("999"));
    QCOMPARE(scalar(QStringLiteral("SELECT status FROM compose_forms WHERE id = 'form_refund'")),
             QStringLiteral("refunded"));

    // A third refund: the dashboard no longer offers it, and the server refuses it with a reason.
    d = detail(id);
    QVERIFY(m_actions->blockedReason(StaffAction::Refund, d).contains(QLatin1String("refunded")));
    QSignalSpy done(m_actions.get(), &StaffActions::actionFinished);
    QVERIFY(m_actions->perform(ActionRequest::make(
        id, StaffAction::Refund, {{QStringLiteral("reason"), QStringLiteral("duplicate")}}, {})));
    QVERIFY(done.wait(10000));
    const auto r = done.first().first().value<ActionResult>();
    QCOMPARE(r.error.kind, ApiError::Kind::Conflict);
    QVERIFY(!r.error.message.isEmpty());
    QCOMPARE(scalar(QStringLiteral(
                 "SELECT SUM(amount) FROM compose_refunds WHERE form_id = 'form_refund'")),
             QStringLiteral("999"));
}

void tst_StaffActions::retryFailedGeneration()
{
    const QString id = QStringLiteral("form_retry");
    m_h->createForm(id, QStringLiteral("holiday-hamper"));
    QVERIFY(m_h->generateAll(id, 3));
    // With every 4th generation failing, 9 generations leave at least two failed.
    QVERIFY(m_h->waitFor(
        [&] {
            return scalar(QStringLiteral(
                       "SELECT COUNT(*) FROM music_generations WHERE form_id = 'form_retry' "
                       "AND status IN ('completed','failed')"))
                == QLatin1String("9");
        },
        20000));
    const QString failed = scalar(QStringLiteral("SELECT COUNT(*) FROM music_generations WHERE "
                                                 "form_id = 'form_retry' AND status = 'failed'"));
    QVERIFY(failed.toInt() >= 1);
    FormDetail d = detail(id);
    QVERIFY(m_actions->blockedReason(StaffAction::RetryGeneration, d).isEmpty());
    ActionDialog retry(m_actions.get(), d, StaffAction::RetryGeneration);
    retry.presetAllFailed();
    auto *combo = retry.findChild<QComboBox *>(QStringLiteral("variationCombo"));
    QVERIFY(combo->currentText().contains(QLatin1String("failed")));
    // Only failed variations are offered, so a completed one can never be preselected.
    QStringList completed;
    for (const VariationRow &v : d.variations) {
        if (!v.isFailed())
            completed << QStringLiteral("%1:%2").arg(v.songIndex).arg(v.variationIndex);
    }
    QVERIFY(!completed.isEmpty());
    for (int i = 0; i < combo->count(); ++i)
        QVERIFY2(!completed.contains(combo->itemData(i).toString()),
                 qPrintable(combo->itemText(i)));
    QCOMPARE(combo->count(), failed.toInt() + (failed.toInt() > 1 ? 1 : 0));
    const auto firstCompleted = completed.first().split(QLatin1Char(':'));
    retry.presetVariation(firstCompleted.at(0).toInt(), firstCompleted.at(1).toInt());
    QVERIFY(combo->currentText().contains(QLatin1String("failed")));
    clickThrough(retry);
    QCOMPARE(retry.phase(), ActionDialog::Phase::Done);
    QVERIFY(m_h->waitFor(
        [&] {
            const FormDetail now = detail(id);
            int bad = 0;
            for (const auto &v : now.variations)
                bad += v.isFailed() ? 1 : 0;
            return bad < failed.toInt();
        },
        20000));
}

void tst_StaffActions::retryOnlyWhenSomethingFailed()
{
    // Generated until ready: every failure was retried and completed, so nothing failed now.
    const QString id = QStringLiteral("form_noretry");
    m_h->createForm(id, QStringLiteral("solo-serenade"));
    QVERIFY(m_h->generateAll(id, 1));
    bool ready = false;
    for (int i = 0;
         i < 6 && !(ready = m_h->waitStatus(id, QStringLiteral("variations_ready"), 4000)); ++i)
        m_h->json("POST", QStringLiteral("/api/admin/forms/%1/retry").arg(id),
                  {{QStringLiteral("failedOnly"), true}}, ApiHarness::bearer(m_h->adminToken()));
    QVERIFY(ready);
    const FormDetail d = detail(id);
    QCOMPARE(d.summary.statusKey,
             QStringLiteral("variations_ready")); // the status alone would allow a retry
    for (const VariationRow &v : d.variations)
        QVERIFY2(!v.isFailed(), qPrintable(v.generationStatus));
    QVERIFY2(m_actions->blockedReason(StaffAction::RetryGeneration, d)
                 .contains(QLatin1String("nothing to retry")),
             qPrintable(m_actions->blockedReason(StaffAction::RetryGeneration, d)));

    // Even opened directly, the dialog preselects nothing and cannot send.
    const QString audits = scalar(
        QStringLiteral("SELECT COUNT(*) FROM compose_audit WHERE form_id = 'form_noretry'"));
    ActionDialog retry(m_actions.get(), d, StaffAction::RetryGeneration);
    retry.presetAllFailed();
    retry.presetVariation(0, 1);
    retry.show();
    QCOMPARE(retry.findChild<QComboBox *>(QStringLiteral("variationCombo"))->count(), 0);
    QVERIFY(!retry.confirmButton()->isEnabled());
    QTest::mouseClick(retry.confirmButton(), Qt::LeftButton);
    QCOMPARE(retry.phase(), ActionDialog::Phase::Editing);
    QVERIFY(!retry.lastRequest());
    QCOMPARE(
        scalar(QStringLiteral("SELECT COUNT(*) FROM compose_audit WHERE form_id = 'form_noretry'")),
        audits);
}

void tst_StaffActions::agentCannotRefund()
{
    const QString token = m_h->addStaff(QStringLiteral("agent-amy"), QStringLiteral("agent"));
    ApiClient client;
    StaffActions agent(&client);
    agent.connectToApi(m_h->baseUrl(), token);
    QTRY_COMPARE(agent.apiState(), StaffActions::ApiState::Ready);
    FormSummary paid;
    paid.id = QStringLiteral("x");
    paid.status = FormStatus::PaymentCompleted;
    QVERIFY(agent.blockedReason(StaffAction::Refund, paid).contains(QLatin1String("admin")));
    // And the server agrees, whatever the client does.
    const auto r = m_h->json("POST", QStringLiteral("/api/admin/forms/form_deliver/refund"),
                             {{QStringLiteral("reason"), QStringLiteral("duplicate")}},
                             ApiHarness::bearer(token));
    QCOMPARE(r.status, 403);
}

void tst_StaffActions::apiDownLeavesFormUnchanged()
{
    const QString id = paidForm(QStringLiteral("form_down"));
    QVERIFY(!id.isEmpty());
    ApiClient client;
    StaffActions actions(&client);
    actions.connectToApi(m_h->baseUrl(), m_h->adminToken());
    QTRY_COMPARE(actions.apiState(), StaffActions::ApiState::Ready);
    client.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:1"))); // the API "goes away"
    ActionDialog deliver(&actions, detail(id), StaffAction::MarkDelivered);
    clickThrough(deliver);
    QCOMPARE(deliver.phase(), ActionDialog::Phase::Failed);
    QVERIFY(deliver.outcomeText().contains(QLatin1String("cannot be reached")));
    QVERIFY(deliver.retryButton()->isVisible());
    QCOMPARE(scalar(QStringLiteral("SELECT status FROM compose_forms WHERE id = 'form_down'")),
             QStringLiteral("payment_completed"));
    QCOMPARE(actions.apiState(), StaffActions::ApiState::Unreachable);

    // Back: "Try again" sends the same request and it is done once.
    client.setBaseUrl(m_h->baseUrl());
    actions.recheck();
    QTRY_COMPARE(actions.apiState(), StaffActions::ApiState::Ready);
    const QString key = deliver.lastRequest()->idempotencyKey;
    QTest::mouseClick(deliver.retryButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(deliver.phase(), ActionDialog::Phase::Done, 10000);
    QCOMPARE(deliver.lastRequest()->idempotencyKey, key);
    QCOMPARE(scalar(QStringLiteral("SELECT status FROM compose_forms WHERE id = 'form_down'")),
             QStringLiteral("delivered"));
}

void tst_StaffActions::sameKeyNeverActsTwice()
{
    const QString id = paidForm(QStringLiteral("form_twice"));
    QVERIFY(!id.isEmpty());
    const ActionRequest req = ActionRequest::make(
        id, StaffAction::Refund,
        {{QStringLiteral("amount"), 100}, {QStringLiteral("reason"), QStringLiteral("duplicate")}},
        {});
    QSignalSpy done(m_actions.get(), &StaffActions::actionFinished);
    QVERIFY(m_actions->perform(req));
    QVERIFY(done.wait(10000));
    QVERIFY(m_actions->perform(req)); // e.g. the agent pressed "Try again" after a lost answer
    QVERIFY(done.wait(10000));
    QCOMPARE(done.size(), 2);
    QVERIFY(done.at(0).first().value<ActionResult>().ok());
    QVERIFY(done.at(1).first().value<ActionResult>().ok());
    QCOMPARE(done.at(0).first().value<ActionResult>().body,
             done.at(1).first().value<ActionResult>().body);
    QCOMPARE(
        scalar(QStringLiteral("SELECT COUNT(*) FROM compose_refunds WHERE form_id = 'form_twice'")),
        QStringLiteral("1"));
}

QTEST_MAIN(tst_StaffActions)
#include "tst_staffactions.moc"
