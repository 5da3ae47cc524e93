#include "OrdersModel.h"

#include "Labels.h"
#include "auth/Session.h"

#include <QDateTime>
#include <QLocale>

namespace mlm {

OrdersModel::OrdersModel(Session &session, QObject *parent) : QAbstractTableModel(parent), m_session(session)
{
    setFilter({});
}

void OrdersModel::setFilter(const OrderFilter &filter)
{
    beginResetModel(); // the first page is read inside the reset: one change for the views
    m_filter = filter;
    auto page = m_session.ordersPage(m_filter, 0, m_pageSize);
    m_rows = page ? page.value() : QList<Order>();
    m_atEnd = !page || page->size() < m_pageSize;
    endResetModel();
    if (!page)
        emit failed(page.error().message);
}

const Order *OrdersModel::orderAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

void OrdersModel::update(const Order &order)
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == order.id) {
            m_rows[row] = order;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            return;
        }
    }
}

int OrdersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int OrdersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool OrdersModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void OrdersModel::fetchMore(const QModelIndex &parent)
{
    if (parent.isValid() || m_atEnd || m_rows.isEmpty())
        return;
    auto page = m_session.ordersPage(m_filter, m_rows.last().id, m_pageSize);
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

QVariant OrdersModel::data(const QModelIndex &index, int role) const
{
    const Order *o = index.isValid() ? orderAt(index.row()) : nullptr;
    if (!o)
        return {};
    if (role == Qt::TextAlignmentRole && index.column() == TotalColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return o->externalId;
    case StoreColumn:
        return o->storeCode.isEmpty() ? tr("back office") : o->storeCode;
    case BuyerColumn:
        return o->buyerMemberId != 0 ? o->buyerMemberCode : o->buyerCustomerEmail;
    case CreditedColumn:
        return o->creditedMemberCode.isEmpty() ? tr("nobody") : o->creditedMemberCode;
    case TierColumn:
        return o->tier;
    case TotalColumn:
        return Labels::money(o->totalPrice);
    case StatusColumn:
        return Labels::orderStatus(o->status);
    case CreatedColumn:
        return QLocale().toString(QDateTime::fromSecsSinceEpoch(o->createdAt, Qt::UTC), QLocale::ShortFormat);
    }
    return {};
}

QVariant OrdersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Order");
    case StoreColumn:
        return tr("Store");
    case BuyerColumn:
        return tr("Buyer");
    case CreditedColumn:
        return tr("Credited to");
    case TierColumn:
        return tr("Tier");
    case TotalColumn:
        return tr("Total");
    case StatusColumn:
        return tr("Status");
    case CreatedColumn:
        return tr("Created (UTC)");
    }
    return {};
}

} // namespace mlm
