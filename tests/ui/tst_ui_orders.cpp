// The pages about what is sold: back-office orders and refunds, the orders table of thousands of rows, the catalog's
// price grid (edits, pasted cells, price-list files), stores and their keys.
// Item models run under QAbstractItemModelTester. With MLM_SCREENSHOT_DIR set, the windows are also saved as PNG.
#include "UiTest.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QMessageBox>
#include <QTimer>

using namespace mlm;
using namespace mlm::test;

class TestUiOrders : public QObject, public UiFixture
{
    Q_OBJECT

private slots:
    void init() { start(); }
    void cleanup() { stop(); }
    void enterAndRefundAnOrder();
    void distributorSeesItsOwnOrders();
    void ordersTableJumpsAnywhere();
    void catalogPriceEditReachesNewOrders();
    void catalogPasteAndPriceListFiles();
    void storeScenarioChangesAttribution();
};

/// The ids of the orders `where` keeps, newest first: the rows the orders table must show.
static QList<Id> orderIdsNewestFirst(Database &db, const QString &where)
{
    QList<Id> ids;
    auto q = db.exec(QStringLiteral("SELECT id FROM orders WHERE %1 ORDER BY id DESC").arg(where));
    while (q && q->next())
        ids << q->value(0).toLongLong();
    return ids;
}

