// The pure rules of the domain: no database.
#include "domain/Attribution.h"
#include "domain/Codes.h"
#include "domain/CompensationPlan.h"
#include "domain/MemberStatus.h"
#include "domain/OrderStatus.h"
#include "domain/Pricing.h"
#include "domain/UtcTime.h"
#include "storage/DatabaseUrl.h"

#include <QJsonDocument>
#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

using namespace mlm;

Q_DECLARE_METATYPE(mlm::MemberStatus)
Q_DECLARE_METATYPE(mlm::OrderStatus)

class TestDomain : public QObject
{
    Q_OBJECT
private slots:
    void statusTransitions_data();
    void statusTransitions();
    void statusNames();
    void orderTransitions_data();
    void orderTransitions();
    void buyerTier_data();
    void buyerTier();
    void priceFallback();
    void priceLineAndTotals();
    void attribution_data();
    void attribution();
    void memberCodes_data();
    void memberCodes();
    void linkCodes_data();
    void linkCodes();
    void generatedLinkCodes();
    void emails_data();
    void emails();
    void isoTimestamps_data();
    void isoTimestamps();
    void isoTimestampsAsQtWritesThem();
    void periods();
    void planJson();
    void databaseUrls_data();
    void databaseUrls();
};

void TestDomain::statusTransitions_data()
{
    QTest::addColumn<MemberStatus>("from");
    QTest::addColumn<MemberStatus>("to");
    QTest::addColumn<bool>("allowed");
    using S = MemberStatus;
    const S all[] = {S::Customer, S::Distributor, S::Suspended, S::Terminated};
    // SPEC 1: customer <-> distributor, customer|distributor -> suspended, suspended -> customer|distributor,
    // any -> terminated.
    const QList<QPair<S, S>> allowed{
        {S::Customer, S::Distributor},  {S::Distributor, S::Customer},   {S::Customer, S::Suspended},
        {S::Distributor, S::Suspended}, {S::Suspended, S::Customer},     {S::Suspended, S::Distributor},
        {S::Customer, S::Terminated},   {S::Distributor, S::Terminated}, {S::Suspended, S::Terminated}};
    for (S from : all) {
        for (S to : all) {
            QTest::addRow("%s->%s", qPrintable(toText(from)), qPrintable(toText(to)))
                << from << to << allowed.contains({from, to});
        }
    }
}

void TestDomain::statusTransitions()
{
    QFETCH(MemberStatus, from);
    QFETCH(MemberStatus, to);
    QFETCH(bool, allowed);
    QCOMPARE(isAllowedStatusChange(from, to), allowed);
}

void TestDomain::statusNames()
{
    for (auto s :
         {MemberStatus::Customer, MemberStatus::Distributor, MemberStatus::Suspended, MemberStatus::Terminated})
        QCOMPARE(memberStatusFromString(toText(s)), s);
    QVERIFY(!memberStatusFromString(u"Distributor").has_value());
    QVERIFY(!memberStatusFromString(u"active").has_value());
    QVERIFY(!storeScenarioFromString(u"scenario2").has_value());
    QCOMPARE(storeScenarioFromString(u"personal_storefront"), StoreScenario::PersonalStorefront);
}

void TestDomain::orderTransitions_data()
{
    QTest::addColumn<OrderStatus>("from");
    QTest::addColumn<OrderStatus>("to");
    QTest::addColumn<bool>("allowed");
    using O = OrderStatus;
    const O all[] = {O::Pending, O::Paid, O::Cancelled, O::Refunded};
    const QList<QPair<O, O>> allowed{{O::Pending, O::Paid}, {O::Pending, O::Cancelled}, {O::Paid, O::Refunded}};
    for (O from : all) {
        for (O to : all)
            QTest::addRow("%s->%s", qPrintable(toText(from)), qPrintable(toText(to)))
                << from << to << allowed.contains({from, to});
    }
}

