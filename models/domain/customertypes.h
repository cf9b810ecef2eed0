#pragma once

#include "formtypes.h"

#include <QList>
#include <QString>

namespace compose {

// One form of a customer, for the customer view: what it is, what was paid, what went back and
// how often the song was sent.
struct CustomerForm {
    FormSummary summary;
    qint64 refundedCents = 0; // refunds that count (not failed or canceled)
    int deliveries = 0; // deliveries and redeliveries of the share link
    bool knowsRefunds = false; // false on a schema without our refund and delivery tables
};

// Whose forms the customer view lists: the account, or the e-mail (case-insensitive: a guest's
// e-mail, an account's e-mail), or both.
struct CustomerKey {
    QString userId;
    QString email;
    bool isEmpty() const { return userId.isEmpty() && email.trimmed().isEmpty(); }
};

// What MusicGPT made for one variation (music_generations: title_1/_2, lyrics_1/_2), for the
// "wrong name" check beside the prompt.
struct GenerationText {
    int songIndex = -1;
    int variationIndex = -1;
    QString titles[2];
    QString lyrics[2];
};

} // namespace compose