void TestUiOrders::enterAndRefundAnOrder()
{
    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    {
        // Enter in the member field looks the member up; it does not enter the order.
        OrderEntryDialog keys(support);
        keys.show();
        QSignalSpy shown(&keys, &OrderEntryDialog::memberShown);
        auto *field = keys.findChild<QLineEdit *>(QStringLiteral("orderMember"));
        QVERIFY(field);
        QTest::keyClicks(field, QStringLiteral("bob"));
        QTest::keyClick(field, Qt::Key_Return);
        QTRY_COMPARE(shown.size(), 1);
        QCOMPARE(shown.first().first().toBool(), true);
        QTest::keyClick(field, Qt::Key_Return); // again, with the prices shown: still no order tried
        QTRY_COMPARE(shown.size(), 2);
        support.settle();
        QVERIFY2(keys.errorText().isEmpty(), qPrintable(keys.errorText()));
        QVERIFY(keys.isVisible());
        QCOMPARE(keys.result(), 0);
        keys.accept(); // no lines yet: refused, said under the form ...
        support.settle();
        QVERIFY(!keys.errorText().isEmpty());
        keys.setQuantity(QStringLiteral("TEA"), 1); // ... until a line is added
        QVERIFY(keys.errorText().isEmpty());
        keys.reject();
    }
    OrderEntryDialog dialog(support);
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Rejected)); // no member yet
    QVERIFY(!dialog.errorText().isEmpty());
    QVERIFY(!await<bool>([&](auto done) {
        QObject::connect(&dialog, &OrderEntryDialog::memberShown, &dialog, done, Qt::SingleShotConnection);
        dialog.setMember(QStringLiteral("EVE"));
    })); // terminated: may not buy
    QVERIFY(!dialog.errorText().isEmpty());
    QVERIFY(await<bool>([&](auto done) {
        QObject::connect(&dialog, &OrderEntryDialog::memberShown, &dialog, done, Qt::SingleShotConnection);
        dialog.setMember(QStringLiteral("bob"));
    }));
    dialog.setQuantity(QStringLiteral("VITA-1"), 2);
    dialog.setQuantity(QStringLiteral("TEA"), 1);
    QVERIFY2(dialog.totalText().contains(Labels::money(2 * 2700 + 1000)), qPrintable(dialog.totalText()));
    dialog.setPaid(true);
    screenshot(&dialog, QStringLiteral("order-entry"));
    dialog.accept();
    support.settle();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const QString id = dialog.order().externalId;
    auto stored = Orders(m_t->db()).find(QStringLiteral("-"), id);
    QVERIFY(stored);
    QCOMPARE(stored->creditedMemberCode, QStringLiteral("BOB"));
    QCOMPARE(stored->tier, QStringLiteral("customer"));
    QCOMPARE(stored->totalPrice, Money(2 * 2700 + 1000));
    QCOMPARE(stored->status, OrderStatus::Paid);
    QCOMPARE(stored->createdBy, QStringLiteral("user:sam"));

    OrdersView view(support);
    view.resize(1100, 500);
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    support.settle();
    QCOMPARE(view.model()->rowCount(), m_t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM orders"))->toInt());
    QCOMPARE(orderAt(*view.model(), 0, support)->externalId, id); // newest first
    // The tier in the reader's words, not its code (German showed "distributor").
    QCOMPARE(view.model()->index(0, OrdersModel::TierColumn).data().toString(),
             Labels::tier(QStringLiteral("customer")));
    QCOMPARE(Labels::tier(QStringLiteral("customer")), QStringLiteral("Customer"));
    QCOMPARE(Labels::tier(QStringLiteral("vip")), QStringLiteral("vip"));
    QVERIFY(await<bool>([&](auto done) { view.select(stored->id, done); }));
    support.settle(); // its lines
    // A line says what was bought, by name, and what it came to.
    const QString vitaName = m_t->db().scalar(QStringLiteral("SELECT name FROM products WHERE sku = 'VITA-1'"))->toString();
    QVERIFY(!vitaName.isEmpty());
    const QString vitaLine =
        QStringLiteral("2 x VITA-1 %1 at %2 = %3").arg(vitaName, Labels::money(2700), Labels::money(2 * 2700));
    QVERIFY2(view.detailsText().contains(vitaLine), qPrintable(view.detailsText()));
    QVERIFY(view.refundButton()->isEnabled());
    QVERIFY(await<Status>([&](auto done) { view.setSelectedStatus(OrderStatus::Refunded, done); }));
    QCOMPARE(Orders(m_t->db()).find(QStringLiteral("-"), id)->status, OrderStatus::Refunded);
    support.settle();
    QVERIFY(view.detailsText().contains(Labels::orderStatus(OrderStatus::Refunded)));
    QVERIFY(!view.refundButton()->isEnabled());
    QVERIFY(!await<Status>([&](auto done) { view.setSelectedStatus(OrderStatus::Paid, done); })); // refunded is final
    // Every Created time whole in its column (a two-digit day was cut to "30 Aug 2026 ..."), in any month.
    const QFontMetrics metrics = view.table()->fontMetrics();
    QStringList times = Labels::dateTimeSamples();
    times << view.model()->index(0, OrdersModel::CreatedColumn).data().toString();
    for (const QString &text : std::as_const(times))
        QVERIFY2(metrics.horizontalAdvance(text) + 16 <= view.table()->columnWidth(OrdersModel::CreatedColumn),
                 qPrintable(text));
    support.settle(); // the selected order's lines
    screenshot(&view, QStringLiteral("orders"));

    // The member filter follows what is typed, without Enter, and its clear button shows every order again.
    const int all = view.model()->rowCount();
    const Id bob = Members(m_t->db()).byCode(QStringLiteral("BOB"))->id;
    const int bobs = m_t->db()
                         .scalar(QStringLiteral("SELECT COUNT(*) FROM orders WHERE buyer_member_id = ? OR "
                                                "credited_member_id = ?"),
                                 {bob, bob})
                         ->toInt();
    QVERIFY(bobs > 0 && bobs < all);
    auto *member = view.findChild<QLineEdit *>(QStringLiteral("ordersMember"));
    QVERIFY(member);
    QTest::keyClicks(member, QStringLiteral("bob"));
    QTRY_COMPARE(view.model()->rowCount(), bobs);
    // A new order starts with the member the page is filtered by.
    QString prefilled;
    QTimer::singleShot(0, &view, [&prefilled] {
        if (auto *entry = qobject_cast<OrderEntryDialog *>(QApplication::activeModalWidget())) {
            prefilled = entry->findChild<QLineEdit *>(QStringLiteral("orderMember"))->text();
            entry->reject();
        }
    });
    auto *newOrder = view.findChild<QPushButton *>(QStringLiteral("newOrder"));
    QVERIFY(newOrder);
    newOrder->click();
    QCOMPARE(prefilled, QStringLiteral("bob"));
    member->clear();
    QTRY_COMPARE(view.model()->rowCount(), all);
}

