#pragma once

#include <QFrame>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
QT_END_NAMESPACE

namespace compose {

// A strip across the top of the window saying what is wrong and offering what to do about it:
// the database banner and the API banner are both one of these. The severity is carried by an
// icon and a word as well as by the colour, so it reads the same to someone who cannot tell the
// colours apart or hears the window through a screen reader.
class Banner final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Banner)
public:
    enum class Severity { Information, Warning };

    // name: the object name; the message label is name + "Text" (tests and style sheets find
    // them by these names).
    Banner(const QString &name, Severity severity, QWidget *parent = nullptr);

    void setSeverity(Severity severity);
    Severity severity() const { return m_severity; }
    void setMessage(const QString &text); // plain text: messages may quote the database or API
    QString message() const;
    // Adds a button at the right end, in the order added.
    QPushButton *addButton(const QString &text, const QString &objectName);

private:
    Severity m_severity = Severity::Information;
    QLabel *m_icon = nullptr;
    QLabel *m_word = nullptr;
    QLabel *m_text = nullptr;
};

} // namespace compose
