#include "listhint.h"

#include "dataservice.h"
#include "formlistmodel.h"
#include "plaintext.h"

namespace compose {

namespace {
bool filtered(const FormListQuery &q)
{
    return !q.statusKey.isEmpty() || !q.package.isEmpty() || q.from.isValid() || q.to.isValid();
}
} // namespace

ListHint::ListHint(DataService *data, FormListModel *model, QWidget *parent)
    : QLabel(parent)
    , m_data(data)
    , m_model(model)
{
    setObjectName(QStringLiteral("listHint"));
    PlainText::prepare(this); // the search text is echoed: never markup
    setWordWrap(true);
    setContentsMargins(6, 2, 6, 2);
    setVisible(false);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_loaded = false;
        m_request = 0;
        m_hidden = 0;
        update();
    });
    connect(model, &FormListModel::firstPageLoaded, this, &ListHint::onFirstPage);
    connect(model, &QAbstractItemModel::rowsInserted, this, &ListHint::update);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ListHint::update);
    if (data) {
        connect(data, &DataService::hiddenCountReady, this, [this](quint64 id, int hidden) {
            if (id != m_request)
                return;
            m_request = 0;
            m_hidden = hidden;
            update();
        });
    }
}

void ListHint::onFirstPage()
{
    m_loaded = true;
    m_query = m_model->query();
    m_hidden = 0;
    if (m_data && m_data->isOpen() && !m_query.search.isEmpty() && filtered(m_query))
        m_request = m_data->requestHiddenCount(m_query);
    update();
}

void ListHint::update()
{
    QString text;
    const int rows = m_model->rowCount();
    const QString hidden = m_hidden > 0
        ? tr("%n form(s) matching the search are hidden by the status, package or date filter.",
             nullptr, m_hidden)
        : QString();
    if (m_loaded && rows == 0) {
        if (!m_query.search.isEmpty())
            text = tr("No form matches “%1”.").arg(m_query.search);
        else if (filtered(m_query))
            text = tr("No form matches the status, package and date filter.");
        else
            text = tr("There are no forms in this database yet.");
        if (!hidden.isEmpty())
            text += QLatin1Char(' ') + hidden;
        else if (!m_query.search.isEmpty())
            text += QLatin1Char(' ')
                + tr("The search looks for a form id, an e-mail, a recipient, a share link, an "
                     "order id, a Stripe checkout session or payment intent.");
    } else if (m_loaded && !hidden.isEmpty()) {
        text = hidden;
    }
    if (text == this->text() && isVisible() == !text.isEmpty())
        return;
    setText(text);
    setVisible(!text.isEmpty());
    emit hintChanged(text);
}

} // namespace compose
