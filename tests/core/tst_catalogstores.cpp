// The catalog and price tiers (SPEC 2), stores (SPEC 3), referral links (SPEC 4) and retail customers.
#include "TestData.h"
#include "TestDatabase.h"
#include "catalog/Catalog.h"
#include "catalog/PriceSheet.h"
#include "domain/Amount.h"
#include "domain/Codes.h"
#include "domain/Csv.h"
#include "domain/Pricing.h"
#include "genealogy/Members.h"
#include "storage/AuditLog.h"
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
    void amounts_data();
    void amounts();
    void csvFields();
    void priceListRoundTrip();
    void priceListRefusesBadRows();
    void pastedCells();
    void setPricesIsAllOrNothing();
    void updateProduct();
    void updateStore();

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

void TestCatalogStores::amounts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QChar>("decimalPoint");
    QTest::addColumn<QChar>("group");
    QTest::addColumn<qint64>("minor"); // -1: refused
    QTest::newRow("whole") << "12" << QChar(u'.') << QChar() << 1200LL;
    QTest::newRow("one decimal") << "12.5" << QChar(u'.') << QChar() << 1250LL;
    QTest::newRow("two decimals") << " 0.07 " << QChar(u'.') << QChar() << 7LL;
    QTest::newRow("comma decimal") << "21,40" << QChar(u',') << QChar(u'.') << 2140LL;
    QTest::newRow("dot in a comma locale") << "21.40" << QChar(u',') << QChar(u'.') << 2140LL;
    QTest::newRow("groups") << "1,234.50" << QChar(u'.') << QChar(u',') << 123450LL;
    QTest::newRow("three decimals") << "1.234" << QChar(u'.') << QChar() << -1LL;
    QTest::newRow("negative") << "-3" << QChar(u'.') << QChar() << -1LL;
    QTest::newRow("letters") << "12a" << QChar(u'.') << QChar() << -1LL;
    QTest::newRow("empty") << "" << QChar(u'.') << QChar() << -1LL;
    QTest::newRow("dot only") << "." << QChar(u'.') << QChar() << -1LL;
    QTest::newRow("too big") << "99999999999" << QChar(u'.') << QChar() << -1LL;
    QTest::newRow("no groups unless asked") << "1,234" << QChar(u'.') << QChar() << -1LL;
}

void TestCatalogStores::amounts()
{
    QFETCH(QString, text);
    QFETCH(QChar, decimalPoint);
    QFETCH(QChar, group);
    QFETCH(qint64, minor);
    const auto parsed = amount::parse(text, decimalPoint, group);
    QCOMPARE(parsed.value_or(-1), minor);
    if (parsed)
        QCOMPARE(amount::parse(amount::text(*parsed)), parsed);
    QCOMPARE(amount::text(5), QStringLiteral("0.05"));
    QCOMPARE(amount::text(123400), QStringLiteral("1234.00"));
}

void TestCatalogStores::csvFields()
{
    const QString text = csv::field(QStringLiteral("a,b")) + u',' + csv::field(QStringLiteral("say \"hi\"")) +
                         QStringLiteral(",plain\r\n\nlast");
    const QList<QStringList> records = csv::parse(text);
    QCOMPARE(records.size(), 3);
    QCOMPARE(records.at(0),
             (QStringList{QStringLiteral("a,b"), QStringLiteral("say \"hi\""), QStringLiteral("plain")}));
    QVERIFY(records.at(1).isEmpty());
    QCOMPARE(records.at(2), QStringList{QStringLiteral("last")});
}

void TestCatalogStores::priceListRoundTrip()
{
    Catalog catalog(m_t->db());
    const auto products = catalog.products().value();
    const auto tiers = catalog.tiers().value();
    const QByteArray file = PriceSheet::csv(products, tiers);
    QVERIFY(file.startsWith("sku,name,retail,customer,distributor,vip\n"));
    QVERIFY(file.contains("TEA,Herbal tea,10.00,,,\n"));
    QVERIFY(file.contains("VITA-1,Vitamins,30.00,27.00,21.00,19.00\n"));
    // Read back unchanged: every edit equals the stored price.
    auto same = PriceSheet::readCsv(file, products, tiers);
    QVERIFY2(same, why(same).constData());
    QVERIFY(catalog.setPrices(same.value(), testActor()));
    QCOMPARE(PriceSheet::csv(catalog.products().value(), tiers), file);

    // A column subset in another order; an empty cell removes the tier's own price.
    auto edits = PriceSheet::readCsv("distributor,sku\n19.99,VITA-1\n,TEA\n", products, tiers);
    QVERIFY2(edits, why(edits).constData());
    QCOMPARE(edits->size(), 2);
    QCOMPARE(edits->at(0), (PriceEdit{QStringLiteral("VITA-1"), QStringLiteral("distributor"), 1999}));
    QVERIFY(!edits->at(1).price);
    QVERIFY(catalog.setPrices(edits.value(), testActor()));
    QCOMPARE(catalog.product(QStringLiteral("VITA-1"))->prices.value(QStringLiteral("distributor")), 1999);
    QCOMPARE(catalog.product(QStringLiteral("VITA-1"))->prices.value(QStringLiteral("retail")), 3000);
}

