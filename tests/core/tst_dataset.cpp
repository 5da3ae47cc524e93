// The dataset file (SPEC 8): import all-or-nothing with named errors, export and round trip, the demo, the seed.
#include "TestData.h"
#include "TestDatabase.h"
#include "auth/Users.h"
#include "dataset/DatasetExporter.h"
#include "dataset/DemoCompany.h"
#include "dataset/SyntheticCompany.h"
#include "genealogy/Members.h"
#include "orders/Orders.h"
#include "stores/Stores.h"

#include <QBuffer>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

using namespace mlm;
using namespace mlm::test;

namespace {

QByteArray exportOf(Database &db)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    auto written = DatasetExporter(db).exportTo(buffer);
    if (!written)
        qWarning("export: %s", qPrintable(written.error().message));
    return buffer.data();
}

QByteArray seeded(qint64 members, qint64 orders, quint64 seed)
{
    SyntheticCompany::Parameters p;
    p.members = members;
    p.orders = orders;
    p.months = 6;
    p.seed = seed;
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    if (!SyntheticCompany::write(p, buffer))
        return {};
    return buffer.data();
}

} // namespace

class TestDataset : public QObject
{
    Q_OBJECT
private slots:
    void importedFacts();
    void roundTrip_data();
    void roundTrip();
    void badFiles_data();
    void badFiles();
    void importIntoExistingData();
    void importTwiceIsRefused();
    void missingNamesFallBack();
    void cancelledImportChangesNothing();
    void demoDataset();
    void demoCompanyHasOneUserPerRole();
    void seedIsDeterministic();
};

void TestDataset::importedFacts()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    QVERIFY(loadSmallCompany(t->db()));
    Members members(t->db());
    QCOMPARE(members.byCode(QStringLiteral("FRED"))->sponsorCode, QStringLiteral("EVE")); // history: terminated sponsor
    QCOMPARE(members.byCode(QStringLiteral("ANNA"))->phone, QStringLiteral("+1 555 0100"));
    QCOMPARE(members.byCode(QStringLiteral("ANNA"))->joinedAt, *parseIsoTimestamp(u"2026-01-02T00:00:00Z"));
    Stores stores(t->db());
    const Id my = stores.store(QStringLiteral("my"))->id;
    QCOMPARE(stores.customer(my, QStringLiteral("zoe@example.net")).value()->ownerCode, QStringLiteral("ANNA"));
    QCOMPARE(stores.customer(my, QStringLiteral("yan@example.net")).value()->ownerId, Id(0)); // terminated link owner
    QCOMPARE(stores.customer(my, QStringLiteral("old@example.net")).value()->ownerId, Id(0)); // inactive link
    QCOMPARE(stores.customer(my, QStringLiteral("old@example.net")).value()->viaLinkCode, QStringLiteral("OLD-LINK"));
    Orders orders(t->db());
    auto storefront = orders.find(QStringLiteral("my"), QStringLiteral("S-1"));
    QCOMPARE(storefront->creditedMemberCode, QStringLiteral("ANNA"));
    QCOMPARE(storefront->tier, QStringLiteral("retail"));
    QCOMPARE(orders.find(QStringLiteral("outlet"), QStringLiteral("O-1"))->creditedMemberId, Id(0));
    auto shop = orders.find(QStringLiteral("shop"), QStringLiteral("1001"));
    QCOMPARE(shop->tier, QStringLiteral("customer"));
    QCOMPARE(shop->totalPrice, 2700 + 3 * 1000);
    QCOMPARE(shop->totalPv, 2500 + 3 * 800);
    QCOMPARE(shop->totalBv, 2000 + 3 * 600);
    auto refunded = orders.find(QStringLiteral("shop"), QStringLiteral("1003"));
    QCOMPARE(refunded->status, OrderStatus::Refunded);
    QCOMPARE(refunded->lines.first().unitPrice, 2000); // the file's unit price wins over the catalog
    QCOMPARE(refunded->refundedAt, parseIsoTimestamp(u"2026-09-10T00:00:00Z"));
    QCOMPARE(orders.find(QStringLiteral("-"), QStringLiteral("BO-1"))->tier, QStringLiteral("distributor"));
    QCOMPARE(t->db().scalar(QStringLiteral("SELECT value FROM settings WHERE key = 'currency'")).value().toString(),
             QStringLiteral("USD"));
}

void TestDataset::roundTrip_data()
{
    QTest::addColumn<QByteArray>("dataset");
    QTest::newRow("small company") << readTestFile(QStringLiteral("small-company.json"));
    QTest::newRow("seeded company") << seeded(400, 3000, 7);
}

