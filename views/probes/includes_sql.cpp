// Layer probe (scripts/check-layers.sh): a view that reaches for SQL. Must NOT compile.
#include <QSqlQuery>

int layerProbeSql()
{
    return int(sizeof(QSqlQuery));
}
