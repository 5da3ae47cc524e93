#pragma once

#include "domain/Product.h"
#include "domain/Result.h"

#include "OfficeDialog.h"

class QCheckBox;
class QLabel;
class QLineEdit;

namespace mlm {


/// A new product (sku, name, PV, BV, retail price) or a product's name, active flag, PV and BV. Core checks it on
/// OK; what it refuses appears under the form and the dialog stays open.
class ProductDialog : public OfficeDialog
{
    Q_OBJECT

public:
    /// `product` is the product edited; an empty sku means a new one.
    ProductDialog(AsyncOffice &office, const Product &product, const QString &currency, QWidget *parent = nullptr);

    void fill(const QString &sku, const QString &name, bool active, const QString &pv, const QString &bv,
              const QString &retail);
    QString errorText() const;
    QString sku() const;

public slots:
    void accept() override;

private:
    /// The product as the form holds it, or what is wrong in a field.
    Result<Product> formProduct() const;

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
class TierDialog : public OfficeDialog
{
    Q_OBJECT

public:
    explicit TierDialog(AsyncOffice &office, QWidget *parent = nullptr);
    void fill(const QString &code, const QString &name);
    QString errorText() const;

public slots:
    void accept() override;

private:
    QLineEdit *m_code;
    QLineEdit *m_name;
    QLabel *m_error;
};

} // namespace mlm