void TestDataset::roundTrip()
{
    QFETCH(QByteArray, dataset);
    auto first = TestDatabase::create();
    QVERIFY(first);
    auto imported = DatasetImporter(first->db()).importJson(dataset, testActor());
    QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
    // History the file cannot say by itself: later edits that an export must carry over.
    QVERIFY(Members(first->db())
                .changeStatus(QStringLiteral("ROOT"), MemberStatus::Suspended, QStringLiteral("audit"), testActor()));
    const QByteArray exported = exportOf(first->db());
    QVERIFY(!exported.isEmpty());

    auto second = TestDatabase::create();
    QVERIFY(second);
    auto again = DatasetImporter(second->db()).importJson(exported, testActor());
    QVERIFY2(again, again ? "" : qPrintable(again.error().message));
    QCOMPARE(exportOf(second->db()), exported);
    QCOMPARE(again->orders, imported->orders);
    QCOMPARE(again->members, imported->members);
    // The money and the attribution are the same order by order.
    const QString sums =
        QStringLiteral("SELECT SUM(total_price), SUM(total_pv), SUM(total_bv), SUM(credited_member_id), "
                       "COUNT(credited_member_id) FROM orders");
    auto a = first->db().exec(sums);
    auto b = second->db().exec(sums);
    QVERIFY(a->next() && b->next());
    for (int i = 0; i < 5; ++i)
        QCOMPARE(a->value(i).toLongLong(), b->value(i).toLongLong());
}

void TestDataset::badFiles_data()
{
    QTest::addColumn<QString>("folder");
    const QDir bad(QStringLiteral(MLM_TEST_DATA_DIR "/bad"));
    const QStringList cases = bad.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY(cases.size() >= 30);
    for (const QString &c : cases)
        QTest::newRow(qPrintable(c)) << bad.filePath(c);
}

void TestDataset::badFiles()
{
    QFETCH(QString, folder);
    auto t = TestDatabase::create();
    QVERIFY(t);
    QVERIFY(loadSmallCompany(t->db()));
    const QString before = TestDatabase::fingerprint(t->db());
    QFile expected(folder + QStringLiteral("/error.txt"));
    QVERIFY(expected.open(QIODevice::ReadOnly));
    const QString message = QString::fromUtf8(expected.readAll()).trimmed();
    auto result = DatasetImporter(t->db()).importFile(folder + QStringLiteral("/dataset.json"), testActor());
    QVERIFY(!result);
    QVERIFY2(result.error().message.contains(message),
             qPrintable(QStringLiteral("expected '%1' in '%2'").arg(message, result.error().message)));
    QVERIFY(!t->db().inTransaction());
    QCOMPARE(TestDatabase::fingerprint(t->db()), before);
}

void TestDataset::importIntoExistingData()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    QVERIFY(loadSmallCompany(t->db()));
    const QByteArray addition = R"({"format": "mlm-dataset/1",
        "members": [{"code": "GINA", "name": "Gina", "email": "", "sponsor": "CARL", "status": "distributor",
                     "joined_at": "2026-11-01T00:00:00Z"}],
        "customers": [{"store": "my", "email": "new@example.net", "name": "New", "via_link": "ANNA-MY"}],
        "orders": [{"store": "my", "external_id": "S-2", "buyer": {"customer": "zoe@example.net"}, "status": "paid",
                    "paid_at": "2026-11-02T00:00:00Z", "lines": [{"sku": "TEA", "qty": 1}]},
                   {"store": null, "external_id": "BO-2", "buyer": {"member": "GINA"}, "status": "pending",
                    "lines": [{"sku": "VITA-1", "qty": 1}]}]})";
    auto imported = DatasetImporter(t->db()).importJson(addition, testActor());
    QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
    QCOMPARE(Members(t->db()).byCode(QStringLiteral("GINA"))->sponsorCode, QStringLiteral("CARL"));
    QCOMPARE(Orders(t->db()).find(QStringLiteral("my"), QStringLiteral("S-2"))->creditedMemberCode,
             QStringLiteral("ANNA"));
    // Ids keep counting after the imported rows: a registration afterwards gets a fresh id.
    auto later = Members(t->db()).registerMember({QStringLiteral("HANK"),
                                                  QStringLiteral("Hank"),
                                                  {},
                                                  {},
                                                  {},
                                                  QStringLiteral("GINA"),
                                                  MemberStatus::Customer,
                                                  {}},
                                                 testActor());
    QVERIFY2(later, later ? "" : qPrintable(later.error().message));
}

