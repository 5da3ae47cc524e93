#pragma once

#include "office/Office.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

namespace mlm {

class AsyncOffice;

/// A run's members as a table: code, PV, qualified, retail profit, one column per level, clawback, total. Holds
/// the run's overview; its members are read from the office a block at a time as rows are shown (a run of a
/// million members stays where it was computed). A block is asked for in the background; its rows say
/// "Loading..." until it comes.
class CommissionsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit CommissionsModel(AsyncOffice &office, QObject *parent = nullptr);

    void setRun(const RunOverview &run);
    void clear();
    const RunOverview &run() const { return m_run; }
    /// The member of `row`; an empty one while its block has not come (it is then asked for), or was refused.
    MemberCommission memberAt(int row) const;
    /// Whether a block asked for has not come yet.
    bool isLoading() const { return !m_asked.isEmpty(); }
    int levelCount() const { return int(m_run.plan.levelsBp.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    /// The office refused the run's members (it no longer keeps the run, say): its rows stay empty.
    void membersRefused(const QString &message);
    /// A block of rows came.
    void blockArrived();

private:
    static constexpr int kBlock = 1000;
    static constexpr int kBlocksKept = 64;
    /// The block holding `row`; null while it has not come (it is then asked for), or when it was refused.
    const QList<MemberCommission> *blockOf(int row) const;

    AsyncOffice &m_office;
    RunOverview m_run;
    int m_generation = 0; ///< of the run shown: blocks of another are dropped
    mutable QHash<int, QList<MemberCommission>> m_blocks;
    mutable QSet<int> m_asked;
    mutable bool m_refused = false; ///< asked once, not again for every cell
};

} // namespace mlm
