#pragma once

#include "formjson.h"

#include <QDateTime>
#include <QJsonValue>
#include <QSqlDatabase>

#include <optional>

namespace compose {

// music_generations and the generation bookkeeping of compose-api (claims, the per-form call
// budget, the webhook secret): the table's one row reader and every update the server makes.
// The row INSERT lives with generation start. Runs on the caller's connection and transaction;
// throws DbError.
class GenerationStore final {
public:
    explicit GenerationStore(QSqlDatabase db);

    // Every generation of the form, by song, variation, then age.
    QList<GenerationRecord> forForm(const QString &formId) const;
    std::optional<GenerationRecord> byTask(const QString &taskId) const;
    // The newest generation of one slot.
    std::optional<GenerationRecord> latestInSlot(const QString &formId, int song,
                                                 int variation) const;

    // The generation whose version 1 or 2 is shared under `slug`.
    std::optional<GenerationRecord> bySlug(const QString &slug) const;
    // The shop's orders of the form marked refunded (the seed's own bookkeeping).
    int refundedOrders(const QString &formId) const;

    // What MusicGPT answered to a start: the fields a (re)started row records.
    struct Start {
        QString taskId;
        QString conversionId1;
        QString conversionId2;
        QString prompt;
        QJsonValue response;
    };
    // Resets an existing row of the slot for a retry: new task, everything MusicGPT made cleared.
    void restart(const QString &generationId, const Start &start, const QDateTime &now) const;

    // pending -> in_progress.
    void markInProgress(const QString &taskId, const QDateTime &now) const;
    struct Version {
        QString audioUrl;
        QString wavUrl;
        std::optional<double> duration;
        QString title;
        QString lyrics;
        QString lyricsTimestamped;
    };
    // Records version 1 or 2 of a task unless the task is finished, chosen or paid, or the
    // version is there already (deliveries repeat).
    void recordVersion(const QString &taskId, int version, const Version &v,
                       const QDateTime &now) const;
    // Marks the task failed unless it completed, was chosen or paid.
    void recordFailure(const QString &taskId, const QJsonValue &statusResponse,
                       const QDateTime &now) const;
    void markCompleted(const QString &taskId, const QDateTime &now) const;
    // Distinct completed slots of the form within songCount songs x variations 1..3.
    int completedSlots(const QString &formId, int songCount) const;

    // The claim row is the lock on a slot: true when this caller now holds it. A claim older
    // than staleBefore is removed first (its process died mid-call).
    bool claimSlot(const QString &formId, int song, int variation, const QDateTime &now,
                   const QDateTime &staleBefore) const;
    void releaseClaim(const QString &formId, int song, int variation) const;
    // Counts one MusicGPT call against the form; false when it has made `cap` already.
    bool spendCall(const QString &formId, int cap) const;

    // The secret named `name`, created with `candidate` by the first process that asks.
    QString secret(const QString &name, const QString &candidate, const QDateTime &now) const;

private:
    QSqlDatabase m_db;
};

} // namespace compose
