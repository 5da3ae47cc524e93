#include "ProductDialog.h"

#include "Labels.h"
#include "Style.h"
#include "domain/Amount.h"
#include "domain/Pricing.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace mlm {

namespace {

QDialogButtonBox *okCancel(QDialog *dialog, const QString &okText)
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(okText);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return buttons;
}

QString editText(Money minor)
{
    return amount::text(minor).replace(u'.', QLocale().decimalPoint());
}

} // namespace

ProductDialog::ProductDialog(AsyncOffice &office, const Product &product, const QString &currency,
                             QWidget *parent)
    : OfficeDialog(office, parent), m_product(product), m_new(product.sku.isEmpty()),
      m_sku(new QLineEdit(product.sku, this)), m_name(new QLineEdit(product.name, this)),
      m_active(new QCheckBox(tr("For sale (active)"), this)), m_pv(new QLineEdit(this)), m_bv(new QLineEdit(this)),
      m_retail(new QLineEdit(this)), m_error(style::errorLabel(this))
{
    setWindowTitle(m_new ? tr("New product") : tr("Product %1").arg(product.sku));
    m_sku->setReadOnly(!m_new);
    m_active->setChecked(product.active);
    if (!m_new) {
        m_pv->setText(editText(product.pv));
        m_bv->setText(editText(product.bv));
    }
    m_sku->setPlaceholderText(tr("e.g. VITA-30"));
    m_pv->setPlaceholderText(tr("Points, e.g. %1").arg(editText(2500)));
    m_bv->setPlaceholderText(tr("Commissionable amount in %1").arg(currency));
    m_retail->setPlaceholderText(tr("Price in %1; other tiers are set in the grid").arg(currency));
    for (QLineEdit *field : {m_sku, m_name, m_pv, m_bv, m_retail})
        connect(field, &QLineEdit::textEdited, m_error, &QWidget::hide);

    auto *form = new QFormLayout;
    form->addRow(tr("&SKU:"), m_sku);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), m_active);
    form->addRow(tr("&PV:"), m_pv);
    form->addRow(tr("&BV (%1):").arg(currency), m_bv);
    if (m_new)
        form->addRow(tr("&Retail price (%1):").arg(currency), m_retail);
    else
        m_retail->hide();
    form->addRow(QString(), m_error);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
    QDialogButtonBox *buttons = okCancel(this, m_new ? tr("Add product") : tr("Save"));
    layout->addWidget(buttons);
    setButtons(buttons);
    setMinimumWidth(440);
}

void ProductDialog::fill(const QString &sku, const QString &name, bool active, const QString &pv, const QString &bv,
                         const QString &retail)
{
    if (m_new)
        m_sku->setText(sku);
    m_name->setText(name);
    m_active->setChecked(active);
    m_pv->setText(pv);
    m_bv->setText(bv);
    m_retail->setText(retail);
}

QString ProductDialog::errorText() const
{
    return style::errorOf(m_error);
}

QString ProductDialog::sku() const
{
    return m_sku->text().trimmed();
}

void ProductDialog::accept()
{
    auto product = formProduct();
    if (!product)
        return style::setError(m_error, product.error().message);
    submit(
        [p = product.value(), isNew = m_new](Office &office) -> Status {
            if (!isNew)
                return office.updateProduct(p);
            auto added = office.addProduct(p);
            return added ? Status() : Status(added.error());
        },
        [this](const Error &error) { style::setError(m_error, error.message); });
}

Result<Product> ProductDialog::formProduct() const
{
    const QChar point = QLocale().decimalPoint().front();
    const auto pv = amount::parse(m_pv->text(), point);
    if (!pv)
        return makeError(ErrorCode::InvalidArgument,
                         tr("PV must be a number of points like %1 or 0").arg(editText(2500)));
    const auto bv = amount::parse(m_bv->text(), point);
    if (!bv)
        return makeError(ErrorCode::InvalidArgument, tr("BV must be an amount like %1 or 0").arg(editText(2000)));
    Product p = m_product;
    p.sku = sku();
    p.name = m_name->text();
    p.active = m_active->isChecked();
    p.pv = *pv;
    p.bv = *bv;
    if (!m_new)
        return p;
    const auto retail = amount::parse(m_retail->text(), point);
    if (!retail)
        return makeError(ErrorCode::InvalidArgument,
                         tr("the retail price must be an amount like %1").arg(editText(3000)));
    p.prices = {{tiers::retail(), *retail}};
    return p;
}

TierDialog::TierDialog(AsyncOffice &office, QWidget *parent)
    : OfficeDialog(office, parent), m_code(new QLineEdit(this)), m_name(new QLineEdit(this)),
      m_error(style::errorLabel(this))
{
    setWindowTitle(tr("New price tier"));
    m_code->setPlaceholderText(tr("e.g. vip (a-z, 0-9 and _)"));
    m_name->setPlaceholderText(tr("e.g. VIP customers"));
    for (QLineEdit *field : {m_code, m_name})
        connect(field, &QLineEdit::textEdited, m_error, &QWidget::hide);
    auto *form = new QFormLayout;
    form->addRow(tr("&Code:"), m_code);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(QString(), style::noteLabel(tr("Until a product gets a price in the new tier, buyers in it pay the "
                                                "retail price. A store can pin its buyers to a tier."),
                                             this));
    form->addRow(QString(), m_error);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
    QDialogButtonBox *buttons = okCancel(this, tr("Add tier"));
    layout->addWidget(buttons);
    setButtons(buttons);
    setMinimumWidth(420);
}

void TierDialog::fill(const QString &code, const QString &name)
{
    m_code->setText(code);
    m_name->setText(name);
}

QString TierDialog::errorText() const
{
    return style::errorOf(m_error);
}

void TierDialog::accept()
{
    submit<PriceTier>([code = m_code->text().trimmed(), name = m_name->text()](
                          Office &office) { return office.addTier(code, name); },
                      {}, [this](const Error &error) { style::setError(m_error, error.message); });
}

} // namespace mlm
