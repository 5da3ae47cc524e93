#pragma once

#include "OfficeDialog.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace mlm {

/// A back-office order for a member: the products with the member's prices (its tier), quantities, the total;
/// submitted through Office::enterOrder (credited to the buyer, SPEC 3).
class OrderEntryDialog : public OfficeDialog
{
    Q_OBJECT

public:
    /// `member`: the member who buys, looked up at once (e.g. the one the Orders page is filtered by).
    explicit OrderEntryDialog(AsyncOffice &office, QWidget *parent = nullptr, const QString &member = {});

    /// Looks the member up and shows its prices (or the error) when they come; then memberShown().
    void setMember(const QString &code);
    void setQuantity(const QString &sku, int qty);
    void setPaid(bool paid);
    QString totalText() const;
    QString errorText() const;
    const Order &order() const { return m_order; }

public slots:
    void accept() override;

signals:
    void memberShown(bool found);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateTotal();
    void showPrices(const Office::PriceList &prices);

    std::optional<Office::PriceList> m_prices;
    QString m_lookingUp; ///< the member whose prices were asked for last
    QLineEdit *m_member;
    QLabel *m_who;
    QTableWidget *m_lines;
    QLabel *m_total;
    QCheckBox *m_paid;
    QLabel *m_error;
    Order m_order;
};

} // namespace mlm
