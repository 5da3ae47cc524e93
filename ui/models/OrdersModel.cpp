#include "OrdersModel.h"

#include "Labels.h"
#include "AsyncOffice.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace mlm {

OrdersModel::OrdersModel(AsyncOffice &office, QObject *parent) : QAbstractTableModel(parent), m_office(office)
{
    setFilter({});
}

void OrdersModel::setFilter(const OrderFilter &filter)
{
    // The table shown stays until the first page of the new filter replaces it: a failed or slow answer leaves it
    // as it was. Only the answer to the filter asked for last counts.
    const quint64 asked = ++m_filtersAsked;
    m_office.call<QList<Order>>(
        this, [filter](Office &office) { return office.ordersPage(filter, 0, kPageSize); },
        [this, filter, asked](Result<QList<Order>> first) {
            if (asked != m_filtersAsked)
                return;
            m_filtersShown = asked;
            if (!first)
                return emit failed(first.error().message);
            beginResetModel();
            m_filter = filter;
            ++m_generation;
            m_pages.clear();
            m_recent.clear();
            m_known.clear();
            m_asked.clear();
            keepPage(0, first.value());
            m_rows = int(first->size());
            m_counted = first->size() < kPageSize; // all of it in one page
            m_stalled = false;
            m_counting = !m_counted;
            endResetModel();
            emit pageArrived(0);
            if (m_counted)
                return emit counted();
            // The count passes over the whole table once: on a lane of its own, beside the pages.
            m_office.call<qint64>(
                this, [filter](Office &office) { return office.ordersCount(filter); },
                [this, generation = m_generation](Result<qint64> count) { setCount(generation, count); },
                AsyncOffice::Lane::Scans);
        });
}

void OrdersModel::setCount(quint64 generation, const Result<qint64> &count)
{
    if (generation != m_generation)
        return;
    m_counting = false;
    if (m_counted)
        return;
    if (!count) {
        emit failed(count.error().message); // the table goes on growing page by page
        return;
    }
    // All the rows come as a reset, not an insertion: Qt's row header takes ten million new rows in 50 ms so,
    // against 140 ms inserted. The pages read stay; the views keep their place through countArriving().
    const int rows = int(std::min<qint64>(count.value(), std::numeric_limits<int>::max()));
    if (rows != m_rows) {
        emit countArriving();
        beginResetModel();
        m_rows = rows;
        m_counted = true;
        endResetModel();
    }
    m_counted = true; // also when the count equals the rows already there
    emit counted();
}

void OrdersModel::askPage(int index, std::function<void(const QList<Order> &)> then) const
{
    if (!m_asked.insert(index).second && !then)
        return; // on its way
    const int first = index * kPageSize;
    // Where the page's first order lies: so many orders past one whose row is known. The newest end (row -1)
    // always is; the oldest end once the count is there; and the first and last rows of every page read.
    qint64 distance = first;
    Id from = 0;
    bool older = true;
    const auto after = m_known.lower_bound(first);
    if (after != m_known.end() && after->first == first) {
        std::tie(distance, from, older) = std::tuple(0, after->second + 1, true); // that order begins the page
    } else {
        if (after != m_known.begin()) {
            const auto before = std::prev(after);
            if (first - before->first - 1 < distance)
                std::tie(distance, from, older) = std::tuple(first - before->first - 1, before->second, true);
        }
        if (after != m_known.end() && after->first - first - 1 < distance)
            std::tie(distance, from, older) = std::tuple(after->first - first - 1, after->second, false);
        if (m_counted && m_rows - 1 - first < distance)
            std::tie(distance, from, older) = std::tuple(m_rows - 1 - first, Id(0), false);
    }
    auto *self = const_cast<OrdersModel *>(this);
    m_office.call<QList<Order>>(
        self,
        [filter = m_filter, distance, from, older](Office &office) -> Result<QList<Order>> {
            if (older && distance == 0)
                return office.ordersPage(filter, from, kPageSize); // right after a known order: by key alone
            auto id = office.orderIdAt(filter, from, older, distance);
            if (!id)
                return id.error();
            if (id.value() == 0)
                return QList<Order>();
            return office.ordersPage(filter, id.value() + 1, kPageSize);
        },
        [self, index, generation = m_generation, then = std::move(then)](Result<QList<Order>> orders) {
            if (generation != self->m_generation)
                return;
            self->m_asked.erase(index);
            if (!orders) {
                self->m_stalled = true; // shown as empty rows, and said once
                emit self->failed(orders.error().message);
                return;
            }
            self->keepPage(index, orders.value());
            const int firstRow = index * kPageSize;
            const int lastRow = std::min(self->m_rows, firstRow + kPageSize) - 1;
            if (lastRow >= firstRow)
                emit self->dataChanged(self->index(firstRow, 0), self->index(lastRow, ColumnCount - 1));
            if (then)
                then(orders.value());
            emit self->pageArrived(index);
        });
}

