#pragma once

#include <QString>

#include <functional>

QT_BEGIN_NAMESPACE
class QObject;
QT_END_NAMESPACE

namespace compose {

class FormDetailModel;

// Runs fn now if this form's detail is loaded, else once it has loaded; not if loading fails or
// another form is shown by then. What a menu or Ctrl+P offers depends on the form's full state,
// which the list row alone does not have. context ends the wait when it is destroyed.
void whenDetailLoaded(FormDetailModel *detail, QObject *context, const QString &formId,
                      const std::function<void()> &fn);

} // namespace compose
