#include "formjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

#include <algorithm>
#include <limits>

namespace compose {

namespace {
// lupdate files Text::tr() under the context Q_DECLARE_TR_FUNCTIONS names, the same one
// translate() asks for at run time; a free tr() wrapper left its strings under no context.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(FormJson)
};

QString clip(const QString &s)
{
    if (s.size() <= FormJson::MaxDisplayChars)
        return s;
    return s.left(FormJson::MaxDisplayChars) + QChar(0x2026)
        + Text::tr(" (%1 characters in all)").arg(s.size());
}

QString typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return Text::tr("number %1").arg(v.toDouble());
    case QJsonValue::String:
        return Text::tr("text");
    case QJsonValue::Array:
        return Text::tr("a list");
    case QJsonValue::Object:
        return Text::tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return Text::tr("nothing");
}

struct KnownField {
    const char *key;
    const char *label;
};

// The seed's form fields in the order an agent reads them.
constexpr KnownField kKnownFields[] = {
    {"recipientName", QT_TRANSLATE_NOOP("FormJson", "Recipient")},
    {"relationship", QT_TRANSLATE_NOOP("FormJson", "Relationship")},
    {"senderName", QT_TRANSLATE_NOOP("FormJson", "Sender")},
    {"theme", QT_TRANSLATE_NOOP("FormJson", "Theme")},
    {"vibe", QT_TRANSLATE_NOOP("FormJson", "Vibe")},
    {"voiceType", QT_TRANSLATE_NOOP("FormJson", "Voice")},
    {"specialMoment", QT_TRANSLATE_NOOP("FormJson", "Special moment")},
};

std::optional<int> toIndex(const QJsonValue &v)
{
    if (v.isDouble()) {
        const double d = v.toDouble();
        // Range first: casting 7.8e31 (or NaN) to int is undefined (the fuzzer found it).
        if (d >= double(std::numeric_limits<int>::min())
            && d <= double(std::numeric_limits<int>::max()) && d == double(int(d)))
            return int(d);
    }
    return std::nullopt;
}

// Accepts both {"0": x, "1": y} (the seed's shape) and [x, y] (what some clients send).
QMap<int, QJsonValue> indexed(const QJsonValue &v, bool *ok)
{
    QMap<int, QJsonValue> out;
    *ok = true;
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            bool isInt = false;
            const int k = it.key().toInt(&isInt);
            if (!isInt) {
                *ok = false;
                continue;
            }
            out.insert(k, it.value());
        }
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i)
            out.insert(i, a.at(i));
    } else if (!v.isNull() && !v.isUndefined()) {
        *ok = false;
    }
    return out;
}

QJsonValue parseColumn(const QString &raw, const QString &column, QStringList &problems)
{
    if (raw.isNull())
        return QJsonValue(QJsonValue::Undefined);
    QJsonParseError err {};
    // Wrap so that scalars ("null", "3") parse too: QJsonDocument only takes objects/arrays.
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + raw.toUtf8() + ']', &err);
    if (err.error != QJsonParseError::NoError || !doc.isArray() || doc.array().size() != 1) {
        problems << Text::tr("%1 is not valid JSON").arg(column);
        return QJsonValue(QJsonValue::Undefined);
    }
    return doc.array().at(0);
}

} // namespace

QString JsonText::display() const
{
    switch (state) {
    case State::Ok:
        return clip(value);
    case State::Missing:
        return QCoreApplication::translate("FormJson", "— missing —");
    case State::Invalid:
        break;
    }
    return QCoreApplication::translate("FormJson", "⚠ invalid (%1)").arg(value);
}

