// Orders: attribution by scenario, price snapshots, idempotency, the lifecycle and refunds (SPEC 3 and 5).
#include "TestData.h"
#include "TestDatabase.h"
#include "catalog/Catalog.h"
#include "domain/Pricing.h"
#include "orders/OrderVolumes.h"
#include "orders/Orders.h"

#include <QMutex>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QTest>
#include <QThread>

using namespace mlm;
using namespace mlm::test;

class TestOrders : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup() { m_t.reset(); }

    void attribution_data();
    void attribution();
    void refusals_data();
    void refusals();
    void idempotentResubmission();
    void conflictingResubmission();
    void concurrentSubmissionsMakeOneOrder();
    void snapshotSurvivesCatalogEdits();
    void lifecycle();
    void refundRules();
    void volumesFollowTheOrders();

private:
    /// What member_month_volumes must hold: the paid orders' PV by month of payment and credited member (no zeros).
    static QMap<std::pair<int, Id>, Volume> volumesOfOrders(Database &db)
    {
        QMap<std::pair<int, Id>, Volume> sums;
        auto q = db.exec(QStringLiteral("SELECT credited_member_id, paid_at, total_pv FROM orders WHERE status = "
                                        "'paid' AND credited_member_id IS NOT NULL"));
        while (q && q->next())
            sums[{OrderVolumes::monthKey(Period::containing(q->value(1).toLongLong())), q->value(0).toLongLong()}] +=
                q->value(2).toLongLong();
        sums.removeIf([](const auto &entry) { return entry.value() == 0; });
        return sums;
    }
    static QMap<std::pair<int, Id>, Volume> volumesKept(Database &db)
    {
        QMap<std::pair<int, Id>, Volume> kept;
        auto q = db.exec(QStringLiteral("SELECT month, member_id, pv FROM member_month_volumes"));
        while (q && q->next())
            kept[{q->value(0).toInt(), q->value(1).toLongLong()}] = q->value(2).toLongLong();
        return kept;
    }

    NewOrder order(const QString &store, const QString &id, const QString &member, const QString &customer,
                   const QString &sku = QStringLiteral("VITA-1"), qint64 qty = 1)
    {
        NewOrder o;
        o.storeCode = store;
        o.externalId = id;
        o.buyerMemberCode = member;
        o.buyerCustomerEmail = customer;
        o.lines = {{sku, qty, std::nullopt}};
        o.status = OrderStatus::Paid;
        o.paidAt = parseIsoTimestamp(u"2026-11-02T10:00:00Z");
        return o;
    }
    static QString describe(const Order &o)
    {
        QStringList fields{QString::number(o.id),
                           QString::number(o.storeId),
                           o.storeCode,
                           o.externalId,
                           QString::number(o.buyerMemberId),
                           o.buyerMemberCode,
                           QString::number(o.buyerCustomerId),
                           o.buyerCustomerEmail,
                           QString::number(o.creditedMemberId),
                           o.creditedMemberCode,
                           o.tier,
                           QString::number(o.totalPrice),
                           QString::number(o.totalPv),
                           QString::number(o.totalBv),
                           toText(o.status),
                           QString::number(o.createdAt),
                           QString::number(o.paidAt.value_or(-1)),
                           QString::number(o.cancelledAt.value_or(-1)),
                           QString::number(o.refundedAt.value_or(-1)),
                           o.createdBy};
        for (const OrderLine &l : o.lines) {
            fields << l.sku << QString::number(l.productId) << QString::number(l.qty) << QString::number(l.unitPrice)
                   << QString::number(l.distributorPrice) << QString::number(l.pv) << QString::number(l.bv);
        }
        return fields.join(u'|');
    }
    std::unique_ptr<TestDatabase> m_t;
};

void TestOrders::init()
{
    m_t = TestDatabase::create();
    QVERIFY(m_t);
    QVERIFY(loadSmallCompany(m_t->db()));
}

