#pragma once

#include <QPointer>
#include <QRect>
#include <QWidget>

namespace compose {

class FunnelModel;

// The status funnel, painted from a FunnelModel: the seven workflow stages as horizontal bars
// (reached count, share of the first stage, conversion from the previous one) and, apart on the
// right, the forms that left the path (Expired, Refunded, Other). A row can be chosen with the
// mouse or the keyboard (arrows + Enter/Space) to filter the form list by that status; choosing
// it again clears the choice.
class FunnelWidget : public QWidget {
    Q_OBJECT
public:
    explicit FunnelWidget(FunnelModel *model, QWidget *parent = nullptr);

    // The clickable bar area of a model row, in widget coordinates (empty for a bad row).
    QRect barRect(int row) const;
    int rowAt(const QPoint &pos) const;
    int selectedRow() const { return m_selected; }
    void setSelectedRow(int row); // -1 clears; emits selectedRowChanged when it changes
    int currentRow() const { return m_current; }
    FunnelModel *model() const;
    // What a row's tooltip (and a screen reader's description) says: its counts and shares.
    QString rowToolTip(int row) const;
    // Stale: the numbers are from before the connection dropped; drawn dimmed.
    void setStale(bool stale);
    bool isStale() const { return m_stale; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void selectedRowChanged(int row);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Geometry {
        QRect header;
        QList<QRect> rows; // whole row (label, bar, numbers) per model row
        QList<QRect> bars; // bar track per model row
        QRect sideHeader;
        int labelWidth = 0;
        int numbersLeft = 0;
    };
    void relayout();
    void activate(int row);
    void setHovered(int row);
    void updateAccessibleText();

    QPointer<FunnelModel> m_model;
    Geometry m_geo;
    QString m_error;
    int m_hovered = -1;
    int m_selected = -1;
    int m_current = 0;
    bool m_stale = false;
};

} // namespace compose
