#include "CustomersView.h"

#include "FilterField.h"
#include "Labels.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

namespace mlm {

CustomersView::CustomersView(AsyncOffice &office, QWidget *parent)
    : Page(office, parent), m_store(new QComboBox(this)), m_search(new QLineEdit(this)),
      m_note(new QLabel(this)), m_table(new QTableWidget(0, 5, this))
{
    m_table->setObjectName(QStringLiteral("customersTable")); // its column layout is remembered under this name
    m_search->setPlaceholderText(tr("Email begins with..."));
    m_search->setClearButtonEnabled(true);
    m_note->setStyleSheet(QStringLiteral("color: palette(mid);"));
    m_table->setHorizontalHeaderLabels({tr("Email"), tr("Name"), tr("Owner"), tr("Came through"), tr("Registered")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->setColumnWidth(2, 120);
    m_table->setColumnWidth(3, 130);
    m_table->setColumnWidth(4, 120);
    const auto list = [this] { show(m_store->currentData().toString(), m_search->text()); };
    m_search->setObjectName(QStringLiteral("customersSearch"));
    filters::followTyping(m_search, list);
    connect(m_store, &QComboBox::currentIndexChanged, this, list);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Store:"), this));
    filters->addWidget(m_store);
    filters->addWidget(m_search, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_note);
    refresh();
}

void CustomersView::refresh()
{
    ask<QList<Store>>([](Office &office) { return office.stores(); }, [this](Result<QList<Store>> stores) {
        if (!stores)
            return emit message(stores.error().message);
        const QString shown = m_store->currentData().toString();
        {
            const QSignalBlocker quiet(m_store);
            m_store->clear();
            for (const Store &s : stores.value())
                m_store->addItem(QStringLiteral("%1 (%2)").arg(s.name, s.code), s.code);
            m_store->setCurrentIndex(std::max(0, m_store->findData(shown)));
        }
        if (m_store->count() > 0)
            show(m_store->currentData().toString(), m_search->text());
    });
}

QString CustomersView::noteText() const
{
    return m_note->text();
}

void CustomersView::show(const QString &storeCode, const QString &search)
{
    askLatest<QList<RetailCustomer>>(
        0, [storeCode, search = search.trimmed()](Office &office) { return office.customers(storeCode, search, kShown); },
        [this, storeCode, search](Result<QList<RetailCustomer>> found) { showFound(storeCode, search, found); });
}

void CustomersView::showFound(const QString &storeCode, const QString &search,
                              const Result<QList<RetailCustomer>> &found)
{
    if (!found)
        return emit message(found.error().message);
    // The filters show what is listed, however the listing was asked for.
    if (const int index = m_store->findData(storeCode); index >= 0) {
        const QSignalBlocker blocker(m_store);
        m_store->setCurrentIndex(index);
    }
    if (m_search->text() != search) {
        const QSignalBlocker blocker(m_search);
        m_search->setText(search);
    }
    m_table->setRowCount(int(found->size()));
    for (int row = 0; row < found->size(); ++row) {
        const RetailCustomer &c = found->at(row);
        const QStringList cells{c.email, c.name, c.ownerCode.isEmpty() ? tr("nobody") : c.ownerCode, c.viaLinkCode,
                                Labels::date(c.createdAt)};
        for (int column = 0; column < cells.size(); ++column)
            m_table->setItem(row, column, new QTableWidgetItem(cells.at(column)));
    }
    const QString store = m_store->currentText();
    m_note->setText(found->size() == kShown
                        ? tr("Showing the first %1: type more of the email to narrow it.").arg(kShown)
                    : !found->isEmpty() ? tr("%n customer(s)", nullptr, int(found->size()))
                    : !search.trimmed().isEmpty()
                        ? tr("No customer of %1 has an email that begins with \"%2\".").arg(store, search.trimmed())
                        : tr("%1 has no retail customers yet. A store adds them when a buyer who is not a "
                             "distributor registers or orders (separate channel, personal storefronts).")
                              .arg(store));
    emit listed();
}

} // namespace mlm
