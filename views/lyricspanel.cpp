#include "lyricspanel.h"

#include "dataservice.h"
#include "formdetailmodel.h"
#include "plaintext.h"

#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBlock>
#include <QTextCursor>
#include <QVBoxLayout>

namespace compose {

LyricsPanel::LyricsPanel(DataService *data, FormDetailModel *detail, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_detail(detail)
{
    setObjectName(QStringLiteral("lyricsPanel"));
    auto *layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("lyricsSummary"));
    PlainText::prepare(m_summary);
    m_summary->setWordWrap(true);
    m_checks = new QListWidget(this);
    m_checks->setObjectName(QStringLiteral("nameChecks"));
    m_checks->setMaximumHeight(fontMetrics().height() * 6);
    auto *split = new QSplitter(Qt::Horizontal, this);
    m_lyrics = new QPlainTextEdit(split);
    m_lyrics->setObjectName(QStringLiteral("lyricsText"));
    m_prompts = new QPlainTextEdit(split);
    m_prompts->setObjectName(QStringLiteral("lyricsPrompts"));
    for (QPlainTextEdit *e : {m_lyrics, m_prompts}) {
        e->setReadOnly(true);
        e->setTabChangesFocus(true);
        e->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    }
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(m_summary);
    layout->addWidget(m_checks);
    layout->addWidget(split, 1);
    connect(detail, &FormDetailModel::detailChanged, this, &LyricsPanel::onDetail);
    if (m_data) {
        connect(m_data, &DataService::generationTextsReady, this,
                [this](quint64 id, const QString &formId, const QList<GenerationText> &texts) {
                    if (id == m_request)
                        show(formId, texts);
                });
    }
}

QList<std::pair<int, int>> LyricsPanel::occurrences(const QString &text, const QString &name)
{
    QList<std::pair<int, int>> out;
    const QString n = name.trimmed();
    if (n.isEmpty())
        return out;
    for (qsizetype at = text.indexOf(n, 0, Qt::CaseInsensitive); at >= 0;
         at = text.indexOf(n, at + n.size(), Qt::CaseInsensitive))
        out.append({int(at), int(n.size())});
    return out;
}

QList<std::pair<int, int>> LyricsPanel::nameOccurrences(const QString &text, const QString &name)
{
    // "Anna Smith" is sung as "Anna": the first name counts as the name.
    QList<std::pair<int, int>> out = occurrences(text, name);
    const QString first = name.trimmed().section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty);
    if (first.size() >= 2 && first.size() < name.trimmed().size())
        out += occurrences(text, first);
    return out;
}

void LyricsPanel::onDetail()
{
    const FormDetail &d = m_detail->detail();
    m_name = d.summary.recipient.ok() ? d.summary.recipient.value.trimmed() : QString();
    QStringList prompts;
    for (int i = 0; i < d.prompts.size(); ++i)
        prompts << tr("Prompt for song %1").arg(i + 1) + QLatin1Char('\n')
                + d.prompts.at(i).display();
    m_prompts->setPlainText(prompts.isEmpty() ? tr("No prompts were generated.")
                                              : prompts.join(QStringLiteral("\n\n")));
    highlight(m_prompts, m_name);
    if (d.summary.id != m_formId) {
        m_formId = d.summary.id;
        m_lyrics->setPlainText(tr("Loading titles and lyrics…"));
        m_checks->clear();
        m_summary->clear();
    }
    // Each reload asks again: a retried generation brings new lyrics.
    if (m_data && m_data->isOpen() && !m_formId.isEmpty())
        m_request = m_data->requestGenerationTexts(m_formId);
}

void LyricsPanel::show(const QString &formId, const QList<GenerationText> &texts)
{
    if (formId != m_formId)
        return;
    m_checks->clear();
    m_missing = 0;
    int versions = 0;
    QStringList blocks;
    for (const GenerationText &t : texts) {
        for (int v = 0; v < 2; ++v) {
            if (t.titles[v].isEmpty() && t.lyrics[v].isEmpty())
                continue;
            ++versions;
            const QString where = tr("Song %1, variation %2, version %3")
                                      .arg(t.songIndex + 1)
                                      .arg(t.variationIndex)
                                      .arg(v + 1);
            blocks << where + QStringLiteral(" — ") + t.titles[v] + QLatin1Char('\n') + t.lyrics[v];
            const bool found = m_name.isEmpty()
                || !nameOccurrences(t.titles[v] + QLatin1Char('\n') + t.lyrics[v], m_name)
                        .isEmpty();
            if (!found)
                ++m_missing;
            auto *item = new QListWidgetItem(
                found ? tr("✓ %1: the name is there").arg(where)
                      : tr("⚠ %1: “%2” is not in the title or the lyrics").arg(where, m_name),
                m_checks);
            item->setData(Qt::UserRole, found);
            if (!found)
                item->setForeground(QColor(0xa0, 0x52, 0x00));
        }
    }
    m_lyrics->setPlainText(blocks.isEmpty()
                               ? tr("MusicGPT returned no titles or lyrics for this form "
                                    "(music_generations has none).")
                               : blocks.join(QStringLiteral("\n\n")));
    highlight(m_lyrics, m_name);
    if (m_name.isEmpty())
        m_summary->setText(tr("The form names no recipient, so there is no name to check."));
    else if (versions == 0)
        m_summary->setText(tr("Nothing to check for “%1” yet.").arg(m_name));
    else if (m_missing == 0)
        m_summary->setText(tr("“%1” is in every version's title or lyrics.").arg(m_name));
    else
        // %n: "1 of 1 version", and each language's own plural; the name and the count are
        // filled in one step, so a "%2" in the customer's text stays literal.
        m_summary->setText(tr("⚠ “%1” is missing from %2 of %n version(s).", nullptr, versions)
                               .arg(m_name, QLocale().toString(m_missing)));
    emit textsShown(formId);
}

void LyricsPanel::highlight(QPlainTextEdit *edit, const QString &name)
{
    QList<QTextEdit::ExtraSelection> marks;
    QTextCharFormat format;
    format.setBackground(edit->palette().color(QPalette::Highlight).lighter(160));
    format.setFontWeight(QFont::Bold);
    const QString text = edit->toPlainText();
    for (const auto &[at, length] : nameOccurrences(text, name)) {
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(edit->document());
        mark.cursor.setPosition(at);
        mark.cursor.setPosition(at + length, QTextCursor::KeepAnchor);
        mark.format = format;
        marks.append(mark);
    }
    edit->setExtraSelections(marks);
}

} // namespace compose
