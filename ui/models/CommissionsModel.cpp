#include "CommissionsModel.h"

#include "Labels.h"

namespace mlm {

CommissionsModel::CommissionsModel(Office &office, QObject *parent) : QAbstractTableModel(parent), m_office(office) {}

void CommissionsModel::setRun(const RunOverview &run)
{
    beginResetModel();
    m_run = run;
    m_blocks.clear();
    m_refused = false;
    endResetModel();
}

void CommissionsModel::clear()
{
    setRun({});
}

const QList<MemberCommission> *CommissionsModel::blockOf(int row) const
{
    const int block = row / kBlock;
    if (auto found = m_blocks.constFind(block); found != m_blocks.cend())
        return &found.value();
    if (m_refused)
        return nullptr;
    auto members = m_office.runMembers(m_run.id, qsizetype(block) * kBlock, kBlock);
    if (!members) {
        m_refused = true;
        // Said after the painting that asked for the rows, not from within it.
        auto *self = const_cast<CommissionsModel *>(this);
        QMetaObject::invokeMethod(
            self, [self, message = members.error().message] { emit self->membersRefused(message); },
            Qt::QueuedConnection);
        return nullptr;
    }
    if (m_blocks.size() >= kBlocksKept)
        m_blocks.clear();
    return &m_blocks.insert(block, members.value()).value();
}

MemberCommission CommissionsModel::memberAt(int row) const
{
    const QList<MemberCommission> *block = row >= 0 && row < rowCount() ? blockOf(row) : nullptr;
    return block ? block->value(row % kBlock) : MemberCommission{};
}

int CommissionsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_run.totals.members);
}

int CommissionsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 6 + levelCount();
}

QVariant CommissionsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int column = index.column();
    const int levels = levelCount();
    if (role == Qt::TextAlignmentRole)
        return column == 0 || column == 2 ? int(Qt::AlignLeft | Qt::AlignVCenter)
                                          : int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const QList<MemberCommission> *block = blockOf(index.row());
    if (!block || index.row() % kBlock >= block->size())
        return {};
    const MemberCommission &m = block->at(index.row() % kBlock);
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