void OrdersModel::keepPage(int index, const QList<Order> &orders) const
{
    if (!orders.isEmpty()) {
        m_known[index * kPageSize] = orders.constFirst().id;
        m_known[index * kPageSize + int(orders.size()) - 1] = orders.constLast().id;
    }
    m_pages[index] = orders;
    m_recent.removeOne(index);
    m_recent.append(index);
    while (m_pages.size() > kMaxPagesInMemory)
        m_pages.erase(m_recent.takeFirst());
}

const QList<Order> *OrdersModel::page(int index) const
{
    if (const auto found = m_pages.find(index); found != m_pages.end()) {
        if (m_recent.constLast() != index) {
            m_recent.removeOne(index);
            m_recent.append(index);
        }
        return &found->second;
    }
    if (!m_stalled)
        askPage(index);
    return nullptr;
}

const Order *OrdersModel::orderAt(int row) const
{
    if (row < 0 || row >= m_rows)
        return nullptr;
    const QList<Order> *orders = page(row / kPageSize);
    const int offset = row % kPageSize;
    return orders && offset < orders->size() ? &orders->at(offset) : nullptr;
}

void OrdersModel::locate(Id id, std::function<void(int row)> found)
{
    m_office.call<qint64>(
        this, [filter = m_filter, id](Office &office) { return office.ordersCount(filter, id); },
        [this, id, found = std::move(found), generation = m_generation](Result<qint64> newer) {
            if (generation != m_generation)
                return;
            if (!newer || newer.value() >= m_rows)
                return found(-1);
            const int row = int(newer.value());
            auto check = [this, id, row, found](const QList<Order> &orders) {
                const int offset = row % kPageSize;
                found(offset < orders.size() && orders.at(offset).id == id ? row : -1);
            };
            if (const auto kept = m_pages.find(row / kPageSize); kept != m_pages.end())
                return check(kept->second);
            askPage(row / kPageSize, check);
        });
}

void OrdersModel::update(const Order &order)
{
    for (auto &[index, orders] : m_pages) {
        for (int offset = 0; offset < orders.size(); ++offset) {
            if (orders.at(offset).id == order.id) {
                orders[offset] = order;
                const int row = index * kPageSize + offset;
                emit dataChanged(this->index(row, 0), this->index(row, ColumnCount - 1));
                return;
            }
        }
    }
}

void OrdersModel::appendPage(const QList<Order> &orders)
{
    if (m_counted)
        return; // the count came first: the table has these rows already
    if (orders.size() < kPageSize) {
        m_counted = true; // the end is reached before the count came
        emit counted();
    }
    if (orders.isEmpty())
        return;
    beginInsertRows({}, m_rows, m_rows + int(orders.size()) - 1);
    m_rows += int(orders.size());
    endInsertRows();
}

int OrdersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int OrdersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool OrdersModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_counted && !m_stalled && m_asked.empty();
}

void OrdersModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    askPage(m_rows / kPageSize, [this](const QList<Order> &next) { appendPage(next); }); // all pages but the last are full
}

QVariant OrdersModel::data(const QModelIndex &index, int role) const
{
    const Order *o = index.isValid() ? orderAt(index.row()) : nullptr;
    if (!o) {
        if (index.isValid() && index.row() < m_rows && index.column() == IdColumn && role == Qt::DisplayRole)
            return tr("Loading...");
        return {};
    }
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
        return Labels::tier(o->tier);
    case TotalColumn:
        return Labels::money(o->totalPrice);
    case StatusColumn:
        return Labels::orderStatus(o->status);
    case CreatedColumn:
        return Labels::dateTime(o->createdAt);
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
