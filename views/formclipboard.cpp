#include "formclipboard.h"

#include "dataservice.h"
#include "formdetailmodel.h"
#include "keyhelp.h"
#include "mainwindow.h"
#include "stripelinks.h"

#include <QAbstractItemView>
#include <QAction>
#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>

#include <algorithm>

namespace compose {

FormClipboard::FormClipboard(MainWindow *window, DataService *data)
    : QObject(window)
    , m_window(window)
    , m_data(data)
{
    setObjectName(QStringLiteral("formClipboard"));
    m_menu = new QMenu(tr("&Edit"), window);
    m_menu->setObjectName(QStringLiteral("editMenu"));
    m_copyId
        = make(tr("Copy form &id"), "copyIdAction", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyEmail = make(tr("Copy customer &e-mail"), "copyEmailAction",
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_copyShare = make(tr("Copy &share link"), "copyShareAction",
                       QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_copyIntent = make(tr("Copy &payment intent"), "copyIntentAction",
                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    m_menu->addSeparator();
    m_openStripe = make(tr("Open in S&tripe"), "openStripeAction",
                        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    const QList<QAction *> bar = window->menuBar()->actions();
    window->menuBar()->insertMenu(bar.value(1, nullptr), m_menu); // after File

    FormDetailModel *detail = window->detailModel();
    connect(m_copyId, &QAction::triggered, this,
            [this] { copy(m_window->detailModel()->detail().summary.id, tr("form id")); });
    connect(m_copyEmail, &QAction::triggered, this,
            [this] { copy(m_window->detailModel()->detail().summary.email, tr("e-mail")); });
    connect(m_copyIntent, &QAction::triggered, this, [this] {
        copy(m_window->detailModel()->detail().summary.paymentIntentId, tr("payment intent"));
    });
    connect(m_copyShare, &QAction::triggered, this, &FormClipboard::copyShareLink);
    connect(m_openStripe, &QAction::triggered, this, &FormClipboard::openInStripe);
    connect(detail, &FormDetailModel::stateChanged, this, &FormClipboard::refresh);
    connect(detail, &FormDetailModel::detailChanged, this, &FormClipboard::refresh);
    connect(this, &FormClipboard::told, window,
            [window](const QString &m) { window->statusBar()->showMessage(m, 8000); });
    if (m_data) {
        connect(m_data, &DataService::deliveriesReady, this,
                [this](quint64 id, const QString &formId, const QList<DeliveryRow> &rows) {
                    if (id != m_shareRequest)
                        return;
                    m_shareRequest = 0;
                    // The newest delivery's link is the one the customer was sent last.
                    const auto it = std::find_if(rows.cbegin(), rows.cend(), [](const auto &r) {
                        return !r.shareUrl.isEmpty();
                    });
                    if (it == rows.cend())
                        emit told(
                            tr("Form %1 has no share link yet: it was not delivered.").arg(formId));
                    else
                        copy(it->shareUrl, tr("share link"));
                });
        connect(m_data, &DataService::requestFailed, this, [this](quint64 id, const QString &m) {
            if (id == m_shareRequest) {
                m_shareRequest = 0;
                emit told(tr("Could not read the share link: %1").arg(m));
            }
        });
    }
    refresh();
}

QAction *FormClipboard::make(const QString &text, const char *name, const QKeySequence &key)
{
    QAction *a = m_menu->addAction(text);
    a->setObjectName(QLatin1String(name));
    a->setShortcut(key);
    a->setShortcutContext(Qt::WindowShortcut);
    return a;
}

void FormClipboard::refresh()
{
    const FormDetailModel *detail = m_window->detailModel();
    // Also while the form on screen refreshes (live updates): what is shown can be copied.
    const bool loaded = !detail->detail().summary.id.isEmpty()
        && detail->detail().summary.id == detail->formId()
        && detail->state() != FormDetailModel::State::NotFound;
    const FormSummary &s = detail->detail().summary;
    m_copyId->setEnabled(loaded);
    m_copyEmail->setEnabled(loaded && !s.email.isEmpty());
    m_copyShare->setEnabled(loaded && m_data);
    m_copyIntent->setEnabled(loaded && !s.paymentIntentId.isEmpty());
    const QString stripeId = s.paymentIntentId.isEmpty() ? s.stripeSessionId : s.paymentIntentId;
    m_openStripe->setEnabled(loaded && StripeLinks::isStripeId(stripeId));
    const bool live = StripeLinks::configuredMode() == StripeLinks::Mode::Live;
    m_openStripe->setText(live ? tr("Open in S&tripe (live)") : tr("Open in S&tripe (test mode)"));
}

void FormClipboard::fillMenu(QMenu *menu)
{
    refresh();
    menu->addActions({m_copyId, m_copyEmail, m_copyShare, m_copyIntent, m_openStripe});
}

void FormClipboard::copy(const QString &text, const QString &what)
{
    if (text.isEmpty()) {
        emit told(tr("Nothing to copy: the form has no %1.").arg(what));
        return;
    }
    QGuiApplication::clipboard()->setText(text);
    emit told(tr("Copied the %1: %2").arg(what, text));
}

void FormClipboard::copyShareLink()
{
    const QString id = m_window->detailModel()->formId();
    if (id.isEmpty() || !m_data || !m_data->isOpen())
        return;
    m_shareRequest = m_data->requestDeliveries(id);
}

void FormClipboard::openInStripe()
{
    const FormSummary &s = m_window->detailModel()->detail().summary;
    const QString id = s.paymentIntentId.isEmpty() ? s.stripeSessionId : s.paymentIntentId;
    const QUrl url = StripeLinks::dashboardUrl(id, StripeLinks::configuredMode());
    if (!url.isValid()) {
        emit told(tr("This form has no Stripe payment to open."));
        return;
    }
    QDesktopServices::openUrl(url);
    emit told(tr("Opened %1 in Stripe.").arg(id));
}

void FormClipboard::watch(QAbstractItemView *view)
{
    if (view->property("composeCopyWatched").toBool())
        return;
    view->setProperty("composeCopyWatched", true);
    view->installEventFilter(this);
}

QString FormClipboard::cellsText(const QAbstractItemView *view)
{
    // A view that selects whole rows copies the cell the cursor is on (Left/Right move it): the
    // e-mail or the id an agent wants, not a row of every column.
    if (view->selectionBehavior() == QAbstractItemView::SelectRows || !view->selectionModel())
        return view->currentIndex().data(Qt::DisplayRole).toString();
    QModelIndexList cells = view->selectionModel()->selectedIndexes();
    if (cells.isEmpty() && view->currentIndex().isValid())
        cells << view->currentIndex();
    std::sort(cells.begin(), cells.end(), [](const QModelIndex &a, const QModelIndex &b) {
        return a.row() != b.row() ? a.row() < b.row() : a.column() < b.column();
    });
    QStringList lines;
    QStringList line;
    int row = -1;
    for (const QModelIndex &c : std::as_const(cells)) {
        if (c.row() != row && row >= 0) {
            lines << line.join(QLatin1Char('\t'));
            line.clear();
        }
        row = c.row();
        line << c.data(Qt::DisplayRole).toString();
    }
    if (row >= 0)
        lines << line.join(QLatin1Char('\t'));
    return lines.join(QLatin1Char('\n'));
}

bool FormClipboard::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Copy)) {
            if (event->type() == QEvent::ShortcutOverride) {
                event->accept(); // the view's, not a window shortcut's
                return true;
            }
            auto *view = qobject_cast<QAbstractItemView *>(watched);
            const QString text = view ? cellsText(view) : QString();
            if (!text.isEmpty()) {
                QGuiApplication::clipboard()->setText(text);
                emit told(tr("Copied: %1").arg(text.left(80)));
            }
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace compose
