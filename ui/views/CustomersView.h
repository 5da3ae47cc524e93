#pragma once

#include "Page.h"
#include "domain/RetailCustomer.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace mlm {

/// The Customers page (admin and support): the retail customers of a store, found by the beginning of their email,
/// with the member who owns them (scenario 3) and the link they came through.
class CustomersView : public Page
{
    Q_OBJECT

public:
    explicit CustomersView(AsyncOffice &office, QWidget *parent = nullptr);

    /// Lists the customers of `storeCode` whose email begins with `search` when they come (then listed()).
    void show(const QString &storeCode, const QString &search);
    QTableWidget *table() const { return m_table; }
    /// What is listed ("3 customers"), or why nothing is.
    QString noteText() const;
    /// The stores and the customers shown read again.
    void refresh() override;

    static constexpr int kShown = 500;

signals:
    void listed();

private:
    void showFound(const QString &storeCode, const QString &search, const Result<QList<RetailCustomer>> &found);

    QComboBox *m_store;
    QLineEdit *m_search;
    QLabel *m_note;
    QTableWidget *m_table;
};

} // namespace mlm
