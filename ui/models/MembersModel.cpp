#include "MembersModel.h"

#include "Labels.h"
#include "office/Session.h"

#include <QDateTime>
#include <QLocale>

namespace mlm {

MembersModel::MembersModel(Session &session, QObject *parent) : QAbstractTableModel(parent), m_session(session)
{
    setFilter({});
}

void MembersModel::setFilter(const MemberFilter &filter)
{
    // The first page is read inside the reset: views (and QAbstractItemModelTester) see one change, not a reset
    // followed by an insertion.
    beginResetModel();
    m_filter = filter;
    m_rows.clear();
    auto page = m_session.membersPage(m_filter, std::nullopt, m_pageSize);
    if (page)
        m_rows = page.value();
    m_atEnd = !page || page->size() < m_pageSize;
    endResetModel();
    if (!page)
        emit failed(page.error().message);
    auto total = m_session.membersCount(m_filter);
    m_total = total ? total.value() : 0;
    if (!total)
        emit failed(total.error().message);
    emit totalChanged(m_total);
}

void MembersModel::refresh()
{
    const qsizetype loaded = std::max<qsizetype>(m_rows.size(), m_pageSize);
    const int pageSize = m_pageSize;
    m_pageSize = int(loaded);
    setFilter(m_filter);
    m_pageSize = pageSize;
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
    if (parent.isValid() || m_atEnd)
        return;
    std::optional<MemberPageKey> after;
    if (!m_rows.isEmpty())
        after = Members::keyOf(m_rows.last(), m_filter.sortBy);
    auto page = m_session.membersPage(m_filter, after, m_pageSize);
    if (!page) {
        m_atEnd = true;
        emit failed(page.error().message);
        return;
    }
    m_atEnd = page->size() < m_pageSize;
    if (page->isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + page->size()) - 1);
    m_rows.append(page.value());
    endInsertRows();
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
