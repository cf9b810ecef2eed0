#pragma once

#include <QString>

QT_BEGIN_NAMESPACE
class QLabel;
QT_END_NAMESPACE

namespace compose {

// Customer text is plain text: these helpers make it so where Qt would guess at markup.
namespace PlainText {

// A label for data: never interprets markup, selectable, no links.
void prepare(QLabel *label, bool selectable = true);
// QToolTip guesses rich text from the content; escaping and wrapping pins it to literal text.
QString toolTip(const QString &text);

} // namespace PlainText
} // namespace compose
