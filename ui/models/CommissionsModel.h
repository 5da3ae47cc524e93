#pragma once

#include "compensation/CommissionRuns.h"

#include <QAbstractTableModel>

namespace mlm {

/// A run's members as a table: code, PV, qualified, retail profit, one column per level, clawback, total. Holds
/// the run (a million members is a list of structs, not a million widgets).
class CommissionsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    using QAbstractTableModel::QAbstractTableModel;

    void setRun(const CommissionRun &run);
    void clear();
    const CommissionRun &run() const { return m_run; }
    const MemberCommission &memberAt(int row) const { return m_run.members.at(row); }
    int levelCount() const { return int(m_run.plan.levelsBp.size()); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    CommissionRun m_run;
};

} // namespace mlm
