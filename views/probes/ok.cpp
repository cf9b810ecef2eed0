// Layer probe (scripts/check-layers.sh): what a view may include. Must compile, so that the two
// probes beside it fail for the reason they are written for and not for a broken setup.
#include "formlistmodel.h"
#include "formstatus.h"
#include "previewplayer.h"
#include "staffactions.h"

#include <QWidget>

int layerProbeOk()
{
    return int(sizeof(QWidget));
}
