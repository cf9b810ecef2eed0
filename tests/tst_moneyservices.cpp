// RefundService and IdempotentAction without HTTP in front of them: the services on a real
// database (PostgreSQL, and SQLite where the rule is the same) and a Stripe stand-in on
// loopback that counts the refunds it really performed.

#include "apicontext.h"
#include "apierror.h"
#include "database.h"
#include "deliveryservice.h"
#include "idempotentaction.h"
#include "outbound.h"
#include "refundservice.h"
#include "seedrows.h"
#include "staffaccounts.h"
#include "stripestandin.h"
#include "testdatabase.h"

#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace compose;

namespace {

const QString kIntent = QStringLiteral("pi_money_");

// One compose-api context on the test's own connection: what ApiServer builds, minus HTTP.
struct Services {
    explicit Services(SqlDialect dialect, const QUrl &stripe)
        : db(dialect)
    {
        if (!db.isAvailable())
            return;
        db.migrate();
        ServerConfig c;
        c.database = db.settings();
        c.simulate = false;
        c.stripeBaseUrl = stripe;
        c.stripeKey = QStringLiteral("sk_test_standin");
        c.upstreamTimeoutMs = 1500;
        c.idempotencyLeaseS = 1;
        context = std::make_unique<ApiContext>(c, db.connection().connectionName(), &outbound);
        deliveries = std::make_unique<DeliveryService>(context.get());
        context->setDeliveries(deliveries.get());
        refunds = std::make_unique<RefundService>(context.get());
        const QString token = StaffAccounts::createOrRekey(db.connection(), QStringLiteral("Ada"),
                                                           QStringLiteral("admin"));
        staff = *StaffAccounts::authenticate(db.connection(), "Bearer " + token.toUtf8());
    }

    int count(const QString &sql) { return db.count(sql); }
    QString text(const QString &sql) { return db.text(sql); }

    // Reserves in its own transaction, as the staff route does; throws ApiError.
    RefundService::Reserved reserve(const QString &formId, std::optional<qint64> amount,
                                    const QString &stripeKey)
    {
        RefundService::Request r;
        r.staff = staff;
        r.amount = amount;
        r.reason = QStringLiteral("requested_by_customer");
        r.stripeKey = stripeKey;
        Db::Transaction tx(context->db());
        context->setActor(staff.name);
        const FormRecord form = context->requireForm(formId, true);
        const RefundService::Reserved out = refunds->reserve(r, form);
        tx.commit();
        return out;
    }

    // Asks Stripe and waits (bounded) for the settlement.
    std::optional<RefundService::Settlement> ask(const RefundRow &reservation)
    {
        std::optional<RefundService::Settlement> outcome;
        QObject guard;
        refunds->askStripe(reservation, &guard,
                           [&outcome](const RefundService::Settlement &s) { outcome = s; });
        QTest::qWaitFor([&] { return outcome.has_value(); }, 10000);
        return outcome;
    }

    qint64 refundable(const QString &formId)
    {
        return context->refundable(context->requireForm(formId));
    }

    test::TestDatabase db;
    Outbound outbound;
    std::unique_ptr<ApiContext> context;
    std::unique_ptr<DeliveryService> deliveries;
    std::unique_ptr<RefundService> refunds;
    StaffMember staff;
};

QString paidForm(Services &s, test::StripeStandIn *stripe, const QString &id, qint64 amount,
                 qint64 paidAtStripe = -1)
{
    test::FormSpec f;
    f.id = id;
    f.status = QStringLiteral("payment_completed");
    f.stripePaymentIntentId = QString(kIntent + id);
    f.amountPaid = amount;
    f.paidAt = QDateTime::currentDateTimeUtc();
    test::insertForm(s.db.connection(), f);
    stripe->addPayment(kIntent + id, paidAtStripe < 0 ? amount : paidAtStripe);
    return id;
}

} // namespace

class tst_MoneyServices final : public QObject {
    Q_OBJECT

private slots:
    void lostAnswerRefundsOnceAndSweepSettles();
    void unavailableKeepsReservationUntilRetry();
    void stripesRefusalReleasesReservation();
    void reservationsNeverExceedPayment_data();
    void reservationsNeverExceedPayment();
    void eventFromStripeRecordedOnce();
    void idempotentActionClaims_data();
    void idempotentActionClaims();
};

