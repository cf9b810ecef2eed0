#include "notespanel.h"

#include "apiclient.h"
#include "dataservice.h"
#include "formdetailmodel.h"
#include "formdetailview.h"
#include "keyhelp.h"
#include "plaintext.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QUuid>
#include <QVBoxLayout>

namespace compose {

NotesPanel::NotesPanel(DataService *data, FormDetailModel *detail, ApiClient *api, QWidget *parent)
    : QWidget(parent)
    , m_data(data)
    , m_detail(detail)
    , m_api(api)
{
    setObjectName(QStringLiteral("notesPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 6, 0, 0);
    auto *title = new QLabel(tr("Internal notes"), this);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("notesState"));
    PlainText::prepare(m_state);
    m_state->setWordWrap(true);
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("notesTable"));
    m_table->setHorizontalHeaderLabels({tr("When"), tr("By"), tr("Note")});
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->setWordWrap(true);
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(QStringLiteral("noteEditor"));
    m_editor->setPlaceholderText(tr("Add an internal note (plain text, at most %1 characters; "
                                    "Ctrl+Enter adds it)")
                                     .arg(FormNote::MaxLength));
    m_editor->setTabChangesFocus(true);
    m_editor->setMaximumHeight(fontMetrics().height() * 4);
    m_add = new QPushButton(tr("Add note"), this);
    m_add->setObjectName(QStringLiteral("addNote"));
    m_add->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_add->setToolTip(tr("Stores the note through compose-api (audited)  Ctrl+Enter"));
    auto *row = new QHBoxLayout;
    row->addWidget(m_editor, 1);
    row->addWidget(m_add, 0, Qt::AlignTop);
    layout->addWidget(title);
    layout->addWidget(m_state);
    layout->addWidget(m_table, 1);
    layout->addLayout(row);
    connect(m_add, &QPushButton::clicked, this, &NotesPanel::add);
    connect(detail, &FormDetailModel::detailChanged, this, &NotesPanel::reload);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        m_add->setEnabled(m_api && m_api->isConfigured() && !m_formId.isEmpty()
                          && !m_editor->toPlainText().trimmed().isEmpty()
                          && m_editor->toPlainText().size() <= FormNote::MaxLength);
    });
    if (m_data) {
        connect(m_data, &DataService::notesReady, this,
                [this](quint64 id, const QString &formId, const QList<FormNote> &notes,
                       bool available) {
                    if (id == m_request)
                        show(formId, notes, available);
                });
    }
    if (m_api) {
        connect(m_api, &ApiClient::noteFinished, this, [this](quint64 id, const ApiError &e) {
            if (id != m_posting)
                return;
            m_posting = 0;
            if (e.isError()) {
                // The key is kept: "Add note" again resends the same note under the same key.
                m_state->setText(tr("The note was not saved: %1").arg(e.message));
                m_add->setEnabled(true);
                emit noteFailed(e.message);
                return;
            }
            m_pendingKey.clear();
            m_pendingText.clear();
            m_editor->clear();
            reload();
        });
    }
    m_add->setEnabled(false);
    KeyHelp::describe(m_editor, tr("Ctrl+Enter"), tr("In a note: add it to the form"));
}

void NotesPanel::focusEditor()
{
    m_editor->setFocus(Qt::ShortcutFocusReason);
}

void NotesPanel::reload()
{
    const QString id = m_detail ? m_detail->formId() : QString();
    if (id != m_formId) {
        m_formId = id;
        m_table->setRowCount(0);
        m_pendingKey.clear();
        m_pendingText.clear();
    }
    if (m_data && m_data->isOpen() && !m_formId.isEmpty())
        m_request = m_data->requestNotes(m_formId);
}

void NotesPanel::add()
{
    const QString text = m_editor->toPlainText().trimmed();
    if (!m_api || m_formId.isEmpty() || text.isEmpty() || m_posting)
        return;
    if (text != m_pendingText) { // a new note gets a new key; the same one keeps its key
        m_pendingText = text;
        m_pendingKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
    }
    m_add->setEnabled(false);
    m_state->setText(tr("Saving the note…"));
    m_posting = m_api->addNote(m_formId, text, m_pendingKey);
}

void NotesPanel::show(const QString &formId, const QList<FormNote> &notes, bool available)
{
    if (formId != m_formId)
        return;
    m_table->setRowCount(int(notes.size()));
    for (int r = 0; r < notes.size(); ++r) {
        const FormNote &n = notes.at(r);
        const QStringList cells {FormDetailView::formatTime(n.at), n.staff, n.text};
        for (int c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c)); // item views never read markup
            item->setToolTip(PlainText::toolTip(cells.at(c)));
            m_table->setItem(r, c, item);
        }
    }
    m_table->resizeColumnToContents(0);
    m_table->resizeRowsToContents();
    m_state->setText(!available ? tr("This database has no notes table (compose_notes): apply the "
                                     "migrations to keep notes.")
                         : notes.isEmpty()
                         ? tr("No notes yet.")
                         : tr("%n note(s), newest first.", nullptr, int(notes.size())));
    m_editor->setEnabled(available);
    emit notesShown(formId, int(notes.size()));
}

} // namespace compose