void TestCatalogStores::priceListRefusesBadRows()
{
    Catalog catalog(m_t->db());
    const auto products = catalog.products().value();
    const auto tiers = catalog.tiers().value();
    auto bad = PriceSheet::readCsv("sku,retail,customer\nVITA-1,31.00,abc\nNOPE,1,1\nTEA,,2\nVITA-1,1,1\nTEA,1\n",
                                   products, tiers);
    QVERIFY(!bad);
    const QString message = bad.error().message;
    QVERIFY2(message.contains(QStringLiteral("line 2: the customer price 'abc'")), qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("line 3: no product with sku 'NOPE'")));
    QVERIFY(message.contains(QStringLiteral("line 4: the retail price of TEA is empty")));
    QVERIFY(message.contains(QStringLiteral("line 5: sku 'VITA-1' appears a second time")));
    QVERIFY(message.contains(QStringLiteral("line 6: 2 fields where the header has 3")));
    QVERIFY(
        PriceSheet::readCsv("name,retail\nX,1\n", products, tiers).error().message.contains(QStringLiteral("no sku")));
    QVERIFY(PriceSheet::readCsv("sku,gold\n", products, tiers).error().message.contains(QStringLiteral("'gold'")));
    QVERIFY(PriceSheet::readCsv("", products, tiers).error().message.contains(QStringLiteral("empty")));
}

void TestCatalogStores::pastedCells()
{
    const QStringList skus{QStringLiteral("TEA"), QStringLiteral("VITA-1")};
    const QStringList tiers{QStringLiteral("customer"), QStringLiteral("distributor")};
    auto edits = PriceSheet::readPasted(QStringLiteral("9,50\t8\r\n\t20,00\r\n"), skus, tiers, u',');
    QVERIFY2(edits, why(edits).constData());
    QCOMPARE(edits->size(), 4);
    QCOMPARE(edits->at(0), (PriceEdit{QStringLiteral("TEA"), QStringLiteral("customer"), 950}));
    QCOMPARE(edits->at(1), (PriceEdit{QStringLiteral("TEA"), QStringLiteral("distributor"), 800}));
    QCOMPARE(edits->at(2), (PriceEdit{QStringLiteral("VITA-1"), QStringLiteral("customer"), std::nullopt}));
    QCOMPARE(edits->at(3), (PriceEdit{QStringLiteral("VITA-1"), QStringLiteral("distributor"), 2000}));
    auto tooMany = PriceSheet::readPasted(QStringLiteral("1\t2\t3\n1\n1\n"), skus, tiers, u'.');
    QVERIFY(!tooMany);
    QVERIFY2(tooMany.error().message.contains(QStringLiteral("too many lines: 3 pasted; products from here down: 2")),
             qPrintable(tooMany.error().message));
    QVERIFY(tooMany.error().message.contains(QStringLiteral("line 1: too many cells: 3 pasted")));
    auto retail = PriceSheet::readPasted(QStringLiteral("\n"), skus, {QStringLiteral("retail")}, u'.');
    QVERIFY(!retail);
    auto word = PriceSheet::readPasted(QStringLiteral("cheap"), skus, tiers, u'.');
    QVERIFY(word.error().message.contains(QStringLiteral("'cheap' for TEA (customer)")));
}

void TestCatalogStores::setPricesIsAllOrNothing()
{
    Catalog catalog(m_t->db());
    auto before = AuditLog::page(m_t->db(), {}, 0, 1000);
    QVERIFY(before);
    const QList<PriceEdit> edits{{QStringLiteral("TEA"), QStringLiteral("customer"), 900},
                                 {QStringLiteral("VITA-1"), QStringLiteral("retail"), std::nullopt},
                                 {QStringLiteral("NOPE"), QStringLiteral("retail"), 1},
                                 {QStringLiteral("TEA"), QStringLiteral("gold"), 1}};
    auto refused = catalog.setPrices(edits, testActor());
    QVERIFY(!refused);
    QVERIFY(refused.error().message.contains(QStringLiteral("VITA-1: the retail price cannot be removed")));
    QVERIFY(refused.error().message.contains(QStringLiteral("no product with sku 'NOPE'")));
    QVERIFY(refused.error().message.contains(QStringLiteral("TEA: no price tier 'gold'")));
    QVERIFY(!catalog.product(QStringLiteral("TEA"))->prices.contains(QStringLiteral("customer")));
    QCOMPARE(AuditLog::page(m_t->db(), {}, 0, 1000)->size(), before->size());

    QVERIFY(catalog.setPrices({edits.first(), {QStringLiteral("VITA-1"), QStringLiteral("vip"), std::nullopt}},
                              testActor()));
    auto tea = catalog.product(QStringLiteral("TEA")).value();
    QCOMPARE(tea.prices.value(QStringLiteral("customer")), 900);
    QVERIFY(!catalog.product(QStringLiteral("VITA-1"))->prices.contains(QStringLiteral("vip")));
    QCOMPARE(Pricing::priceIn(catalog.product(QStringLiteral("VITA-1"))->prices, QStringLiteral("vip")), 3000);
    AuditFilter cleared;
    cleared.actionPrefix = QStringLiteral("price.clear");
    QCOMPARE(AuditLog::page(m_t->db(), cleared, 0, 10)->size(), 1);
}

