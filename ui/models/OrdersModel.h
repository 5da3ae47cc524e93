#pragma once

#include "orders/Orders.h"

#include <QAbstractTableModel>

namespace mlm {

class Session;

/// Orders, newest first, read page by page by key (Orders::page): ten million orders open as fast as ten.
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
    void setPageSize(int rows) { m_pageSize = rows; }
    const Order *orderAt(int row) const;
    /// Replaces one row with its current state (after a status change).
    void update(const Order &order);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void failed(const QString &message);

private:
    Session &m_session;
    OrderFilter m_filter;
    QList<Order> m_rows;
    bool m_atEnd = false;
    int m_pageSize = 200;
};

} // namespace mlm
