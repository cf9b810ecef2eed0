#pragma once

#include <QDateTime>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

namespace compose::test {

// A dashboard's worth of realistic forms (every status, solo and bundle, guests and account
// holders, a few messy rows), with what was written so GUI tests can check what they see.
struct DashboardSeed {
    QMap<QString, int> statusCounts; // status key as written -> forms
    int total = 0;
    int olderThan30Days = 0;
    QString markupFormId; // recipient name full of markup characters
    QString markupRecipient;
    QString bundleFormId; // holiday hamper, 3 songs x 3 variations
    QString conflictTaskId; // bundle row whose audio URL differs between JSON and generation
    QString failedTaskId; // bundle row whose generation failed
    QString emailFormId; // the only form with searchEmail
    QString searchEmail;
    QString intentFormId; // the only form with paymentIntent
    QString paymentIntent;
    QString userFormId; // an account holder's form
};

DashboardSeed seedDashboard(const QSqlDatabase &db,
                            const QDateTime &now = QDateTime::currentDateTimeUtc());

} // namespace compose::test