void TestOrders::attribution_data()
{
    QTest::addColumn<QString>("store");
    QTest::addColumn<QString>("member");
    QTest::addColumn<QString>("customer");
    QTest::addColumn<QString>("sku");
    QTest::addColumn<QString>("tier");
    QTest::addColumn<QString>("credited");
    QTest::addColumn<qint64>("unitPrice");
    QTest::newRow("back office distributor")
        << QStringLiteral("-") << QStringLiteral("CARL") << QString() << QStringLiteral("VITA-1")
        << QStringLiteral("distributor") << QStringLiteral("CARL") << qint64(2100);
    QTest::newRow("scenario 2 customer") << QStringLiteral("shop") << QStringLiteral("bob") << QString()
                                         << QStringLiteral("VITA-1") << QStringLiteral("customer")
                                         << QStringLiteral("BOB") << qint64(2700);
    QTest::newRow("scenario 2 tier fallback")
        << QStringLiteral("shop") << QStringLiteral("BOB") << QString() << QStringLiteral("TEA")
        << QStringLiteral("customer") << QStringLiteral("BOB") << qint64(1000);
    QTest::newRow("scenario 2 suspended buys retail")
        << QStringLiteral("shop") << QStringLiteral("DORA") << QString() << QStringLiteral("VITA-1")
        << QStringLiteral("retail") << QStringLiteral("DORA") << qint64(3000);
    QTest::newRow("scenario 3 owned customer")
        << QStringLiteral("my") << QString() << QStringLiteral("zoe@example.net") << QStringLiteral("VITA-1")
        << QStringLiteral("retail") << QStringLiteral("ANNA") << qint64(3000);
    QTest::newRow("scenario 3 customer without owner")
        << QStringLiteral("my") << QString() << QStringLiteral("yan@example.net") << QStringLiteral("VITA-1")
        << QStringLiteral("retail") << QString() << qint64(3000);
    QTest::newRow("scenario 1 customer") << QStringLiteral("outlet") << QString()
                                         << QStringLiteral("walkin@example.net") << QStringLiteral("VITA-1")
                                         << QStringLiteral("retail") << QString() << qint64(3000);
    QTest::newRow("scenario 1 pins retail for a member")
        << QStringLiteral("outlet") << QStringLiteral("ANNA") << QString() << QStringLiteral("VITA-1")
        << QStringLiteral("retail") << QString() << qint64(3000);
}

void TestOrders::attribution()
{
    QFETCH(QString, store);
    QFETCH(QString, member);
    QFETCH(QString, customer);
    QFETCH(QString, sku);
    QFETCH(QString, tier);
    QFETCH(QString, credited);
    QFETCH(qint64, unitPrice);
    auto submitted =
        Orders(m_t->db()).submit(order(store, QStringLiteral("T-1"), member, customer, sku, 3), testActor());
    QVERIFY2(submitted, submitted ? "" : qPrintable(submitted.error().message));
    QVERIFY(submitted->created);
    const Order &o = submitted->order;
    QCOMPARE(o.tier, tier);
    QCOMPARE(o.creditedMemberCode, credited);
    QCOMPARE(o.lines.first().unitPrice, unitPrice);
    QCOMPARE(o.totalPrice, 3 * unitPrice);
    auto product = Catalog(m_t->db()).product(sku);
    QCOMPARE(o.totalPv, 3 * product->pv);
    QCOMPARE(o.totalBv, 3 * product->bv);
    QCOMPARE(o.lines.first().distributorPrice,
             Pricing::priceIn(product->prices, QStringLiteral("distributor")).value());
    QCOMPARE(o.status, OrderStatus::Paid);
    QCOMPARE(o.paidAt, parseIsoTimestamp(u"2026-11-02T10:00:00Z"));
    QCOMPARE(o.createdBy, testActor().name); // who entered it, in the order's own row
    // submit() answers with the order it built, without reading it back: it must be the order as stored.
    auto stored = Orders(m_t->db()).byId(o.id);
    QVERIFY(stored);
    QCOMPARE(describe(o), describe(stored.value()));
}

