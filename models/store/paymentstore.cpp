#include "paymentstore.h"

#include "database.h"

namespace compose {

namespace {

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

QString firstText(QSqlQuery &q)
{
    Db::exec(q);
    return q.next() ? q.value(0).toString() : QString();
}

} // namespace

void PaymentStore::startCheckout(const QString &formId, const QString &sessionId,
                                 const QString &selectionsJson, qint64 amount, const QDateTime &now)
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("UPDATE compose_forms SET selected_variations = :sel, stripe_session_id = "
                       ":sid, updated_at = :now WHERE id = :id"));
    q.bindValue(QStringLiteral(":sel"), selectionsJson);
    q.bindValue(QStringLiteral(":sid"), sessionId);
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":id"), formId);
    Db::exec(q);
    writeSession({formId, sessionId, {}, amount, QStringLiteral("usd"), selectionsJson}, {}, now,
                 false);
}

bool PaymentStore::recordEvent(const QString &eventId, const QString &type, const QDateTime &now)
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("INSERT INTO compose_stripe_events(event_id, type, received_at) "
                       "VALUES (:id, :t, :now) ON CONFLICT DO NOTHING"));
    q.bindValue(QStringLiteral(":id"), eventId);
    q.bindValue(QStringLiteral(":t"), type);
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    Db::exec(q);
    return q.numRowsAffected() != 0;
}

std::optional<CheckoutSessionRow> PaymentStore::session(const QString &sessionId) const
{
    QSqlQuery q
        = Db::prepare(m_db,
                      QStringLiteral("SELECT form_id, selections FROM compose_checkout_sessions "
                                     "WHERE session_id = :s"));
    q.bindValue(QStringLiteral(":s"), sessionId);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    return CheckoutSessionRow {q.value(0).toString(), q.value(1).toString()};
}

QString PaymentStore::formIdBySession(const QString &sessionId) const
{
    QSqlQuery q = Db::prepare(
        m_db, QStringLiteral("SELECT id FROM compose_forms WHERE stripe_session_id = :s"));
    q.bindValue(QStringLiteral(":s"), sessionId);
    return firstText(q);
}

QString PaymentStore::formIdByIntent(const QString &intent) const
{
    QSqlQuery q = Db::prepare(
        m_db, QStringLiteral("SELECT id FROM compose_forms WHERE stripe_payment_intent_id = :pi"));
    q.bindValue(QStringLiteral(":pi"), intent);
    return firstText(q);
}

std::optional<QString> PaymentStore::orderIdBySession(const QString &sessionId) const
{
    QSqlQuery q
        = Db::prepare(m_db, QStringLiteral("SELECT id FROM orders WHERE stripe_session_id = :s"));
    q.bindValue(QStringLiteral(":s"), sessionId);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    return q.value(0).toString();
}

void PaymentStore::markFormPaid(const PaymentRow &payment, const QDateTime &now)
{
    const QVariant at = Db::timestamp(now);
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("UPDATE compose_forms SET stripe_payment_intent_id = "
                                             ":pi, amount_paid = :amt, paid_at = :now, "
                                             "stripe_session_id = :sid, selected_variations = "
                                             ":sel, expires_at = NULL, updated_at = :now2 "
                                             "WHERE id = :id"));
    q.bindValue(QStringLiteral(":pi"), textOrNull(payment.intent));
    q.bindValue(QStringLiteral(":amt"), payment.amount);
    q.bindValue(QStringLiteral(":now"), at);
    q.bindValue(QStringLiteral(":sid"), payment.sessionId);
    q.bindValue(QStringLiteral(":sel"), payment.selectionsJson);
    q.bindValue(QStringLiteral(":now2"), at);
    q.bindValue(QStringLiteral(":id"), payment.formId);
    Db::exec(q);
}

void PaymentStore::insertOrder(const NewOrder &order, const QDateTime &now)
{
    const QVariant at = Db::timestamp(now);
    QSqlQuery q
        = Db::prepare(m_db,
                      QStringLiteral("INSERT INTO orders(id, user_id, guest_email, form_id, "
                                     "amount, currency, status, credits, "
                                     "stripe_session_id, package_id, payment_flag, created_at, "
                                     "updated_at) VALUES (:id, :u, :g, :f, :amt, "
                                     ":cur, 'paid', 0, :sid, :pkg, :flag, :now, :now2)"));
    q.bindValue(QStringLiteral(":id"), order.id);
    q.bindValue(QStringLiteral(":u"), textOrNull(order.userId));
    q.bindValue(QStringLiteral(":g"), textOrNull(order.guestEmail));
    q.bindValue(QStringLiteral(":f"), order.formId);
    q.bindValue(QStringLiteral(":amt"), order.amount);
    q.bindValue(QStringLiteral(":cur"), order.currency);
    q.bindValue(QStringLiteral(":sid"), order.sessionId);
    q.bindValue(QStringLiteral(":pkg"), order.packageId);
    q.bindValue(QStringLiteral(":flag"), textOrNull(order.paymentFlag));
    q.bindValue(QStringLiteral(":now"), at);
    q.bindValue(QStringLiteral(":now2"), at);
    Db::exec(q);
}

