#pragma once

#include "SessionThread.h"
#include "orders/Orders.h"

#include <QAbstractTableModel>
#include <map>
#include <unordered_map>

namespace mlm {

class Session;

/// Orders, newest first, as a table of ten million rows that opens and jumps anywhere at once. The first page is
/// read at once and the rest follows on demand, while the exact count runs in the background; once it is known the
/// table has all its rows and any row can be shown: its page is found by stepping over order ids from the nearest
/// order whose row is known (the newest, the oldest, or one read before), never from the top. Only the last pages
/// used stay in memory.
class OrdersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        IdColumn,
        StoreColumn,
        BuyerColumn,
        CreditedColumn,
        TierColumn,
        TotalColumn,
        StatusColumn,
        CreatedColumn,
        ColumnCount
    };

    explicit OrdersModel(Session &session, QObject *parent = nullptr);

    void setFilter(const OrderFilter &filter);
    const OrderFilter &filter() const { return m_filter; }
    /// The order in `row`, read from the database if its page is not in memory; null outside the table.
    const Order *orderAt(int row) const;
    /// The row of order `id`, or -1 when the filter leaves it out.
    int rowOf(Id id);
    /// Replaces one row with its current state (after a status change).
    void update(const Order &order);
    bool isCounted() const { return m_counted; }
    /// Waits for the count running in the background (tests, benchmarks).
    void waitForCount();
    int pagesInMemory() const { return int(m_pages.size()); }
    static constexpr int kPageSize = 100;
    static constexpr int kMaxPagesInMemory = 64;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void failed(const QString &message);
    /// The count is here: the model resets to take all its rows, the same orders in the same rows as before.
    void countArriving();
    /// The table has all its rows.
    void counted();

private:
    /// The orders of page `index` (rows index * kPageSize on), read if not in memory; valid until another page
    /// is read.
    const QList<Order> &page(int index) const;
    Result<QList<Order>> readPage(int index) const;
    /// Keeps a page read, and forgets the one used longest ago beyond kMaxPagesInMemory.
    void keepPage(int index, const QList<Order> &orders) const;
    void setCount(quint64 generation, const Result<qint64> &count);

    Session &m_session;
    OrderFilter m_filter;
    int m_rows = 0;
    bool m_counted = false;   ///< m_rows holds all the orders
    bool m_stalled = false;   ///< a page could not be read: no more fetching until the filter is set again
    quint64 m_generation = 0; ///< of the filter; a count of an older filter is dropped
    mutable std::unordered_map<int, QList<Order>> m_pages; ///< node-based: a page stays put while others come
    mutable QList<int> m_recent;                           ///< pages in memory, the one used last at the end
    mutable std::map<int, Id> m_known; ///< rows whose order id is known: the first and last of each page read
    SessionThread m_reads;             ///< counts
};

} // namespace mlm
