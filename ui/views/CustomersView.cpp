#include "CustomersView.h"

#include "Labels.h"
#include "office/Session.h"

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

CustomersView::CustomersView(Session &session, QWidget *parent)
    : QWidget(parent), m_session(session), m_store(new QComboBox(this)), m_search(new QLineEdit(this)),
      m_note(new QLabel(this)), m_table(new QTableWidget(0, 5, this))
{
    m_table->setObjectName(QStringLiteral("customersTable")); // its column layout is remembered under this name
    if (auto stores = session.stores(); stores) {
        for (const Store &s : stores.value())
            m_store->addItem(QStringLiteral("%1 (%2)").arg(s.name, s.code), s.code);
    }
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
    auto refresh = [this] {
        if (const QString error = show(m_store->currentData().toString(), m_search->text()); !error.isEmpty())
            emit message(error);
    };
    connect(m_search, &QLineEdit::returnPressed, this, refresh);
    connect(m_search, &QLineEdit::textChanged, this, [this, refresh](const QString &text) {
        if (text.isEmpty())
            refresh();
    });
    connect(m_store, &QComboBox::currentIndexChanged, this, refresh);

    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Store:"), this));
    filters->addWidget(m_store);
    filters->addWidget(m_search, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_note);
    if (m_store->count() > 0)
        refresh();
}

QString CustomersView::show(const QString &storeCode, const QString &search)
{
    auto found = m_session.customers(storeCode, search.trimmed(), kShown);
    if (!found)
        return found.error().message;
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
    m_note->setText(found->size() == kShown
                        ? tr("Showing the first %1: type more of the email to narrow it.").arg(kShown)
                        : tr("%n customer(s)", nullptr, int(found->size())));
    return {};
}

} // namespace mlm
