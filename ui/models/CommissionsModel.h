#pragma once

#include "office/Office.h"

#include <QAbstractTableModel>
#include <QHash>

namespace mlm {

/// A run's members as a table: code, PV, qualified, retail profit, one column per level, clawback, total. Holds
/// the run's overview; its members are read from the office a block at a time as rows are shown (a run of a
/// million members stays where it was computed).
class CommissionsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit CommissionsModel(Office &office, QObject *parent = nullptr);

    void setRun(const RunOverview &run);
    void clear();
    const RunOverview &run() const { return m_run; }
    /// The member of `row` (read from the office if not yet); an empty one if it could not be read.
    MemberCommission memberAt(int row) const;
    int levelCount() const { return int(m_run.plan.levelsBp.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// The office refused the run's members (it no longer keeps the run, say): its rows stay empty.
    void membersRefused(const QString &message);

private:
    static constexpr int kBlock = 1000;
    static constexpr int kBlocksKept = 64;
    /// The block holding `row`, read when needed; null if the office refused it.
    const QList<MemberCommission> *blockOf(int row) const;

    Office &m_office;
    RunOverview m_run;
    mutable QHash<int, QList<MemberCommission>> m_blocks;
    mutable bool m_refused = false; ///< asked once, not again for every cell
};

} // namespace mlm