void TestDomain::orderTransitions()
{
    QFETCH(OrderStatus, from);
    QFETCH(OrderStatus, to);
    QFETCH(bool, allowed);
    QCOMPARE(isAllowedOrderTransition(from, to), allowed);
}

void TestDomain::buyerTier_data()
{
    QTest::addColumn<int>("status"); // -1: a retail customer
    QTest::addColumn<QString>("pinned");
    QTest::addColumn<QString>("tier"); // empty: refused
    QTest::newRow("retail customer") << -1 << QString() << QStringLiteral("retail");
    QTest::newRow("customer") << int(MemberStatus::Customer) << QString() << QStringLiteral("customer");
    QTest::newRow("distributor") << int(MemberStatus::Distributor) << QString() << QStringLiteral("distributor");
    QTest::newRow("suspended") << int(MemberStatus::Suspended) << QString() << QStringLiteral("retail");
    QTest::newRow("terminated") << int(MemberStatus::Terminated) << QString() << QString();
    QTest::newRow("pinned for a distributor")
        << int(MemberStatus::Distributor) << QStringLiteral("retail") << QStringLiteral("retail");
    QTest::newRow("pinned for a customer") << -1 << QStringLiteral("vip") << QStringLiteral("vip");
    QTest::newRow("pinned cannot let the terminated buy")
        << int(MemberStatus::Terminated) << QStringLiteral("retail") << QString();
}

void TestDomain::buyerTier()
{
    QFETCH(int, status);
    QFETCH(QString, pinned);
    QFETCH(QString, tier);
    const auto buyer = status < 0 ? std::nullopt : std::optional(MemberStatus(status));
    const auto result = Pricing::buyerTier(buyer, pinned);
    QCOMPARE(result.ok(), !tier.isEmpty());
    if (result)
        QCOMPARE(result.value(), tier);
    else
        QVERIFY(result.error().message.contains(QStringLiteral("terminated")));
}

void TestDomain::priceFallback()
{
    const QHash<QString, Money> prices{{QStringLiteral("retail"), 3000}, {QStringLiteral("distributor"), 2100}};
    QCOMPARE(Pricing::priceIn(prices, QStringLiteral("distributor")), Money(2100));
    QCOMPARE(Pricing::priceIn(prices, QStringLiteral("customer")), Money(3000)); // falls back to retail
    QCOMPARE(Pricing::priceIn(prices, QStringLiteral("vip")), Money(3000));
    QVERIFY(!Pricing::priceIn({{QStringLiteral("customer"), 5}}, QStringLiteral("distributor")).has_value());
    QCOMPARE(Pricing::storePinnedTier(StoreScenario::SeparateChannel, {}), QStringLiteral("retail"));
    QCOMPARE(Pricing::storePinnedTier(StoreScenario::DistributorChannel, {}), QString());
    QCOMPARE(Pricing::storePinnedTier(std::nullopt, QStringLiteral("vip")), QStringLiteral("vip"));
}

void TestDomain::priceLineAndTotals()
{
    Product p{7,
              QStringLiteral("VITA"),
              QStringLiteral("Vitamins"),
              true,
              2500,
              2000,
              {{QStringLiteral("retail"), 3000}, {QStringLiteral("distributor"), 2100}}};
    auto line = Pricing::priceLine(p, QStringLiteral("customer"), 3);
    QVERIFY(line);
    QCOMPARE(line->unitPrice, 3000);
    QCOMPARE(line->distributorPrice, 2100);
    QCOMPARE(line->pv, 2500);
    QCOMPARE(line->bv, 2000);
    QVERIFY(!Pricing::priceLine(p, QStringLiteral("retail"), 0));
    QVERIFY(!Pricing::priceLine(p, QStringLiteral("retail"), -2));
    QVERIFY(!Pricing::priceLine(p, QStringLiteral("retail"), Pricing::kMaxQuantity + 1));
    QVERIFY(!Pricing::priceLine(p, QStringLiteral("retail"), 1, Money(-1)));
    auto given = Pricing::priceLine(p, QStringLiteral("retail"), 1, Money(100));
    QVERIFY(given);
    QCOMPARE(given->unitPrice, 100);

    Order order;
    order.lines = {line.value(), given.value()};
    QVERIFY(Pricing::computeTotals(order));
    QCOMPARE(order.totalPrice, 3 * 3000 + 100);
    QCOMPARE(order.totalPv, 4 * 2500);
    QCOMPARE(order.totalBv, 4 * 2000);
    order.lines[0].unitPrice = std::numeric_limits<qint64>::max() / 2;
    QVERIFY(!Pricing::computeTotals(order)); // overflow is refused, never wrapped
}

