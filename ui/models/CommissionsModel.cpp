#include "CommissionsModel.h"

#include "AsyncOffice.h"
#include "Labels.h"

namespace mlm {

CommissionsModel::CommissionsModel(AsyncOffice &office, QObject *parent) : QAbstractTableModel(parent), m_office(office) {}

void CommissionsModel::setRun(const RunOverview &run)
{
    beginResetModel();
    m_run = run;
    m_blocks.clear();
    m_asked.clear();
    ++m_generation;
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
    if (m_refused || m_asked.contains(block))
        return nullptr;
    m_asked.insert(block);
    auto *self = const_cast<CommissionsModel *>(this);
    m_office.call<QList<MemberCommission>>(
        self, [id = m_run.id, block](Office &office) { return office.runMembers(id, qsizetype(block) * kBlock, kBlock); },
        [self, block, generation = m_generation](Result<QList<MemberCommission>> members) {
            if (generation != self->m_generation)
                return;
            self->m_asked.remove(block);
            if (!members) {
                self->m_refused = true; // asked once, not again for every cell
                emit self->membersRefused(members.error().message);
                return;
            }
            if (self->m_blocks.size() >= kBlocksKept)
                self->m_blocks.clear();
            self->m_blocks.insert(block, members.value());
            const int first = block * kBlock;
            const int last = std::min(self->rowCount(), first + kBlock) - 1;
            if (last >= first)
                emit self->dataChanged(self->index(first, 0), self->index(last, self->columnCount() - 1));
            emit self->blockArrived();
        });
    return nullptr;
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
        return column == 0 && !m_refused ? tr("Loading...") : QVariant();
    const MemberCommission &m = block->at(index.row() % kBlock);
    if (column == 0)
        return m.code;
    if (column == 1)
        return Labels::volume(m.pv);
    if (column == 2)
        return Labels::yesNo(m.qualified);
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