void PaymentStore::recordSessionPayment(const PaymentRow &payment, const QString &orderId,
                                        const QDateTime &now)
{
    writeSession(payment, orderId, now, true);
}

void PaymentStore::writeSession(const PaymentRow &payment, const QString &orderId,
                                const QDateTime &now, bool updatePayment)
{
    // A session compose-api started has its row already; the payment fills in its intent and
    // order. A session started elsewhere gets its row with the payment.
    QSqlQuery q
        = Db::prepare(m_db,
                      QStringLiteral("INSERT INTO compose_checkout_sessions(session_id, form_id, "
                                     "selections, amount, currency, payment_intent, "
                                     "order_id, created_at) VALUES (:sid, :f, :sel, :amt, :cur, "
                                     ":pi, :o, :now)")
                          + (updatePayment ? QStringLiteral(
                                 " ON CONFLICT (session_id) "
                                 "DO UPDATE SET payment_intent = excluded.payment_intent, "
                                 "order_id = excluded.order_id")
                                           : QString()));
    q.bindValue(QStringLiteral(":sid"), payment.sessionId);
    q.bindValue(QStringLiteral(":f"), payment.formId);
    q.bindValue(QStringLiteral(":sel"), payment.selectionsJson);
    q.bindValue(QStringLiteral(":amt"), payment.amount);
    q.bindValue(QStringLiteral(":cur"), payment.currency);
    q.bindValue(QStringLiteral(":pi"), textOrNull(payment.intent));
    q.bindValue(QStringLiteral(":o"), textOrNull(orderId));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    Db::exec(q);
}

void PaymentStore::refundOrders(const QString &formId, const QDateTime &now)
{
    // The form's own payment only: a flagged order (a duplicate payment) is another payment
    // intent, refunded on its own or not at all.
    QSqlQuery q = Db::prepare(m_db,
                              QStringLiteral("UPDATE orders SET status = 'refunded', updated_at = "
                                             ":now WHERE form_id = :f AND status <> 'refunded' "
                                             "AND payment_flag IS NULL"));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":f"), formId);
    Db::exec(q);
}

std::optional<PaymentStore::OrderPayment> PaymentStore::orderPayment(const QString &formId,
                                                                     const QString &orderId) const
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("SELECT o.id, o.amount, o.currency, s.payment_intent, o.payment_flag, "
                       "o.status FROM orders o LEFT JOIN compose_checkout_sessions s ON "
                       "s.session_id = o.stripe_session_id WHERE o.id = :o AND o.form_id = :f"));
    q.bindValue(QStringLiteral(":o"), orderId);
    q.bindValue(QStringLiteral(":f"), formId);
    Db::exec(q);
    if (!q.next())
        return std::nullopt;
    return OrderPayment {q.value(0).toString(),
                         q.value(1).toLongLong(),
                         q.value(2).isNull() ? QStringLiteral("usd") : q.value(2).toString(),
                         q.value(3).toString(),
                         q.value(4).toString(),
                         q.value(5).toString()};
}

void PaymentStore::closeFlaggedOrder(const QString &paymentIntent, const QDateTime &now)
{
    QSqlQuery q = Db::prepare(
        m_db,
        QStringLiteral("UPDATE orders SET status = 'refunded', updated_at = :now WHERE "
                       "payment_flag IS NOT NULL AND status <> 'refunded' AND stripe_session_id IN "
                       "(SELECT session_id FROM compose_checkout_sessions WHERE payment_intent = "
                       ":pi) AND amount <= (SELECT COALESCE(SUM(amount), 0) FROM compose_refunds "
                       "WHERE payment_intent = :pi2 AND status = 'succeeded')"));
    q.bindValue(QStringLiteral(":now"), Db::timestamp(now));
    q.bindValue(QStringLiteral(":pi"), paymentIntent);
    q.bindValue(QStringLiteral(":pi2"), paymentIntent);
    Db::exec(q);
}

} // namespace compose
