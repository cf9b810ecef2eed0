#pragma once

#include <QDate>
#include <QTimer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QComboBox;
class QDateEdit;
class QLineEdit;
class QToolButton;
QT_END_NAMESPACE

namespace compose {

// The filters the funnel and the form list share: the cohort (created between two days), the
// package, the status chosen in the funnel (shown as a chip that clears it) and one search box.
class FilterBar : public QWidget {
    Q_OBJECT
public:
    enum Range { Today, Last7Days, Last30Days, AllTime, Custom };
    Q_ENUM(Range)

    explicit FilterBar(QWidget *parent = nullptr);

    Range range() const;
    void setRange(Range range);
    QDate from() const; // invalid: unbounded
    QDate to() const;
    void setCustomRange(const QDate &from, const QDate &to);
    QString package() const; // "" = all
    void setPackage(const QString &key); // emits cohortChanged when it changes
    QString search() const; // trimmed, as last emitted
    void setSearchText(const QString &text); // emits searchChanged without waiting
    // The status filter chip ("" hides it).
    void setStatusChip(const QString &label);
    // Needs attention: a queue's or a row flag's key (Attention), or "" for every form.
    QString attention() const;
    void setAttention(const QString &key); // emits attentionChanged when it changes
    QLineEdit *searchEdit() const { return m_search; } // first in the window's Tab order

public slots:
    void focusSearch();
    // As Enter in the search box: searches for what is typed now and opens the match.
    void acceptSearch();

signals:
    void cohortChanged(); // range or package
    void searchChanged(const QString &text);
    void statusChipCleared();
    void attentionChanged(const QString &key);
    // Enter in the search box (after searchChanged, if the text changed): open the match.
    void searchAccepted();
    // Down in the search box: go on into the list.
    void moveIntoListRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void emitSearch();

    QComboBox *m_range = nullptr;
    QDateEdit *m_from = nullptr;
    QDateEdit *m_to = nullptr;
    QComboBox *m_package = nullptr;
    QToolButton *m_statusChip = nullptr;
    QComboBox *m_attention = nullptr;
    QLineEdit *m_search = nullptr;
    QTimer m_searchDelay;
    QString m_lastSearch;
};

} // namespace compose
