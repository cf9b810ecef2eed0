#pragma once

#include "formjson.h"
#include "formrecord.h"

#include <QByteArray>
#include <QList>

namespace compose {

// The body of GET /api/compose/forms (`{"form":{…,"generations":[…]},"success":true}`) written
// straight to bytes: the same bytes as QJsonDocument(ApiContext::formJson() + generationsJson())
// .toJson(Compact), at a fraction of the CPU (docs/performance.md, "compose-api p99"). The
// QJson objects stay the definition of the answer; tests/tst_formanswer.cpp holds this to them.
namespace FormAnswer {

QByteArray get(const FormRecord &form, const QList<GenerationRecord> &generations);

} // namespace FormAnswer

} // namespace compose
