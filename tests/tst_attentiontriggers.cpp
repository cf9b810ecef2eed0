// compose_attention (migration 012) is kept by triggers on the shop's tables: every queue's
// state made through the real compose-api (simulators) or plain SQL, the row appears, the form
// is worked off through the API (or SQL), the row leaves; after every step the table equals the
// queue definitions over the shop's tables (AttentionStore::definition, the view the triggers
// use) row for row, and the counts and the list filter read exactly those forms.
// PostgreSQL (deferred triggers) and SQLite (the demo's dialect).
#include "apiharness.h"
#include "attentionstore.h"
#include "database.h"
#include "formrepository.h"

#include <QJsonObject>
#include <QSet>
#include <QSqlQuery>
#include <QTest>

using namespace compose;
using namespace compose::test;

namespace {
using Ids = QSet<QString>;
}

class tst_AttentionTriggers : public QObject {
    Q_OBJECT
private slots:
    void everyQueueFollowsTheApi_data();
    void everyQueueFollowsTheApi();

private:
    // Checks the table against the definitions; returns false after a failed QCOMPARE.
    bool exact(const char *step);
    int members(const QString &kind);
    qint64 queueCount(Queue q);
    bool readyForm(const QString &id);
    void ageBy(const QString &sql);

    std::unique_ptr<ApiHarness> m_h;
    SqlDialect m_dialect = SqlDialect::PostgreSQL;
    int m_keys = 0;
    QByteArray key() { return QByteArray("attn-") + QByteArray::number(++m_keys); }
};

bool tst_AttentionTriggers::exact(const char *step)
{
    QSqlDatabase db = m_h->database().connection();
    FormRepository repo(db);
    const Capabilities caps = repo.detect();
    if (caps.schemaVersion < 12) {
        qWarning("%s: schema version %d", step, caps.schemaVersion);
        return false;
    }
    const AttentionThresholds t;
    repo.setThresholds(t);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const AttentionCounts counts = repo.attention();
    for (Queue q : Attention::all()) {
        const AttentionStore::Clause def
            = AttentionStore::definition(Attention::key(q), caps, t, now);
        QSqlQuery query
            = Db::prepare(db, QStringLiteral("SELECT f.id FROM compose_forms f WHERE ") + def.sql);
        for (const auto &[name, v] : def.binds)
            query.bindValue(name, v);
        Db::exec(query);
        Ids defined;
        while (query.next())
            defined.insert(query.value(0).toString());
        FormListQuery lq;
        lq.attention = Attention::key(q);
        Ids listed;
        repo.forEach(lq, [&listed](const FormSummary &s) {
            listed.insert(s.id);
            return true;
        });
        if (listed != defined || counts.find(q)->forms != defined.size()) {
            qWarning("%s, queue %s: listed %s, counted %lld, defined %s", step,
                     qPrintable(Attention::key(q)), qPrintable(listed.values().join(u',')),
                     counts.find(q)->forms, qPrintable(defined.values().join(u',')));
            return false;
        }
    }
    const int dangling = m_h->database().count(QStringLiteral(
        "SELECT count(*) FROM orders o WHERE o.form_id IS NULL OR NOT EXISTS (SELECT 1 FROM "
        "compose_forms f WHERE f.id = o.form_id)"));
    if (counts.ordersWithoutForm != dangling) {
        qWarning("%s: %lld orders without a form counted, %d exist", step, counts.ordersWithoutForm,
                 dangling);
        return false;
    }
    // Row for row, the clocks (since) included.
    for (const char *sql :
         {"SELECT count(*) FROM (SELECT kind, subject_id, since FROM compose_attention EXCEPT "
          "SELECT kind, subject_id, since FROM compose_attention_due) x",
          "SELECT count(*) FROM (SELECT kind, subject_id, since FROM compose_attention_due EXCEPT "
          "SELECT kind, subject_id, since FROM compose_attention) x"}) {
        const int differ = m_h->database().count(QLatin1String(sql));
        if (differ != 0) {
            qWarning("%s: %d rows differ: %s", step, differ, sql);
            return false;
        }
    }
    return true;
}