void TestDomain::attribution_data()
{
    QTest::addColumn<int>("scenario"); // 0: back office
    QTest::addColumn<qint64>("buyerMember");
    QTest::addColumn<qint64>("customerOwner");
    QTest::addColumn<qint64>("credited");
    QTest::newRow("back office: the buyer") << 0 << Id(5) << Id(0) << Id(5);
    QTest::newRow("scenario 1 customer: nobody") << 1 << Id(0) << Id(0) << Id(0);
    QTest::newRow("scenario 1 member: nobody") << 1 << Id(5) << Id(0) << Id(0);
    QTest::newRow("scenario 2: the buying member") << 2 << Id(5) << Id(0) << Id(5);
    QTest::newRow("scenario 3: the owner") << 3 << Id(0) << Id(9) << Id(9);
    QTest::newRow("scenario 3 without owner: nobody") << 3 << Id(0) << Id(0) << Id(0);
    QTest::newRow("scenario 3 member buyer: himself") << 3 << Id(5) << Id(0) << Id(5);
}

void TestDomain::attribution()
{
    QFETCH(int, scenario);
    QFETCH(qint64, buyerMember);
    QFETCH(qint64, customerOwner);
    QFETCH(qint64, credited);
    const auto s = scenario == 0 ? std::nullopt : std::optional(StoreScenario(scenario));
    QCOMPARE(Attribution::creditedMember(s, buyerMember, customerOwner), credited);
    QCOMPARE(Attribution::customerOwner(StoreScenario::SeparateChannel, 9), Id(0));
    QCOMPARE(Attribution::customerOwner(StoreScenario::PersonalStorefront, 9), Id(9));
}

void TestDomain::memberCodes_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << QStringLiteral("ANNA") << true;
    QTest::newRow("two chars") << QStringLiteral("ab") << true;
    QTest::newRow("one char") << QStringLiteral("a") << false;
    QTest::newRow("32 chars") << QString(32, u'x') << true;
    QTest::newRow("33 chars") << QString(33, u'x') << false;
    QTest::newRow("dash underscore") << QStringLiteral("anna_k-2026") << true;
    QTest::newRow("space") << QStringLiteral("an na") << false;
    QTest::newRow("dot") << QStringLiteral("an.na") << false;
    QTest::newRow("cyrillic") << QStringLiteral("АННА") << false;
    QTest::newRow("sql") << QStringLiteral("x';DROP") << false;
}

void TestDomain::memberCodes()
{
    QFETCH(QString, code);
    QFETCH(bool, valid);
    QCOMPARE(codes::isValidMemberCode(code), valid);
}

void TestDomain::linkCodes_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("valid");
    QTest::newRow("vanity") << QStringLiteral("ANNA2026") << true;
    QTest::newRow("dash") << QStringLiteral("anna-shop") << true;
    QTest::newRow("three chars") << QStringLiteral("abc") << false;
    QTest::newRow("four chars") << QStringLiteral("abcd") << true;
    QTest::newRow("underscore") << QStringLiteral("anna_shop") << false;
    QTest::newRow("33 chars") << QString(33, u'a') << false;
}

void TestDomain::linkCodes()
{
    QFETCH(QString, code);
    QFETCH(bool, valid);
    QCOMPARE(codes::isValidLinkCode(code), valid);
}

