#pragma once

#include "formnote.h"

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
QT_END_NAMESPACE

namespace compose {

class ApiClient;
class DataService;
class FormDetailModel;

// The form's internal notes in its History tab: read from compose_notes on the DataService's
// thread, newest first, and added through compose-api (POST …/notes, the agent's token, one
// Idempotency-Key per note so "Add" twice after a timeout cannot store it twice). Plain text.
class NotesPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NotesPanel)
public:
    NotesPanel(DataService *data, FormDetailModel *detail, ApiClient *api,
               QWidget *parent = nullptr);

    QPlainTextEdit *editor() const { return m_editor; }
    QPushButton *addButton() const { return m_add; }
    QTableWidget *table() const { return m_table; }

public slots:
    void focusEditor(); // Ctrl+Shift+N

signals:
    void notesShown(const QString &formId, int count);
    void noteFailed(const QString &message);

private:
    void reload();
    void add();
    void show(const QString &formId, const QList<FormNote> &notes, bool available);

    QPointer<DataService> m_data;
    QPointer<FormDetailModel> m_detail;
    QPointer<ApiClient> m_api;
    QString m_formId;
    quint64 m_request = 0;
    quint64 m_posting = 0;
    QString m_pendingKey; // the Idempotency-Key of the note being added, until it is saved
    QString m_pendingText;
    QLabel *m_state = nullptr;
    QTableWidget *m_table = nullptr;
    QPlainTextEdit *m_editor = nullptr;
    QPushButton *m_add = nullptr;
};

} // namespace compose
