#pragma once

#include "connectionsettings.h"

#include <QDialog>
#include <QFutureWatcher>

#include <functional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace compose {

// Where to connect: a PostgreSQL server by fields, a pasted postgresql:// URL, or an SQLite
// file. The password lives only in the returned settings, never in QSettings. "Test
// connection" runs the tester given by the application on a pool thread (views never touch
// SQL, and nothing waits on the UI thread); without a tester the button is hidden.
class ConnectionDialog : public QDialog {
    Q_OBJECT
public:
    enum Page { ServerPage, UrlPage, SqlitePage };
    // Returns an empty string when the database can be used, else a sentence saying why not.
    using Tester = std::function<QString(const ConnectionSettings &)>;

    explicit ConnectionDialog(QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    void setSettings(const ConnectionSettings &settings);
    // The settings the fields describe, password included; nullopt (and *error) when invalid.
    std::optional<ConnectionSettings> settings(QString *error = nullptr) const;
    void setTester(Tester tester);
    void setMessage(const QString &message); // e.g. why the last attempt failed

    void accept() override;

signals:
    void testFinished(const QString &result); // empty: success

private:
    void testConnection();
    void browseSqlite();
    void showError(const QString &text);

    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QComboBox *m_sslMode = nullptr;
    QLineEdit *m_url = nullptr;
    QLineEdit *m_sqlitePath = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_testButton = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QStringList m_extraOptions; // libpq options other than sslmode, kept as they came
    Tester m_tester;
    QFutureWatcher<QString> m_testWatcher;
};

} // namespace compose
