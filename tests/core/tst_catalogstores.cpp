// The catalog and price tiers (SPEC 2), stores (SPEC 3), referral links (SPEC 4) and retail customers.
#include "TestData.h"
#include "TestDatabase.h"
#include "catalog/Catalog.h"
#include "domain/Codes.h"
#include "genealogy/Members.h"
#include "stores/Stores.h"

#include <QTest>

using namespace mlm;
using namespace mlm::test;

class TestCatalogStores : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup() { m_t.reset(); }

    void productsAndPrices();
    void priceEditsAreAudited();
    void tiers();
    void productRefusals();
    void storesAndScenarios();
    void storeRefusals();
    void generatedLink();
    void vanityLinks();
    void linkResolution_data();
    void linkResolution();
    void deactivatedLinkIsKept();
    void customerFirstTouch();
    void customerOwnerByScenario();

private:
    std::unique_ptr<TestDatabase> m_t;
};

void TestCatalogStores::init()
{
    m_t = TestDatabase::create();
    QVERIFY(m_t);
    QVERIFY(loadSmallCompany(m_t->db()));
}

void TestCatalogStores::productsAndPrices()
{
    Catalog catalog(m_t->db());
    auto vita = catalog.product(QStringLiteral("VITA-1"));
    QVERIFY(vita);
    QCOMPARE(vita->pv, 2500);
    QCOMPARE(vita->prices.value(QStringLiteral("distributor")), 2100);
    QCOMPARE(vita->prices.value(QStringLiteral("vip")), 1900);
    auto tea = catalog.product(QStringLiteral("TEA"));
    QVERIFY(!tea->prices.contains(QStringLiteral("customer")));
    QCOMPARE(catalog.products(true)->size(), 2);
    QCOMPARE(catalog.products(false)->size(), 3);
    QCOMPARE(catalog.product(QStringLiteral("NOPE")).error().code, ErrorCode::NotFound);
}

void TestCatalogStores::priceEditsAreAudited()
{
    Catalog catalog(m_t->db());
    QVERIFY(catalog.setPrice(QStringLiteral("TEA"), QStringLiteral("customer"), 900, testActor()));
    QVERIFY(catalog.setPrice(QStringLiteral("TEA"), QStringLiteral("customer"), 950, testActor()));
    QCOMPARE(catalog.product(QStringLiteral("TEA"))->prices.value(QStringLiteral("customer")), 950);
    QCOMPARE(
        m_t->db().scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'price.set'")).value().toInt(),
        2);
    const QString before = TestDatabase::fingerprint(m_t->db());
    QVERIFY(!catalog.setPrice(QStringLiteral("TEA"), QStringLiteral("customer"), -1, testActor()));
    QVERIFY(!catalog.setPrice(QStringLiteral("TEA"), QStringLiteral("gold"), 1, testActor()));
    QVERIFY(!catalog.setPrice(QStringLiteral("NOPE"), QStringLiteral("retail"), 1, testActor()));
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
}

void TestCatalogStores::tiers()
{
    Catalog catalog(m_t->db());
    QCOMPARE(catalog.tiers()->size(), 4); // retail, customer, distributor + vip from the file
    auto gold = catalog.addTier(QStringLiteral("gold"), QStringLiteral("Gold"), testActor());
    QVERIFY(gold);
    QVERIFY(!gold->builtin);
    QCOMPARE(catalog.addTier(QStringLiteral("gold"), QStringLiteral("Gold"), testActor()).error().code,
             ErrorCode::AlreadyExists);
    QCOMPARE(catalog.addTier(QStringLiteral("Gold Tier"), QStringLiteral("x"), testActor()).error().code,
             ErrorCode::InvalidArgument);
}

