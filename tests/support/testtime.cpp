#include "testtime.h"

#include <QtGlobal>

namespace compose::test {

int timeFactor()
{
    static const int factor = [] {
        bool ok = false;
        const int f = qEnvironmentVariableIntValue("COMPOSE_TEST_TIME_FACTOR", &ok);
        return ok && f >= 1 && f <= 20 ? f : 1;
    }();
    return factor;
}

} // namespace compose::test
