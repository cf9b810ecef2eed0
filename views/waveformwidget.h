#pragma once

#include "waveform.h"

#include <QColor>
#include <QWidget>

namespace compose {

// Paints a preview's peaks with the played part highlighted, marks silent and clipped regions
// (shaded bands with a tooltip such as "silent 12.0–18.0 s") and turns click or drag into seeks.
class WaveformWidget : public QWidget {
    Q_OBJECT
public:
    explicit WaveformWidget(QWidget *parent = nullptr);

    void setWaveform(const WaveformData &data);
    void clear();
    // Shown instead of peaks while there are none ("Analysing…", "Waveform unavailable").
    void setPlaceholderText(const QString &text);
    QString placeholderText() const { return m_placeholder; }
    const WaveformData &waveform() const { return m_data; }

    void setPosition(qint64 ms);
    void setDuration(qint64 ms);
    qint64 position() const { return m_position; }
    // The player's duration when known (seeks are in its time), else the analysed one.
    qint64 duration() const;

    int xForMs(qint64 ms) const;
    qint64 msForX(int x) const;
    // Tooltip text at a column: the time there plus any silent/clipped region under it.
    QString toolTipAt(int x) const;

    static QColor silenceColor();
    static QColor clipColor();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void seekRequested(qint64 ms);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRect waveRect() const;
    void seekToX(int x);

    WaveformData m_data;
    QString m_placeholder;
    qint64 m_position = 0;
    qint64 m_duration = 0;
    bool m_dragging = false;
};

} // namespace compose