void TestUiOrders::distributorSeesItsOwnOrders()
{
    Desk anna(m_t->db(), user(QStringLiteral("anna"), Role::Distributor, QStringLiteral("ANNA")));
    OrdersView view(anna);
    view.resize(1280, 500);
    view.show();
    anna.settle();
    // Without the member field, the store and status lists keep their own width (each took half the page).
    for (QComboBox *list : view.findChildren<QComboBox *>())
        QVERIFY2(list->width() < 300, qPrintable(QString::number(list->width())));
    const Id annaId = Members(m_t->db()).byCode(QStringLiteral("ANNA"))->id;
    const int own = m_t->db()
                        .scalar(QStringLiteral("SELECT COUNT(*) FROM orders WHERE buyer_member_id = ? OR "
                                               "credited_member_id = ?"),
                                {annaId, annaId})
                        ->toInt();
    QVERIFY(own > 0);
    QCOMPARE(view.model()->rowCount(), own);
    for (int row = 0; row < view.model()->rowCount(); ++row) {
        const Order *o = orderAt(*view.model(), row, anna);
        QVERIFY(o->buyerMemberId == annaId || o->creditedMemberId == annaId);
    }
    QVERIFY(!view.newOrderButton()->isVisible() && view.newOrderButton()->isHidden());
    QVERIFY(view.refundButton()->isHidden());
    const Id otherOrder =
        m_t->db()
            .scalar(QStringLiteral("SELECT MIN(id) FROM orders WHERE COALESCE(buyer_member_id, 0) <> ? AND "
                                   "COALESCE(credited_member_id, 0) <> ?"),
                    {annaId, annaId})
            ->toLongLong();
    QCOMPARE(anna->order(otherOrder).error().code, ErrorCode::PermissionDenied);
    OrderFilter someoneElse;
    someoneElse.memberId = Members(m_t->db()).byCode(QStringLiteral("BOB"))->id;
    QCOMPARE(anna->ordersCount(someoneElse).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(anna->orderIdAt(someoneElse, 0, true, 0).error().code, ErrorCode::PermissionDenied);
    QCOMPARE(anna->ordersCount({}).value(), qint64(own));
    QCOMPARE(anna->changeOrderStatus(orderAt(*view.model(), 0, anna)->id, OrderStatus::Refunded, nowUtc()).error().code,
             ErrorCode::PermissionDenied);
}

void TestUiOrders::ordersTableJumpsAnywhere()
{
    // 7,000 more orders: 70 pages and more, more than the table keeps in memory.
    const Id bob = Members(m_t->db()).byCode(QStringLiteral("BOB"))->id;
    const Id tier =
        m_t->db().scalar(QStringLiteral("SELECT id FROM price_tiers WHERE code = 'customer'"))->toLongLong();
    QVERIFY(m_t->db().exec(
        QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 7000) "
                       "INSERT INTO orders (external_id, buyer_member_id, credited_member_id, tier_id, total_price, "
                       "total_pv, total_bv, status, created_at) SELECT 'BULK-' || i, ?, ?, ?, i, 0, 0, "
                       "CASE WHEN i % 3 = 0 THEN 'paid' ELSE 'pending' END, 1700000000 + i FROM n"),
        {bob, bob, tier}));
    const QList<Id> all = orderIdsNewestFirst(m_t->db(), QStringLiteral("1 = 1"));
    QVERIFY(all.size() > 7000);

    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    auto counting = std::make_unique<HeldLane>(support.office(), AsyncOffice::Lane::Scans);
    OrdersModel model(support);
    // The first page comes while the count is still on its way (held here, to see the table before it).
    QSignalSpy arrived(&model, &OrdersModel::pageArrived);
    QVERIFY(arrived.wait(20000));
    QCOMPARE(model.rowCount(), OrdersModel::kPageSize);
    QVERIFY(!model.isCounted());
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({}); // scrolling down before the count is there: the next page by key
    QVERIFY(!model.canFetchMore({})); // one page at a time
    QVERIFY(arrived.wait(20000));
    QCOMPARE(model.rowCount(), 2 * OrdersModel::kPageSize);
    QCOMPARE(model.orderAt(150)->id, all.at(150));
    QCOMPARE(model.index(250, 0).data().toString(), QString()); // no such row yet
    // (A tester runs fetchMore from its own modelReset handler and then takes the rows inserted for a reset still
    // going on: it watches one filter at a time.)
    auto tester =
        std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counted(&model, &OrdersModel::counted);
    counting.reset();
    QVERIFY(counted.wait(20000));
    QCOMPARE(model.rowCount(), all.size());
    QVERIFY(!model.canFetchMore({}));
    // A row whose page has not come says so, until it comes.
    QCOMPARE(model.index(all.size() - 1, OrdersModel::IdColumn).data().toString(), QStringLiteral("Loading..."));
    support.settle();

    // Jump to the end, the middle, back near the top, anywhere: every row holds the order of its place.
    const int last = int(all.size()) - 1;
    for (int row : {last, last / 2, 250, last - 100, last - 99, 4321, 99, 100, 0, last / 2 + 1, 6999})
        QCOMPARE(orderAt(model, row, support)->id, all.at(row));
    QCOMPARE(model.index(last, OrdersModel::IdColumn).data().toString(),
             Orders(m_t->db()).byId(all.at(last))->externalId);
    // A walk through the whole table from the end up keeps a bounded number of pages.
    for (int row = last; row >= 0; row -= 37)
        QCOMPARE(orderAt(model, row, support)->id, all.at(row));
    QVERIFY(model.pagesInMemory() > 0);
    QVERIFY(model.pagesInMemory() <= OrdersModel::kMaxPagesInMemory);
    QVERIFY(!model.orderAt(int(all.size())));

    // Filtered the same way.
    OrderFilter paid;
    paid.status = OrderStatus::Paid;
    const QList<Id> paidIds = orderIdsNewestFirst(m_t->db(), QStringLiteral("status = 'paid'"));
    tester.reset();
    model.setFilter({}); // the pages and count of this filter still running are dropped when another filter comes
    model.setFilter(paid);
    tester = std::make_unique<QAbstractItemModelTester>(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    support.settle();
    QCOMPARE(model.rowCount(), paidIds.size());
    for (int row : {int(paidIds.size()) - 1, 1000, 1, int(paidIds.size()) / 2})
        QCOMPARE(orderAt(model, row, support)->id, paidIds.at(row));
    QCOMPARE(await<int>([&](auto done) { model.locate(paidIds.at(1234), done); }), 1234);
    const Id pending = orderIdsNewestFirst(m_t->db(), QStringLiteral("status = 'pending'")).at(10);
    QCOMPARE(await<int>([&](auto done) { model.locate(pending, done); }), -1);

    // A status change shows in its row.
    auto changed = support->changeOrderStatus(paidIds.at(2), OrderStatus::Refunded, nowUtc());
    QVERIFY(changed);
    model.update(changed.value());
    QCOMPARE(model.index(2, OrdersModel::StatusColumn).data().toString(), Labels::orderStatus(OrderStatus::Refunded));

    // The Orders page keeps the selected order and its scroll while the count comes.
    counting = std::make_unique<HeldLane>(support.office(), AsyncOffice::Lane::Scans);
    OrdersView view(support);
    view.resize(1100, 500);
    // Scrolled down to two pages (the table may ask for the next one itself, as it fills the viewport).
    QTRY_VERIFY_WITH_TIMEOUT((view.model()->fetchMore({}), view.model()->rowCount() >= 2 * OrdersModel::kPageSize),
                             20000);
    view.table()->setCurrentIndex(view.model()->index(150, 0));
    view.table()->scrollTo(view.model()->index(150, 0), QAbstractItemView::PositionAtTop);
    const int scrolled = view.table()->verticalScrollBar()->value();
    QVERIFY(scrolled > 0);
    QVERIFY(!view.model()->isCounted());
    counting.reset();
    support.settle();
    QCOMPARE(view.model()->rowCount(), all.size());
    QCOMPARE(view.table()->currentIndex().row(), 150);
    QCOMPARE(view.table()->verticalScrollBar()->value(), scrolled);
    QVERIFY(view.detailsText().contains(Orders(m_t->db()).byId(all.at(150))->externalId));
}

