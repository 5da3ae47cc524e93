#pragma once

#include "domain/Money.h"

#include "Page.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;

namespace mlm {

class OrdersModel;
enum class OrderStatus;

/// The Orders page: orders newest first with filters (store, status, member), the selected order's lines, and for
/// admin and support: mark paid, cancel, refund (after a confirmation) and a new back-office order.
class OrdersView : public Page
{
    Q_OBJECT

public:
    explicit OrdersView(AsyncOffice &office, QWidget *parent = nullptr);

    OrdersModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPushButton *newOrderButton() const { return m_new; }
    QPushButton *refundButton() const { return m_refund; }
    /// Selects order `orderId`, then `done(false)` when the filter leaves it out.
    void select(Id orderId, std::function<void(bool)> done = {});
    /// Moves the selected order to `to` now, then `done`. (The buttons ask for a confirmation first.)
    void setSelectedStatus(OrderStatus to, std::function<void(Status)> done = {});
    QString detailsText() const;
    /// The orders read again with the same filter.
    void refresh() override;

signals:
    /// The selected order's lines are shown.
    void detailsShown();

private:
    void applyFilter();
    void showDetails();
    void showOrder(const Result<Order> &order);
    void showCount();
    void confirmAndSet(OrderStatus to);
    void enterOrder();

    OrdersModel *m_model;
    QTableView *m_table;
    QComboBox *m_store;
    QComboBox *m_status;
    QLineEdit *m_member;
    QLabel *m_details;
    QListWidget *m_lines;
    QPushButton *m_paid;
    QPushButton *m_cancel;
    QPushButton *m_refund;
    QPushButton *m_new;
    QLabel *m_count;
    std::pair<int, int> m_place{-1, 0}; ///< the current row and the scroll while the count comes
};

} // namespace mlm
