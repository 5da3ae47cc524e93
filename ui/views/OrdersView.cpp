#include "OrdersView.h"
#include "Ask.h"

#include "FilterField.h"
#include "Labels.h"
#include "Style.h"
#include "dialogs/OrderEntryDialog.h"
#include "models/OrdersModel.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

namespace mlm {

OrdersView::OrdersView(AsyncOffice &office, QWidget *parent)
    : Page(office, parent), m_model(new OrdersModel(office, this)), m_table(new QTableView(this)),
      m_store(new QComboBox(this)), m_status(new QComboBox(this)), m_member(new QLineEdit(this)),
      m_details(new QLabel(this)), m_lines(new QListWidget(this)), m_paid(new QPushButton(tr("Mark &paid"), this)),
      m_cancel(new QPushButton(tr("&Cancel order"), this)), m_refund(new QPushButton(tr("&Refund..."), this)),
      m_new(new QPushButton(tr("&New back-office order..."), this)), m_count(new QLabel(this))
{
    m_table->setObjectName(QStringLiteral("ordersTable")); // its column layout is remembered under this name
    m_store->addItem(tr("All stores"));
    m_store->addItem(tr("Back office"), QStringLiteral("-"));
    ask<QList<Store>>([](Office &office) { return office.stores(); }, [this](Result<QList<Store>> stores) {
        if (!stores)
            return emit message(stores.error().message);
        const QSignalBlocker quiet(m_store); // the filter stays what it is
        for (const Store &s : stores.value())
            m_store->addItem(s.code, s.code);
    });
    m_status->addItem(tr("Any status"), -1);
    for (OrderStatus s : {OrderStatus::Pending, OrderStatus::Paid, OrderStatus::Cancelled, OrderStatus::Refunded})
        m_status->addItem(Labels::orderStatus(s), int(s));
    m_member->setPlaceholderText(tr("Member code"));
    m_member->setClearButtonEnabled(true);
    m_member->setVisible(office.user().role != Role::Distributor);
    connect(m_store, &QComboBox::currentIndexChanged, this, &OrdersView::applyFilter);
    connect(m_status, &QComboBox::currentIndexChanged, this, &OrdersView::applyFilter);
    m_member->setObjectName(QStringLiteral("ordersMember"));
    filters::followTyping(m_member, [this] { applyFilter(); });

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setSectionResizeMode(OrdersModel::BuyerColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setMinimumSectionSize(60);
    m_table->setColumnWidth(OrdersModel::IdColumn, 115);
    m_table->setColumnWidth(OrdersModel::StoreColumn, 85);
    m_table->setColumnWidth(OrdersModel::CreditedColumn, 90);
    m_table->setColumnWidth(OrdersModel::TierColumn, 75);
    m_table->setColumnWidth(OrdersModel::TotalColumn, 80);
    m_table->setColumnWidth(OrdersModel::StatusColumn, 80);
    style::fitColumns(m_table, m_table->horizontalHeader(), {{OrdersModel::CreatedColumn, 140}},
                      Labels::dateTimeSamples(), OrdersModel::CreatedColumn);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &OrdersView::showDetails);
    connect(m_model, &OrdersModel::modelReset, this, &OrdersView::showDetails);
    connect(m_model, &OrdersModel::failed, this, &OrdersView::message);
    connect(m_model, &OrdersModel::modelReset, this, &OrdersView::showCount);
    connect(m_model, &OrdersModel::counted, this, &OrdersView::showCount);
    // The table takes all its rows with a reset once counted: the selected order and the scroll stay.
    connect(m_model, &OrdersModel::countArriving, this, [this] {
        m_place = {m_table->currentIndex().row(), m_table->verticalScrollBar()->value()};
    });
    connect(m_model, &OrdersModel::counted, this, [this] {
        if (m_place.first >= 0)
            m_table->setCurrentIndex(m_model->index(m_place.first, 0));
        m_table->verticalScrollBar()->setValue(m_place.second);
        m_place = {-1, 0};
    });
    m_count->setStyleSheet(QStringLiteral("color: palette(mid);"));

    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    const bool canChange = office.can(Action::ChangeOrderStatus);
    for (QPushButton *b : {m_paid, m_cancel, m_refund})
        b->setVisible(canChange);
    m_new->setObjectName(QStringLiteral("newOrder"));
    m_new->setVisible(office.can(Action::EnterOrder));
    connect(m_paid, &QPushButton::clicked, this, [this] { confirmAndSet(OrderStatus::Paid); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { confirmAndSet(OrderStatus::Cancelled); });
    connect(m_refund, &QPushButton::clicked, this, [this] { confirmAndSet(OrderStatus::Refunded); });
    connect(m_new, &QPushButton::clicked, this, &OrdersView::enterOrder);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_store);
    filters->addWidget(m_status);
    filters->addWidget(m_member, 1);
    if (m_member->isHidden())
        filters->addStretch(1); // a distributor's two lists keep their own width
    filters->addWidget(m_new);
    auto *left = new QVBoxLayout;
    left->addLayout(filters);
    left->addWidget(m_table, 1);
    left->addWidget(m_count);
    auto *panel = new QWidget(this);
    panel->setFixedWidth(270);
    auto *right = new QVBoxLayout(panel);
    right->setContentsMargins(12, 0, 0, 0);
    right->addWidget(m_details);
    right->addWidget(m_lines, 1);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_paid);
    actions->addWidget(m_cancel);
    actions->addWidget(m_refund);
    right->addLayout(actions);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addLayout(left, 1);
    layout->addWidget(panel);
    showDetails();
    showCount();
}

