#pragma once

#include "domain/Product.h"
#include "domain/Result.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace mlm {

class Session;

/// A new product (sku, name, PV, BV, retail price) or a product's name, active flag, PV and BV. Core checks it on
/// OK; what it refuses appears under the form and the dialog stays open.
class ProductDialog : public QDialog
{
    Q_OBJECT

public:
    /// `product` is the product edited; an empty sku means a new one.
    ProductDialog(Session &session, const Product &product, const QString &currency, QWidget *parent = nullptr);

    void fill(const QString &sku, const QString &name, bool active, const QString &pv, const QString &bv,
              const QString &retail);
    QString errorText() const;
    QString sku() const;

public slots:
    void accept() override;

private:
    Status apply();

    Session &m_session;
    Product m_product;
    bool m_new;
    QLineEdit *m_sku;
    QLineEdit *m_name;
    QCheckBox *m_active;
    QLineEdit *m_pv;
    QLineEdit *m_bv;
    QLineEdit *m_retail;
    QLabel *m_error;
};

/// A new price tier: its code and name.
class TierDialog : public QDialog
{
    Q_OBJECT

public:
    explicit TierDialog(Session &session, QWidget *parent = nullptr);
    void fill(const QString &code, const QString &name);
    QString errorText() const;

public slots:
    void accept() override;

private:
    Session &m_session;
    QLineEdit *m_code;
    QLineEdit *m_name;
    QLabel *m_error;
};

} // namespace mlm
