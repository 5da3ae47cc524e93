#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace mlm {

class Session;

/// The Customers page (admin and support): the retail customers of a store, found by the beginning of their email,
/// with the member who owns them (scenario 3) and the link they came through.
class CustomersView : public QWidget
{
    Q_OBJECT

public:
    explicit CustomersView(Session &session, QWidget *parent = nullptr);

    /// Lists the customers of `storeCode` whose email begins with `search`; the error, or empty.
    QString show(const QString &storeCode, const QString &search);
    QTableWidget *table() const { return m_table; }

    static constexpr int kShown = 500;

signals:
    void message(const QString &text);

private:
    Session &m_session;
    QComboBox *m_store;
    QLineEdit *m_search;
    QLabel *m_note;
    QTableWidget *m_table;
};

} // namespace mlm
