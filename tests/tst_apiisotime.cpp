// ApiContext::isoTime formats the UTC text itself (issue 14: QDateTime::toString was a tenth of
// a form GET's CPU). It must give exactly Qt's ISODateWithMs text for every instant the API can
// hold, whatever zone the QDateTime carries.
#include "apicontext.h"

#include <QRandomGenerator>
#include <QTest>
#include <QTimeZone>

using namespace compose;

class TestApiIsoTime : public QObject {
    Q_OBJECT

private slots:
    void sameTextAsQt()
    {
        QList<qint64> instants {0,
                                -1,
                                1,
                                999,
                                86399999,
                                86400000,
                                -86400000,
                                951782400000, // 2000-02-29
                                4107542399999, // 2100-02-28T23:59:59.999
                                253402300799999, // 9999-12-31T23:59:59.999
                                -62135596800000}; // 0001-01-01
        QRandomGenerator rng(14);
        for (int i = 0; i < 20000; ++i)
            instants << qint64(rng.bounded(quint64(253402300800000) + 62135596800000ULL))
                    - 62135596800000;
        const QList<QTimeZone> zones {QTimeZone::utc(), QTimeZone("Europe/Berlin"),
                                      QTimeZone("America/New_York"), QTimeZone(-3 * 3600)};
        for (const qint64 ms : std::as_const(instants)) {
            for (const QTimeZone &zone : zones) {
                const QDateTime dt = QDateTime::fromMSecsSinceEpoch(ms, zone);
                const QString expected = dt.toUTC().toString(Qt::ISODateWithMs);
                const QString got = ApiContext::isoTime(dt).toString();
                if (got != expected)
                    QFAIL(qPrintable(
                        QStringLiteral("%1 ms: %2, Qt says %3").arg(ms).arg(got, expected)));
            }
        }
        QVERIFY(ApiContext::isoTime(QDateTime()).isNull());
    }
};

QTEST_GUILESS_MAIN(TestApiIsoTime)
#include "tst_apiisotime.moc"
