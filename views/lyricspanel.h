#pragma once

#include "customertypes.h"

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QListWidget;
class QPlainTextEdit;
QT_END_NAMESPACE

namespace compose {

class DataService;
class FormDetailModel;

// The "wrong name" check: each variation's title and lyrics as MusicGPT returned them
// (music_generations), the recipient's name highlighted where it occurs and each version where
// it does not flagged, with the prompts beside them. Everything is plain text; the highlight
// is a QTextEdit extra selection, never markup built from customer text.
class LyricsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LyricsPanel)
public:
    LyricsPanel(DataService *data, FormDetailModel *detail, QWidget *parent = nullptr);

    QPlainTextEdit *lyrics() const { return m_lyrics; }
    QPlainTextEdit *prompts() const { return m_prompts; }
    QListWidget *checks() const { return m_checks; } // one line per version: found or flagged
    QString recipient() const { return m_name; }
    int missingCount() const { return m_missing; }

    // Where name occurs in text, case-insensitively, as (start, length) pairs; public for tests.
    static QList<std::pair<int, int>> occurrences(const QString &text, const QString &name);
    // The full name's occurrences and, for a name of several words, the first name's.
    static QList<std::pair<int, int>> nameOccurrences(const QString &text, const QString &name);

signals:
    void textsShown(const QString &formId);

private:
    void onDetail();
    void show(const QString &formId, const QList<GenerationText> &texts);
    static void highlight(QPlainTextEdit *edit, const QString &name);

    QPointer<DataService> m_data;
    QPointer<FormDetailModel> m_detail;
    QString m_formId;
    QString m_name;
    quint64 m_request = 0;
    int m_missing = 0;
    QLabel *m_summary = nullptr;
    QListWidget *m_checks = nullptr;
    QPlainTextEdit *m_lyrics = nullptr;
    QPlainTextEdit *m_prompts = nullptr;
};

} // namespace compose
