#include "OrderEntryDialog.h"

#include "Labels.h"
#include "domain/Pricing.h"

#include "Style.h"
#include <QCheckBox>

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mlm {

OrderEntryDialog::OrderEntryDialog(AsyncOffice &office, QWidget *parent, const QString &member)
    : OfficeDialog(office, parent), m_member(new QLineEdit(this)), m_who(new QLabel(this)),
      m_lines(new QTableWidget(0, 4, this)), m_total(new QLabel(this)),
      m_paid(new QCheckBox(tr("Already &paid"), this)), m_error(style::errorLabel(this))
{
    setWindowTitle(tr("New back-office order"));
    m_member->setObjectName(QStringLiteral("orderMember"));
    m_member->setPlaceholderText(tr("Member code, then Enter"));
    m_member->installEventFilter(this); // Enter there looks the member up, and does not enter the order
    m_lines->setHorizontalHeaderLabels({tr("Product"), tr("Unit price"), tr("PV"), tr("Quantity")});
    m_lines->verticalHeader()->hide();
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_lines->verticalHeader()->setDefaultSectionSize(m_lines->fontMetrics().height() + 14);
    QFont bold = m_total->font();
    bold.setBold(true);
    m_total->setFont(bold);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Member:"), this));
    top->addWidget(m_member, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Enter order"));
    connect(buttons, &QDialogButtonBox::accepted, this, &OrderEntryDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &OrderEntryDialog::reject);
    setButtons(buttons);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_paid);
    bottom->addStretch();
    bottom->addWidget(m_total);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_who);
    layout->addWidget(m_lines, 1);
    layout->addLayout(bottom);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(620, 480);
    updateTotal();
    if (!member.trimmed().isEmpty()) {
        m_member->setText(member.trimmed());
        setMember(member.trimmed());
    }
}

bool OrderEntryDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_member && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            setMember(m_member->text().trimmed());
            return true;
        }
    }
    return OfficeDialog::eventFilter(watched, event);
}

void OrderEntryDialog::setMember(const QString &code)
{
    m_who->setText(tr("Looking up %1...").arg(code));
    m_lookingUp = code;
    m_office.call<Office::PriceList>(
        this, [code](Office &office) { return office.priceList(code); },
        [this, code](Result<Office::PriceList> prices) {
            if (code != m_lookingUp)
                return; // another member was asked for since
            if (!prices) {
                m_who->clear();
                m_error->setText(prices.error().message);
                m_error->show();
                return emit memberShown(false);
            }
            showPrices(prices.value());
            emit memberShown(true);
        });
}

void OrderEntryDialog::showPrices(const Office::PriceList &prices)
{
    m_prices = prices;
    m_member->setText(m_prices->member.code);
    m_who->setText(
        tr("%1, %2: prices of the %3 tier")
            .arg(m_prices->member.name, memberStatusLabel(m_prices->member.status), Labels::tier(m_prices->tier)));
    m_lines->setRowCount(int(m_prices->products.size()));
    for (int row = 0; row < m_prices->products.size(); ++row) {
        const Product &p = m_prices->products.at(row);
        m_lines->setItem(row, 0, new QTableWidgetItem(QStringLiteral("%1  %2").arg(p.sku, p.name)));
        auto *price = new QTableWidgetItem(Labels::money(Pricing::priceIn(p.prices, m_prices->tier).value_or(0)));
        price->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_lines->setItem(row, 1, price);
        auto *pv = new QTableWidgetItem(Labels::volume(p.pv));
        pv->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_lines->setItem(row, 2, pv);
        auto *qty = new QSpinBox(m_lines);
        qty->setRange(0, int(Pricing::kMaxQuantity));
        qty->setProperty("sku", p.sku);
        connect(qty, &QSpinBox::valueChanged, this, &OrderEntryDialog::updateTotal);
        m_lines->setCellWidget(row, 3, qty);
    }
    m_error->hide();
    updateTotal();
}

void OrderEntryDialog::setQuantity(const QString &sku, int qty)
{
    for (int row = 0; row < m_lines->rowCount(); ++row) {
        auto *spin = qobject_cast<QSpinBox *>(m_lines->cellWidget(row, 3));
        if (spin && spin->property("sku").toString() == sku)
            spin->setValue(qty);
    }
}

void OrderEntryDialog::setPaid(bool paid)
{
    m_paid->setChecked(paid);
}

QString OrderEntryDialog::totalText() const
{
    return m_total->text();
}

QString OrderEntryDialog::errorText() const
{
    return style::errorOf(m_error);
}

void OrderEntryDialog::updateTotal()
{
    Money total = 0;
    if (m_prices) {
        for (int row = 0; row < m_lines->rowCount(); ++row) {
            const auto *spin = qobject_cast<QSpinBox *>(m_lines->cellWidget(row, 3));
            const Product &p = m_prices->products.at(row);
            total += spin->value() * Pricing::priceIn(p.prices, m_prices->tier).value_or(0);
        }
    }
    m_total->setText(tr("Total: %1").arg(Labels::money(total)));
    m_error->hide(); // what it said (no lines, say) is answered by the change
}

void OrderEntryDialog::accept()
{
    if (!m_prices) {
        m_error->setText(tr("Choose the member who buys first."));
        m_error->show();
        return;
    }
    QList<OrderLineRequest> lines;
    for (int row = 0; row < m_lines->rowCount(); ++row) {
        const auto *spin = qobject_cast<QSpinBox *>(m_lines->cellWidget(row, 3));
        if (spin->value() > 0)
            lines.append({spin->property("sku").toString(), spin->value(), std::nullopt});
    }
    m_error->hide();
    submit<SubmittedOrder>(
        [code = m_prices->member.code, lines, status = m_paid->isChecked() ? OrderStatus::Paid : OrderStatus::Pending](
            Office &office) { return office.enterOrder(code, lines, status); },
        [this](const SubmittedOrder &entered) { m_order = entered.order; },
        [this](const Error &error) {
            m_error->setText(error.message);
            m_error->show();
        });
}

} // namespace mlm
