#pragma once

#include <QString>

namespace compose {

// What may go into a log line from a database error. PostgreSQL's messages quote the row they
// refused ("DETAIL: Failing row contains (…, 'the customer's note', …)", "Key (…)=(pi_…)"), so
// a log reader would learn payment intent ids, e-mail addresses and staff notes. dbError() keeps
// the message and the constraint or table it names, and cuts every value: DETAIL/HINT/WHERE
// lines, quoted literals, key values, Stripe ids (pi_…, cs_…, re_…, ch_…) and e-mail addresses.
class LogRedact final {
public:
    static QString dbError(const QString &message);
};

} // namespace compose
