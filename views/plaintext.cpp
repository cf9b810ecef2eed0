#include "plaintext.h"

#include <QLabel>

namespace compose::PlainText {

void prepare(QLabel *label, bool selectable)
{
    label->setTextFormat(Qt::PlainText);
    label->setOpenExternalLinks(false);
    if (selectable)
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
}

QString toolTip(const QString &text)
{
    if (text.isEmpty())
        return {};
    QString escaped = text.toHtmlEscaped();
    escaped.replace(QLatin1Char('\n'), QLatin1String("<br/>"));
    return QLatin1String("<qt>") + escaped + QLatin1String("</qt>");
}

} // namespace compose::PlainText
