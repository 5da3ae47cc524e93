#pragma once

#include "office/Session.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace mlm {

/// A back-office order for a member: the products with the member's prices (its tier), quantities, the total;
/// submitted through Session::enterOrder (credited to the buyer, SPEC 3).
class OrderEntryDialog : public QDialog
{
    Q_OBJECT

public:
    explicit OrderEntryDialog(Session &session, QWidget *parent = nullptr);

    /// Looks the member up and shows its prices; the error, or empty.
    QString setMember(const QString &code);
    void setQuantity(const QString &sku, int qty);
    void setPaid(bool paid);
    QString totalText() const;
    QString errorText() const;
    const Order &order() const { return m_order; }

public slots:
    void accept() override;

private:
    void updateTotal();

    Session &m_session;
    std::optional<Session::PriceList> m_prices;
    QLineEdit *m_member;
    QLabel *m_who;
    QTableWidget *m_lines;
    QLabel *m_total;
    QCheckBox *m_paid;
    QLabel *m_error;
    Order m_order;
};

} // namespace mlm