void OrdersView::applyFilter()
{
    OrderFilter filter;
    if (m_store->currentIndex() > 0)
        filter.storeCode = m_store->currentData().toString();
    if (const int status = m_status->currentData().toInt(); status >= 0)
        filter.status = OrderStatus(status);
    const QString code = m_member->text().trimmed();
    if (code.isEmpty())
        return m_model->setFilter(filter);
    ask<Member>([code](Office &office) { return office.member(code); },
                [this, filter, code](Result<Member> member) mutable {
                    if (code != m_member->text().trimmed())
                        return; // typed on since
                    if (!member)
                        return emit message(member.error().message);
                    filter.memberId = member->id;
                    m_model->setFilter(filter);
                });
}

void OrdersView::refresh()
{
    m_model->setFilter(m_model->filter());
}

void OrdersView::select(Id orderId, std::function<void(bool)> done)
{
    m_model->locate(orderId, [this, done = std::move(done)](int row) {
        if (row >= 0)
            m_table->setCurrentIndex(m_model->index(row, 0));
        if (done)
            done(row >= 0);
    });
}

void OrdersView::showCount()
{
    m_count->setText(m_model->isCounted() ? tr("Orders: %L1").arg(m_model->rowCount()) : tr("Counting the orders..."));
}

QString OrdersView::detailsText() const
{
    QStringList lines{m_details->text()};
    for (int i = 0; i < m_lines->count(); ++i)
        lines << m_lines->item(i)->text();
    return lines.join(u'\n');
}

void OrdersView::showDetails()
{
    m_lines->clear();
    const QModelIndex current = m_table->currentIndex();
    const Order *header = current.isValid() ? m_model->orderAt(current.row()) : nullptr;
    for (QPushButton *b : {m_paid, m_cancel, m_refund})
        b->setEnabled(false);
    if (!header) {
        m_details->setText(tr("<i>Select an order to see its lines.</i>"));
        return;
    }
    m_details->setText(tr("<h3>Order %1</h3><i>Loading...</i>").arg(header->externalId.toHtmlEscaped()));
    ask<Order>([id = header->id](Office &office) { return office.order(id); },
               [this, id = header->id](Result<Order> order) {
                   const QModelIndex now = m_table->currentIndex();
                   const Order *shown = now.isValid() ? m_model->orderAt(now.row()) : nullptr;
                   if (!shown || shown->id != id)
                       return; // another order is selected by now
                   showOrder(order);
               });
}

void OrdersView::showOrder(const Result<Order> &order)
{
    if (!order) {
        m_details->setText(order.error().message.toHtmlEscaped());
        return;
    }
    const Order &o = order.value();
    m_details->setText(tr("<h3>Order %1</h3>%2, %3<br>Total <b>%4</b>, PV %5<br>Credited to %6")
                           .arg(o.externalId.toHtmlEscaped(), o.storeCode.isEmpty() ? tr("back office") : o.storeCode,
                                Labels::orderStatus(o.status), Labels::money(o.totalPrice), Labels::volume(o.totalPv),
                                o.creditedMemberCode.isEmpty() ? tr("nobody") : o.creditedMemberCode));
    for (const OrderLine &l : o.lines)
        m_lines->addItem(tr("%1 x %2 %3 at %4 = %5", "quantity, SKU, product name, unit price, line total")
                             .arg(l.qty)
                             .arg(l.sku, l.name, Labels::money(l.unitPrice), Labels::money(l.unitPrice * l.qty)));
    m_paid->setEnabled(isAllowedOrderTransition(o.status, OrderStatus::Paid));
    m_cancel->setEnabled(isAllowedOrderTransition(o.status, OrderStatus::Cancelled));
    m_refund->setEnabled(isAllowedOrderTransition(o.status, OrderStatus::Refunded));
    emit detailsShown();
}

void OrdersView::setSelectedStatus(OrderStatus to, std::function<void(Status)> done)
{
    const QModelIndex current = m_table->currentIndex();
    const Order *header = current.isValid() ? m_model->orderAt(current.row()) : nullptr;
    if (!header) {
        if (done)
            done(makeError(ErrorCode::InvalidArgument, tr("Select an order first.")));
        return;
    }
    for (QPushButton *b : {m_paid, m_cancel, m_refund})
        b->setEnabled(false); // until the answer
    ask<Order>([id = header->id, to](Office &office) { return office.changeOrderStatus(id, to, nowUtc()); },
               [this, to, done = std::move(done)](Result<Order> changed) {
                   if (changed) {
                       m_model->update(changed.value());
                       emit message(tr("Order %1 is now %2").arg(changed->externalId, Labels::orderStatus(to)));
                   }
                   showDetails();
                   if (done)
                       done(changed ? Status() : Status(changed.error()));
               });
}

void OrdersView::confirmAndSet(OrderStatus to)
{
    const QModelIndex current = m_table->currentIndex();
    const Order *header = current.isValid() ? m_model->orderAt(current.row()) : nullptr;
    if (!header)
        return;
    if (to == OrderStatus::Refunded &&
        !ask::confirm(this, tr("Refund order"),
                      tr("Refund order %1 (%2)? Commissions already paid on it are clawed back.")
                          .arg(header->externalId, Labels::money(header->totalPrice)),
                      tr("Refund order"), QMessageBox::Warning))
        return;
    setSelectedStatus(to, [this](const Status &changed) {
        if (!changed)
            ask::warning(this, tr("Order"), changed.error().message);
    });
}

void OrdersView::enterOrder()
{
    OrderEntryDialog dialog(m_office, this, m_member->isHidden() ? QString() : m_member->text());
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Order entered = dialog.order();
    m_model->setFilter(m_model->filter());
    select(entered.id);
    emit message(tr("Order %1 entered").arg(entered.externalId));
}

} // namespace mlm
