// libFuzzer target: the dashboard's defensive readers of compose_forms' JSON columns
// (models/domain/formjson.*). Whatever the shop's database holds, they must not crash.
#include "formjson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QVariant>

#include <cstddef>
#include <cstdint>

using namespace compose;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    // First byte: the song count (0..3, and odd ones); the rest: up to three column texts
    // separated by NUL (form_data or prompts, variation_task_ids, variation_audio_urls, ...).
    const int songCount = int(data[0] % 6) - 1;
    const QByteArray rest(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const QList<QByteArray> parts = rest.split('\0');
    const QString a = QString::fromUtf8(parts.value(0));
    const QString b = QString::fromUtf8(parts.value(1));
    const QString c = QString::fromUtf8(parts.value(2));
    const QString d = QString::fromUtf8(parts.value(3));

    FormDetail detail;
    FormJson::parseFormData(a, detail);
    QString problem;
    (void)FormJson::parsePrompts(a, &problem);
    QJsonValue parsed;
    (void)FormJson::describeNonObject(a, &parsed);
    (void)FormJson::text(parsed);
    (void)FormJson::fragment(QVariant(a));
    (void)FormJson::text(
        QJsonDocument::fromJson(parts.value(0)).object().value(QStringLiteral("x")));

    GenerationRecord g;
    g.taskId = b.left(40);
    g.songIndex = songCount;
    g.variationIndex = int(data[0] % 5);
    g.audioUrl1 = c.left(200);
    g.status = d.left(20);
    (void)FormJson::mergeVariations(songCount, b, c, d, {g}, &problem);
    return 0;
}