void TestUiOrders::catalogPriceEditReachesNewOrders()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    CatalogView view(admin);
    view.resize(1100, 420);
    CatalogModel *model = view.model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    admin.settle();
    QCOMPARE(model->rowCount(), 3);
    const int tea = model->rowOf(QStringLiteral("TEA"));
    const int customer = model->columnOf(QStringLiteral("customer"));
    const int distributor = model->columnOf(QStringLiteral("distributor"));
    QCOMPARE(distributor, customer + 1); // the two prices side by side
    // TEA has a retail price only: the customer and distributor cells show it, marked as the fallback.
    const QModelIndex cell = model->index(tea, customer);
    QCOMPARE(cell.data().toString(), Labels::money(1000));
    QVERIFY(!cell.data(CatalogModel::OwnPriceRole).toBool());
    QVERIFY(cell.data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral("retail")));
    screenshot(&view, QStringLiteral("catalog"));

    // A bad amount is refused in place and named; then 9.10 is kept.
    QVERIFY(!model->setData(cell, QStringLiteral("nine")));
    QVERIFY(view.errorText().contains(QStringLiteral("'nine'")));
    QVERIFY(model->setData(model->index(tea, model->columnOf(QStringLiteral("retail"))), QString())); // sent ...
    admin.settle();
    QVERIFY(view.errorText().contains(QStringLiteral("retail"))); // ... and refused
    QCOMPARE(model->index(tea, model->columnOf(QStringLiteral("retail"))).data().toString(), Labels::money(1000));
    QVERIFY(model->setData(cell, QStringLiteral("9") + QLocale().decimalPoint() + QStringLiteral("10")));
    admin.settle();
    QCOMPARE(cell.data().toString(), Labels::money(910));
    QVERIFY(cell.data(CatalogModel::OwnPriceRole).toBool());
    QVERIFY(view.errorText().isEmpty());

    // The next order of a customer-status member pays it.
    Desk support(m_t->db(), user(QStringLiteral("sam"), Role::Support));
    OrderEntryDialog order(support);
    order.setMember(QStringLiteral("BOB"));
    support.settle();
    order.setQuantity(QStringLiteral("TEA"), 2);
    QVERIFY2(order.totalText().contains(Labels::money(1820)), qPrintable(order.totalText()));
    order.setPaid(true);
    order.accept();
    support.settle();
    QCOMPARE(order.result(), int(QDialog::Accepted));
    auto stored = Orders(m_t->db()).find(QStringLiteral("-"), order.order().externalId);
    QVERIFY(stored);
    QCOMPARE(stored->totalPrice, Money(1820));
    QCOMPARE(stored->lines.first().unitPrice, Money(910));

    // Emptied again: back to retail for the orders after.
    QVERIFY(model->setData(cell, QString()));
    admin.settle();
    QCOMPARE(cell.data().toString(), Labels::money(1000));
    QVERIFY(!cell.data(CatalogModel::OwnPriceRole).toBool());
    AuditFilter prices;
    prices.actionPrefix = QStringLiteral("price.");
    QCOMPARE(admin->auditPage(prices, 0, 10)->size(), 2);

    // A product, then a tier; both show in the grid.
    ProductDialog add(admin, {}, QStringLiteral("USD"), &view);
    add.fill(QStringLiteral("SOAP"), QStringLiteral("Soap"), true, QStringLiteral("5"), QStringLiteral("4"),
             QStringLiteral("oops"));
    add.accept();
    admin.settle();
    QCOMPARE(add.result(), int(QDialog::Rejected));
    QVERIFY(add.errorText().contains(QStringLiteral("retail price")));
    add.fill(QStringLiteral("SOAP"), QStringLiteral("Soap"), true, QStringLiteral("5"), QStringLiteral("4"),
             QStringLiteral("6"));
    screenshot(&add, QStringLiteral("product-new"));
    add.accept();
    admin.settle();
    QCOMPARE(add.result(), int(QDialog::Accepted));
    TierDialog tier(admin, &view);
    tier.fill(QStringLiteral("Gold!"), QStringLiteral("Gold"));
    tier.accept();
    admin.settle();
    QVERIFY(!tier.errorText().isEmpty());
    tier.fill(QStringLiteral("gold"), QStringLiteral("Gold"));
    tier.accept();
    admin.settle();
    QCOMPARE(tier.result(), int(QDialog::Accepted));
    QVERIFY(await<Status>([&](auto done) { model->reload(done); }));
    QCOMPARE(model->rowCount(), 4);
    QVERIFY(model->columnOf(QStringLiteral("gold")) > 0);
    const QModelIndex soapGold =
        model->index(model->rowOf(QStringLiteral("SOAP")), model->columnOf(QStringLiteral("gold")));
    QCOMPARE(soapGold.data().toString(), Labels::money(600));
    QCOMPARE(Catalog(m_t->db()).product(QStringLiteral("SOAP"))->pv, 500);
}

