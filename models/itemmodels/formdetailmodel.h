#pragma once

#include "formtypes.h"

#include <QAbstractTableModel>
#include <QObject>

namespace compose {

class DataService;

// The variation table of one form: a row per song x variation (plus stray generations).
class VariationTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        SongColumn,
        VariationColumn,
        TaskColumn,
        GenerationStatusColumn,
        DurationColumn,
        AudioUrlColumn,
        SelectedColumn,
        PaidColumn,
        ShareColumn,
        ConflictColumn,
        ColumnCount
    };
    enum Role {
        RawValueRole = Qt::UserRole,
        SongIndexRole,
        VariationIndexRole,
        AudioUrlRole,
        HasConflictRole,
        IsPlayingRole, // set by the player through setPlaying()
        PlaybackErrorRole,
        IsFailedRole,
        LengthMismatchRole, // bool: the preview plays much shorter/longer than the record says
    };

    explicit VariationTableModel(QObject *parent = nullptr);
    void setRows(const QList<VariationRow> &rows);
    void updateRows(const QList<VariationRow> &rows); // in place when the grid is the same
    const QList<VariationRow> &rows() const { return m_rows; }
    VariationRow rowAt(int row) const { return m_rows.value(row); }
    int rowFor(int songIndex, int variationIndex) const;

    // Marks what the player is playing (-1, -1: nothing) and per-row playback errors.
    void setPlaying(int songIndex, int variationIndex);
    void setPlaybackError(int songIndex, int variationIndex, const QString &message);
    // The length the player measured for a preview (QMediaPlayer's duration once loaded). The
    // Length column then shows it instead of music_generations' duration, flagged with ⚠ and a
    // tooltip when the two disagree. Kept per link, so a refresh of the same form keeps it.
    void setMeasuredLength(const QString &url, qint64 ms);
    static bool lengthsDisagree(int recordedSec, qint64 measuredMs);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<VariationRow> m_rows;
    QHash<int, QString> m_errors; // row -> message
    QHash<QString, qint64> m_measuredMs; // audio link -> length the player measured
    int m_playingRow = -1;
};

// The form shown in the detail pane: loads it on the worker, keeps it current.
class FormDetailModel : public QObject {
    Q_OBJECT
public:
    enum class State : quint8 { Empty, Loading, Loaded, NotFound, Failed };
    Q_ENUM(State)

    explicit FormDetailModel(DataService *service, QObject *parent = nullptr);

    void setFormId(const QString &formId); // loads; empty clears
    QString formId() const { return m_formId; }
    void reload();
    void setDetail(const FormDetail &detail); // also used by tests without a database
    const FormDetail &detail() const { return m_detail; }
    State state() const { return m_state; }
    QString errorMessage() const { return m_error; }
    VariationTableModel *variations() { return &m_variations; }

signals:
    void stateChanged(compose::FormDetailModel::State state);
    void detailChanged(const compose::FormDetail &detail);

private:
    void setState(State s);

    DataService *m_service = nullptr;
    QString m_formId;
    FormDetail m_detail;
    State m_state = State::Empty;
    QString m_error;
    quint64 m_pending = 0;
    VariationTableModel m_variations;
};

} // namespace compose
