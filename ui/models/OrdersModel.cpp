#include "OrdersModel.h"

#include "Labels.h"
#include "office/Session.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

namespace mlm {

OrdersModel::OrdersModel(Session &session, QObject *parent)
    : QAbstractTableModel(parent), m_session(session), m_reads(session)
{
    setFilter({});
}

void OrdersModel::setFilter(const OrderFilter &filter)
{
    beginResetModel(); // the first page is read inside the reset: one change for the views
    m_filter = filter;
    ++m_generation;
    m_pages.clear();
    m_recent.clear();
    m_known.clear();
    m_rows = 0;
    m_counted = false;
    m_stalled = false;
    auto first = readPage(0);
    if (first) {
        keepPage(0, first.value());
        m_rows = int(first->size());
    }
    m_counted = first && first->size() < kPageSize; // all of it in one page
    endResetModel();
    if (!first) {
        m_stalled = true;
        emit failed(first.error().message);
        return;
    }
    if (m_counted) {
        emit counted();
        return;
    }
    const quint64 generation = m_generation;
    m_reads.start(
        [this, filter = m_filter, generation](Session &session) {
            auto count = session.ordersCount(filter);
            // The model outlives this read (m_reads waits for it), and a call posted to it dies with it.
            QMetaObject::invokeMethod(this, [this, generation, count] { setCount(generation, count); });
        },
        true); // a count passes over the whole table once: no page cache to speak of
}

void OrdersModel::setCount(quint64 generation, const Result<qint64> &count)
{
    if (generation != m_generation || m_counted)
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

void OrdersModel::waitForCount()
{
    m_reads.waitForDone();
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

Result<QList<Order>> OrdersModel::readPage(int index) const
{
    const int first = index * kPageSize;
    // Where the page's first order lies: so many orders past one whose row is known. The newest end (row -1)
    // always is; the oldest end once the count is there; and the first and last rows of every page read.
    qint64 distance = first;
    Id from = 0;
    bool older = true;
    const auto after = m_known.lower_bound(first);
    if (after != m_known.end() && after->first == first)
        return m_session.ordersPage(m_filter, after->second + 1, kPageSize);
    if (after != m_known.begin()) {
        const auto before = std::prev(after);
        if (first - before->first - 1 < distance)
            std::tie(distance, from, older) = std::tuple(first - before->first - 1, before->second, true);
    }
    if (after != m_known.end() && after->first - first - 1 < distance)
        std::tie(distance, from, older) = std::tuple(after->first - first - 1, after->second, false);
    if (m_counted && m_rows - 1 - first < distance)
        std::tie(distance, from, older) = std::tuple(m_rows - 1 - first, Id(0), false);
    if (older && distance == 0)
        return m_session.ordersPage(m_filter, from, kPageSize); // right after a known order: by key alone
    auto id = m_session.orderIdAt(m_filter, from, older, distance);
    if (!id)
        return id.error();
    if (id.value() == 0)
        return QList<Order>();
    return m_session.ordersPage(m_filter, id.value() + 1, kPageSize);
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

const QList<Order> &OrdersModel::page(int index) const
{
    if (const auto found = m_pages.find(index); found != m_pages.end()) {
        if (m_recent.constLast() != index) {
            m_recent.removeOne(index);
            m_recent.append(index);
        }
        return found->second;
    }
    auto read = readPage(index);
    if (!read) { // shown as empty rows, and said once: painting asks again and again
        auto *self = const_cast<OrdersModel *>(this);
        QMetaObject::invokeMethod(
            self, [self, message = read.error().message] { emit self->failed(message); }, Qt::QueuedConnection);
    }
    keepPage(index, read ? read.value() : QList<Order>());
    return m_pages.at(index);
}

const Order *OrdersModel::orderAt(int row) const
{
    if (row < 0 || row >= m_rows)
        return nullptr;
    const QList<Order> &orders = page(row / kPageSize);
    const int offset = row % kPageSize;
    return offset < orders.size() ? &orders.at(offset) : nullptr;
}

int OrdersModel::rowOf(Id id)
{
    auto newer = m_session.ordersCount(m_filter, id);
    if (!newer || newer.value() >= m_rows)
        return -1;
    const Order *found = orderAt(int(newer.value()));
    return found && found->id == id ? int(newer.value()) : -1;
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
    return !parent.isValid() && !m_counted && !m_stalled;
}

void OrdersModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const int index = m_rows / kPageSize; // every page but the last is full
    auto next = readPage(index);
    if (!next) {
        m_stalled = true;
        emit failed(next.error().message);
        return;
    }
    if (next->size() < kPageSize) {
        m_counted = true; // the end is reached before the count came
        emit counted();
    }
    if (next->isEmpty())
        return;
    beginInsertRows({}, m_rows, m_rows + int(next->size()) - 1);
    keepPage(index, next.value());
    m_rows += int(next->size());
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
