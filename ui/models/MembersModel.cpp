#include "MembersModel.h"

#include "Labels.h"
#include "AsyncOffice.h"

#include <QDateTime>
#include <QLocale>

namespace mlm {

MembersModel::MembersModel(AsyncOffice &office, QObject *parent) : QAbstractTableModel(parent), m_office(office)
{
    setFilter({});
}

void MembersModel::setFilter(const MemberFilter &filter)
{
    reset(filter, m_pageSize);
}

void MembersModel::reset(const MemberFilter &filter, int firstPage)
{
    // The rows shown stay until the first page of the new filter replaces them: a failed or slow answer leaves the
    // list as it was, not empty.
    m_filter = filter;
    ++m_generation;
    load(firstPage, true);
    m_office.call<qint64>(
        this, [filter](Office &office) { return office.membersCount(filter); },
        [this, generation = m_generation](Result<qint64> total) {
            if (generation != m_generation)
                return;
            if (!total)
                return emit failed(total.error().message);
            m_total = total.value();
            emit totalChanged(m_total);
        });
}

void MembersModel::load(int limit, bool replace)
{
    std::optional<MemberPageKey> after;
    if (!replace && !m_rows.isEmpty())
        after = Members::keyOf(m_rows.last(), m_filter.sortBy);
    m_loading = true;
    m_office.call<QList<Member>>(
        this, [filter = m_filter, after, limit](Office &office) { return office.membersPage(filter, after, limit); },
        [this, generation = m_generation, limit, replace](Result<QList<Member>> page) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!page) {
                m_atEnd = true;
                emit failed(page.error().message);
            } else if (replace) {
                beginResetModel();
                m_rows = page.value();
                m_atEnd = page->size() < limit;
                endResetModel();
            } else {
                m_atEnd = page->size() < limit;
                if (!page->isEmpty()) {
                    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->size()) - 1);
                    m_rows.append(page.value());
                    endInsertRows();
                }
            }
            emit pageArrived();
        });
}

void MembersModel::refresh()
{
    reset(m_filter, int(std::max<qsizetype>(m_rows.size(), m_pageSize))); // as many rows as were loaded
}

const Member *MembersModel::memberAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int MembersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MembersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool MembersModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void MembersModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd || m_loading)
        return;
    load(m_pageSize);
}

void MembersModel::sort(int column, Qt::SortOrder order)
{
    MemberFilter filter = m_filter;
    switch (column) {
    case CodeColumn:
        filter.sortBy = MemberFilter::SortBy::ByCode;
        break;
    case NameColumn:
        filter.sortBy = MemberFilter::SortBy::ByName;
        break;
    case StatusColumn:
        filter.sortBy = MemberFilter::SortBy::ByStatus;
        break;
    case JoinedColumn:
        filter.sortBy = MemberFilter::SortBy::ByJoined;
        break;
    default:
        return; // email and sponsor have no index to page by
    }
    filter.descending = order == Qt::DescendingOrder;
    setFilter(filter);
}

QVariant MembersModel::data(const QModelIndex &index, int role) const
{
    const Member *m = index.isValid() ? memberAt(index.row()) : nullptr;
    if (!m || role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case CodeColumn:
        return m->code;
    case NameColumn:
        return m->name;
    case EmailColumn:
        return m->email;
    case StatusColumn:
        return memberStatusLabel(m->status);
    case SponsorColumn:
        return m->sponsorCode;
    case JoinedColumn:
        return Labels::date(m->joinedAt);
    }
    return {};
}

QVariant MembersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CodeColumn:
        return tr("Code");
    case NameColumn:
        return tr("Name");
    case EmailColumn:
        return tr("Email");
    case StatusColumn:
        return tr("Status");
    case SponsorColumn:
        return tr("Sponsor");
    case JoinedColumn:
        return tr("Joined");
    }
    return {};
}

} // namespace mlm
