#include "detailready.h"

#include "formdetailmodel.h"

namespace compose {

void whenDetailLoaded(FormDetailModel *detail, QObject *context, const QString &formId,
                      const std::function<void()> &fn)
{
    if (detail->formId() == formId && detail->state() == FormDetailModel::State::Loaded) {
        fn();
        return;
    }
    auto *once = new QObject(context);
    QObject::connect(detail, &FormDetailModel::stateChanged, once,
                     [detail, once, formId, fn](FormDetailModel::State s) {
                         if (s == FormDetailModel::State::Loading)
                             return;
                         once->deleteLater();
                         if (s == FormDetailModel::State::Loaded && detail->formId() == formId)
                             fn();
                     });
}

} // namespace compose
