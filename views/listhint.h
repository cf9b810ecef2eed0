#pragma once

#include "formtypes.h"

#include <QLabel>
#include <QPointer>

namespace compose {

class DataService;
class FormListModel;

// The line above the form list that says why it shows less than the agent expects: an empty
// list says why it is empty (nothing matches the search, the filter leaves nothing, the
// database has no forms), and a search under a status, package or date filter says how many
// matches the filter hides. The count is a query on the DataService's thread.
class ListHint final : public QLabel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListHint)
public:
    ListHint(DataService *data, FormListModel *model, QWidget *parent = nullptr);

    int hiddenCount() const { return m_hidden; }

signals:
    void hintChanged(const QString &text);

private:
    void onFirstPage();
    void update();

    QPointer<DataService> m_data;
    FormListModel *m_model = nullptr;
    FormListQuery m_query; // the query the hint is about
    quint64 m_request = 0;
    int m_hidden = 0;
    bool m_loaded = false;
};

} // namespace compose