void TestDataset::importTwiceIsRefused()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    QVERIFY(loadSmallCompany(t->db()));
    const QString before = TestDatabase::fingerprint(t->db());
    auto again = DatasetImporter(t->db()).importJson(readTestFile(QStringLiteral("small-company.json")), testActor());
    QVERIFY(!again);
    QCOMPARE(again.error().code, ErrorCode::AlreadyExists);
    QVERIFY2(again.error().message.contains(QStringLiteral("duplicate sku 'VITA-1'")),
             qPrintable(again.error().message));
    QCOMPARE(TestDatabase::fingerprint(t->db()), before);
}

void TestDataset::missingNamesFallBack()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    const QByteArray nameless = R"({"format": "mlm-dataset/1",
        "products": [{"sku": "X1", "pv": 1, "bv": 1, "prices": {"retail": 100}}],
        "stores": [{"code": "s1", "scenario": "separate_channel", "link_template": null, "default_sponsor": null}],
        "members": [{"code": "ROOT", "sponsor": null, "status": "distributor"},
                    {"code": "KID", "name": "", "sponsor": "ROOT", "status": "customer"}],
        "customers": [{"store": "s1", "email": "x@example.net"}]})";
    auto imported = DatasetImporter(t->db()).importJson(nameless, testActor());
    QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
    QCOMPARE(Members(t->db()).byCode(QStringLiteral("ROOT"))->name, QStringLiteral("ROOT"));
    QCOMPARE(Members(t->db()).byCode(QStringLiteral("KID"))->name, QStringLiteral("KID"));
    QCOMPARE(Stores(t->db()).store(QStringLiteral("s1"))->name, QStringLiteral("s1"));
    auto customer =
        Stores(t->db()).customer(Stores(t->db()).store(QStringLiteral("s1"))->id, QStringLiteral("x@example.net"));
    QCOMPARE(customer.value()->name, QStringLiteral("x@example.net"));
    QCOMPARE(t->db().scalar(QStringLiteral("SELECT name FROM products")).value().toString(), QStringLiteral("X1"));
}

void TestDataset::cancelledImportChangesNothing()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    const QString before = TestDatabase::fingerprint(t->db());
    DatasetImporter importer(t->db());
    int calls = 0;
    importer.setProgress([&](const QString &stage, qint64, qint64) { return ++calls < 2 || stage == u"members"; });
    auto result = importer.importJson(seeded(30000, 50000, 3), testActor());
    QVERIFY(!result);
    QVERIFY(result.error().message.contains(QStringLiteral("cancelled")));
    QVERIFY(calls >= 2);
    QCOMPARE(TestDatabase::fingerprint(t->db()), before);
}