void TestDomain::generatedLinkCodes()
{
    QSet<QString> seen;
    for (int i = 0; i < 2000; ++i) {
        const QString code = codes::generateLinkCode();
        QCOMPARE(code.size(), 8);
        QVERIFY2(codes::isCrockfordBase32(code), qPrintable(code));
        QVERIFY(codes::isValidLinkCode(code));
        for (QChar banned : {u'I', u'L', u'O', u'U'})
            QVERIFY(!code.contains(banned));
        seen.insert(code);
    }
    QVERIFY(seen.size() > 1990); // 40 bits of randomness: collisions are essentially impossible here
    QVERIFY(!codes::isCrockfordBase32(u"ABCDEFGI"));
}

void TestDomain::emails_data()
{
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("plausible");
    QTest::newRow("plain") << QStringLiteral("anna@example.com") << true;
    QTest::newRow("no at") << QStringLiteral("anna.example.com") << false;
    QTest::newRow("two ats") << QStringLiteral("a@b@c") << false;
    QTest::newRow("space") << QStringLiteral("an na@example.com") << false;
    QTest::newRow("nothing after") << QStringLiteral("anna@") << false;
    QTest::newRow("too long") << QString(250, u'a') + QStringLiteral("@b.com") << false;
}

void TestDomain::emails()
{
    QFETCH(QString, email);
    QFETCH(bool, plausible);
    QCOMPARE(codes::isPlausibleEmail(email), plausible);
}

void TestDomain::isoTimestamps_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected"); // -1: invalid
    QTest::newRow("Z") << QStringLiteral("2026-10-05T12:00:00Z") << qint64(1791201600);
    QTest::newRow("fraction") << QStringLiteral("2026-10-05T12:00:00.250Z") << qint64(1791201600);
    QTest::newRow("offset") << QStringLiteral("2026-10-05T14:00:00+02:00") << qint64(1791201600);
    QTest::newRow("negative offset") << QStringLiteral("2026-10-05T07:00:00-05:00") << qint64(1791201600);
    QTest::newRow("no seconds") << QStringLiteral("2026-10-05T12:00Z") << qint64(1791201600);
    QTest::newRow("date only") << QStringLiteral("2026-10-05") << qint64(1791158400);
    QTest::newRow("epoch") << QStringLiteral("1970-01-01T00:00:00Z") << qint64(0);
    QTest::newRow("leap day") << QStringLiteral("2028-02-29T00:00:00Z") << qint64(1835395200);
    QTest::newRow("not a leap day") << QStringLiteral("2026-02-29T00:00:00Z") << qint64(-1);
    QTest::newRow("no zone") << QStringLiteral("2026-10-05T12:00:00") << qint64(-1);
    QTest::newRow("hour 24") << QStringLiteral("2026-10-05T24:00:00Z") << qint64(-1);
    QTest::newRow("month 13") << QStringLiteral("2026-13-05T12:00:00Z") << qint64(-1);
    QTest::newRow("garbage") << QStringLiteral("yesterday") << qint64(-1);
    QTest::newRow("trailing") << QStringLiteral("2026-10-05T12:00:00Zx") << qint64(-1);
    QTest::newRow("empty") << QString() << qint64(-1);
}

void TestDomain::isoTimestamps()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    const auto parsed = parseIsoTimestamp(text);
    QCOMPARE(parsed.has_value(), expected >= 0);
    if (parsed)
        QCOMPARE(*parsed, expected);
    if (expected > 0)
        QCOMPARE(parseIsoTimestamp(formatIsoTimestamp(expected)), expected);
}

void TestDomain::isoTimestampsAsQtWritesThem()
{
    // The fast writer gives QDateTime's text: around the epoch, leap days, centuries, the ends of years and days.
    QList<qint64> times = {0, -1, 1, 86399, 86400, -86400, -86401, 951782400, 4107542399, 253402300799, -2208988800,
                           *parseIsoTimestamp(u"2000-02-29T23:59:59Z"), *parseIsoTimestamp(u"2100-03-01T00:00:00Z")};
    QRandomGenerator random(11);
    for (int i = 0; i < 20000; ++i)
        times << random.bounded(qint64(-62135596800), qint64(253402300799));
    for (const qint64 t : times)
        QCOMPARE(formatIsoTimestamp(t), QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODate));
}

