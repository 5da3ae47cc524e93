// A property test: random companies computed by the engine (through the database) and by a deliberately simple,
// slow reference written here from SPEC 6, order by order, upline by upline. They must agree to the cent.
#include "TestData.h"
#include "TestDatabase.h"
#include "compensation/CommissionRuns.h"
#include "compensation/Plans.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <map>

using namespace mlm;
using namespace mlm::test;

namespace {

struct RefProduct
{
    QString sku;
    qint64 pv, bv, retail;
    std::optional<qint64> customer, distributor;
};

struct RefMember
{
    QString code;
    int sponsor; // -1 root
    QString status;
};

struct RefLine
{
    int product;
    qint64 qty;
    std::optional<qint64> unitPrice;
};

struct RefOrder
{
    QString store; // "" back office, "s1", "s2", "s3"
    int buyerMember = -1;
    int buyerCustomer = -1;
    QString status;
    QString paidAt;
    QString refundedAt;
    QList<RefLine> lines;
};

struct RefCustomer
{
    QString store;
    QString email;
    int link = -1; // index into links
};

struct RefLink
{
    QString code;
    int member;
    bool active;
};

struct Company
{
    QList<int> levels;
    qint64 qualification = 10000;
    bool retailProfit = true;
    QList<RefProduct> products;
    QList<RefMember> members;
    QList<RefLink> links;
    QList<RefCustomer> customers;
    QList<RefOrder> orders;
};

Company generate(quint32 seed)
{
    QRandomGenerator rng(seed);
    auto pick = [&](int n) { return int(rng.bounded(n)); };
    Company c;
    const int levelCount = 1 + pick(6);
    for (int k = 0; k < levelCount; ++k)
        c.levels << pick(2001);
    const qint64 qualifications[] = {0, 1000, 5000, 10000};
    c.qualification = qualifications[pick(4)];
    c.retailProfit = pick(4) != 0;
    const int productCount = 3 + pick(4);
    for (int p = 0; p < productCount; ++p) {
        RefProduct product{QStringLiteral("SKU%1").arg(p), qint64(pick(5000)), qint64(pick(7000)),
                           qint64(500 + pick(9000)),       std::nullopt,       std::nullopt};
        if (pick(3) != 0)
            product.customer = product.retail - pick(400);
        if (pick(4) != 0)
            product.distributor = product.retail - 500 + pick(800); // sometimes above retail
        c.products << product;
    }
    const int memberCount = 30 + pick(250);
    const QString statuses[] = {QStringLiteral("distributor"), QStringLiteral("distributor"),
                                QStringLiteral("customer"), QStringLiteral("suspended"), QStringLiteral("terminated")};
    for (int m = 0; m < memberCount; ++m) {
        int sponsor = -1;
        if (m > 0)
            sponsor = pick(5) == 0 ? m - 1 : pick(m); // a few chains, mostly random
        c.members << RefMember{QStringLiteral("M%1").arg(m, 4, 10, QLatin1Char('0')), sponsor,
                               m == 0 ? statuses[0] : statuses[pick(5)]};
    }
    for (int m = 0; m < memberCount; ++m) {
        if (pick(3) == 0)
            c.links << RefLink{QStringLiteral("LINK-%1").arg(m), m, pick(5) != 0};
    }
    const int customerCount = 5 + pick(40);
    for (int i = 0; i < customerCount; ++i) {
        const bool storefront = pick(3) != 0;
        c.customers << RefCustomer{storefront ? QStringLiteral("s3") : QStringLiteral("s1"),
                                   QStringLiteral("c%1@example.net").arg(i),
                                   storefront && !c.links.isEmpty() && pick(5) != 0 ? pick(int(c.links.size())) : -1};
    }
    const int orderCount = 100 + pick(900);
    const QString stores[] = {QString(), QStringLiteral("s1"), QStringLiteral("s2"), QStringLiteral("s3")};
    for (int i = 0; i < orderCount; ++i) {
        RefOrder o;
        if (pick(4) == 0) {
            o.buyerCustomer = pick(customerCount);
            o.store = c.customers.at(o.buyerCustomer).store;
        } else {
            o.buyerMember = pick(memberCount);
            o.store = stores[pick(4)];
        }
        const int roll = pick(20);
        o.status = roll < 15   ? QStringLiteral("paid")
                   : roll < 17 ? QStringLiteral("refunded")
                   : roll < 19 ? QStringLiteral("pending")
                               : QStringLiteral("cancelled");
        const int month = roll < 13 ? 10 : 9 + pick(3); // mostly October, some September and November
        if (o.status == u"paid" || o.status == u"refunded")
            o.paidAt = QStringLiteral("2026-%1-%2T%3:00:00Z")
                           .arg(month, 2, 10, QLatin1Char('0'))
                           .arg(1 + pick(28), 2, 10, QLatin1Char('0'))
                           .arg(pick(24), 2, 10, QLatin1Char('0'));
        if (o.status == u"refunded")
            o.refundedAt = QStringLiteral("2026-12-01T00:00:00Z");
        const int lineCount = 1 + pick(3);
        for (int l = 0; l < lineCount; ++l) {
            RefLine line{pick(productCount), qint64(1 + pick(5)), std::nullopt};
            if (pick(6) == 0)
                line.unitPrice = qint64(pick(12000));
            o.lines << line;
        }
        c.orders << o;
    }
    return c;
}

QByteArray toDataset(const Company &c, bool compression)
{
    QJsonArray levels;
    for (int bp : c.levels)
        levels << bp;
    QJsonArray products, members, links, customers, orders;
    for (const RefProduct &p : c.products) {
        QJsonObject prices{{QStringLiteral("retail"), p.retail}};
        if (p.customer)
            prices.insert(QStringLiteral("customer"), *p.customer);
        if (p.distributor)
            prices.insert(QStringLiteral("distributor"), *p.distributor);
        products << QJsonObject{{QStringLiteral("sku"), p.sku},
                                {QStringLiteral("name"), p.sku},
                                {QStringLiteral("pv"), p.pv},
                                {QStringLiteral("bv"), p.bv},
                                {QStringLiteral("prices"), prices}};
    }
    for (const RefMember &m : c.members)
        members << QJsonObject{
            {QStringLiteral("code"), m.code},
            {QStringLiteral("name"), m.code},
            {QStringLiteral("email"), QString()},
            {QStringLiteral("sponsor"), m.sponsor < 0 ? QJsonValue() : QJsonValue(c.members.at(m.sponsor).code)},
            {QStringLiteral("status"), m.status}};
    for (const RefLink &l : c.links)
        links << QJsonObject{{QStringLiteral("code"), l.code},
                             {QStringLiteral("member"), c.members.at(l.member).code},
                             {QStringLiteral("store"), QStringLiteral("s3")},
                             {QStringLiteral("active"), l.active}};
    for (const RefCustomer &cu : c.customers)
        customers << QJsonObject{
            {QStringLiteral("store"), cu.store},
            {QStringLiteral("email"), cu.email},
            {QStringLiteral("name"), cu.email},
            {QStringLiteral("via_link"), cu.link < 0 ? QJsonValue() : QJsonValue(c.links.at(cu.link).code)}};
    for (qsizetype i = 0; i < c.orders.size(); ++i) {
        const RefOrder &o = c.orders.at(i);
        QJsonArray lines;
        for (const RefLine &l : o.lines) {
            QJsonObject line{{QStringLiteral("sku"), c.products.at(l.product).sku}, {QStringLiteral("qty"), l.qty}};
            if (l.unitPrice)
                line.insert(QStringLiteral("unit_price"), *l.unitPrice);
            lines << line;
        }
        QJsonObject order{{QStringLiteral("store"), o.store.isEmpty() ? QJsonValue() : QJsonValue(o.store)},
                          {QStringLiteral("external_id"), QString::number(i)},
                          {QStringLiteral("buyer"),
                           o.buyerMember >= 0
                               ? QJsonObject{{QStringLiteral("member"), c.members.at(o.buyerMember).code}}
                               : QJsonObject{{QStringLiteral("customer"), c.customers.at(o.buyerCustomer).email}}},
                          {QStringLiteral("status"), o.status},
                          {QStringLiteral("lines"), lines}};
        if (!o.paidAt.isEmpty())
            order.insert(QStringLiteral("paid_at"), o.paidAt);
        if (!o.refundedAt.isEmpty())
            order.insert(QStringLiteral("refunded_at"), o.refundedAt);
        orders << order;
    }
    const QJsonObject plan{{QStringLiteral("levels_bp"), levels},
                           {QStringLiteral("qualification_pv"), c.qualification},
                           {QStringLiteral("compression"), compression},
                           {QStringLiteral("retail_profit"), c.retailProfit}};
    const auto store = [](const char *code, const char *scenario) {
        return QJsonObject{{QStringLiteral("code"), QLatin1StringView(code)},
                           {QStringLiteral("name"), QLatin1StringView(code)},
                           {QStringLiteral("scenario"), QLatin1StringView(scenario)},
                           {QStringLiteral("link_template"), QStringLiteral("https://x.example.com/{code}")},
                           {QStringLiteral("default_sponsor"), QStringLiteral("M0000")}};
    };
    const QJsonObject root{
        {QStringLiteral("format"), QStringLiteral("mlm-dataset/1")},
        {QStringLiteral("currency"), QStringLiteral("USD")},
        {QStringLiteral("plan"), plan},
        {QStringLiteral("products"), products},
        {QStringLiteral("stores"), QJsonArray{store("s1", "separate_channel"), store("s2", "distributor_channel"),
                                              store("s3", "personal_storefront")}},
        {QStringLiteral("members"), members},
        {QStringLiteral("links"), links},
        {QStringLiteral("customers"), customers},
        {QStringLiteral("orders"), orders}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

/// SPEC 6, read literally.
QMap<QString, MemberCommission> reference(const Company &c, bool compression)
{
    const qsizetype n = c.members.size();
    auto owner = [&](const RefCustomer &cu) -> int {
        if (cu.store != u"s3" || cu.link < 0)
            return -1;
        const RefLink &l = c.links.at(cu.link);
        const QString &s = c.members.at(l.member).status;
        return l.active && (s == u"customer" || s == u"distributor") ? l.member : -1;
    };
    auto tierOf = [&](const RefOrder &o) -> QString {
        if (o.store == u"s1" || o.buyerMember < 0)
            return QStringLiteral("retail");
        const QString &s = c.members.at(o.buyerMember).status;
        return s == u"customer"      ? QStringLiteral("customer")
               : s == u"distributor" ? QStringLiteral("distributor")
                                     : QStringLiteral("retail");
    };
    auto priceIn = [](const RefProduct &p, const QString &tier) {
        if (tier == u"customer" && p.customer)
            return *p.customer;
        if (tier == u"distributor" && p.distributor)
            return *p.distributor;
        return p.retail;
    };
    QList<bool> counting;
    QList<int> credited;
    QList<qint64> pv(n, 0);
    for (const RefOrder &o : c.orders) {
        const bool counts = o.status == u"paid" && o.paidAt.startsWith(QStringLiteral("2026-10"));
        int to = -1;
        if (o.store != u"s1")
            to = o.buyerMember >= 0 ? o.buyerMember : owner(c.customers.at(o.buyerCustomer));
        counting << counts;
        credited << to;
        if (counts && to >= 0) {
            for (const RefLine &l : o.lines)
                pv[to] += l.qty * c.products.at(l.product).pv;
        }
    }
    auto qualified = [&](int m) { return c.members.at(m).status == u"distributor" && pv.at(m) >= c.qualification; };
    QList<qint64> retail(n, 0);
    QList<QList<qint64>> levels(n, QList<qint64>(c.levels.size(), 0));
    for (qsizetype i = 0; i < c.orders.size(); ++i) {
        const RefOrder &o = c.orders.at(i);
        const int to = credited.at(i);
        if (!counting.at(i) || to < 0)
            continue;
        qint64 bv = 0;
        qint64 margin = 0;
        for (const RefLine &l : o.lines) {
            const RefProduct &p = c.products.at(l.product);
            bv += l.qty * p.bv;
            const qint64 unit = l.unitPrice ? *l.unitPrice : priceIn(p, tierOf(o));
            margin += std::max<qint64>(0, l.qty * (unit - priceIn(p, QStringLiteral("distributor"))));
        }
        if (c.retailProfit && o.buyerCustomer >= 0 && c.members.at(to).status == u"distributor")
            retail[to] += margin;
        int level = 0;
        for (int up = c.members.at(to).sponsor; up >= 0 && level < c.levels.size(); up = c.members.at(up).sponsor) {
            if (compression && !qualified(up))
                continue; // skipped, uses up no level
            if (qualified(up))
                levels[up][level] += bv * c.levels.at(level) / 10000;
            ++level;
        }
    }
    QMap<QString, MemberCommission> result;
    for (qsizetype m = 0; m < n; ++m) {
        qint64 total = retail.at(m);
        bool any = pv.at(m) > 0 || retail.at(m) != 0;
        for (qint64 a : levels.at(m)) {
            total += a;
            any = any || a != 0;
        }
        if (any)
            result.insert(c.members.at(m).code, MemberCommission{0, c.members.at(m).code, pv.at(m), qualified(int(m)),
                                                                 retail.at(m), levels.at(m), 0, total});
    }
    return result;
}

QString describe(const MemberCommission &m)
{
    QStringList levels;
    for (qint64 a : m.levels)
        levels << QString::number(a);
    return QStringLiteral("%1 pv=%2 q=%3 retail=%4 levels=[%5] total=%6")
        .arg(m.code)
        .arg(m.pv)
        .arg(m.qualified)
        .arg(m.retailProfit)
        .arg(levels.join(u','))
        .arg(m.total);
}

} // namespace

class TestCommissionProperty : public QObject
{
    Q_OBJECT
private slots:
    void engineAgreesWithReference_data();
    void engineAgreesWithReference();
};

void TestCommissionProperty::engineAgreesWithReference_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<bool>("compression");
    const int companies = TestDatabase::isPostgres() ? 6 : 30;
    for (quint32 seed = 1; seed <= quint32(companies); ++seed) {
        QTest::addRow("seed %u, compression", seed) << seed << true;
        QTest::addRow("seed %u, no compression", seed) << seed << false;
    }
}

void TestCommissionProperty::engineAgreesWithReference()
{
    QFETCH(quint32, seed);
    QFETCH(bool, compression);
    const Company company = generate(seed);
    auto t = TestDatabase::create();
    QVERIFY(t);
    auto imported = DatasetImporter(t->db()).importJson(toDataset(company, compression), testActor());
    QVERIFY2(imported, imported ? "" : qPrintable(imported.error().message));
    auto run = CommissionRuns(t->db()).preview(Period{2026, 10});
    QVERIFY2(run, run ? "" : qPrintable(run.error().message));
    const auto expected = reference(company, compression);
    QStringList differences;
    QSet<QString> seen;
    for (const MemberCommission &m : run->members) {
        seen.insert(m.code);
        const auto it = expected.constFind(m.code);
        if (it == expected.constEnd())
            differences << QStringLiteral("extra: ") + describe(m);
        else if (describe(*it) != describe(m))
            differences << QStringLiteral("engine: %1\n    reference: %2").arg(describe(m), describe(*it));
    }
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        if (!seen.contains(it.key()))
            differences << QStringLiteral("missing: ") + describe(*it);
    }
    QVERIFY2(differences.isEmpty(), qPrintable(differences.mid(0, 5).join(u'\n')));
    QVERIFY(expected.size() > 5); // the company did pay something
    QStringList codes;
    for (const MemberCommission &m : run->members)
        codes << m.code;
    QStringList sorted = codes;
    sorted.sort();
    QCOMPARE(codes, sorted);
}

QTEST_GUILESS_MAIN(TestCommissionProperty)
#include "tst_commission_property.moc"
