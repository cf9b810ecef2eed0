#pragma once

#include "formrow.h"

namespace compose {

// compose-api's name for a compose_forms row: the store's FormRow (models/domain/formrow.h),
// read by FormStore, the same mapper the dashboard's reads use.
using FormRecord = FormRow;

} // namespace compose
