#include "formdetailmodel.h"

#include "theme.h"

#include "audiourl.h"
#include "dataservice.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>

namespace compose {

namespace {
QString yesNo(const std::optional<bool> &b)
{
    if (!b)
        return QStringLiteral("—");
    return *b ? VariationTableModel::tr("yes") : VariationTableModel::tr("no");
}

QString duration(const std::optional<int> &sec)
{
    if (!sec)
        return {};
    return QStringLiteral("%1:%2").arg(*sec / 60).arg(*sec % 60, 2, 10, QLatin1Char('0'));
}

int roundedSeconds(qint64 ms)
{
    return int((ms + 500) / 1000);
}
} // namespace

VariationTableModel::VariationTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void VariationTableModel::setRows(const QList<VariationRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    m_errors.clear();
    m_playingRow = -1;
    endResetModel();
}

void VariationTableModel::updateRows(const QList<VariationRow> &rows)
{
    bool sameShape = rows.size() == m_rows.size();
    for (int i = 0; sameShape && i < rows.size(); ++i)
        sameShape = rows.at(i).songIndex == m_rows.at(i).songIndex
            && rows.at(i).variationIndex == m_rows.at(i).variationIndex;
    if (!sameShape) {
        const int playing = m_playingRow;
        const VariationRow was = m_rows.value(playing);
        setRows(rows);
        if (playing >= 0)
            setPlaying(was.songIndex, was.variationIndex);
        return;
    }
    m_rows = rows;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int VariationTableModel::rowFor(int songIndex, int variationIndex) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).songIndex == songIndex && m_rows.at(i).variationIndex == variationIndex)
            return i;
    }
    return -1;
}

void VariationTableModel::setPlaying(int songIndex, int variationIndex)
{
    const int row = rowFor(songIndex, variationIndex);
    if (row == m_playingRow)
        return;
    const int old = m_playingRow;
    m_playingRow = row;
    if (old >= 0)
        emit dataChanged(index(old, 0), index(old, ColumnCount - 1));
    if (row >= 0)
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void VariationTableModel::setPlaybackError(int songIndex, int variationIndex,
                                           const QString &message)
{
    const int row = rowFor(songIndex, variationIndex);
    if (row < 0)
        return;
    if (message.isEmpty())
        m_errors.remove(row);
    else
        m_errors.insert(row, message);
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void VariationTableModel::setMeasuredLength(const QString &url, qint64 ms)
{
    if (url.isEmpty() || ms <= 0 || m_measuredMs.value(url) == ms)
        return;
    m_measuredMs.insert(url, ms);
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).audioUrl() == url)
            emit dataChanged(index(row, DurationColumn), index(row, DurationColumn));
    }
}

bool VariationTableModel::lengthsDisagree(int recordedSec, qint64 measuredMs)
{
    // A second of rounding, or a few percent of encoder padding, is the same song; a 10 s
    // preview recorded as 2:31 is not.
    const qint64 diffMs = qAbs(qint64(recordedSec) * 1000 - measuredMs);
    return diffMs > std::max<qint64>(2000, measuredMs / 20);
}

int VariationTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int VariationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VariationTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const VariationRow &r = m_rows.at(index.row());
    const int col = index.column();
    const QString error = m_errors.value(index.row());
    const qint64 measuredMs = m_measuredMs.value(r.audioUrl(), 0);
    const bool lengthMismatch
        = measuredMs > 0 && r.durationSec && lengthsDisagree(*r.durationSec, measuredMs);
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case SongColumn:
            return r.songIndex >= 0 ? QVariant(r.songIndex + 1) : QVariant(QStringLiteral("?"));
        case VariationColumn:
            return r.variationIndex >= 0 ? QVariant(r.variationIndex)
                                         : QVariant(QStringLiteral("?"));
        case TaskColumn:
            return r.taskId().isEmpty() ? tr("— none —") : r.taskId();
        case GenerationStatusColumn:
            if (!r.hasGeneration)
                return r.taskIdJson.isEmpty() ? tr("not started") : tr("no generation row");
            return r.generationStatus.isEmpty() ? tr("— missing —") : r.generationStatus;
        case DurationColumn:
            if (lengthMismatch)
                return tr("⚠ %1",
                          "length of the preview as played; the tooltip says what the database "
                          "records")
                    .arg(duration(roundedSeconds(measuredMs)));
            return measuredMs > 0 ? duration(roundedSeconds(measuredMs)) : duration(r.durationSec);
        case AudioUrlColumn:
            if (!error.isEmpty())
                return tr("⚠ %1").arg(error);
            if (!r.audioUrl().isEmpty() && !AudioUrl::validate(r.audioUrl()).ok)
                return tr("⚠ invalid URL: %1").arg(r.audioUrl().left(60));
            return r.audioUrl();
        case SelectedColumn:
            return r.selectedJson ? tr("selected") : QString();
        case PaidColumn:
            return yesNo(r.isPaid);
        case ShareColumn:
            return yesNo(r.shareEnabled);
        case ConflictColumn:
            return r.conflicts.isEmpty() ? QString() : r.conflicts.join(QStringLiteral("; "));
        }
        return {};
    case Qt::AccessibleTextRole:
        // The song cell carries the painted play button (PlayButtonDelegate): a screen reader
        // announces what clicking it does.
        if (col == SongColumn)
            return index.row() == m_playingRow
                ? tr("Stop song %1, variation %2").arg(r.songIndex + 1).arg(r.variationIndex)
                : tr("Play song %1, variation %2").arg(r.songIndex + 1).arg(r.variationIndex);
        return {};
    case Qt::ToolTipRole:
        if (col == DurationColumn && lengthMismatch)
            return tr("The preview plays for %1, but its generation record (music_generations) "
                      "says %2.")
                .arg(duration(roundedSeconds(measuredMs)), duration(r.durationSec));
        if (col == DurationColumn && measuredMs > 0)
            return tr("Length of the preview as played: %1.")
                .arg(duration(roundedSeconds(measuredMs)));
        if (col == AudioUrlColumn) {
            const auto check = AudioUrl::validate(r.audioUrl());
            if (!error.isEmpty())
                return QString(error + QLatin1Char('\n') + r.audioUrl());
            return check.ok || r.audioUrl().isEmpty()
                ? r.audioUrl()
                : QString(check.reason + QLatin1Char('\n') + r.audioUrl());
        }
        if (!r.conflicts.isEmpty())
            return r.conflicts.join(QLatin1Char('\n'));
        return {};
    case Qt::ForegroundRole:
        if (r.isFailed() && col == GenerationStatusColumn)
            return QBrush(Theme::color(Theme::Role::ErrorText));
        if (col == AudioUrlColumn
            && (!error.isEmpty()
                || (!r.audioUrl().isEmpty() && !AudioUrl::validate(r.audioUrl()).ok)))
            return QBrush(Theme::color(Theme::Role::ErrorText));
        return {};
    case Qt::BackgroundRole:
        if (index.row() == m_playingRow)
            return QBrush(Theme::color(Theme::Role::PlayingBackground));
        if (!r.conflicts.isEmpty())
            return QBrush(Theme::color(Theme::Role::ConflictBackground));
        return {};
    case Qt::FontRole:
        if (index.row() == m_playingRow) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case RawValueRole:
        switch (col) {
        case SongColumn:
            return r.songIndex;
        case VariationColumn:
            return r.variationIndex;
        case TaskColumn:
            return r.taskId();
        case GenerationStatusColumn:
            return r.generationStatus;
        case DurationColumn:
            if (measuredMs > 0)
                return roundedSeconds(measuredMs);
            return r.durationSec ? QVariant(*r.durationSec) : QVariant();
        case AudioUrlColumn:
            return r.audioUrl();
        case SelectedColumn:
            return r.selectedJson;
        case PaidColumn:
            return r.isPaid ? QVariant(*r.isPaid) : QVariant();
        case ShareColumn:
            return r.shareEnabled ? QVariant(*r.shareEnabled) : QVariant();
        case ConflictColumn:
            return r.conflicts.size();
        }
        return {};
    case SongIndexRole:
        return r.songIndex;
    case VariationIndexRole:
        return r.variationIndex;
    case AudioUrlRole:
        return r.audioUrl();
    case HasConflictRole:
        return !r.conflicts.isEmpty();
    case IsPlayingRole:
        return index.row() == m_playingRow;
    case PlaybackErrorRole:
        return error;
    case IsFailedRole:
        return r.isFailed();
    case LengthMismatchRole:
        return lengthMismatch;
    }
    return {};
}

QVariant VariationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SongColumn:
        return tr("Song");
    case VariationColumn:
        return tr("Var.");
    case TaskColumn:
        return tr("Task id");
    case GenerationStatusColumn:
        return tr("Generation");
    case DurationColumn:
        return tr("Length");
    case AudioUrlColumn:
        return tr("Audio");
    case SelectedColumn:
        return tr("Selected");
    case PaidColumn:
        return tr("Paid");
    case ShareColumn:
        return tr("Share");
    case ConflictColumn:
        return tr("Disagreements");
    }
    return {};
}

FormDetailModel::FormDetailModel(DataService *service, QObject *parent)
    : QObject(parent)
    , m_service(service)
{
    if (!m_service)
        return;
    connect(m_service, &DataService::detailReady, this, [this](quint64 id, const FormDetail &d) {
        if (id != m_pending)
            return;
        m_pending = 0;
        setDetail(d);
    });
    connect(m_service, &DataService::detailNotFound, this, [this](quint64 id, const QString &) {
        if (id != m_pending)
            return;
        m_pending = 0;
        m_error = tr("Form %1 does not exist (any more).").arg(m_formId);
        setState(State::NotFound);
    });
    connect(m_service, &DataService::requestFailed, this,
            [this](quint64 id, const QString &message) {
                if (id != m_pending)
                    return;
                m_pending = 0;
                m_error = message;
                // Keep showing what we had (marked by the view) rather than blanking the pane.
                setState(State::Failed);
            });
}

void FormDetailModel::setFormId(const QString &formId)
{
    if (formId == m_formId && m_state != State::Failed)
        return;
    m_formId = formId;
    m_detail = {};
    m_variations.setRows({});
    if (formId.isEmpty()) {
        m_pending = 0;
        setState(State::Empty);
        return;
    }
    reload();
}

void FormDetailModel::reload()
{
    if (!m_service || m_formId.isEmpty())
        return;
    m_pending = m_service->requestDetail(m_formId);
    if (m_detail.summary.id.isEmpty())
        setState(State::Loading);
}

void FormDetailModel::setDetail(const FormDetail &detail)
{
    const bool sameForm = m_detail.summary.id == detail.summary.id;
    m_detail = detail;
    m_formId = detail.summary.id;
    m_error.clear();
    if (sameForm)
        m_variations.updateRows(detail.variations); // live refresh: keep selection and marks
    else
        m_variations.setRows(detail.variations);
    m_state = State::Loaded;
    emit detailChanged(m_detail);
    emit stateChanged(m_state);
}

void FormDetailModel::setState(State s)
{
    m_state = s;
    emit stateChanged(s);
}

} // namespace compose