void TestUiOrders::catalogPasteAndPriceListFiles()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    CatalogView view(admin);
    CatalogModel *model = view.model();
    admin.settle();
    const int customer = model->columnOf(QStringLiteral("customer"));
    const QString point = QLocale().decimalPoint();
    // Products are in sku order: OLD, TEA, VITA-1. A block from TEA's customer price on.
    view.table()->setCurrentIndex(model->index(model->rowOf(QStringLiteral("TEA")), CatalogModel::Name));
    using Done = Result<QString>;
    QVERIFY(!await<Done>([&](auto done) { view.pasteText(QStringLiteral("1\n"), done); }).ok()); // not a price cell
    view.table()->setCurrentIndex(model->index(model->rowOf(QStringLiteral("TEA")), customer));
    auto bad =
        await<Done>([&](auto done) { view.pasteText(QStringLiteral("9") + point + QStringLiteral("50\t8\nx\t20\n"), done); });
    QVERIFY(!bad);
    QVERIFY2(view.errorText().contains(QStringLiteral("line 2")), qPrintable(view.errorText()));
    QVERIFY(!Catalog(m_t->db()).product(QStringLiteral("TEA"))->prices.contains(QStringLiteral("customer")));
    auto pasted =
        await<Done>([&](auto done) { view.pasteText(QStringLiteral("9") + point + QStringLiteral("50\t8\n\t20\n"), done); });
    QVERIFY2(pasted, why(pasted).constData());
    const Product tea = Catalog(m_t->db()).product(QStringLiteral("TEA")).value();
    QCOMPARE(tea.prices.value(QStringLiteral("customer")), 950);
    QCOMPARE(tea.prices.value(QStringLiteral("distributor")), 800);
    const Product vita = Catalog(m_t->db()).product(QStringLiteral("VITA-1")).value();
    QVERIFY(!vita.prices.contains(QStringLiteral("customer")));
    QCOMPARE(vita.prices.value(QStringLiteral("distributor")), 2000);
    QCOMPARE(model->index(model->rowOf(QStringLiteral("VITA-1")), customer).data().toString(), Labels::money(3000));

    // Out to CSV, edited by hand, back in; a bad file changes nothing and names its lines.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("prices.csv"));
    QVERIFY(await<Done>([&](auto done) { view.exportPriceList(path, done); }));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray csv = file.readAll();
    file.close();
    QVERIFY(csv.contains("TEA,Herbal tea,10.00,9.50,8.00,\n"));
    QFile bad1(dir.filePath(QStringLiteral("bad.csv")));
    QVERIFY(bad1.open(QIODevice::WriteOnly));
    bad1.write("sku,retail,customer\nTEA,11.00,1.2.3\nNOPE,1,1\n");
    bad1.close();
    QVERIFY(!await<Done>([&](auto done) { view.importPriceList(bad1.fileName(), done); }));
    QVERIFY(view.errorText().contains(QStringLiteral("line 2")));
    QVERIFY(view.errorText().contains(QStringLiteral("line 3")));
    QCOMPARE(Catalog(m_t->db()).product(QStringLiteral("TEA"))->prices.value(QStringLiteral("retail")), 1000);
    csv.replace("TEA,Herbal tea,10.00,9.50,8.00,", "TEA,Herbal tea,11.00,9.50,8.00,7.25");
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(csv);
    file.close();
    auto imported = await<Done>([&](auto done) { view.importPriceList(path, done); });
    QVERIFY2(imported, why(imported).constData());
    admin.settle(); // the grid read again
    QCOMPARE(Catalog(m_t->db()).product(QStringLiteral("TEA"))->prices.value(QStringLiteral("retail")), 1100);
    QCOMPARE(Catalog(m_t->db()).product(QStringLiteral("TEA"))->prices.value(QStringLiteral("vip")), 725);
    QCOMPARE(
        model->index(model->rowOf(QStringLiteral("TEA")), model->columnOf(QStringLiteral("vip"))).data().toString(),
        Labels::money(725));
    QVERIFY(!await<Done>([&](auto done) { view.importPriceList(dir.filePath(QStringLiteral("missing.csv")), done); }));
}