void TestCatalogStores::updateProduct()
{
    Catalog catalog(m_t->db());
    Product tea = catalog.product(QStringLiteral("TEA")).value();
    tea.name = QStringLiteral("  Green tea ");
    tea.pv = 900;
    tea.bv = 700;
    tea.active = false;
    tea.prices.clear(); // prices are not the product form's business
    QVERIFY(catalog.updateProduct(tea, testActor()));
    const Product stored = catalog.product(QStringLiteral("TEA")).value();
    QCOMPARE(stored.name, QStringLiteral("Green tea"));
    QCOMPARE(stored.pv, 900);
    QCOMPARE(stored.bv, 700);
    QVERIFY(!stored.active);
    QCOMPARE(stored.prices.value(QStringLiteral("retail")), 1000);
    tea.name.clear();
    QCOMPARE(catalog.updateProduct(tea, testActor()).error().code, ErrorCode::InvalidArgument);
    tea.name = QStringLiteral("x");
    tea.pv = -1;
    QCOMPARE(catalog.updateProduct(tea, testActor()).error().code, ErrorCode::InvalidArgument);
    tea.sku = QStringLiteral("NOPE");
    tea.pv = 1;
    QCOMPARE(catalog.updateProduct(tea, testActor()).error().code, ErrorCode::NotFound);
    QCOMPARE(catalog.product(QStringLiteral("TEA"))->name, QStringLiteral("Green tea"));
}

void TestCatalogStores::updateStore()
{
    Stores stores(m_t->db());
    Store outlet = stores.store(QStringLiteral("outlet")).value();
    outlet.scenario = StoreScenario::PersonalStorefront;
    outlet.baseUrl = QStringLiteral("https://outlet.example.com");
    outlet.pinnedTier = QStringLiteral("vip");
    outlet.defaultSponsorCode = QStringLiteral("ANNA");
    auto changed = stores.updateStore(outlet, testActor());
    QVERIFY2(changed, why(changed).constData());
    QCOMPARE(changed->scenario, StoreScenario::PersonalStorefront);
    QCOMPARE(changed->pinnedTier, QStringLiteral("vip"));
    QCOMPARE(changed->defaultSponsorCode, QStringLiteral("ANNA"));
    // A buyer coming with Anna's link now belongs to her (scenario 3); in scenario 1 nobody owned them.
    auto customer = stores.registerCustomer(
        {QStringLiteral("outlet"), QStringLiteral("new@example.net"), QStringLiteral("New"), {}, {}, {}}, testActor());
    QVERIFY(customer);
    QCOMPARE(customer->ownerId, Id(0));
    auto link =
        stores.createLink(QStringLiteral("ANNA"), QStringLiteral("outlet"), QStringLiteral("ANNA-OUT"), testActor());
    QVERIFY(link);
    auto owned = stores.registerCustomer({QStringLiteral("outlet"),
                                          QStringLiteral("own@example.net"),
                                          QStringLiteral("Own"),
                                          {},
                                          {},
                                          QStringLiteral("ANNA-OUT")},
                                         testActor());
    QCOMPARE(owned->ownerId, Members(m_t->db()).byCode(QStringLiteral("ANNA"))->id);

    Store bad = outlet;
    bad.baseUrl = QStringLiteral("outlet dot com");
    QVERIFY(stores.updateStore(bad, testActor()).error().message.contains(QStringLiteral("base URL")));
    bad = outlet;
    bad.defaultSponsorCode = QStringLiteral("EVE");
    QCOMPARE(stores.updateStore(bad, testActor()).error().code, ErrorCode::FailedPrecondition);
    bad = outlet;
    bad.linkTemplate = QStringLiteral("https://x.example.com/");
    QCOMPARE(stores.updateStore(bad, testActor()).error().code, ErrorCode::InvalidArgument);
    bad = outlet;
    bad.code = QStringLiteral("nope");
    QCOMPARE(stores.updateStore(bad, testActor()).error().code, ErrorCode::NotFound);
    QCOMPARE(stores.store(QStringLiteral("outlet"))->baseUrl, QStringLiteral("https://outlet.example.com"));
}

QTEST_GUILESS_MAIN(TestCatalogStores)
#include "tst_catalogstores.moc"
