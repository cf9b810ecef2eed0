#include "connectiondialog.h"

#include "backgroundpool.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace compose {

namespace {
const QStringList kSslModes {QStringLiteral("disable"), QStringLiteral("prefer"),
                             QStringLiteral("require"), QStringLiteral("verify-full")};
}

ConnectionDialog::ConnectionDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Connect to the shop's database"));

    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("host"));
    m_host->setPlaceholderText(tr("localhost (empty: PGHOST or the local socket)"));
    m_port = new QSpinBox(this);
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("default (5432)"));
    m_port->setValue(0);
    m_database = new QLineEdit(this);
    m_database->setObjectName(QStringLiteral("database"));
    m_database->setPlaceholderText(tr("empty: PGDATABASE or the user name"));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("user"));
    m_user->setPlaceholderText(tr("empty: PGUSER or your login"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("not saved; empty: PGPASSWORD or ~/.pgpass"));
    m_sslMode = new QComboBox(this);
    m_sslMode->setObjectName(QStringLiteral("sslMode"));
    m_sslMode->addItems(kSslModes);
    m_sslMode->setCurrentText(QStringLiteral("prefer"));

    auto *server = new QWidget(this);
    auto *serverForm = new QFormLayout(server);
    serverForm->addRow(tr("&Host:"), m_host);
    serverForm->addRow(tr("P&ort:"), m_port);
    serverForm->addRow(tr("&Database:"), m_database);
    serverForm->addRow(tr("&User:"), m_user);
    serverForm->addRow(tr("Pass&word:"), m_password);
    serverForm->addRow(tr("&SSL mode:"), m_sslMode);

    m_url = new QLineEdit(this);
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setPlaceholderText(QStringLiteral("postgresql://user@host:5432/shop?sslmode=require"));
    auto *urlPage = new QWidget(this);
    auto *urlForm = new QFormLayout(urlPage);
    urlForm->addRow(tr("Database &URL:"), m_url);
    auto *urlHint = new QLabel(tr("A password in the URL is used for this session only."), urlPage);
    urlHint->setTextFormat(Qt::PlainText);
    urlHint->setWordWrap(true);
    urlForm->addRow(urlHint);

    m_sqlitePath = new QLineEdit(this);
    m_sqlitePath->setObjectName(QStringLiteral("sqlitePath"));
    m_sqlitePath->setPlaceholderText(tr("/path/to/compose.db"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("browse"));
    connect(browse, &QPushButton::clicked, this, &ConnectionDialog::browseSqlite);
    auto *sqlitePage = new QWidget(this);
    auto *sqliteForm = new QFormLayout(sqlitePage);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_sqlitePath, 1);
    pathRow->addWidget(browse);
    sqliteForm->addRow(tr("SQLite &file:"), pathRow);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->addTab(server, tr("PostgreSQL server"));
    m_tabs->addTab(urlPage, tr("PostgreSQL URL"));
    m_tabs->addTab(sqlitePage, tr("SQLite file"));

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setTextFormat(Qt::PlainText); // server messages can quote customer data
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    m_testButton = m_buttons->addButton(tr("&Test connection"), QDialogButtonBox::ActionRole);
    m_testButton->setObjectName(QStringLiteral("testButton"));
    m_testButton->hide();
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(&m_testWatcher, &QFutureWatcher<QString>::finished, this, [this] {
        const QString result = m_testWatcher.result();
        m_testButton->setEnabled(true);
        m_message->setText(result.isEmpty() ? tr("Connection works.") : result);
        m_message->show();
        emit testFinished(result);
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    resize(520, sizeHint().height());
    m_host->setFocus();
}

ConnectionDialog::~ConnectionDialog()
{
    // A test still running keeps its own copies; only stop listening to it.
    m_testWatcher.disconnect(this);
}

void ConnectionDialog::setSettings(const ConnectionSettings &s)
{
    if (s.dialect == SqlDialect::SQLite) {
        m_sqlitePath->setText(s.database);
        m_tabs->setCurrentIndex(SqlitePage);
        return;
    }
    m_host->setText(s.host);
    m_port->setValue(s.port > 0 ? s.port : 0);
    m_database->setText(s.database);
    m_user->setText(s.user);
    m_password->setText(s.password);
    m_extraOptions.clear();
    for (const QString &kv : s.options.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QString key = kv.section(QLatin1Char('='), 0, 0);
        const QString value = kv.section(QLatin1Char('='), 1);
        if (key == QLatin1String("sslmode") && kSslModes.contains(value))
            m_sslMode->setCurrentText(value);
        else if (key != QLatin1String("sslmode"))
            m_extraOptions << kv;
    }
    m_tabs->setCurrentIndex(ServerPage);
}

std::optional<ConnectionSettings> ConnectionDialog::settings(QString *error) const
{
    auto fail = [&](const QString &why) -> std::optional<ConnectionSettings> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    switch (m_tabs->currentIndex()) {
    case UrlPage: {
        const QString text = m_url->text().trimmed();
        if (text.isEmpty())
            return fail(tr("Paste a postgresql:// URL, or use one of the other tabs."));
        QString why;
        auto s = ConnectionSettings::fromUrl(text, &why);
        if (!s)
            return fail(why);
        return s;
    }
    case SqlitePage: {
        const QString path = m_sqlitePath->text().trimmed();
        if (path.isEmpty())
            return fail(tr("Choose an SQLite database file."));
        // Opening a missing file would silently create an empty database.
        if (!QFileInfo(path).isFile())
            return fail(tr("There is no file at %1.").arg(path));
        ConnectionSettings s;
        s.dialect = SqlDialect::SQLite;
        s.database = QFileInfo(path).absoluteFilePath();
        return s;
    }
    default:
        break;
    }
    ConnectionSettings s;
    s.dialect = SqlDialect::PostgreSQL;
    s.host = m_host->text().trimmed();
    if (s.host.contains(QLatin1Char(' ')) || s.host.contains(QLatin1Char('/')))
        return fail(tr("The host name \"%1\" is not valid.").arg(s.host));
    s.port = m_port->value() > 0 ? m_port->value() : -1;
    s.database = m_database->text().trimmed();
    s.user = m_user->text().trimmed();
    s.password = m_password->text();
    QStringList opts {QStringLiteral("sslmode=") + m_sslMode->currentText()};
    opts << m_extraOptions;
    s.options = opts.join(QLatin1Char(';'));
    return s;
}

void ConnectionDialog::setTester(Tester tester)
{
    m_tester = std::move(tester);
    m_testButton->setVisible(bool(m_tester));
}

void ConnectionDialog::setMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void ConnectionDialog::accept()
{
    QString error;
    if (!settings(&error)) {
        showError(error);
        return;
    }
    QDialog::accept();
}

void ConnectionDialog::testConnection()
{
    QString error;
    const auto s = settings(&error);
    if (!s) {
        showError(error);
        return;
    }
    if (!m_tester || m_testWatcher.isRunning())
        return;
    m_testButton->setEnabled(false);
    setMessage(tr("Testing %1…").arg(s->displayName()));
    m_testWatcher.setFuture(QtConcurrent::run(
        backgroundPool(), [tester = m_tester, settings = *s] { return tester(settings); }));
}

void ConnectionDialog::browseSqlite()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open SQLite database"), QFileInfo(m_sqlitePath->text()).absolutePath(),
        tr("SQLite databases (*.db *.sqlite *.sqlite3);;All files (*)"));
    if (!path.isEmpty())
        m_sqlitePath->setText(path);
}

void ConnectionDialog::showError(const QString &text)
{
    setMessage(text);
}

} // namespace compose
