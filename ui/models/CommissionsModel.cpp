#include "CommissionsModel.h"

#include "Labels.h"

namespace mlm {

void CommissionsModel::setRun(const CommissionRun &run)
{
    beginResetModel();
    m_run = run;
    endResetModel();
}

void CommissionsModel::clear()
{
    setRun({});
}

int CommissionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_run.members.size());
}

int CommissionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 6 + levelCount();
}

QVariant CommissionsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_run.members.size())
        return {};
    const MemberCommission &m = m_run.members.at(index.row());
    const int column = index.column();
    const int levels = levelCount();
    if (role == Qt::TextAlignmentRole)
        return column == 0 || column == 2 ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                          : int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    if (column == 0)
        return m.code;
    if (column == 1)
        return Labels::volume(m.pv);
    if (column == 2)
        return m.qualified ? tr("yes") : tr("no");
    if (column == 3)
        return Labels::money(m.retailProfit);
    if (column < 4 + levels)
        return Labels::money(column - 4 < m.levels.size() ? m.levels.at(column - 4) : 0);
    if (column == 4 + levels)
        return Labels::money(m.clawback);
    return Labels::money(m.total);
}

QVariant CommissionsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    const int levels = levelCount();
    if (section == 0)
        return tr("Member");
    if (section == 1)
        return tr("PV");
    if (section == 2)
        return tr("Qualified");
    if (section == 3)
        return tr("Retail profit");
    if (section < 4 + levels)
        return tr("Level %1").arg(section - 3);
    if (section == 4 + levels)
        return tr("Clawback");
    return tr("Total");
}

} // namespace mlm
