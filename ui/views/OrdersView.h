#pragma once

#include "domain/Money.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;

namespace mlm {

class OrdersModel;
class Session;
enum class OrderStatus;

/// The Orders page: orders newest first with filters (store, status, member), the selected order's lines, and for
/// admin and support: mark paid, cancel, refund (after a confirmation) and a new back-office order.
class OrdersView : public QWidget
{
    Q_OBJECT

public:
    explicit OrdersView(Session &session, QWidget *parent = nullptr);

    OrdersModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    QPushButton *newOrderButton() const { return m_new; }
    QPushButton *refundButton() const { return m_refund; }
    /// Selects order `orderId`; false when the filter leaves it out.
    bool select(Id orderId);
    /// Moves the selected order to `to` now; the error, or empty. (The buttons ask for a confirmation first.)
    QString setSelectedStatus(OrderStatus to);
    QString detailsText() const;

signals:
    void message(const QString &text);

private:
    void applyFilter();
    void showDetails();
    void showCount();
    void confirmAndSet(OrderStatus to);
    void enterOrder();

    Session &m_session;
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
