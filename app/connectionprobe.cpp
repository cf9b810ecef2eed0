#include "connectionprobe.h"

#include "database.h"
#include "formrepository.h"

#include <QAtomicInt>
#include <QCoreApplication>

namespace compose {

QString ConnectionProbe::test(const ConnectionSettings &settings)
{
    static QAtomicInt counter;
    const QString name = QStringLiteral("compose_probe_%1").arg(counter.fetchAndAddRelaxed(1));
    QString result;
    try {
        QSqlDatabase db = Db::open(settings, name);
        FormRepository(db).detect();
    } catch (const DbError &e) {
        result = e.message();
    }
    Db::close(name);
    return result;
}

} // namespace compose