void TestOrders::refusals_data()
{
    QTest::addColumn<QString>("store");
    QTest::addColumn<QString>("member");
    QTest::addColumn<QString>("customer");
    QTest::addColumn<QString>("sku");
    QTest::addColumn<qint64>("qty");
    QTest::addColumn<QString>("message");
    QTest::newRow("terminated buyer") << QStringLiteral("shop") << QStringLiteral("EVE") << QString()
                                      << QStringLiteral("VITA-1") << qint64(1) << QStringLiteral("terminated");
    QTest::newRow("unknown sku") << QStringLiteral("shop") << QStringLiteral("BOB") << QString()
                                 << QStringLiteral("NOPE") << qint64(1) << QStringLiteral("NOPE");
    QTest::newRow("inactive product") << QStringLiteral("shop") << QStringLiteral("BOB") << QString()
                                      << QStringLiteral("OLD") << qint64(1) << QStringLiteral("not for sale");
    QTest::newRow("zero quantity") << QStringLiteral("shop") << QStringLiteral("BOB") << QString()
                                   << QStringLiteral("VITA-1") << qint64(0) << QStringLiteral("quantity");
    QTest::newRow("negative quantity") << QStringLiteral("shop") << QStringLiteral("BOB") << QString()
                                       << QStringLiteral("VITA-1") << qint64(-5) << QStringLiteral("quantity");
    QTest::newRow("huge quantity") << QStringLiteral("shop") << QStringLiteral("BOB") << QString()
                                   << QStringLiteral("VITA-1") << qint64(Pricing::kMaxQuantity + 1)
                                   << QStringLiteral("quantity");
    QTest::newRow("unknown store") << QStringLiteral("nostore") << QStringLiteral("BOB") << QString()
                                   << QStringLiteral("VITA-1") << qint64(1) << QStringLiteral("nostore");
    QTest::newRow("unknown customer") << QStringLiteral("my") << QString() << QStringLiteral("who@example.net")
                                      << QStringLiteral("VITA-1") << qint64(1) << QStringLiteral("who@example.net");
    QTest::newRow("customer in the back office")
        << QStringLiteral("-") << QString() << QStringLiteral("zoe@example.net") << QStringLiteral("VITA-1")
        << qint64(1) << QStringLiteral("back-office");
    QTest::newRow("two buyers") << QStringLiteral("my") << QStringLiteral("BOB") << QStringLiteral("zoe@example.net")
                                << QStringLiteral("VITA-1") << qint64(1) << QStringLiteral("exactly one buyer");
}

void TestOrders::refusals()
{
    QFETCH(QString, store);
    QFETCH(QString, member);
    QFETCH(QString, customer);
    QFETCH(QString, sku);
    QFETCH(qint64, qty);
    QFETCH(QString, message);
    const QString before = TestDatabase::fingerprint(m_t->db());
    auto submitted =
        Orders(m_t->db()).submit(order(store, QStringLiteral("BAD-1"), member, customer, sku, qty), testActor());
    QVERIFY(!submitted);
    QVERIFY2(submitted.error().message.contains(message), qPrintable(submitted.error().message));
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
}

void TestOrders::idempotentResubmission()
{
    Orders orders(m_t->db());
    auto first =
        orders.submit(order(QStringLiteral("shop"), QStringLiteral("W-9"), QStringLiteral("BOB"), {}), testActor());
    QVERIFY(first && first->created);
    const QString before = TestDatabase::fingerprint(m_t->db());
    auto again =
        orders.submit(order(QStringLiteral("shop"), QStringLiteral("W-9"), QStringLiteral("bob"), {}), testActor());
    QVERIFY(again);
    QVERIFY(!again->created);
    QCOMPARE(again->order.id, first->order.id);
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
    // the same external id in another store is another order
    auto elsewhere =
        orders.submit(order(QStringLiteral("-"), QStringLiteral("W-9"), QStringLiteral("BOB"), {}), testActor());
    QVERIFY(elsewhere && elsewhere->created);
}

void TestOrders::conflictingResubmission()
{
    Orders orders(m_t->db());
    QVERIFY(
        orders.submit(order(QStringLiteral("shop"), QStringLiteral("W-9"), QStringLiteral("BOB"), {}), testActor()));
    const QString before = TestDatabase::fingerprint(m_t->db());
    auto otherQty = orders.submit(
        order(QStringLiteral("shop"), QStringLiteral("W-9"), QStringLiteral("BOB"), {}, QStringLiteral("VITA-1"), 2),
        testActor());
    QVERIFY(!otherQty);
    QCOMPARE(otherQty.error().code, ErrorCode::Conflict);
    auto otherBuyer =
        orders.submit(order(QStringLiteral("shop"), QStringLiteral("W-9"), QStringLiteral("CARL"), {}), testActor());
    QCOMPARE(otherBuyer.error().code, ErrorCode::Conflict);
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
}