void tst_MoneyServices::lostAnswerRefundsOnceAndSweepSettles()
{
    test::StripeStandIn stripe;
    Services s(SqlDialect::PostgreSQL, stripe.baseUrl());
    COMPOSE_REQUIRE_DB(s.db);
    const QString form = paidForm(s, &stripe, QStringLiteral("f_lost"), 999);
    const QString key = RefundService::stripeKeyFor(s.staff.id, "lost-1");

    // Stripe refunds, then its answer is a 500 that it stores under the key.
    stripe.setFault(test::StripeStandIn::Fault::ErrorAfter, 1);
    const RefundRow first = s.reserve(form, std::nullopt, key).reservation;
    QCOMPARE(first.amount, 999);
    auto outcome = s.ask(first);
    QVERIFY(outcome);
    QCOMPARE(outcome->kind, RefundService::Settlement::Kind::Unknown);
    QCOMPARE(stripe.refundsPerformed(), 1);
    QCOMPARE(s.text(QStringLiteral("SELECT status FROM compose_refunds")),
             QStringLiteral("pending"));
    QCOMPARE(s.refundable(form), 0); // still reserved: the refund may have happened

    // The staff member tries again with the same request: the same reservation, the same key.
    const RefundService::Reserved again = s.reserve(form, std::nullopt, key);
    QVERIFY(!again.answer);
    QCOMPARE(again.reservation.id, first.id);
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM compose_refunds")), 1);
    outcome = s.ask(again.reservation);
    QVERIFY(outcome);
    QCOMPARE(outcome->kind, RefundService::Settlement::Kind::Unknown); // Stripe replays its 500
    QCOMPARE(stripe.refundsPerformed(), 1);

    // The sweep finds the refund in Stripe's list once the lease ran out.
    QSignalSpy swept(s.refunds.get(), &RefundService::swept);
    QVERIFY(QTest::qWaitFor([&] { return s.refunds->sweep() == 1; }, 5000));
    QVERIFY(swept.count() == 1 || swept.wait(5000));
    QCOMPARE(swept.count(), 1);
    QCOMPARE(swept.first().at(0).toString(), first.id);
    QCOMPARE(swept.first().at(1).toInt(), 200); // succeeded, as audited

    QCOMPARE(stripe.refundsPerformed(), 1);
    QCOMPARE(stripe.refunded(kIntent + form), 999);
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM compose_refunds WHERE status = "
                                    "'succeeded' AND substr(id, 1, 3) = 're_'")),
             1);
    QCOMPARE(s.text(QStringLiteral("SELECT status FROM compose_forms WHERE id = 'f_lost'")),
             QStringLiteral("refunded"));
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM compose_audit WHERE form_id = 'f_lost' "
                                    "AND http_status = 200")),
             1);

    // A third try of the same request answers from the settled row and asks Stripe nothing.
    const int seen = stripe.requestsSeen();
    const RefundService::Reserved settled = s.reserve(form, std::nullopt, key);
    QVERIFY(settled.answer);
    QCOMPARE(settled.answer->value(QStringLiteral("refund"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("succeeded"));
    QCOMPARE(stripe.requestsSeen(), seen);
}

void tst_MoneyServices::unavailableKeepsReservationUntilRetry()
{
    test::StripeStandIn stripe;
    Services s(SqlDialect::PostgreSQL, stripe.baseUrl());
    COMPOSE_REQUIRE_DB(s.db);
    const QString form = paidForm(s, &stripe, QStringLiteral("f_down"), 999);
    const QString key = RefundService::stripeKeyFor(s.staff.id, "down-1");

    stripe.setFault(test::StripeStandIn::Fault::Unavailable, 1);
    const RefundRow res = s.reserve(form, 400, key).reservation;
    auto outcome = s.ask(res);
    QVERIFY(outcome);
    QCOMPARE(outcome->kind, RefundService::Settlement::Kind::Unknown);
    QCOMPARE(outcome->upstreamStatus, 502);
    QCOMPARE(stripe.refundsPerformed(), 0);
    QCOMPARE(s.refundable(form), 599);
    QVERIFY(!s.text(QStringLiteral("SELECT last_error FROM compose_refunds")).isEmpty());

    outcome = s.ask(s.reserve(form, 400, key).reservation);
    QVERIFY(outcome);
    QCOMPARE(outcome->kind, RefundService::Settlement::Kind::Succeeded);
    QCOMPARE(stripe.refundsPerformed(), 1);
    QCOMPARE(stripe.refunded(kIntent + form), 400);
    QCOMPARE(s.refundable(form), 599);
    // Partial: the form stays paid and nothing closes the books.
    QCOMPARE(s.text(QStringLiteral("SELECT status FROM compose_forms WHERE id = 'f_down'")),
             QStringLiteral("payment_completed"));
}

void tst_MoneyServices::stripesRefusalReleasesReservation()
{
    test::StripeStandIn stripe;
    Services s(SqlDialect::PostgreSQL, stripe.baseUrl());
    COMPOSE_REQUIRE_DB(s.db);
    // Stripe knows a smaller payment than the form says: it refuses the full amount (400).
    const QString form = paidForm(s, &stripe, QStringLiteral("f_no"), 999, 100);
    const auto outcome = s.ask(s.reserve(form, std::nullopt, {}).reservation);
    QVERIFY(outcome);
    QCOMPARE(outcome->kind, RefundService::Settlement::Kind::Refused);
    QCOMPARE(outcome->upstreamStatus, 400);
    QCOMPARE(stripe.refundsPerformed(), 0);
    QCOMPARE(s.text(QStringLiteral("SELECT status FROM compose_refunds")),
             QStringLiteral("failed"));
    QCOMPARE(s.refundable(form), 999); // released
    // Nothing pending remains for the sweep.
    QCOMPARE(s.refunds->sweep(), 0);
}

void tst_MoneyServices::reservationsNeverExceedPayment_data()
{
    QTest::addColumn<SqlDialect>("dialect");
    QTest::addRow("postgresql") << SqlDialect::PostgreSQL;
    QTest::addRow("sqlite") << SqlDialect::SQLite;
}

void tst_MoneyServices::reservationsNeverExceedPayment()
{
    QFETCH(SqlDialect, dialect);
    test::StripeStandIn stripe;
    Services s(dialect, stripe.baseUrl());
    COMPOSE_REQUIRE_DB(s.db);
    const QString form = paidForm(s, &stripe, QStringLiteral("f_cap"), 500);

    QCOMPARE(s.reserve(form, 300, QStringLiteral("k1")).reservation.amount, 300);
    try {
        s.reserve(form, 300, QStringLiteral("k2"));
        QFAIL("a reservation beyond the payment was accepted");
    } catch (const ApiError &e) {
        QCOMPARE(e.status(), 409);
        QCOMPARE(e.code(), QStringLiteral("amount_exceeds_refundable"));
    }
    QCOMPARE(s.reserve(form, std::nullopt, QStringLiteral("k3")).reservation.amount, 200);
    try {
        s.reserve(form, 1, QStringLiteral("k4"));
        QFAIL("a reservation of nothing remaining was accepted");
    } catch (const ApiError &e) {
        QCOMPARE(e.code(), QStringLiteral("nothing_refundable"));
    }
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM compose_refunds")), 2);
    QCOMPARE(s.count(QStringLiteral("SELECT SUM(amount) FROM compose_refunds")), 500);
    QCOMPARE(stripe.requestsSeen(), 0); // reserving alone never asks Stripe
}

void tst_MoneyServices::eventFromStripeRecordedOnce()
{
    test::StripeStandIn stripe;
    Services s(SqlDialect::PostgreSQL, stripe.baseUrl());
    COMPOSE_REQUIRE_DB(s.db);
    const QString form = paidForm(s, &stripe, QStringLiteral("f_ext"), 999);
    test::insertOrder(s.db.connection(), QStringLiteral("ord_ext"), form, 999, std::nullopt,
                      QStringLiteral("guest@example.com"));
    const QJsonObject refund {{QStringLiteral("id"), QStringLiteral("re_dashboard_1")},
                              {QStringLiteral("status"), QStringLiteral("succeeded")},
                              {QStringLiteral("amount"), 999},
                              {QStringLiteral("currency"), QStringLiteral("usd")},
                              {QStringLiteral("payment_intent"), QString(kIntent + form)}};
    for (int i = 0; i < 2; ++i) { // Stripe delivers at least once
        Db::Transaction tx(s.context->db());
        s.context->setActor(QStringLiteral("stripe"));
        s.refunds->syncFromStripe(refund, QStringLiteral("stripe"));
        tx.commit();
    }
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM compose_refunds")), 1);
    QCOMPARE(s.text(QStringLiteral("SELECT note FROM compose_refunds")),
             QStringLiteral("Refunded outside compose-api."));
    QCOMPARE(s.text(QStringLiteral("SELECT status FROM compose_forms WHERE id = 'f_ext'")),
             QStringLiteral("refunded"));
    QCOMPARE(s.text(QStringLiteral("SELECT status FROM orders WHERE id = 'ord_ext'")),
             QStringLiteral("refunded"));
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM compose_form_events WHERE form_id = "
                                    "'f_ext' AND new_status = 'refunded'")),
             1);
    QCOMPARE(stripe.requestsSeen(), 0);
}