namespace FormJson {

JsonText text(const QJsonValue &v)
{
    if (v.isUndefined() || v.isNull())
        return JsonText::missing();
    if (v.isString())
        return JsonText::ok(v.toString());
    return JsonText::invalid(typeName(v));
}

JsonText fragment(const QVariant &jsonText)
{
    if (jsonText.isNull())
        return JsonText::missing();
    QStringList problems;
    const QJsonValue v = parseColumn(jsonText.toString(), QString(), problems);
    if (!problems.isEmpty())
        return JsonText::invalid(Text::tr("not JSON"));
    return text(v);
}

QString describeNonObject(const QString &raw, QJsonValue *parsed)
{
    QStringList problems;
    const QJsonValue v = parseColumn(raw, Text::tr("The form data"), problems);
    if (parsed)
        *parsed = v;
    if (!problems.isEmpty())
        return problems.first();
    if (v.isUndefined())
        return Text::tr("The form data is missing");
    if (!v.isObject())
        return Text::tr("The form data is %1, not an object").arg(typeName(v));
    return {};
}

void parseFormData(const QString &raw, FormDetail &out)
{
    out.rawFormData = clip(raw);
    QJsonValue v;
    out.formDataProblem = describeNonObject(raw, &v);
    const QJsonObject o = v.toObject();
    for (const auto &f : kKnownFields) {
        const QString key = QLatin1String(f.key);
        out.fields.append(
            {key, QCoreApplication::translate("FormJson", f.label), text(o.value(key))});
    }
    QStringList extra = o.keys();
    extra.sort();
    for (const QString &key : std::as_const(extra)) {
        if (std::none_of(std::begin(kKnownFields), std::end(kKnownFields),
                         [&](const KnownField &f) { return key == QLatin1String(f.key); })) {
            const QJsonValue ev = o.value(key);
            // Extra keys are shown as they are; non-text values as compact JSON.
            JsonText t = ev.isString() ? JsonText::ok(ev.toString())
                : ev.isNull()          ? JsonText::missing()
                              : JsonText::ok(QString::fromUtf8(QJsonDocument(QJsonArray {ev})
                                                                   .toJson(QJsonDocument::Compact)
                                                                   .mid(1)
                                                                   .chopped(1)));
            out.fields.append({key, key, t});
        }
    }
}

QList<JsonText> parsePrompts(const QString &raw, QString *problem)
{
    QStringList problems;
    const QJsonValue v = parseColumn(raw, Text::tr("The prompts"), problems);
    QList<JsonText> out;
    if (!problems.isEmpty()) {
        *problem = problems.first();
        return out;
    }
    if (v.isString()) { // a single prompt stored as text: readable, but not the seed's shape
        *problem = Text::tr("The prompts are a single text, not a list");
        out << JsonText::ok(v.toString());
        return out;
    }
    if (!v.isArray()) {
        *problem = v.isUndefined() ? Text::tr("No prompts stored")
                                   : Text::tr("The prompts are %1, not a list").arg(typeName(v));
        return out;
    }
    const QJsonArray a = v.toArray();
    for (const QJsonValue &p : a)
        out << text(p);
    return out;
}

QList<VariationRow> mergeVariations(int songCount, const QString &taskIdsRaw,
                                    const QString &audioUrlsRaw, const QString &selectionsRaw,
                                    const QList<GenerationRecord> &generations, QString *problem)
{
    QStringList problems;
    bool ok = true;
    const auto taskIds
        = indexed(parseColumn(taskIdsRaw, Text::tr("variation_task_ids"), problems), &ok);
    if (!ok)
        problems << Text::tr("variation_task_ids has an unexpected shape");
    const auto urls
        = indexed(parseColumn(audioUrlsRaw, Text::tr("variation_audio_urls"), problems), &ok);
    if (!ok)
        problems << Text::tr("variation_audio_urls has an unexpected shape");
    const auto selections
        = indexed(parseColumn(selectionsRaw, Text::tr("selected_variations"), problems), &ok);
    if (!ok)
        problems << Text::tr("selected_variations has an unexpected shape");

    // The grid: songs x 3 variations, widened to whatever the data actually mentions.
    int songs = std::clamp(songCount, 1, 3);
    auto widen = [&](int s) {
        if (s >= 0 && s < 10)
            songs = std::max(songs, s + 1);
    };
    for (int k : taskIds.keys())
        widen(k);
    for (int k : urls.keys())
        widen(k);
    for (const auto &g : generations) {
        if (g.songIndex)
            widen(*g.songIndex);
    }

    QList<VariationRow> rows;
    for (int s = 0; s < songs; ++s) {
        bool rowOk = true;
        const auto songTasks = indexed(taskIds.value(s), &rowOk);
        if (!rowOk)
            problems << Text::tr("Task ids of song %1 are not a list").arg(s + 1);
        const auto songUrls = indexed(urls.value(s), &rowOk);
        if (!rowOk)
            problems << Text::tr("Audio URLs of song %1 are not an object").arg(s + 1);
        const QJsonValue sel = selections.value(s);
        const auto selected = toIndex(sel);
        if (!sel.isUndefined() && !sel.isNull() && !selected)
            problems << Text::tr("Selection of song %1 is %2, not a number")
                            .arg(s + 1)
                            .arg(typeName(sel));

        for (int v = 1; v <= 3; ++v) {
            VariationRow r;
            r.songIndex = s;
            r.variationIndex = v;
            const QJsonValue t = songTasks.value(v - 1); // task-id lists are 0-based
            if (t.isString())
                r.taskIdJson = t.toString();
            else if (!t.isUndefined() && !t.isNull())
                r.conflicts << Text::tr("Task id in the form JSON is %1").arg(typeName(t));
            const QJsonValue u = songUrls.value(v); // URL objects are keyed "1".."3"
            if (u.isString())
                r.audioUrlJson = u.toString();
            else if (!u.isUndefined() && !u.isNull())
                r.conflicts << Text::tr("Audio URL in the form JSON is %1").arg(typeName(u));
            r.selectedJson = selected && *selected == v;
            rows << r;
        }
    }

    // Attach generations: by (song, variation) when the row has them, else by task id. When a
    // slot has several (retries), the newest is current and the others are counted.
    QList<GenerationRecord> sorted = generations;
    std::sort(sorted.begin(), sorted.end(),
              [](const GenerationRecord &a, const GenerationRecord &b) {
                  return a.createdAt > b.createdAt;
              });
    QMap<int, int> earlier; // row index -> older attempts
    for (const GenerationRecord &g : std::as_const(sorted)) {
        int idx = -1;
        if (g.songIndex && g.variationIndex && *g.variationIndex >= 1 && *g.variationIndex <= 3
            && *g.songIndex >= 0 && *g.songIndex < songs)
            idx = *g.songIndex * 3 + (*g.variationIndex - 1);
        if (idx < 0) {
            for (int i = 0; i < rows.size(); ++i) {
                if (!rows[i].taskIdJson.isEmpty() && rows[i].taskIdJson == g.taskId)
                    idx = i;
            }
        }
        if (idx < 0) {
            VariationRow r;
            r.songIndex = g.songIndex.value_or(-1);
            r.variationIndex = g.variationIndex.value_or(-1);
            r.conflicts << Text::tr(
                "This generation belongs to the form but fits no song/variation slot");
            idx = int(rows.size());
            rows << r;
        } else if (rows[idx].hasGeneration) {
            earlier[idx] += 1;
            continue;
        }
        VariationRow &r = rows[idx];
        r.hasGeneration = true;
        r.generationId = g.id;
        r.taskIdDb = g.taskId;
        r.generationStatus = g.status;
        r.durationSec = g.duration1;
        r.audioUrlDb = g.audioUrl1;
        r.isSelectedDb = g.isSelected;
        r.isPaid = g.isPaid;
        r.shareEnabled = g.shareEnabled;
    }

    for (int i = 0; i < rows.size(); ++i) {
        VariationRow &r = rows[i];
        if (earlier.contains(i))
            r.conflicts << QCoreApplication::translate(
                "FormJson", "%n earlier attempt(s) for this variation", nullptr, earlier.value(i));
        if (!r.taskIdJson.isEmpty() && !r.taskIdDb.isEmpty() && r.taskIdJson != r.taskIdDb)
            r.conflicts << Text::tr("Task id differs: form JSON has %1, generation has %2")
                               .arg(r.taskIdJson, r.taskIdDb);
        if (!r.taskIdJson.isEmpty() && !r.hasGeneration)
            r.conflicts << Text::tr("The form lists task %1 but no music_generations row exists")
                               .arg(r.taskIdJson);
        if (r.hasGeneration && r.taskIdJson.isEmpty() && i < songs * 3)
            r.conflicts << Text::tr("Generation exists but the form JSON has no task id for it");
        if (!r.audioUrlJson.isEmpty() && !r.audioUrlDb.isEmpty() && r.audioUrlJson != r.audioUrlDb)
            r.conflicts << Text::tr("Audio URL differs between the form JSON and the generation");
        if (r.isSelectedDb && *r.isSelectedDb != r.selectedJson)
            r.conflicts << (r.selectedJson
                                ? Text::tr(
                                    "Selected in the form, not marked selected in the generation")
                                : Text::tr("Marked selected in the generation, not in the form"));
    }
    if (problem)
        *problem = problems.join(QStringLiteral("; "));
    return rows;
}

} // namespace FormJson

bool VariationRow::isFailed() const
{
    const QString s = generationStatus.toLower();
    return s == QLatin1String("failed") || s == QLatin1String("error");
}

} // namespace compose