void TestOrders::concurrentSubmissionsMakeOneOrder()
{
    // Several connections (as several API server processes would) submit the same new order at once.
    constexpr int kClients = 8;
    const NewOrder request = order(QStringLiteral("shop"), QStringLiteral("RACE-1"), QStringLiteral("BOB"), {});
    QList<int> created(kClients, -1);
    QList<Id> ids(kClients, 0);
    QStringList errors;
    QMutex mutex;
    QList<QThread *> threads;
    QSemaphore start;
    for (int i = 0; i < kClients; ++i) {
        threads << QThread::create([&, i] {
            auto db = Database::open(m_t->url());
            start.acquire();
            auto submitted = db ? Orders(*db.value()).submit(request, testActor()) : Result<SubmittedOrder>(db.error());
            QMutexLocker lock(&mutex);
            if (!submitted) {
                errors << submitted.error().message;
                return;
            }
            created[i] = submitted->created ? 1 : 0;
            ids[i] = submitted->order.id;
        });
        threads.last()->start();
    }
    QThread::msleep(200); // let every client connect first
    start.release(kClients);
    for (QThread *t : std::as_const(threads)) {
        QVERIFY(t->wait(60000));
        delete t;
    }
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u'\n')));
    QCOMPARE(created.count(1), 1);
    QCOMPARE(created.count(0), kClients - 1);
    QCOMPARE(QSet<Id>(ids.cbegin(), ids.cend()).size(), 1);
    QCOMPARE(
        m_t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM orders WHERE external_id = 'RACE-1'")).value().toInt(),
        1);
}

void TestOrders::snapshotSurvivesCatalogEdits()
{
    Orders orders(m_t->db());
    auto placed =
        orders.submit(order(QStringLiteral("-"), QStringLiteral("SNAP"), QStringLiteral("ANNA"), {}), testActor());
    QVERIFY(placed);
    QVERIFY(Catalog(m_t->db()).setPrice(QStringLiteral("VITA-1"), QStringLiteral("distributor"), 9999, testActor()));
    auto reread = orders.find(QStringLiteral("-"), QStringLiteral("SNAP"));
    QVERIFY(reread);
    QCOMPARE(reread->lines.first().unitPrice, 2100);
    QCOMPARE(reread->lines.first().distributorPrice, 2100);
    QCOMPARE(reread->totalPrice, 2100);
    auto later =
        orders.submit(order(QStringLiteral("-"), QStringLiteral("SNAP2"), QStringLiteral("ANNA"), {}), testActor());
    QCOMPARE(later->order.lines.first().unitPrice, 9999); // new orders see the new price
}

void TestOrders::lifecycle()
{
    Orders orders(m_t->db());
    auto pending = orders.find(QStringLiteral("shop"), QStringLiteral("1002"));
    QVERIFY(pending);
    QCOMPARE(pending->status, OrderStatus::Pending);
    const Timestamp t = *parseIsoTimestamp(u"2026-11-03T09:00:00Z");
    auto paid = orders.changeStatus(QStringLiteral("shop"), QStringLiteral("1002"), OrderStatus::Paid, t, testActor());
    QVERIFY2(paid, paid ? "" : qPrintable(paid.error().message));
    QCOMPARE(paid->paidAt, t);
    auto cancelPaid =
        orders.changeStatus(QStringLiteral("shop"), QStringLiteral("1002"), OrderStatus::Cancelled, t, testActor());
    QCOMPARE(cancelPaid.error().code, ErrorCode::Conflict);
    auto refunded = orders.refund(QStringLiteral("shop"), QStringLiteral("1002"), t + 60, testActor());
    QVERIFY(refunded);
    QCOMPARE(refunded->status, OrderStatus::Refunded);
    QCOMPARE(refunded->refundedAt, t + 60);
    const QString before = TestDatabase::fingerprint(m_t->db());
    for (OrderStatus to : {OrderStatus::Paid, OrderStatus::Pending, OrderStatus::Cancelled, OrderStatus::Refunded}) {
        auto r = orders.changeStatus(QStringLiteral("shop"), QStringLiteral("1002"), to, t + 120, testActor());
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Conflict);
    }
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
    QCOMPARE(m_t->db()
                 .scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'order.status'"))
                 .value()
                 .toInt(),
             2);
}