void tst_MoneyServices::idempotentActionClaims_data()
{
    reservationsNeverExceedPayment_data();
}

void tst_MoneyServices::idempotentActionClaims()
{
    QFETCH(SqlDialect, dialect);
    test::StripeStandIn stripe;
    Services s(dialect, stripe.baseUrl());
    COMPOSE_REQUIRE_DB(s.db);
    using Claim = IdempotentAction::Claim;
    const QString path = QStringLiteral("/api/admin/forms/f/deliver");
    const QDateTime now = QDateTime::currentDateTimeUtc();

    IdempotentAction a(s.context.get(), s.staff.id, "key-a");
    QCOMPARE(a.claim("POST", path, "{}", now).claim, Claim::Fresh);
    QCOMPARE(a.claim("POST", path, "{}", now).claim, Claim::InProgress);
    QCOMPARE(a.claim("POST", path, R"({"note":"x"})", now).claim, Claim::KeyReused);
    {
        Db::Transaction tx(s.context->db());
        a.finish(200, QJsonObject {{QStringLiteral("ok"), true}});
        tx.commit();
    }
    const IdempotentAction::Outcome replay = a.claim("POST", path, "{}", now.addSecs(3600));
    QCOMPARE(replay.claim, Claim::Replay);
    QCOMPARE(replay.status, 200);
    QCOMPARE(replay.body, QByteArray(R"({"ok":true})"));

    // A 5xx is no answer: the key is released and the next retry runs the action again, once.
    IdempotentAction b(s.context.get(), s.staff.id, "key-b");
    QCOMPARE(b.claim("POST", path, "{}", now).claim, Claim::Fresh);
    {
        Db::Transaction tx(s.context->db());
        b.finish(502, QJsonObject {{QStringLiteral("error"), true}});
        tx.commit();
    }
    QCOMPARE(b.claim("POST", path, "{}", now).claim, Claim::TakenOver);
    QCOMPARE(b.claim("POST", path, "{}", now).claim, Claim::InProgress);

    // A claim whose holder vanished is taken over after the lease (1 s here), by one retry.
    IdempotentAction c(s.context.get(), s.staff.id, "key-c");
    QCOMPARE(c.claim("POST", path, "{}", now).claim, Claim::Fresh);
    QCOMPARE(c.claim("POST", path, "{}", now.addMSecs(500)).claim, Claim::InProgress);
    QCOMPARE(c.claim("POST", path, "{}", now.addSecs(2)).claim, Claim::TakenOver);
    QCOMPARE(c.claim("POST", path, "{}", now.addSecs(2)).claim, Claim::InProgress);

    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM compose_idempotency")), 3);
    QCOMPARE(s.count(QStringLiteral("SELECT COUNT(*) FROM compose_idempotency WHERE "
                                    "response_status IS NOT NULL")),
             1);
}

QTEST_GUILESS_MAIN(tst_MoneyServices)
#include "tst_moneyservices.moc"
