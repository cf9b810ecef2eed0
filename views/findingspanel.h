#pragma once

#include "finding.h"

#include <QPointer>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QLabel;
class QPushButton;
class QVBoxLayout;
QT_END_NAMESPACE

namespace compose {

class StaffActions;

// "Needs attention" in the detail pane: the form's open reconciliation findings (what Stripe
// knows that the books do not), each as a sentence with its detail and when it was found, and
// Apply… / Dismiss… buttons that open FindingDialog. Hidden while the form has none. Stripe's
// and customers' text is shown as plain text.
class FindingsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindingsPanel)
public:
    explicit FindingsPanel(StaffActions *actions, QWidget *parent = nullptr);

    void setFindings(const QList<Finding> &findings);
    const QList<Finding> &findings() const { return m_findings; }
    // The sentence for a finding's kind and detail, e.g. "Stripe says … was paid …".
    static QString describe(const Finding &finding);
    static QString details(const Finding &finding);

    QPushButton *applyButton(qint64 findingId) const;
    QPushButton *dismissButton(qint64 findingId) const;
    // Opens the confirmation for one finding (the buttons call this).
    void open(const Finding &finding, bool apply);

private:
    void rebuild();
    void refreshButtons();

    QPointer<StaffActions> m_actions;
    QList<Finding> m_findings;
    QLabel *m_title = nullptr;
    QVBoxLayout *m_rows = nullptr;
    QWidget *m_rowsHost = nullptr;
};

} // namespace compose
