#pragma once

#include "formstatus.h"

#include <QDateTime>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace compose {

// One compose_forms row as read, all columns, JSON columns parsed (Null when unreadable). FormStore
// reads it; compose-api works on it (FormRecord) and the dashboard's FormSummary is made from
// its scalar columns, so the table has one row mapper.
struct FormRecord {
    QString id;
    QString packageType;
    int songCount = 0;
    QJsonValue formData;
    QJsonValue generatedPrompts;
    QJsonValue variationTaskIds;
    QJsonValue variationAudioUrls;
    QJsonValue selectedVariations;
    QString statusKey;
    QString stripeSessionId;
    QString stripePaymentIntentId;
    std::optional<qint64> amountPaid;
    QDateTime paidAt;
    QString userId;
    QString guestEmail;
    QDateTime createdAt;
    QDateTime updatedAt;
    QDateTime expiresAt;

    FormStatus status() const { return Status::fromKey(statusKey); }
};

} // namespace compose
