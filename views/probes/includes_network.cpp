// Layer probe (scripts/check-layers.sh): a view that reaches for the network. Must NOT compile.
#include <QNetworkAccessManager>

int layerProbeNetwork()
{
    return int(sizeof(QNetworkAccessManager));
}
