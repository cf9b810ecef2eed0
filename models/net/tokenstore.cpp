#include "tokenstore.h"

#include <qt6keychain/keychain.h>

namespace compose {

namespace {
const QString kService = QStringLiteral("compose-desk");
}

TokenStore::TokenStore(QObject *parent)
    : QObject(parent)
{
}

QString TokenStore::fromEnvironment()
{
    return qEnvironmentVariable("COMPOSE_API_TOKEN");
}

QString TokenStore::keyFor(const QString &apiUrl)
{
    return QStringLiteral("api-token:") + apiUrl;
}

void TokenStore::load(const QString &apiUrl)
{
    const QString env = fromEnvironment();
    if (!env.isEmpty()) {
        emit loaded(env);
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(keyFor(apiUrl));
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() == QKeychain::NoError)
            emit loaded(job->textData());
        else if (job->error() == QKeychain::EntryNotFound)
            emit loaded({});
        else
            emit failed(tr("The system keychain is not available (%1); the token is kept for this "
                           "session only.")
                            .arg(job->errorString()));
    });
    job->start();
}

void TokenStore::save(const QString &apiUrl, const QString &token)
{
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(keyFor(apiUrl));
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() == QKeychain::NoError)
            emit saved();
        else
            emit failed(tr("The token could not be stored in the system keychain (%1); it is kept "
                           "for this session only.")
                            .arg(job->errorString()));
    });
    job->start();
}

void TokenStore::forget(const QString &apiUrl)
{
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(keyFor(apiUrl));
    job->start();
}

} // namespace compose
