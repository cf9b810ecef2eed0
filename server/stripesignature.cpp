#include "stripesignature.h"

#include <QByteArrayList>
#include <QMessageAuthenticationCode>

namespace compose {

QByteArray StripeSignature::sign(const QByteArray &payload, const QByteArray &secret,
                                 qint64 timestamp)
{
    const QByteArray t = QByteArray::number(timestamp);
    const QByteArray mac = QMessageAuthenticationCode::hash(QByteArray(t + '.' + payload), secret,
                                                            QCryptographicHash::Sha256)
                               .toHex();
    return "t=" + t + ",v1=" + mac;
}

bool StripeSignature::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

StripeSignature::Result StripeSignature::verify(const QByteArray &header, const QByteArray &payload,
                                                const QByteArray &secret, qint64 now,
                                                qint64 toleranceS)
{
    if (header.trimmed().isEmpty())
        return Result::Missing;
    QByteArray t;
    QByteArrayList signatures;
    for (const QByteArray &part : header.split(',')) {
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0)
            continue;
        const QByteArray key = part.left(eq).trimmed();
        const QByteArray value = part.mid(eq + 1).trimmed();
        if (key == "t")
            t = value;
        else if (key == "v1")
            signatures << value.toLower();
    }
    bool ok = false;
    const qint64 ts = t.toLongLong(&ok);
    if (!ok || signatures.isEmpty())
        return Result::Malformed;
    const QByteArray expected = QMessageAuthenticationCode::hash(QByteArray(t + '.' + payload),
                                                                 secret, QCryptographicHash::Sha256)
                                    .toHex();
    bool match = false;
    for (const QByteArray &sig : std::as_const(signatures))
        match = constantTimeEquals(sig, expected) || match; // no early exit
    if (!match)
        return Result::Mismatch;
    if (qAbs(now - ts) > toleranceS)
        return Result::Stale;
    return Result::Ok;
}

QString StripeSignature::describe(Result r)
{
    switch (r) {
    case Result::Ok:
        return QStringLiteral("valid");
    case Result::Missing:
        return QStringLiteral("The Stripe-Signature header is missing.");
    case Result::Malformed:
        return QStringLiteral(
            "The Stripe-Signature header is malformed (expected t=<unix>,v1=<hex>).");
    case Result::Stale:
        return QStringLiteral("The Stripe-Signature timestamp is outside the 300 s tolerance.");
    case Result::Mismatch:
        return QStringLiteral("No v1 signature in Stripe-Signature matches the payload.");
    }
    return {};
}

} // namespace compose