int tst_AttentionTriggers::members(const QString &kind)
{
    return m_h->database().count(
        QStringLiteral("SELECT count(*) FROM compose_attention WHERE kind = '%1'").arg(kind));
}

qint64 tst_AttentionTriggers::queueCount(Queue q)
{
    FormRepository repo(m_h->database().connection());
    repo.detect();
    return repo.attention().find(q)->forms;
}

bool tst_AttentionTriggers::readyForm(const QString &id)
{
    return m_h->createForm(id, QStringLiteral("solo-serenade"), id + QStringLiteral("@example.com"))
               .status
        == 201
        && m_h->generateAll(id, 1) && m_h->waitStatus(id, QStringLiteral("variations_ready"));
}

void tst_AttentionTriggers::ageBy(const QString &sql)
{
    m_h->database().exec(sql);
}

void tst_AttentionTriggers::everyQueueFollowsTheApi_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addRow("postgresql") << SqlDialect::PostgreSQL;
    QTest::addRow("sqlite") << SqlDialect::SQLite;
}

void tst_AttentionTriggers::everyQueueFollowsTheApi()
{
    QFETCH(SqlDialect, dialect);
    m_dialect = dialect;
    m_h = std::make_unique<ApiHarness>(dialect);
    COMPOSE_REQUIRE_API(*m_h);
    ServerConfig config = ApiHarness::simulatedConfig(30);
    config.holdDeliveries = true; // paid forms wait for staff
    config.reconcileIntervalS = 0; // passes only when the test asks
    QString error;
    QVERIFY2(m_h->start(config, &error), qPrintable(error));
    const bool pg = dialect == SqlDialect::PostgreSQL;
    auto ago = [pg](const char *column, const char *amount) {
        return pg
            ? QStringLiteral("%1 - INTERVAL '%2'").arg(QLatin1String(column), QLatin1String(amount))
            : QStringLiteral("strftime('%Y-%m-%d %H:%M:%f', %1, '-%2')")
                  .arg(QLatin1String(column), QLatin1String(amount));
    };
    const auto admin = [this] {
        return ApiHarness::bearer(m_h->adminToken(), key());
    };
    QVERIFY(exact("empty"));

    // Previews: the simulator's are WAV (kept 7 days). Made six days ago they lapse within the
    // 48 h warning: the form joins "preview expiring".
    const QString p = QStringLiteral("form_trg_paid");
    QVERIFY(readyForm(p));
    QCOMPARE(members(QStringLiteral("preview_wav")), 1);
    QCOMPARE(queueCount(Queue::PreviewExpiring), 0);
    QVERIFY(exact("generated"));
    ageBy(QStringLiteral("UPDATE music_generations SET created_at = %1, completed_at = %2 WHERE "
                         "form_id = '%3'")
              .arg(ago("created_at", "6 days"), ago("completed_at", "6 days"), p));
    QCOMPARE(queueCount(Queue::PreviewExpiring), 1);
    QVERIFY(exact("previews aged"));

    // The payment webhook: paid and held for staff; an hour later it is in the queue.
    QVERIFY(m_h->checkoutAndPay(p, {{QStringLiteral("0"), 2}}));
    QCOMPARE(members(QStringLiteral("paid_not_delivered")), 1);
    QCOMPARE(queueCount(Queue::PaidNotDelivered), 0);
    ageBy(QStringLiteral("UPDATE compose_forms SET paid_at = %1 WHERE id = '%2'")
              .arg(ago("paid_at", "3 hours"), p));
    QCOMPARE(queueCount(Queue::PaidNotDelivered), 1);
    QCOMPARE(queueCount(Queue::PreviewExpiring), 1); // the paid variation's preview
    QVERIFY(exact("paid"));
    // Deliver: both leave.
    auto r
        = m_h->json("POST", QStringLiteral("/api/admin/forms/%1/deliver").arg(p),
                    QJsonObject {{QStringLiteral("note"), QStringLiteral("worked off")}}, admin());
    QCOMPARE(r.status, 200);
    QCOMPARE(members(QStringLiteral("paid_not_delivered")), 0);
    QCOMPARE(queueCount(Queue::PreviewExpiring), 0);
    QVERIFY(exact("delivered"));

    // A refund through the API (the simulator settles it), then one left pending at Stripe.
    r = m_h->json("POST", QStringLiteral("/api/admin/forms/%1/refund").arg(p),
                  QJsonObject {{QStringLiteral("amount"), 300},
                               {QStringLiteral("reason"), QStringLiteral("requested_by_customer")}},
                  admin());
    QCOMPARE(r.status, 200);
    QCOMPARE(members(QStringLiteral("refund_problem")), 0);
    QVERIFY(exact("refunded"));
    m_h->database().exec(
        QStringLiteral("UPDATE compose_refunds SET status = 'pending' WHERE form_id = '%1'")
            .arg(p));
    QCOMPARE(queueCount(Queue::RefundProblem), 1);
    QVERIFY(exact("refund pending"));
    m_h->database().exec(
        QStringLiteral("UPDATE compose_refunds SET status = 'succeeded' WHERE form_id = '%1'")
            .arg(p));
    QCOMPARE(queueCount(Queue::RefundProblem), 0);

    // The order loses its form: a paid form without an order and an order without a form.
    const QString order
        = m_h->database().text(QStringLiteral("SELECT id FROM orders WHERE form_id = '%1'").arg(p));
    QVERIFY(!order.isEmpty());
    m_h->database().exec(
        QStringLiteral("UPDATE orders SET form_id = NULL WHERE id = '%1'").arg(order));
    QCOMPARE(queueCount(Queue::OrderMismatch), 1);
    QCOMPARE(members(QStringLiteral("order_without_form")), 1);
    QVERIFY(exact("order detached"));
    m_h->database().exec(
        QStringLiteral("UPDATE orders SET form_id = '%1' WHERE id = '%2'").arg(p, order));
    QCOMPARE(queueCount(Queue::OrderMismatch), 0);
    QCOMPARE(members(QStringLiteral("order_without_form")), 0);
    QVERIFY(exact("order attached"));

    // Paid at Stripe, webhook dropped: reconciliation's finding puts it in the queue; applying
    // it (the webhook's code path) takes it out and makes it paid once.
    const QString w = QStringLiteral("form_trg_webhook");
    QVERIFY(readyForm(w));
    r = m_h->json("POST", QStringLiteral("/api/stripe/checkout"),
                  QJsonObject {{QStringLiteral("formId"), w},
                               {QStringLiteral("selectedVariations"),
                                QJsonObject {{QStringLiteral("0"), 1}}}});
    QCOMPARE(r.status, 200);
    const QString session = r.json.value(QStringLiteral("sessionId")).toString();
    QCOMPARE(m_h->request("POST",
                          QStringLiteral("/sim/stripe/sessions/%1/pay?webhook=drop").arg(session))
                 .status,
             200);
    QCOMPARE(m_h->request("POST", QStringLiteral("/api/admin/reconcile"), {}, admin()).status, 200);
    QVERIFY(m_h->waitFor([&] { return members(QStringLiteral("paid_without_webhook")) == 1; }));
    QCOMPARE(queueCount(Queue::PaidWithoutWebhook), 1);
    QVERIFY(exact("webhook dropped"));
    const QString finding = m_h->database().text(QStringLiteral(
        "SELECT id FROM compose_reconciliation_findings WHERE kind = 'paid_without_webhook'"));
    r = m_h->request("POST", QStringLiteral("/api/admin/findings/%1/apply").arg(finding), {},
                     admin());
    QCOMPARE(r.status, 200);
    QCOMPARE(queueCount(Queue::PaidWithoutWebhook), 0);
    QCOMPARE(members(QStringLiteral("paid_not_delivered")), 1);
    QCOMPARE(m_h->database().count(
                 QStringLiteral("SELECT count(*) FROM orders WHERE form_id = '%1'").arg(w)),
             1);
    QVERIFY(exact("finding applied"));

    // Two sessions for one form, both paid: the second is a duplicate payment.
    const QString d = QStringLiteral("form_trg_dup");
    QVERIFY(readyForm(d));
    QStringList sessions;
    for (int i = 0; i < 2; ++i) {
        r = m_h->json("POST", QStringLiteral("/api/stripe/checkout"),
                      QJsonObject {{QStringLiteral("formId"), d},
                                   {QStringLiteral("selectedVariations"),
                                    QJsonObject {{QStringLiteral("0"), 3}}}});
        QCOMPARE(r.status, 200);
        sessions << r.json.value(QStringLiteral("sessionId")).toString();
    }
    for (const QString &s : std::as_const(sessions))
        QCOMPARE(m_h->request("POST", QStringLiteral("/sim/stripe/sessions/%1/pay").arg(s)).status,
                 200);
    QCOMPARE(queueCount(Queue::DuplicatePayment), 1);
    QVERIFY(exact("paid twice"));
    m_h->database().exec(
        QStringLiteral("UPDATE orders SET status = 'refunded' WHERE payment_flag = 'duplicate'"));
    QCOMPARE(queueCount(Queue::DuplicatePayment), 0);
    QVERIFY(exact("duplicate refunded"));

    // A failed variation: in the queue; the API's retry takes it out at once (a new row).
    const QString f = QStringLiteral("form_trg_failed");
    QVERIFY(readyForm(f));
    m_h->database().exec(QStringLiteral("UPDATE music_generations SET status = 'failed' WHERE "
                                        "form_id = '%1' AND variation_index = 2")
                             .arg(f));
    QCOMPARE(queueCount(Queue::FailedGeneration), 1);
    QVERIFY(exact("failed"));
    r = m_h->json("POST", QStringLiteral("/api/admin/forms/%1/retry").arg(f),
                  QJsonObject {{QStringLiteral("failedOnly"), true}}, admin());
    QCOMPARE(r.status, 200);
    QCOMPARE(queueCount(Queue::FailedGeneration), 0);
    QVERIFY(m_h->waitStatus(f, QStringLiteral("variations_ready")));
    QVERIFY(exact("retried"));

    // Generating for half an hour.
    m_h->database().exec(QStringLiteral("UPDATE compose_forms SET status = "
                                        "'variations_generating', updated_at = %1 WHERE id = '%2'")
                             .arg(ago("updated_at", "30 minutes"), f));
    QCOMPARE(queueCount(Queue::StuckGenerating), 1);
    QVERIFY(exact("stuck"));
    // The form's JSON names a task it has no row for.
    m_h->database().exec(QStringLiteral("UPDATE compose_forms SET status = 'variations_ready', "
                                        "variation_task_ids = '{\"0\": [\"x\", \"y\", \"z\"]}' "
                                        "WHERE id = '%1'")
                             .arg(f));
    QCOMPARE(queueCount(Queue::StuckGenerating), 0);
    QCOMPARE(queueCount(Queue::JsonMismatch), 1);
    QVERIFY(exact("json disagrees"));
    // A generation row moved to another form: both forms are recomputed.
    m_h->database().exec(
        QStringLiteral("UPDATE music_generations SET form_id = '%1' WHERE form_id = '%2' AND "
                       "variation_index = 1")
            .arg(d, f));
    QVERIFY(exact("row moved"));

    // The API's writes still do what they did: one order per payment, statuses as before.
    QCOMPARE(m_h->form(p).value(QStringLiteral("status")).toString(), QStringLiteral("delivered"));
    QCOMPARE(m_h->form(w).value(QStringLiteral("status")).toString(),
             QStringLiteral("payment_completed"));
    QCOMPARE(m_h->database().count(QStringLiteral("SELECT count(*) FROM orders")), 4);
    m_h.reset();
}

QTEST_GUILESS_MAIN(tst_AttentionTriggers)
#include "tst_attentiontriggers.moc"