void TestCatalogStores::productRefusals()
{
    Catalog catalog(m_t->db());
    const QString before = TestDatabase::fingerprint(m_t->db());
    Product p{0, QStringLiteral("NEW"), QStringLiteral("New"), true, 100, 100, {{QStringLiteral("customer"), 10}}};
    auto noRetail = catalog.addProduct(p, testActor());
    QVERIFY(!noRetail);
    QVERIFY(noRetail.error().message.contains(QStringLiteral("retail")));
    p.prices.insert(QStringLiteral("retail"), 20);
    p.sku = QStringLiteral("VITA-1");
    QCOMPARE(catalog.addProduct(p, testActor()).error().code, ErrorCode::AlreadyExists);
    p.sku = QStringLiteral("has space");
    QCOMPARE(catalog.addProduct(p, testActor()).error().code, ErrorCode::InvalidArgument);
    p.sku = QStringLiteral("NEW");
    p.pv = -1;
    QCOMPARE(catalog.addProduct(p, testActor()).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
    p.pv = 1;
    QVERIFY(catalog.addProduct(p, testActor()));
}

void TestCatalogStores::storesAndScenarios()
{
    Stores stores(m_t->db());
    auto shop = stores.store(QStringLiteral("shop"));
    QVERIFY(shop);
    QCOMPARE(shop->scenario, StoreScenario::DistributorChannel);
    QCOMPARE(shop->defaultSponsorCode, QStringLiteral("ROOT"));
    QCOMPARE(shop->linkUrl(QStringLiteral("ANNA1")), QStringLiteral("https://shop.example.com/?ref=ANNA1"));
    Store vip;
    vip.code = QStringLiteral("vipclub");
    vip.name = QStringLiteral("VIP club");
    vip.scenario = StoreScenario::DistributorChannel;
    vip.linkTemplate = QStringLiteral("https://vip.example.com/r/{code}");
    vip.pinnedTier = QStringLiteral("vip");
    vip.defaultSponsorCode = QStringLiteral("ANNA");
    auto created = stores.createStore(vip, testActor());
    QVERIFY2(created, created ? "" : qPrintable(created.error().message));
    QCOMPARE(created->pinnedTier, QStringLiteral("vip"));
    QCOMPARE(created->defaultSponsorCode, QStringLiteral("ANNA"));
    QCOMPARE(stores.stores()->size(), 4);
}

void TestCatalogStores::storeRefusals()
{
    Stores stores(m_t->db());
    const QString before = TestDatabase::fingerprint(m_t->db());
    Store s;
    s.code = QStringLiteral("shop");
    s.name = QStringLiteral("Again");
    QCOMPARE(stores.createStore(s, testActor()).error().code, ErrorCode::AlreadyExists);
    s.code = QStringLiteral("new");
    s.linkTemplate = QStringLiteral("https://x.example.com/");
    QVERIFY(stores.createStore(s, testActor()).error().message.contains(QStringLiteral("{code}")));
    s.linkTemplate.clear();
    s.defaultSponsorCode = QStringLiteral("NOBODY");
    QCOMPARE(stores.createStore(s, testActor()).error().code, ErrorCode::NotFound);
    s.defaultSponsorCode.clear();
    s.pinnedTier = QStringLiteral("platinum");
    QCOMPARE(stores.createStore(s, testActor()).error().code, ErrorCode::NotFound);
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
}

void TestCatalogStores::generatedLink()
{
    Stores stores(m_t->db());
    auto link = stores.createLink(QStringLiteral("CARL"), QStringLiteral("shop"), {}, testActor());
    QVERIFY(link);
    QCOMPARE(link->code.size(), 8);
    QVERIFY(codes::isCrockfordBase32(link->code));
    QCOMPARE(link->url, QStringLiteral("https://shop.example.com/?ref=") + link->code);
    QCOMPARE(link->memberCode, QStringLiteral("CARL"));
    QCOMPARE(stores.linksOf(link->memberId)->size(), 2); // with the inactive OLD-LINK
}

void TestCatalogStores::vanityLinks()
{
    Stores stores(m_t->db());
    auto vanity =
        stores.createLink(QStringLiteral("CARL"), QStringLiteral("my"), QStringLiteral("Carl-Shop"), testActor());
    QVERIFY(vanity);
    QCOMPARE(vanity->url, QStringLiteral("https://Carl-Shop.my.example.com/"));
    const QString before = TestDatabase::fingerprint(m_t->db());
    auto taken =
        stores.createLink(QStringLiteral("BOB"), QStringLiteral("my"), QStringLiteral("carl-shop"), testActor());
    QCOMPARE(taken.error().code, ErrorCode::AlreadyExists);
    auto retired =
        stores.createLink(QStringLiteral("BOB"), QStringLiteral("my"), QStringLiteral("old-link"), testActor());
    QCOMPARE(retired.error().code, ErrorCode::AlreadyExists); // a deactivated code is never reused
    QCOMPARE(
        stores.createLink(QStringLiteral("BOB"), QStringLiteral("my"), QStringLiteral("a_b"), testActor()).error().code,
        ErrorCode::InvalidArgument);
    QCOMPARE(stores.createLink(QStringLiteral("EVE"), QStringLiteral("my"), QStringLiteral("eve2"), testActor())
                 .error()
                 .code,
             ErrorCode::FailedPrecondition);
    QCOMPARE(stores.createLink(QStringLiteral("BOB"), QStringLiteral("nostore"), QStringLiteral("bobx"), testActor())
                 .error()
                 .code,
             ErrorCode::NotFound);
    QCOMPARE(TestDatabase::fingerprint(m_t->db()), before);
}

void TestCatalogStores::linkResolution_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("owner"); // empty: resolves to nobody
    QTest::newRow("active") << QStringLiteral("ANNA-SHOP") << QStringLiteral("ANNA");
    QTest::newRow("other case") << QStringLiteral("anna-shop") << QStringLiteral("ANNA");
    QTest::newRow("unknown") << QStringLiteral("NOPE-NOPE") << QString();
    QTest::newRow("inactive") << QStringLiteral("OLD-LINK") << QString();
    QTest::newRow("terminated owner") << QStringLiteral("EVE-MY") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestCatalogStores::linkResolution()
{
    QFETCH(QString, code);
    QFETCH(QString, owner);
    auto resolved = Stores(m_t->db()).resolveLink(code);
    QVERIFY(resolved);
    QCOMPARE(resolved->has_value(), !owner.isEmpty());
    if (resolved.value())
        QCOMPARE(resolved.value()->memberCode, owner);
}

void TestCatalogStores::deactivatedLinkIsKept()
{
    Stores stores(m_t->db());
    QVERIFY(stores.deactivateLink(QStringLiteral("anna-shop"), testActor()));
    auto link = stores.link(QStringLiteral("ANNA-SHOP"));
    QVERIFY(link);
    QVERIFY(!link->active);
    QVERIFY(!stores.resolveLink(QStringLiteral("ANNA-SHOP")).value().has_value());
    QCOMPARE(stores.deactivateLink(QStringLiteral("ANNA-SHOP"), testActor()).error().code,
             ErrorCode::FailedPrecondition);
}

void TestCatalogStores::customerFirstTouch()
{
    Stores stores(m_t->db());
    auto first = stores.registerCustomer({QStringLiteral("my"),
                                          QStringLiteral("kim@example.net"),
                                          QStringLiteral("Kim"),
                                          {},
                                          {},
                                          QStringLiteral("ANNA-MY")},
                                         testActor());
    QVERIFY(first);
    QCOMPARE(first->ownerCode, QStringLiteral("ANNA"));
    auto link = stores.createLink(QStringLiteral("CARL"), QStringLiteral("my"), QStringLiteral("CARL-MY"), testActor());
    QVERIFY(link);
    auto again = stores.registerCustomer({QStringLiteral("my"),
                                          QStringLiteral("KIM@example.net"),
                                          QStringLiteral("Kim K"),
                                          {},
                                          {},
                                          QStringLiteral("CARL-MY")},
                                         testActor());
    QVERIFY(again);
    QCOMPARE(again->id, first->id);
    QCOMPARE(again->ownerCode, QStringLiteral("ANNA")); // customer protection: the first owner stays
    QCOMPARE(again->name, QStringLiteral("Kim"));
    QVERIFY(!stores.registerCustomer({QStringLiteral("my"), QStringLiteral("nope"), QStringLiteral("X"), {}, {}, {}},
                                     testActor()));
}

void TestCatalogStores::customerOwnerByScenario()
{
    Stores stores(m_t->db());
    auto outlet = stores.registerCustomer({QStringLiteral("outlet"),
                                           QStringLiteral("a@example.net"),
                                           QStringLiteral("A"),
                                           {},
                                           {},
                                           QStringLiteral("ANNA-MY")},
                                          testActor());
    QCOMPARE(outlet->ownerId, Id(0)); // scenario 1: no owner whatever the link
    auto unknownRef = stores.registerCustomer({QStringLiteral("my"),
                                               QStringLiteral("b@example.net"),
                                               QStringLiteral("B"),
                                               {},
                                               {},
                                               QStringLiteral("NOPE-NOPE")},
                                              testActor());
    QCOMPARE(unknownRef->ownerId, Id(0));
    auto terminatedRef = stores.registerCustomer(
        {QStringLiteral("my"), QStringLiteral("c@example.net"), QStringLiteral("C"), {}, {}, QStringLiteral("EVE-MY")},
        testActor());
    QCOMPARE(terminatedRef->ownerId, Id(0));
    QCOMPARE(stores.customers(stores.store(QStringLiteral("my"))->id, QStringLiteral("z"))->size(), 1);
}

QTEST_GUILESS_MAIN(TestCatalogStores)
#include "tst_catalogstores.moc"