void TestDomain::periods()
{
    const auto p = Period::parse(u"2026-10");
    QVERIFY(p);
    QCOMPARE(p->start(), *parseIsoTimestamp(u"2026-10-01T00:00:00Z"));
    QCOMPARE(p->end(), *parseIsoTimestamp(u"2026-11-01T00:00:00Z"));
    QCOMPARE(Period::parse(u"2026-12")->next().toString(), QStringLiteral("2027-01"));
    QCOMPARE(Period::containing(*parseIsoTimestamp(u"2026-10-31T23:59:59Z")).toString(), QStringLiteral("2026-10"));
    QCOMPARE(Period::containing(*parseIsoTimestamp(u"2026-11-01T00:00:00Z")).toString(), QStringLiteral("2026-11"));
    QVERIFY(!Period::parse(u"2026-13"));
    QVERIFY(!Period::parse(u"2026-1"));
    QVERIFY(!Period::parse(u"26-10"));
}

void TestDomain::planJson()
{
    const CompensationPlan defaults;
    QCOMPARE(defaults.levelsBp, (QList<int>{1000, 500, 300, 200, 100}));
    QCOMPARE(defaults.qualificationPv, 10000);
    auto parsed = CompensationPlan::fromJson(defaults.toJson());
    QVERIFY(parsed);
    QCOMPARE(parsed.value(), defaults);
    auto custom = CompensationPlan::fromJson(
        QJsonDocument::fromJson(R"({"levels_bp": [700, 300], "compression": false})").object());
    QVERIFY(custom);
    QCOMPARE(custom->levelsBp, (QList<int>{700, 300}));
    QVERIFY(!custom->compression);
    QVERIFY(custom->retailProfit);
    for (const char *bad : {R"({"levels_bp": [10001]})", R"({"levels_bp": [1.5]})", R"({"levels_bp": "10"})",
                            R"({"qualification_pv": -1})", R"({"compression": "yes"})"}) {
        QVERIFY2(!CompensationPlan::fromJson(QJsonDocument::fromJson(bad).object()), bad);
    }
}

void TestDomain::databaseUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("display");
    QTest::newRow("sqlite absolute") << QStringLiteral("sqlite:///tmp/x.db") << true
                                     << QStringLiteral("sqlite:///tmp/x.db");
    QTest::newRow("postgres") << QStringLiteral("postgresql://u:secret@db.local:6543/mlm") << true
                              << QStringLiteral("postgresql://u@db.local:6543/mlm");
    QTest::newRow("postgres default port")
        << QStringLiteral("postgres://u@h/mlm") << true << QStringLiteral("postgresql://u@h:5432/mlm");
    QTest::newRow("no database") << QStringLiteral("postgresql://u@h:5432/") << false << QString();
    QTest::newRow("mysql") << QStringLiteral("mysql://u@h/db") << false << QString();
    QTest::newRow("bare path") << QStringLiteral("/tmp/x.db") << false << QString();
    QTest::newRow("sqlite empty") << QStringLiteral("sqlite:") << false << QString();
}

void TestDomain::databaseUrls()
{
    QFETCH(QString, url);
    QFETCH(bool, valid);
    QFETCH(QString, display);
    auto parsed = DatabaseUrl::parse(url);
    QCOMPARE(parsed.ok(), valid);
    if (parsed)
        QCOMPARE(parsed->displayString(), display); // never shows the password
    else
        QVERIFY(parsed.error().message.contains(url.left(5)));
    auto relative = DatabaseUrl::parse(QStringLiteral("sqlite:rel/x.db"));
    QVERIFY(relative);
    QVERIFY(relative->path.startsWith(u'/'));
    QVERIFY(relative->path.endsWith(QStringLiteral("/rel/x.db")));
}

QTEST_GUILESS_MAIN(TestDomain)
#include "tst_domain.moc"