void TestUiOrders::storeScenarioChangesAttribution()
{
    Desk admin(m_t->db(), user(QStringLiteral("boss"), Role::Admin));
    StoresView view(admin);
    view.resize(1100, 640);
    admin.settle();
    QCOMPARE(view.storesTable()->rowCount(), 3);
    QVERIFY(view.select(QStringLiteral("my")));
    admin.settle();
    QVERIFY(view.explanationText().contains(QStringLiteral("owned by the link's owner")));
    QCOMPARE(view.previewText(), QStringLiteral("https://K7M2Q9XD.my.example.com/"));
    screenshot(&view, QStringLiteral("stores"));

    // Zoe, Anna's storefront customer, buys: credited to Anna.
    Orders orders(m_t->db());
    auto order = [&](const QString &id) {
        return orders.submit({QStringLiteral("my"),
                              id,
                              {},
                              QStringLiteral("zoe@example.net"),
                              {{QStringLiteral("VITA-1"), 1, std::nullopt}},
                              OrderStatus::Paid,
                              {},
                              {}},
                             testActor());
    };
    auto before = order(QStringLiteral("Z-1"));
    QVERIFY2(before, why(before).constData());
    QCOMPARE(before->order.creditedMemberCode, QStringLiteral("ANNA"));

    // Bad input is named and nothing changes; then the store becomes a separate channel.
    view.fill(QStringLiteral("Storefronts"), QStringLiteral("not a url"), StoreScenario::SeparateChannel,
              QStringLiteral("https://{code}.my.example.com/"), {}, {});
    QVERIFY(view.explanationText().contains(QStringLiteral("belong to no one")));
    QVERIFY(!await<Status>([&](auto done) { view.save(done); }));
    QVERIFY(view.errorText().contains(QStringLiteral("base URL")));
    QCOMPARE(Stores(m_t->db()).store(QStringLiteral("my"))->scenario, StoreScenario::PersonalStorefront);
    view.fill(QStringLiteral("Storefronts"), QStringLiteral("https://my.example.com"), StoreScenario::SeparateChannel,
              QStringLiteral("https://my.example.com/?ref="), {}, {});
    QVERIFY(view.previewText().contains(QStringLiteral("{code}")));
    QVERIFY(!await<Status>([&](auto done) { view.save(done); }));
    view.fill(QStringLiteral("Storefronts"), QStringLiteral("https://my.example.com"), StoreScenario::SeparateChannel,
              QStringLiteral("https://my.example.com/?ref={code}"), {}, QStringLiteral("vip"));
    QCOMPARE(view.previewText(), QStringLiteral("https://my.example.com/?ref=K7M2Q9XD"));
    QVERIFY(await<Status>([&](auto done) { view.save(done); }));
    const Store changed = Stores(m_t->db()).store(QStringLiteral("my")).value();
    QCOMPARE(changed.scenario, StoreScenario::SeparateChannel);
    QCOMPARE(changed.pinnedTier, QStringLiteral("vip"));
    QCOMPARE(view.storesTable()->item(view.storesTable()->currentRow(), 2)->text(),
             Labels::storeScenario(StoreScenario::SeparateChannel));

    // The next order of the same buyer is credited to nobody; the one before keeps Anna.
    auto after = order(QStringLiteral("Z-2"));
    QVERIFY2(after, why(after).constData());
    QVERIFY(after->order.creditedMemberCode.isEmpty());
    QCOMPARE(orders.find(QStringLiteral("my"), QStringLiteral("Z-1"))->creditedMemberCode, QStringLiteral("ANNA"));
    AuditFilter edits;
    edits.actionPrefix = QStringLiteral("store.edit");
    QCOMPARE(admin->auditPage(edits, 0, 10)->size(), 1);

    // A key shown once (Create key..., its label asked), working until revoked.
    ask::setNextText(QStringLiteral("shop server"));
    ask::setNextAnswer(QMessageBox::Ok);
    const int asked = int(ask::said().size());
    view.findChild<QPushButton *>(QStringLiteral("createKey"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(int(ask::said().size()), asked + 2, 30000); // the label asked, the key shown
    const QStringList shown = ask::said().last().split(u'\n');
    QVERIFY2(shown.first().startsWith(QStringLiteral("New API key: This is the whole key")), qPrintable(shown.first()));
    const std::optional<QString> token = shown.last();
    admin.settle();
    QCOMPARE(view.keysTable()->rowCount(), 1);
    QVERIFY(!view.keysTable()->item(0, 0)->text().contains(token->mid(13)));
    QVERIFY(ApiKeys(m_t->db()).authenticate(token.value()));
    view.keysTable()->setCurrentCell(0, 0);
    QVERIFY(await<Status>([&](auto done) { view.revokeSelectedKey(done); }));
    QCOMPARE(ApiKeys(m_t->db()).authenticate(token.value()).error().code, ErrorCode::Unauthenticated);
    QVERIFY(view.keysTable()->item(0, 3)->text().contains(QStringLiteral("revoked")));
    view.keysTable()->setCurrentCell(0, 0);
    QVERIFY(!await<Status>([&](auto done) { view.revokeSelectedKey(done); }));
    // The real box: Copy key puts the key on the clipboard, says so, and leaves the box open until Ok.
    bool copiedAndOpen = false;
    QTimer::singleShot(0, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        QPushButton *copy = nullptr;
        for (QAbstractButton *b : box ? box->buttons() : QList<QAbstractButton *>()) {
            if (b->text() == QLatin1String("Copy key"))
                copy = qobject_cast<QPushButton *>(b);
        }
        if (copy) {
            copy->click();
            copiedAndOpen = QApplication::clipboard()->text() == QLatin1String("mlm_secret") &&
                            copy->text() == QLatin1String("Copied") && box->isVisible();
        }
        if (box)
            box->accept();
    });
    ask::secret(&view, QStringLiteral("New API key"), QStringLiteral("Copy it now."), QStringLiteral("mlm_secret"),
                QStringLiteral("Copy key"), QStringLiteral("Copied"));
    QVERIFY(copiedAndOpen);

    // A new store, with a default sponsor that must exist.
    view.startNewStore();
    view.setCode(QStringLiteral("eu"));
    view.fill(QStringLiteral("EU shop"), QStringLiteral("https://eu.example.com"), StoreScenario::DistributorChannel,
              QStringLiteral("https://eu.example.com/?ref={code}"), QStringLiteral("NOBODY"), {});
    QVERIFY(!await<Status>([&](auto done) { view.save(done); }));
    view.fill(QStringLiteral("EU shop"), QStringLiteral("https://eu.example.com"), StoreScenario::DistributorChannel,
              QStringLiteral("https://eu.example.com/?ref={code}"), QStringLiteral("ANNA"), {});
    QVERIFY(await<Status>([&](auto done) { view.save(done); }));
    QCOMPARE(view.storesTable()->rowCount(), 4);
    QCOMPARE(Stores(m_t->db()).store(QStringLiteral("eu"))->defaultSponsorCode, QStringLiteral("ANNA"));
}

QTEST_MAIN(TestUiOrders)
#include "tst_ui_orders.moc"
