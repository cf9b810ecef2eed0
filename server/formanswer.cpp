#include "formanswer.h"

#include "apicontext.h"
#include "jsonbytes.h"

namespace compose::FormAnswer {

namespace {

// Writes `"key":` after a comma unless it is the object's first key. Keys are ASCII literals
// given in Qt's order (sorted), so they need no escaping.
class ObjectWriter final {
public:
    explicit ObjectWriter(QByteArray &out)
        : m_out(out)
    {
        m_out += '{';
    }
    ~ObjectWriter() { m_out += '}'; }
    Q_DISABLE_COPY_MOVE(ObjectWriter)

    // The name's length is known at compile time: one append of ,"name": (QByteArray's
    // append of a C string measured its length and went through insert(), a sixth of a small
    // answer's instructions).
    template<qsizetype N> QByteArray &key(const char (&name)[N])
    {
        char text[N + 3];
        qsizetype n = 0;
        if (!m_first)
            text[n++] = ',';
        m_first = false;
        text[n++] = '"';
        for (qsizetype i = 0; i < N - 1; ++i)
            text[n++] = name[i];
        text[n++] = '"';
        text[n++] = ':';
        m_out.append(QByteArrayView(text, n));
        return m_out;
    }
    // As QJsonObject::insert: an undefined value leaves the key out.
    template<qsizetype N> void value(const char (&name)[N], const QJsonValue &v)
    {
        if (!v.isUndefined())
            JsonBytes::appendValue(key(name), v);
    }
    template<qsizetype N> void string(const char (&name)[N], const QString &s)
    {
        JsonBytes::appendString(key(name), s);
    }
    // ApiContext::generationJson's str(): a NULL column is null, an empty text "".
    template<qsizetype N> void nullableString(const char (&name)[N], const QString &s)
    {
        if (s.isNull())
            key(name).append(QByteArrayView("null"));
        else
            string(name, s);
    }
    // formSummary's orNull(): empty or NULL is null.
    template<qsizetype N> void stringOrNull(const char (&name)[N], const QString &s)
    {
        if (s.isEmpty())
            key(name).append(QByteArrayView("null"));
        else
            string(name, s);
    }
    template<qsizetype N> void integer(const char (&name)[N], const std::optional<int> &n)
    {
        if (n)
            key(name) += QByteArray::number(*n);
        else
            key(name).append(QByteArrayView("null"));
    }
    template<qsizetype N> void boolean(const char (&name)[N], bool b)
    {
        key(name).append(b ? QByteArrayView("true") : QByteArrayView("false"));
    }
    template<qsizetype N> void time(const char (&name)[N], const QDateTime &t)
    {
        value(name, ApiContext::isoTime(t));
    }
    // formJson: a NULL JSON column is {}.
    template<qsizetype N> void objectOrEmpty(const char (&name)[N], const QJsonValue &v)
    {
        if (v.isNull())
            key(name).append(QByteArrayView("{}"));
        else
            value(name, v);
    }

private:
    QByteArray &m_out;
    bool m_first = true;
};

void appendGeneration(QByteArray &out, const GenerationRecord &g)
{
    // ApiContext::generationJson's keys, sorted as QJsonObject keeps them.
    ObjectWriter o(out);
    o.nullableString("audioUrl1", g.audioUrl1);
    o.nullableString("audioUrl2", g.audioUrl2);
    o.nullableString("audioUrlWav1", g.audioUrlWav1);
    o.nullableString("audioUrlWav2", g.audioUrlWav2);
    o.time("completedAt", g.completedAt);
    o.nullableString("conversionId1", g.conversionId1);
    o.nullableString("conversionId2", g.conversionId2);
    o.time("createdAt", g.createdAt);
    o.integer("duration1", g.duration1);
    o.integer("duration2", g.duration2);
    o.nullableString("formId", g.formId);
    o.nullableString("id", g.id);
    o.boolean("isPaid", g.isPaid.value_or(false));
    o.boolean("isPreview", g.isPreview.value_or(false));
    o.boolean("isSelected", g.isSelected.value_or(false));
    o.boolean("shareEnabled", g.shareEnabled.value_or(false));
    o.nullableString("shareSlug", g.shareSlug);
    o.integer("songIndex", g.songIndex);
    o.nullableString("status", g.status);
    o.nullableString("taskId", g.taskId);
    o.nullableString("title1", g.title1);
    o.nullableString("title2", g.title2);
    o.integer("variationIndex", g.variationIndex);
}

} // namespace

QByteArray get(const FormRecord &f, const QList<GenerationRecord> &generations)
{
    QByteArray out;
    out.reserve(2048 + 900 * generations.size());
    {
        ObjectWriter answer(out);
        {
            answer.key("form");
            // ApiContext::formSummary + formJson + "generations", sorted.
            ObjectWriter o(out);
            if (f.amountPaid)
                JsonBytes::appendDouble(o.key("amountPaid"), double(*f.amountPaid));
            else
                o.key("amountPaid").append(QByteArrayView("null"));
            o.time("createdAt", f.createdAt);
            o.time("expiresAt", f.expiresAt);
            o.value("formData", f.formData);
            o.string("formId", f.id);
            o.value("generatedPrompts", f.generatedPrompts);
            {
                o.key("generations") += '[';
                for (qsizetype i = 0; i < generations.size(); ++i) {
                    if (i > 0)
                        out += ',';
                    appendGeneration(out, generations.at(i));
                }
                out += ']';
            }
            o.stringOrNull("guestEmail", f.guestEmail);
            o.string("packageType", f.packageType);
            o.time("paidAt", f.paidAt);
            o.objectOrEmpty("selectedVariations", f.selectedVariations);
            o.key("songCount") += QByteArray::number(f.songCount);
            o.string("status", f.statusKey);
            o.stringOrNull("stripePaymentIntentId", f.stripePaymentIntentId);
            o.stringOrNull("stripeSessionId", f.stripeSessionId);
            o.time("updatedAt", f.updatedAt);
            o.stringOrNull("userId", f.userId);
            o.objectOrEmpty("variationAudioUrls", f.variationAudioUrls);
            o.objectOrEmpty("variationTaskIds", f.variationTaskIds);
        }
        answer.boolean("success", true);
    }
    return out;
}

} // namespace compose::FormAnswer
