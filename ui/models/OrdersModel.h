#pragma once

#include "orders/Orders.h"

#include <QAbstractTableModel>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

namespace mlm {

class AsyncOffice;

/// Orders, newest first, as a table of ten million rows that opens and jumps anywhere at once. The first page is
/// asked for at once and the rest follows on demand, while the exact count runs in the background; once it is
/// known the table has all its rows and any row can be shown: its page is found by stepping over order ids from
/// the nearest order whose row is known (the newest, the oldest, or one read before), never from the top. Only the
/// last pages used stay in memory. Every read runs in the background: a row whose page has not come yet shows
/// "Loading..." until it does, and an answer for a filter no longer shown is dropped.
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

    explicit OrdersModel(AsyncOffice &office, QObject *parent = nullptr);

    void setFilter(const OrderFilter &filter);
    const OrderFilter &filter() const { return m_filter; }
    /// The order in `row`; null outside the table, and while its page has not come (it is then asked for).
    const Order *orderAt(int row) const;
    /// Finds the row of order `id` and hands it to `found` (-1 when the filter leaves it out), with its page read.
    void locate(Id id, std::function<void(int row)> found);
    /// Replaces one row with its current state (after a status change).
    void update(const Order &order);
    bool isCounted() const { return m_counted; }
    /// Whether a page or the count asked for has not come yet.
    bool isLoading() const { return !m_asked.empty() || m_counting || m_filtersAsked != m_filtersShown; }
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

    /// The rows of page `index` have come (tests).
    void pageArrived(int index);

private:
    /// The orders of page `index` (rows index * kPageSize on) if in memory (null else: it is then asked for);
    /// valid until another page comes.
    const QList<Order> *page(int index) const;
    /// Asks for page `index`; `then` runs when it is kept (not for an older filter).
    void askPage(int index, std::function<void(const QList<Order> &)> then = {}) const;
    /// Keeps a page read, and forgets the one used longest ago beyond kMaxPagesInMemory.
    void keepPage(int index, const QList<Order> &orders) const;
    void setCount(quint64 generation, const Result<qint64> &count);
    void appendPage(const QList<Order> &orders);

    AsyncOffice &m_office;
    OrderFilter m_filter;
    int m_rows = 0;
    bool m_counted = false;   ///< m_rows holds all the orders
    bool m_stalled = false;   ///< a page could not be read: no more fetching until the filter is set again
    quint64 m_generation = 0; ///< of the table shown: pages and counts of an older one are dropped
    quint64 m_filtersAsked = 0; ///< filters asked for: only the last one's first page replaces the table
    quint64 m_filtersShown = 0;
    mutable std::unordered_map<int, QList<Order>> m_pages; ///< node-based: a page stays put while others come
    mutable QList<int> m_recent;                           ///< pages in memory, the one used last at the end
    mutable std::map<int, Id> m_known; ///< rows whose order id is known: the first and last of each page read
    mutable std::set<int> m_asked;     ///< pages asked for that have not come
    bool m_counting = false;
};

} // namespace mlm