void TestDataset::demoDataset()
{
    const QByteArray json = DemoCompany::dataset(demoDay());
    auto t = TestDatabase::create();
    QVERIFY(t);
    auto imported = DatasetImporter(t->db()).importJson(json, testActor());
    QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
    QCOMPARE(imported->members, DemoCompany::kMembers);
    QCOMPARE(imported->orders, DemoCompany::kOrders);
    QCOMPARE(imported->stores, 3);
    auto scenarios = t->db().scalar(QStringLiteral("SELECT COUNT(DISTINCT scenario) FROM stores"));
    QCOMPARE(scenarios.value().toInt(), 3);
    auto depth = t->db().scalar(
        QStringLiteral("WITH RECURSIVE d(id, lvl) AS (SELECT id, 0 FROM members WHERE sponsor_id IS NULL UNION ALL "
                       "SELECT m.id, d.lvl + 1 FROM members m JOIN d ON m.sponsor_id = d.id) SELECT MAX(lvl) FROM d"));
    QVERIFY(depth.value().toInt() >= 4);
    auto prices = t->db().scalar(QStringLiteral("SELECT COUNT(DISTINCT tier_id) FROM product_prices"));
    QCOMPARE(prices.value().toInt(), 3);

    // A year of orders that ends when the demo's day begins: nothing on or after it, orders on the day before,
    // the first ones about a year earlier.
    const Timestamp dayStart = QDateTime(demoDay(), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    auto latest = t->db().scalar(QStringLiteral(
        "SELECT MAX(t) FROM (SELECT created_at t FROM orders UNION ALL SELECT paid_at FROM orders UNION ALL "
        "SELECT refunded_at FROM orders UNION ALL SELECT joined_at FROM members UNION ALL SELECT created_at FROM "
        "referral_links UNION ALL SELECT created_at FROM retail_customers) x"));
    QVERIFY(latest.value().toLongLong() < dayStart);
    QVERIFY(latest.value().toLongLong() > dayStart - 86400);
    auto earliest = t->db().scalar(QStringLiteral("SELECT MIN(created_at) FROM orders"));
    QVERIFY(earliest.value().toLongLong() >= dayStart - 366LL * 86400);
    QVERIFY(earliest.value().toLongLong() < dayStart - 360LL * 86400);
    // The current month (2026-10, 19 days of it) has volume: "PV this month" and the open period show data.
    const Period month = Period::containing(dayStart);
    auto thisMonth = t->db().scalar(
        QStringLiteral("SELECT COUNT(DISTINCT credited_member_id) FROM orders WHERE status = 'paid' AND paid_at >= ?"),
        {month.start()});
    QVERIFY2(thisMonth.value().toInt() >= 30, qPrintable(thisMonth.value().toString()));
    // Order ids follow the time orders were made, member codes the time members joined, and nobody buys before
    // joining.
    auto outOfOrder = t->db().scalar(QStringLiteral(
        "SELECT COUNT(*) FROM orders a JOIN orders b ON b.id = a.id + 1 WHERE b.created_at < a.created_at"));
    QCOMPARE(outOfOrder.value().toInt(), 0);
    auto codesOutOfOrder = t->db().scalar(
        QStringLiteral("SELECT COUNT(*) FROM members a JOIN members b ON b.code > a.code AND b.joined_at < a.joined_at "
                       "WHERE a.code <> 'ROOT' AND b.code <> 'ROOT'"));
    QCOMPARE(codesOutOfOrder.value().toInt(), 0);
    auto beforeJoining = t->db().scalar(QStringLiteral(
        "SELECT COUNT(*) FROM orders o JOIN members m ON m.id = o.buyer_member_id WHERE o.created_at < m.joined_at"));
    QCOMPARE(beforeJoining.value().toInt(), 0);
    auto refundsBeforePayment = t->db().scalar(
        QStringLiteral("SELECT COUNT(*) FROM orders WHERE refunded_at IS NOT NULL AND refunded_at < paid_at"));
    QCOMPARE(refundsBeforePayment.value().toInt(), 0);

    // The same company for the same day; on another day the same people, moved in time.
    QCOMPARE(DemoCompany::dataset(demoDay()), json);
    const QByteArray later = DemoCompany::dataset(demoDay().addDays(45));
    QVERIFY(later != json);
    const QByteArray membersPart = json.left(json.indexOf("\"stores\""));
    const QByteArray laterMembersPart = later.left(later.indexOf("\"stores\""));
    static const QRegularExpression times(QStringLiteral("\"joined_at\": \"[^\"]*\""));
    QCOMPARE(QString::fromUtf8(laterMembersPart).remove(times), QString::fromUtf8(membersPart).remove(times));
}

void TestDataset::demoCompanyHasOneUserPerRole()
{
    auto t = TestDatabase::create();
    QVERIFY(t);
    auto created = DemoCompany::create(t->db(), testActor(), demoDay());
    QVERIFY2(created, created ? "" : qPrintable(created.error().message));
    Users users(t->db());
    QCOMPARE(users.count().value(), qint64(3));
    for (const auto &[name, password, role] :
         {std::tuple{"admin", "admin-demo", Role::Admin}, std::tuple{"support", "support-demo", Role::Support},
          std::tuple{"distributor", "distributor-demo", Role::Distributor}}) {
        auto user = users.signIn(QString::fromLatin1(name), QString::fromLatin1(password));
        QVERIFY2(user, name);
        QCOMPARE(user->role, role);
    }
    QCOMPARE(users.byName(QStringLiteral("distributor"))->memberCode,
             QString::fromLatin1(DemoCompany::kDistributorMember));
    // A second demo into the same database is refused whole.
    const QString before = TestDatabase::fingerprint(t->db());
    QVERIFY(!DemoCompany::create(t->db(), testActor(), demoDay()));
    QCOMPARE(TestDatabase::fingerprint(t->db()), before);
}

void TestDataset::seedIsDeterministic()
{
    const QByteArray a = seeded(500, 2000, 42);
    QVERIFY(!a.isEmpty());
    QCOMPARE(seeded(500, 2000, 42), a);
    QVERIFY(seeded(500, 2000, 43) != a);
    const QJsonObject doc = QJsonDocument::fromJson(a).object();
    QCOMPARE(doc.value(QStringLiteral("members")).toArray().size(), 500);
    QCOMPARE(doc.value(QStringLiteral("orders")).toArray().size(), 2000);
    // Most members recruit nobody, a few recruit many.
    QHash<QString, int> recruits;
    for (const QJsonValue &m : doc.value(QStringLiteral("members")).toArray())
        recruits[m.toObject().value(QStringLiteral("sponsor")).toString()]++;
    int maxRecruits = 0;
    for (int n : std::as_const(recruits))
        maxRecruits = std::max(maxRecruits, n);
    QVERIFY(recruits.size() < 250);
    QVERIFY(maxRecruits >= 20);
}

QTEST_GUILESS_MAIN(TestDataset)
#include "tst_dataset.moc"