void TestOrders::refundRules()
{
    Orders orders(m_t->db());
    const QString before = TestDatabase::fingerprint(m_t->db());
    auto early = orders.refund(QStringLiteral("-"), QStringLiteral("BO-1"), *parseIsoTimestamp(u"2026-10-01T00:00:00Z"),
                               testActor());
    QVERIFY(!early);
    QVERIFY(early.error().message.contains(QStringLiteral("before it was paid")));
    auto pending =
        orders.refund(QStringLiteral("shop"), QStringLiteral("1002"), *parseIsoTimestamp(u"2026-12-01"), testActor());
    QCOMPARE(pending.error().code, ErrorCode::Conflict);
    auto unknown =
        orders.refund(QStringLiteral("shop"), QStringLiteral("nope"), *parseIsoTimestamp(u"2026-12-01"), testActor());
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    auto wrongStore =
        orders.refund(QStringLiteral("shop"), QStringLiteral("BO-1"), *parseIsoTimestamp(u"2026-12-01"), testActor());
    QCOMPARE(wrongStore.error().code, ErrorCode::NotFound);
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
    QVERIFY(orders.refund(QStringLiteral("-"), QStringLiteral("BO-1"), *parseIsoTimestamp(u"2026-11-15T00:00:00Z"),
                          testActor()));
}

void TestOrders::volumesFollowTheOrders()
{
    Database &db = m_t->db();
    // The import's rebuild (SQL's month of paid_at) gives what the orders say (C++'s month of it).
    QVERIFY(!volumesOfOrders(db).isEmpty());
    QCOMPARE(volumesKept(db), volumesOfOrders(db));

    // Random orders entered, paid, cancelled and refunded over a year, the table compared after each step.
    Orders orders(db);
    QRandomGenerator rng(18);
    const QStringList buyers{QStringLiteral("ANNA"), QStringLiteral("BOB"), QStringLiteral("CARL"),
                             QStringLiteral("DORA")};
    const Timestamp yearStart = *parseIsoTimestamp(u"2025-12-01T00:00:00Z");
    const auto someTime = [&] { return yearStart + Timestamp(rng.bounded(330 * 86400)); };
    QStringList pending, paid;
    int refunds = 0, payments = 0, cancellations = 0;
    for (int i = 0; i < 160; ++i) {
        const int what = int(rng.bounded(4));
        if (what == 0 || pending.isEmpty() && paid.isEmpty()) {
            NewOrder o = order(QStringLiteral("-"), QStringLiteral("V-%1").arg(i), buyers.at(rng.bounded(4)), {},
                               QStringLiteral("VITA-1"), 1 + rng.bounded(3));
            o.status = rng.bounded(2) ? OrderStatus::Paid : OrderStatus::Pending;
            o.paidAt = someTime();
            o.createdAt = o.paidAt;
            auto made = orders.submit(o, testActor());
            QVERIFY2(made, why(made).constData());
            (o.status == OrderStatus::Paid ? paid : pending) << o.externalId;
        } else if (what == 1 && !pending.isEmpty()) {
            const QString id = pending.takeAt(rng.bounded(int(pending.size())));
            const bool pay = rng.bounded(3) > 0;
            auto changed = orders.changeStatus(
                QStringLiteral("-"), id, pay ? OrderStatus::Paid : OrderStatus::Cancelled, someTime(), testActor());
            QVERIFY2(changed, why(changed).constData());
            if (pay)
                paid << id, ++payments;
            else
                ++cancellations;
        } else if (!paid.isEmpty()) {
            const QString id = paid.takeAt(rng.bounded(int(paid.size())));
            auto order = orders.find(QStringLiteral("-"), id);
            QVERIFY(order);
            auto refunded =
                orders.refund(QStringLiteral("-"), id, *order->paidAt + rng.bounded(30 * 86400), testActor());
            QVERIFY2(refunded, why(refunded).constData());
            ++refunds;
        }
        QCOMPARE(volumesKept(db), volumesOfOrders(db));
    }
    QVERIFY(refunds > 10 && payments > 10 && cancellations > 3);
    // A rebuild gives the same table as the steps did.
    QVERIFY(OrderVolumes::rebuild(db));
    QCOMPARE(volumesKept(db), volumesOfOrders(db));
}

QTEST_GUILESS_MAIN(TestOrders)
#include "tst_orders.moc"
